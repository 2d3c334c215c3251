/**
 * RFC 9457 problem details (`application/problem+json`), built on
 * `effect/http`'s `ProblemDetails`: any Faultline error renders as a problem
 * with a stable `type` URI per class, and any problem decodes to a typed
 * error, its extension members kept.
 *
 * @since 0.1.0
 */
import { type ApiError, Catalog } from "@faultline/errors"
import { ProblemDetails } from "effect/http"
import * as Dialect from "./Dialect.ts"

/**
 * The default base of the `type` URIs: a `tag:` URI (RFC 4151), which is
 * stable and names without pretending to be a page to fetch (RFC 9457 §3.1.1
 * allows non-resolvable URIs).
 *
 * @category models
 * @since 0.1.0
 */
export const defaultTypeBase = "tag:faultline.dev,2026:problem:"

/**
 * The wire form: RFC 9457's members, extensions alongside.
 *
 * @see RFC 9457 §3
 * @category schemas
 * @since 0.1.0
 */
export const Wire = ProblemDetails.Schema

/**
 * Options of a problem dialect.
 *
 * @category models
 * @since 0.1.0
 */
export interface Options {
  /** Prefix of each class's `type` URI; the class's tag in kebab case follows. Default {@link defaultTypeBase}. */
  readonly typeBase?: string | undefined
}

const kebab = (tag: string) => tag.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()

/**
 * Every class of the catalog as a problem type: `about:blank` at its status
 * for a class that means no more than its status (RFC 9457 §4.2.1), its own
 * `type` URI at each of its statuses for every other.
 */
const problemCodes = (typeBase: string) =>
  (Object.values(Catalog.classes) as ReadonlyArray<ApiError.AnyClass>).flatMap((errorClass) =>
    errorClass.statuses.map((status) => ({
      code: Catalog.genericClassOf(status) === errorClass
        ? ProblemDetails.blankType
        : `${typeBase}${kebab(errorClass.tag)}`,
      status,
      class: errorClass as (typeof Catalog.classes)[Catalog.Tag],
      source: "RFC 9457"
    }))
  )

/**
 * The sections of the HTTP specifications that define each status, as
 * frameworks write them in `type` (ASP.NET Core's
 * `https://tools.ietf.org/html/rfc9110#section-15.5.5`, and its RFC 7231
 * links before .NET 8): such a type means what the status means, as
 * `about:blank` does.
 */
const statusSections: ReadonlyArray<readonly [status: number, sections: ReadonlyArray<string>]> = [
  [400, ["rfc9110#section-15.5.1", "rfc7231#section-6.5.1"]],
  [401, ["rfc9110#section-15.5.2", "rfc7235#section-3.1"]],
  [402, ["rfc9110#section-15.5.3", "rfc7231#section-6.5.2"]],
  [403, ["rfc9110#section-15.5.4", "rfc7231#section-6.5.3"]],
  [404, ["rfc9110#section-15.5.5", "rfc7231#section-6.5.4"]],
  [405, ["rfc9110#section-15.5.6", "rfc7231#section-6.5.5"]],
  [408, ["rfc9110#section-15.5.9", "rfc7231#section-6.5.7"]],
  [409, ["rfc9110#section-15.5.10", "rfc7231#section-6.5.8"]],
  [410, ["rfc9110#section-15.5.11", "rfc7231#section-6.5.9"]],
  [412, ["rfc9110#section-15.5.13", "rfc7232#section-4.2"]],
  [413, ["rfc9110#section-15.5.14", "rfc7231#section-6.5.11"]],
  [415, ["rfc9110#section-15.5.16", "rfc7231#section-6.5.13"]],
  [422, ["rfc9110#section-15.5.21", "rfc4918#section-11.2"]],
  [429, ["rfc6585#section-4"]],
  [500, ["rfc9110#section-15.6.1", "rfc7231#section-6.6.1"]],
  [501, ["rfc9110#section-15.6.2", "rfc7231#section-6.6.2"]],
  [502, ["rfc9110#section-15.6.3", "rfc7231#section-6.6.3"]],
  [503, ["rfc9110#section-15.6.4", "rfc7231#section-6.6.4"]],
  [504, ["rfc9110#section-15.6.5", "rfc7231#section-6.6.5"]]
]

/**
 * Pages about one status that APIs write as `type` (`https://httpstatuses.io/404`, MDN's status pages): such a
 * type means what the status means.
 */
const statusPages = [
  "https://httpstatuses.com/",
  "https://httpstatuses.io/",
  "https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/",
  "https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Status/"
]

/**
 * Types that name the HTTP specification's whole chapter of statuses, as PHP frameworks write them (Laminas API
 * Problem's default, Symfony's): the status alone says what they mean, so they are declared at every status.
 */
const statusChapters = [
  "http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html",
  "https://tools.ietf.org/html/rfc2616#section-10"
]

const statusTypes = statusSections.flatMap(([status, sections]) => {
  const meaning = Catalog.genericClassOf(status) as (typeof Catalog.classes)[Catalog.Tag]
  return [
    ...sections.flatMap((section) =>
      ["https://tools.ietf.org/html/", "https://datatracker.ietf.org/doc/html/"].map((base) => ({
        code: `${base}${section}`,
        status,
        class: meaning,
        source: "RFC 9110 §15; ASP.NET Core ProblemDetails defaults"
      }))
    ),
    ...statusPages.map((page) => ({
      code: `${page}${status}`,
      status,
      class: meaning,
      source: "status reference pages"
    })),
    ...statusChapters.map((code) => ({
      code,
      status,
      class: meaning,
      source: "RFC 2616 §10; Laminas, Symfony defaults"
    }))
  ]
})

/**
 * Makes a problem dialect.
 *
 * - `type`: `about:blank` for a class that means no more than its status
 *   (`NotFound`, `Conflict`…), with the status's reason phrase as `title`
 *   (RFC 9457 §4.2.1); `typeBase` + the tag in kebab case for any other
 *   (`…:invalid-grant`), with the class's title — a user's class too.
 * - `status` is always the HTTP status (§3.1.2); `detail` the message (a
 *   5xx's only under operator debug).
 * - Typed fields are extension members: `resource`, `path`, `errors` (field
 *   issues as `{path, message, check?}`), `scope`, `request_id`, `details`,
 *   `error_uri`; the error's other extensions follow them.
 * - An aggregate (`MultipleErrors`) is a problem whose `errors` are its
 *   members, each a problem of its own (RFC 9457 §3 puts several occurrences
 *   in an extension array; 9457-14), with the aggregate's status.
 * - Decoding: a missing or non-string `type` is `about:blank` (§3.1.1); a
 *   standard member of the wrong JSON type is ignored (§3.1) and kept with
 *   the extensions; `about:blank` takes its class from the HTTP status (an
 *   unknown status as the `x00` of its class, RFC 9110 §15); a title of the
 *   problem's own is kept; a `status` member that disagrees with the HTTP
 *   status does not decide anything — the HTTP status does, and the member is
 *   kept in `extensions.status` for the caller to see (§3.1.2, 9457-07); a
 *   `type` that links the HTTP specification's section of a status (as
 *   ASP.NET Core writes, `…/rfc9110#section-15.5.5`), a page about one
 *   status (`https://httpstatuses.io/404`, MDN's) or RFC 2616's chapter of
 *   statuses (Laminas's and Symfony's default) means the status, as
 *   `about:blank` does, its field `errors` map read as issues; an
 *   unknown `type` is an `UnknownError` whose code is the `type`, and which
 *   keeps every other member as it came (`errors` too), to be written back as
 *   it was; with no `detail`, its `title` is its message, and is not written
 *   again as a `detail`. A relative `type` is resolved against the request's
 *   URL when the decoder is given it (`DecodeOptions.url`, 9457-04).
 *
 * @see RFC 9457
 * @category constructors
 * @since 0.1.0
 */
export const make = (options?: Options) => {
  const typeBase = options?.typeBase ?? defaultTypeBase
  return Dialect.make({
    name: "problem",
    contentType: ProblemDetails.contentType,
    codes: [...problemCodes(typeBase), ...statusTypes],
    convention: (errorClass) => `${typeBase}${kebab(errorClass.tag)}`,
    // a class's own fields are extension members, as RFC 9457 §3.2 has them
    fields: "members",
    shape: {
      code: { path: ["type"], format: "uri", default: ProblemDetails.blankType },
      title: ["title"],
      status: ["status"],
      message: ["detail"],
      resource: ["resource"],
      path: ["path"],
      issues: { path: ["errors"], format: "list" },
      // an aggregate's members are problems, in the member its field issues would take (RFC 9457 §3's `errors`)
      members: ["errors"],
      scope: ["scope"],
      requestId: ["request_id"],
      details: ["details"],
      errorUri: ["error_uri"]
    },
    // a type, or a title with a status; a title alone when no other dialect's members are there
    detect: [
      { has: [{ path: ["type"], is: "string" }], lacks: [["error"]] },
      { has: [{ path: ["title"], is: "string" }, ["status"]], lacks: [["error"]] },
      // a detail alone is FastAPI's and Django REST framework's
      { has: [["title"]], lacks: [{ path: ["code"], is: "string" }, ["message"], ["error"]] }
    ],
    // the problem format of RFC 7807's predecessor (draft-nottingham-http-problem), still sent by some servers
    mediaTypes: ["application/api-problem+json"]
  })
}

/**
 * The problem dialect with the default `type` base.
 *
 * @category models
 * @since 0.1.0
 */
export const dialect = make()

/**
 * Writes an error as a problem.
 *
 * @category encoding
 * @since 0.1.0
 */
export const encode = dialect.encode

/**
 * Reads a problem response: total, see `Dialect.Dialect.decode`.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decode = dialect.decode

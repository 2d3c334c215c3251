/**
 * RFC 9457 problem details (`application/problem+json`), built on
 * `effect/http`'s `ProblemDetails`: any Faultline error renders as a problem
 * with a stable `type` URI per class, and any problem decodes to a typed
 * error, its extension members kept.
 *
 * @since 0.1.0
 */
import { ApiError, Catalog, FieldIssue } from "@faultline/errors"
import { Schema } from "effect"
import { ProblemDetails } from "effect/http"
import { HttpApiSchema } from "effect/http-api"
import * as Dialect from "./Dialect.ts"
import { issuesFromDetails, issuesToList } from "./internal/issues.ts"
import { addMembers, isObject, otherMembers } from "./internal/json.ts"
import { genericTagOf, makeTableFrom, type Table } from "./internal/table.ts"

/**
 * The default base of the `type` URIs: a `tag:` URI (RFC 4151), which is
 * stable and names without pretending to be a page to fetch (RFC 9457 §3.1.1
 * allows non-resolvable URIs).
 *
 * @category models
 * @since 0.1.0
 */
export const defaultTypeBase = "tag:faultline.dev,2026:problem:"

const kebab = (tag: string) => tag.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()

const standard = new Set(["type", "title", "status", "detail", "instance"])
const typed = new Set(["resource", "path", "errors", "scope", "request_id", "details", "error_uri"])
const standardOrTyped = new Set([...standard, ...typed])

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

/**
 * Makes a problem dialect.
 *
 * - `type`: `about:blank` for a class that means no more than its status
 *   (`NotFound`, `Conflict`…), with the status's reason phrase as `title`
 *   (RFC 9457 §4.2.1); `typeBase` + the tag in kebab case for any other
 *   (`…:invalid-grant`), with the class's title.
 * - `status` is always the HTTP status (§3.1.2); `detail` the message (a
 *   5xx's only under operator debug).
 * - Typed fields are extension members: `resource`, `path`, `errors` (field
 *   issues as `{path, message, check?}`), `scope`, `request_id`, `details`,
 *   `error_uri`; the error's other extensions follow them.
 * - Decoding: a missing or non-string `type` is `about:blank` (§3.1.1); a
 *   standard member of the wrong JSON type is ignored (§3.1) and kept with
 *   the extensions; `about:blank` takes its class from the HTTP status (an
 *   unknown status as the `x00` of its class, RFC 9110 §15); a `status`
 *   member that disagrees with the HTTP status does not decide anything — the
 *   HTTP status does, and the member is kept in `extensions.status` for the
 *   caller to see (§3.1.2, 9457-07); an unknown `type` is an `UnknownError`
 *   whose code is the `type`.
 *
 * @see RFC 9457
 * @category constructors
 * @since 0.1.0
 */
export const make = (options?: Options): Dialect.Dialect<"problem", ApiError.ApiError> => {
  const typeBase = options?.typeBase ?? defaultTypeBase
  const table = problemTable(typeBase)
  const dialect = Dialect.makeJson<"problem", ApiError.ApiError>({
    name: "problem",
    table,
    contentType: ProblemDetails.contentType,
    read: (json, status) => {
      if (!isObject(json)) return undefined
      if (!("type" in json || "title" in json || "status" in json || "detail" in json)) return undefined
      const type = typeof json.type === "string" && json.type.length > 0 ? json.type : ProblemDetails.blankType
      let extensions = otherMembers(json, standardOrTyped)
      const keep = (name: string, value: Schema.Json) => {
        extensions = { ...extensions }
        Object.defineProperty(extensions, name, { value, enumerable: true, writable: true, configurable: true })
      }
      for (const name of ["title", "detail", "instance"] as const) {
        if (json[name] !== undefined && typeof json[name] !== "string") keep(name, json[name]!)
      }
      if (typeof json.instance === "string") keep("instance", json.instance)
      // a type of someone else's: its title is part of it (RFC 9457 §3.1.3), kept to be written back
      if (typeof json.title === "string" && type !== ProblemDetails.blankType && !type.startsWith(typeBase)) {
        keep("title", json.title)
      }
      if (json.status !== undefined && json.status !== status) keep("status", json.status)
      const code = type === ProblemDetails.blankType ? blankCode(status) : type
      const errors = issuesFromDetails(json.errors)
      if (json.errors !== undefined && errors === undefined) keep("errors", json.errors)
      return {
        code,
        message: typeof json.detail === "string"
          ? json.detail
          : typeof json.title === "string" && type !== ProblemDetails.blankType
          ? json.title
          : undefined,
        details: json.details,
        requestId: typeof json.request_id === "string" ? json.request_id : undefined,
        errorUri: typeof json.error_uri === "string" ? json.error_uri : undefined,
        path: typeof json.path === "string" ? json.path : undefined,
        scope: typeof json.scope === "string" ? json.scope.split(" ").filter((token) => token.length > 0) : undefined,
        issues: errors,
        fields: { resource: typeof json.resource === "string" ? json.resource : undefined },
        extensions
      }
    },
    write: (error, selection, message, requestId) => {
      const declared = error.constructor as { readonly title?: string; readonly description?: string }
      const blank = selection.code.startsWith(ProblemDetails.blankType)
      const theirs = error.extensions
      const instance = typeof theirs?.["instance"] === "string" ? theirs["instance"] : undefined
      const title = error._tag === "UnknownError" && typeof theirs?.["title"] === "string"
        ? theirs["title"]
        : blank || declared.title === undefined
        ? reasonPhrase(selection.status)
        : declared.title
      // built member by member, standard members first (RFC 9457 §3.1), which is also what V8 writes fastest
      const body: Record<string, unknown> = {
        type: !blank && selection.code.includes(":") ? selection.code : ProblemDetails.blankType,
        title,
        status: selection.status
      }
      if (message !== undefined) body.detail = message
      if (instance !== undefined) body.instance = instance
      const resource = (error as { readonly resource?: string }).resource
      const path = (error as { readonly path?: string }).path
      const issues = (error as { readonly issues?: ReadonlyArray<FieldIssue.FieldIssue> }).issues
      const scope = (error as { readonly scope?: ReadonlyArray<string> }).scope
      if (resource !== undefined) body.resource = resource
      if (path !== undefined) body.path = path
      if (issues !== undefined && issues.length > 0) body.errors = issuesToList(issues)
      if (scope !== undefined) body.scope = scope.join(" ")
      if (requestId !== undefined) body.request_id = requestId
      if (error.details !== undefined) body.details = error.details
      if (error.errorUri !== undefined) body.error_uri = error.errorUri
      if (error._tag === "UnknownError" && !selection.code.includes(":")) body.code = selection.code
      addMembers(body, theirs, standardOrTyped)
      return body
    },
    lastResort: (status) => table.byCodeAndStatus.get(`${ProblemDetails.blankType} ${status >= 500 ? 500 : 400}`)!,
    wireSchema: (code) =>
      Schema.StructWithRest(
        Schema.Struct({
          type: code,
          title: Schema.String,
          status: Schema.Number,
          detail: Schema.optionalKey(Schema.String),
          instance: Schema.optionalKey(Schema.String),
          errors: Schema.optionalKey(Schema.Array(FieldIssue.FieldIssue))
        }),
        [Schema.Record(Schema.String, Schema.Json)]
      )
  })
  return {
    ...dialect,
    schema: (errorClass, schemaOptions) =>
      dialect.schema(errorClass, schemaOptions).pipe(
        HttpApiSchema.asJson({ contentType: ProblemDetails.contentType })
      ) as any
  }
}

/** `about:blank` at a status: the generic class's code, or the `x00` of the status class (RFC 9110 §15). */
const blankCode = (status: number) => {
  const known = genericTagOf(status) !== undefined ? status : status >= 400 && status < 500 ? 400 : 500
  return `${ProblemDetails.blankType}#${known}`
}

const reasonPhrase = (status: number): string => {
  const tag = genericTagOf(status)
  return tag === undefined
    ? status >= 500 ? "Internal Server Error" : "Bad Request"
    : (ApiError as unknown as Record<string, { readonly title: string }>)[tag]!.title
}

/**
 * The problem dialect's table: `about:blank` at each status for the generic
 * classes, the class's `type` URI for every other, at each of its statuses.
 */
const problemTable = (typeBase: string): Table => {
  const entries: Array<Catalog.Entry> = []
  for (const errorClass of Object.values(Catalog.classes) as ReadonlyArray<ApiError.ClassFacts<Catalog.Tag, number>>) {
    for (const status of errorClass.statuses) {
      const generic = genericTagOf(status) === errorClass.tag
      entries.push({
        dialect: "problem" as Catalog.Dialect,
        code: generic ? `${ProblemDetails.blankType}#${status}` : `${typeBase}${kebab(errorClass.tag)}`,
        status,
        tag: errorClass.tag,
        origin: "extension",
        source: "RFC 9457",
        description: errorClass.description
      })
    }
  }
  return makeTableFrom("problem" as Catalog.Dialect, entries)
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

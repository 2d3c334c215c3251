/**
 * The error algebra: one `Schema` tagged error class per meaning that the
 * documented APIs and the OAuth registries can send, whatever name each API
 * gives it on the wire.
 *
 * Every class carries its HTTP facts the way `effect/http-api`'s
 * `HttpApiError` does (an `httpApiStatus`, a `title` and a `description`
 * annotation), so it can be listed in an `HttpApiEndpoint` error list as it
 * is; the codes that name it on the wire live in `Catalog`.
 *
 * @since 0.1.0
 */
import { Duration, Effect, ErrorReporter, Schema } from "effect"
import { HttpServerRespondable, HttpServerResponse } from "effect/http"
import * as Challenge from "./Challenge.ts"
import * as FieldIssue from "./FieldIssue.ts"

/**
 * Marks every Faultline error; guards check it rather than `_tag` alone.
 *
 * @category type IDs
 * @since 0.1.0
 */
export const TypeId = "~@faultline/errors/ApiError" as const

/**
 * The type of {@link TypeId}.
 *
 * @category type IDs
 * @since 0.1.0
 */
export type TypeId = typeof TypeId

/**
 * What a decoder saw: the response an error was read from. Attached to
 * decoded errors (not part of their schema, so it never takes part in
 * equality or encoding); `undefined` on errors raised in code.
 *
 * @category models
 * @since 0.1.0
 */
export interface ResponseSnapshot {
  readonly status: number
  /** Lower-cased header names; repeated fields joined with `", "` (RFC 9110 §5.3). */
  readonly headers: Readonly<Record<string, string>>
  /** The body text, cut to the decoder's size limit. */
  readonly body: string
}

/**
 * The facts every Faultline error knows about itself, beyond its fields.
 *
 * @category models
 * @since 0.1.0
 */
export interface Facts {
  readonly [TypeId]: TypeId
  /** The HTTP status this error is sent with. */
  readonly status: number
  /** Whether `message` may be shown to a client: 4xx yes, 5xx no (a 5xx says only its class's description). */
  readonly exposeMessage: boolean
  /** Whether repeating the same request may succeed (transient failures, rate limits, polling protocols). */
  readonly retryable: boolean
  /** The response this error was decoded from, when it was decoded. */
  readonly response?: ResponseSnapshot | undefined
}

/**
 * A Faultline error: a tagged, yieldable `Error` with its HTTP facts.
 *
 * @category models
 * @since 0.1.0
 */
export interface ApiError extends Facts, Error {
  readonly _tag: string
  readonly message: string
  readonly details?: Schema.Json | undefined
  readonly requestId?: string | undefined
  readonly errorUri?: string | undefined
  readonly retryAfter?: Duration.Duration | undefined
  readonly extensions?: { readonly [member: string]: Schema.Json } | undefined
}

/**
 * The static facts of an error class, read by the catalog, the dialects and
 * the OpenAPI output.
 *
 * @category models
 * @since 0.1.0
 */
export interface ClassFacts<Tag extends string, Status extends number> {
  readonly tag: Tag
  /** The default HTTP status. */
  readonly status: Status
  /** Every status the class may be sent with (the default first). */
  readonly statuses: ReadonlyArray<Status>
  /** A short title, like an HTTP reason phrase. */
  readonly title: string
  /** What the error means; also the default `message`, and the only message a 5xx shows. */
  readonly description: string
  readonly retryable: boolean
  /** Where the meaning is defined: seed documents and RFC sections. */
  readonly source: string
  /**
   * The broader meaning this class is a kind of (`TokenExpired` refines `InvalidToken`, which refines
   * `Unauthorized`), at the same status. A dialect with no code of its own for the class writes it with the code
   * of the nearest broader class it has one for.
   */
  readonly refines?: ClassFacts<string, number> | undefined
}

/**
 * Any Faultline error class: its facts, its `Schema`, and its constructor.
 * Dialects and catalogs take classes of this type.
 *
 * @category models
 * @since 0.2.0
 */
export type AnyClass = ClassFacts<string, number> & Schema.Top & { new(...args: ReadonlyArray<any>): ApiError }

/**
 * The declaration of an error class: its statuses and documentation.
 *
 * @category models
 * @since 0.1.0
 */
export interface Declaration<Status extends number> {
  /** The default status first; further statuses the class may be sent with after it. */
  readonly status: Status | readonly [Status, ...Array<Status>]
  readonly title: string
  readonly description: string
  /** Defaults to `false`. */
  readonly retryable?: boolean | undefined
  /**
   * Whether construction captures a stack trace. Defaults to `true` for 5xx and
   * `false` for 4xx: a 4xx is an expected outcome whose stack nobody reads,
   * and capturing one is most of the cost of building an error.
   */
  readonly captureStack?: boolean | undefined
  readonly source: string
  /**
   * The broader class this one is a kind of, whose statuses include this one's default status: a dialect with
   * no code for this class writes it with the broader class's code (see {@link ClassFacts.refines}).
   */
  readonly refines?: ClassFacts<string, number> | undefined
}

/**
 * The fields every Faultline error has, besides its `_tag` and `status`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const commonFields = {
  /** Extra structured data, as the envelope's and the flat form's `details`. */
  details: Schema.optionalKey(Schema.Json),
  /** The request id, from `X-Request-ID` or the body's `request_id`. */
  requestId: Schema.optionalKey(Schema.String),
  /** A page explaining the error (OAuth `error_uri`). */
  errorUri: Schema.optionalKey(Schema.String),
  /**
   * How long to wait before trying again: the response's `Retry-After` (RFC 9110 §10.2.3) or a body hint such
   * as seed 002's `retry_after`. Any error may carry one — a 503 or a 429 usually does — and a retry honours it
   * whatever the error's class.
   */
  retryAfter: Schema.optionalKey(Schema.Duration),
  /** Members the wire form carried that no field above holds, kept as they came. */
  extensions: Schema.optionalKey(Schema.Record(Schema.String, Schema.Json))
}

type StatusField<Status extends number> = Schema.withConstructorDefault<Schema.Literals<ReadonlyArray<Status>>>
type MessageField = Schema.withConstructorDefault<Schema.String>

/**
 * The fields of a class declared with {@link Class}.
 *
 * @category models
 * @since 0.1.0
 */
export type Fields<Own extends Schema.Struct.Fields, Status extends number> =
  & typeof commonFields
  & { readonly message: MessageField; readonly status: StatusField<Status> }
  & Own

/**
 * The class returned by {@link Class}.
 *
 * @category models
 * @since 0.1.0
 */
export type ApiErrorClass<Self, Tag extends string, Own extends Schema.Struct.Fields, Status extends number> =
  & Schema.Class<
    Self,
    Schema.TaggedStruct<Tag, Fields<Own, Status>>,
    Facts & { readonly status: Status } & import("effect/Cause").YieldableError
  >
  & ClassFacts<Tag, Status>

const constructorDefault = <S extends Schema.Top & Schema.WithoutConstructorDefault>(
  schema: S,
  value: S["Type"]
) => schema.pipe(Schema.withConstructorDefault(Effect.succeed(value)))

/**
 * Declares a Faultline error class: a `Schema.TaggedError` with the common
 * fields, a `message` that defaults to the description, a `status` field that
 * defaults to the declared status, and the HTTP facts as annotations and
 * prototype members.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { ApiError } from "@faultline/errors"
 *
 * class PaymentRequired extends ApiError.Class<PaymentRequired>()("PaymentRequired", {
 *   balance: Schema.Number
 * }, { status: 402, title: "Payment Required", description: "The account has no credit left", source: "RFC 9110 §15.5.3" }) {}
 *
 * new PaymentRequired({ balance: 0 }).status // 402
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const Class =
  <Self = never>() =>
  <const Tag extends string, const Own extends Schema.Struct.Fields, const Status extends number>(
    tag: Tag,
    fields: Own,
    declaration: Declaration<Status>
  ): ApiErrorClass<Self, Tag, Own, Status> => {
    const statuses: ReadonlyArray<Status> = typeof declaration.status === "number"
      ? [declaration.status]
      : declaration.status
    const status = statuses[0]!
    const refines = declaration.refines
    if (refines !== undefined && !refines.statuses.includes(status)) {
      throw new Error(
        `ApiError.Class("${tag}"): it refines ${refines.tag}, which is never sent with ${tag}'s status ${status}`
      )
    }
    const facts: ClassFacts<Tag, Status> = {
      tag,
      status,
      statuses,
      title: declaration.title,
      description: declaration.description,
      retryable: declaration.retryable ?? false,
      source: declaration.source,
      refines
    }
    const Base: any = Schema.TaggedError<any>(tag)(tag, {
      ...commonFields,
      message: constructorDefault(Schema.String, declaration.description),
      status: constructorDefault(Schema.Literals(statuses), status),
      ...fields
    }, {
      title: declaration.title,
      description: declaration.description,
      httpApiStatus: status
    })
    const captureStack = declaration.captureStack ?? status >= 500
    const Declared = captureStack ? Base : withoutStack(Base)
    Object.assign(Declared, facts)
    installInstanceMembers(Declared.prototype)
    Object.assign(Declared.prototype, {
      [TypeId]: TypeId,
      exposeMessage: status < 500,
      retryable: facts.retryable,
      [ErrorReporter.ignore]: status < 500
    })
    return Declared
  }

/** The class with stack capture turned off while it constructs: capturing one is most of the cost of an `Error`. */
const withoutStack = (Base: any): any =>
  class extends Base {
    constructor(input: unknown, options: unknown) {
      const limit = Error.stackTraceLimit
      Error.stackTraceLimit = 0
      try {
        super(input, options)
      } finally {
        Error.stackTraceLimit = limit
      }
    }
  }

const messageKey = Symbol.for("@faultline/errors/ApiError/message")
const responseKey = Symbol.for("@faultline/errors/ApiError/response")

/**
 * Gives a prototype what an instance made by {@link makeUnsafe} reads from it:
 * its `message` and `stack` from fields set by plain assignment, since
 * defining own properties one by one would cost more than the decode. A
 * constructed instance has its own `message` and `stack`, which shadow these.
 * Also, for every error: the `response` getter; a `toJSON` that gives the
 * message and the fields (what Effect's errors give, without reading their
 * private arguments); and the `HttpServerRespondable` hook, so that an error
 * escaping any Effect HTTP server answers with its own status and a safe body.
 */
function installInstanceMembers(prototype: object): void {
  const own = (name: string) => ({
    configurable: true,
    set(this: object, value: unknown) {
      Object.defineProperty(this, name, { value, writable: true, configurable: true })
    }
  })
  Object.defineProperties(prototype, {
    message: {
      ...own("message"),
      get(this: { readonly [messageKey]?: string }) {
        return this[messageKey] ?? ""
      }
    },
    stack: {
      ...own("stack"),
      get(this: { readonly _tag: string; readonly message: string }) {
        return `${this._tag}: ${this.message}`
      }
    },
    toJSON: {
      configurable: true,
      writable: true,
      value(this: { readonly message: string }) {
        return { message: this.message, ...(this as object) }
      }
    },
    [HttpServerRespondable.symbol]: {
      configurable: true,
      writable: true,
      value(this: ApiError) {
        return Effect.succeed(toHttpResponse(this))
      }
    },
    response: {
      configurable: true,
      get(this: { readonly [responseKey]?: ResponseSnapshot }) {
        return this[responseKey]
      }
    }
  })
}

/** The reason phrases of the error statuses IANA's registry names (RFC 9110 §15 and the RFCs it lists). */
const reasonPhrases: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  407: "Proxy Authentication Required",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  416: "Range Not Satisfiable",
  417: "Expectation Failed",
  421: "Misdirected Request",
  422: "Unprocessable Content",
  423: "Locked",
  424: "Failed Dependency",
  425: "Too Early",
  426: "Upgrade Required",
  428: "Precondition Required",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  451: "Unavailable For Legal Reasons",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  505: "HTTP Version Not Supported",
  506: "Variant Also Negotiates",
  507: "Insufficient Storage",
  508: "Loop Detected",
  511: "Network Authentication Required"
}

/**
 * The reason phrase of an error status: the registered one (`Locked`,
 * `Unavailable For Legal Reasons`), else its class's x00 (`Bad Request`,
 * `Internal Server Error`: RFC 9110 §15 reads an unrecognized status as the
 * x00 of its class; anything outside 400–499 as a server's).
 *
 * @category status
 * @since 0.2.0
 */
export const reasonPhrase = (status: number): string =>
  reasonPhrases[status] ?? (status >= 400 && status <= 499 ? "Bad Request" : "Internal Server Error")

/**
 * An error as an HTTP response of its own, for a server that renders it with
 * no dialect (Effect's `HttpServerRespondable`, as its `HttpApiError`s answer):
 * its status (a 5xx for anything outside 400–599), an RFC 9457 problem
 * (`about:blank`, the status's reason phrase as `title`, the message as
 * `detail` only for a 4xx, and the tag as `code`), and the fields the status
 * requires: `Retry-After`, a 405's `Allow`, a 401's challenge. A server with
 * `ServerErrors.layer` renders it in its route family's dialect instead.
 *
 * @see RFC 9457 §4.2.1, RFC 9110 §10.2.3, §15.5.2, §15.5.6
 * @category conversions
 * @since 0.2.0
 */
export const toHttpResponse = (error: ApiError): HttpServerResponse.HttpServerResponse => {
  const status = Number.isInteger(error.status) && error.status >= 400 && error.status <= 599 ? error.status : 500
  const body: Record<string, unknown> = {
    type: "about:blank",
    title: reasonPhrase(status),
    status,
    code: error._tag
  }
  if (status < 500 && error.exposeMessage !== false) body.detail = error.message
  const headers: Record<string, string> = {}
  if (error.retryAfter !== undefined) {
    headers["retry-after"] = String(
      Math.min(Math.max(0, Math.ceil(Duration.toSeconds(error.retryAfter))), 2_147_483_647)
    )
  }
  const allow = (error as { readonly allow?: ReadonlyArray<string> }).allow
  if (status === 405) headers["allow"] = (allow ?? []).join(", ")
  if (status === 401) headers["www-authenticate"] = "Bearer"
  return HttpServerResponse.jsonUnsafe(body, { status, headers, contentType: "application/problem+json" })
}

/**
 * Builds an error from fields that are already valid — without running its
 * constructor. Decoders use it: they check the wire shape themselves, and a
 * decoded error must cost little more than parsing its body.
 *
 * The instance is what the constructor would give — `instanceof` its class
 * and `Error`, yieldable, matched by `catchTag`, accepted by its `Schema`, the
 * same JSON — but no native `Error` is built, so no stack is captured: its
 * `stack` is `Tag: message`, since a stack taken in a decoder would point only
 * into the decoder (the response it came from is in `response`). For the same
 * reason `Error.isError` is `false` for it. `fields` must hold every required
 * field, defaults included; `response`, when given, is attached as by
 * {@link withResponse}. Its `message` and `stack` are read through the
 * prototype; assigning either gives the instance its own.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeUnsafe = <E extends ApiError>(
  errorClass: new(...args: ReadonlyArray<any>) => E,
  fields: { readonly _tag: string; readonly message: string; readonly [field: string]: unknown },
  response?: ResponseSnapshot
): E => {
  const error = Object.create(errorClass.prototype)
  for (const key in fields) {
    if (key !== "message") error[key] = fields[key]
  }
  error[messageKey] = fields.message
  if (response !== undefined) error[responseKey] = response
  return error
}

/**
 * Finishes an error a decoder built field by field on its class's prototype
 * (`Object.create(Class.prototype)`, each field assigned): gives it its
 * message, as {@link makeUnsafe} does. For a decoder that assigns fields as
 * it reads them, with no fields object to build and copy; the contract of
 * `makeUnsafe` holds — every required field set, every value already valid —
 * and the instance is the one `makeUnsafe` would give. Assign `message`
 * through this, never directly: the prototype's setter would make it an own
 * property.
 *
 * @example
 * ```ts
 * import { ApiError } from "@faultline/errors"
 *
 * const error = Object.create(ApiError.NotFound.prototype) as ApiError.NotFound
 * Object.assign(error, { _tag: "NotFound", resource: "app" })
 * ApiError.finishUnsafe(error, "App not found").message // "App not found"
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const finishUnsafe = <E extends ApiError>(error: E, message: string): E => {
  ;(error as unknown as { [messageKey]: string })[messageKey] = message
  return error
}

/**
 * Tells whether a value is a Faultline error, by its type id.
 *
 * @category guards
 * @since 0.1.0
 */
export const isApiError = (u: unknown): u is ApiError =>
  typeof u === "object" && u !== null && (u as { [TypeId]?: unknown })[TypeId] === TypeId

/** The 5xx codes the IANA registry defines; a client reads any other 5xx as a 500 (RFC 9110 §15). */
const registeredServerErrors = new Set([500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511])

/**
 * Tells whether a status is one a client should retry on its own: 408, 429
 * and the transient 5xx (RFC 9110 §15.5.9, §15.6; RFC 6585 §4). A client
 * treats a status it does not recognise as the x00 of its class (RFC 9110
 * §15, 9110-17): an unregistered 5xx (598) is a 500; a value outside 100–599
 * is no status at all, which it treats as a server error: a 500 too.
 *
 * @category guards
 * @since 0.1.0
 */
export const isTransientStatus = (status: number): boolean =>
  status === 408 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504 ||
  !(status >= 100 && status <= 599) || (status >= 500 && !registeredServerErrors.has(status))

/**
 * Attaches the response an error was decoded from, as a non-enumerable
 * `response` member that takes no part in equality or encoding.
 *
 * @category combinators
 * @since 0.1.0
 */
export const withResponse = <E extends ApiError>(error: E, response: ResponseSnapshot): E => {
  ;(error as unknown as { [responseKey]: ResponseSnapshot })[responseKey] = response
  return error
}

// ---------------------------------------------------------------------------
// Field sets shared by several classes
// ---------------------------------------------------------------------------

/** A property path, as seed 003 sends in `code`/`path`. */
const path = { path: Schema.optionalKey(Schema.String) }

/**
 * A resource name, lower snake case: the `{RESOURCE}` of seed 004's templates
 * and the `user` of seed 002's `user_not_found`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ResourceName = Schema.String.check(
  Schema.isPattern(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/, { description: "a lower snake case resource name" })
)

const resource = { resource: Schema.optionalKey(ResourceName), ...path }

/** The challenges of a `WWW-Authenticate` response field (RFC 9110 §11.6.1). */
const challenges = { challenges: Schema.optionalKey(Schema.Array(Challenge.Challenge)) }

/** Space-delimited tokens (scope, RFC 6749 §3.3; ACR values, RFC 9470 §3), kept as a list. */
const ScopeTokens = Schema.Array(Schema.String.check(Schema.isPattern(/^[\x21\x23-\x5B\x5D-\x7E]+$/)))

// ---------------------------------------------------------------------------
// Generic HTTP meanings: one class per status-level meaning
// ---------------------------------------------------------------------------

/**
 * The request is malformed or its input invalid, with no more specific code.
 *
 * Seed 000 `bad_request`, seed 001 `400`, seed 002 `invalid_request` (its
 * resource API, not OAuth), seed 003 a property path at 400, seed 004
 * `BAD_REQUEST`.
 *
 * @see RFC 9110 §15.5.1
 * @category errors
 * @since 0.1.0
 */
export class BadRequest extends Class<BadRequest>()("BadRequest", path, {
  status: 400,
  title: "Bad Request",
  description: "The request is malformed or its input is invalid",
  source: "RFC 9110 §15.5.1; seeds 000, 001, 002, 003, 004"
}) {}

/**
 * No valid credentials came with the request: authentication is required.
 * A bearer challenge without an `error` (RFC 6750 §3.1) decodes to this.
 *
 * @see RFC 9110 §15.5.2, RFC 6750 §3.1
 * @category errors
 * @since 0.1.0
 */
export class Unauthorized extends Class<Unauthorized>()("Unauthorized", { ...path, ...challenges }, {
  status: 401,
  title: "Unauthorized",
  description: "Authentication is required: the credentials are missing or invalid",
  source: "RFC 9110 §15.5.2; seeds 000, 001, 002, 003 (credentials_invalid), 004"
}) {}

/**
 * The request cannot be served until a payment is made, or the payment it
 * made failed (Stripe's card errors: "the parameters were valid but the
 * request failed").
 *
 * @see RFC 9110 §15.5.3
 * @category errors
 * @since 0.2.0
 */
export class PaymentRequired extends Class<PaymentRequired>()("PaymentRequired", {}, {
  status: 402,
  title: "Payment Required",
  description: "A payment is required, or the payment failed",
  source: "RFC 9110 §15.5.3; Stripe (402 Request Failed: card_error)"
}) {}

/**
 * The caller is authenticated but not allowed to do this.
 *
 * @see RFC 9110 §15.5.4
 * @category errors
 * @since 0.1.0
 */
export class Forbidden extends Class<Forbidden>()("Forbidden", path, {
  status: 403,
  title: "Forbidden",
  description: "The caller is not allowed to perform this action",
  source: "RFC 9110 §15.5.4; seeds 000, 001, 002, 003, 004"
}) {}

/**
 * The route or resource does not exist. `resource` names the kind when the
 * API said it (`user_not_found`, `USER_NOT_EXIST`), `path` the property when
 * seed 003 sent one (`userId`).
 *
 * @see RFC 9110 §15.5.5
 * @category errors
 * @since 0.1.0
 */
export class NotFound extends Class<NotFound>()("NotFound", resource, {
  status: 404,
  title: "Not Found",
  description: "The requested route or resource does not exist",
  source: "RFC 9110 §15.5.5; seeds 000, 001, 002 (*_not_found), 003, 004 (NOT_FOUND, {RESOURCE}_NOT_EXIST)"
}) {}

/**
 * The method is not supported by the resource; `allow` lists those that are
 * and becomes the `Allow` field that RFC 9110 §15.5.6 requires.
 *
 * @see RFC 9110 §15.5.6, §10.2.1
 * @category errors
 * @since 0.1.0
 */
export class MethodNotAllowed extends Class<MethodNotAllowed>()("MethodNotAllowed", {
  allow: constructorDefault(Schema.Array(Schema.String.check(Schema.isPattern(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/))), [])
}, {
  status: 405,
  title: "Method Not Allowed",
  description: "The request method is not supported for this resource",
  source: "RFC 9110 §15.5.6; seed 001"
}) {}

/**
 * The server gave up waiting for the request.
 *
 * @see RFC 9110 §15.5.9
 * @category errors
 * @since 0.1.0
 */
export class RequestTimeout extends Class<RequestTimeout>()("RequestTimeout", {}, {
  status: 408,
  title: "Request Timeout",
  description: "The server timed out waiting for the request",
  retryable: true,
  source: "RFC 9110 §15.5.9"
}) {}

/**
 * The request conflicts with the current state of the resource.
 *
 * @see RFC 9110 §15.5.10
 * @category errors
 * @since 0.1.0
 */
export class Conflict extends Class<Conflict>()("Conflict", path, {
  status: 409,
  title: "Conflict",
  description: "The request conflicts with the current state of the resource",
  source: "RFC 9110 §15.5.10; seeds 002, 003, 004"
}) {}

/**
 * A precondition of the request (`If-Match`, `If-Unmodified-Since`) did not
 * hold: the resource changed since the client read it.
 *
 * @see RFC 9110 §15.5.13
 * @category errors
 * @since 0.2.0
 */
export class PreconditionFailed extends Class<PreconditionFailed>()("PreconditionFailed", resource, {
  status: 412,
  title: "Precondition Failed",
  description: "A precondition of the request was not met",
  source: "RFC 9110 §15.5.13; Microsoft Graph (resourceModified); Amazon S3 (PreconditionFailed)"
}) {}

/**
 * The resource was deleted and is gone for good.
 *
 * @see RFC 9110 §15.5.11
 * @category errors
 * @since 0.1.0
 */
export class Gone extends Class<Gone>()("Gone", resource, {
  status: 410,
  title: "Gone",
  description: "The requested resource has been deleted",
  source: "RFC 9110 §15.5.11; seed 004 (DELETED)"
}) {}

/**
 * The request body is larger than the server accepts.
 *
 * @see RFC 9110 §15.5.14, RFC 9126 §2.3
 * @category errors
 * @since 0.1.0
 */
export class PayloadTooLarge extends Class<PayloadTooLarge>()("PayloadTooLarge", {}, {
  status: 413,
  title: "Content Too Large",
  description: "The request body is larger than the server accepts",
  source: "RFC 9110 §15.5.14; RFC 9126 §2.3"
}) {}

/**
 * The request body has a media type the endpoint does not accept; `accept`
 * lists those it does (RFC 9110 §15.5.16 suggests the `Accept` field).
 *
 * @see RFC 9110 §15.5.16, §12.5.1
 * @category errors
 * @since 0.1.0
 */
export class UnsupportedMediaType extends Class<UnsupportedMediaType>()("UnsupportedMediaType", {
  accept: Schema.optionalKey(Schema.Array(Schema.String))
}, {
  status: 415,
  title: "Unsupported Media Type",
  description: "The request body has a media type this endpoint does not accept",
  source: "RFC 9110 §15.5.16; seed 001"
}) {}

/**
 * Well-formed input that failed validation; `issues` holds one entry per
 * failed field. Sent with 422, or with 400, as many APIs do (AIP-193's
 * `INVALID_ARGUMENT` with field violations, AWS's `ValidationException`).
 *
 * @see RFC 9110 §15.5.21, §15.5.1
 * @category errors
 * @since 0.1.0
 */
export class ValidationError extends Class<ValidationError>()("ValidationError", {
  issues: constructorDefault(Schema.Array(FieldIssue.FieldIssue), [])
}, {
  status: [422, 400],
  title: "Unprocessable Content",
  description: "The input is well-formed but failed validation",
  source: "RFC 9110 §15.5.21; seeds 000, 002 (validation_error), 003 (property path at 422, multiple); " +
    "at 400: AIP-193 (BadRequest.fieldViolations), AWS (ValidationException)"
}) {}

/**
 * Too many requests in a period; `retryAfter` says when to try again, from
 * the `Retry-After` field or a body hint (seed 002's `retry_after`).
 *
 * @see RFC 6585 §4, RFC 9110 §10.2.3
 * @category errors
 * @since 0.1.0
 */
export class RateLimited extends Class<RateLimited>()("RateLimited", {}, {
  status: 429,
  title: "Too Many Requests",
  description: "Too many requests; wait before trying again",
  retryable: true,
  captureStack: false,
  source: "RFC 6585 §4; seeds 001 (429), 002 (rate_limit_exceeded)"
}) {}

/**
 * An unexpected failure on the server. Its message is never shown to a
 * client unless the operator turned debug on.
 *
 * @see RFC 9110 §15.6.1, RFC 6749 §4.1.2.1 (server_error)
 * @category errors
 * @since 0.1.0
 */
export class InternalError extends Class<InternalError>()("InternalError", path, {
  status: 500,
  title: "Internal Server Error",
  description: "An unexpected error occurred on the server",
  retryable: true,
  source: "RFC 9110 §15.6.1; RFC 6749 §4.1.2.1, §5.2 (server_error); seeds 000-004"
}) {}

/**
 * The server does not support what the request needs (a method it does not
 * implement, a feature not built): asking again will not help.
 *
 * @see RFC 9110 §15.6.2
 * @category errors
 * @since 0.2.0
 */
export class NotImplemented extends Class<NotImplemented>()("NotImplemented", {}, {
  status: 501,
  title: "Not Implemented",
  description: "The server does not support the functionality the request needs",
  source: "RFC 9110 §15.6.2; AIP-193 (UNIMPLEMENTED); Amazon S3 (NotImplemented); Microsoft Graph (notSupported)"
}) {}

/**
 * A gateway got an invalid response from the server behind it.
 *
 * @see RFC 9110 §15.6.3
 * @category errors
 * @since 0.1.0
 */
export class BadGateway extends Class<BadGateway>()("BadGateway", {}, {
  status: 502,
  title: "Bad Gateway",
  description: "A gateway received an invalid response from the upstream server",
  retryable: true,
  source: "RFC 9110 §15.6.3; seed 001"
}) {}

/**
 * The server is overloaded or down for a while; `retryAfter` says how long.
 * OAuth's `temporarily_unavailable` is this meaning sent through a redirect.
 *
 * @see RFC 9110 §15.6.4, RFC 6749 §4.1.2.1
 * @category errors
 * @since 0.1.0
 */
export class ServiceUnavailable extends Class<ServiceUnavailable>()("ServiceUnavailable", {}, {
  status: 503,
  title: "Service Unavailable",
  description: "The service is temporarily unavailable",
  retryable: true,
  source: "RFC 9110 §15.6.4; RFC 6749 §4.1.2.1 (temporarily_unavailable); seeds 001, 002, 004"
}) {}

/**
 * A gateway timed out waiting for the server behind it.
 *
 * @see RFC 9110 §15.6.5
 * @category errors
 * @since 0.1.0
 */
export class GatewayTimeout extends Class<GatewayTimeout>()("GatewayTimeout", {}, {
  status: 504,
  title: "Gateway Timeout",
  description: "The request timed out upstream",
  retryable: true,
  source: "RFC 9110 §15.6.5; seeds 001 (504), 002 (timeout)"
}) {}

// ---------------------------------------------------------------------------
// Resource API meanings (seeds 002 and 004)
// ---------------------------------------------------------------------------

/**
 * The request body is not valid JSON.
 *
 * @see seed 002 `invalid_json`
 * @category errors
 * @since 0.1.0
 */
export class InvalidJson extends Class<InvalidJson>()("InvalidJson", {}, {
  status: 400,
  refines: BadRequest,
  title: "Invalid JSON",
  description: "The request body is not valid JSON",
  source: "seed 002 (invalid_json)"
}) {}

/**
 * A required parameter is missing; `path` names it when known.
 *
 * @see seed 004 `MISSING_PARAMETER`
 * @category errors
 * @since 0.1.0
 */
export class MissingParameter extends Class<MissingParameter>()("MissingParameter", path, {
  status: 400,
  refines: BadRequest,
  title: "Missing Parameter",
  description: "A required parameter is missing",
  source: "seed 004 (MISSING_PARAMETER)"
}) {}

/**
 * The named resource, parameter or value has invalid content: seed 004's
 * `INVALID_{RESOURCE}` and `INVALID_PARAMETER`, seed 002's `invalid_email`
 * and `invalid_password` (sent with 422 there).
 *
 * @see seed 004 `INVALID_{RESOURCE}`, seed 002 `invalid_email`
 * @category errors
 * @since 0.1.0
 */
export class InvalidResource extends Class<InvalidResource>()("InvalidResource", resource, {
  status: [400, 422],
  refines: BadRequest,
  title: "Invalid Resource",
  description: "The named resource or parameter has invalid content",
  source: "seeds 004 (INVALID_{RESOURCE}, INVALID_PARAMETER), 002 (invalid_email, invalid_password)"
}) {}

/**
 * A parameter or property value is over its limit (seed 004 sends
 * `LIMIT_EXCEEDED` with 400 for this meaning).
 *
 * @see seed 004 `LIMIT_EXCEEDED` (400)
 * @category errors
 * @since 0.1.0
 */
export class LimitExceeded extends Class<LimitExceeded>()("LimitExceeded", resource, {
  status: 400,
  refines: BadRequest,
  title: "Limit Exceeded",
  description: "A parameter or property value is over its limit",
  source: "seed 004 (LIMIT_EXCEEDED at 400)"
}) {}

/**
 * The caller used up its allowance of the requested resource (seed 004 sends
 * `LIMIT_EXCEEDED` with 403 for this meaning).
 *
 * @see seed 004 `LIMIT_EXCEEDED` (403)
 * @category errors
 * @since 0.1.0
 */
export class QuotaExceeded extends Class<QuotaExceeded>()("QuotaExceeded", resource, {
  status: 403,
  refines: Forbidden,
  title: "Quota Exceeded",
  description: "The limit for the requested resource was exceeded",
  source: "seed 004 (LIMIT_EXCEEDED at 403)"
}) {}

/**
 * A parameter or property value is out of its range (seed 004 sends
 * `OUT_OF_RANGE` with 400 for this meaning).
 *
 * @see seed 004 `OUT_OF_RANGE` (400)
 * @category errors
 * @since 0.1.0
 */
export class OutOfRange extends Class<OutOfRange>()("OutOfRange", resource, {
  status: 400,
  refines: BadRequest,
  title: "Out Of Range",
  description: "A parameter or property value is out of range",
  source: "seed 004 (OUT_OF_RANGE at 400)"
}) {}

/**
 * The request reaches beyond the range of the resource the caller may use
 * (seed 004 sends `OUT_OF_RANGE` with 403 for this meaning).
 *
 * @see seed 004 `OUT_OF_RANGE` (403)
 * @category errors
 * @since 0.1.0
 */
export class RangeNotAllowed extends Class<RangeNotAllowed>()("RangeNotAllowed", resource, {
  status: 403,
  refines: Forbidden,
  title: "Range Not Allowed",
  description: "The expected range for the requested resource was exceeded",
  source: "seed 004 (OUT_OF_RANGE at 403)"
}) {}

/**
 * The resource already exists (`ALREADY_EXIST`, `{RESOURCE}_ALREADY_EXIST`,
 * `email_already_exists`).
 *
 * @see seed 004 `{RESOURCE}_ALREADY_EXIST`, seed 002 `email_already_exists`
 * @category errors
 * @since 0.1.0
 */
export class AlreadyExists extends Class<AlreadyExists>()("AlreadyExists", resource, {
  status: 409,
  refines: Conflict,
  title: "Already Exists",
  description: "The resource already exists",
  source: "seeds 004 (ALREADY_EXIST, {RESOURCE}_ALREADY_EXIST), 002 (email_already_exists, client_id_already_exists)"
}) {}

/**
 * The resource is already assigned (seed 002's `role_already_assigned`).
 *
 * @see seed 002 `role_already_assigned`
 * @category errors
 * @since 0.1.0
 */
export class AlreadyAssigned extends Class<AlreadyAssigned>()("AlreadyAssigned", resource, {
  status: 409,
  refines: Conflict,
  title: "Already Assigned",
  description: "The resource is already assigned",
  source: "seed 002 (role_already_assigned)"
}) {}

/**
 * The access token is expired, revoked, malformed or otherwise invalid; the
 * client may get a new one and retry once (RFC 6750 §3.1).
 *
 * @see RFC 6750 §3.1, RFC 9449 §7.1
 * @category errors
 * @since 0.1.0
 */
export class InvalidToken extends Class<InvalidToken>()("InvalidToken", challenges, {
  status: 401,
  refines: Unauthorized,
  title: "Invalid Token",
  description: "The access token is missing, invalid or expired",
  source: "RFC 6750 §3.1; seeds 000, 003, 004 (challenge)"
}) {}

/**
 * The access token has expired; a new one may succeed (seed 003 calls it
 * `expired`: "Session has expired").
 *
 * @see seed 002 `token_expired`, seed 003 `expired`
 * @category errors
 * @since 0.1.0
 */
export class TokenExpired extends Class<TokenExpired>()("TokenExpired", challenges, {
  status: 401,
  refines: InvalidToken,
  title: "Token Expired",
  description: "The access token has expired",
  source: "seeds 002 (token_expired), 003 (expired)"
}) {}

/**
 * The access token was revoked.
 *
 * @see seed 002 `token_revoked`
 * @category errors
 * @since 0.1.0
 */
export class TokenRevoked extends Class<TokenRevoked>()("TokenRevoked", challenges, {
  status: 401,
  refines: InvalidToken,
  title: "Token Revoked",
  description: "The access token has been revoked",
  source: "seed 002 (token_revoked)"
}) {}

/**
 * The `Authorization` header is not of the form the API expects.
 *
 * @see seed 003 `format_error`
 * @category errors
 * @since 0.1.0
 */
export class MalformedAuthorization extends Class<MalformedAuthorization>()("MalformedAuthorization", challenges, {
  // seed 003 sends it with 401; RFC 6750 §3.1 calls a malformed request invalid_request, 400
  status: [401, 400],
  refines: Unauthorized,
  title: "Malformed Authorization",
  description: "The Authorization header format is Authorization: Bearer <token>",
  source: "seed 003 (format_error)"
}) {}

/**
 * The user is suspended.
 *
 * @see seed 002 `user_suspended`
 * @category errors
 * @since 0.1.0
 */
export class UserSuspended extends Class<UserSuspended>()("UserSuspended", {}, {
  status: 403,
  refines: Forbidden,
  title: "User Suspended",
  description: "The user is suspended",
  source: "seed 002 (user_suspended)"
}) {}

/**
 * The user is locked.
 *
 * @see seed 002 `user_locked`
 * @category errors
 * @since 0.1.0
 */
export class UserLocked extends Class<UserLocked>()("UserLocked", {}, {
  status: 403,
  refines: Forbidden,
  title: "User Locked",
  description: "The user is locked",
  source: "seed 002 (user_locked)"
}) {}

/**
 * The client is disabled.
 *
 * @see seed 002 `client_disabled`
 * @category errors
 * @since 0.1.0
 */
export class ClientDisabled extends Class<ClientDisabled>()("ClientDisabled", {}, {
  status: 403,
  refines: Forbidden,
  title: "Client Disabled",
  description: "The client is disabled",
  source: "seed 002 (client_disabled)"
}) {}

/**
 * The flow is inactive.
 *
 * @see seed 002 `flow_inactive`
 * @category errors
 * @since 0.1.0
 */
export class FlowInactive extends Class<FlowInactive>()("FlowInactive", {}, {
  status: 400,
  refines: BadRequest,
  title: "Flow Inactive",
  description: "The flow is inactive",
  source: "seed 002 (flow_inactive)"
}) {}

/**
 * A job ran and failed. Not retryable: asking again reports the same job.
 *
 * @see seed 002 `job_failed`
 * @category errors
 * @since 0.1.0
 */
export class JobFailed extends Class<JobFailed>()("JobFailed", {}, {
  status: 500,
  refines: InternalError,
  title: "Job Failed",
  description: "The job execution failed",
  source: "seed 002 (job_failed)"
}) {}

/**
 * The job was cancelled.
 *
 * @see seed 002 `job_cancelled`
 * @category errors
 * @since 0.1.0
 */
export class JobCancelled extends Class<JobCancelled>()("JobCancelled", {}, {
  status: 400,
  refines: BadRequest,
  title: "Job Cancelled",
  description: "The job was cancelled",
  source: "seed 002 (job_cancelled)"
}) {}

/**
 * An import could not be processed.
 *
 * @see seed 002 `import_failed`
 * @category errors
 * @since 0.1.0
 */
export class ImportFailed extends Class<ImportFailed>()("ImportFailed", {}, {
  status: 422,
  title: "Import Failed",
  description: "The import could not be processed",
  source: "seed 002 (import_failed)"
}) {}

/**
 * An export could not be processed. Not retryable: it failed on its data.
 *
 * @see seed 002 `export_failed`
 * @category errors
 * @since 0.1.0
 */
export class ExportFailed extends Class<ExportFailed>()("ExportFailed", {}, {
  status: 500,
  refines: InternalError,
  title: "Export Failed",
  description: "The export could not be processed",
  source: "seed 002 (export_failed)"
}) {}

/**
 * The server's database failed; usually transient.
 *
 * @see seed 002 `database_error`
 * @category errors
 * @since 0.1.0
 */
export class DatabaseError extends Class<DatabaseError>()("DatabaseError", {}, {
  status: 500,
  refines: InternalError,
  title: "Database Error",
  description: "A database error occurred",
  retryable: true,
  source: "seed 002 (database_error)"
}) {}

// ---------------------------------------------------------------------------
// OAuth 2.0 and its extensions (the registered error codes)
// ---------------------------------------------------------------------------

/**
 * An OAuth request is missing a parameter, repeats one, or is otherwise
 * malformed (token endpoint, authorization redirect, bearer challenge).
 *
 * @see RFC 6749 §4.1.2.1, §5.2; RFC 6750 §3.1; RFC 8693 §2.2.2; RFC 9126 §2.3
 * @category errors
 * @since 0.1.0
 */
export class InvalidRequest extends Class<InvalidRequest>()("InvalidRequest", challenges, {
  status: 400,
  refines: BadRequest,
  title: "Invalid Request",
  description: "The request is missing a required parameter or is otherwise malformed",
  source: "RFC 6749 §4.1.2.1, §5.2; RFC 6750 §3.1; seeds 000, 001, 004 (challenge)"
}) {}

/**
 * Client authentication failed. Sent with 401 and a challenge for the scheme
 * the client used when it used the `Authorization` header, 400 otherwise.
 *
 * @see RFC 6749 §5.2
 * @category errors
 * @since 0.1.0
 */
export class InvalidClient extends Class<InvalidClient>()("InvalidClient", challenges, {
  status: [400, 401],
  title: "Invalid Client",
  description: "Client authentication failed",
  source: "RFC 6749 §5.2; seed 001"
}) {}

/**
 * The grant (code, refresh token, credentials) is invalid, expired or revoked.
 *
 * @see RFC 6749 §5.2
 * @category errors
 * @since 0.1.0
 */
export class InvalidGrant extends Class<InvalidGrant>()("InvalidGrant", {}, {
  status: 400,
  title: "Invalid Grant",
  description: "The grant is invalid, expired or revoked",
  source: "RFC 6749 §5.2; seed 000"
}) {}

/**
 * The client may not use this grant type or response type.
 *
 * @see RFC 6749 §4.1.2.1, §5.2
 * @category errors
 * @since 0.1.0
 */
export class UnauthorizedClient extends Class<UnauthorizedClient>()("UnauthorizedClient", {}, {
  status: 400,
  title: "Unauthorized Client",
  description: "The client is not authorized to use this grant or response type",
  source: "RFC 6749 §4.1.2.1, §5.2"
}) {}

/**
 * The authorization server does not support the grant type.
 *
 * @see RFC 6749 §5.2
 * @category errors
 * @since 0.1.0
 */
export class UnsupportedGrantType extends Class<UnsupportedGrantType>()("UnsupportedGrantType", {}, {
  status: 400,
  title: "Unsupported Grant Type",
  description: "The grant type is not supported by the server",
  source: "RFC 6749 §5.2; seed 001"
}) {}

/**
 * The requested scope is invalid, unknown or malformed.
 *
 * @see RFC 6749 §4.1.2.1, §5.2
 * @category errors
 * @since 0.1.0
 */
export class InvalidScope extends Class<InvalidScope>()("InvalidScope", {}, {
  status: 400,
  title: "Invalid Scope",
  description: "The requested scope is invalid or not supported by the server",
  source: "RFC 6749 §4.1.2.1, §5.2; seed 001"
}) {}

/**
 * The resource owner or the server denied the request (OAuth
 * `access_denied`, seed 004's `ACCESS_DENIED`).
 *
 * @see RFC 6749 §4.1.2.1, RFC 8628 §3.5
 * @category errors
 * @since 0.1.0
 */
export class AccessDenied extends Class<AccessDenied>()("AccessDenied", {}, {
  status: [403, 400],
  refines: Forbidden,
  title: "Access Denied",
  description: "The resource owner or the server denied the request",
  source: "RFC 6749 §4.1.2.1; RFC 8628 §3.5; seeds 001, 004 (ACCESS_DENIED)"
}) {}

/**
 * The authorization server does not support the response type.
 *
 * @see RFC 6749 §4.1.2.1
 * @category errors
 * @since 0.1.0
 */
export class UnsupportedResponseType extends Class<UnsupportedResponseType>()("UnsupportedResponseType", {}, {
  status: 400,
  title: "Unsupported Response Type",
  description: "The response type is not supported by the server",
  source: "RFC 6749 §4.1.2.1; seed 001"
}) {}

/**
 * The application may not use this scope (seed 001's non-standard
 * `forbidden_scope`; RFC 6749 would say `invalid_scope` or `access_denied`).
 *
 * @see seed 001 `forbidden_scope`
 * @category errors
 * @since 0.1.0
 */
export class ForbiddenScope extends Class<ForbiddenScope>()("ForbiddenScope", {}, {
  status: 403,
  refines: Forbidden,
  title: "Forbidden Scope",
  description: "The application is not allowed to use this scope",
  source: "seed 001 (forbidden_scope, non-standard)"
}) {}

/**
 * The token lacks a scope the request needs; `scope` lists what is needed.
 * Do not retry with the same token (RFC 6750 §3.1).
 *
 * @see RFC 6750 §3.1
 * @category errors
 * @since 0.1.0
 */
export class InsufficientScope extends Class<InsufficientScope>()("InsufficientScope", {
  scope: Schema.optionalKey(ScopeTokens),
  ...challenges
}, {
  status: 403,
  refines: Forbidden,
  title: "Insufficient Scope",
  description: "The access token does not have the scope this request needs",
  source: "RFC 6750 §3.1; seeds 002, 004 (challenge)"
}) {}

/**
 * The server does not support revoking this token type.
 *
 * @see RFC 7009 §2.2.1
 * @category errors
 * @since 0.1.0
 */
export class UnsupportedTokenType extends Class<UnsupportedTokenType>()("UnsupportedTokenType", {}, {
  status: 400,
  title: "Unsupported Token Type",
  description: "The server does not support revoking this token type",
  source: "RFC 7009 §2.2.1"
}) {}

/**
 * A redirect URI in a client registration is invalid.
 *
 * @see RFC 7591 §3.2.2
 * @category errors
 * @since 0.1.0
 */
export class InvalidRedirectUri extends Class<InvalidRedirectUri>()("InvalidRedirectUri", {}, {
  status: 400,
  title: "Invalid Redirect URI",
  description: "The value of one or more redirection URIs is invalid",
  source: "RFC 7591 §3.2.2"
}) {}

/**
 * A client metadata field in a registration is invalid.
 *
 * @see RFC 7591 §3.2.2
 * @category errors
 * @since 0.1.0
 */
export class InvalidClientMetadata extends Class<InvalidClientMetadata>()("InvalidClientMetadata", {}, {
  status: 400,
  title: "Invalid Client Metadata",
  description: "The value of one of the client metadata fields is invalid",
  source: "RFC 7591 §3.2.2; seed 000"
}) {}

/**
 * The software statement in a registration is invalid.
 *
 * @see RFC 7591 §3.2.2
 * @category errors
 * @since 0.1.0
 */
export class InvalidSoftwareStatement extends Class<InvalidSoftwareStatement>()("InvalidSoftwareStatement", {}, {
  status: 400,
  title: "Invalid Software Statement",
  description: "The software statement presented is invalid",
  source: "RFC 7591 §3.2.2"
}) {}

/**
 * The software statement in a registration is not approved.
 *
 * @see RFC 7591 §3.2.2
 * @category errors
 * @since 0.1.0
 */
export class UnapprovedSoftwareStatement
  extends Class<UnapprovedSoftwareStatement>()("UnapprovedSoftwareStatement", {}, {
    status: 400,
    title: "Unapproved Software Statement",
    description: "The software statement presented is not approved for use by this server",
    source: "RFC 7591 §3.2.2"
  })
{}

/**
 * The user has not finished the device flow yet: keep polling at the same
 * interval (5 seconds when none was given).
 *
 * @see RFC 8628 §3.5
 * @category errors
 * @since 0.1.0
 */
export class AuthorizationPending extends Class<AuthorizationPending>()("AuthorizationPending", {}, {
  status: 400,
  title: "Authorization Pending",
  description: "The authorization request is still pending",
  retryable: true,
  source: "RFC 8628 §3.5"
}) {}

/**
 * The device is polling too fast: keep polling, 5 seconds slower from now on.
 *
 * @see RFC 8628 §3.5
 * @category errors
 * @since 0.1.0
 */
export class SlowDown extends Class<SlowDown>()("SlowDown", {}, {
  status: 400,
  title: "Slow Down",
  description: "Polling too fast; increase the interval by 5 seconds",
  retryable: true,
  source: "RFC 8628 §3.5"
}) {}

/**
 * The device code expired (OAuth `expired_token`): stop polling and start a
 * new flow.
 *
 * @see RFC 8628 §3.5
 * @category errors
 * @since 0.1.0
 */
export class DeviceCodeExpired extends Class<DeviceCodeExpired>()("DeviceCodeExpired", {}, {
  status: 400,
  title: "Device Code Expired",
  description: "The device code has expired; start a new device authorization",
  source: "RFC 8628 §3.5 (expired_token)"
}) {}

/**
 * The requested resource or audience is invalid, unknown or not allowed.
 *
 * @see RFC 8707 §2, RFC 8693 §2.2.2
 * @category errors
 * @since 0.1.0
 */
export class InvalidTarget extends Class<InvalidTarget>()("InvalidTarget", {}, {
  status: 400,
  title: "Invalid Target",
  description: "The requested resource or audience is invalid or not allowed",
  source: "RFC 8707 §2; RFC 8693 §2.2.2"
}) {}

/**
 * The DPoP proof is invalid (400 from a token endpoint, 401 with a `DPoP`
 * challenge from a resource server).
 *
 * @see RFC 9449 §5, §7.1
 * @category errors
 * @since 0.1.0
 */
export class InvalidDpopProof extends Class<InvalidDpopProof>()("InvalidDpopProof", challenges, {
  status: [400, 401],
  title: "Invalid DPoP Proof",
  description: "The DPoP proof is invalid",
  source: "RFC 9449 §5, §7.1"
}) {}

/**
 * The server wants a DPoP proof carrying its nonce; `nonce` is the value of
 * the `DPoP-Nonce` field. The client retries once with it.
 *
 * @see RFC 9449 §8, §9
 * @category errors
 * @since 0.1.0
 */
export class UseDpopNonce extends Class<UseDpopNonce>()("UseDpopNonce", {
  nonce: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[\x21\x23-\x5B\x5D-\x7E]+$/))),
  ...challenges
}, {
  status: [400, 401],
  title: "Use DPoP Nonce",
  description: "The server requires a DPoP nonce; retry with the one in DPoP-Nonce",
  retryable: true,
  source: "RFC 9449 §8, §9"
}) {}

/**
 * The authentication behind the token is not strong or recent enough;
 * `acrValues` and `maxAge` say what the resource wants.
 *
 * @see RFC 9470 §3
 * @category errors
 * @since 0.1.0
 */
export class InsufficientUserAuthentication
  extends Class<InsufficientUserAuthentication>()("InsufficientUserAuthentication", {
    acrValues: Schema.optionalKey(ScopeTokens),
    maxAge: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
    ...challenges
  }, {
    status: 401,
    refines: Unauthorized,
    title: "Insufficient User Authentication",
    description: "The authentication event does not meet the requirements of the resource",
    source: "RFC 9470 §3"
  })
{}

/**
 * The authorization server could not meet the requested authentication
 * requirements (OpenID Connect extension, referenced by RFC 9470 §5).
 *
 * @see RFC 9470 §5
 * @category errors
 * @since 0.1.0
 */
export class UnmetAuthenticationRequirements
  extends Class<UnmetAuthenticationRequirements>()("UnmetAuthenticationRequirements", {}, {
    status: 400,
    title: "Unmet Authentication Requirements",
    description: "The authorization server cannot meet the requested authentication requirements",
    source: "RFC 9470 §5; OpenID Connect Unmet Authentication Requirements 1.0"
  })
{}

/**
 * The authorization server needs user interaction of some form.
 *
 * @see OpenID Connect Core 1.0 §3.1.2.6
 * @category errors
 * @since 0.1.0
 */
export class InteractionRequired extends Class<InteractionRequired>()("InteractionRequired", {}, {
  status: 400,
  title: "Interaction Required",
  description: "The authorization server requires user interaction",
  source: "OpenID Connect Core 1.0 §3.1.2.6"
}) {}

/**
 * The authorization server needs the user to log in.
 *
 * @see OpenID Connect Core 1.0 §3.1.2.6
 * @category errors
 * @since 0.1.0
 */
export class LoginRequired extends Class<LoginRequired>()("LoginRequired", {}, {
  status: 400,
  title: "Login Required",
  description: "The authorization server requires the user to log in",
  source: "OpenID Connect Core 1.0 §3.1.2.6"
}) {}

/**
 * The user must choose an account.
 *
 * @see OpenID Connect Core 1.0 §3.1.2.6
 * @category errors
 * @since 0.1.0
 */
export class AccountSelectionRequired extends Class<AccountSelectionRequired>()("AccountSelectionRequired", {}, {
  status: 400,
  title: "Account Selection Required",
  description: "The user must select an account",
  source: "OpenID Connect Core 1.0 §3.1.2.6"
}) {}

/**
 * The user must consent.
 *
 * @see OpenID Connect Core 1.0 §3.1.2.6
 * @category errors
 * @since 0.1.0
 */
export class ConsentRequired extends Class<ConsentRequired>()("ConsentRequired", {}, {
  status: 400,
  title: "Consent Required",
  description: "The user must consent",
  source: "OpenID Connect Core 1.0 §3.1.2.6"
}) {}

/**
 * The `request_uri` is invalid or expired.
 *
 * @see OpenID Connect Core 1.0 §3.1.2.6, RFC 9101 §7, RFC 9126 §4
 * @category errors
 * @since 0.1.0
 */
export class InvalidRequestUri extends Class<InvalidRequestUri>()("InvalidRequestUri", {}, {
  status: 400,
  title: "Invalid Request URI",
  description: "The request_uri is invalid or expired",
  source: "OpenID Connect Core 1.0 §3.1.2.6; RFC 9101 §7; RFC 9126 §4"
}) {}

/**
 * The request object is invalid.
 *
 * @see OpenID Connect Core 1.0 §3.1.2.6, RFC 9101 §7
 * @category errors
 * @since 0.1.0
 */
export class InvalidRequestObject extends Class<InvalidRequestObject>()("InvalidRequestObject", {}, {
  status: 400,
  title: "Invalid Request Object",
  description: "The request object is invalid",
  source: "OpenID Connect Core 1.0 §3.1.2.6; RFC 9101 §7"
}) {}

/**
 * The server does not support the `request` parameter.
 *
 * @see OpenID Connect Core 1.0 §3.1.2.6, RFC 9101 §7
 * @category errors
 * @since 0.1.0
 */
export class RequestNotSupported extends Class<RequestNotSupported>()("RequestNotSupported", {}, {
  status: 400,
  title: "Request Not Supported",
  description: "The request parameter is not supported",
  source: "OpenID Connect Core 1.0 §3.1.2.6; RFC 9101 §7"
}) {}

/**
 * The server does not support the `request_uri` parameter.
 *
 * @see OpenID Connect Core 1.0 §3.1.2.6, RFC 9101 §7
 * @category errors
 * @since 0.1.0
 */
export class RequestUriNotSupported extends Class<RequestUriNotSupported>()("RequestUriNotSupported", {}, {
  status: 400,
  title: "Request URI Not Supported",
  description: "The request_uri parameter is not supported",
  source: "OpenID Connect Core 1.0 §3.1.2.6; RFC 9101 §7"
}) {}

/**
 * The server does not support the `registration` parameter.
 *
 * @see OpenID Connect Core 1.0 §3.1.2.6
 * @category errors
 * @since 0.1.0
 */
export class RegistrationNotSupported extends Class<RegistrationNotSupported>()("RegistrationNotSupported", {}, {
  status: 400,
  title: "Registration Not Supported",
  description: "The registration parameter is not supported",
  source: "OpenID Connect Core 1.0 §3.1.2.6"
}) {}

// ---------------------------------------------------------------------------
// Aggregates and what no table documents
// ---------------------------------------------------------------------------

/**
 * Installs the facts of an error whose status is a value, not a class
 * constant: message exposure, retryability and reporting follow the status.
 */
const installStatusFacts = (prototype: object): void => {
  Object.defineProperties(prototype, {
    [TypeId]: { value: TypeId },
    exposeMessage: {
      get(this: { readonly status: number }) {
        return this.status < 500
      }
    },
    retryable: {
      get(this: { readonly status: number }) {
        return isTransientStatus(this.status)
      }
    },
    [ErrorReporter.ignore]: {
      get(this: { readonly status: number }) {
        return this.status < 500
      }
    }
  })
}

/**
 * A code that no table documents. It keeps what came: the code, the status,
 * the message and the raw body, so nothing is lost (RFC 6749 §8.5: the code
 * set is open).
 *
 * @see RFC 6749 §8.5, §11.4
 * @category errors
 * @since 0.1.0
 */
export class UnknownError extends Schema.TaggedError<UnknownError>("UnknownError")("UnknownError", {
  ...commonFields,
  code: Schema.String,
  status: Schema.Int,
  message: constructorDefault(Schema.String, "An error that no table documents"),
  /** The dialect that read it, when one did. */
  dialect: Schema.optionalKey(Schema.String),
  /** The whole body as parsed. */
  body: Schema.optionalKey(Schema.Json)
}, { title: "Unknown Error", description: "An error code that no table documents" }) {
  static readonly title = "Unknown Error"
  static readonly description = "An error that no table documents"
  /**
   * Marks a Faultline error; `isApiError` checks it.
   *
   * @since 0.1.0
   */
  declare readonly [TypeId]: TypeId
  /**
   * Whether `message` may be shown to a client: by the status, 4xx yes, 5xx no.
   *
   * @since 0.1.0
   */
  declare readonly exposeMessage: boolean
  /**
   * Whether repeating the request may succeed: by the status (see `isTransientStatus`).
   *
   * @since 0.1.0
   */
  declare readonly retryable: boolean
  /**
   * The response this error was decoded from, when it was decoded.
   *
   * @since 0.1.0
   */
  declare readonly response?: ResponseSnapshot | undefined
}
installStatusFacts(UnknownError.prototype)
installInstanceMembers(UnknownError.prototype)

/**
 * Why a body could not be read as the expected dialect.
 *
 * - `Empty`: no body at all.
 * - `NotJson`: HTML from a proxy, plain text, truncated JSON, unquoted keys.
 * - `Shape`: JSON, but not the shape of the dialect asked for.
 * - `TooLarge`: over the decoder's size limit.
 * - `TooDeep`: nested deeper than the decoder's depth limit.
 *
 * @category models
 * @since 0.1.0
 */
export const UndecodableReason = Schema.Literals(["Empty", "NotJson", "Shape", "TooLarge", "TooDeep"])

/**
 * Why a body could not be read: see {@link UndecodableReason}.
 *
 * @category models
 * @since 0.1.0
 */
export type UndecodableReason = typeof UndecodableReason.Type

/**
 * A response whose body is not an error the dialect could read: it keeps the
 * status, the headers and the raw text (cut to the size limit). Its
 * retryability follows the status, so a gateway's HTML 502 is still retried.
 *
 * @see RFC 9110 §15 (a client treats an unknown status as the x00 of its class), §15.5.2 (a body is not required)
 * @category errors
 * @since 0.1.0
 */
export class Undecodable extends Schema.TaggedError<Undecodable>("Undecodable")("Undecodable", {
  status: Schema.Int,
  reason: UndecodableReason,
  message: constructorDefault(Schema.String, "The response body could not be decoded"),
  headers: constructorDefault(Schema.Record(Schema.String, Schema.String), {}),
  /** The raw body text, cut to the decoder's size limit. */
  body: constructorDefault(Schema.String, ""),
  requestId: Schema.optionalKey(Schema.String),
  /** The response's `Retry-After`, when it had one: a wait is honoured whatever the body (RFC 9110 §10.2.3). */
  retryAfter: Schema.optionalKey(Schema.Duration)
}, { title: "Undecodable Response", description: "A response body that no dialect could read" }) {
  static readonly title = "Undecodable Response"
  static readonly description = "The response body could not be decoded"
  /**
   * Marks a Faultline error; `isApiError` checks it.
   *
   * @since 0.1.0
   */
  declare readonly [TypeId]: TypeId
  /**
   * Whether `message` may be shown to a client: by the status, 4xx yes, 5xx no.
   *
   * @since 0.1.0
   */
  declare readonly exposeMessage: boolean
  /**
   * Whether repeating the request may succeed: by the status (see `isTransientStatus`).
   *
   * @since 0.1.0
   */
  declare readonly retryable: boolean
  /**
   * The response this error was decoded from, when it was decoded.
   *
   * @since 0.1.0
   */
  declare readonly response?: ResponseSnapshot | undefined
}
installStatusFacts(Undecodable.prototype)
installInstanceMembers(Undecodable.prototype)

/**
 * The single errors an aggregate of seed 003 (`"code": "multiple"`) holds.
 *
 * @category schemas
 * @since 0.1.0
 */
export const AggregateMember = Schema.Union([
  BadRequest,
  Unauthorized,
  Forbidden,
  NotFound,
  Conflict,
  ValidationError,
  InternalError,
  TokenExpired,
  MalformedAuthorization,
  InvalidToken,
  UnknownError
])

/**
 * One of the errors an aggregate holds.
 *
 * @category models
 * @since 0.1.0
 */
export type AggregateMember = typeof AggregateMember.Type

/**
 * The status of an aggregate, derived from its members:
 *
 * 1. no members: 422, seed 003's status for `multiple`;
 * 2. any 5xx member: the greatest 5xx (the server's fault decides);
 * 3. all members share a status: that status;
 * 4. otherwise 422 when any member is 422 (seed 003's example mixes 404 and
 *    422 under 422), else 400, the generic client error (RFC 9110 §15.5).
 *
 * @see RFC 9457 §3 (send the most relevant status), seed 003
 * @category constructors
 * @since 0.1.0
 */
export const aggregateStatus = (statuses: ReadonlyArray<number>): number => {
  if (statuses.length === 0) return 422
  let greatestServerError = 0
  let same = true
  let any422 = false
  for (const status of statuses) {
    if (status >= 500 && status > greatestServerError) greatestServerError = status
    if (status !== statuses[0]) same = false
    if (status === 422) any422 = true
  }
  if (greatestServerError > 0) return greatestServerError
  if (same) return statuses[0]!
  return any422 ? 422 : 400
}

/**
 * Several errors at once (seed 003's `{"code": "multiple", "inner": [...]}`),
 * each with its own status and path; the aggregate's `status` is derived by
 * {@link aggregateStatus}. An aggregate whose members are all field
 * validation failures reads as a {@link ValidationError} instead.
 *
 * @see seed 003 "Multiple errors"
 * @category errors
 * @since 0.1.0
 */
export class MultipleErrors extends Schema.TaggedError<MultipleErrors>("MultipleErrors")("MultipleErrors", {
  ...commonFields,
  message: constructorDefault(Schema.String, "Several errors occurred"),
  errors: Schema.Array(AggregateMember)
}, { title: "Multiple Errors", description: "Several errors occurred", httpApiStatus: 422 }) {
  static readonly tag = "MultipleErrors"
  static readonly status = 422
  static readonly statuses: ReadonlyArray<number> = [422, 400, 401, 403, 404, 409, 500, 502, 503, 504]
  static readonly title = "Multiple Errors"
  static readonly description = "Several errors occurred"
  static readonly retryable = false
  static readonly source = "seed 003 (multiple)"
  /**
   * Marks a Faultline error; `isApiError` checks it.
   *
   * @since 0.1.0
   */
  declare readonly [TypeId]: TypeId
  /**
   * Whether `message` may be shown to a client: by the status, 4xx yes, 5xx no.
   *
   * @since 0.1.0
   */
  declare readonly exposeMessage: boolean
  /**
   * Whether repeating the request may succeed: by the status (see `isTransientStatus`).
   *
   * @since 0.1.0
   */
  declare readonly retryable: boolean
  /**
   * The response this error was decoded from, when it was decoded.
   *
   * @since 0.1.0
   */
  declare readonly response?: ResponseSnapshot | undefined
  get status(): number {
    return aggregateStatus(this.errors.map((error) => error.status))
  }
}
installStatusFacts(MultipleErrors.prototype)
installInstanceMembers(MultipleErrors.prototype)

/**
 * Seed 000's resource API envelope:
 * `{"error":{"code","message","details","request_id"}}`, on `/api/v2/me`,
 * `/api/v2/auth-providers`, `/api/v2/integration-providers` and
 * `/api/v2/apps/*`.
 *
 * @since 0.1.0
 */
import { type ApiError, type Family, FieldIssue } from "@faultline/errors"
import { Schema } from "effect"
import * as Dialect from "./Dialect.ts"
import { issuesToList } from "./internal/issues.ts"
import { isObject, otherMembers } from "./internal/json.ts"
import { makeTable } from "./internal/table.ts"

const table = makeTable("envelope")
const known = new Set(["code", "message", "details", "request_id"])
const knownTop = new Set(["error"])

/**
 * The wire form.
 *
 * @see seed 000 "Resource API Errors"
 * @category schemas
 * @since 0.1.0
 */
export const Wire = Schema.Struct({
  error: Schema.Struct({
    code: Schema.String,
    message: Schema.String,
    details: Schema.NullOr(Schema.Json),
    request_id: Schema.NullOr(Schema.String)
  })
})

/**
 * The envelope dialect. A `ValidationError`'s issues are its `details`, as a
 * list of `{path, message, check?}`; `details` is `null` when there are none
 * and `request_id` `null` when no request id is known, as in the seed's
 * example.
 *
 * @example
 * ```ts
 * import { ApiError } from "@faultline/errors"
 * import { Envelope } from "@faultline/wire"
 *
 * Envelope.dialect.encode(new ApiError.NotFound({ message: "App not found" }), { requestId: "4c9b58ff" }).body
 * // {"error":{"code":"not_found","message":"App not found","details":null,"request_id":"4c9b58ff"}}
 * ```
 *
 * @see seed 000
 * @category models
 * @since 0.1.0
 */
export const dialect: Dialect.Dialect<"envelope", Family.Envelope> = Dialect.makeJson({
  name: "envelope",
  table,
  contentType: "application/json",
  read: (json) => {
    if (!isObject(json) || !isObject(json.error)) return undefined
    const error = json.error
    const code = error.code
    if (typeof code !== "string") return undefined
    const inner = otherMembers(error, known)
    const outer = otherMembers(json, knownTop)
    return {
      code,
      message: typeof error.message === "string" ? error.message : undefined,
      details: error.details === null ? undefined : error.details,
      requestId: typeof error.request_id === "string" ? error.request_id : undefined,
      extensions: inner === undefined ? outer : outer === undefined ? inner : { ...outer, ...inner }
    }
  },
  write: (error, selection, message, requestId) => ({
    error: error.extensions === undefined
      ? { code: selection.code, message, details: detailsOf(error), request_id: requestId ?? null }
      : {
        ...error.extensions,
        code: selection.code,
        message,
        details: detailsOf(error),
        request_id: requestId ?? null
      }
  }),
  lastResort: (status) => status >= 500 ? internalError : badRequest,
  wireSchema: (code) =>
    Schema.Struct({
      error: Schema.Struct({
        code,
        message: Schema.String,
        details: Schema.NullOr(Schema.Union([Schema.Array(FieldIssue.FieldIssue), Schema.Json])),
        request_id: Schema.NullOr(Schema.String)
      })
    })
})

const badRequest = table.byCode.get("bad_request")!
const internalError = table.byCode.get("internal_error")!

const detailsOf = (error: ApiError.ApiError): Schema.Json => {
  const issues = (error as { readonly issues?: ReadonlyArray<FieldIssue.FieldIssue> }).issues
  if (issues !== undefined && issues.length > 0) return issuesToList(issues)
  return error.details ?? null
}

/**
 * Writes an error as an envelope.
 *
 * @category encoding
 * @since 0.1.0
 */
export const encode = dialect.encode

/**
 * Reads an envelope response: total, see `Dialect.Dialect.decode`.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decode = dialect.decode

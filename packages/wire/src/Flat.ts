/**
 * Seed 002's flat form: `{"error","error_description","details"?}`, with
 * `retry_after` on 429 and an opt-in `debug` member.
 *
 * @since 0.1.0
 */
import type { ApiError, Family, FieldIssue } from "@faultline/errors"
import { Schema } from "effect"
import * as Dialect from "./Dialect.ts"
import { issuesToMap } from "./internal/issues.ts"
import { addMembers, isObject, otherMembers } from "./internal/json.ts"
import { makeTable } from "./internal/table.ts"

const table = makeTable("flat")
const known = new Set(["error", "error_description", "details", "retry_after", "request_id", "error_uri"])
// only the operator writes `debug`; any other member an extension names is written when the error left it free
const owned = new Set(["debug"])

/**
 * The wire form.
 *
 * @see seed 002 "Error Response Format"
 * @category schemas
 * @since 0.1.0
 */
export const Wire = Schema.Struct({
  error: Schema.String,
  error_description: Schema.String,
  details: Schema.optionalKey(Schema.Json),
  retry_after: Schema.optionalKey(Schema.Int),
  debug: Schema.optionalKey(Schema.Struct({
    stack_trace: Schema.optionalKey(Schema.String),
    request_body: Schema.optionalKey(Schema.Json),
    timestamp: Schema.optionalKey(Schema.String)
  }))
})

/**
 * The flat dialect. A `ValidationError`'s issues are `details` as a map of
 * field to message; a `RateLimited` wait is both `retry_after` in the body
 * and the `Retry-After` field, always the same number of seconds. The `debug`
 * member (`stack_trace`, `request_body`, `timestamp`) is written only when the
 * caller passes `debug` — which a server does only when its operator turned
 * debug on — never by default; decoding keeps a received one in `extensions`.
 *
 * @see seed 002
 * @category models
 * @since 0.1.0
 */
export const dialect: Dialect.Dialect<"flat", Family.Flat> = Dialect.makeJson({
  name: "flat",
  table,
  contentType: "application/json",
  read: (json) => {
    if (!isObject(json) || typeof json.error !== "string") return undefined
    const retryAfter = json.retry_after
    return {
      code: json.error,
      message: typeof json.error_description === "string" ? json.error_description : undefined,
      details: json.details === null ? undefined : json.details,
      requestId: typeof json.request_id === "string" ? json.request_id : undefined,
      errorUri: typeof json.error_uri === "string" ? json.error_uri : undefined,
      retryAfterSeconds: typeof retryAfter === "number" && Number.isInteger(retryAfter) && retryAfter >= 0
        ? retryAfter
        : undefined,
      extensions: otherMembers(json, known)
    }
  },
  write: (error, selection, message, _requestId, options) => {
    const body: Record<string, unknown> = { error: selection.code, error_description: message }
    const issues = (error as { readonly issues?: ReadonlyArray<FieldIssue.FieldIssue> }).issues
    if (issues !== undefined && issues.length > 0) body.details = issuesToMap(issues)
    else if (error.details !== undefined && error.details !== null) body.details = error.details
    const seconds = Dialect.retryAfterSeconds(error)
    if (seconds !== undefined) body.retry_after = seconds
    if (error.errorUri !== undefined) body.error_uri = error.errorUri
    // extensions never override a member this dialect owns, nor write `debug`: only the operator may
    addMembers(body, error.extensions, owned)
    const debug = options?.debug
    if (debug !== undefined && (debug.stack ?? debug.requestBody ?? debug.timestamp) !== undefined) {
      body.debug = {
        ...(debug.stack === undefined ? {} : { stack_trace: debug.stack }),
        ...(debug.requestBody === undefined ? {} : { request_body: debug.requestBody }),
        ...(debug.timestamp === undefined ? {} : { timestamp: debug.timestamp })
      }
    }
    return body
  },
  lastResort: (status) => status >= 500 ? internalError : invalidRequest,
  wireSchema: (code) =>
    Wire.mapFields((fields) => ({
      ...fields,
      error: code,
      details: Schema.optionalKey(Schema.Union([Schema.Record(Schema.String, Schema.String), Schema.Json]))
    }))
})

const invalidRequest = table.byCode.get("invalid_request")!
const internalError = table.byCode.get("internal_error")!

/**
 * Writes an error in the flat form.
 *
 * @category encoding
 * @since 0.1.0
 */
export const encode: (error: ApiError.ApiError, options?: Dialect.EncodeOptions) => Dialect.Encoded = dialect.encode

/**
 * Reads a flat-form response: total, see `Dialect.Dialect.decode`.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decode = dialect.decode

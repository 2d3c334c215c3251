/**
 * Twilio's REST API errors, `{"code": 20404, "message", "more_info",
 * "status"}`: a numbered code, its page, and the status.
 *
 * @since 0.2.0
 */
import { ApiError } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

const source = "Twilio docs, 'Error and Warning Dictionary'"

/** The platform codes the table has. */
const platform = new Set(["20404", "20409", "20422", "20429", "20500", "20503"])

/** The platform's codes a client acts on; the thousands of others mean what their status means. */
const codes = [
  { code: "20001", status: 400, class: ApiError.BadRequest, source },
  { code: "20003", status: 401, class: ApiError.Unauthorized, source },
  { code: "20004", status: 405, class: ApiError.MethodNotAllowed, source },
  { code: "20005", status: 403, class: ApiError.Forbidden, source },
  { code: "20008", status: 403, class: ApiError.Forbidden, source },
  { code: "20404", status: 404, class: ApiError.NotFound, source },
  { code: "20409", status: 409, class: ApiError.Conflict, source },
  { code: "20422", status: 422, class: ApiError.ValidationError, source },
  { code: "20429", status: 429, class: ApiError.RateLimited, source },
  { code: "20500", status: 500, class: ApiError.InternalError, source },
  { code: "20503", status: 503, class: ApiError.ServiceUnavailable, source },
  { code: "21211", status: 400, class: ApiError.InvalidResource, resource: "to", source },
  { code: "21602", status: 400, class: ApiError.MissingParameter, source },
  { code: "21604", status: 400, class: ApiError.MissingParameter, source },
  // every status means what it means, as Twilio numbers the HTTP-level errors (20404)
  ...Dialect.genericCodes().map((entry) => ({ ...entry, code: String(20000 + entry.status) }))
    .filter((entry) => !platform.has(entry.code))
] as const

/**
 * The Twilio dialect.
 *
 * - `code`, a number, is the code (read as its digits); a code the table
 *   does not name means what its status means, and is kept
 *   (`extensions.code`) and written back.
 * - `more_info` is the error's page (`errorUri`); `status` the status; the
 *   request id is `Twilio-Request-Id`.
 *
 * @see https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions
 * @see https://www.twilio.com/docs/api/errors
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "twilio",
  contentType: "application/json",
  codes,
  unknownCodes: "status",
  convention: (_, status) => `${status < 500 ? 20000 + status : 20500}`,
  shape: {
    code: { path: ["code"], format: "number" },
    message: ["message"],
    errorUri: ["more_info"],
    status: ["status"],
    requestId: { header: "twilio-request-id" }
  },
  detect: { has: [{ path: ["code"], is: "number" }, { path: ["more_info"], is: "string" }] }
})

/**
 * Writes an error as Twilio does.
 *
 * @see https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a Twilio REST API error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

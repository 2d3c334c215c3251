/**
 * Okta's API errors, `{"errorCode": "E0000011", "errorSummary", "errorLink",
 * "errorId", "errorCauses": [...]}`: a numbered code, a summary, and the
 * causes of a validation failure.
 *
 * @since 0.2.0
 */
import { ApiError } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

const source = "Okta docs, 'Error codes'"

/** The codes a client acts on; the others mean what their status means. */
const codes = [
  { code: "E0000001", status: 400, class: ApiError.ValidationError, source },
  { code: "E0000003", status: 400, class: ApiError.InvalidJson, source },
  { code: "E0000004", status: 401, class: ApiError.Unauthorized, source },
  { code: "E0000005", status: 403, class: ApiError.Forbidden, source },
  { code: "E0000006", status: 403, class: ApiError.Forbidden, source },
  { code: "E0000007", status: 404, class: ApiError.NotFound, source },
  { code: "E0000011", status: 401, class: ApiError.InvalidToken, source },
  { code: "E0000015", status: 403, class: ApiError.Forbidden, source },
  { code: "E0000022", status: 405, class: ApiError.MethodNotAllowed, source },
  { code: "E0000047", status: 429, class: ApiError.RateLimited, source },
  { code: "E0000009", status: 500, class: ApiError.InternalError, source },
  ...Dialect.genericCodes().map((entry) => ({ ...entry, code: `E${entry.status}` }))
] as const

/**
 * The Okta dialect.
 *
 * - `errorCode` is the code (`E0000011` → `InvalidToken`); a code the table
 *   does not name means what its status means, and is kept.
 * - `errorSummary` is the message, `errorLink` and `errorId` stay in
 *   `extensions` (the id is also the request id: `errorId`); the summaries of
 *   `errorCauses` are issues of the request as a whole.
 *
 * @see https://developer.okta.com/docs/reference/error-codes/
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "okta",
  contentType: "application/json",
  codes,
  unknownCodes: "status",
  shape: {
    code: ["errorCode"],
    message: ["errorSummary"],
    requestId: ["errorId"],
    issues: { path: ["errorCauses"], format: "list", item: { message: ["errorSummary"] } }
  },
  detect: { has: [{ path: ["errorCode"], is: "string" }, { path: ["errorSummary"], is: "string" }] }
})

/**
 * Writes an error as Okta does.
 *
 * @see https://developer.okta.com/docs/reference/error-codes/
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads an Okta API error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://developer.okta.com/docs/reference/error-codes/
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

/**
 * Google's API errors (AIP-193), `{"error": {"code": 404, "message", "status":
 * "NOT_FOUND", "details": [...]}}`: the canonical `status` code is the
 * meaning, and typed `details` carry a retry delay (`RetryInfo`) and the
 * fields that failed (`BadRequest.fieldViolations`).
 *
 * @since 0.2.0
 */
import { ApiError } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

const source = "AIP-193; google.rpc.Code"

/** The canonical codes the generic ones must not take (`NOT_FOUND` is both). */
const canonical = new Set(["NOT_FOUND", "INTERNAL_SERVER_ERROR"])

/**
 * The canonical codes, each with the HTTP status AIP-193 maps it to.
 * `CANCELLED` (499, the client closed the request) has no class: it reads as
 * an `UnknownError` that keeps it.
 */
const codes = [
  { code: "INVALID_ARGUMENT", status: 400, class: ApiError.BadRequest, source },
  { code: "FAILED_PRECONDITION", status: 400, class: ApiError.BadRequest, source },
  { code: "OUT_OF_RANGE", status: 400, class: ApiError.OutOfRange, source },
  { code: "UNAUTHENTICATED", status: 401, class: ApiError.Unauthorized, source },
  { code: "PERMISSION_DENIED", status: 403, class: ApiError.Forbidden, source },
  { code: "NOT_FOUND", status: 404, class: ApiError.NotFound, source },
  { code: "ABORTED", status: 409, class: ApiError.Conflict, source },
  { code: "ALREADY_EXISTS", status: 409, class: ApiError.AlreadyExists, source },
  { code: "RESOURCE_EXHAUSTED", status: 429, class: ApiError.RateLimited, source },
  { code: "INTERNAL", status: 500, class: ApiError.InternalError, source },
  { code: "UNKNOWN", status: 500, class: ApiError.InternalError, source },
  { code: "DATA_LOSS", status: 500, class: ApiError.InternalError, source },
  { code: "UNIMPLEMENTED", status: 501, class: ApiError.NotImplemented, source },
  { code: "UNAVAILABLE", status: 503, class: ApiError.ServiceUnavailable, source },
  { code: "DEADLINE_EXCEEDED", status: 504, class: ApiError.GatewayTimeout, source },
  // a validation failure is an invalid argument, its violations in the details (a 400 with them reads as one)
  { code: "INVALID_ARGUMENT", status: 422, class: ApiError.ValidationError, source },
  { code: "INVALID_ARGUMENT", status: 400, class: ApiError.ValidationError, encodeOnly: true, source },
  // every status means what it means, when the body's code is one AIP-193 does not have
  ...Dialect.genericCodes("UPPER_SNAKE").filter((entry) => !canonical.has(entry.code))
] as const

/** The `@type` of AIP-193's typed details. */
const detailType = (name: string) => ({ "@type": `type.googleapis.com/google.rpc.${name}` })

/**
 * The Google dialect.
 *
 * - `status` (`NOT_FOUND`) is the code; `code` the HTTP status, as a number.
 * - `details` is kept as it came. Two of its items are read: `RetryInfo`'s
 *   `retryDelay` (`"30s"`) is the wait when no `Retry-After` says otherwise,
 *   and `BadRequest`'s `fieldViolations` are the field issues (`field`,
 *   `description`, `reason` as the check) — an invalid argument with them is
 *   a `ValidationError`, at 400. Writing adds those items when the error has
 *   a wait or issues and its details do not already carry them.
 * - `ErrorInfo`'s `reason` (`API_KEY_INVALID`), the finer cause, stays in the
 *   details; the older `errors` list is kept in `extensions`.
 * - A class AIP-193 has no code for is spelled in `UPPER_SNAKE`.
 *
 * @see https://google.aip.dev/193
 * @see https://cloud.google.com/apis/design/errors
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "google",
  contentType: "application/json",
  codes,
  convention: "UPPER_SNAKE",
  // in AIP-193's order: code, message, status, details
  shape: {
    status: ["error", "code"],
    message: ["error", "message"],
    code: ["error", "status"],
    details: ["error", "details"],
    retryAfter: { path: ["error", "details", detailType("RetryInfo"), "retryDelay"], format: "duration" },
    issues: {
      path: ["error", "details", detailType("BadRequest"), "fieldViolations"],
      format: "list",
      item: { path: ["field"], message: ["description"], check: ["reason"] }
    }
  },
  // a numeric code beside a canonical status, or the older form's message and errors
  detect: [
    { has: [{ path: ["error", "code"], is: "number" }, { path: ["error", "status"], is: "string" }] },
    {
      has: [{ path: ["error", "code"], is: "number" }, { path: ["error", "message"], is: "string" }],
      lacks: [["error", "status"]]
    }
  ]
})

/**
 * Writes an error as a Google API does.
 *
 * @see https://google.aip.dev/193
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a Google API error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://google.aip.dev/193
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

/**
 * The Kubernetes API's `Status` object, `{"kind": "Status", "status":
 * "Failure", "message", "reason": "NotFound", "details", "code": 404}`: the
 * `reason` says what went wrong.
 *
 * @since 0.2.0
 */
import { ApiError } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

const source = "Kubernetes API reference, 'Status' (StatusReason)"

/** The reasons the table has. */
const reasons: ReadonlySet<string> = new Set([
  "BadRequest",
  "Unauthorized",
  "Forbidden",
  "NotFound",
  "MethodNotAllowed",
  "Conflict",
  "Gone",
  "UnsupportedMediaType",
  "InternalError",
  "ServiceUnavailable"
])

/** The `StatusReason`s, and the class each means. */
const codes = [
  { code: "BadRequest", status: 400, class: ApiError.BadRequest, source },
  { code: "Unauthorized", status: 401, class: ApiError.Unauthorized, source },
  { code: "Forbidden", status: 403, class: ApiError.Forbidden, source },
  { code: "NotFound", status: 404, class: ApiError.NotFound, source },
  { code: "MethodNotAllowed", status: 405, class: ApiError.MethodNotAllowed, source },
  { code: "AlreadyExists", status: 409, class: ApiError.AlreadyExists, source },
  { code: "Conflict", status: 409, class: ApiError.Conflict, source },
  { code: "Gone", status: 410, class: ApiError.Gone, source },
  { code: "Expired", status: 410, class: ApiError.Gone, source },
  { code: "RequestEntityTooLarge", status: 413, class: ApiError.PayloadTooLarge, source },
  { code: "UnsupportedMediaType", status: 415, class: ApiError.UnsupportedMediaType, source },
  { code: "Invalid", status: 422, class: ApiError.ValidationError, source },
  { code: "TooManyRequests", status: 429, class: ApiError.RateLimited, source },
  { code: "InternalError", status: 500, class: ApiError.InternalError, source },
  { code: "ServiceUnavailable", status: 503, class: ApiError.ServiceUnavailable, source },
  { code: "Timeout", status: 504, class: ApiError.GatewayTimeout, source },
  ...Dialect.genericCodes().map((entry) => ({ ...entry, code: entry.class.tag }))
    .filter((entry) => !reasons.has(entry.code))
] as const

/**
 * The Kubernetes dialect.
 *
 * - Every body has `"kind": "Status"`, `"apiVersion": "v1"` and `"status":
 *   "Failure"`; `reason` is the code (`NotFound`, `AlreadyExists`,
 *   `Invalid`…), `code` the status, `message` the message.
 * - `details` (`name`, `kind`, and an invalid object's `causes`) is kept as
 *   `details`.
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/status/
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "kubernetes",
  contentType: "application/json",
  codes,
  unknownCodes: "status",
  convention: (errorClass) => errorClass.tag,
  shape: {
    constants: { kind: "Status", apiVersion: "v1", status: "Failure" },
    message: ["message"],
    code: ["reason"],
    details: ["details"],
    status: ["code"]
  },
  detect: { has: [{ path: ["kind"], in: ["Status"] }, { path: ["status"], in: ["Failure"] }] }
})

/**
 * Writes an error as the Kubernetes API does.
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/status/
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a Kubernetes API `Status` response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/status/
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

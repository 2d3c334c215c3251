/**
 * Cloudflare's API v4 errors, `{"success": false, "errors": [{"code", "message"}],
 * "messages": [], "result": null}`: a list of numbered errors in the API's
 * envelope.
 *
 * @since 0.2.0
 */
import { ApiError } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

const source = "Cloudflare API docs, 'Troubleshooting' (API v4 error codes)"

/** The codes of the API's own failures; the others mean what their status means. */
const codes = [
  { code: "10000", status: 401, class: ApiError.Unauthorized, source },
  { code: "9109", status: 403, class: ApiError.Forbidden, source },
  { code: "7003", status: 404, class: ApiError.NotFound, source },
  { code: "971", status: 429, class: ApiError.RateLimited, source },
  ...Dialect.genericCodes().map((entry) => ({ ...entry, code: String(entry.status) }))
] as const

/**
 * The Cloudflare dialect.
 *
 * - Every body has `"success": false`; `errors` is the list of errors, each a
 *   numbered `code` (read as its digits) and a `message`. One reads as that
 *   error; several as the one the status is about, the others kept.
 * - A code the table does not name means what its status means, and is kept.
 * - `messages` and `result` stay in `extensions`.
 *
 * @see https://developers.cloudflare.com/fundamentals/api/reference/
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "cloudflare",
  contentType: "application/json",
  codes,
  unknownCodes: "status",
  shape: {
    constants: { success: false },
    list: ["errors"],
    code: { path: ["code"], format: "number" },
    message: ["message"]
  },
  detect: { has: [{ path: ["success"], in: [false] }, { path: ["errors"], is: "array" }] }
})

/**
 * Writes an error as Cloudflare's API does.
 *
 * @see https://developers.cloudflare.com/fundamentals/api/reference/
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a Cloudflare API error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://developers.cloudflare.com/fundamentals/api/reference/
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

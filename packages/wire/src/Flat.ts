/**
 * Seed 002's flat form: `{"error","error_description","details"?}`, with
 * `retry_after` on 429 and an opt-in `debug` member.
 *
 * @since 0.1.0
 */
import { Catalog } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

const oauthCodes = new Set<string>(Catalog.vocabulary("oauth").map((entry) => entry.code))
const flatCodes = new Set<string>(Catalog.vocabulary("flat").map((entry) => entry.code))

/**
 * The flat dialect. A `ValidationError`'s issues are `details` as a map of
 * field to message; a wait is both `retry_after` in the body and the
 * `Retry-After` field, always the same number of seconds. The `debug` member
 * (`stack_trace`, `request_body`, `timestamp`) is written only when the
 * caller passes `debug` — which a server does only when its operator turned
 * debug on — never by default; decoding keeps a received one in `extensions`,
 * and an error's extensions never write it.
 *
 * @see seed 002 "Error Response Format", "Debug Mode"
 * @category models
 * @since 0.1.0
 */
export const dialect = Dialect.make({
  name: "flat",
  contentType: "application/json",
  codes: Catalog.vocabulary("flat"),
  shape: {
    code: ["error"],
    message: ["error_description"],
    details: ["details"],
    issues: { path: ["details"], format: "map" },
    retryAfter: ["retry_after"],
    errorUri: ["error_uri"],
    debug: ["debug"]
  },
  // a string error with seed 002's members, or a code only seed 002 uses (OAuth's is the same shape)
  detect: [
    { has: [{ path: ["error"], is: "string" }, ["details"]] },
    { has: [{ path: ["error"], is: "string" }, ["retry_after"]] },
    { has: [{ path: ["error"], in: Array.from(flatCodes).filter((code) => !oauthCodes.has(code)) }] }
  ]
})

/**
 * Writes an error in the flat form.
 *
 * @category encoding
 * @since 0.1.0
 */
export const encode = dialect.encode

/**
 * Reads a flat-form response: total, see `Dialect.Dialect.decode`.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decode = dialect.decode

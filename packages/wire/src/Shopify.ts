/**
 * Shopify's REST Admin API errors, `{"errors": "…"}` and, for a record that
 * failed validation, `{"errors": {"title": ["can't be blank"]}}`: the form
 * many Rails APIs share. The status says what went wrong.
 *
 * @since 0.2.0
 */
import * as Dialect from "./Dialect.ts"

/**
 * The Shopify dialect.
 *
 * - The meaning is the status's; `errors` is the message when it is a
 *   sentence, the field issues when it maps fields to their messages.
 * - A 429's wait is in `Retry-After` (Shopify writes it with a fraction,
 *   `2.0`, which RFC 9110 does not allow: it is not read, and a client backs
 *   off on its own).
 *
 * @see https://shopify.dev/docs/api/admin-rest/usage/response-codes
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "shopify",
  contentType: "application/json",
  codes: Dialect.genericCodes(),
  shape: { issues: { path: ["errors"], format: "map", grouped: true }, message: ["errors"] },
  detect: [
    { has: [{ path: ["errors"], is: "string" }], lacks: [["message"]] },
    { has: [{ path: ["errors"], is: "object" }], lacks: [["message"]] }
  ]
})

/**
 * Writes an error as Shopify does.
 *
 * @see https://shopify.dev/docs/api/admin-rest/usage/response-codes
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a Shopify REST Admin API error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://shopify.dev/docs/api/admin-rest/usage/response-codes
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

/**
 * The model of one authentication challenge of a `WWW-Authenticate` field.
 * `@faultline/wire` parses and writes the field; the algebra only holds the
 * challenges an error came with, so nothing a server said is lost.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * An auth-param name: a token, kept lower-cased since names are
 * case-insensitive (RFC 9110 §11.2).
 *
 * @category schemas
 * @since 0.1.0
 */
export const ParameterName = Schema.String.check(
  Schema.isPattern(/^[!#$%&'*+.^_`|~0-9a-z-]+$/, { description: "a lower-cased token" })
)

/**
 * A challenge: its scheme as sent (compared case-insensitively), an optional
 * token68, and its auth-params with lower-cased names and unescaped values, in
 * the order they came.
 *
 * @example
 * ```ts
 * // WWW-Authenticate: Bearer realm="example", error="invalid_token"
 * const challenge = { scheme: "Bearer", params: { realm: "example", error: "invalid_token" } }
 * ```
 *
 * @see RFC 9110 §11.3, §11.6.1; RFC 6750 §3
 * @category schemas
 * @since 0.1.0
 */
export const Challenge = Schema.Struct({
  scheme: Schema.String.check(Schema.isPattern(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { description: "a token" })),
  token68: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[A-Za-z0-9\-._~+/]+=*$/))),
  params: Schema.Record(
    ParameterName,
    Schema.String.check(Schema.isPattern(/^[\t\x20-\x7E\x80-\xFF]*$/, { description: "a header-safe value" }))
  )
}).annotate({ identifier: "Challenge", description: "An authentication challenge (RFC 9110 §11.3)" })

/**
 * An authentication challenge: its scheme, its token68 or its parameters (RFC 9110 §11.3).
 *
 * @category models
 * @since 0.1.0
 */
export interface Challenge extends Schema.Schema.Type<typeof Challenge> {}

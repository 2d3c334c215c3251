/**
 * Dialects: the wire formats real APIs use, as Schema codecs of Faultline errors.
 *
 * @since 0.1.0
 */

/**
 * Errors carried by `WWW-Authenticate` challenges (RFC 6750, RFC 9449, RFC 9470).
 *
 * @since 0.1.0
 */
export * as Bearer from "./Bearer.ts"

/**
 * Seed 004's `{"code","description"}` form.
 *
 * @since 0.1.0
 */
export * as CodeDescription from "./CodeDescription.ts"

/**
 * Reads a response of unknown dialect.
 *
 * @since 0.1.0
 */
export * as Detect from "./Detect.ts"

/**
 * What every dialect shares, and translation between dialects.
 *
 * @since 0.1.0
 */
export * as Dialect from "./Dialect.ts"

/**
 * Seed 000's resource API envelope.
 *
 * @since 0.1.0
 */
export * as Envelope from "./Envelope.ts"

/**
 * Seed 002's flat form.
 *
 * @since 0.1.0
 */
export * as Flat from "./Flat.ts"

/**
 * Seed 001's `{"message","description"}` form.
 *
 * @since 0.1.0
 */
export * as MessageDescription from "./MessageDescription.ts"

/**
 * Seed 003's nested form with its `multiple` aggregate.
 *
 * @since 0.1.0
 */
export * as Nested from "./Nested.ts"

/**
 * OAuth 2.0 errors: JSON bodies and authorization redirects.
 *
 * @since 0.1.0
 */
export * as OAuth from "./OAuth.ts"

/**
 * RFC 9457 problem details.
 *
 * @since 0.1.0
 */
export * as Problem from "./Problem.ts"

/**
 * The `Retry-After` field: delay-seconds or an HTTP-date, as a wait.
 *
 * @since 0.2.0
 */
export * as RetryAfter from "./RetryAfter.ts"

/**
 * The `WWW-Authenticate` field: parse and format challenges.
 *
 * @since 0.1.0
 */
export * as WwwAuthenticate from "./WwwAuthenticate.ts"

export {
  /**
   * Decides which dialect a response speaks and decodes it.
   *
   * @since 0.1.0
   */
  decodeAny
} from "./Detect.ts"

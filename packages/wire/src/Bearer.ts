/**
 * Errors carried by a `WWW-Authenticate` challenge: RFC 6750's Bearer scheme,
 * RFC 9449's DPoP scheme and RFC 9470's step-up parameters — as seed 004's
 * API sends them beside its body.
 *
 * @since 0.1.0
 */
import { type ApiError, Catalog, type Challenge } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"
import { challengeCodeOf, decisive as decisiveChallenge } from "./internal/challenge.ts"

/**
 * Encoding options of the challenge dialect.
 *
 * @category models
 * @since 0.1.0
 */
export interface EncodeOptions extends Dialect.EncodeOptions {
  /** `json` adds a body `{"error","error_description"}` that says what the challenge says. Default: no body. */
  readonly body?: "none" | "json" | undefined
}

/**
 * The challenge whose error decides: the first Bearer or DPoP challenge with
 * an `error` parameter (RFC 9449 §7.2 puts the error on the scheme the
 * client used), else the first Bearer or DPoP challenge; `undefined` when
 * none is of those schemes (a `Basic` or `Digest` challenge carries no OAuth
 * error, RFC 6750 §3).
 *
 * @category decoding
 * @since 0.1.0
 */
export const decisive: (challenges: ReadonlyArray<Challenge.Challenge>) => Challenge.Challenge | undefined =
  decisiveChallenge

/**
 * The challenge code a class is sent with (`TokenExpired` as `invalid_token`,
 * which RFC 6750 §3.1 defines to cover it), or `undefined` for a class no
 * challenge carries.
 *
 * @category encoding
 * @since 0.1.0
 */
export const codeOf: (error: ApiError.ApiError) => string | undefined = challengeCodeOf

/**
 * The challenge dialect: decoding reads the `WWW-Authenticate` field (a
 * response without one is `Undecodable`, `Shape`), encoding writes it.
 *
 * - The status is the one RFC 6750 §3.1 gives the code (400
 *   `invalid_request`, 401 `invalid_token`, 403 `insufficient_scope`); an
 *   error no challenge code names keeps its own.
 * - Every response carries a challenge: an error no challenge code names gets
 *   one with no error information (RFC 6750 §3.1: authentication required);
 *   an `UnknownError` carries its own code (RFC 6749 §8.5).
 * - A challenge with no `error` decodes to `Unauthorized`, never
 *   `InvalidToken`; every challenge of the field is kept on the error, and a
 *   JSON body's message, details and request id are kept beside it.
 * - Only Bearer and DPoP challenges carry an error: a 401 with only `Basic`,
 *   `Digest` or other challenges is `Unauthorized` (authentication required,
 *   in that scheme), and any other response without a Bearer or DPoP
 *   challenge is not this dialect's (`Undecodable`, `Shape`).
 * - With `body: "json"`, an error a challenge carries also gets a body
 *   `{"error","error_description"}` that says what the challenge says.
 *
 * @see RFC 6750 §3, RFC 9449 §7, RFC 9470 §3, RFC 9110 §11.6.1
 * @category models
 * @since 0.1.0
 */
export const dialect = Dialect.make({
  name: "bearer",
  contentType: "application/json",
  codes: Catalog.vocabulary("bearer"),
  shape: { code: ["error"], message: { path: ["error_description"], omitDefault: true } },
  charset: "oauth",
  headers: { "cache-control": "no-store" },
  body: "with-challenge",
  challenge: { protected: true, always: true, required: true }
})

/**
 * Writes an error as a challenge: see {@link dialect}.
 *
 * @category encoding
 * @since 0.1.0
 */
export const encode: (error: ApiError.ApiError, options?: EncodeOptions) => Dialect.Encoded = dialect.encode

/**
 * Reads the error a response's challenges carry: see {@link dialect}.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decode = dialect.decode

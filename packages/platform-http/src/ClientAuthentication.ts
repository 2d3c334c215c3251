/**
 * OAuth client authentication at a token endpoint: the client credentials of
 * `Authorization: Basic` (`client_secret_basic`, RFC 6749 §2.3.1), read so
 * that anything malformed in them is the client's `invalid_client`, a 401
 * with a `Basic` challenge — never a defect of the server.
 *
 * @since 0.1.0
 */
import { ApiError } from "@faultline/errors"
import { Effect, Redacted, Result } from "effect"
import { Base64 } from "effect/encoding"

/**
 * The credentials a client sent.
 *
 * @category models
 * @since 0.1.0
 */
export interface Credentials {
  readonly clientId: string
  readonly clientSecret: Redacted.Redacted<string>
}

/**
 * How to answer malformed credentials.
 *
 * @category models
 * @since 0.1.0
 */
export interface Options {
  /** The realm of the `Basic` challenge, which RFC 7617 §2 requires. Default `oauth`, as the OAuth dialect's. */
  readonly realm?: string | undefined
}

const scheme = /^basic(?:[ \t]+(.*))?$/i

/**
 * Reads `client_secret_basic` credentials from an `Authorization` field:
 * `undefined` when the request used no `Basic` authentication (the client
 * may authenticate otherwise, e.g. `client_secret_post`).
 *
 * The client id and secret are each form-urlencoded before they are joined
 * with a colon and encoded in base64 (RFC 6749 §2.3.1, Appendix B): a `+` is
 * a space, `%3A` a colon in the id. Credentials that cannot be read — not
 * base64, no colon, an empty client id, a percent-escape that does not
 * decode — fail with `InvalidClient`, status 401 and a `Basic` challenge,
 * since the client tried `Basic` (RFC 6749 §5.2).
 *
 * @example
 * ```ts
 * import { ClientAuthentication } from "@faultline/platform-http"
 * import { Effect } from "effect"
 * import { HttpServerRequest } from "effect/http"
 *
 * const credentials = HttpServerRequest.HttpServerRequest.use((request) =>
 *   ClientAuthentication.basic(request.headers["authorization"], { realm: "example" })
 * )
 * ```
 *
 * @see RFC 6749 §2.3.1, §5.2; RFC 7617 §2
 * @category decoding
 * @since 0.1.0
 */
export const basic = (
  authorization: string | undefined,
  options?: Options
): Effect.Effect<Credentials | undefined, ApiError.InvalidClient> => {
  if (authorization === undefined) return Effect.undefined
  const match = scheme.exec(authorization.trim())
  if (match === null) return Effect.undefined
  const decoded = Result.getOrUndefined(Base64.decodeString(match[1]?.trim() ?? ""))
  const colon = decoded === undefined ? -1 : decoded.indexOf(":")
  const clientId = colon === -1 ? undefined : formDecode(decoded!.slice(0, colon))
  const clientSecret = colon === -1 ? undefined : formDecode(decoded!.slice(colon + 1))
  if (clientId === undefined || clientId.length === 0 || clientSecret === undefined) {
    return Effect.fail(
      new ApiError.InvalidClient({
        message: "The client credentials in the Authorization field cannot be read",
        status: 401,
        // the scheme the client used, whatever the route's challenges are (RFC 6749 §5.2)
        challenges: [{ scheme: "Basic", params: { realm: options?.realm ?? "oauth" } }]
      })
    )
  }
  return Effect.succeed({ clientId, clientSecret: Redacted.make(clientSecret) })
}

/** `application/x-www-form-urlencoded` decoding of one value, `undefined` when an escape does not decode. */
const formDecode = (value: string): string | undefined => {
  try {
    return decodeURIComponent(value.replaceAll("+", " "))
  } catch {
    return undefined
  }
}

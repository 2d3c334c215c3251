import type { ApiError, Challenge } from "@faultline/errors"
import * as WwwAuthenticate from "../WwwAuthenticate.ts"
import { toNqschar } from "./text.ts"

/**
 * Where a resource server's challenges come from when an error carries none.
 *
 * @internal
 */
export interface ChallengeOptions {
  /** The scheme the client used or should use; `Bearer` by default (RFC 6750 §3). */
  readonly scheme?: string | undefined
  readonly realm?: string | undefined
}

/**
 * The RFC 6750 / RFC 9449 / RFC 9470 code of each class a challenge can carry.
 * Token problems that are more specific than RFC 6750 (expired, revoked,
 * malformed) are all `invalid_token` there (RFC 6750 §3.1).
 *
 * @internal
 */
export const challengeCodes: Readonly<Record<string, string>> = {
  InvalidRequest: "invalid_request",
  InvalidToken: "invalid_token",
  TokenExpired: "invalid_token",
  TokenRevoked: "invalid_token",
  MalformedAuthorization: "invalid_request",
  InsufficientScope: "insufficient_scope",
  InvalidDpopProof: "invalid_dpop_proof",
  UseDpopNonce: "use_dpop_nonce",
  InsufficientUserAuthentication: "insufficient_user_authentication"
}

const errorParams = new Set(["error", "error_description", "error_uri", "scope", "acr_values", "max_age"])

/**
 * The challenges to send with an error, or `undefined` when none is due.
 *
 * A 401 always has one (RFC 9110 §11.6.1, §15.5.2): the error's own, else one
 * for the configured scheme. A 400 or 403 with a challenge code has one when
 * the route is a protected resource (`options` given) or the error carries
 * one (RFC 6750 §3, 6750-01). The error's code, description, URI, scope and
 * step-up parameters go on the challenge of the scheme used (RFC 9449 §7.2);
 * `Unauthorized` — no credentials came — carries no error information
 * (RFC 6750 §3.1, 6750-09). Values are made `NQSCHAR` (RFC 6750 §3).
 *
 * @internal
 */
export const challengesFor = (
  error: ApiError.ApiError,
  status: number,
  options: ChallengeOptions | undefined,
  describe: boolean
): string | undefined => {
  const own = (error as { readonly challenges?: ReadonlyArray<Challenge.Challenge> }).challenges
  const code = challengeCodes[error._tag]
  if (status !== 401 && (code === undefined || (own === undefined && options === undefined))) return undefined
  const base: ReadonlyArray<Challenge.Challenge> = own !== undefined && own.length > 0
    ? own
    : [{ scheme: options?.scheme ?? "Bearer", params: options?.realm === undefined ? {} : { realm: options.realm } }]
  if (code === undefined) {
    // no error information: strip what a decoded challenge may have carried
    return WwwAuthenticate.format(base.map((challenge) => ({
      ...challenge,
      params: Object.fromEntries(Object.entries(challenge.params).filter(([name]) => !errorParams.has(name)))
    })))
  }
  const params: Record<string, string> = { error: code }
  if (describe && error.message !== (error.constructor as { readonly description?: string }).description) {
    const description = toNqschar(error.message)
    if (description !== undefined) params.error_description = description
  }
  if (error.errorUri !== undefined && /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(error.errorUri)) {
    params.error_uri = error.errorUri
  }
  const scope = (error as { readonly scope?: ReadonlyArray<string> }).scope
  if (scope !== undefined && scope.length > 0) params.scope = scope.join(" ")
  const acrValues = (error as { readonly acrValues?: ReadonlyArray<string> }).acrValues
  if (acrValues !== undefined && acrValues.length > 0) params.acr_values = acrValues.join(" ")
  const maxAge = (error as { readonly maxAge?: number }).maxAge
  if (maxAge !== undefined) params.max_age = String(maxAge)
  const used = base[0]!
  return WwwAuthenticate.format([
    {
      scheme: used.scheme,
      params: {
        ...Object.fromEntries(Object.entries(used.params).filter(([name]) => !errorParams.has(name))),
        ...params
      }
    },
    ...base.slice(1)
  ])
}

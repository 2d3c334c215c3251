import { ApiError, Catalog, type Challenge } from "@faultline/errors"
import type { Schema } from "effect"
import * as WwwAuthenticate from "../WwwAuthenticate.ts"
import {
  buildError,
  challengeError,
  decisive,
  decisiveOf,
  type DecodeContext,
  parseChallenges,
  spaceList
} from "./build.ts"
import { compile, emptyReading, interpretFetch } from "./shape.ts"
import { toNqschar } from "./text.ts"
import { find, index, normalize } from "./vocabulary.ts"

export { challengeError, decisive, decisiveOf, parseChallenges }

/**
 * Where a resource server's challenges come from when an error carries none.
 *
 * @internal
 */
export interface ChallengeOptions {
  /** The scheme the client used or should use; `Bearer` by default (RFC 6750 §3). */
  readonly scheme?: string | undefined
  readonly realm?: string | undefined
  /**
   * The JWS algorithms a DPoP-protected resource accepts (RFC 9449 §7.1),
   * written space-separated as `algs` on its `DPoP` challenges.
   */
  readonly algs?: ReadonlyArray<string> | undefined
}

/** A challenge's own parameters from the options: the realm, and on a DPoP challenge the algorithms. */
const optionParams = (scheme: string, options: ChallengeOptions | undefined): Record<string, string> => {
  const params: Record<string, string> = {}
  if (options?.realm !== undefined) params.realm = options.realm
  const algs = options?.algs?.filter((alg) => /^[A-Za-z0-9._-]+$/.test(alg)).join(" ")
  if (algs !== undefined && algs.length > 0 && /^dpop$/i.test(scheme)) params.algs = algs
  return params
}

const bearerRules = { name: "bearer", convention: undefined, charset: "oauth", redirect: false } as const

/**
 * The codes a challenge carries (RFC 6750 §3.1, RFC 9449, RFC 9470), from the
 * catalog's `bearer` vocabulary. A class with no code of its own is written
 * with a broader class's (`TokenExpired` as `invalid_token`, which RFC 6750
 * defines to cover it); nothing is spelled by convention: a class no
 * challenge code covers carries none.
 *
 * @internal
 */
export const bearerVocabulary = index(normalize(bearerRules, Catalog.vocabulary("bearer")), undefined)

/**
 * The challenge code an error is sent with, or `undefined` for a class no
 * challenge carries (an `UnknownError` keeps its own code).
 *
 * @internal
 */
export const challengeCodeOf = (error: ApiError.ApiError): string | undefined =>
  error._tag === "UnknownError" ? (error as ApiError.UnknownError).code : find(bearerVocabulary, error)?.code

/**
 * The challenges to send with an error, as a field value, or `undefined` when
 * none is due.
 *
 * A 401 always has one (RFC 9110 §11.6.1, §15.5.2): the error's own, else one
 * for the configured scheme. A 400 or 403 with a challenge code has one when
 * the route is a protected resource (`options` given) or the error carries
 * its own (RFC 6750 §3, 6750-01). The error's code, description, URI, scope
 * and step-up parameters go on the challenge of the scheme used — the one
 * `options` names, else the first Bearer or DPoP one (RFC 9449 §7.2); a
 * DPoP proof or nonce error with no challenge of its own gets a `DPoP` one.
 * Challenges the error came with are otherwise sent as they came (RFC 9110
 * §11.6.1: a proxy must not alter them). `errorCode` is the class's code
 * unless the caller passes another (the challenge dialect sends an
 * `UnknownError`'s own, RFC 6749 §8.5). An error with no
 * challenge code and no challenges of its own — `Unauthorized`, no
 * credentials came — gets a challenge with no error information
 * (RFC 6750 §3.1, 6750-09). Values are made `NQSCHAR` (RFC 6750 §3).
 *
 * @internal
 */
export const challengesFor = (
  error: ApiError.ApiError,
  status: number,
  options: ChallengeOptions | undefined,
  describe: boolean,
  errorCode: string | undefined = challengeCodeOf(error)
): string | undefined => {
  const own = (error as { readonly challenges?: ReadonlyArray<Challenge.Challenge> }).challenges
  const code = errorCode === undefined ? undefined : toNqschar(errorCode)
  if (status !== 401 && (code === undefined || (own === undefined && options === undefined))) return undefined
  // a DPoP proof or nonce error only answers a request made with DPoP: its challenge is a DPoP one (RFC 9449 §7.1, §9)
  const scheme = options?.scheme ?? (code === "invalid_dpop_proof" || code === "use_dpop_nonce" ? "DPoP" : "Bearer")
  const base: ReadonlyArray<Challenge.Challenge> = own !== undefined && own.length > 0
    ? own
    : [{ scheme, params: optionParams(scheme, options) }]
  if (code === undefined) return WwwAuthenticate.format(base)
  const params: Record<string, string> = { error: code }
  if (describe && error.message !== (error.constructor as { readonly description?: string }).description) {
    const description = toNqschar(error.message)
    if (description !== undefined) params.error_description = description
  }
  if (error.errorUri !== undefined && /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(error.errorUri)) {
    params.error_uri = error.errorUri
  }
  const scope = (error as { readonly scope?: ReadonlyArray<string> }).scope?.join(" ").trim()
  if (scope !== undefined && scope.length > 0) params.scope = scope
  const acrValues = (error as { readonly acrValues?: ReadonlyArray<string> }).acrValues?.join(" ").trim()
  if (acrValues !== undefined && acrValues.length > 0) params.acr_values = acrValues
  const maxAge = (error as { readonly maxAge?: number }).maxAge
  if (maxAge !== undefined) params.max_age = String(maxAge)
  // the error goes on the challenge of the scheme used: the one `options` names, else the first Bearer or DPoP one
  // (RFC 9449 §7.2); challenges of other schemes cannot carry it and are sent as they came
  const isOAuth = (name: string) => /^(bearer|dpop)$/i.test(name)
  const wanted = options?.scheme?.toLowerCase()
  const named = base.findIndex((challenge) => isOAuth(challenge.scheme) && challenge.scheme.toLowerCase() === wanted)
  const at = named !== -1 ? named : base.findIndex((challenge) => isOAuth(challenge.scheme))
  if (at === -1) {
    // only other schemes came with the error: it still needs a challenge that can carry it (RFC 6750 §3)
    const used = isOAuth(scheme) ? scheme : "Bearer"
    return WwwAuthenticate.format([...base, { scheme: used, params: { ...optionParams(used, options), ...params } }])
  }
  const used = base[at]!
  return WwwAuthenticate.format(
    base.map((challenge, i) => i === at ? { scheme: used.scheme, params: { ...used.params, ...params } } : challenge)
  )
}

const maxAgeOf = (value: string | undefined): number | undefined => {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined
  const seconds = Number(value.trim())
  return Number.isSafeInteger(seconds) ? seconds : undefined
}

const bearerLayout = compile("bearer", {
  code: ["error"],
  message: ["error_description"],
  errorUri: ["error_uri"]
}, false)

const bearerContext: DecodeContext = {
  name: "bearer",
  vocabulary: bearerVocabulary,
  layout: bearerLayout,
  fetch: interpretFetch(bearerLayout),
  members: undefined,
  ownInDetails: false,
  titleOf: (errorClass) => errorClass?.title ?? "",
  generic: false,
  unknownCodes: "unknown",
  rateLimit: undefined
}

// A challenge without an error is "authentication required" (RFC 6750 §3.1).
const unauthorizedContext: DecodeContext = {
  ...bearerContext,
  vocabulary: index(
    normalize({ ...bearerRules, charset: "any" }, [{
      code: "unauthorized",
      status: 401,
      class: ApiError.Unauthorized
    }]),
    undefined
  )
}

/**
 * The error one challenge carries, with every challenge of the field kept
 * (the error's `challenges` come from the field). What a body said —
 * message, details, request id, extra members — is kept beside it.
 *
 * @internal
 */
export const fromChallenge = (
  challenge: Challenge.Challenge,
  status: number,
  headers: Readonly<Record<string, string>>,
  now: number | undefined,
  body: ApiError.ApiError | undefined,
  json: Schema.Json | undefined
): ApiError.ApiError => {
  const params = challenge.params
  const code = challengeError(params)
  const kept = body === undefined || body._tag === "Undecodable" ? undefined : body
  const reading = emptyReading()
  reading.code = code ?? "unauthorized"
  // a body's message is the server's own words; the challenge's is cut to NQSCHAR (RFC 6750 §3) — but a body that
  // said none (Slack's has no message member) has only its class's description, which says less than the challenge
  const said = kept !== undefined &&
    kept.message !== (kept.constructor as { readonly description?: string }).description
  // a sentence in `error` (prose, no code) is a message too
  reading.message = said
    ? kept.message
    : params["error_description"] ?? kept?.message ?? (code === undefined ? params["error"] : undefined)
  reading.errorUri = params["error_uri"] ?? kept?.errorUri
  reading.scope = spaceList(params["scope"])
  reading.details = kept?.details
  reading.requestId = kept?.requestId
  reading.extensions = kept?.extensions as Record<string, Schema.Json> | undefined
  reading.fields = { acrValues: spaceList(params["acr_values"]), maxAge: maxAgeOf(params["max_age"]) }
  return code === undefined
    ? buildError(unauthorizedContext, reading, 401, headers, now, json)
    : buildError(bearerContext, reading, status, headers, now, json)
}

/**
 * Whether a body's error says what the challenge says, more precisely: the
 * same challenge code (a `TokenExpired` is an `invalid_token`), or a
 * challenge with no error at all.
 *
 * @internal
 */
export const refines = (body: ApiError.ApiError, challenge: ApiError.ApiError): boolean => {
  if (body._tag === "Undecodable") return false
  if (challenge._tag === "Unauthorized") return true
  const code = challengeCodeOf(challenge)
  return code !== undefined && challengeCodeOf(body) === code
}

/** What a 401 whose challenges carry no OAuth error says: authentication is required (RFC 9110 §15.5.2). */
const noError: Challenge.Challenge = Object.freeze({ scheme: "", params: Object.freeze({}) })

/**
 * The error of a response that may carry both a challenge and a body: the
 * challenge's error decides for authentication (RFC 6750 §3) unless the body
 * refines it; a challenge with no error leaves the decision to the body, or
 * makes a 401 with no readable body an `Unauthorized`. Only a Bearer or DPoP
 * challenge carries an error: a 401 with only `Basic`, `Digest` or other
 * challenges and no readable body is an `Unauthorized` that its status
 * decides, its challenges kept, never an error of the Bearer family. `body`
 * is `undefined` when the response had none; the result is `undefined` when
 * neither the challenge nor a body decides (then the status does).
 *
 * @internal
 */
export const withChallenge = (
  body: ApiError.ApiError | undefined,
  status: number,
  headers: Readonly<Record<string, string>>,
  now: number | undefined,
  json: Schema.Json | undefined
): { readonly error: ApiError.ApiError; readonly decidedBy: "body" | "challenge" | "status" } | undefined => {
  const field = headers["www-authenticate"]
  const chosen = field === undefined ? undefined : decisiveOf(field)
  const usable = body !== undefined && body._tag !== "Undecodable" ? body : undefined
  if (chosen === undefined) {
    if (field !== undefined && usable === undefined && status === 401) {
      return { error: fromChallenge(noError, status, headers, now, undefined, json), decidedBy: "status" }
    }
    return body === undefined ? undefined : { error: body, decidedBy: "body" }
  }
  // no error: authentication is required on a 401; a readable body, or the status of another, says more
  const code = challengeError(chosen.params)
  if (code === undefined && (usable !== undefined || status !== 401)) {
    return body === undefined ? undefined : { error: body, decidedBy: "body" }
  }
  // a body that says the challenge's code says it more precisely: no second error to build (most responses)
  if (usable !== undefined && code !== undefined && challengeCodeOf(usable) === code) {
    return { error: usable, decidedBy: "body" }
  }
  const challenged = fromChallenge(chosen, status, headers, now, usable, json)
  if (usable !== undefined && refines(usable, challenged)) return { error: usable, decidedBy: "body" }
  return { error: challenged, decidedBy: "challenge" }
}

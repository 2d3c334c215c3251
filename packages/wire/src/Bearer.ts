/**
 * Errors carried by a `WWW-Authenticate` challenge: RFC 6750's Bearer scheme,
 * RFC 9449's DPoP scheme and RFC 9470's step-up parameters — as seed 004's
 * API sends them beside its body.
 *
 * @since 0.1.0
 */
import { ApiError, type Challenge, Family } from "@faultline/errors"
import type { Schema } from "effect"
import * as Dialect from "./Dialect.ts"
import { challengeCodes, type ChallengeOptions, challengesFor } from "./internal/challenge.ts"
import { normalizeHeaders } from "./internal/headers.ts"
import { keep, parseJson } from "./internal/json.ts"
import { makeTable, select } from "./internal/table.ts"
import { toNqschar } from "./internal/text.ts"
import * as WwwAuthenticate from "./WwwAuthenticate.ts"

const table = makeTable("bearer")

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

const isOAuthScheme = (challenge: Challenge.Challenge) => {
  const scheme = challenge.scheme.toLowerCase()
  return scheme === "bearer" || scheme === "dpop"
}

/**
 * The challenge whose error decides: the first Bearer or DPoP challenge with
 * an `error` parameter (RFC 9449 §7.2 puts the error on the scheme the
 * client used), else the first Bearer or DPoP challenge, else the first.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decisive = (challenges: ReadonlyArray<Challenge.Challenge>): Challenge.Challenge | undefined =>
  challenges.find((challenge) => isOAuthScheme(challenge) && challenge.params["error"] !== undefined) ??
    challenges.find(isOAuthScheme) ?? challenges[0]

const splitSpaces = (value: string | undefined): Array<string> | undefined =>
  value === undefined ? undefined : value.split(" ").filter((token) => token.length > 0)

const maxAgeOf = (value: string | undefined): number | undefined => {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined
  const seconds = Number(value.trim())
  return Number.isSafeInteger(seconds) ? seconds : undefined
}

/**
 * The challenge dialect. Decoding reads the `WWW-Authenticate` field (every
 * challenge is kept on the error); a challenge with no `error` — a request
 * that carried no credentials (RFC 6750 §3.1) — is `Unauthorized`, never
 * `InvalidToken`. A JSON body is kept as `details`. Encoding writes the
 * challenge (and, with `body: "json"`, a body that agrees with it); a
 * `TokenExpired` or `TokenRevoked` goes as `invalid_token`, which RFC 6750
 * defines to cover them.
 *
 * @see RFC 6750 §3, RFC 9449 §7, RFC 9470 §3, RFC 9110 §11.6.1
 * @category models
 * @since 0.1.0
 */
export const dialect: Dialect.Dialect<"bearer", Family.Bearer> = {
  name: "bearer",
  contentType: "application/json",
  encode: (error, options?: EncodeOptions) => encode(error, options),
  decode: (response, options) => decode(response, options),
  errors: Family.Bearer,
  // The challenge travels in a header; as an HttpApi error schema the class stands for itself, with its status.
  schema: (errorClass, options) =>
    (errorClass as any).annotate({
      httpApiStatus: options?.status ?? errorClass.status,
      description: errorClass.description
    })
}

/**
 * Writes an error as a challenge, with the status RFC 6750 §3.1 gives its
 * code (400 `invalid_request`, 401 `invalid_token`, 403 `insufficient_scope`).
 *
 * @category encoding
 * @since 0.1.0
 */
export const encode = (error: ApiError.ApiError, options?: EncodeOptions): Dialect.Encoded => {
  const status = statusOf(error)
  const challengeOptions: ChallengeOptions = options?.challenge ?? {}
  const requestId = error.requestId ?? options?.requestId
  const headers = Dialect.encodeHeaders(
    error,
    status,
    undefined,
    undefined,
    requestId,
    { ...options, challenge: challengeOptions },
    true
  )
  if (headers["www-authenticate"] === undefined) {
    // an error with no challenge code still answers with a challenge, and no error information
    headers["www-authenticate"] = challengesFor(new ApiError.Unauthorized(), 401, challengeOptions, false)!
  }
  if (options?.body !== "json") return { status, headers, body: "" }
  const code = challengeCodes[error._tag]
  const description = error.message === (error.constructor as { readonly description?: string }).description
    ? undefined
    : toNqschar(Dialect.publicMessage(error, options))
  headers["content-type"] = "application/json"
  headers["cache-control"] ??= "no-store"
  return {
    status,
    headers,
    body: code === undefined
      ? ""
      : JSON.stringify(description === undefined ? { error: code } : { error: code, error_description: description })
  }
}

const statusOf = (error: ApiError.ApiError): number => {
  if (error._tag === "Unauthorized") return 401
  const code = challengeCodes[error._tag]
  if (code === undefined) return error.status
  const selected = select(table, error, () => table.byCode.get(code)!)
  return (error.constructor as { readonly statuses?: ReadonlyArray<number> }).statuses?.includes(error.status)
    ? error.status
    : selected.status
}

/**
 * Reads the error a response's challenges carry. A response without a
 * `WWW-Authenticate` field is `Undecodable` (`Shape`).
 *
 * @category decoding
 * @since 0.1.0
 */
export const decode = (
  response: Dialect.WireResponse,
  options?: Dialect.DecodeOptions
): Family.Bearer | ApiError.UnknownError | ApiError.Undecodable => {
  const headers = normalizeHeaders(response.headers)
  const limits = Dialect.limitsOf(options)
  const parsed = parseJson(response.body, limits)
  const text = parsed._tag === "Json" ? keep(parsed.text, limits) : parsed.text
  const field = headers["www-authenticate"]
  const challenges = field === undefined ? [] : WwwAuthenticate.parse(field)
  const chosen = decisive(challenges)
  if (chosen === undefined) {
    return Dialect.undecodable(response.status, "Shape", headers, text, "a WWW-Authenticate challenge")
  }
  const error = fromChallenge(
    chosen,
    response.status,
    headers,
    parsed._tag === "Json" ? parsed.value : undefined,
    options
  )
  return ApiError.withResponse(error, { status: response.status, headers, body: text }) as any
}

/**
 * The error one challenge carries, with every challenge of the field kept.
 *
 * @internal
 */
export const fromChallenge = (
  challenge: Challenge.Challenge,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: Schema.Json | undefined,
  options: Dialect.DecodeOptions | undefined
): Family.Bearer | ApiError.UnknownError => {
  const params = challenge.params
  const code = params["error"]
  const now = options?.now ?? Date.now()
  if (code === undefined) {
    const reading: Dialect.Reading = { code: "", ...(body === undefined ? {} : { details: body }) }
    return Dialect.buildError("bearer", noErrorTable, { ...reading, code: "unauthorized" }, 401, headers, now, body) as
      | Family.Bearer
      | ApiError.UnknownError
  }
  const reading: Dialect.Reading = {
    code,
    message: params["error_description"],
    errorUri: params["error_uri"],
    scope: splitSpaces(params["scope"]),
    details: body,
    fields: { acrValues: splitSpaces(params["acr_values"]), maxAge: maxAgeOf(params["max_age"]) }
  }
  return Dialect.buildError("bearer", table, reading, status, headers, now, body) as
    | Family.Bearer
    | ApiError.UnknownError
}

// A challenge without an error is authentication required: the envelope's 401, read by its code.
const noErrorTable = makeTable("envelope", (entry) => entry.tag === "Unauthorized")

/**
 * The challenge code a class is sent with (`TokenExpired` as `invalid_token`),
 * or `undefined` for a class no challenge carries.
 *
 * @category encoding
 * @since 0.1.0
 */
export const codeOf = (error: ApiError.ApiError): string | undefined =>
  error._tag === "UnknownError" ? (error as ApiError.UnknownError).code : challengeCodes[error._tag]

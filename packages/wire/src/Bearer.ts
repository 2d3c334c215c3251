/**
 * Errors carried by a `WWW-Authenticate` challenge: RFC 6750's Bearer scheme,
 * RFC 9449's DPoP scheme and RFC 9470's step-up parameters — as seed 004's
 * API sends them beside its body.
 *
 * @since 0.1.0
 */
import { ApiError, type Challenge, Family } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"
import {
  challengeCodeOf,
  challengeCodes,
  type ChallengeOptions,
  challengesFor,
  decisive as decisiveChallenge,
  withChallenge
} from "./internal/challenge.ts"
import { normalizeHeaders } from "./internal/headers.ts"
import { keep, parseJson } from "./internal/json.ts"
import { makeTable, select } from "./internal/table.ts"
import { toNqschar } from "./internal/text.ts"

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

/**
 * The challenge whose error decides: the first Bearer or DPoP challenge with
 * an `error` parameter (RFC 9449 §7.2 puts the error on the scheme the
 * client used), else the first Bearer or DPoP challenge, else the first.
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
 * Writes an error as a challenge, with the status RFC 6750 §3.1 gives its
 * code (400 `invalid_request`, 401 `invalid_token`, 403 `insufficient_scope`).
 * Every response carries a challenge: an error no challenge code names
 * answers as authentication required, with no error information; an
 * `UnknownError` carries its own code.
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
  if (error._tag === "UnknownError") {
    // an unknown code is sent as it came (RFC 6749 §8.5: the code set is open); a 5xx's message is not
    const challenge = challengesFor(error, status, challengeOptions, error.exposeMessage, challengeCodeOf(error))
    if (challenge !== undefined) headers["www-authenticate"] = challenge
  }
  headers["www-authenticate"] ??= challengesFor(new ApiError.Unauthorized(), 401, challengeOptions, false)!
  const ownCode = challengeCodeOf(error)
  const code = ownCode === undefined ? undefined : toNqschar(ownCode)
  if (options?.body !== "json" || code === undefined) return { status, headers, body: "" }
  const message = Dialect.publicMessage(error, options)
  const description = message === (error.constructor as { readonly description?: string }).description
    ? undefined
    : toNqschar(message)
  headers["content-type"] = "application/json"
  headers["cache-control"] ??= "no-store"
  return {
    status,
    headers,
    body: JSON.stringify(description === undefined ? { error: code } : { error: code, error_description: description })
  }
}

const statusOf = (error: ApiError.ApiError): number => {
  if (error._tag === "Unauthorized") return 401
  const code = challengeCodes[error._tag]
  if (code === undefined) return error.status >= 400 && error.status <= 599 ? error.status : 401
  const declared = error.constructor as { readonly status?: number; readonly statuses?: ReadonlyArray<number> }
  const statuses = declared.statuses
  // a status chosen among the class's others is kept; the default gives way to the table's: the DPoP classes
  // default to the token endpoint's 400, where a resource server's challenge is a 401 (RFC 9449 §7.1, §9)
  if (
    statuses !== undefined && statuses.length > 1 && statuses.includes(error.status) &&
    error.status !== declared.status
  ) return error.status
  return select(table, error, () => table.byCode.get(code)!).status
}

/**
 * Reads the error a response's challenges carry. A challenge with no `error`
 * — a request that carried no credentials (RFC 6750 §3.1) — is
 * `Unauthorized`, never `InvalidToken`; every challenge of the field is kept
 * on the error; a JSON body's message, details and request id are kept. A
 * response without a `WWW-Authenticate` field is `Undecodable` (`Shape`).
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
  const text = keep(parsed.text, limits)
  const json = parsed._tag === "Json" ? parsed.value : undefined
  const field = headers["www-authenticate"]
  const found = field === undefined
    ? undefined
    : withChallenge(undefined, response.status, headers, options?.now ?? Date.now(), json)
  const error = found?.error ??
    Dialect.undecodable(response.status, "Shape", headers, text, "a WWW-Authenticate challenge")
  return ApiError.withResponse(error, { status: response.status, headers, body: text }) as any
}

/**
 * The challenge dialect: decoding reads the `WWW-Authenticate` field,
 * encoding writes it (and, with `body: "json"`, a body that agrees with it).
 *
 * @see RFC 6750 §3, RFC 9449 §7, RFC 9470 §3, RFC 9110 §11.6.1
 * @category models
 * @since 0.1.0
 */
export const dialect: Dialect.Dialect<"bearer", Family.Bearer> = {
  name: "bearer",
  contentType: "application/json",
  encode,
  decode,
  errors: Family.Bearer,
  // The challenge travels in a header; as an HttpApi error schema the class stands for itself, with its status.
  schema: (errorClass, options) =>
    (errorClass as any).annotate({
      httpApiStatus: options?.status ?? errorClass.status,
      description: errorClass.description
    })
}

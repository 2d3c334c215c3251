/**
 * The detector: reads a response whose dialect is not known, by its media
 * type, its challenges and the shape of its body, so a client talking to an
 * API it has no table for still gets a typed error. A detector is a value
 * made from the dialects it knows, in the order it tries them; a user's
 * dialect joins by being one of them.
 *
 * @since 0.1.0
 */
import { ApiError, type Family } from "@faultline/errors"
import * as CodeDescription from "./CodeDescription.ts"
import * as Dialect from "./Dialect.ts"
import * as Envelope from "./Envelope.ts"
import * as Flat from "./Flat.ts"
import { undecodable } from "./internal/build.ts"
import { decisive, parseChallenges, withChallenge } from "./internal/challenge.ts"
import * as MessageDescription from "./MessageDescription.ts"
import * as Nested from "./Nested.ts"
import * as OAuth from "./OAuth.ts"
import * as Problem from "./Problem.ts"

/**
 * The name of the dialect a response was read in: a dialect's `name`,
 * `bearer` when a challenge decided, or `none` when no dialect recognised
 * the body.
 *
 * @category models
 * @since 0.1.0
 */
export type DetectedDialect = string

/**
 * What the detector found.
 *
 * @category models
 * @since 0.1.0
 */
export interface Detection<E = Family.Any> {
  readonly dialect: DetectedDialect
  /** The code read off the wire: the challenge's `error`, the body's code, the problem's `type`; `null` if none. */
  readonly code: string | null
  readonly error: E
}

/**
 * A detector: the dialects it tries, and its `decode`.
 *
 * @category models
 * @since 0.2.0
 */
export interface Detector<E> {
  readonly dialects: ReadonlyArray<Dialect.Any>
  /** Decides which dialect a response speaks and decodes it. Never throws. */
  readonly decode: (response: Dialect.WireResponse, options?: Dialect.DecodeOptions) => Detection<E>
}

/**
 * The built-in dialects, in the order they are tried: the most specific
 * evidence first (a problem's `type`, seed 003's stated `status`, seed 002's
 * own members), the open code sets last.
 *
 * @category models
 * @since 0.2.0
 */
export const dialects: ReadonlyArray<Dialect.Any> = [
  Problem.dialect,
  Nested.dialect,
  Envelope.dialect,
  Flat.dialect,
  OAuth.dialect,
  CodeDescription.dialect,
  MessageDescription.dialect
]

// A body-less response means what its status means: the status's generic class (RFC 9110 §15).
const byStatus: Dialect.Any = MessageDescription.dialect

/**
 * Makes a detector. For each response it decides, in order:
 *
 * 1. a dialect whose media type the response's `Content-Type` names (other
 *    than plain JSON): `application/problem+json` is a problem (RFC 9457 §3,
 *    9457-01), whatever the body;
 * 2. the first dialect whose `detect` recognises the body (a body that is not
 *    JSON is tried with each dialect's `parse`: OAuth's form-encoded
 *    errors);
 * 3. a `WWW-Authenticate` challenge with an `error` decides for
 *    authentication (RFC 6750 §3): the error is the challenge's, unless the
 *    body names a more specific class with the same challenge code (seed
 *    002's `token_expired` under `error="invalid_token"`), which is then
 *    kept, challenges attached; otherwise the body is kept as `details`;
 * 4. no body: the error its status means; a body no dialect recognises:
 *    `Undecodable`, dialect `none`.
 *
 * @example
 * ```ts
 * import { Detect, Dialect } from "@faultline/wire"
 *
 * const Acme = Dialect.make({
 *   name: "acme",
 *   contentType: "application/json",
 *   shape: { code: ["error", "code"], message: ["error", "message"] },
 *   codes: Dialect.genericCodes("snake_case"),
 *   // evidence no built-in dialect shows
 *   detect: (json: any) => typeof json?.error?.type === "string"
 * })
 *
 * const detector = Detect.make([Acme, ...Detect.dialects])
 * detector.decode({ status: 404, body: '{"error":{"type":"invalid_request_error","code":"not_found"}}' }).dialect
 * // "acme"
 * ```
 *
 * @see RFC 9457 §3, RFC 6750 §3
 * @category constructors
 * @since 0.2.0
 */
export const make = <const Ds extends ReadonlyArray<Dialect.Any>>(
  tried: Ds
): Detector<Dialect.Error<Ds[number]> | Family.Any> => {
  const byMediaType = tried.filter((dialect) => dialect.contentType.toLowerCase() !== "application/json")
  const recognising = tried.filter((dialect) => dialect.detect !== undefined)
  const parsing = recognising.filter((dialect) => dialect.description.parse !== undefined)

  const choose = (parsed: Dialect.ParsedResponse): Dialect.Any | undefined => {
    const contentType = parsed.headers["content-type"]?.toLowerCase()
    if (contentType !== undefined && parsed.json !== undefined) {
      for (const dialect of byMediaType) if (contentType.startsWith(dialect.contentType.toLowerCase())) return dialect
    }
    const json = parsed.json
    if (json !== undefined) {
      for (const dialect of recognising) if (dialect.detect!(json)) return dialect
      return undefined
    }
    if (parsed.failure === "NotJson") {
      for (const dialect of parsing) {
        const read = dialect.description.parse!(parsed.text)
        if (read !== undefined && dialect.detect!(read)) return dialect
      }
    }
    return undefined
  }

  const decode = (response: Dialect.WireResponse, options?: Dialect.DecodeOptions): Detection<any> => {
    const parsed = Dialect.parse(response, options)
    const { headers, json, status, text } = parsed
    const now = options?.now ?? Date.now()
    const field = headers["www-authenticate"]
    // the challenge is weighed here, once, so that the detection can say which decided
    const bodyOnly = field === undefined ? parsed : { ...parsed, headers: withoutChallenge(headers) }
    const dialect = choose(parsed)
    const empty = parsed.failure === "Empty"
    const fromBody = dialect !== undefined
      ? dialect.decodeParsed(bodyOnly, options)
      : empty
      ? undefined
      : undecodable(status, parsed.failure ?? "Shape", headers, text, "any known dialect", now)
    const decided = withChallenge(fromBody, status, headers, now, json)
    if (decided?.decidedBy === "challenge") {
      const error = ApiError.withResponse(decided.error, { status, headers, body: text })
      return { dialect: "bearer", code: decisive(parseChallenges(field!))?.params["error"] ?? null, error }
    }
    const error = decided?.error ?? byStatus.decodeParsed(bodyOnly, options)
    if (dialect === undefined || error._tag === "Undecodable") {
      return { dialect: "none", code: null, error: ApiError.withResponse(error, { status, headers, body: text }) }
    }
    const code = error._tag === "UnknownError" ? (error as ApiError.UnknownError).code : dialect.readCode(parsed)
    return {
      dialect: dialect.name,
      code: code === undefined || code === "" ? null : code,
      error: ApiError.withResponse(error, { status, headers, body: text })
    }
  }

  return { dialects: tried, decode }
}

const withoutChallenge = (headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {}
  for (const name in headers) if (name !== "www-authenticate") out[name] = headers[name]!
  return out
}

const builtIn = make(dialects)

/**
 * Decides which dialect a response speaks, among the built-in ones, and
 * decodes it: `Detect.make(Detect.dialects).decode` (see {@link make}).
 * Never throws.
 *
 * @example
 * ```ts
 * import { Detect } from "@faultline/wire"
 *
 * const { dialect, code, error } = Detect.decodeAny({
 *   status: 404,
 *   body: '{"code":"USER_NOT_EXIST","description":"User 42 does not exist"}'
 * })
 * // "code-description", "USER_NOT_EXIST", NotFound with resource "user"
 * console.log(dialect, code, error._tag, error._tag === "NotFound" ? error.resource : undefined)
 *
 * // a proxy's HTML is no error body: Undecodable, which keeps the status, and is retryable
 * Detect.decodeAny({ status: 502, headers: { "content-type": "text/html" }, body: "<html>Bad Gateway</html>" }).error
 * ```
 *
 * @see RFC 9457 §3, RFC 6750 §3
 * @category decoding
 * @since 0.1.0
 */
export const decodeAny = (response: Dialect.WireResponse, options?: Dialect.DecodeOptions): Detection =>
  builtIn.decode(response, options) as Detection

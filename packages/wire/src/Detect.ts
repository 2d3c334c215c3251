/**
 * The detector: reads a response whose dialect is not known, by its media
 * type, its challenges and the shape of its body, so a client talking to an
 * API it has no table for still gets a typed error.
 *
 * @since 0.1.0
 */
import { ApiError, Catalog } from "@faultline/errors"
import { ProblemDetails } from "effect/http"
import * as CodeDescription from "./CodeDescription.ts"
import * as Dialect from "./Dialect.ts"
import * as Envelope from "./Envelope.ts"
import * as Flat from "./Flat.ts"
import { undecodable } from "./internal/build.ts"
import { decisive, parseChallenges, withChallenge } from "./internal/challenge.ts"
import { isObject } from "./internal/json.ts"
import * as MessageDescription from "./MessageDescription.ts"
import * as Nested from "./Nested.ts"
import * as OAuth from "./OAuth.ts"
import * as Problem from "./Problem.ts"

/**
 * The name of a detected dialect: a catalog dialect, `problem`, or `none`
 * when nothing could be read.
 *
 * @category models
 * @since 0.1.0
 */
export type DetectedDialect = Catalog.Dialect | "problem" | "none"

/**
 * What the detector found.
 *
 * @category models
 * @since 0.1.0
 */
export interface Detection {
  readonly dialect: DetectedDialect
  /** The code read off the wire: the challenge's `error`, the body's code, the problem's `type`; `null` if none. */
  readonly code: string | null
  readonly error: ApiError.ApiError
}

const oauthCodes = new Set<string>(Catalog.vocabulary("oauth").map((entry) => entry.code))
const flatCodes = new Set<string>(Catalog.vocabulary("flat").map((entry) => entry.code))
const envelopeMembers = ["details", "request_id"]

/**
 * Which dialect a parsed body is written in, by its shape.
 *
 * - `{"error": {…}}`: the nested form when the inner object states a
 *   `status` or has `inner`, else the envelope;
 * - `{"error": "…"}`: the flat form when it has `details` or `retry_after`
 *   or a code only seed 002 uses, else OAuth (whose code set is open);
 * - `{"type"|"title"|"detail"…}`: problem details, whatever the media type;
 * - `{"code": "…"}`: seed 004's form;
 * - `{"message"…}`: seed 001's form.
 *
 * @category decoding
 * @since 0.1.0
 */
export const dialectOfBody = (json: unknown): Exclude<DetectedDialect, "bearer"> => {
  if (!isObject(json)) return "none"
  const error = json.error
  if (isObject(error)) {
    if (typeof error.code !== "string" && typeof error.code !== "number") return "none"
    if ("inner" in error || ("status" in error && !envelopeMembers.some((name) => name in error))) return "nested"
    return "envelope"
  }
  if (typeof error === "string") {
    if ("details" in json || "retry_after" in json) return "flat"
    return !oauthCodes.has(error) && flatCodes.has(error) ? "flat" : "oauth"
  }
  if (typeof json.type === "string" || (typeof json.title === "string" && "status" in json)) return "problem"
  if (typeof json.code === "string") return "code-description"
  if ("message" in json && ("description" in json || Object.keys(json).length === 1)) return "message-description"
  if ("detail" in json || "title" in json) return "problem"
  return "none"
}

const byName: { readonly [K in Exclude<DetectedDialect, "bearer" | "none">]: Dialect.Any } = {
  "oauth": OAuth.dialect,
  "envelope": Envelope.dialect,
  "flat": Flat.dialect,
  "message-description": MessageDescription.dialect,
  "nested": Nested.dialect,
  "code-description": CodeDescription.dialect,
  "problem": Problem.dialect
}

const codeOf = (error: ApiError.ApiError, dialect: DetectedDialect, json: unknown): string | null => {
  if (error._tag === "UnknownError") return (error as ApiError.UnknownError).code
  if (!isObject(json)) return null
  switch (dialect) {
    case "envelope":
    case "nested":
      return isObject(json.error) ? String(json.error.code) : null
    case "flat":
    case "oauth":
      return typeof json.error === "string" ? json.error : null
    case "code-description":
      return typeof json.code === "string" ? json.code : null
    case "message-description":
      return json.message === undefined ? null : String(json.message)
    case "problem":
      return typeof json.type === "string" ? json.type : ProblemDetails.blankType
    default:
      return null
  }
}

/**
 * Decides which dialect a response speaks and decodes it.
 *
 * 1. `application/problem+json` (any case, any parameters) is a problem
 *    (RFC 9457 §3, 9457-01).
 * 2. A `WWW-Authenticate` challenge with an `error` decides for
 *    authentication (RFC 6750 §3): the error is the challenge's, unless the
 *    body names a more specific class with the same challenge code (seed
 *    002's `token_expired` under `error="invalid_token"`), which is then
 *    kept, challenges attached; otherwise the body is kept as `details`. A
 *    challenge without an error on a 401 with no readable body is
 *    `Unauthorized`.
 * 3. Otherwise the body's shape decides (see {@link dialectOfBody}); a
 *    form-encoded `error=…` body is OAuth.
 * 4. Nothing readable: `Undecodable`, dialect `none`.
 *
 * Never throws.
 *
 * @see RFC 9457 §3, RFC 6750 §3
 * @category decoding
 * @since 0.1.0
 */
export const decodeAny = (response: Dialect.WireResponse, options?: Dialect.DecodeOptions): Detection => {
  const parsed = Dialect.parse(response, options)
  const { headers, json, status, text } = parsed
  const contentType = headers["content-type"]?.toLowerCase() ?? ""
  let dialect: DetectedDialect = contentType.startsWith(ProblemDetails.contentType) && json !== undefined
    ? "problem"
    : dialectOfBody(json)
  if (dialect === "none" && parsed.failure === "NotJson" && /(?:^|&)error=/.test(text)) dialect = "oauth"
  if (dialect === "none" && parsed.failure === "Empty") dialect = "message-description"
  const now = options?.now ?? Date.now()
  const field = headers["www-authenticate"]
  // the challenge is weighed here, once, so that the detection can say it decided
  const bodyOnly = field === undefined ? parsed : { ...parsed, headers: withoutChallenge(headers) }
  const fromBody = dialect === "none"
    ? undecodable(status, parsed.failure ?? "Shape", headers, text, "any known dialect", now)
    : byName[dialect].decodeParsed(bodyOnly, options)
  const decided = withChallenge(fromBody, status, headers, now, json)!
  const error = ApiError.withResponse(decided.error, { status, headers, body: text })
  if (decided.decidedBy === "challenge") {
    return { dialect: "bearer", code: decisive(parseChallenges(field!))?.params["error"] ?? null, error }
  }
  return { dialect: error._tag === "Undecodable" ? "none" : dialect, code: codeOf(error, dialect, json), error }
}

const withoutChallenge = (headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {}
  for (const name in headers) if (name !== "www-authenticate") out[name] = headers[name]!
  return out
}

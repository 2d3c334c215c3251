/**
 * The detector: reads a response whose dialect is not known, by its media
 * type, its challenges and the shape of its body, so a client talking to an
 * API it has no table for still gets a typed error. A detector is a value
 * made from the dialects it knows, in the order of preference; a user's
 * dialect joins by being one of them.
 *
 * @since 0.1.0
 */
import { ApiError, type Family } from "@faultline/errors"
import type { Schema } from "effect"
import * as Aws from "./Aws.ts"
import * as Boom from "./Boom.ts"
import * as Cloudflare from "./Cloudflare.ts"
import * as CodeDescription from "./CodeDescription.ts"
import * as Dialect from "./Dialect.ts"
import * as Elasticsearch from "./Elasticsearch.ts"
import * as Envelope from "./Envelope.ts"
import * as FastApi from "./FastApi.ts"
import * as Flat from "./Flat.ts"
import * as GitHub from "./GitHub.ts"
import * as Google from "./Google.ts"
import * as GraphQL from "./GraphQL.ts"
import { undecodable } from "./internal/build.ts"
import { challengeError, decisiveOf, withChallenge } from "./internal/challenge.ts"
import { type Codec, CodecId } from "./internal/codec.ts"
import * as Evidences from "./internal/evidence.ts"
import { hasResult, isAuthorizationResponse, redirectError, redirectParams } from "./internal/redirect.ts"
import { proseOf } from "./internal/text.ts"
import * as JsonApi from "./JsonApi.ts"
import * as Kubernetes from "./Kubernetes.ts"
import * as Laravel from "./Laravel.ts"
import * as MessageDescription from "./MessageDescription.ts"
import * as Microsoft from "./Microsoft.ts"
import * as Nested from "./Nested.ts"
import * as OAuth from "./OAuth.ts"
import * as Okta from "./Okta.ts"
import * as PostgRest from "./PostgRest.ts"
import * as Problem from "./Problem.ts"
import * as S3 from "./S3.ts"
import * as Shopify from "./Shopify.ts"
import * as Slack from "./Slack.ts"
import * as Spring from "./Spring.ts"
import * as Stripe from "./Stripe.ts"
import * as Twilio from "./Twilio.ts"

/**
 * The name of the dialect a response was read in: a dialect's `name`,
 * `bearer` when a challenge decided, or `none` when no dialect recognised
 * the body (its status decided, or it was unreadable).
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
  /**
   * The code read off the wire: the challenge's `error`, the body's code, the problem's `type`, a redirect's
   * `error`; `null` if none — no code, prose (a sentence is a message), or a code that only restates the status.
   */
  readonly code: string | null
  readonly error: E
}

/**
 * A detector: the dialects it knows, and its `decode`.
 *
 * @category models
 * @since 0.2.0
 */
export interface Detector<E> {
  readonly dialects: ReadonlyArray<Dialect.Any>
  /** Decides which dialect an error response speaks and decodes it. Never throws. */
  readonly decode: (response: Dialect.WireResponse, options?: Dialect.DecodeOptions) => Detection<E>
  /**
   * Reads a response of any status: its detection when it carries an error, `undefined` when it is a success.
   * An error is a 4xx or 5xx; a 2xx that a dialect whose errors come on a 2xx recognises (Slack's `ok:false`,
   * an OAuth error; `Description.errorsOnSuccess`); a 3xx whose `Location` is an authorization response with an
   * `error`, or with neither an error nor a result (RFC 6749 §4.1.2.1, §4.2.2.1), when a redirect dialect is known.
   */
  readonly decodeIfError: (
    response: Dialect.WireResponse,
    options?: Dialect.DecodeOptions
  ) => Detection<E> | undefined
}

/**
 * The built-in dialects, in the order of preference, most specific evidence
 * first (a media type names its dialect before any of these is weighed):
 *
 * 1. a problem's `type` (RFC 9457); AWS's `__type` or `x-amzn-ErrorType`
 *    header; Slack's `"ok": false`; Kubernetes's `"kind": "Status"`; Okta's
 *    `errorCode` and `errorSummary`; Cloudflare's `"success": false`;
 * 2. a list of `errors`: JSON:API's objects (`title`, `detail`, `source`),
 *    GraphQL's (a `message` each, none beside the list); GitHub's
 *    `documentation_url`;
 * 3. an `error` object: Google's numeric `code` beside its `status`,
 *    Elasticsearch's `type` and `reason`, Stripe's `type` and `message` or
 *    `code`, seed 003's stated `status` or `inner`, seed 000's `request_id`,
 *    `details: null` or own codes, then Microsoft's `code` and `message`;
 * 4. top-level members only one form has: Twilio's `more_info`, Boom's
 *    `statusCode`, Spring's `timestamp`, Laravel's `errors` map beside a
 *    `message`, Shopify's lone `errors`, FastAPI's `detail`;
 * 5. the open forms last: seed 002's members, any string `error` (OAuth),
 *    PostgREST's `code` beside a `hint`, a string `code` (seed 004), a
 *    `message` (seed 001, and the last resort
 *    of a body with a message); a body that is not JSON tries the form
 *    (OAuth) and XML (S3) readers;
 * 6. the authorization redirect, which the detector reads from a 3xx's
 *    `Location`.
 *
 * @category models
 * @since 0.2.0
 */
export const dialects: ReadonlyArray<Dialect.Dialect<string, Family.Any>> = [
  Problem.dialect,
  Aws.dialect,
  Slack.dialect,
  Kubernetes.dialect,
  Okta.dialect,
  Cloudflare.dialect,
  JsonApi.dialect,
  GraphQL.dialect,
  GitHub.dialect,
  Google.dialect,
  Elasticsearch.dialect,
  Stripe.dialect,
  Nested.dialect,
  Envelope.dialect,
  Microsoft.dialect,
  Twilio.dialect,
  Boom.dialect,
  Spring.dialect,
  Laravel.dialect,
  Shopify.dialect,
  FastApi.dialect,
  Flat.dialect,
  OAuth.dialect,
  PostgRest.dialect,
  CodeDescription.dialect,
  MessageDescription.dialect,
  S3.dialect,
  OAuth.redirectDialect
]

// A body-less response means what its status means: the status's generic class (RFC 9110 §15).
const byStatus: Dialect.Any = MessageDescription.dialect

/** Media types that name no dialect: any JSON, any XML, any form. */
const genericMediaTypes = new Set([
  "application/json",
  "application/xml",
  "text/xml",
  "application/x-www-form-urlencoded",
  "text/plain",
  "text/html"
])

/** The media type of a `Content-Type` field, lower case, without its parameters (RFC 9110 §8.3.1). */
const essence = (contentType: string | undefined): string | undefined => {
  if (contentType === undefined) return undefined
  // a client sees the same field on response after response
  if (contentType === lastContentType) return lastEssence
  const semicolon = contentType.indexOf(";")
  lastEssence = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase()
  lastContentType = contentType
  return lastEssence
}

let lastContentType: string | undefined
let lastEssence: string | undefined

const codecOf = (dialect: Dialect.Any): Codec => (dialect as unknown as { readonly [CodecId]: Codec })[CodecId]

const emptyObject: Schema.Json = Object.freeze({})

/**
 * Makes a detector. For each response it decides, in order:
 *
 * 1. a 3xx whose `Location` is an authorization response (RFC 6749
 *    §4.1.2.1, §4.2.2.1): its `error`, in the query or the fragment, in the
 *    redirect dialect (a dialect declared with `redirect`); with neither an
 *    error nor a result, the server's failure to give one;
 * 2. a dialect that the response's media type names (other than the generic
 *    JSON, XML and form types): `application/problem+json` is a problem
 *    (RFC 9457 §3, 9457-01), whatever the body;
 * 3. the first dialect whose evidence holds: the body is walked once, and
 *    each dialect's evidence (members it has or lacks, values, header
 *    fields) is checked against what that walk found — no dialect is tried
 *    by decoding; a body that is not JSON is given to the dialects that
 *    `parse` other formats (a form, XML), in order, and read by the first
 *    whose evidence holds on what it parsed;
 * 4. a `WWW-Authenticate` Bearer or DPoP challenge with an `error` code (a
 *    sentence there is prose) decides for authentication (RFC 6750 §3): the error is the challenge's, unless
 *    the body names a more specific class with the same challenge code (seed
 *    002's `token_expired` under `error="invalid_token"`), which is then
 *    kept, challenges attached; otherwise the body is kept as `details`;
 * 5. a body that names no code, or prose, or a code that only restates the
 *    status (`"Unauthorized"` on a 401) means what its status means: the
 *    status's class (RFC 9110 §15), the message kept — and so does a whole
 *    body that is one sentence (`text/plain` or a JSON string, at most
 *    1 KiB: Go's `404 page not found`), dialect `none`;
 * 6. no body: the error its status means, header hints applied; a body no
 *    dialect recognises (HTML, truncated JSON, JSON of no known shape):
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
 * @see RFC 9457 §3, RFC 6750 §3, RFC 6749 §4.1.2.1, RFC 9110 §15
 * @category constructors
 * @since 0.2.0
 */
export const make = <const Ds extends ReadonlyArray<Dialect.Any>>(
  known: Ds
): Detector<Dialect.Error<Ds[number]> | Family.Any> => {
  const classifier = Evidences.compileClassifier(known.map((dialect) => dialect.description.detect))
  const byMediaType = new Map<string, Dialect.Any>()
  for (const dialect of known) {
    for (const type of [dialect.contentType, ...(dialect.description.mediaTypes ?? [])]) {
      const name = essence(type)!
      if (!genericMediaTypes.has(name) && !byMediaType.has(name) && dialect.description.redirect !== true) {
        byMediaType.set(name, dialect)
      }
    }
  }
  const parsing = known.filter((dialect) => dialect.description.parse !== undefined && dialect.detect !== undefined)
  const redirecting = known.find((dialect) => dialect.description.redirect === true)
  const onSuccess = known.some((dialect) => dialect.description.errorsOnSuccess === true)

  /** The dialect a response speaks, and its body as JSON when the dialect had to parse it. */
  let chosenJson: Schema.Json | undefined
  const choose = (parsed: Dialect.ParsedResponse): Dialect.Any | undefined => {
    chosenJson = parsed.json
    const named = byMediaType.size === 0 ? undefined : byMediaType.get(essence(parsed.headers["content-type"])!)
    if (named !== undefined) {
      if (parsed.json !== undefined || parsed.failure !== "NotJson" || named.description.parse === undefined) {
        return named
      }
      chosenJson = named.description.parse(parsed.text)
      return named
    }
    if (parsed.json !== undefined) {
      const index = classifier.classify(parsed.json, parsed.headers)
      return index === -1 ? undefined : known[index]
    }
    if (parsed.failure === "Empty") {
      // no body: header evidence alone may name a dialect (a code in `x-amzn-ErrorType`)
      const index = classifier.classify(emptyObject, parsed.headers)
      return index === -1 ? undefined : known[index]
    }
    if (parsed.failure === "NotJson") {
      for (const dialect of parsing) {
        const read = dialect.description.parse!(parsed.text)
        if (read !== undefined && dialect.detect!(read, parsed.headers)) {
          chosenJson = read
          return dialect
        }
      }
    }
    return undefined
  }

  const decodeParsed = (parsed: Dialect.ParsedResponse, options: Dialect.DecodeOptions | undefined): Detection<any> => {
    const { headers, status, text } = parsed
    const field = headers["www-authenticate"]
    const dialect = choose(parsed)
    const json = chosenJson
    const now = options?.now
    // the challenge is weighed here, once, so that the detection can say which decided
    const bodyOnly = field === undefined ? parsed : { ...parsed, headers: withoutChallenge(headers) }
    let fromBody: ApiError.ApiError | undefined
    let code: string | undefined
    if (dialect !== undefined) {
      const codec = codecOf(dialect)
      fromBody = codec.decodeDetected(
        json === parsed.json ? bodyOnly : { ...bodyOnly, json, failure: undefined },
        options
      )
      code = codec.lastCode()
    } else if (parsed.failure !== "Empty") {
      // a whole body that is a sentence is the message, and the status says what it means (RFC 9110 §15)
      const prose = parsed.failure === "NotJson" ? proseOf(text, essence(headers["content-type"])) : undefined
      fromBody = prose === undefined
        ? undecodable(status, parsed.failure ?? "Shape", headers, text, "any known dialect", now)
        : codecOf(byStatus).decodeDetected({ ...bodyOnly, json: { message: prose }, failure: undefined }, options)
    }
    const decided = field === undefined ? undefined : withChallenge(fromBody, status, headers, now, json)
    if (decided?.decidedBy === "challenge") {
      const error = ApiError.withResponse(decided.error, { status, headers, body: text })
      const decisive = decisiveOf(field!)
      return { dialect: "bearer", code: (decisive && challengeError(decisive.params)) ?? null, error }
    }
    if (decided?.decidedBy === "status") {
      return {
        dialect: "none",
        code: null,
        error: ApiError.withResponse(decided.error, { status, headers, body: text })
      }
    }
    if (dialect === undefined || fromBody === undefined || fromBody._tag === "Undecodable") {
      const error = fromBody ?? codecOf(byStatus).decodeDetected(bodyOnly, options)
      return { dialect: "none", code: null, error: ApiError.withResponse(error, { status, headers, body: text }) }
    }
    // the dialect's decode attached the body-only headers: the response is the one that came
    return {
      dialect: dialect.name,
      code: code ?? null,
      error: field === undefined ? fromBody : ApiError.withResponse(fromBody, { status, headers, body: text })
    }
  }

  /** A 3xx that is an authorization response, read in the redirect dialect; `undefined` for another redirect. */
  const decodeRedirect = (
    parsed: Dialect.ParsedResponse,
    options: Dialect.DecodeOptions | undefined
  ): Detection<any> | undefined => {
    const location = parsed.headers["location"]
    if (redirecting === undefined || location === undefined) return undefined
    const params = redirectParams(location, options?.url, "either")
    if (params === undefined || !isAuthorizationResponse(params)) return undefined
    if (params["error"] === undefined && hasResult(params)) return undefined
    const error = redirectError(redirecting, params, { status: parsed.status, headers: parsed.headers, body: location })
    return { dialect: redirecting.name, code: params["error"] ?? null, error }
  }

  const isRedirect = (status: number) => status >= 300 && status < 400

  const decode = (response: Dialect.WireResponse, options?: Dialect.DecodeOptions): Detection<any> => {
    const parsed = Dialect.parse(response, options)
    return (isRedirect(parsed.status) ? decodeRedirect(parsed, options) : undefined) ?? decodeParsed(parsed, options)
  }

  const decodeIfError = (
    response: Dialect.WireResponse,
    options?: Dialect.DecodeOptions
  ): Detection<any> | undefined => {
    const status = response.status
    if (status >= 400 && status <= 599) return decode(response, options)
    if (isRedirect(status)) {
      if (redirecting === undefined) return undefined
      return decodeRedirect(Dialect.parse({ status, headers: response.headers }, options), options)
    }
    if (status < 200 || status >= 300 || !onSuccess) return status > 599 ? decode(response, options) : undefined
    const parsed = Dialect.parse(response, options)
    const dialect = choose(parsed)
    if (dialect === undefined || dialect.description.errorsOnSuccess !== true) return undefined
    return decodeParsed(parsed, options)
  }

  return { dialects: known, decode, decodeIfError }
}

const withoutChallenge = (headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {}
  for (const name in headers) if (name !== "www-authenticate") out[name] = headers[name]!
  return out
}

const builtIn = make(dialects)

/**
 * Decides which dialect an error response speaks, among the built-in ones,
 * and decodes it: `Detect.make(Detect.dialects).decode` (see {@link make}).
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

/**
 * Reads a response of any status with the built-in dialects: its detection
 * when it carries an error, `undefined` for a success (see
 * {@link Detector.decodeIfError}).
 *
 * @see RFC 6749 §4.1.2.1, §4.2.2.1
 * @category decoding
 * @since 0.2.0
 */
export const decodeIfError = (
  response: Dialect.WireResponse,
  options?: Dialect.DecodeOptions
): Detection | undefined => builtIn.decodeIfError(response, options) as Detection | undefined

import { ApiError, type Catalog, type Challenge, type FieldIssue } from "@faultline/errors"
import { Duration, Result, type Schema } from "effect"
import { Headers } from "effect/http"
import * as WwwAuthenticate from "../WwwAuthenticate.ts"
import { issuesFromDetails } from "./issues.ts"
import { resolve, type Table } from "./table.ts"

/**
 * What a dialect's shape read from a body, before the table gives it a
 * meaning.
 *
 * @internal
 */
export interface Reading {
  readonly code: string
  /** A status the body states (seed 003, RFC 9457); the HTTP status decides the class. */
  readonly status?: number | undefined
  readonly message?: string | undefined
  readonly details?: Schema.Json | undefined
  readonly requestId?: string | undefined
  readonly errorUri?: string | undefined
  readonly issues?: ReadonlyArray<FieldIssue.FieldIssue> | undefined
  /** A body hint in seconds, such as seed 002's `retry_after`. */
  readonly retryAfterSeconds?: number | undefined
  readonly path?: string | undefined
  /** The kind of validation check that failed (seed 003 `check`). */
  readonly check?: string | undefined
  readonly scope?: ReadonlyArray<string> | undefined
  readonly extensions?: Record<string, Schema.Json> | undefined
  /** Typed fields of a particular class (RFC 9470's `acrValues`, `maxAge`), set when the class has them. */
  readonly fields?: Readonly<Record<string, unknown>> | undefined
  /** The members of an aggregate (seed 003's `inner`), already built. */
  readonly members?: ReadonlyArray<ApiError.AggregateMember> | undefined
}

const isOAuthScheme = (challenge: Challenge.Challenge) => {
  const scheme = challenge.scheme.toLowerCase()
  return scheme === "bearer" || scheme === "dpop"
}

/**
 * The challenge whose error decides: the first Bearer or DPoP challenge with
 * an `error` (RFC 9449 §7.2 puts the error on the scheme the client used),
 * else the first Bearer or DPoP challenge, else the first.
 *
 * @internal
 */
export const decisive = (challenges: ReadonlyArray<Challenge.Challenge>): Challenge.Challenge | undefined =>
  challenges.find((challenge) => isOAuthScheme(challenge) && challenge.params["error"] !== undefined) ??
    challenges.find(isOAuthScheme) ?? challenges[0]

/** The parameters that become the error's own fields; the encoder writes them back from those fields. */
const liftedParams = new Set(["error", "error_description", "error_uri", "scope", "acr_values", "max_age"])

/**
 * Sets the challenges an error keeps — all of them, the decisive one without
 * the parameters its typed fields now hold, so that writing the error back
 * gives the same field — and fills those fields from it where the body left
 * them empty.
 */
/**
 * `WwwAuthenticate.parse`, remembering the last field it read: decoding one
 * response reads its challenge up to three times (the body's error, the
 * challenge rule, the error the challenge makes), and a client sees the same
 * field on response after response. The result is frozen, since errors
 * decoded from the same field share it.
 *
 * @internal
 */
export const parseChallenges = (field: string): ReadonlyArray<Challenge.Challenge> => {
  if (field === lastField) return lastChallenges
  const challenges = WwwAuthenticate.parse(field)
  for (const challenge of challenges) {
    Object.freeze(challenge.params)
    Object.freeze(challenge)
  }
  lastField = field
  lastChallenges = Object.freeze(challenges)
  return lastChallenges
}

let lastField: string | undefined
let lastChallenges: ReadonlyArray<Challenge.Challenge> = []

const liftChallenge = (
  input: Record<string, unknown>,
  has: Readonly<Record<string, boolean>>,
  field: string,
  messageRead: boolean
): void => {
  const challenges = parseChallenges(field)
  const chosen = decisive(challenges)
  const params = chosen?.params
  if (params === undefined || params["error"] === undefined) {
    input.challenges = challenges
    return
  }
  const remaining = Object.fromEntries(Object.entries(params).filter(([name]) => !liftedParams.has(name)))
  // A bare Bearer challenge added after challenges of other schemes is what the encoder writes for an error that
  // came with only those (challenge.ts): it is dropped here so that writing the error back adds it once again.
  const regenerated = challenges.length > 1 && chosen === challenges[challenges.length - 1] &&
    /^bearer$/i.test(chosen!.scheme) &&
    chosen!.token68 === undefined && Object.keys(remaining).length === 0 &&
    challenges.filter((challenge) => /^(bearer|dpop)$/i.test(challenge.scheme)).length === 1
  input.challenges = regenerated
    ? challenges.slice(0, -1)
    : challenges.map((challenge) => challenge !== chosen ? challenge : { ...challenge, params: remaining })
  if (!messageRead && params["error_description"] !== undefined) input.message = params["error_description"]
  if (input.errorUri === undefined) setIfDefined(input, "errorUri", params["error_uri"])
  if (has.scope && input.scope === undefined) setIfDefined(input, "scope", spaceList(params["scope"]))
  if (has.acrValues && input.acrValues === undefined) {
    setIfDefined(input, "acrValues", spaceList(params["acr_values"]))
  }
  if (has.maxAge && input.maxAge === undefined) {
    const maxAge = params["max_age"]?.trim()
    if (maxAge !== undefined && /^\d+$/.test(maxAge) && Number.isSafeInteger(Number(maxAge))) {
      input.maxAge = Number(maxAge)
    }
  }
}

/** @internal */
export const spaceList = (value: string | undefined): Array<string> | undefined => {
  const list = value?.split(" ").filter((token) => token.length > 0)
  return list === undefined || list.length === 0 ? undefined : list
}

const knownFields = (errorClass: unknown): Readonly<Record<string, unknown>> =>
  (errorClass as { readonly fields?: Readonly<Record<string, unknown>> }).fields ?? {}

/**
 * The longest wait a decoded error states: 2^31 - 1 seconds (68 years). A
 * server asking for more asks for forever; the raw field stays in `response`.
 */
const maxWait = Duration.seconds(2_147_483_647)

const capped = (wait: Duration.Duration): Duration.Duration => Duration.min(wait, maxWait)

/** `Retry-After` as RFC 9110 §10.2.3 has it: delay-seconds or an HTTP-date (a past date is now). */
const parseRetryAfter = (value: string | undefined, now: number): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  const parsed = Headers.parseRetryAfter(value)
  return Result.isSuccess(parsed) ? capped(Headers.retryAfterDelay(parsed.success, now)) : undefined
}

const splitList = (value: string | undefined): Array<string> | undefined => {
  const list = value?.split(",").map((item) => item.trim()).filter((item) => item.length > 0)
  return list === undefined || list.length === 0 ? undefined : list
}

const setIfDefined = (target: Record<string, unknown>, key: string, value: unknown): void => {
  if (value !== undefined) target[key] = value
}

/**
 * What a decoder needs to know of a class, read once: which optional fields
 * it has, its statuses, and the values its constructor would default.
 */
interface Shape {
  readonly errorClass: new(...args: ReadonlyArray<any>) => ApiError.ApiError
  readonly statuses: ReadonlyArray<number> | undefined
  readonly defaults: Readonly<Record<string, unknown>>
  readonly has: Readonly<Record<string, boolean>>
}

const optionalFields = [
  "resource",
  "path",
  "issues",
  "retryAfter",
  "scope",
  "allow",
  "accept",
  "nonce",
  "challenges",
  "errors",
  "acrValues",
  "maxAge"
] as const

const shapes = new Map<string, Shape>()

const shapeOf = (tag: Catalog.Tag): Shape => {
  let shape = shapes.get(tag)
  if (shape !== undefined) return shape
  const errorClass = tag === "MultipleErrors" ? ApiError.MultipleErrors : classOf(tag)
  const fields = knownFields(errorClass)
  const facts = errorClass as unknown as Partial<ApiError.ClassFacts<string, number>>
  // the defaults are what the constructor gives with no input (an aggregate has no members)
  const sample: ApiError.ApiError = tag === "MultipleErrors"
    ? new ApiError.MultipleErrors({ errors: [] })
    : new (errorClass as new(input: object) => ApiError.ApiError)({})
  const defaults: Record<string, unknown> = { _tag: tag, message: sample.message }
  for (const key of Object.keys(sample)) defaults[key] = (sample as unknown as Record<string, unknown>)[key]
  const has: Record<string, boolean> = {}
  for (const name of optionalFields) has[name] = name in fields
  shape = { errorClass, statuses: "status" in fields ? facts.statuses : undefined, defaults, has }
  shapes.set(tag, shape)
  return shape
}

/**
 * Builds the typed error a reading means. Fields the class does not have go
 * to `extensions`, so nothing read is dropped. The instance is made with
 * `ApiError.makeUnsafe`: every value here came out of `JSON.parse` or a reader
 * that checked its type, and constructing through the schema would cost far
 * more than parsing the body did.
 *
 * @internal
 */
export const buildError = (
  dialect: string,
  table: Table,
  reading: Reading,
  status: number,
  headers: Readonly<Record<string, string>>,
  now: number,
  body: Schema.Json | undefined
): ApiError.ApiError => {
  let entry: Catalog.Entry
  let resource: string | undefined
  let path: string | undefined = reading.path
  const resolved = resolve(table, reading.code, status)
  if (resolved !== undefined) {
    entry = resolved.entry
    resource = resolved.resource
  } else {
    // seed 003: a code no table names is the path of the property that failed
    const pathEntry = table.pathByStatus.get(status)
    const requestId = reading.requestId ?? (headers["x-request-id"] || undefined)
    if (pathEntry === undefined) return unknown(dialect, reading, status, requestId, body)
    entry = pathEntry
    path = reading.code
  }
  const shape = shapeOf(entry.tag)
  const has = shape.has
  const input: Record<string, unknown> = { ...shape.defaults }
  let extensions: Record<string, Schema.Json> | undefined = reading.extensions
  if (reading.message !== undefined) input.message = reading.message
  if (reading.details !== undefined) input.details = reading.details
  const requestId = reading.requestId ?? (headers["x-request-id"] || undefined)
  if (requestId !== undefined) input.requestId = requestId
  if (reading.errorUri !== undefined) input.errorUri = reading.errorUri
  if (shape.statuses !== undefined && shape.statuses.includes(status)) input.status = status
  if (resource !== undefined) {
    if (has.resource) input.resource = resource
    else extensions = withMember(extensions, "resource", resource)
  }
  if (path !== undefined) {
    if (has.path) input.path = path
    else if (!has.issues) extensions = withMember(extensions, "path", path)
  }
  if (has.issues) {
    const fromDetails = reading.issues === undefined ? issuesFromDetails(reading.details) : undefined
    if (fromDetails !== undefined) delete input.details
    const issues = reading.issues ?? fromDetails ?? (path === undefined ? undefined : [{
      path,
      message: reading.message ?? "",
      ...(reading.check === undefined ? {} : { check: reading.check })
    }])
    if (issues !== undefined) input.issues = issues
  } else {
    if (reading.issues !== undefined) {
      extensions = withMember(extensions, "issues", reading.issues as unknown as Schema.Json)
    }
    if (reading.check !== undefined) extensions = withMember(extensions, "check", reading.check)
  }
  if (has.retryAfter) {
    const retryAfter = parseRetryAfter(headers["retry-after"], now) ??
      (reading.retryAfterSeconds === undefined ? undefined : capped(Duration.seconds(reading.retryAfterSeconds)))
    if (retryAfter !== undefined) input.retryAfter = retryAfter
  } else if (reading.retryAfterSeconds !== undefined) {
    extensions = withMember(extensions, "retry_after", reading.retryAfterSeconds)
  }
  if (has.scope) setIfDefined(input, "scope", reading.scope)
  else if (reading.scope !== undefined) extensions = withMember(extensions, "scope", reading.scope.join(" "))
  if (has.allow) setIfDefined(input, "allow", splitList(headers["allow"]))
  if (has.accept) setIfDefined(input, "accept", splitList(headers["accept"]))
  if (has.nonce) setIfDefined(input, "nonce", headers["dpop-nonce"] || undefined)
  const field = headers["www-authenticate"]
  if (has.challenges && field !== undefined) liftChallenge(input, has, field, reading.message !== undefined)
  if (has.errors) input.errors = reading.members ?? []
  if (reading.fields !== undefined) {
    for (const key of Object.keys(reading.fields)) if (has[key]) setIfDefined(input, key, reading.fields[key])
  }
  if (extensions !== undefined) input.extensions = extensions
  return ApiError.makeUnsafe(shape.errorClass, input as { _tag: string; message: string })
}

/** A copy of `extensions` with one more member, defined (so `__proto__` stays a member). */
const withMember = (
  extensions: Record<string, Schema.Json> | undefined,
  key: string,
  value: Schema.Json
): Record<string, Schema.Json> => {
  const out = { ...extensions }
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
  return out
}

const classOf = (tag: Catalog.Tag): new(...args: ReadonlyArray<any>) => ApiError.ApiError =>
  (ApiError as unknown as Record<string, new(...args: ReadonlyArray<any>) => ApiError.ApiError>)[tag]!

/**
 * An error no table documents, keeping everything that came.
 *
 * @internal
 */
export const unknown = (
  dialect: string,
  reading: Reading,
  status: number,
  requestId: string | undefined,
  body: Schema.Json | undefined
): ApiError.UnknownError => {
  const input: Record<string, unknown> = {
    _tag: "UnknownError",
    code: reading.code,
    status,
    message: reading.message ?? ApiError.UnknownError.description,
    dialect
  }
  setIfDefined(input, "details", reading.details)
  setIfDefined(input, "requestId", requestId)
  setIfDefined(input, "errorUri", reading.errorUri)
  setIfDefined(input, "extensions", reading.extensions)
  setIfDefined(input, "body", body)
  return ApiError.makeUnsafe(ApiError.UnknownError, input as { _tag: string; message: string })
}

/**
 * A body that is not the dialect's: it keeps the status, the headers and the
 * raw text.
 *
 * @internal
 */
export const undecodable = (
  status: number,
  reason: ApiError.UndecodableReason,
  headers: Readonly<Record<string, string>>,
  text: string,
  dialect: string
): ApiError.Undecodable => {
  const requestId = headers["x-request-id"] || undefined
  const message = reason === "Empty"
    ? `Empty ${status} response`
    : reason === "Shape"
    ? `A ${status} response that is not ${dialect}`
    : reason === "NotJson"
    ? `A ${status} response whose body is not JSON`
    : reason === "TooLarge"
    ? `A ${status} response over the size limit`
    : `A ${status} response nested over the depth limit`
  return ApiError.makeUnsafe(ApiError.Undecodable, {
    _tag: "Undecodable",
    status,
    reason,
    message,
    headers: { ...headers },
    body: text,
    ...(requestId === undefined ? {} : { requestId })
  })
}

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
const liftChallenge = (
  input: Record<string, unknown>,
  fields: Readonly<Record<string, unknown>>,
  field: string
): void => {
  const challenges = WwwAuthenticate.parse(field)
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
  if (input.message === undefined) setIfDefined(input, "message", params["error_description"])
  if (input.errorUri === undefined) setIfDefined(input, "errorUri", params["error_uri"])
  if ("scope" in fields && input.scope === undefined) setIfDefined(input, "scope", spaceList(params["scope"]))
  if ("acrValues" in fields && input.acrValues === undefined) {
    setIfDefined(input, "acrValues", spaceList(params["acr_values"]))
  }
  if ("maxAge" in fields && input.maxAge === undefined) {
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
 * Builds the typed error a reading means. Fields the class does not have go
 * to `extensions`, so nothing read is dropped; construction never throws (an
 * input the class refuses gives an `UnknownError` that keeps it all).
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
  const resolved = resolveReading(table, reading, status)
  const requestId = reading.requestId ?? (headers["x-request-id"] || undefined)
  if (resolved === undefined) return unknown(dialect, reading, status, requestId, body)
  const errorClass = resolved.entry.tag === "MultipleErrors" ? ApiError.MultipleErrors : classOf(resolved.entry.tag)
  const fields = knownFields(errorClass)
  const input: Record<string, unknown> = {}
  let extensions: Record<string, Schema.Json> | undefined = reading.extensions
  const extra = (key: string, value: Schema.Json | undefined) => {
    if (value === undefined) return
    extensions = { ...extensions }
    Object.defineProperty(extensions, key, { value, enumerable: true, writable: true, configurable: true })
  }
  setIfDefined(input, "message", reading.message)
  setIfDefined(input, "details", reading.details)
  setIfDefined(input, "requestId", requestId)
  setIfDefined(input, "errorUri", reading.errorUri)
  if ("status" in fields) {
    const statuses = (errorClass as unknown as ApiError.ClassFacts<string, number>).statuses
    input.status = statuses.includes(status) ? status : statuses[0]
  }
  const resource = resolved.resource
  if (resource !== undefined) {
    if ("resource" in fields) input.resource = resource
    else extra("resource", resource)
  }
  const path = resolved.path ?? reading.path
  if (path !== undefined) {
    if ("path" in fields) input.path = path
    else if (!("issues" in fields)) extra("path", path)
  }
  if ("issues" in fields) {
    const fromDetails = reading.issues === undefined ? issuesFromDetails(reading.details) : undefined
    if (fromDetails !== undefined) delete input.details
    const issues = reading.issues ?? fromDetails ?? (path === undefined ? undefined : [{
      path,
      message: reading.message ?? "",
      ...(reading.check === undefined ? {} : { check: reading.check })
    }])
    setIfDefined(input, "issues", issues)
  } else {
    if (reading.issues !== undefined) extra("issues", reading.issues as unknown as Schema.Json)
    if (reading.check !== undefined) extra("check", reading.check)
  }
  if ("retryAfter" in fields) {
    const retryAfter = parseRetryAfter(headers["retry-after"], now) ??
      (reading.retryAfterSeconds === undefined ? undefined : capped(Duration.seconds(reading.retryAfterSeconds)))
    setIfDefined(input, "retryAfter", retryAfter)
  } else if (reading.retryAfterSeconds !== undefined) {
    extra("retry_after", reading.retryAfterSeconds)
  }
  if ("scope" in fields) setIfDefined(input, "scope", reading.scope)
  else if (reading.scope !== undefined) extra("scope", reading.scope.join(" "))
  if ("allow" in fields) setIfDefined(input, "allow", splitList(headers["allow"]))
  if ("accept" in fields) setIfDefined(input, "accept", splitList(headers["accept"]))
  if ("nonce" in fields) setIfDefined(input, "nonce", headers["dpop-nonce"])
  const field = headers["www-authenticate"]
  if ("challenges" in fields && field !== undefined) liftChallenge(input, fields, field)
  if ("errors" in fields) input.errors = reading.members ?? []
  if (reading.fields !== undefined) {
    for (const key of Object.keys(reading.fields)) if (key in fields) setIfDefined(input, key, reading.fields[key])
  }
  if (extensions !== undefined) input.extensions = extensions
  try {
    return ApiError.withoutStackTrace(() => new (errorClass as any)(input, { disableChecks: true }))
  } catch {
    return unknown(dialect, reading, status, requestId, body)
  }
}

const classOf = (tag: Catalog.Tag): new(input: unknown, options: unknown) => ApiError.ApiError =>
  (ApiError as unknown as Record<string, new(input: unknown, options: unknown) => ApiError.ApiError>)[tag]!

const resolveReading = (table: Table, reading: Reading, status: number) => {
  const resolved = resolve(table, reading.code, status)
  if (resolved !== undefined) return { entry: resolved.entry, resource: resolved.resource, path: undefined }
  // seed 003: a code no table names is the path of the property that failed
  const pathEntry = table.pathByStatus.get(status)
  return pathEntry === undefined ? undefined : { entry: pathEntry, resource: undefined, path: reading.code }
}

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
  const input: Record<string, unknown> = { code: reading.code, status, dialect }
  setIfDefined(input, "message", reading.message)
  setIfDefined(input, "details", reading.details)
  setIfDefined(input, "requestId", requestId)
  setIfDefined(input, "errorUri", reading.errorUri)
  setIfDefined(input, "extensions", reading.extensions)
  setIfDefined(input, "body", body)
  return ApiError.withoutStackTrace(() => new ApiError.UnknownError(input as any, { disableChecks: true }))
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
  return ApiError.withoutStackTrace(() =>
    new ApiError.Undecodable({
      status,
      reason,
      message,
      headers: { ...headers },
      body: text,
      ...(requestId === undefined ? {} : { requestId })
    }, { disableChecks: true })
  )
}

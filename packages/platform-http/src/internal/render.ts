import { ApiError, Catalog } from "@faultline/errors"
import type { Dialect } from "@faultline/wire"
import { Cause, Duration, Effect, type Fiber, Option, Schema, type SchemaIssue } from "effect"
import {
  HttpEffect,
  HttpServerError,
  type HttpServerRequest,
  HttpServerRespondable,
  HttpServerResponse,
  Multipart
} from "effect/http"
import { HttpApiError } from "effect/http-api"
import * as Failures from "../Failures.ts"
import * as RequestId from "../RequestId.ts"
import * as RouteFamily from "../RouteFamily.ts"
import * as Telemetry from "../Telemetry.ts"
import { boundedIssues } from "./issues.ts"
import { pathOnly } from "./path.ts"

/**
 * What rendering a failure needs to know about the request.
 *
 * @internal
 */
export interface RenderContext {
  readonly request: HttpServerRequest.HttpServerRequest
  readonly requestId: string
  readonly family: RouteFamily.Family
  /** The methods the path supports, when the router knows the path under other methods. */
  readonly allowedMethods: (path: string) => ReadonlyArray<string> | undefined
  /** The operator's switch: debug output is written only when it is on and the request asks with `X-Debug: true`. */
  readonly debug: boolean
  /** The request body media types the endpoint takes, when known (an `HttpApi` endpoint's payload). */
  readonly accept?: ReadonlyArray<string> | undefined
  /** Overrides of the table of Effect's own failures (`Failures.defaults`). */
  readonly failures?: Partial<Failures.Table> | undefined
  /** The operator's switch: `false` answers in the family's dialect even where it offers RFC 9457. */
  readonly problemDetails: boolean
  /** The header the request id goes out in (lower-case). */
  readonly requestIdHeader: string
}

/**
 * The 415 of a body of a media type not taken: `accept` lists those that are
 * (RFC 9110 §15.5.16). Its message never repeats the request's media type,
 * which is the client's text.
 *
 * @internal
 */
export const unsupportedMediaType = (accept: Iterable<string>): ApiError.UnsupportedMediaType =>
  new ApiError.UnsupportedMediaType({
    message: "The request body has a media type this endpoint does not accept",
    accept: [...accept]
  })

/**
 * The validation error of a schema failure: its field issues, paths joined
 * with `.` the way seed 003 writes property paths, `slot` before them
 * (`query.page`); at most `maxIssues` (100), the message saying how many
 * there were when there were more.
 */
const validationFailed = (issue: SchemaIssue.Issue, slot?: string) => {
  const { issues, total } = boundedIssues(issue, slot)
  return new ApiError.ValidationError({
    message: total > issues.length
      ? `The request failed validation (the first ${issues.length} of ${total} issues are listed)`
      : "The request failed validation",
    issues
  })
}

/**
 * The typed error a failure means for a client. Every failure has one: what
 * is not a Faultline error is the router's, the body parser's or a schema's —
 * each mapped to its meaning — or else an unexpected failure, a 500.
 *
 * @internal
 */
export const toApiError = (
  failure: unknown,
  context: RenderContext
): Effect.Effect<ApiError.ApiError | HttpServerResponse.HttpServerResponse> => {
  if (ApiError.isApiError(failure)) return Effect.succeed(failure)
  if (HttpServerResponse.isHttpServerResponse(failure)) return Effect.succeed(failure)
  if (HttpServerError.isHttpServerError(failure)) return Effect.succeed(fromServerError(failure, context))
  if (HttpApiError.HttpApiSchemaError.is(failure)) {
    if (failure.kind === "Body" || failure.kind === "ResponseHeaders") {
      return Effect.succeed(new ApiError.InternalError())
    }
    if (failure.kind === "Payload") {
      // a body that is not JSON at all is the dialect's invalid-JSON error, not a validation failure
      return Effect.map(isMalformedJson(context.request), (malformed) =>
        malformed
          ? new ApiError.InvalidJson({ message: "The request body is not valid JSON" })
          : validationFailed(failure.cause.issue))
    }
    return Effect.succeed(validationFailed(failure.cause.issue, failure.kind.toLowerCase()))
  }
  if (HttpApiError.HttpApiPayloadTooLarge.is(failure)) return Effect.succeed(new ApiError.PayloadTooLarge())
  // a multipart read refused with a Faultline error (a media type not taken) is that error
  if (Multipart.isMultipartError(failure) && ApiError.isApiError(failure.reason.cause)) {
    return Effect.succeed(failure.reason.cause)
  }
  if (Schema.isSchemaError(failure)) return Effect.succeed(validationFailed(failure.issue))
  if (Cause.isNoSuchElementError(failure)) return Effect.succeed(new ApiError.NotFound())
  // Effect's own failures with a meaning: a unique violation, a lost connection, an upstream that timed out
  const known = Failures.toApiError(failure, context.failures)
  if (known !== undefined) return Effect.succeed(known)
  if (HttpServerRespondable.isRespondable(failure)) {
    // Effect's own errors (HttpApiError.NotFound…) carry only a status: answer it in the dialect
    return Effect.map(HttpServerRespondable.toResponse(failure), (response) => {
      if (response.status < 400) return response
      // RFC 9110 §15.5.6: a 405 says which methods the path has
      const allow = response.status === 405 ? context.allowedMethods(pathOnly(context.request.url)) : undefined
      return allow === undefined ? genericOf(response.status) : new ApiError.MethodNotAllowed({ allow: [...allow] })
    })
  }
  // an unexpected failure: its message stays private (a 5xx shows it only under operator debug)
  return Effect.succeed(new ApiError.InternalError({ message: describe(failure) }))
}

const describe = (failure: unknown): string => {
  const text = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure)
  return text.length > 500 ? `${text.slice(0, 500)}…` : text
}

/**
 * The error that means no more than a status (`NotFound` for 404), for a
 * response something other than a Faultline error produced.
 *
 * @internal
 */
export const genericOf = (status: number, message?: string): ApiError.ApiError => {
  const tag = Catalog.genericTagOf(status)
  const input = message === undefined || message.length === 0 ? {} : { message }
  return tag === undefined
    ? new ApiError.UnknownError({ code: "", status, ...input })
    : new (Catalog.classes[tag] as unknown as new(input: object) => ApiError.ApiError)(input)
}

const jsonMediaType = /^application\/(?:[\w.+-]+\+)?json\b/i

/** Whether a request's JSON body does not parse (the text is cached by the platform's request). */
const isMalformedJson = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<boolean> =>
  jsonMediaType.test(request.headers["content-type"] ?? "application/json")
    ? Effect.map(Effect.option(request.text), (text) => {
      if (Option.isNone(text) || text.value.trim().length === 0) return false
      try {
        JSON.parse(text.value)
        return false
      } catch {
        return true
      }
    })
    : Effect.succeed(false)

const fromServerError = (
  error: HttpServerError.HttpServerError,
  context: RenderContext
): ApiError.ApiError => {
  const reason = error.reason
  switch (reason._tag) {
    case "RouteNotFound": {
      const allow = context.allowedMethods(pathOnly(reason.request.url))
      // RFC 9110 §15.5.6: the path exists under other methods, and Allow says which
      return allow !== undefined && allow.length > 0
        ? new ApiError.MethodNotAllowed({
          message: `The method ${safeMethod(reason.request.method)} is not allowed here`,
          allow: [...allow]
        })
        : new ApiError.NotFound({ message: "No route matches this path" })
    }
    case "RequestParseError":
      // a body read refused with a Faultline error (a media type not taken) is that error
      if (ApiError.isApiError(reason.cause)) return reason.cause
      return reason.reason === "BodyTooLarge"
        ? new ApiError.PayloadTooLarge()
        : new ApiError.InvalidJson({ message: "The request body is not valid JSON" })
    default:
      return new ApiError.InternalError()
  }
}

const safeMethod = (method: string) => /^[A-Z]{1,16}$/.test(method) ? method : "used"

/**
 * The response for an error in the request's family dialect (or RFC 9457 when
 * negotiated), with the request id in the header and the body's slot.
 *
 * @internal
 */
export const respond = (
  raised: ApiError.ApiError,
  cause: Cause.Cause<unknown>,
  context: RenderContext
): Effect.Effect<HttpServerResponse.HttpServerResponse> => {
  const error = explained(raised)
  const vary = context.problemDetails && RouteFamily.negotiates(context.family)
  const dialect = vary
    ? RouteFamily.dialectFor(context.family, context.request.headers["accept"])
    : context.family.dialect
  const cors = context.request.headers["origin"] !== undefined
  const renamed = context.requestIdHeader !== RequestId.header
  const encode = (debug: Dialect.Debug | undefined) => {
    const encoded = dialect.encode(error, { requestId: context.requestId, challenge: context.family.challenge, debug })
    if (!vary && !renamed && encoded.status !== 413 && encoded.status !== 415) return toResponse(encoded)
    // RFC 9110 §12.5.5: the format was chosen by Accept, so a cache must not serve it to a request with another
    let headers = vary ? withVary(encoded.headers, "Accept") : encoded.headers
    // the operator's request id header, in place of the dialect's
    if (renamed) headers = renameHeader(headers, RequestId.header, context.requestIdHeader)
    // the rest of a body over the limit is left unread: the connection cannot carry another request (as Effect's
    // own 413 says), and the server stops reading it once the response is out
    if (encoded.status === 413) headers = { ...headers, connection: "close" }
    // RFC 5789 §3.1: the patch document types a PATCH may send are Accept-Patch
    if (encoded.status === 415 && context.request.method === "PATCH" && headers["accept"] !== undefined) {
      headers = { ...headers, "accept-patch": headers["accept"] }
    }
    return toResponse({ ...encoded, headers })
  }
  // the request's span and the metrics learn what was rendered, in the same step: this runs on every failed request
  const recorded = (rendered: HttpServerResponse.HttpServerResponse, fiber: Fiber.Fiber<unknown, unknown>) => {
    Telemetry.recordRenderedUnsafe({
      error,
      status: rendered.status,
      dialect: dialect.name,
      family: context.family.name,
      code: () => dialect.codeFor(error)?.code,
      requestId: context.requestId,
      cause
    }, fiber)
    // RFC 9449 §7.1, §8.2: a script of another origin reads a challenge or a DPoP nonce only if they are exposed.
    // Added as the response goes out: CORS middleware (Effect's) writes its own list then, over one set here
    if (cors) HttpEffect.appendPreResponseHandlerUnsafe(fiber.context, exposeOnResponse)
    return rendered
  }
  return context.debug && /^true$/i.test(context.request.headers["x-debug"] ?? "")
    ? Effect.flatMap(
      debugOutput(cause, context),
      (debug) => Effect.withFiber((fiber) => Effect.succeed(recorded(encode(debug), fiber)))
    )
    : Effect.withFiber((fiber) => Effect.succeed(recorded(encode(undefined), fiber)))
}

const renameHeader = (
  headers: Readonly<Record<string, string>>,
  from: string,
  to: string
): Readonly<Record<string, string>> => {
  const value = headers[from]
  if (value === undefined) return headers
  const { [from]: _, ...rest } = headers
  return { ...rest, [to]: value }
}

const exposeOnResponse = (
  _request: HttpServerRequest.HttpServerRequest,
  response: HttpServerResponse.HttpServerResponse
): Effect.Effect<HttpServerResponse.HttpServerResponse> => {
  const headers = exposeProtocolHeaders(response.headers)
  return Effect.succeed(headers === response.headers ? response : HttpServerResponse.setHeaders(response, headers))
}

/**
 * A rate limit that says how long to wait in its message too, when its
 * message is the class's default: RFC 6585 §4 asks a 429 to explain the
 * condition, and some dialects (OAuth's) write a message only when it is not
 * the default.
 */
const explained = (error: ApiError.ApiError): ApiError.ApiError => {
  if (!(error instanceof ApiError.RateLimited) || error.retryAfter === undefined) return error
  if (error.message !== ApiError.RateLimited.description) return error
  const seconds = Math.max(1, Math.ceil(Duration.toMillis(error.retryAfter) / 1000))
  const { details, errorUri, extensions, requestId, retryAfter } = error
  return new ApiError.RateLimited({
    message: `Too many requests; wait ${seconds} second${seconds === 1 ? "" : "s"} before trying again`,
    retryAfter,
    ...(details === undefined ? {} : { details }),
    ...(errorUri === undefined ? {} : { errorUri }),
    ...(extensions === undefined ? {} : { extensions }),
    ...(requestId === undefined ? {} : { requestId })
  })
}

const protocolHeaders = ["www-authenticate", "dpop-nonce"] as const

/**
 * Headers whose `Access-Control-Expose-Headers` lists the protocol fields
 * they carry (`WWW-Authenticate`, `DPoP-Nonce`), which the Fetch standard
 * otherwise hides from a cross-origin script.
 *
 * @internal
 */
export const exposeProtocolHeaders = (headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> => {
  const present = protocolHeaders.filter((name) => headers[name] !== undefined)
  if (present.length === 0) return headers
  const listed = headers["access-control-expose-headers"]
  const names = listed === undefined ? [] : listed.split(",").map((name) => name.trim()).filter((name) => name !== "")
  const known = new Set(names.map((name) => name.toLowerCase()))
  if (known.has("*") && headers["access-control-allow-credentials"] !== "true") return headers
  const missing = present.filter((name) => !known.has(name))
  return missing.length === 0
    ? headers
    : { ...headers, "access-control-expose-headers": [...names, ...missing].join(", ") }
}

/**
 * Headers with `name` added to their `Vary` list, once (RFC 9110 §12.5.5).
 *
 * @internal
 */
export const withVary = (
  headers: Readonly<Record<string, string>>,
  name: string
): Readonly<Record<string, string>> => {
  const vary = headers["vary"]
  if (vary === undefined || vary.length === 0) return { ...headers, vary: name }
  const names = vary.split(",").map((field) => field.trim().toLowerCase())
  return names.includes("*") || names.includes(name.toLowerCase()) ? headers : { ...headers, vary: `${vary}, ${name}` }
}

const debugOutput = (cause: Cause.Cause<unknown>, context: RenderContext) =>
  Effect.map(
    // the body may have been read already (it is cached) or never be readable: a debug aid, never a failure
    Effect.option(Effect.timeoutOption(context.request.json, "100 millis")),
    (body): Dialect.Debug => ({
      stack: Cause.pretty(cause),
      requestBody: Option.isSome(body) && Option.isSome(body.value) ? body.value.value : undefined,
      timestamp: new Date().toISOString()
    })
  )

/**
 * An encoded error as an `HttpServerResponse`.
 *
 * @internal
 */
export const toResponse = (encoded: Dialect.Encoded): HttpServerResponse.HttpServerResponse => {
  const headers: Record<string, string> = {}
  let contentType: string | undefined
  for (const name in encoded.headers) {
    if (name === "content-type") contentType = encoded.headers[name]
    else headers[name] = encoded.headers[name]!
  }
  if (encoded.body.length === 0) {
    const response = HttpServerResponse.empty({ status: encoded.status, headers })
    // only an empty (or plain-text) error response could be taken for one to normalize
    rendered.add(response)
    return response
  }
  const response = HttpServerResponse.text(encoded.body, { status: encoded.status, headers, contentType: contentType! })
  if (contentType !== undefined && /^text\/plain\b/i.test(contentType)) rendered.add(response)
  return response
}

/** The responses this package rendered, so that they are not rendered again. */
const rendered = new WeakSet<HttpServerResponse.HttpServerResponse>()

/**
 * A response a handler or the framework produced that is an error in no
 * dialect — an empty or plain-text 4xx/5xx, such as `HttpApiBuilder`'s 415 or
 * `HttpApiError.NotFound`'s empty body — answered instead in the family's
 * dialect, keeping its status and headers (one the dialect has no code for,
 * a 423 or a 451, goes with its class's x00 code, RFC 9110 §15). Anything else
 * is left alone: a page for a person, for one, is not an API error.
 *
 * @internal
 */
export const normalizeResponse = (
  response: HttpServerResponse.HttpServerResponse,
  context: RenderContext
): Effect.Effect<HttpServerResponse.HttpServerResponse> => {
  if (response.status < 400 || rendered.has(response)) return Effect.succeed(response)
  const body = response.body
  const text = body._tag === "Empty"
    ? ""
    : body._tag === "Uint8Array" && /^text\/plain\b/i.test(body.contentType)
    ? new TextDecoder().decode(body.body)
    : undefined
  if (text === undefined) return Effect.succeed(response)
  const error = response.status === 415
    ? unsupportedMediaType(
      context.accept ?? response.headers["accept"]?.split(/\s*,\s*/) ?? context.family.accept ?? ["application/json"]
    )
    : genericOf(response.status, response.status < 500 ? text.slice(0, 200) : undefined)
  return Effect.map(
    respond(error, Cause.empty, context),
    (rendered) => {
      // a dialect that cannot keep the status (a user's, writing every error at one status) never trades it:
      // the handler's response is left as it is
      if (rendered.status !== response.status) return response
      const kept = HttpServerResponse.setHeaders(rendered, omit(response.headers, ["content-type", "content-length"]))
      const vary = rendered.headers["vary"]
      // the handler's Vary and the negotiation's both hold
      return vary === undefined ? kept : HttpServerResponse.setHeaders(kept, withVary(kept.headers, vary))
    }
  )
}

const omit = (headers: Readonly<Record<string, string>>, names: ReadonlyArray<string>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)))

/**
 * The response for a failed handler: the failure's error in the family's
 * dialect. A 5xx is logged with its full cause and the request id; a 4xx is
 * the client's and is not.
 *
 * @internal
 */
export const renderCause = (
  cause: Cause.Cause<unknown>,
  context: RenderContext
): Effect.Effect<HttpServerResponse.HttpServerResponse> => {
  // combinators rather than `Effect.gen`: this runs on every failed request (bench goal 4)
  const failure = cause.reasons.find((reason) => reason._tag === "Fail") ??
    cause.reasons.find((reason) => reason._tag === "Die")
  if (failure === undefined) {
    // interrupted only: a client that went away gets nothing; a server shutting down says so
    return Cause.hasInterrupts(cause) &&
        cause.reasons.some((reason) =>
          reason._tag === "Interrupt" && reason.annotations.has(HttpServerError.ClientAbort.key)
        )
      ? Effect.succeed(HttpServerResponse.empty({ status: 499 }))
      : respond(new ApiError.ServiceUnavailable(), cause, context)
  }
  const value = failure._tag === "Fail" ? failure.error : failure.defect
  // a Faultline error needs no conversion: the common case answers without another effect
  if (ApiError.isApiError(value) && value.status < 500) return respond(value, cause, context)
  return Effect.flatMap(toApiError(value, context), (error) => {
    if (HttpServerResponse.isHttpServerResponse(error)) return Effect.succeed(error)
    if (error.status < 500) return respond(error, cause, context)
    return Effect.andThen(
      Effect.logError("Request failed", cause).pipe(
        Effect.annotateLogs({
          requestId: context.requestId,
          method: context.request.method,
          url: pathOnly(context.request.url)
        })
      ),
      respond(error, cause, context)
    )
  })
}

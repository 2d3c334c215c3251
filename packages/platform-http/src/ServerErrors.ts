/**
 * The server side: one layer that makes every failure of an `effect/http`
 * router — a typed error, a defect, the router's own 404 and 405, a body that
 * is not JSON or fails its schema, an unsupported media type — leave the
 * server in its route family's dialect, with the right status and headers, a
 * request id, and nothing private in it.
 *
 * @since 0.1.0
 */
import { ByteSize, Config, Context, Effect, Layer, References, Schema, Tracer } from "effect"
import { FindMyWay, HttpIncomingMessage, HttpRouter, HttpServerRequest, HttpServerResponse } from "effect/http"
import type * as Failures from "./Failures.ts"
import { decodablePath } from "./internal/path.ts"
import { RefusedBodyRequest } from "./internal/refuse.ts"
import { normalizeResponse, renderCause, type RenderContext, unsupportedMediaType } from "./internal/render.ts"
import * as RequestId from "./RequestId.ts"
import * as RouteFamily from "./RouteFamily.ts"

/**
 * What an operator decides about a server's errors, at deployment rather than
 * in code: read from configuration by {@link layerConfig}.
 *
 * @category models
 * @since 0.2.0
 */
export interface OperatorOptions {
  /**
   * The operator's debug switch (from configuration, never from a request).
   * When on, a request with `X-Debug: true` gets debug output: 5xx messages,
   * and seed 002's `debug` member (stack, request body, timestamp). Off by
   * default.
   */
  readonly debug?: boolean | undefined
  /**
   * The largest request body read, for the families that set none
   * (`RouteFamily.Family.maxBodySize`). Default 1 MiB.
   */
  readonly maxBodySize?: ByteSize.Input | undefined
  /**
   * Whether a family that offers RFC 9457 problem details
   * (`RouteFamily.Family.problem`) answers in them when a client's `Accept`
   * prefers them. `false` answers every request in its family's dialect.
   * Default `true`.
   */
  readonly problemDetails?: boolean | undefined
  /** Which header carries the request id, and whether an incoming one is trusted (`RequestId.Policy`). */
  readonly requestId?: RequestId.Policy | undefined
}

/**
 * What the server layer needs: the route families, the operator's options,
 * and overrides of the table that gives Effect's own failures their meaning
 * (`Failures.defaults`: a SQL unique violation is a 409, an upstream timeout
 * a 504…).
 *
 * @category models
 * @since 0.1.0
 */
export interface Options extends OperatorOptions {
  readonly families: RouteFamily.Table
  readonly failures?: Partial<Failures.Table> | undefined
}

/** A number of bytes, written without a unit. */
const byteCount = Schema.FiniteFromString.check(
  Schema.isInt({ message: "a whole number of bytes" }),
  Schema.isGreaterThanOrEqualTo(0, { message: "a whole number of bytes" })
)

/** RFC 9110 §5.1: a field name is a token. */
const fieldName = Schema.String.check(
  Schema.isPattern(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/, { message: "a header field name (RFC 9110 §5.1)" })
)

/**
 * The operator's options from Effect `Config`, each with its default:
 *
 * | name | what | default |
 * | --- | --- | --- |
 * | `FAULTLINE_DEBUG` | the debug switch | `false` |
 * | `FAULTLINE_MAX_BODY_SIZE` | the request body limit (`512 KiB`, `2MB`, bytes) | 1 MiB |
 * | `FAULTLINE_PROBLEM_DETAILS` | answer in RFC 9457 where a family offers it | `true` |
 * | `FAULTLINE_REQUEST_ID_HEADER` | the request id header | `x-request-id` |
 * | `FAULTLINE_TRUST_REQUEST_ID` | take a client's safe request id | `true` |
 *
 * A value that does not parse fails with a `ConfigError` naming it.
 *
 * @category config
 * @since 0.2.0
 */
export const config: Config.Config<OperatorOptions> = Config.all({
  debug: Config.Boolean("FAULTLINE_DEBUG").pipe(Config.withDefault(false)),
  // a size with its unit (`512 KiB`, `2MB`) or a number of bytes
  maxBodySize: Config.ByteSize("FAULTLINE_MAX_BODY_SIZE").pipe(
    Config.orElse(() => Config.schema(byteCount, "FAULTLINE_MAX_BODY_SIZE").pipe(Config.map(ByteSize.bytes))),
    Config.withDefault(ByteSize.mebibytes(1))
  ),
  problemDetails: Config.Boolean("FAULTLINE_PROBLEM_DETAILS").pipe(Config.withDefault(true)),
  requestId: Config.all({
    header: Config.schema(fieldName, "FAULTLINE_REQUEST_ID_HEADER").pipe(
      Config.map((name) => name.toLowerCase()),
      Config.withDefault(RequestId.header)
    ),
    trustIncoming: Config.Boolean("FAULTLINE_TRUST_REQUEST_ID").pipe(Config.withDefault(true))
  })
})

/**
 * The default request body limit: 1 MiB, as Express's `json()` and
 * Fastify's `bodyLimit` have it.
 *
 * @category models
 * @since 0.1.0
 */
export const defaultMaxBodySize: ByteSize.ByteSize = ByteSize.mebibytes(1)

const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "QUERY"] as const

/**
 * The methods registered for each path, read by the middleware to tell a 405
 * from a 404: Effect's router answers both as `RouteNotFound`.
 */
const makeRouteIndex = () => {
  const index = FindMyWay.make<true>({ ignoreTrailingSlash: true, ignoreDuplicateSlashes: true })
  const record = (method: string, path: string) => {
    const on = (p: string) =>
      method === "*" ? index.all(p as FindMyWay.PathInput, true) : index.on(method, p as FindMyWay.PathInput, true)
    on(path)
    if (path.endsWith("/*")) on(path.slice(0, -2))
  }
  const allowed = (path: string): ReadonlyArray<string> | undefined => {
    const decodable = decodablePath(path)
    const found = methods.filter((method) => index.find(method, decodable) !== undefined)
    if (found.length === 0 || found.length === methods.length) return undefined
    // RFC 9110 §9.3.2: a server that answers GET answers HEAD
    return found.includes("GET") && !found.includes("HEAD") ? [...found, "HEAD"] : found
  }
  return { record, allowed }
}

/**
 * A router that records every route registered through it, then registers it
 * with the router it wraps.
 */
const recording = (
  router: HttpRouter.HttpRouter,
  record: (method: string, path: string) => void,
  prefix: string | undefined
): HttpRouter.HttpRouter => {
  const full = (path: string) => prefix === undefined ? path : HttpRouter.prefixPath(path, prefix)
  return {
    ...router,
    prefixed: (next) =>
      recording(router.prefixed(next), record, prefix === undefined ? next : HttpRouter.prefixPath(next, prefix)),
    addAll: (routes) => {
      for (const route of routes) record(route.method, full(route.path))
      return router.addAll(routes)
    },
    add: (method, path, handler, options) => {
      record(method, full(path))
      return router.add(method, path, handler, options)
    }
  }
}

/** The body limit of each family, read once. */
const bodyLimits = (options: Options): (family: RouteFamily.Family) => ByteSize.ByteSize => {
  const fallback = options.maxBodySize === undefined
    ? defaultMaxBodySize
    : ByteSize.fromInputUnsafe(options.maxBodySize)
  const limits = new Map<RouteFamily.Family, ByteSize.ByteSize>()
  for (const family of [...options.families.families, options.families.fallback]) {
    limits.set(family, family.maxBodySize === undefined ? fallback : ByteSize.fromInputUnsafe(family.maxBodySize))
  }
  return (family) => limits.get(family) ?? fallback
}

const methodsWithContent = new Set(["POST", "PUT", "PATCH", "QUERY"])

/**
 * Whether a request has a body: a transfer coding or a non-zero length say so
 * (RFC 9112 §6.3: without either, an HTTP/1.1 request has none, whatever its
 * `Content-Type`); a Fetch `Request` (`toWebHandler`, Deno, Bun) knows; over
 * HTTP/2, where neither field is needed, the methods that define content.
 */
const isHttp2 = (request: HttpServerRequest.HttpServerRequest): boolean =>
  (request.source as { readonly httpVersionMajor?: number }).httpVersionMajor === 2

const hasBody = (request: HttpServerRequest.HttpServerRequest): boolean => {
  if (request.headers["transfer-encoding"] !== undefined) return true
  const length = request.headers["content-length"]
  if (length !== undefined) return length.trim() !== "0"
  const source = request.source
  if (typeof Request !== "undefined" && source instanceof Request) return source.body !== null
  return (source as { readonly httpVersionMajor?: number }).httpVersionMajor === 2 &&
    methodsWithContent.has(request.method)
}

/**
 * Renders every failure of the routes it is provided to in their family's
 * dialect; provides `RequestId` to handlers.
 *
 * For each request it:
 *
 * - accepts an incoming `X-Request-ID` only when safe (`RequestId.accept`),
 *   else generates one; echoes it on every response, success or failure;
 *   puts it in the body where the dialect has a slot, on the log
 *   annotations and on the current span (`http.request_id`);
 * - bounds the request body: the family's `maxBodySize` (default 1 MiB)
 *   is counted while the body streams in — Effect's body readers stop at it
 *   — and a larger body is a 413 in the family's dialect with
 *   `Connection: close`, the rest never read (RFC 9110 §15.5.14);
 * - refuses a body of a media type the family does not accept with 415,
 *   `Accept` (and `Accept-Patch` for a PATCH, RFC 5789 §3.1) listing what it
 *   does (RFC 9110 §15.5.16) — when the handler reads the body, so that what
 *   it checks first (authentication) is answered first; a request with no
 *   body (a GET with a stray `Content-Type`) is never refused;
 * - turns every failure into the family's error: typed errors as they are;
 *   the router's not-found into 405 with `Allow` when the path exists under
 *   other methods (RFC 9110 §15.5.6), 404 otherwise; a body that is not JSON
 *   into the dialect's invalid-JSON code; a schema failure into its
 *   validation error with field paths (the first 100, the message saying how
 *   many there were, so that a small body cannot make a huge response); a defect or an undeclared error into
 *   a 500 that says nothing of it;
 * - answers in RFC 9457 when the family allows it and the client prefers it
 *   by its `Accept` q-values, with `Vary: Accept` on every error response of
 *   such a family;
 * - lists `WWW-Authenticate` and `DPoP-Nonce` in
 *   `Access-Control-Expose-Headers` on a cross-origin request's error
 *   response, beside what CORS middleware exposes (RFC 9449 §7.1, §8.2);
 * - logs a 5xx with its full cause and the request id; a 4xx is not logged
 *   as an error.
 *
 * Provide it to the route layers (all of them, so it knows every path):
 *
 * @example
 * ```ts
 * import { ApiError } from "@faultline/errors"
 * import { RouteFamily, ServerErrors } from "@faultline/platform-http"
 * import { Envelope, OAuth } from "@faultline/wire"
 * import { Effect, Layer } from "effect"
 * import { HttpRouter } from "effect/http"
 *
 * const families = RouteFamily.table([
 *   { name: "oauth", paths: ["/oauth/*"], dialect: OAuth.dialect },
 *   { name: "resource", paths: ["/api/v2/*"], dialect: Envelope.dialect, problem: true }
 * ], { fallback: "resource" })
 *
 * const Routes = HttpRouter.add(
 *   "GET",
 *   "/api/v2/apps/:id",
 *   Effect.fail(new ApiError.NotFound({ resource: "app", message: "App not found" }))
 * )
 *
 * const App = Routes.pipe(Layer.provide(ServerErrors.layer({ families })))
 * // HttpRouter.serve(App): GET /api/v2/apps/app_1 answers 404, x-request-id: …,
 * // {"error":{"code":"not_found","message":"App not found","details":null,"request_id":"…"}}
 * ```
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (
  options: Options
): Layer.Layer<
  | HttpRouter.HttpRouter
  | HttpRouter.Request<"Requires", RequestId.RequestId>
  | HttpRouter.Request<"GlobalRequires", RequestId.RequestId>,
  never,
  HttpRouter.HttpRouter
> =>
  Layer.effect(
    HttpRouter.HttpRouter,
    Effect.gen(function*() {
      const router = yield* HttpRouter.HttpRouter
      const index = makeRouteIndex()
      const debug = options.debug === true
      const maxBodySize = bodyLimits(options)
      const policy = options.requestId
      const requestIdHeader = policy?.header?.toLowerCase() ?? RequestId.header
      const problemDetails = options.problemDetails !== false
      // Plain combinators rather than `Effect.gen`, and the request id set on the response this middleware
      // returns rather than through a pre-response handler: this runs on every request (see bench goal 4).
      const middleware = (httpEffect: Effect.Effect<HttpServerResponse.HttpServerResponse, unknown>) =>
        Effect.withFiber((fiber) => {
          const request = Context.getUnsafe(fiber.context, HttpServerRequest.HttpServerRequest)
          // the fiber's Random when a program or a test provided one: ids that tests can predict
          const requestId = RequestId.fromHeaders(request.headers, policy, RequestId.randomOf(fiber))
          // the request's span carries its id, failed or not
          const span = Context.getOrUndefined(fiber.context, Tracer.ParentSpan)
          if (span !== undefined && span._tag === "Span" && span.sampled) span.attribute("http.request_id", requestId)
          const withRequestId = (response: HttpServerResponse.HttpServerResponse) =>
            response.headers[requestIdHeader] === requestId
              ? response
              : HttpServerResponse.setHeader(response, requestIdHeader, requestId)
          const context: RenderContext = {
            request,
            requestId,
            family: options.families.match(request.url),
            allowedMethods: index.allowed,
            debug,
            failures: options.failures,
            problemDetails,
            requestIdHeader
          }
          const contentType = request.headers["content-type"]
          const withBody = hasBody(request)
          // over HTTP/2 a body needs neither field: any request may carry one
          const bounded = withBody || isHttp2(request)
          // a body the family does not take is refused when the handler reads it, so that what the handler checks
          // first (authentication) is answered first
          const refused = contentType !== undefined && withBody && !RouteFamily.accepts(context.family, contentType)
            ? new RefusedBodyRequest(request, unsupportedMediaType(context.family.accept ?? ["application/json"]))
            : undefined
          return httpEffect.pipe(
            // the handler sees the request id as a service and on its log lines, and its body reads stop at the
            // family's limit as the bytes stream in (Effect's readers count them): one context update for all
            Effect.updateContext((services: Context.Context<never>) => {
              const updated = Context.add(
                Context.add(services, RequestId.RequestId, requestId),
                References.CurrentLogAnnotations,
                { ...Context.get(services, References.CurrentLogAnnotations), requestId }
              )
              // a request that cannot carry a body has nothing to bound (each entry costs every request a step)
              if (!bounded) return updated
              const limited = Context.add(updated, HttpIncomingMessage.MaxBodySize, maxBodySize(context.family))
              return refused === undefined
                ? limited
                : Context.add(limited, HttpServerRequest.HttpServerRequest, refused)
            }),
            // one step for either outcome, the request id header set on the way out
            Effect.matchCauseEffect({
              onSuccess: (response) => Effect.map(normalizeResponse(response, context), withRequestId),
              onFailure: (cause) => Effect.map(renderCause(cause, context), withRequestId)
            })
          )
        })
      // Effect's types let global middleware add behaviour but not handle errors; this one turns every failure
      // into a response on purpose, which is what the cast says.
      yield* router.addGlobalMiddleware(middleware as any)
      return recording(router, index.record, undefined)
    })
  ) as any

/**
 * {@link layer} with the operator's options read from Effect `Config` — by
 * default {@link config}, the `FAULTLINE_*` names — at startup: a value that
 * does not parse fails the layer with a `ConfigError` naming it, before the
 * server takes a request.
 *
 * @example
 * ```ts
 * import { RouteFamily, ServerErrors } from "@faultline/platform-http"
 * import { Envelope } from "@faultline/wire"
 * import { Config } from "effect"
 *
 * const families = RouteFamily.table([{ name: "api", paths: ["/*"], dialect: Envelope.dialect }])
 *
 * // FAULTLINE_DEBUG, FAULTLINE_MAX_BODY_SIZE, … from the environment
 * export const Errors = ServerErrors.layerConfig({ families })
 *
 * // or names of the application's own
 * export const Named = ServerErrors.layerConfig({
 *   families,
 *   config: Config.all({ debug: Config.Boolean("DEBUG").pipe(Config.withDefault(false)) })
 * })
 * ```
 *
 * @category layers
 * @since 0.2.0
 */
export const layerConfig = (options: {
  readonly families: RouteFamily.Table
  readonly failures?: Partial<Failures.Table> | undefined
  readonly config?: Config.Config<OperatorOptions> | undefined
}): Layer.Layer<
  | HttpRouter.HttpRouter
  | HttpRouter.Request<"Requires", RequestId.RequestId>
  | HttpRouter.Request<"GlobalRequires", RequestId.RequestId>,
  Config.ConfigError,
  HttpRouter.HttpRouter
> =>
  Layer.unwrap(
    Effect.map(options.config ?? config, (operator) =>
      layer({ ...operator, families: options.families, failures: options.failures }))
  )

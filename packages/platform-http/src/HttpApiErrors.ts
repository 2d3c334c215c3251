/**
 * The `effect/http-api` integration: an `HttpApiMiddleware` that declares a
 * group's errors in its family's dialect — so the OpenAPI document and the
 * generated client know them — and renders every failure of its endpoints the
 * way the server middleware does, before `HttpApiBuilder` would encode it.
 *
 * @since 0.1.0
 */
import type { ApiError } from "@faultline/errors"
import type { Dialect } from "@faultline/wire"
import { type Config, type Context, Effect, Layer, Option, type Schema } from "effect"
import { HttpServerRequest, type HttpServerResponse } from "effect/http"
import { type HttpApiEndpoint, HttpApiMiddleware } from "effect/http-api"
import { normalizeResponse, renderCause, type RenderContext } from "./internal/render.ts"
import * as RequestId from "./RequestId.ts"
import type * as RouteFamily from "./RouteFamily.ts"
import * as ServerErrors from "./ServerErrors.ts"

/**
 * An error class that can be declared: a Faultline class (a `Schema`).
 *
 * @category models
 * @since 0.1.0
 */
export type DeclarableClass = ApiError.AnyClass

/**
 * The dialect schemas of the declared classes.
 *
 * @category models
 * @since 0.1.0
 */
export type Declared<Classes extends ReadonlyArray<DeclarableClass>> = {
  readonly [K in keyof Classes]: Schema.Codec<Classes[K]["Type"], unknown>
}

/**
 * Declares the middleware of a group (or an API): the errors every endpoint
 * under it may fail with, written in `dialect`. Endpoints declare their own
 * errors the same way, with `dialect.schema(Class)`.
 *
 * @example
 * ```ts
 * import { ApiError } from "@faultline/errors"
 * import { HttpApiErrors } from "@faultline/platform-http"
 * import { Envelope } from "@faultline/wire"
 *
 * class ResourceErrors extends HttpApiErrors.Service<ResourceErrors>()("ResourceErrors", {
 *   dialect: Envelope.dialect,
 *   errors: [ApiError.Unauthorized, ApiError.InvalidToken, ApiError.ValidationError, ApiError.InternalError]
 * }) {}
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const Service = <Self>() =>
<const Id extends string, const Classes extends ReadonlyArray<DeclarableClass>>(
  id: Id,
  options: {
    readonly dialect: Dialect.Dialect<string, ApiError.ApiError>
    readonly errors: Classes
  }
) =>
  HttpApiMiddleware.Service<Self>()(id, {
    error: options.errors.map((errorClass) => options.dialect.schema(errorClass)) as unknown as Declared<Classes>
  })

/**
 * Implements a middleware declared with {@link Service}: every failure of its
 * endpoints — the declared errors, the request schema failures, defects — is
 * answered in the request's family dialect, with the request id, challenge,
 * `Retry-After` and the rest, exactly as `ServerErrors.layer` answers the
 * router's own failures.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = <Id, S>(
  service: Context.Key<Id, S>,
  options: ServerErrors.Options
): Layer.Layer<Id> => {
  const requestIdHeader = options.requestId?.header?.toLowerCase() ?? RequestId.header
  const contextOf = (endpoint: HttpApiEndpoint.Top) =>
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const provided = yield* Effect.serviceOption(RequestId.RequestId)
      const context: RenderContext = {
        request,
        requestId: Option.isSome(provided)
          ? provided.value
          : RequestId.fromHeaders(request.headers, options.requestId),
        family: options.families.match(request.url),
        allowedMethods: () => undefined,
        debug: options.debug === true,
        accept: endpoint.payload.size > 0 ? [...endpoint.payload.keys()] : undefined,
        failures: options.failures,
        problemDetails: options.problemDetails !== false,
        requestIdHeader
      }
      return context
    })
  const middleware = (
    httpEffect: Effect.Effect<HttpServerResponse.HttpServerResponse, unknown>,
    { endpoint }: { readonly endpoint: HttpApiEndpoint.Top }
  ) =>
    httpEffect.pipe(
      // `HttpApiBuilder` answers a body of a type the endpoint does not declare with a plain-text 415 that repeats
      // the type: it is answered in the dialect, with the types the endpoint declares in `Accept`
      Effect.flatMap((response) =>
        response.status === 415
          ? Effect.flatMap(contextOf(endpoint), (context) => normalizeResponse(response, context))
          : Effect.succeed(response)
      ),
      Effect.catchCause((cause) => Effect.flatMap(contextOf(endpoint), (context) => renderCause(cause, context)))
    )
  // The middleware answers every failure with a response, so it fails with none of the declared errors.
  return Layer.succeed(service, middleware as unknown as S)
}

/**
 * {@link layer} with the operator's options read from Effect `Config` (by
 * default `ServerErrors.config`, the `FAULTLINE_*` names), as
 * `ServerErrors.layerConfig` reads them.
 *
 * @category layers
 * @since 0.2.0
 */
export const layerConfig = <Id, S>(
  service: Context.Key<Id, S>,
  options: {
    readonly families: RouteFamily.Table
    readonly failures?: ServerErrors.Options["failures"]
    readonly config?: Config.Config<ServerErrors.OperatorOptions> | undefined
  }
): Layer.Layer<Id, Config.ConfigError> =>
  Layer.unwrap(
    Effect.map(options.config ?? ServerErrors.config, (operator) =>
      layer(service, { ...operator, families: options.families, failures: options.failures }))
  )

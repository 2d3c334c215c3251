/**
 * The example server as a layer: the API, its handlers, the route families
 * of seed 000 (and seed 002's admin routes), and Faultline's error rendering.
 */
import { HttpApiErrors, RouteFamily, ServerErrors } from "@faultline/platform-http"
import { Envelope, Flat, OAuth } from "@faultline/wire"
import { Duration, Layer } from "effect"
import { HttpServer } from "effect/http"
import { HttpApiBuilder } from "effect/http-api"
import { AdminErrors, Api, OAuthErrors, ResourceErrors } from "./Api.ts"
import * as Billing from "./Billing.ts"
import {
  AdminAuthenticationLive,
  AdminLive,
  BillingAuthenticationLive,
  BillingLive,
  OAuthLive,
  ResourceAuthenticationLive,
  ResourcesLive,
  Settings
} from "./Handlers.ts"
import { Store } from "./Store.ts"

/**
 * Which route family failed decides the format (seed 000): OAuth on
 * `/.well-known/*` and `/oauth/*`, the resource envelope on the API routes
 * (and any path no family names), seed 002's flat form on `/api/admin/*`,
 * and the billing API's own dialect, declared in `Billing.ts`, on
 * `/api/billing/*`.
 */
export const families = RouteFamily.table([
  {
    name: "oauth",
    paths: ["/.well-known/*", "/oauth/*"],
    dialect: OAuth.dialect,
    accept: ["application/x-www-form-urlencoded", "application/json"]
  },
  {
    name: "admin",
    paths: ["/api/admin/*"],
    dialect: Flat.dialect,
    problem: true,
    challenge: { scheme: "Bearer", realm: "drio" }
  },
  {
    name: "billing",
    paths: ["/api/billing/*"],
    dialect: Billing.dialect,
    challenge: { scheme: "Bearer", realm: "drio" }
  },
  {
    name: "resource",
    paths: ["/api/v2/me", "/api/v2/auth-providers", "/api/v2/integration-providers", "/api/v2/apps/*"],
    dialect: Envelope.dialect,
    problem: true,
    challenge: { scheme: "Bearer", realm: "drio" }
  }
], { fallback: "resource" })

export interface Options {
  readonly issuer: string
  /** The operator's debug switch (`DEBUG=1`): with it on, a request with `X-Debug: true` gets debug output. */
  readonly debug?: boolean | undefined
  /** The rest of the operator's options (`ServerErrors.config`: the body limit, problem details, request ids). */
  readonly errors?: ServerErrors.OperatorOptions | undefined
  readonly rateLimit?: { readonly requests: number; readonly window: Duration.Duration } | undefined
}

/** The whole server, ready for `HttpRouter.serve`. */
export const make = (options: Options) => {
  const errorOptions = { ...options.errors, families, debug: options.debug === true || options.errors?.debug === true }
  const ApiLive = HttpApiBuilder.layer(Api, { openapiPath: "/openapi.json" }).pipe(
    Layer.provide([OAuthLive, ResourcesLive, AdminLive, BillingLive]),
    Layer.provide([
      HttpApiErrors.layer(OAuthErrors, errorOptions),
      HttpApiErrors.layer(ResourceErrors, errorOptions),
      HttpApiErrors.layer(AdminErrors, errorOptions),
      HttpApiErrors.layer(Billing.BillingErrors, errorOptions),
      ResourceAuthenticationLive,
      AdminAuthenticationLive,
      BillingAuthenticationLive
    ]),
    Layer.provide(Store.layer),
    Layer.provide(Layer.succeed(Settings, {
      issuer: options.issuer,
      rateLimit: options.rateLimit ?? { requests: 5, window: Duration.seconds(10) }
    })),
    Layer.provide(HttpServer.layerServices)
  )
  return ApiLive.pipe(Layer.provide(ServerErrors.layer(errorOptions)))
}

export type App = ReturnType<typeof make>

/**
 * The handlers. Every failure is a typed Faultline error; none of them says
 * how it is written on the wire — the route family does.
 */
import { ApiError } from "@faultline/errors"
import { ClientAuthentication } from "@faultline/platform-http"
import { OAuth } from "@faultline/wire"
import { Context, Duration, Effect, Layer, Redacted } from "effect"
import { HttpServerRequest, HttpServerResponse } from "effect/http"
import { HttpApiBuilder, type HttpApiEndpoint } from "effect/http-api"
import { AdminAuthentication, Api, CurrentToken, type Metadata, RequiredScope, ResourceAuthentication } from "./Api.ts"
import * as Billing from "./Billing.ts"
import { type App, Store, type Token } from "./Store.ts"

/** What the handlers need to know about their deployment. */
export class Settings extends Context.Service<Settings, {
  readonly issuer: string
  /** The rate limit of `GET /api/v2/integration-providers`: requests per window, per token. */
  readonly rateLimit: { readonly requests: number; readonly window: Duration.Duration }
}>()("example/Settings") {}

const tokenLifetime = 3600

// ---------------------------------------------------------------------------
// OAuth
// ---------------------------------------------------------------------------

const missing = (field: string) => new ApiError.InvalidRequest({ message: `Missing required field: ${field}` })

/** Client authentication, RFC 6749 §2.3.1: `client_secret_basic` or `client_secret_post`, never both. */
const authenticateClient = Effect.fnUntraced(function*(
  store: Store["Service"],
  request: HttpServerRequest.HttpServerRequest,
  payload: { readonly client_id?: string; readonly client_secret?: string }
) {
  // malformed Basic credentials are the client's invalid_client, 401 with a Basic challenge
  const credentials = yield* ClientAuthentication.basic(request.headers["authorization"], { realm: "drio" })
  const basic = credentials !== undefined
  if (basic && payload.client_secret !== undefined) {
    return yield* new ApiError.InvalidRequest({ message: "Use one client authentication method, not two" })
  }
  const id = basic ? credentials.clientId : payload.client_id
  const secret = basic ? Redacted.value(credentials.clientSecret) : payload.client_secret
  const client = id === undefined ? undefined : store.clients.get(id)
  if (client === undefined || client.secret !== secret) {
    // RFC 6749 §5.2: 401 with a challenge for the scheme the client used; 400 when it used the body
    return yield* new ApiError.InvalidClient({
      message: "Client authentication failed",
      ...(basic ? { status: 401 as const, challenges: [{ scheme: "Basic", params: { realm: "drio" } }] } : {})
    })
  }
  return client
})

const issueToken = (store: Store["Service"], user: string, client: string, scope: string, refresh: boolean) => {
  const value = crypto.randomUUID()
  store.tokens.set(value, {
    value,
    user,
    client,
    scopes: scope.split(" ").filter((s) => s.length > 0),
    expiresAt: Date.now() + tokenLifetime * 1000,
    revoked: false
  })
  const refreshToken = refresh ? crypto.randomUUID() : undefined
  if (refreshToken !== undefined) store.refreshTokens.set(refreshToken, { user, client, scope })
  // RFC 6749 §5.1: a response with tokens must not be cached
  return HttpServerResponse.jsonUnsafe({
    access_token: value,
    token_type: "Bearer",
    expires_in: tokenLifetime,
    ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    scope
  }, { headers: { "cache-control": "no-store", "pragma": "no-cache" } })
}

const grantedScope = (requested: string | undefined, allowed: ReadonlyArray<string>, fallback: string) => {
  if (requested === undefined) return Effect.succeed(fallback)
  const scopes = requested.split(" ").filter((scope) => scope.length > 0)
  const refused = scopes.filter((scope) => !allowed.includes(scope))
  return refused.length === 0
    ? Effect.succeed(scopes.join(" "))
    : Effect.fail(new ApiError.InvalidScope({ message: `Scope not allowed: ${refused.join(" ")}` }))
}

/** The most redirect URIs a client registers, and the longest (every one is kept in memory for good). */
const maxRedirectUris = 10
const maxRedirectUriLength = 2_048

const validRedirectUri = (value: unknown): value is string =>
  typeof value === "string" && value.length <= maxRedirectUriLength && URL.canParse(value) && !value.includes("#") &&
  (value.startsWith("https://") || /^http:\/\/localhost(:\d+)?\//.test(value))

export const OAuthLive = HttpApiBuilder.group(Api, "oauth", (handlers) =>
  Effect.gen(function*() {
    const store = yield* Store
    const { issuer } = yield* Settings
    return handlers
      .handle("metadata", () =>
        Effect.succeed<typeof Metadata.Type>({
          issuer,
          token_endpoint: `${issuer}/oauth/token`,
          registration_endpoint: `${issuer}/oauth/register`,
          authorization_endpoint: `${issuer}/oauth/authorize`,
          response_types_supported: ["code"],
          grant_types_supported: ["client_credentials", "refresh_token"],
          token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
          scopes_supported: ["apps:read", "apps:write", "profile"],
          authorization_response_iss_parameter_supported: true
        }))
      .handle("authorize", ({ query }) =>
        Effect.gen(function*() {
          const client = query.client_id === undefined ? undefined : store.clients.get(query.client_id)
          const redirectUri = query.redirect_uri ?? client?.redirectUris[0]
          // RFC 6749 §4.1.2.1: never redirect to a URI not registered for a known client
          const safeUri = client !== undefined && redirectUri !== undefined && client.redirectUris.includes(redirectUri)
            ? redirectUri
            : ""
          const redirect = (error: ApiError.ApiError) => {
            const encoded = OAuth.encodeRedirect(error, {
              redirectUri: safeUri,
              state: query.state,
              issuer
            })
            return HttpServerResponse.text(encoded.body, { status: encoded.status, headers: encoded.headers })
          }
          if (client === undefined) return redirect(new ApiError.InvalidRequest({ message: "Unknown client_id" }))
          if (query.response_type !== "code") {
            return redirect(new ApiError.UnsupportedResponseType({ message: "Only response_type=code is supported" }))
          }
          const scopes = (query.scope ?? "").split(" ").filter((scope) => scope.length > 0)
          const refused = scopes.filter((scope) => !client.scopes.includes(scope))
          if (refused.length > 0) {
            return redirect(new ApiError.InvalidScope({ message: `Scope not allowed: ${refused.join(" ")}` }))
          }
          return redirect(new ApiError.AccessDenied({ message: "This demo has no resource owner to ask" }))
        }))
      .handle("token", ({ payload, request }) =>
        Effect.gen(function*() {
          if (payload.grant_type === undefined) return yield* missing("grant_type")
          switch (payload.grant_type) {
            case "client_credentials": {
              const client = yield* authenticateClient(store, request, payload)
              const scope = yield* grantedScope(payload.scope, client.scopes, client.scopes.join(" "))
              return issueToken(store, client.owner, client.id, scope, false)
            }
            case "refresh_token": {
              if (payload.refresh_token === undefined) return yield* missing("refresh_token")
              const client = yield* authenticateClient(store, request, payload)
              const grant = store.refreshTokens.get(payload.refresh_token)
              if (grant === undefined || grant.client !== client.id) {
                return yield* new ApiError.InvalidGrant({ message: "The refresh token is invalid, expired or revoked" })
              }
              const scope = yield* grantedScope(payload.scope, grant.scope.split(" "), grant.scope)
              // refresh tokens rotate (RFC 9700 §4.14.2)
              store.refreshTokens.delete(payload.refresh_token)
              return issueToken(store, grant.user, client.id, scope, true)
            }
            default:
              return yield* new ApiError.UnsupportedGrantType({
                message: `Unsupported grant_type: ${payload.grant_type.slice(0, 64)}`
              })
          }
        }))
      .handle("register", ({ payload }) =>
        Effect.gen(function*() {
          const uris = payload["redirect_uris"]
          if (!Array.isArray(uris) || uris.length === 0 || uris.length > maxRedirectUris) {
            return yield* new ApiError.InvalidRedirectUri({
              message: `redirect_uris must list 1 to ${maxRedirectUris} URIs`
            })
          }
          if (!uris.every(validRedirectUri)) {
            return yield* new ApiError.InvalidRedirectUri({
              message: "Every redirect URI must be an https URL (or http://localhost) without a fragment, of at most " +
                `${maxRedirectUriLength} characters`
            })
          }
          const name = payload["client_name"] ?? "Unnamed client"
          if (typeof name !== "string" || name.length === 0 || name.length > 100) {
            return yield* new ApiError.InvalidClientMetadata({
              message: "client_name must be a string of 1 to 100 characters"
            })
          }
          const grantTypes = payload["grant_types"] ?? ["client_credentials"]
          if (
            !Array.isArray(grantTypes) ||
            grantTypes.some((grant) => grant !== "client_credentials" && grant !== "refresh_token")
          ) {
            return yield* new ApiError.InvalidClientMetadata({
              message: "grant_types may list only client_credentials and refresh_token"
            })
          }
          const method = payload["token_endpoint_auth_method"] ?? "client_secret_basic"
          if (method !== "client_secret_basic" && method !== "client_secret_post") {
            return yield* new ApiError.InvalidClientMetadata({
              message: "token_endpoint_auth_method must be client_secret_basic or client_secret_post"
            })
          }
          const id = store.nextId("client")
          const secret = crypto.randomUUID()
          store.clients.set(id, {
            id,
            secret,
            name,
            owner: "u_alice",
            redirectUris: uris as Array<string>,
            grantTypes: grantTypes as Array<string>,
            scopes: ["apps:read", "profile"]
          })
          return {
            client_id: id,
            client_secret: secret,
            client_id_issued_at: Math.floor(Date.now() / 1000),
            client_secret_expires_at: 0,
            client_name: name,
            redirect_uris: uris as Array<string>,
            grant_types: grantTypes as Array<string>,
            token_endpoint_auth_method: method
          }
        }))
  }))

// ---------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------

/** RFC 6750 §2.1 `b68token`: anything else in the Authorization field is no bearer token at all. */
const b68token = /^[A-Za-z0-9\-._~+/]+=*$/

/**
 * Bearer authentication, RFC 6750 §2.1, as the security middleware runs it —
 * before the body is read: no credentials is `Unauthorized` (a challenge with
 * no error, §3.1); a token that is unknown, expired or revoked says so; a
 * token without the endpoint's `RequiredScope` is `InsufficientScope` (§3.1).
 */
const authenticate = (store: Store["Service"]) =>
(
  httpEffect: Effect.Effect<HttpServerResponse.HttpServerResponse, unknown, CurrentToken>,
  { credential, endpoint }: { readonly credential: Redacted.Redacted<string>; readonly endpoint: HttpApiEndpoint.Top }
) =>
  Effect.gen(function*() {
    const value = Redacted.value(credential)
    if (!b68token.test(value)) {
      return yield* new ApiError.Unauthorized({ message: "Missing, invalid or expired bearer token" })
    }
    const token = store.tokens.get(value)
    if (token === undefined) return yield* new ApiError.InvalidToken({ message: "The access token is not known" })
    if (token.revoked) return yield* new ApiError.TokenRevoked({ message: "The access token has been revoked" })
    if (token.expiresAt <= Date.now()) {
      return yield* new ApiError.TokenExpired({ message: "The access token has expired" })
    }
    const scope = Context.getOrUndefined(endpoint.annotations, RequiredScope)
    if (scope !== undefined && !token.scopes.includes(scope)) {
      return yield* new ApiError.InsufficientScope({ message: `This request needs the scope ${scope}`, scope: [scope] })
    }
    return yield* Effect.provideService(httpEffect, CurrentToken, token)
  })

/** The resource routes' authentication. */
export const ResourceAuthenticationLive = Layer.effect(
  ResourceAuthentication,
  Store.use((store) => Effect.succeed(ResourceAuthentication.of({ bearer: authenticate(store) })))
)

/** The billing routes' authentication: the same, failing in the billing dialect. */
export const BillingAuthenticationLive = Layer.effect(
  Billing.BillingAuthentication,
  Store.use((store) => Effect.succeed(Billing.BillingAuthentication.of({ bearer: authenticate(store) })))
)

/** The admin routes' authentication: the same, failing in the flat form. */
export const AdminAuthenticationLive = Layer.effect(
  AdminAuthentication,
  Store.use((store) => Effect.succeed(AdminAuthentication.of({ bearer: authenticate(store) })))
)

const ownedApp = Effect.fnUntraced(function*(store: Store["Service"], token: Token, id: string) {
  const app = store.apps.get(id)
  if (app === undefined) return yield* new ApiError.NotFound({ message: "App not found", resource: "app" })
  if (app.owner !== token.user) {
    return yield* new ApiError.Forbidden({ message: "The app belongs to another owner" })
  }
  return app
})

/** A fixed window per token: enough to see 429 and `Retry-After` (RFC 6585 §4). */
class RateLimiter extends Context.Service<RateLimiter, {
  readonly take: (key: string) => Effect.Effect<void, ApiError.RateLimited>
}>()("example/RateLimiter") {
  static readonly layer = Layer.effect(
    RateLimiter,
    Effect.gen(function*() {
      const { rateLimit } = yield* Settings
      const windowMillis = Duration.toMillis(rateLimit.window)
      const windows = new Map<string, { start: number; count: number }>()
      return RateLimiter.of({
        take: (key) =>
          Effect.suspend(() => {
            const now = Date.now()
            const current = windows.get(key)
            const window = current === undefined || now - current.start >= windowMillis
              ? { start: now, count: 0 }
              : current
            window.count++
            windows.set(key, window)
            return window.count <= rateLimit.requests ? Effect.void : Effect.fail(
              new ApiError.RateLimited({
                message: `At most ${rateLimit.requests} requests per ${Duration.format(rateLimit.window)}`,
                retryAfter: Duration.millis(window.start + windowMillis - now)
              })
            )
          })
      })
    })
  )
}

export const ResourcesLive = HttpApiBuilder.group(Api, "resources", (handlers) =>
  Effect.gen(function*() {
    const store = yield* Store
    const limiter = yield* RateLimiter
    return handlers
      .handle("me", () =>
        Effect.gen(function*() {
          const token = yield* CurrentToken
          return store.users.get(token.user)!
        }))
      .handle("authProviders", () => Effect.succeed(store.authProviders))
      .handle("integrationProviders", () =>
        Effect.gen(function*() {
          const token = yield* CurrentToken
          yield* limiter.take(token.value)
          return store.integrationProviders
        }))
      .handle("listApps", () =>
        Effect.gen(function*() {
          const token = yield* CurrentToken
          return Array.from(store.apps.values()).filter((app) => app.owner === token.user)
        }))
      .handle("createApp", ({ payload }) =>
        Effect.gen(function*() {
          const token = yield* CurrentToken
          const app: App = {
            id: store.nextId("app"),
            name: payload.name,
            ...(payload.description === undefined ? {} : { description: payload.description }),
            redirect_uris: payload.redirect_uris,
            owner: token.user,
            created_at: new Date().toISOString()
          }
          store.apps.set(app.id, app)
          return app
        }))
      .handle("getApp", ({ params }) =>
        Effect.gen(function*() {
          const token = yield* CurrentToken
          return yield* ownedApp(store, token, params.id)
        }))
      .handle("updateApp", ({ params, payload }) =>
        Effect.gen(function*() {
          const token = yield* CurrentToken
          const app = yield* ownedApp(store, token, params.id)
          const updated: App = { ...app, ...payload }
          store.apps.set(app.id, updated)
          return updated
        }))
      .handle("deleteApp", ({ params }) =>
        Effect.gen(function*() {
          const token = yield* CurrentToken
          yield* ownedApp(store, token, params.id)
          store.apps.delete(params.id)
        }))
  })).pipe(Layer.provide(RateLimiter.layer))

// ---------------------------------------------------------------------------
// Admin (seed 002)
// ---------------------------------------------------------------------------

export const AdminLive = HttpApiBuilder.group(Api, "admin", (handlers) =>
  Effect.gen(function*() {
    const store = yield* Store
    return handlers
      .handle("createUser", ({ payload }) =>
        Effect.gen(function*() {
          const email = payload.email.toLowerCase()
          if (Array.from(store.users.values()).some((user) => user.email === email)) {
            return yield* new ApiError.AlreadyExists({
              message: "This email address is already in use",
              resource: "email"
            })
          }
          const user = { id: store.nextId("u"), email, name: payload.name }
          store.users.set(user.id, user)
          return user
        }))
      .handle("getUser", ({ params }) =>
        Effect.gen(function*() {
          const user = store.users.get(params.id)
          if (user === undefined) {
            return yield* new ApiError.NotFound({ message: "The specified user was not found", resource: "user" })
          }
          if (user.legacyProfile !== undefined) {
            // a defect: the corrupt record throws, and the server must answer a 500 that says nothing of it
            yield* Effect.sync(() => JSON.parse(user.legacyProfile!))
          }
          return { id: user.id, email: user.email, name: user.name }
        }))
  }))

// ---------------------------------------------------------------------------
// Billing (a user-declared dialect)
// ---------------------------------------------------------------------------

export const BillingLive = HttpApiBuilder.group(Api, "billing", (handlers) =>
  Effect.gen(function*() {
    const store = yield* Store
    const charges = new Map<string, typeof Billing.Charge.Type>()
    return handlers
      .handle("charge", ({ payload }) =>
        Effect.gen(function*() {
          const charge = yield* Billing.charge(payload, () => store.nextId("ch"))
          charges.set(charge.id, charge)
          return charge
        }))
      .handle("getCharge", ({ params }) =>
        Effect.gen(function*() {
          const charge = charges.get(params.id)
          if (charge === undefined) {
            return yield* new ApiError.NotFound({ message: "No such charge", resource: "charge" })
          }
          return charge
        }))
  }))

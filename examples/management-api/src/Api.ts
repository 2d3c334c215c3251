/**
 * The API of seed 000's management service, declared once: routes, payloads,
 * successes, and every error each endpoint can answer, in its route family's
 * dialect — the OAuth routes in OAuth's, the resource routes in the
 * envelope. The OpenAPI document at `/openapi.json` is generated from it.
 */
import { ApiError } from "@faultline/errors"
import { HttpApiErrors } from "@faultline/platform-http"
import { Envelope, Flat, OAuth } from "@faultline/wire"
import { Schema } from "effect"
import {
  HttpApi,
  HttpApiEndpoint,
  HttpApiGroup,
  HttpApiMiddleware,
  HttpApiSchema,
  HttpApiSecurity,
  OpenApi
} from "effect/http-api"
import { authenticationErrors, type CurrentToken, RequiredScope } from "./Authentication.ts"
import { BillingGroup } from "./Billing.ts"

const oauthError = (errorClass: HttpApiErrors.DeclarableClass) => OAuth.dialect.schema(errorClass)
const envelopeError = (errorClass: HttpApiErrors.DeclarableClass) => Envelope.dialect.schema(errorClass)

/** Errors any OAuth route may answer (RFC 6749 §5.2 with its HTTP-level siblings). */
export class OAuthErrors extends HttpApiErrors.Service<OAuthErrors>()("OAuthErrors", {
  dialect: OAuth.dialect,
  errors: [ApiError.InvalidRequest, ApiError.InternalError]
}) {}

/** Errors any resource route may answer besides authentication's: validation, the unexpected. */
export class ResourceErrors extends HttpApiErrors.Service<ResourceErrors>()("ResourceErrors", {
  dialect: Envelope.dialect,
  errors: [ApiError.ValidationError, ApiError.InternalError]
}) {}

export { CurrentToken, RequiredScope } from "./Authentication.ts"

/**
 * Bearer authentication of the resource routes (RFC 6750 §2.1), as `HttpApi`
 * security middleware: it runs before the request body is read, so a request
 * without a valid token gets its 401 whatever its body is — a body never
 * decides whether the caller learns that a token is missing.
 */
export class ResourceAuthentication
  extends HttpApiMiddleware.Service<ResourceAuthentication, { provides: CurrentToken }>()("ResourceAuthentication", {
    security: { bearer: HttpApiSecurity.bearer },
    error: authenticationErrors.map(envelopeError)
  })
{}

/** RFC 8414 §2 authorization server metadata (the members this server has). */
export const Metadata = Schema.Struct({
  issuer: Schema.String,
  token_endpoint: Schema.String,
  registration_endpoint: Schema.String,
  authorization_endpoint: Schema.String,
  response_types_supported: Schema.Array(Schema.String),
  grant_types_supported: Schema.Array(Schema.String),
  token_endpoint_auth_methods_supported: Schema.Array(Schema.String),
  scopes_supported: Schema.Array(Schema.String),
  authorization_response_iss_parameter_supported: Schema.Boolean
})

/** A token request (RFC 6749 §4.4.2, §6): every member optional, so that a missing one is an OAuth error. */
export const TokenRequest = Schema.Struct({
  grant_type: Schema.optionalKey(Schema.String),
  refresh_token: Schema.optionalKey(Schema.String),
  scope: Schema.optionalKey(Schema.String),
  client_id: Schema.optionalKey(Schema.String),
  client_secret: Schema.optionalKey(Schema.String)
}).pipe(HttpApiSchema.asFormUrlEncoded())

/** RFC 6749 §5.1. */
export const TokenResponse = Schema.Struct({
  access_token: Schema.String,
  token_type: Schema.Literal("Bearer"),
  expires_in: Schema.Int,
  refresh_token: Schema.optionalKey(Schema.String),
  scope: Schema.String
})

/** RFC 7591 §2 client metadata, read loosely so that bad metadata is `invalid_client_metadata`. */
export const RegistrationRequest = Schema.Record(Schema.String, Schema.Json)

/** RFC 7591 §3.2.1. */
export const RegistrationResponse = Schema.Struct({
  client_id: Schema.String,
  client_secret: Schema.String,
  client_id_issued_at: Schema.Int,
  client_secret_expires_at: Schema.Int,
  client_name: Schema.String,
  redirect_uris: Schema.Array(Schema.String),
  grant_types: Schema.Array(Schema.String),
  token_endpoint_auth_method: Schema.String
}).pipe(HttpApiSchema.status(201))

export const AuthorizeQuery = {
  response_type: Schema.optionalKey(Schema.String),
  client_id: Schema.optionalKey(Schema.String),
  redirect_uri: Schema.optionalKey(Schema.String),
  scope: Schema.optionalKey(Schema.String),
  state: Schema.optionalKey(Schema.String)
}

export const OAuthGroup = HttpApiGroup.make("oauth")
  .add(
    HttpApiEndpoint.get("metadata", "/.well-known/oauth-authorization-server", { success: Metadata })
      .annotate(OpenApi.Summary, "Authorization server metadata (RFC 8414)")
  )
  .add(
    HttpApiEndpoint.get("authorize", "/oauth/authorize", { query: AuthorizeQuery })
      .annotate(OpenApi.Summary, "Start an authorization (RFC 6749 §4.1); errors go back by redirect")
  )
  .add(
    HttpApiEndpoint.post("token", "/oauth/token", {
      payload: TokenRequest,
      success: TokenResponse,
      error: [
        oauthError(ApiError.InvalidClient),
        oauthError(ApiError.InvalidGrant),
        oauthError(ApiError.UnsupportedGrantType),
        oauthError(ApiError.InvalidScope),
        oauthError(ApiError.UnauthorizedClient),
        oauthError(ApiError.RateLimited)
      ]
    }).annotate(OpenApi.Summary, "Issue an access token (RFC 6749 §3.2)")
  )
  .add(
    HttpApiEndpoint.post("register", "/oauth/register", {
      payload: RegistrationRequest,
      success: RegistrationResponse,
      error: [oauthError(ApiError.InvalidClientMetadata), oauthError(ApiError.InvalidRedirectUri)]
    }).annotate(OpenApi.Summary, "Register a client (RFC 7591)")
  )
  .middleware(OAuthErrors)
  .annotate(OpenApi.Description, "OAuth 2.0: errors in RFC 6749's form, challenges per RFC 6750")

export const Profile = Schema.Struct({ id: Schema.String, email: Schema.String, name: Schema.String })

export const Provider = Schema.Struct({ id: Schema.String, name: Schema.String, kind: Schema.String })

export const App = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  description: Schema.optionalKey(Schema.String),
  redirect_uris: Schema.Array(Schema.String),
  owner: Schema.String,
  created_at: Schema.String
})

const RedirectUri = Schema.String.check(
  Schema.isPattern(/^https:\/\/[^\s#]+$|^http:\/\/localhost(:\d+)?(\/[^\s#]*)?$/, {
    message: "must be an https URL (or http://localhost) without a fragment"
  })
)

export const NewApp = Schema.Struct({
  name: Schema.String.check(Schema.isNonEmpty({ message: "is required" }), Schema.isMaxLength(64)),
  description: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(280))),
  redirect_uris: Schema.Array(RedirectUri).check(Schema.isMaxLength(10))
})

export const AppPatch = Schema.Struct({
  name: Schema.optionalKey(NewApp.fields.name),
  description: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(280))),
  redirect_uris: Schema.optionalKey(NewApp.fields.redirect_uris)
})

const appId = { id: Schema.String }

export const ResourceGroup = HttpApiGroup.make("resources")
  .add(HttpApiEndpoint.get("me", "/api/v2/me", { success: Profile }).annotate(OpenApi.Summary, "The caller's profile"))
  .add(
    HttpApiEndpoint.get("authProviders", "/api/v2/auth-providers", { success: Schema.Array(Provider) })
      .annotate(OpenApi.Summary, "List authentication providers")
  )
  .add(
    HttpApiEndpoint.get("integrationProviders", "/api/v2/integration-providers", {
      success: Schema.Array(Provider),
      error: envelopeError(ApiError.RateLimited)
    }).annotate(OpenApi.Summary, "List integration providers (rate limited)")
  )
  .add(
    HttpApiEndpoint.get("listApps", "/api/v2/apps", { success: Schema.Array(App) })
      .annotate(RequiredScope, "apps:read")
      .annotate(OpenApi.Summary, "List the caller's apps")
  )
  .add(
    HttpApiEndpoint.post("createApp", "/api/v2/apps", {
      payload: NewApp,
      success: App.pipe(HttpApiSchema.status(201))
    }).annotate(RequiredScope, "apps:write").annotate(OpenApi.Summary, "Create an app")
  )
  .add(
    HttpApiEndpoint.get("getApp", "/api/v2/apps/:id", {
      params: appId,
      success: App,
      error: [envelopeError(ApiError.NotFound), envelopeError(ApiError.Forbidden)]
    }).annotate(RequiredScope, "apps:read").annotate(OpenApi.Summary, "Get an app")
  )
  .add(
    HttpApiEndpoint.patch("updateApp", "/api/v2/apps/:id", {
      params: appId,
      payload: AppPatch,
      success: App,
      error: [envelopeError(ApiError.NotFound), envelopeError(ApiError.Forbidden)]
    }).annotate(RequiredScope, "apps:write").annotate(OpenApi.Summary, "Update an app")
  )
  .add(
    HttpApiEndpoint.delete("deleteApp", "/api/v2/apps/:id", {
      params: appId,
      success: HttpApiSchema.NoContent,
      error: [envelopeError(ApiError.NotFound), envelopeError(ApiError.Forbidden)]
    }).annotate(RequiredScope, "apps:write").annotate(OpenApi.Summary, "Delete an app")
  )
  // authentication inside, error rendering outside: the renderer answers authentication's failures too
  .middleware(ResourceAuthentication)
  .middleware(ResourceErrors)
  .annotate(OpenApi.Description, "The resource API: errors in the envelope, or RFC 9457 problem details on request")

const flatError = (errorClass: HttpApiErrors.DeclarableClass) => Flat.dialect.schema(errorClass)

/** Errors any admin route may answer besides authentication's, in seed 002's flat form. */
export class AdminErrors extends HttpApiErrors.Service<AdminErrors>()("AdminErrors", {
  dialect: Flat.dialect,
  errors: [ApiError.ValidationError, ApiError.InternalError]
}) {}

/** Bearer authentication of the admin routes, before their bodies are read; see {@link ResourceAuthentication}. */
export class AdminAuthentication
  extends HttpApiMiddleware.Service<AdminAuthentication, { provides: CurrentToken }>()("AdminAuthentication", {
    security: { bearer: HttpApiSecurity.bearer },
    error: authenticationErrors.map(flatError)
  })
{}

export const User = Schema.Struct({ id: Schema.String, email: Schema.String, name: Schema.String })

export const NewUser = Schema.Struct({
  email: Schema.String.check(
    Schema.isPattern(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { message: "Please enter a valid email address" })
  ),
  name: Schema.String.check(Schema.isNonEmpty({ message: "Name is required" }), Schema.isMaxLength(100))
})

/** Seed 002's admin API: the flat form, its resource-named codes, and its opt-in debug member. */
export const AdminGroup = HttpApiGroup.make("admin")
  .add(
    HttpApiEndpoint.post("createUser", "/api/admin/users", {
      payload: NewUser,
      success: User.pipe(HttpApiSchema.status(201)),
      error: flatError(ApiError.AlreadyExists)
    }).annotate(RequiredScope, "admin").annotate(OpenApi.Summary, "Create a user")
  )
  .add(
    HttpApiEndpoint.get("getUser", "/api/admin/users/:id", {
      params: { id: Schema.String },
      success: User,
      error: flatError(ApiError.NotFound)
    }).annotate(RequiredScope, "admin").annotate(OpenApi.Summary, "Get a user")
  )
  .middleware(AdminAuthentication)
  .middleware(AdminErrors)
  .annotate(OpenApi.Description, "The admin API: errors in the flat form, with its resource-named codes")

/** Validation reports every failed field, not only the first. */
export const Api = HttpApi.make("drio-management").add(OAuthGroup).add(ResourceGroup).add(AdminGroup).add(BillingGroup)
  .annotate(HttpApi.ParseOptions, { errors: "all" })
  .annotate(OpenApi.Title, "Faultline example: a management API")
  .annotate(OpenApi.Version, "0.2.0")
  .annotate(OpenApi.License, { name: "MIT", identifier: "MIT" })
  // the server that serves this document, wherever it runs
  .annotate(OpenApi.Servers, [{ url: "/", description: "this server" }])

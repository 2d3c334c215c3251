/**
 * What every route family's bearer authentication shares: the token it
 * provides to handlers, the scope an endpoint asks for, and the errors it can
 * answer. Each family declares its own `HttpApiMiddleware` with these errors
 * in its own dialect (`Api.ts`, `Billing.ts`).
 */
import { ApiError } from "@faultline/errors"
import { Context } from "effect"
import type { Token } from "./Store.ts"

/** The access token a request was authenticated with, provided to the handlers by the authentication middleware. */
export class CurrentToken extends Context.Service<CurrentToken, Token>()("example/CurrentToken") {}

/** The scope an endpoint needs, checked with the token before the request body is read (RFC 6750 §3.1). */
export class RequiredScope extends Context.Service<RequiredScope, string>()("example/RequiredScope") {}

/** What authenticating a bearer token can answer (RFC 6750 §3.1; seed 002's refinements of invalid_token). */
export const authenticationErrors = [
  ApiError.Unauthorized,
  ApiError.InvalidToken,
  ApiError.TokenExpired,
  ApiError.TokenRevoked,
  ApiError.InsufficientScope
] as const

/**
 * Faultline errors in Effect's HTTP server and client.
 *
 * @since 0.1.0
 */

/**
 * OAuth client authentication: `client_secret_basic` credentials, malformed
 * ones answered as `invalid_client`.
 *
 * @since 0.1.0
 */
export * as ClientAuthentication from "./ClientAuthentication.ts"

/**
 * Typed errors out of any response an `HttpClient` receives.
 *
 * @since 0.1.0
 */
export * as ClientErrors from "./ClientErrors.ts"

/**
 * Effect's own failures (SQL, HTTP client, timeouts) with their meaning.
 *
 * @since 0.2.0
 */
export * as Failures from "./Failures.ts"

/**
 * The `effect/http-api` integration: declared errors in a family's dialect.
 *
 * @since 0.1.0
 */
export * as HttpApiErrors from "./HttpApiErrors.ts"

/**
 * The request id: accepted when safe, generated otherwise, echoed everywhere.
 *
 * @since 0.1.0
 */
export * as RequestId from "./RequestId.ts"

/**
 * Traces and metrics for the errors a server renders and a client reads.
 *
 * @since 0.2.0
 */
export * as Telemetry from "./Telemetry.ts"

/**
 * Route families: which dialect each part of an API speaks.
 *
 * @since 0.1.0
 */
export * as RouteFamily from "./RouteFamily.ts"

/**
 * Server middleware rendering every failure in its route family's dialect.
 *
 * @since 0.1.0
 */
export * as ServerErrors from "./ServerErrors.ts"

/**
 * Retries driven by the typed error.
 *
 * @since 0.1.0
 */
export * as Retry from "./Retry.ts"

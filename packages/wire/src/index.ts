/**
 * Dialects: the wire formats real APIs use, as Schema codecs of Faultline errors.
 *
 * @since 0.1.0
 */

/**
 * AWS's JSON protocols' errors: `__type` and `x-amzn-ErrorType`.
 *
 * @since 0.2.0
 */
export * as Aws from "./Aws.ts"

/**
 * Errors carried by `WWW-Authenticate` challenges (RFC 6750, RFC 9449, RFC 9470).
 *
 * @since 0.1.0
 */
export * as Bearer from "./Bearer.ts"

/**
 * hapi's Boom errors (and Fastify's, NestJS's): `{statusCode, error, message}`.
 *
 * @since 0.2.0
 */
export * as Boom from "./Boom.ts"

/**
 * Cloudflare's API v4 errors.
 *
 * @since 0.2.0
 */
export * as Cloudflare from "./Cloudflare.ts"

/**
 * Seed 004's `{"code","description"}` form.
 *
 * @since 0.1.0
 */
export * as CodeDescription from "./CodeDescription.ts"

/**
 * Reads a response of unknown dialect.
 *
 * @since 0.1.0
 */
export * as Detect from "./Detect.ts"

/**
 * What every dialect shares, and translation between dialects.
 *
 * @since 0.1.0
 */
export * as Dialect from "./Dialect.ts"

/**
 * Seed 000's resource API envelope.
 *
 * @since 0.1.0
 */
export * as Envelope from "./Envelope.ts"

/**
 * Elasticsearch's and OpenSearch's REST errors.
 *
 * @since 0.2.0
 */
export * as Elasticsearch from "./Elasticsearch.ts"

/**
 * FastAPI's (and Django REST framework's) `{"detail": …}`.
 *
 * @since 0.2.0
 */
export * as FastApi from "./FastApi.ts"

/**
 * Seed 002's flat form.
 *
 * @since 0.1.0
 */
export * as Flat from "./Flat.ts"

/**
 * GitHub's REST API errors and rate limits.
 *
 * @since 0.2.0
 */
export * as GitHub from "./GitHub.ts"

/**
 * Google's API errors (AIP-193), with `RetryInfo` and field violations.
 *
 * @since 0.2.0
 */
export * as Google from "./Google.ts"

/**
 * GraphQL's errors on HTTP.
 *
 * @since 0.2.0
 */
export * as GraphQL from "./GraphQL.ts"

/**
 * JSON:API's error documents.
 *
 * @since 0.2.0
 */
export * as JsonApi from "./JsonApi.ts"

/**
 * The Kubernetes API's `Status` errors.
 *
 * @since 0.2.0
 */
export * as Kubernetes from "./Kubernetes.ts"

/**
 * Laravel's JSON errors and validation failures.
 *
 * @since 0.2.0
 */
export * as Laravel from "./Laravel.ts"

/**
 * Seed 001's `{"message","description"}` form.
 *
 * @since 0.1.0
 */
export * as MessageDescription from "./MessageDescription.ts"

/**
 * Microsoft Graph's and Azure's errors (OData JSON).
 *
 * @since 0.2.0
 */
export * as Microsoft from "./Microsoft.ts"

/**
 * Seed 003's nested form with its `multiple` aggregate.
 *
 * @since 0.1.0
 */
export * as Nested from "./Nested.ts"

/**
 * OAuth 2.0 errors: JSON bodies and authorization redirects.
 *
 * @since 0.1.0
 */
export * as OAuth from "./OAuth.ts"

/**
 * Okta's API errors.
 *
 * @since 0.2.0
 */
export * as Okta from "./Okta.ts"

/**
 * PostgREST's (Supabase's) errors.
 *
 * @since 0.2.0
 */
export * as PostgRest from "./PostgRest.ts"

/**
 * RFC 9457 problem details.
 *
 * @since 0.1.0
 */
export * as Problem from "./Problem.ts"

/**
 * The `Retry-After` field: delay-seconds or an HTTP-date, as a wait.
 *
 * @since 0.2.0
 */
export * as RetryAfter from "./RetryAfter.ts"

/**
 * The S3-style XML error document of object stores.
 *
 * @since 0.2.0
 */
export * as S3 from "./S3.ts"

/**
 * Shopify's REST Admin API errors.
 *
 * @since 0.2.0
 */
export * as Shopify from "./Shopify.ts"

/**
 * Slack's Web API errors, on a 200.
 *
 * @since 0.2.0
 */
export * as Slack from "./Slack.ts"

/**
 * Spring Boot's default error body.
 *
 * @since 0.2.0
 */
export * as Spring from "./Spring.ts"

/**
 * Stripe's API errors (and OpenAI's, Anthropic's).
 *
 * @since 0.2.0
 */
export * as Stripe from "./Stripe.ts"

/**
 * Twilio's REST API errors.
 *
 * @since 0.2.0
 */
export * as Twilio from "./Twilio.ts"

/**
 * The `WWW-Authenticate` field: parse and format challenges.
 *
 * @since 0.1.0
 */
export * as WwwAuthenticate from "./WwwAuthenticate.ts"

export {
  /**
   * Decides which dialect a response speaks and decodes it.
   *
   * @since 0.1.0
   */
  decodeAny,
  /**
   * Reads a response of any status: the error it carries, or `undefined` for a success.
   *
   * @since 0.2.0
   */
  decodeIfError
} from "./Detect.ts"

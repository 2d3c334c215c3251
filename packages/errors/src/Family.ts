/**
 * Family unions: the errors a dialect (or one OAuth endpoint) can give, as
 * types for exhaustive `catchTags` / `Match.tagsExhaustive` and as `Schema`
 * unions for codecs and arbitraries. All are read off the catalog; each
 * includes `UnknownError` for a code no table documents.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as ApiError from "./ApiError.ts"
import * as Catalog from "./Catalog.ts"

/**
 * A `Schema` union of the classes a dialect's entries (optionally filtered)
 * name, plus `UnknownError`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const union = <E>(
  dialect: Catalog.Dialect,
  where?: (entry: Catalog.Entry) => boolean
): Schema.Codec<E | ApiError.UnknownError, unknown> =>
  Schema.Union([...Catalog.classesOf(dialect, where), ApiError.UnknownError]) as any

/**
 * Everything an OAuth 2.0 error (body or redirect) can say.
 *
 * @see RFC 6749 §4.1.2.1, §5.2 and the registered extensions
 * @category models
 * @since 0.1.0
 */
export type OAuth = Catalog.ErrorOf<"oauth">

/**
 * {@link OAuth} as a `Schema` union, for codecs and arbitraries.
 *
 * @category schemas
 * @since 0.1.0
 */
export const OAuth = union<OAuth>("oauth")

/**
 * What an OAuth JSON error body can say: token endpoint, registration,
 * revocation, device and PAR errors (every OAuth entry not sent by redirect).
 *
 * @see RFC 6749 §5.2, RFC 7009 §2.2.1, RFC 7591 §3.2.2, RFC 8628 §3.5, RFC 9126 §2.3, RFC 9449 §5
 * @category models
 * @since 0.1.0
 */
export type OAuthToken =
  | InstanceType<Exclude<Catalog.EntriesOf<"oauth">, { readonly status: 302 }>["class"]>
  | ApiError.UnknownError

/**
 * {@link OAuthToken} as a `Schema` union, for codecs and arbitraries.
 *
 * @category schemas
 * @since 0.1.0
 */
export const OAuthToken = union<OAuthToken>("oauth", (entry) => entry.status !== 302)

/**
 * What an authorization-endpoint error redirect can say.
 *
 * @see RFC 6749 §4.1.2.1, §4.2.2.1; OpenID Connect Core 1.0 §3.1.2.6
 * @category models
 * @since 0.1.0
 */
export type OAuthRedirect =
  | InstanceType<Catalog.EntriesOf<"oauth", { readonly status: 302 }>["class"]>
  | ApiError.UnknownError

/**
 * {@link OAuthRedirect} as a `Schema` union, for codecs and arbitraries.
 *
 * @category schemas
 * @since 0.1.0
 */
export const OAuthRedirect = union<OAuthRedirect>("oauth", (entry) => entry.status === 302)

/**
 * What a `WWW-Authenticate` challenge can say; `Unauthorized` is a challenge
 * with no error code (RFC 6750 §3.1).
 *
 * @see RFC 6750 §3.1, RFC 9449 §7.1, RFC 9470 §3
 * @category models
 * @since 0.1.0
 */
export type Bearer = Catalog.ErrorOf<"bearer"> | ApiError.Unauthorized

/**
 * {@link Bearer} as a `Schema` union, for codecs and arbitraries.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Bearer: Schema.Codec<Bearer, unknown> = Schema.Union([
  ...Catalog.classesOf("bearer"),
  ApiError.Unauthorized,
  ApiError.UnknownError
]) as any

/**
 * Seed 000's resource API errors.
 *
 * @category models
 * @since 0.1.0
 */
export type Envelope = Catalog.ErrorOf<"envelope">

/**
 * {@link Envelope} as a `Schema` union, for codecs and arbitraries.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Envelope = union<Envelope>("envelope")

/**
 * Seed 002's errors.
 *
 * @category models
 * @since 0.1.0
 */
export type Flat = Catalog.ErrorOf<"flat">

/**
 * {@link Flat} as a `Schema` union, for codecs and arbitraries.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Flat = union<Flat>("flat")

/**
 * Seed 001's errors outside its OAuth service.
 *
 * @category models
 * @since 0.1.0
 */
export type MessageDescription = Catalog.ErrorOf<"message-description">

/**
 * {@link MessageDescription} as a `Schema` union, for codecs and arbitraries.
 *
 * @category schemas
 * @since 0.1.0
 */
export const MessageDescription = union<MessageDescription>("message-description")

/**
 * Seed 003's errors.
 *
 * @category models
 * @since 0.1.0
 */
export type Nested = Catalog.ErrorOf<"nested">

/**
 * {@link Nested} as a `Schema` union, for codecs and arbitraries.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Nested = union<Nested>("nested")

/**
 * Seed 004's errors (its bearer challenges are in {@link Bearer}).
 *
 * @category models
 * @since 0.1.0
 */
export type CodeDescription = Catalog.ErrorOf<"code-description">

/**
 * {@link CodeDescription} as a `Schema` union, for codecs and arbitraries.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CodeDescription = union<CodeDescription>("code-description")

/**
 * Every Faultline error, `Undecodable` included: what decoding a response of
 * unknown dialect can give.
 *
 * @category models
 * @since 0.1.0
 */
export type Any = Catalog.ErrorOfTag<Catalog.Tag> | ApiError.UnknownError | ApiError.Undecodable

/**
 * {@link Any} as a `Schema` union, for codecs and arbitraries.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Any: Schema.Codec<Any, unknown> = Schema.Union([
  ...Object.values(Catalog.classes),
  ApiError.UnknownError,
  ApiError.Undecodable
]) as any

/**
 * Type-level tests, checked by `pnpm check`: a complete `catchTags` or
 * `Match.tagsExhaustive` over a family union compiles, a missing case does not,
 * and each union is exactly what its table says.
 */
import type { ApiError, Catalog } from "@faultline/errors"
import type { Family } from "@faultline/errors"
import { Effect, Match } from "effect"

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
const expectType = <T extends true>(): T => true as T

// Each union is exactly the tags of its table, plus UnknownError.
expectType<
  Equals<
    Family.Envelope["_tag"],
    | "BadRequest"
    | "Unauthorized"
    | "Forbidden"
    | "NotFound"
    | "ValidationError"
    | "InternalError"
    | "MethodNotAllowed"
    | "Conflict"
    | "PayloadTooLarge"
    | "UnsupportedMediaType"
    | "RateLimited"
    | "ServiceUnavailable"
    | "UnknownError"
  >
>()
expectType<
  Equals<
    Family.Bearer["_tag"],
    | "InvalidRequest"
    | "InvalidToken"
    | "InsufficientScope"
    | "InvalidDpopProof"
    | "UseDpopNonce"
    | "InsufficientUserAuthentication"
    | "Unauthorized"
    | "UnknownError"
  >
>()
expectType<Equals<Catalog.ErrorOf<"nested">, Family.Nested>>()
// The same meaning is one class in every union it belongs to.
expectType<Equals<Extract<Family.Flat, { _tag: "NotFound" }>, ApiError.NotFound>>()

declare const getMe: Effect.Effect<string, Family.Nested>

// A complete catchTags removes every error from the channel.
export const handled: Effect.Effect<string, never> = getMe.pipe(Effect.catchTags({
  BadRequest: (e) => Effect.succeed(`bad ${e.path}`),
  Unauthorized: () => Effect.succeed("login"),
  Forbidden: () => Effect.succeed("forbidden"),
  NotFound: (e) => Effect.succeed(`missing ${e.path}`),
  Conflict: () => Effect.succeed("conflict"),
  ValidationError: (e) => Effect.succeed(e.issues.map((issue) => issue.path).join()),
  InternalError: () => Effect.succeed("retry later"),
  TokenExpired: () => Effect.succeed("refresh"),
  MalformedAuthorization: () => Effect.succeed("fix header"),
  InvalidToken: () => Effect.succeed("new token"),
  MultipleErrors: (e) => Effect.succeed(`${e.errors.length} errors`),
  MethodNotAllowed: (e) => Effect.succeed(e.allow.join()),
  PayloadTooLarge: () => Effect.succeed("smaller"),
  UnsupportedMediaType: () => Effect.succeed("json"),
  RateLimited: () => Effect.succeed("wait"),
  ServiceUnavailable: () => Effect.succeed("wait"),
  UnknownError: (e) => Effect.succeed(e.code)
}))

// One case missing: UnknownError stays in the channel, and the assignment fails.
// @ts-expect-error Type 'UnknownError' is not assignable to type 'never'
export const missing: Effect.Effect<string, never> = getMe.pipe(Effect.catchTags({
  BadRequest: () => Effect.succeed(""),
  Unauthorized: () => Effect.succeed(""),
  Forbidden: () => Effect.succeed(""),
  NotFound: () => Effect.succeed(""),
  Conflict: () => Effect.succeed(""),
  ValidationError: () => Effect.succeed(""),
  InternalError: () => Effect.succeed(""),
  TokenExpired: () => Effect.succeed(""),
  MalformedAuthorization: () => Effect.succeed(""),
  InvalidToken: () => Effect.succeed(""),
  MultipleErrors: () => Effect.succeed(""),
  MethodNotAllowed: () => Effect.succeed(""),
  PayloadTooLarge: () => Effect.succeed(""),
  UnsupportedMediaType: () => Effect.succeed(""),
  RateLimited: () => Effect.succeed(""),
  ServiceUnavailable: () => Effect.succeed("")
}))

// A tag that is not in the union is refused.
export const unknownTag = getMe.pipe(Effect.catchTags({
  // @ts-expect-error InvalidGrant is an OAuth error: seed 003 cannot send it
  InvalidGrant: () => Effect.succeed("")
}))

// Match.tagsExhaustive over the bearer family: complete compiles.
export const statusOfChallenge = Match.type<Family.Bearer>().pipe(Match.tagsExhaustive({
  InvalidRequest: () => 400,
  InvalidToken: () => 401,
  InsufficientScope: (e) => e.scope?.length ?? 403,
  InvalidDpopProof: () => 401,
  UseDpopNonce: (e) => e.nonce?.length ?? 401,
  InsufficientUserAuthentication: (e) => e.maxAge ?? 401,
  Unauthorized: () => 401,
  UnknownError: (e) => e.status
}))

// One case missing: does not compile.
export const incomplete = Match.type<Family.Bearer>().pipe(
  // @ts-expect-error Property 'UnknownError' is missing
  Match.tagsExhaustive({
    InvalidRequest: () => 400,
    InvalidToken: () => 401,
    InsufficientScope: () => 403,
    InvalidDpopProof: () => 401,
    UseDpopNonce: () => 401,
    InsufficientUserAuthentication: () => 401,
    Unauthorized: () => 401
  })
)

/**
 * Type-level tests, checked by `pnpm check`: a dialect's union is exactly what
 * its vocabulary declares, `withCodes` widens it by the classes it adds, and a
 * declaration the types can see into is checked.
 */
import { ApiError, type Family } from "@faultline/errors"
import { type CodeDescription, Dialect, Envelope, type Flat, type Nested, type OAuth } from "@faultline/wire"
import { Effect, Schema } from "effect"

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
const expectType = <T extends true>(): T => true as T

// Each built-in dialect's union is exactly its vocabulary's classes: the family, without UnknownError.
expectType<Equals<Dialect.Error<typeof Envelope.dialect> | ApiError.UnknownError, Family.Envelope>>()
expectType<Equals<Dialect.Error<typeof Flat.dialect> | ApiError.UnknownError, Family.Flat>>()
expectType<Equals<Dialect.Error<typeof Nested.dialect> | ApiError.UnknownError, Family.Nested>>()
expectType<Equals<Dialect.Error<typeof CodeDescription.dialect> | ApiError.UnknownError, Family.CodeDescription>>()
expectType<Equals<Dialect.Error<typeof OAuth.dialect> | ApiError.UnknownError, Family.OAuthToken>>()

class CardDeclined extends ApiError.Class<CardDeclined>()("CardDeclined", { declineCode: Schema.String }, {
  status: 402,
  title: "Payment Required",
  description: "The card was declined",
  source: "Payments API §4"
}) {}

class CardExpired extends ApiError.Class<CardExpired>()("CardExpired", {}, {
  status: [402, 400],
  title: "Card Expired",
  description: "The card has expired",
  source: "Payments API §4",
  refines: CardDeclined
}) {}

// withCodes widens the union by exactly the classes it adds, data-last and data-first alike.
const Payments = Envelope.dialect.pipe(Dialect.withCodes([{ code: "card_declined", status: 402, class: CardDeclined }]))
expectType<Equals<Dialect.Error<typeof Payments>, Dialect.Error<typeof Envelope.dialect> | CardDeclined>>()
const PaymentsFirst = Dialect.withCodes(Envelope.dialect, [{ class: CardExpired }])
expectType<Equals<Dialect.Error<typeof PaymentsFirst>, Dialect.Error<typeof Envelope.dialect> | CardExpired>>()

// An encode-only code writes a class without making it part of what decoding gives.
const Quiet = Envelope.dialect.pipe(
  Dialect.withCodes([{ code: "payment_required", status: 402, class: CardDeclined, encodeOnly: true }])
)
expectType<Equals<Dialect.Error<typeof Quiet>, Dialect.Error<typeof Envelope.dialect>>>()

// A dialect made from nothing but its declaration has exactly its classes.
const Acme = Dialect.make({
  name: "acme",
  contentType: "application/json",
  shape: { code: ["error", "code"], message: ["error", "message"], details: ["error", "param"] },
  codes: [{ code: "card_declined", class: CardDeclined }, ...Dialect.genericCodes("snake_case")]
})
type AcmeError = Dialect.Error<typeof Acme>
expectType<Equals<Extract<AcmeError, { _tag: "CardDeclined" }>, CardDeclined>>()
expectType<Equals<Extract<AcmeError, { _tag: "NotFound" }>, ApiError.NotFound>>()

// A status the class is never sent with is refused, and says so.
Envelope.dialect.pipe(Dialect.withCodes([
  // @ts-expect-error Type '400' is not assignable to type '"400 is not a status of CardDeclined"'
  { code: "card_declined", status: 400, class: CardDeclined }
]))

// The same code twice at one status is refused, on both entries.
Envelope.dialect.pipe(Dialect.withCodes([
  // @ts-expect-error Type '"card_declined"' is not assignable to type '"duplicate code: card_declined 402"'
  { code: "card_declined", status: 402, class: CardDeclined },
  // @ts-expect-error Type '"card_declined"' is not assignable to type '"duplicate code: card_declined 402"'
  { code: "card_declined", status: 402, class: CardExpired }
]))

// ...but one code at two statuses is two codes (seed 004's LIMIT_EXCEEDED).
Envelope.dialect.pipe(Dialect.withCodes([
  { code: "card_expired", status: 402, class: CardExpired },
  { code: "card_expired", status: 400, class: CardExpired }
]))

// Over a user dialect's union, a complete catchTags removes every error; one missing case does not compile.
declare const charge: Effect.Effect<string, Dialect.Error<typeof Acme>>
export const handled: Effect.Effect<string, never> = charge.pipe(Effect.catchTags({
  CardDeclined: (error) => Effect.succeed(`declined: ${error.declineCode}`),
  BadRequest: () => Effect.succeed(""),
  Unauthorized: () => Effect.succeed(""),
  PaymentRequired: () => Effect.succeed(""),
  Forbidden: () => Effect.succeed(""),
  NotFound: () => Effect.succeed(""),
  MethodNotAllowed: () => Effect.succeed(""),
  RequestTimeout: () => Effect.succeed(""),
  Conflict: () => Effect.succeed(""),
  Gone: () => Effect.succeed(""),
  PreconditionFailed: () => Effect.succeed(""),
  PayloadTooLarge: () => Effect.succeed(""),
  UnsupportedMediaType: () => Effect.succeed(""),
  ValidationError: () => Effect.succeed(""),
  RateLimited: () => Effect.succeed(""),
  InternalError: () => Effect.succeed(""),
  NotImplemented: () => Effect.succeed(""),
  BadGateway: () => Effect.succeed(""),
  ServiceUnavailable: () => Effect.succeed(""),
  GatewayTimeout: () => Effect.succeed("")
}))

// @ts-expect-error Type 'CardDeclined' is not assignable to type 'never'
export const missing: Effect.Effect<string, never> = charge.pipe(Effect.catchTags({
  BadRequest: () => Effect.succeed(""),
  Unauthorized: () => Effect.succeed(""),
  PaymentRequired: () => Effect.succeed(""),
  Forbidden: () => Effect.succeed(""),
  NotFound: () => Effect.succeed(""),
  MethodNotAllowed: () => Effect.succeed(""),
  RequestTimeout: () => Effect.succeed(""),
  Conflict: () => Effect.succeed(""),
  Gone: () => Effect.succeed(""),
  PreconditionFailed: () => Effect.succeed(""),
  PayloadTooLarge: () => Effect.succeed(""),
  UnsupportedMediaType: () => Effect.succeed(""),
  ValidationError: () => Effect.succeed(""),
  RateLimited: () => Effect.succeed(""),
  InternalError: () => Effect.succeed(""),
  NotImplemented: () => Effect.succeed(""),
  BadGateway: () => Effect.succeed(""),
  ServiceUnavailable: () => Effect.succeed(""),
  GatewayTimeout: () => Effect.succeed("")
}))

// The HttpApi schema of a user's class decodes to that class.
export const schema: Schema.Codec<CardDeclined, unknown> = Payments.schema(CardDeclined)

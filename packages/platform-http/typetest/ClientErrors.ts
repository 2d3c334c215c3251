/**
 * Type-level tests, checked by `pnpm check`: a client that decodes with a
 * dialect fails with exactly that dialect's union (plus transport errors),
 * so `catchTags` over it is exhaustive.
 */
import { ApiError, type Family } from "@faultline/errors"
import { ClientErrors } from "@faultline/platform-http"
import { CodeDescription, Detect, Dialect, Envelope } from "@faultline/wire"
import { type Effect, Schema } from "effect"
import type { HttpClient, HttpClientError } from "effect/http"

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
const expectType = <T extends true>(): T => true as T

declare const client: HttpClient.HttpClient
const decoding = client.pipe(ClientErrors.decode({ dialect: CodeDescription.dialect }))
type Failure = Effect.Error<ReturnType<typeof decoding["execute"]>>

// the dialect's union, and what a WWW-Authenticate challenge can say instead of the body (RFC 6750 §3)
expectType<
  Equals<Failure, HttpClientError.HttpClientError | Family.CodeDescription | Family.Bearer | ApiError.Undecodable>
>()

// Without a dialect, anything a detector can read.
const detecting = client.pipe(ClientErrors.decode())
type Detected = Effect.Error<ReturnType<typeof detecting["execute"]>>
expectType<Equals<Detected, HttpClientError.HttpClientError | Family.Any>>()

declare const call: Effect.Effect<string, Failure>
type Handled<E> = E extends { readonly _tag: infer T } ? T : never
// every tag of seed 004's union and of a challenge, and no other, can be handled
expectType<
  Equals<
    Handled<Failure>,
    | "HttpClientError"
    | "BadRequest"
    | "InvalidResource"
    | "MissingParameter"
    | "LimitExceeded"
    | "OutOfRange"
    | "Unauthorized"
    | "Forbidden"
    | "AccessDenied"
    | "QuotaExceeded"
    | "RangeNotAllowed"
    | "NotFound"
    | "Conflict"
    | "AlreadyExists"
    | "Gone"
    | "InternalError"
    | "ServiceUnavailable"
    | "MethodNotAllowed"
    | "PayloadTooLarge"
    | "UnsupportedMediaType"
    | "ValidationError"
    | "RateLimited"
    | "BadGateway"
    | "GatewayTimeout"
    | "UnknownError"
    | "Undecodable"
    // what a challenge can say (pinned tag by tag in @faultline/errors' Family type test)
    | Family.Bearer["_tag"]
  >
>()
export { call }

// A user's own class, in a dialect a user extended: the decoding client fails with it, typed.
class CardDeclined extends ApiError.Class<CardDeclined>()("CardDeclined", { declineCode: Schema.String }, {
  status: 402,
  title: "Payment Required",
  description: "The card was declined",
  source: "Payments API §4"
}) {}
const Payments = Envelope.dialect.pipe(Dialect.withCodes([{ code: "card_declined", status: 402, class: CardDeclined }]))
const paying = client.pipe(ClientErrors.decode({ dialect: Payments }))
type PaymentFailure = Effect.Error<ReturnType<typeof paying["execute"]>>
expectType<
  Equals<
    PaymentFailure,
    HttpClientError.HttpClientError | Family.Envelope | CardDeclined | Family.Bearer | ApiError.Undecodable
  >
>()
expectType<Equals<Extract<PaymentFailure, { _tag: "CardDeclined" }>["declineCode"], string>>()

// A user's detector: its dialects' unions, the user's class among them, and every Faultline error.
const Acme = Dialect.make({
  name: "acme",
  contentType: "application/json",
  shape: { code: ["fault", "kind"], message: ["fault", "text"] },
  codes: [{ code: "card_declined", status: 402, class: CardDeclined }, ...Dialect.genericCodes("snake_case")]
})
const detectingAcme = client.pipe(ClientErrors.decode({ detector: Detect.make([Acme, ...Detect.dialects]) }))
type AcmeFailure = Effect.Error<ReturnType<typeof detectingAcme["execute"]>>
expectType<Equals<Extract<AcmeFailure, { _tag: "CardDeclined" }>, CardDeclined>>()
expectType<Equals<Extract<AcmeFailure, { _tag: "NotFound" }>, ApiError.NotFound>>()

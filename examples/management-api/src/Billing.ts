/**
 * A route family the seeds do not have: a billing API with errors of its own,
 * declared by the user of the library the way the built-in dialects are —
 * its own error class, its own code, its own wire shape. The server renders
 * it, the client decodes it into the same class, and `/openapi.json` lists
 * it, from this one declaration.
 */
import { ApiError } from "@faultline/errors"
import { HttpApiErrors } from "@faultline/platform-http"
import { Dialect } from "@faultline/wire"
import { Effect, Schema } from "effect"
import {
  HttpApiEndpoint,
  HttpApiGroup,
  HttpApiMiddleware,
  HttpApiSchema,
  HttpApiSecurity,
  OpenApi
} from "effect/http-api"
import { authenticationErrors, type CurrentToken } from "./Authentication.ts"

/** The card was declined: 402, with the issuer's reason, which the client may show or act on. */
export class CardDeclined extends ApiError.Class<CardDeclined>()("CardDeclined", {
  declineCode: Schema.Literals(["insufficient_funds", "lost_card", "expired_card", "generic_decline"])
}, {
  status: 402,
  title: "Payment Required",
  description: "The card was declined",
  source: "example billing API, 'Errors'"
}) {}

/**
 * The billing API's own wire form, Stripe-like:
 * `{"error":{"code","message","decline_code"?,"request_id","errors"?}}` — a
 * class's own fields beside the code, field issues in `errors`. Its codes:
 * `card_declined`, and the generic ones for everything an HTTP API says.
 */
export const dialect = Dialect.make({
  name: "billing",
  contentType: "application/json",
  shape: {
    code: ["error", "code"],
    message: ["error", "message"],
    requestId: ["error", "request_id"],
    issues: { path: ["error", "errors"], format: "list" }
  },
  fields: "members",
  codes: [
    { code: "card_declined", status: 402, class: CardDeclined, source: "example billing API, 'Errors'" },
    ...Dialect.genericCodes("snake_case")
  ]
})

/** Errors any billing route may answer besides authentication's: validation, the unexpected. */
export class BillingErrors extends HttpApiErrors.Service<BillingErrors>()("BillingErrors", {
  dialect,
  errors: [ApiError.ValidationError, ApiError.InternalError]
}) {}

/** Bearer authentication of the billing routes, before their bodies are read, failing in the billing dialect. */
export class BillingAuthentication
  extends HttpApiMiddleware.Service<BillingAuthentication, { provides: CurrentToken }>()("BillingAuthentication", {
    security: { bearer: HttpApiSecurity.bearer },
    error: authenticationErrors.map((errorClass: HttpApiErrors.DeclarableClass) => dialect.schema(errorClass))
  })
{}

/** A charge request: an amount in cents and a (test) card number. */
export const NewCharge = Schema.Struct({
  amount: Schema.Int.check(Schema.isGreaterThanOrEqualTo(50, { message: "must be at least 50 cents" })),
  card: Schema.String.check(Schema.isPattern(/^\d{12,19}$/, { message: "must be 12 to 19 digits" }))
})

export const Charge = Schema.Struct({ id: Schema.String, amount: Schema.Int, status: Schema.Literal("succeeded") })

/** The billing routes; every error they declare is written in the billing dialect. */
export const BillingGroup = HttpApiGroup.make("billing")
  .add(
    HttpApiEndpoint.post("charge", "/api/billing/charges", {
      payload: NewCharge,
      success: Charge.pipe(HttpApiSchema.status(201)),
      error: [dialect.schema(CardDeclined), dialect.schema(ApiError.ValidationError)]
    }).annotate(OpenApi.Summary, "Charge a card")
  )
  .add(
    HttpApiEndpoint.get("getCharge", "/api/billing/charges/:id", {
      params: { id: Schema.String },
      success: Charge,
      error: dialect.schema(ApiError.NotFound)
    }).annotate(OpenApi.Summary, "Get a charge")
  )
  .middleware(BillingAuthentication)
  .middleware(BillingErrors)
  .annotate(OpenApi.Description, "The billing API: a dialect of its own, declared with Dialect.make")

/** Test cards, as payment providers publish them: each number declines for one reason. */
const declining: Readonly<Record<string, CardDeclined["declineCode"]>> = {
  "4000000000000002": "generic_decline",
  "4000000000009995": "insufficient_funds",
  "4000000000009987": "lost_card",
  "4000000000000069": "expired_card"
}

/** Charges a card: a declining test card fails with the typed error, any other succeeds. */
export const charge = (payload: typeof NewCharge.Type, nextId: () => string) =>
  Effect.suspend(() => {
    const reason = declining[payload.card]
    return reason === undefined
      ? Effect.succeed({ id: nextId(), amount: payload.amount, status: "succeeded" as const })
      : Effect.fail(
        new CardDeclined({ declineCode: reason, message: `Your card was declined: ${reason.replace(/_/g, " ")}` })
      )
  })

import { describe } from "@effect/vitest"
import { Stripe } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const errors = "Stripe docs, 'Errors'"
const codes = "Stripe docs, 'Error codes'"
const openai = "OpenAI docs, 'Error codes'"
const anthropic = "Anthropic docs, 'Errors'"

const vectors: ReadonlyArray<VendorVector> = [
  {
    source: `${errors}, a card error`,
    what: "card_declined is PaymentRequired, its decline_code and type kept",
    status: 402,
    headers: { "request-id": "req_8f14e45fceea167a" },
    body: {
      error: {
        type: "card_error",
        code: "card_declined",
        decline_code: "insufficient_funds",
        message: "Your card has insufficient funds.",
        doc_url: "https://docs.stripe.com/error-codes/card-declined",
        charge: "ch_3Ma"
      }
    },
    tag: "PaymentRequired",
    fields: {
      message: "Your card has insufficient funds.",
      errorUri: "https://docs.stripe.com/error-codes/card-declined",
      requestId: "req_8f14e45fceea167a",
      extensions: { type: "card_error", decline_code: "insufficient_funds" }
    },
    code: "card_declined"
  },
  {
    source: codes,
    what: "resource_missing is NotFound, the parameter at fault its path",
    status: 404,
    body: {
      error: {
        type: "invalid_request_error",
        code: "resource_missing",
        message: "No such customer: 'cus_x'",
        param: "customer"
      }
    },
    tag: "NotFound",
    fields: { path: "customer" }
  },
  {
    source: codes,
    what: "parameter_missing is MissingParameter",
    status: 400,
    body: {
      error: {
        type: "invalid_request_error",
        code: "parameter_missing",
        message: "Missing required param: amount.",
        param: "amount"
      }
    },
    tag: "MissingParameter",
    fields: { path: "amount" }
  },
  {
    source: codes,
    what: "a code the table does not name means what its status means, and is kept",
    status: 400,
    body: {
      error: { type: "invalid_request_error", code: "country_unsupported", message: "Not supported in your country." }
    },
    tag: "BadRequest",
    fields: { extensions: { code: "country_unsupported" } },
    code: "country_unsupported"
  },
  {
    source: `${errors}, rate limits`,
    what: "a 429 is RateLimited",
    status: 429,
    body: {
      error: {
        type: "invalid_request_error",
        code: "rate_limit",
        message: "Too many requests hit the API too quickly."
      }
    },
    tag: "RateLimited"
  },
  {
    source: `${errors}, api_error`,
    what: "an api_error with no code is what its status means",
    status: 500,
    body: { error: { type: "api_error", message: "Something went wrong on Stripe's end." } },
    tag: "InternalError",
    code: null
  },
  {
    source: openai,
    what: "insufficient_quota is QuotaExceeded (not retried), whatever its 429",
    status: 429,
    body: {
      error: {
        message: "You exceeded your current quota.",
        type: "insufficient_quota",
        param: null,
        code: "insufficient_quota"
      }
    },
    tag: "QuotaExceeded"
  },
  {
    source: openai,
    what: "invalid_api_key is InvalidToken",
    status: 401,
    body: {
      error: {
        message: "Incorrect API key provided.",
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key"
      }
    },
    tag: "InvalidToken"
  },
  {
    source: anthropic,
    what: "an error with a type and no code (Anthropic's) is what its status means",
    status: 404,
    body: { type: "error", error: { type: "not_found_error", message: "The requested resource could not be found." } },
    tag: "NotFound",
    code: null
  },
  {
    source: `${errors}, every member but the type optional`,
    what: "an error with a type and a code but no message is still Stripe's",
    status: 404,
    body: { error: { type: "invalid_request_error", code: "resource_missing", param: "id" } },
    tag: "NotFound",
    code: "resource_missing"
  }
]

describe("Stripe", () => {
  vendorSuite(Stripe.dialect, vectors, {
    bodies: (
      json
    ) => [{ error: { type: "card_error", code: json, param: json } }, { error: { type: json, message: json } }]
  })
})

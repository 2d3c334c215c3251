/**
 * Stripe's API errors, `{"error": {"type", "code", "message", "param",
 * "decline_code", "doc_url"}}`, which OpenAI's and Anthropic's APIs share:
 * the `code` says what went wrong when there is one, the status otherwise.
 *
 * @since 0.2.0
 */
import { ApiError } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

const stripe = "Stripe docs, 'Error codes'"
const openai = "OpenAI API docs, 'Error codes'"

/**
 * The codes a client acts on; Stripe's others (there are hundreds) mean what
 * their status means, the code kept. A card error is a 402: the payment
 * failed.
 */
const codes = [
  { code: "card_declined", status: 402, class: ApiError.PaymentRequired, source: stripe },
  { code: "expired_card", status: 402, class: ApiError.PaymentRequired, source: stripe },
  { code: "incorrect_cvc", status: 402, class: ApiError.PaymentRequired, source: stripe },
  { code: "incorrect_number", status: 402, class: ApiError.PaymentRequired, source: stripe },
  { code: "insufficient_funds", status: 402, class: ApiError.PaymentRequired, source: stripe },
  { code: "processing_error", status: 402, class: ApiError.PaymentRequired, source: stripe },
  { code: "authentication_required", status: 402, class: ApiError.PaymentRequired, source: stripe },
  { code: "resource_missing", status: 404, class: ApiError.NotFound, source: stripe },
  { code: "parameter_missing", status: 400, class: ApiError.MissingParameter, source: stripe },
  { code: "parameter_invalid_empty", status: 400, class: ApiError.InvalidResource, source: stripe },
  { code: "parameter_invalid_integer", status: 400, class: ApiError.InvalidResource, source: stripe },
  { code: "parameter_invalid_string_empty", status: 400, class: ApiError.InvalidResource, source: stripe },
  { code: "parameter_unknown", status: 400, class: ApiError.InvalidResource, source: stripe },
  { code: "email_invalid", status: 400, class: ApiError.InvalidResource, source: stripe },
  { code: "amount_too_large", status: 400, class: ApiError.OutOfRange, source: stripe },
  { code: "amount_too_small", status: 400, class: ApiError.OutOfRange, source: stripe },
  { code: "api_key_expired", status: 401, class: ApiError.TokenExpired, source: stripe },
  { code: "idempotency_key_in_use", status: 409, class: ApiError.Conflict, source: stripe },
  { code: "rate_limit", status: 429, class: ApiError.RateLimited, source: stripe },
  { code: "invalid_api_key", status: 401, class: ApiError.InvalidToken, source: openai },
  { code: "model_not_found", status: 404, class: ApiError.NotFound, resource: "model", source: openai },
  { code: "rate_limit_exceeded", status: 429, class: ApiError.RateLimited, source: openai },
  { code: "insufficient_quota", status: 403, class: ApiError.QuotaExceeded, source: openai },
  { code: "context_length_exceeded", status: 400, class: ApiError.LimitExceeded, source: openai },
  ...Dialect.genericCodes("snake_case")
] as const

/**
 * The Stripe dialect.
 *
 * - `code` is the code (`card_declined`); a code the table does not name
 *   means what its status means, and is kept (`extensions.code`) and written
 *   back; an error with no code (`api_error`, Anthropic's) is its status's.
 * - `type` (`card_error`, `invalid_request_error`), `decline_code`,
 *   `request_log_url`, `charge` and the rest stay in `extensions`;
 *   `param`, the parameter at fault, is the error's `path`; `doc_url` its
 *   page (`errorUri`); the request id is the `Request-Id` header.
 * - OpenAI's codes (`insufficient_quota`, `context_length_exceeded`) are in
 *   the table: its errors have the same form.
 *
 * @see https://docs.stripe.com/api/errors
 * @see https://docs.stripe.com/error-codes
 * @see https://platform.openai.com/docs/guides/error-codes
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "stripe",
  contentType: "application/json",
  codes,
  unknownCodes: "status",
  shape: {
    code: ["error", "code"],
    message: ["error", "message"],
    path: ["error", "param"],
    errorUri: ["error", "doc_url"],
    requestId: { header: "request-id" }
  },
  // an error object with a type, and a message or a code: what none of the other `{"error": {…}}` forms has
  // (Elasticsearch's has a type and a `reason`, and is weighed first)
  detect: [
    { has: [{ path: ["error", "type"], is: "string" }, { path: ["error", "message"], is: "string" }] },
    { has: [{ path: ["error", "type"], is: "string" }, { path: ["error", "code"], is: "string" }] }
  ]
})

/**
 * Writes an error as Stripe does.
 *
 * @see https://docs.stripe.com/api/errors
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a Stripe (or OpenAI, Anthropic) error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://docs.stripe.com/api/errors
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

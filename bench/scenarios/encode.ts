/**
 * Goal 1, encode: an existing error to status, headers and body text, in
 * every dialect, against a hand-written `JSON.stringify` of the same wire
 * object and a headers object built by hand. Each baseline gives exactly the
 * response the dialect gives (checked before timing).
 */
import { ApiError } from "@faultline/errors"
import { CodeDescription, Envelope, Flat, MessageDescription, Nested, OAuth, Problem } from "@faultline/wire"
import { Duration } from "effect"
import { Acme, CardDeclined, message, requestId } from "../src/Fixtures.ts"
import * as Scenario from "../src/Scenario.ts"

const notFound = new ApiError.NotFound({ message, requestId })
const invalidGrant = new ApiError.InvalidGrant({ message: "Authorization code expired" })
const internal = new ApiError.InternalError({ message: "connect ECONNREFUSED 10.0.0.3:5432" })
const rateLimited = new ApiError.RateLimited({ message: "Rate limit exceeded", retryAfter: Duration.seconds(60) })
const issues = Array.from({ length: 10 }, (_, i) => ({ path: `items.${i}.email`, message: "Invalid email" }))
const validation = new ApiError.ValidationError({ message: "Invalid input data", issues })
const cardDeclined = new CardDeclined({ message: "Your card was declined", declineCode: "insufficient_funds" })

const json = "application/json"

const row = (name: string, subject: () => unknown, baseline: () => unknown) =>
  ({
    name,
    subject: Scenario.op(name, subject),
    baseline: Scenario.op(`${name}: by hand`, baseline),
    max: Scenario.goals.encode,
    same: "exact"
  }) as const

export default Scenario.make({
  goal: 1,
  title: "Encode",
  comparisons: [
    row("Envelope.encode NotFound", () => Envelope.encode(notFound), () => ({
      status: 404,
      headers: { "content-type": json, "x-request-id": notFound.requestId! },
      body: JSON.stringify({
        error: { code: "not_found", message: notFound.message, details: null, request_id: notFound.requestId! }
      })
    })),
    row("Flat.encode NotFound", () => Flat.encode(notFound), () => ({
      status: 404,
      headers: { "content-type": json, "x-request-id": notFound.requestId! },
      body: JSON.stringify({ error: "not_found", error_description: notFound.message })
    })),
    row("Nested.encode NotFound", () => Nested.encode(notFound), () => ({
      status: 404,
      headers: { "content-type": json, "x-request-id": notFound.requestId! },
      body: JSON.stringify({ error: { code: "not_found", status: 404, message: notFound.message } })
    })),
    row("CodeDescription.encode NotFound", () => CodeDescription.encode(notFound), () => ({
      status: 404,
      headers: { "content-type": json, "x-request-id": notFound.requestId! },
      body: JSON.stringify({ code: "NOT_FOUND", description: notFound.message })
    })),
    row("MessageDescription.encode NotFound", () => MessageDescription.encode(notFound), () => ({
      status: 404,
      headers: { "content-type": json, "x-request-id": notFound.requestId! },
      body: JSON.stringify({ message: "404", description: notFound.message })
    })),
    row("OAuth.encode InvalidGrant", () => OAuth.encode(invalidGrant), () => ({
      status: 400,
      headers: { "content-type": json, "cache-control": "no-store", "pragma": "no-cache" },
      body: JSON.stringify({ error: "invalid_grant", error_description: invalidGrant.message })
    })),
    row("Problem.encode NotFound", () => Problem.encode(notFound), () => ({
      status: 404,
      headers: { "content-type": "application/problem+json", "x-request-id": notFound.requestId! },
      body: JSON.stringify({
        type: "about:blank",
        title: "Not Found",
        status: 404,
        detail: notFound.message,
        request_id: notFound.requestId!
      })
    })),
    row("Acme (user-declared).encode NotFound", () => Acme.encode(notFound), () => ({
      status: 404,
      headers: { "content-type": json, "x-request-id": notFound.requestId! },
      body: JSON.stringify({ error: { code: "not_found", message: notFound.message, request_id: notFound.requestId! } })
    })),
    row("Acme (user-declared).encode CardDeclined (a user's class and field)", () => Acme.encode(cardDeclined), () => ({
      status: 402,
      headers: { "content-type": json },
      body: JSON.stringify({
        error: {
          code: "card_declined",
          message: cardDeclined.message,
          param: { decline_code: cardDeclined.declineCode }
        }
      })
    })),
    row("Envelope.encode InternalError (message hidden)", () => Envelope.encode(internal), () => ({
      status: 500,
      headers: { "content-type": json },
      body: JSON.stringify({
        error: {
          code: "internal_error",
          message: ApiError.InternalError.description,
          details: null,
          request_id: null
        }
      })
    })),
    row("Flat.encode RateLimited (Retry-After)", () => Flat.encode(rateLimited), () => ({
      status: 429,
      headers: { "content-type": json, "retry-after": "60", "cache-control": "no-store" },
      body: JSON.stringify({ error: "rate_limit_exceeded", error_description: rateLimited.message, retry_after: 60 })
    })),
    row("Flat.encode ValidationError, 10 issues", () => Flat.encode(validation), () => {
      const details: Record<string, string> = {}
      for (const issue of validation.issues) details[issue.path] = issue.message
      return {
        status: 422,
        headers: { "content-type": json },
        body: JSON.stringify({ error: "validation_error", error_description: validation.message, details })
      }
    })
  ]
})

import { describe } from "@effect/vitest"
import { Shopify } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const source = "Shopify docs, 'REST Admin API response status codes'"

const vectors: ReadonlyArray<VendorVector> = [
  {
    source,
    what: "a sentence in errors is the message of what the status means",
    status: 404,
    body: { errors: "Not Found" },
    tag: "NotFound",
    fields: { message: "Not Found" },
    code: null
  },
  {
    source,
    what: "an invalid token is Unauthorized",
    status: 401,
    body: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" },
    tag: "Unauthorized"
  },
  {
    source,
    what: "a map of fields to messages is a validation error",
    status: 422,
    body: { errors: { title: ["can't be blank"], price: ["must be greater than 0"] } },
    tag: "ValidationError",
    fields: {
      issues: [{ path: "title", message: "can't be blank" }, { path: "price", message: "must be greater than 0" }]
    }
  },
  {
    source: `${source}, 429 (Retry-After: 2.0 is no delay-seconds, RFC 9110 §10.2.3)`,
    what: "a 429 is RateLimited; a fractional Retry-After is not read",
    status: 429,
    headers: { "retry-after": "2.0" },
    body: {
      errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."
    },
    tag: "RateLimited",
    fields: { retryAfter: undefined }
  }
]

describe("Shopify", () => {
  vendorSuite(Shopify.dialect, vectors, { bodies: (json) => [{ errors: json }, { errors: { field: json } }] })
})

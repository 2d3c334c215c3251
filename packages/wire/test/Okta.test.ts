import { describe } from "@effect/vitest"
import { Okta } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const source = "Okta docs, 'Error codes'"

const vectors: ReadonlyArray<VendorVector> = [
  {
    source,
    what: "E0000011 is InvalidToken, its errorId the request id",
    status: 401,
    body: {
      errorCode: "E0000011",
      errorSummary: "Invalid token provided",
      errorLink: "E0000011",
      errorId: "oaeWHbIIv4bQfqYvDsDwV8mEQ",
      errorCauses: []
    },
    tag: "InvalidToken",
    fields: { message: "Invalid token provided", requestId: "oaeWHbIIv4bQfqYvDsDwV8mEQ" },
    code: "E0000011"
  },
  {
    source,
    what: "E0000001 with its causes is a ValidationError",
    status: 400,
    body: {
      errorCode: "E0000001",
      errorSummary: "Api validation failed: login",
      errorLink: "E0000001",
      errorId: "oaeX",
      errorCauses: [{ errorSummary: "login: An object with this field already exists in the current organization" }]
    },
    tag: "ValidationError",
    fields: {
      status: 400,
      issues: [{ path: "", message: "login: An object with this field already exists in the current organization" }]
    }
  },
  {
    source,
    what: "E0000047 is RateLimited",
    status: 429,
    headers: { "retry-after": "60" },
    body: {
      errorCode: "E0000047",
      errorSummary: "API call exceeded rate limit due to too many requests.",
      errorLink: "E0000047",
      errorId: "oaeY",
      errorCauses: []
    },
    tag: "RateLimited",
    fields: { retryAfter: 60 }
  }
]

describe("Okta", () => {
  vendorSuite(Okta.dialect, vectors, { bodies: (json) => [{ errorCode: json, errorSummary: "x", errorCauses: json }] })
})

import { assert, describe, it } from "@effect/vitest"
import { ApiError } from "@faultline/errors"
import { Google } from "@faultline/wire"
import { Duration } from "effect"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const aip = "AIP-193, 'Errors'"
const design = "Google Cloud API design guide, 'Errors'"
const type = (name: string) => `type.googleapis.com/google.rpc.${name}`

const vectors: ReadonlyArray<VendorVector> = [
  {
    source: design,
    what: "NOT_FOUND is NotFound; the numeric code is the status",
    status: 404,
    body: { error: { code: 404, message: "Resource 'projects/p/instances/i' was not found", status: "NOT_FOUND" } },
    tag: "NotFound",
    code: "NOT_FOUND"
  },
  {
    source: `${aip}, ErrorInfo`,
    what: "an API that is not enabled is PERMISSION_DENIED, the ErrorInfo kept in details",
    status: 403,
    body: {
      error: {
        code: 403,
        message: "Cloud Pub/Sub API has not been used in project 123 before or it is disabled.",
        status: "PERMISSION_DENIED",
        details: [{
          "@type": type("ErrorInfo"),
          reason: "API_DISABLED",
          domain: "googleapis.com",
          metadata: { service: "pubsub.googleapis.com" }
        }]
      }
    },
    tag: "Forbidden",
    fields: { details: [{ reason: "API_DISABLED" }] }
  },
  {
    source: `${aip}, RetryInfo`,
    what: "RESOURCE_EXHAUSTED with a RetryInfo is RateLimited, its retryDelay the wait",
    status: 429,
    body: {
      error: {
        code: 429,
        message: "Quota exceeded for quota metric 'Queries'.",
        status: "RESOURCE_EXHAUSTED",
        details: [{ "@type": type("ErrorInfo"), reason: "RATE_LIMIT_EXCEEDED", domain: "googleapis.com" }, {
          "@type": type("RetryInfo"),
          retryDelay: "30s"
        }]
      }
    },
    tag: "RateLimited",
    fields: { retryAfter: 30 }
  },
  {
    source: `${aip}, BadRequest`,
    what: "INVALID_ARGUMENT with field violations is a ValidationError at 400",
    status: 400,
    body: {
      error: {
        code: 400,
        message: "Request contains an invalid argument.",
        status: "INVALID_ARGUMENT",
        details: [{
          "@type": type("BadRequest"),
          fieldViolations: [{ field: "book.title", description: "Title must not be empty", reason: "TITLE_EMPTY" }]
        }]
      }
    },
    tag: "ValidationError",
    fields: { status: 400, issues: [{ path: "book.title", message: "Title must not be empty", check: "TITLE_EMPTY" }] }
  },
  {
    source: design,
    what: "INVALID_ARGUMENT without violations is BadRequest",
    status: 400,
    body: { error: { code: 400, message: "Invalid value at 'page_size'", status: "INVALID_ARGUMENT" } },
    tag: "BadRequest"
  },
  {
    source: `${design} (older APIs: errors, no status)`,
    what: "the older form reads by its status, its errors kept",
    status: 401,
    body: {
      error: {
        code: 401,
        message: "Invalid Credentials",
        errors: [{
          message: "Invalid Credentials",
          domain: "global",
          reason: "authError",
          location: "Authorization",
          locationType: "header"
        }]
      }
    },
    tag: "Unauthorized",
    fields: { extensions: { errors: [{ reason: "authError" }] } }
  },
  {
    source: design,
    what: "UNAVAILABLE is ServiceUnavailable; CANCELLED, with no class, keeps its code",
    status: 503,
    body: { error: { code: 503, message: "The service is currently unavailable.", status: "UNAVAILABLE" } },
    tag: "ServiceUnavailable"
  },
  {
    source: design,
    what: "CANCELLED (499) is an UnknownError that keeps it",
    status: 499,
    body: { error: { code: 499, message: "The operation was cancelled.", status: "CANCELLED" } },
    tag: "UnknownError",
    fields: { code: "CANCELLED", status: 499 }
  }
]

describe("Google", () => {
  vendorSuite(Google.dialect, vectors, {
    bodies: (json) => [
      { error: { code: 400, status: json, details: [json] } },
      { error: { code: json, status: "X", details: [{ "@type": type("RetryInfo"), retryDelay: json }] } },
      { error: { code: 400, status: "X", details: [{ "@type": type("BadRequest"), fieldViolations: json }] } }
    ]
  })

  it(`${aip}: a wait and field violations are written as RetryInfo and BadRequest details`, () => {
    const limited = JSON.parse(Google.encode(new ApiError.RateLimited({ retryAfter: Duration.seconds(30) })).body)
    assert.deepStrictEqual(limited.error.details, [{ "@type": type("RetryInfo"), retryDelay: "30s" }])
    const invalid = Google.encode(
      new ApiError.ValidationError({ status: 400, issues: [{ path: "book.title", message: "Empty" }] })
    )
    assert.strictEqual(invalid.status, 400)
    assert.deepStrictEqual(JSON.parse(invalid.body).error, {
      code: 400,
      message: ApiError.ValidationError.description,
      status: "INVALID_ARGUMENT",
      details: [{ "@type": type("BadRequest"), fieldViolations: [{ field: "book.title", description: "Empty" }] }]
    })
  })
})

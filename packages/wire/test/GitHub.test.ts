import { describe } from "@effect/vitest"
import { GitHub } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const troubleshooting = "GitHub docs, 'Troubleshooting the REST API'"
const limits = "GitHub docs, 'Rate limits for the REST API'"
const docs = "https://docs.github.com/rest"

const vectors: ReadonlyArray<VendorVector> = [
  {
    source: troubleshooting,
    what: "a 404 is NotFound, its page and request id kept; its message names no code",
    status: 404,
    headers: { "x-github-request-id": "CAFE:1234:5678" },
    body: { message: "Not Found", documentation_url: `${docs}/repos/repos#get-a-repository`, status: "404" },
    tag: "NotFound",
    fields: { errorUri: `${docs}/repos/repos#get-a-repository`, requestId: "CAFE:1234:5678" },
    code: null
  },
  {
    source: troubleshooting,
    what: "Bad credentials is Unauthorized",
    status: 401,
    body: { message: "Bad credentials", documentation_url: docs },
    tag: "Unauthorized",
    fields: { message: "Bad credentials" }
  },
  {
    source: `${troubleshooting}, 'Validation failed'`,
    what: "a 422's errors are field issues, the code the check (and the message when there is none)",
    status: 422,
    body: {
      message: "Validation Failed",
      errors: [{ resource: "Issue", field: "title", code: "missing_field" }, {
        resource: "Label",
        field: "name",
        code: "already_exists",
        message: "name is taken"
      }],
      documentation_url: `${docs}/issues/issues#create-an-issue`
    },
    tag: "ValidationError",
    fields: {
      issues: [
        { path: "title", message: "missing_field", check: "missing_field" },
        { path: "name", message: "name is taken", check: "already_exists" }
      ]
    }
  },
  {
    source: `${limits}, 'Exceeding the rate limit'`,
    what: "a 403 with x-ratelimit-remaining: 0 is RateLimited, waiting until the reset",
    status: 403,
    headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "4102444800", "x-ratelimit-limit": "60" },
    body: {
      message: "API rate limit exceeded for 203.0.113.7.",
      documentation_url: `${docs}/overview/rate-limits-for-the-rest-api`
    },
    tag: "RateLimited"
  },
  {
    source: `${limits}, secondary rate limits`,
    what: "a 403 with Retry-After is RateLimited with that wait",
    status: 403,
    headers: { "retry-after": "60" },
    body: { message: "You have exceeded a secondary rate limit.", documentation_url: docs },
    tag: "RateLimited",
    fields: { retryAfter: 60 }
  },
  {
    source: troubleshooting,
    what: "a 403 with requests left is Forbidden",
    status: 403,
    headers: { "x-ratelimit-remaining": "4999" },
    body: { message: "Must have admin rights to Repository.", documentation_url: docs },
    tag: "Forbidden"
  }
]

describe("GitHub", () => {
  vendorSuite(GitHub.dialect, vectors, {
    bodies: (
      json
    ) => [{ message: json, documentation_url: "x", errors: json }, { documentation_url: "x", errors: [json] }]
  })
})

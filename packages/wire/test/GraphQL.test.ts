import { describe } from "@effect/vitest"
import { GraphQL } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const apollo = "Apollo Server docs, 'Error handling'"
const overHttp = "GraphQL over HTTP, 'application/graphql-response+json'"
const github = "GitHub docs, 'Rate limits and node limits for the GraphQL API'"
const shopify = "Shopify docs, 'GraphQL Admin API rate limits'"

const vectors: ReadonlyArray<VendorVector> = [
  {
    source: apollo,
    what: "GRAPHQL_VALIDATION_FAILED is BadRequest; locations are kept",
    status: 400,
    headers: { "content-type": "application/graphql-response+json" },
    body: {
      errors: [{
        message: "Cannot query field \"nme\" on type \"User\".",
        locations: [{ line: 1, column: 9 }],
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" }
      }]
    },
    tag: "BadRequest",
    fields: { extensions: { locations: [{ line: 1, column: 9 }] } },
    code: "GRAPHQL_VALIDATION_FAILED"
  },
  {
    source: apollo,
    what: "UNAUTHENTICATED is Unauthorized",
    status: 401,
    body: { errors: [{ message: "You must be logged in", extensions: { code: "UNAUTHENTICATED" } }], data: null },
    tag: "Unauthorized"
  },
  {
    source: overHttp,
    what: "an error with no code is what the status means",
    status: 400,
    body: { errors: [{ message: "Syntax Error: Unexpected Name \"quer\"." }] },
    tag: "BadRequest",
    code: null
  },
  {
    source: github,
    what: "GitHub's type RATE_LIMITED is RateLimited",
    status: 200,
    body: { errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded for user ID 1." }] },
    tag: "RateLimited",
    code: "RATE_LIMITED"
  },
  {
    source: shopify,
    what: "Shopify's THROTTLED is RateLimited, its cost kept",
    status: 200,
    body: {
      errors: [{
        message: "Throttled",
        extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" }
      }],
      extensions: { cost: { requestedQueryCost: 101 } }
    },
    tag: "RateLimited"
  }
]

describe("GraphQL", () => {
  vendorSuite(GraphQL.dialect, vectors, {
    bodies: (
      json
    ) => [{ errors: [{ message: json, extensions: json }] }, { errors: [{ message: "x", type: json }, json] }]
  })
})

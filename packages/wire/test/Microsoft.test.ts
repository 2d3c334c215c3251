import { describe } from "@effect/vitest"
import { Microsoft } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const graph = "Microsoft Graph docs, 'Error responses'"
const arm = "Azure docs, 'Troubleshoot common Azure deployment errors'"
const guidelines = "Microsoft REST API Guidelines, 'Error condition responses'"

const vectors: ReadonlyArray<VendorVector> = [
  {
    source: graph,
    what: "itemNotFound is NotFound; innerError is kept, the request id read from its header",
    status: 404,
    headers: { "request-id": "d3a4e2c1-0000-4a3b-9f2e-1c2d3e4f5a6b" },
    body: {
      error: {
        code: "itemNotFound",
        message: "The resource could not be found.",
        innerError: { date: "2024-05-22T18:24:01", "request-id": "d3a4e2c1-0000-4a3b-9f2e-1c2d3e4f5a6b" }
      }
    },
    tag: "NotFound",
    fields: {
      requestId: "d3a4e2c1-0000-4a3b-9f2e-1c2d3e4f5a6b",
      extensions: { innerError: { date: "2024-05-22T18:24:01" } }
    },
    code: "itemNotFound"
  },
  {
    source: graph,
    what: "activityLimitReached with Retry-After is RateLimited",
    status: 429,
    headers: { "retry-after": "10" },
    body: { error: { code: "activityLimitReached", message: "The app or user has been throttled." } },
    tag: "RateLimited",
    fields: { retryAfter: 10 }
  },
  {
    source: graph,
    what: "resourceModified is PreconditionFailed",
    status: 412,
    body: { error: { code: "resourceModified", message: "The resource has changed since the caller last read it." } },
    tag: "PreconditionFailed"
  },
  {
    source: arm,
    what: "ResourceGroupNotFound is NotFound of a resource group",
    status: 404,
    headers: { "x-ms-request-id": "7c5a" },
    body: { error: { code: "ResourceGroupNotFound", message: "Resource group 'rg' could not be found." } },
    tag: "NotFound",
    fields: { resource: "resource_group", requestId: "7c5a" }
  },
  {
    source: arm,
    what: "ExpiredAuthenticationToken is TokenExpired",
    status: 401,
    body: {
      error: {
        code: "ExpiredAuthenticationToken",
        message: "The access token expiry UTC time is earlier than current UTC time."
      }
    },
    tag: "TokenExpired"
  },
  {
    source: guidelines,
    what: "a target is the path, details kept; an unknown code means its status, kept",
    status: 400,
    body: {
      error: {
        code: "BadArgument",
        message: "Multiple errors in ContactInfo data",
        target: "ContactInfo",
        details: [{ code: "NullValue", target: "PhoneNumber", message: "Phone number must not be null" }]
      }
    },
    tag: "BadRequest",
    fields: { path: "ContactInfo", details: [{ code: "NullValue" }], extensions: { code: "BadArgument" } },
    code: "BadArgument"
  }
]

describe("Microsoft", () => {
  vendorSuite(Microsoft.dialect, vectors, {
    bodies: (
      json
    ) => [{ error: { code: "x", message: json, target: json, details: json } }, {
      error: { code: "x", message: "y", innerError: json }
    }]
  })
})

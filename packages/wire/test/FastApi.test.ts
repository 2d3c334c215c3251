import { describe } from "@effect/vitest"
import { FastApi } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const fastapi = "FastAPI docs, 'Handling Errors'"
const drf = "Django REST framework docs, 'Exceptions'"

const vectors: ReadonlyArray<VendorVector> = [
  {
    source: fastapi,
    what: "HTTPException's detail is the message of what the status means",
    status: 404,
    body: { detail: "Item not found" },
    tag: "NotFound",
    fields: { message: "Item not found" },
    code: null
  },
  {
    source: `${fastapi}, RequestValidationError (Pydantic v2)`,
    what: "the detail list is the field issues: loc joined, msg, type as the check",
    status: 422,
    body: { detail: [{ type: "missing", loc: ["body", "name"], msg: "Field required", input: { price: 3 } }] },
    tag: "ValidationError",
    fields: { issues: [{ path: "body.name", message: "Field required", check: "missing" }] }
  },
  {
    source: `${fastapi}, RequestValidationError (Pydantic v1)`,
    what: "an item index in loc is a segment",
    status: 422,
    body: {
      detail: [{ loc: ["body", "items", 0, "price"], msg: "value is not a valid float", type: "type_error.float" }]
    },
    tag: "ValidationError",
    fields: {
      issues: [{ path: "body.items.0.price", message: "value is not a valid float", check: "type_error.float" }]
    }
  },
  {
    source: drf,
    what: "NotAuthenticated is Unauthorized",
    status: 401,
    body: { detail: "Authentication credentials were not provided." },
    tag: "Unauthorized"
  },
  {
    source: `${drf}, Throttled`,
    what: "a throttled request is RateLimited, its wait from Retry-After",
    status: 429,
    headers: { "retry-after": "56" },
    body: { detail: "Request was throttled. Expected available in 56 seconds." },
    tag: "RateLimited",
    fields: { retryAfter: 56 }
  }
]

describe("FastApi", () => {
  vendorSuite(FastApi.dialect, vectors, {
    bodies: (json) => [{ detail: json }, { detail: [json] }, { detail: [{ loc: json }] }]
  })
})

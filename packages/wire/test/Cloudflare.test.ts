import { describe } from "@effect/vitest"
import { Cloudflare } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const source = "Cloudflare API docs, 'Cloudflare API' (response envelope)"

const vectors: ReadonlyArray<VendorVector> = [
  {
    source,
    what: "10000, an authentication error, is Unauthorized, the envelope's members kept",
    status: 403,
    body: { success: false, errors: [{ code: 10000, message: "Authentication error" }], messages: [], result: null },
    tag: "Unauthorized",
    fields: { message: "Authentication error", extensions: { messages: [], result: null } },
    code: "10000"
  },
  {
    source,
    what: "7003, an object that could not be routed to, is NotFound",
    status: 404,
    body: {
      success: false,
      errors: [{ code: 7003, message: "Could not route to /zones/x, perhaps your object identifier is invalid?" }],
      messages: [],
      result: null
    },
    tag: "NotFound"
  },
  {
    source,
    what: "a code the table does not name means what its status means, kept",
    status: 400,
    body: { success: false, errors: [{ code: 1004, message: "DNS Validation Error" }], messages: [], result: null },
    tag: "BadRequest",
    fields: { extensions: { code: "1004" } }
  }
]

describe("Cloudflare", () => {
  vendorSuite(Cloudflare.dialect, vectors, {
    bodies: (json) => [{ success: false, errors: json }, { success: false, errors: [json] }]
  })
})

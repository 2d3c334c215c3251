import { assert, describe, it } from "@effect/vitest"
import { ApiError } from "@faultline/errors"
import { Cloudflare } from "@faultline/wire"
import { fieldsOf, vendorSuite, type VendorVector } from "./fixtures.ts"

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

  it("writes success: false beside the errors, a code as the number it is, and reads success as no part of the error", () => {
    const response = Cloudflare.encode(new ApiError.NotFound({ message: "Zone not found" }))
    assert.deepStrictEqual(JSON.parse(response.body), {
      success: false,
      errors: [{ code: 7003, message: "Zone not found" }]
    })
    const error = Cloudflare.decode(response)
    assert.deepStrictEqual([error._tag, fieldsOf(error)["extensions"]], ["NotFound", undefined])
    // a code of the API's own, kept when read, goes back as the number it came as
    const unknown = Cloudflare.decode({
      status: 400,
      body: JSON.stringify({ success: false, errors: [{ code: 1004, message: "DNS Validation Error" }] })
    })
    assert.strictEqual(JSON.parse(Cloudflare.encode(unknown).body).errors[0].code, 1004)
  })

  it("writes an aggregate of one error as that error: its status, its challenge, the aggregate's request id", () => {
    const member = new ApiError.MalformedAuthorization({ message: "Bad header" })
    const response = Cloudflare.encode(new ApiError.MultipleErrors({ errors: [member], requestId: "req_1" }))
    const alone = Cloudflare.encode(new ApiError.MalformedAuthorization({ message: "Bad header", requestId: "req_1" }))
    assert.deepStrictEqual([response.status, response.headers, response.body], [
      alone.status,
      alone.headers,
      alone.body
    ])
    assert.strictEqual(response.status, 401)
    assert.isDefined(response.headers["www-authenticate"])
  })
})

import { assert, describe, it } from "@effect/vitest"
import { ApiError } from "@faultline/errors"
import { Twilio } from "@faultline/wire"
import { Schema } from "effect"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const source = "Twilio docs, 'Twilio's response' (exceptions)"
const dictionary = "Twilio docs, 'Error and Warning Dictionary'"

const vectors: ReadonlyArray<VendorVector> = [
  {
    source,
    what: "20404 is NotFound, more_info its page",
    status: 404,
    body: {
      code: 20404,
      message: "The requested resource /2010-04-01/Accounts/AC1/Calls/CA1.json was not found",
      more_info: "https://www.twilio.com/docs/errors/20404",
      status: 404
    },
    tag: "NotFound",
    fields: { errorUri: "https://www.twilio.com/docs/errors/20404" },
    code: "20404"
  },
  {
    source: dictionary,
    what: "21211, an invalid To number, is InvalidResource",
    status: 400,
    body: {
      code: 21211,
      message: "The 'To' number +1555 is not a valid phone number.",
      more_info: "https://www.twilio.com/docs/errors/21211",
      status: 400
    },
    tag: "InvalidResource",
    fields: { resource: "to" }
  },
  {
    source: dictionary,
    what: "a code the table does not name means what its status means, kept",
    status: 400,
    body: {
      code: 21610,
      message: "Attempt to send to unsubscribed recipient",
      more_info: "https://www.twilio.com/docs/errors/21610",
      status: 400
    },
    tag: "BadRequest",
    fields: { extensions: { code: "21610" } },
    code: "21610"
  }
]

describe("Twilio", () => {
  vendorSuite(Twilio.dialect, vectors, {
    bodies: (json) => [{ code: 1, more_info: json, message: json, status: json }]
  })

  it("writes its codes as the numbers Twilio sends, its own codes too, and says so in its schema", () => {
    assert.deepStrictEqual(JSON.parse(Twilio.encode(new ApiError.NotFound({ message: "No such call" })).body), {
      code: 20404,
      message: "No such call",
      status: 404
    })
    const own = Twilio.decode({
      status: 400,
      body: JSON.stringify({ code: 21610, message: "Attempt to send to unsubscribed recipient", status: 400 })
    })
    assert.strictEqual(JSON.parse(Twilio.encode(own).body).code, 21610)
    // a code read as a string of digits is the same code
    const fromString = Twilio.decode({
      status: 404,
      body: JSON.stringify({ code: "20404", message: "x", status: 404 })
    })
    assert.strictEqual(fromString._tag, "NotFound")
    const schema = Twilio.dialect.schema(ApiError.NotFound)
    const wire = Schema.encodeSync(schema as Schema.Codec<ApiError.NotFound, unknown>)(
      new ApiError.NotFound({ message: "m" })
    )
    assert.strictEqual((wire as { readonly code: unknown }).code, 20404)
  })
})

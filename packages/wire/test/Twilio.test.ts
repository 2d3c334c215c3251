import { describe } from "@effect/vitest"
import { Twilio } from "@faultline/wire"
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
})

import { assert, describe, it } from "@effect/vitest"
import { Detect, Slack } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const web = "Slack docs, 'Web API: evaluating responses'"
const method = "Slack docs, 'chat.postMessage' (errors)"
const limits = "Slack docs, 'Rate limits'"

const vectors: ReadonlyArray<VendorVector> = [
  {
    source: method,
    what: "channel_not_found on a 200 is NotFound of a channel, the 200 kept in the response",
    status: 200,
    body: { ok: false, error: "channel_not_found" },
    tag: "NotFound",
    fields: { resource: "channel", status: 404 },
    code: "channel_not_found"
  },
  {
    source: web,
    what: "invalid_auth is Unauthorized",
    status: 200,
    body: { ok: false, error: "invalid_auth" },
    tag: "Unauthorized"
  },
  {
    source: web,
    what: "missing_scope is InsufficientScope, the needed scope read",
    status: 200,
    body: { ok: false, error: "missing_scope", needed: "chat:write", provided: "identify,bot" },
    tag: "InsufficientScope",
    fields: { scope: ["chat:write"], extensions: { provided: "identify,bot" } }
  },
  {
    source: limits,
    what: "a 429 ratelimited is RateLimited with Retry-After",
    status: 429,
    headers: { "retry-after": "30" },
    body: { ok: false, error: "ratelimited" },
    tag: "RateLimited",
    fields: { retryAfter: 30 }
  },
  {
    source: method,
    what: "a code the table does not name is a 400's BadRequest, the code kept",
    status: 200,
    body: { ok: false, error: "not_in_channel", response_metadata: { messages: ["[ERROR] not in channel"] } },
    tag: "BadRequest",
    fields: { status: 400, extensions: { error: "not_in_channel" } },
    code: "not_in_channel"
  }
]

describe("Slack", () => {
  vendorSuite(Slack.dialect, vectors, { bodies: (json) => [{ ok: false, error: json }, { ok: false, needed: json }] })

  it(`${web}: an ok:false on a 200 is an error; an ok:true is not`, () => {
    assert.strictEqual(
      Detect.decodeIfError({ status: 200, body: `{"ok":false,"error":"invalid_auth"}` })?.error._tag,
      "Unauthorized"
    )
    assert.isUndefined(Detect.decodeIfError({ status: 200, body: `{"ok":true,"channel":"C123"}` }))
  })
})

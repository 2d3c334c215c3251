import { assert, describe, it } from "@effect/vitest"
import { Family } from "@faultline/errors"
import { Detect, OAuth } from "@faultline/wire"
import { Schema } from "effect"
import { isTyped } from "./fixtures.ts"

interface Vector {
  readonly source: string
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
  readonly dialect: string
  readonly code: string | null
  readonly tag: string
}

const json = (value: unknown) => JSON.stringify(value)

const vectors: ReadonlyArray<Vector> = [
  {
    source: "seed 000 (envelope)",
    status: 404,
    body: json({ error: { code: "not_found", message: "App not found", details: null, request_id: "r" } }),
    dialect: "envelope",
    code: "not_found",
    tag: "NotFound"
  },
  {
    source: "seed 003 (a stated status: nested)",
    status: 404,
    body: json({ error: { code: "mvnoAccount", status: 404, message: "MVNO account not found" } }),
    dialect: "nested",
    code: "mvnoAccount",
    tag: "NotFound"
  },
  {
    source: "seed 003 (an aggregate)",
    status: 422,
    body: json({ error: { code: "multiple", status: 422, inner: [{ code: "userId", status: 404, message: "x" }] } }),
    dialect: "nested",
    code: "multiple",
    tag: "MultipleErrors"
  },
  {
    source: "seed 002 (flat: retry_after)",
    status: 429,
    body: json({ error: "rate_limit_exceeded", error_description: "Slow down", retry_after: 60 }),
    dialect: "flat",
    code: "rate_limit_exceeded",
    tag: "RateLimited"
  },
  {
    source: "seed 002 (a code only seed 002 has)",
    status: 404,
    body: json({ error: "user_not_found", error_description: "No such user" }),
    dialect: "flat",
    code: "user_not_found",
    tag: "NotFound"
  },
  {
    source: "RFC 6749 §5.2 (OAuth)",
    status: 400,
    body: json({ error: "invalid_grant", error_description: "Expired" }),
    dialect: "oauth",
    code: "invalid_grant",
    tag: "InvalidGrant"
  },
  {
    source: "GitHub token endpoint (form-encoded OAuth)",
    status: 400,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "error=bad_verification_code&error_description=The+code+passed+is+incorrect",
    dialect: "oauth",
    code: "bad_verification_code",
    tag: "UnknownError"
  },
  {
    source: "seed 004 (code-description)",
    status: 404,
    body: json({ code: "USER_NOT_EXIST", description: "No such user" }),
    dialect: "code-description",
    code: "USER_NOT_EXIST",
    tag: "NotFound"
  },
  {
    source: "seed 001 (message-description)",
    status: 403,
    body: json({ message: "403", description: "Forbidden here" }),
    dialect: "message-description",
    code: "403",
    tag: "Forbidden"
  },
  {
    source: "RFC 9457 §3 (a problem by its members)",
    status: 403,
    body: json({ type: "https://example.com/probs/out-of-credit", title: "You do not have enough credit." }),
    dialect: "problem",
    code: "https://example.com/probs/out-of-credit",
    tag: "UnknownError"
  },
  {
    source: "9457-01: application/problem+json decides, whatever the members",
    status: 404,
    headers: { "content-type": "application/problem+json; charset=utf-8" },
    body: json({ error: "looks_like_oauth" }),
    dialect: "problem",
    code: "about:blank",
    tag: "NotFound"
  },
  {
    source: "RFC 6750 §3 (a challenge decides)",
    status: 401,
    headers: { "www-authenticate": `Bearer realm="api", error="invalid_token"` },
    body: json({ error: { code: "unauthorized", message: "Nope" } }),
    dialect: "bearer",
    code: "invalid_token",
    tag: "InvalidToken"
  },
  {
    source: "seed 002 under a challenge: the body refines it",
    status: 401,
    headers: { "www-authenticate": `Bearer error="invalid_token"` },
    body: json({ error: "token_expired", error_description: "Expired" }),
    dialect: "flat",
    code: "token_expired",
    tag: "TokenExpired"
  },
  {
    source: "RFC 7617 §2 (a Basic challenge alone: its status decides, no Bearer error)",
    status: 401,
    headers: { "www-authenticate": `Basic realm="WallyWorld"` },
    dialect: "none",
    code: null,
    tag: "Unauthorized"
  },
  {
    source: "RFC 7616 §3.3 (a Digest challenge's parameters are no OAuth error)",
    status: 401,
    headers: { "www-authenticate": `Digest realm="api@example.org", qop="auth", nonce="7ypf", error="invalid_token"` },
    dialect: "none",
    code: null,
    tag: "Unauthorized"
  },
  {
    source: "RFC 9110 §11.6.1 (Newauth beside Basic: authentication required)",
    status: 401,
    headers: { "www-authenticate": `Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple"` },
    dialect: "none",
    code: null,
    tag: "Unauthorized"
  },
  {
    source: "RFC 7617 §2 (a Basic challenge on a 403: the body decides)",
    status: 403,
    headers: { "www-authenticate": `Basic realm="api", error="insufficient_scope"` },
    body: json({ error: { code: "forbidden", message: "Admins only", details: null, request_id: "r" } }),
    dialect: "envelope",
    code: "forbidden",
    tag: "Forbidden"
  },
  {
    source: "9110-18: a bare 503",
    status: 503,
    headers: { "retry-after": "5" },
    dialect: "none",
    code: null,
    tag: "ServiceUnavailable"
  },
  {
    source: "nginx's 502 page",
    status: 502,
    headers: { "content-type": "text/html" },
    body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
    dialect: "none",
    code: null,
    tag: "Undecodable"
  },
  {
    source: "JSON of no known shape",
    status: 500,
    body: json({ data: null }),
    dialect: "none",
    code: null,
    tag: "Undecodable"
  }
]

describe("Detect", () => {
  for (const vector of vectors) {
    it(`${vector.source}: ${vector.dialect}, ${vector.tag}`, () => {
      const detection = Detect.decodeAny({ status: vector.status, headers: vector.headers, body: vector.body })
      assert.deepStrictEqual([detection.dialect, detection.code, detection.error._tag], [
        vector.dialect,
        vector.code,
        vector.tag
      ])
      assert.strictEqual(detection.error.response?.status, vector.status)
    })
  }

  it("tries dialects in the order it is given: the first that recognises the body reads it", () => {
    const body = json({ error: "user_not_found", error_description: "No such user" })
    assert.strictEqual(Detect.decodeAny({ status: 404, body }).dialect, "flat")
    const oauthFirst = Detect.make([OAuth.dialect, ...Detect.dialects])
    const detection = oauthFirst.decode({ status: 404, body })
    assert.deepStrictEqual([detection.dialect, detection.error._tag], ["oauth", "UnknownError"])
  })

  it.prop("never throws, and always gives a typed error, whatever the response", {
    text: Schema.String,
    value: Schema.Json,
    status: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 999 }))
  }, ({ status, text, value }) => {
    for (const body of [text, json(value), json({ error: value }), json({ type: value, status: value })]) {
      const detection = Detect.decodeAny({ status, body })
      assert.isTrue(isTyped(detection.error))
      assert.isTrue(Schema.is(Family.Any)(detection.error))
    }
  }, { arbitrary: { runs: 300 } })
})

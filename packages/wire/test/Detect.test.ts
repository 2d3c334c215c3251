import { assert, describe, it } from "@effect/vitest"
import { type ApiError, Family } from "@faultline/errors"
import { Detect, OAuth } from "@faultline/wire"
import { Duration, Schema } from "effect"
import { fieldsOf, isTyped } from "./fixtures.ts"

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

  describe("redirects (issue 11, item 4)", () => {
    const callback = "https://client.example/cb"
    const redirect = (location: string, status = 302) => ({ status, headers: { location } })

    it("6749-02: a 302 whose Location carries an error in its query is that authorization error", () => {
      const detection = Detect.decodeAny(
        redirect(`${callback}?error=access_denied&error_description=The+user+said+no&state=xyz`)
      )
      assert.deepStrictEqual([detection.dialect, detection.code, detection.error._tag, detection.error.message], [
        "oauth-redirect",
        "access_denied",
        "AccessDenied",
        "The user said no"
      ])
      assert.strictEqual(detection.error.response?.status, 302)
    })

    it("6749-03: a 303 whose Location carries an error in its fragment (implicit flow) is that error", () => {
      const detection = Detect.decodeAny(redirect(`${callback}#error=unsupported_response_type&state=xyz`, 303))
      assert.deepStrictEqual([detection.code, detection.error._tag], [
        "unsupported_response_type",
        "UnsupportedResponseType"
      ])
    })

    it("9207-01: the issuer is the response's, left on it for the client to check, not taken as the error's", () => {
      const location = `${callback}?error=login_required&state=xyz&iss=https%3A%2F%2Fas.example`
      const detection = Detect.decodeAny(redirect(location))
      assert.strictEqual(detection.error._tag, "LoginRequired")
      assert.isUndefined(fieldsOf(detection.error)["extensions"])
      assert.strictEqual(detection.error.response?.headers["location"], location)
    })

    it("6749-16: an unknown code in a redirect keeps its code", () => {
      const detection = Detect.decodeAny(redirect(`${callback}?error=vendor_denied&state=s`))
      assert.deepStrictEqual([detection.code, detection.error._tag], ["vendor_denied", "UnknownError"])
    })

    it("RFC 6749 §4.1.2: a redirect with neither a code nor an error is an error, not a success", () => {
      const detection = Detect.decodeIfError(redirect(`${callback}?state=xyz`))
      assert.deepStrictEqual([detection?.dialect, detection?.code, detection?.error._tag], [
        "oauth-redirect",
        null,
        "InternalError"
      ])
      assert.deepStrictEqual(OAuth.decodeRedirect(`${callback}?state=xyz`, { state: "xyz" })._tag, "Failure")
    })

    it("a redirect with a code, and a redirect that is no authorization response, are no errors", () => {
      assert.isUndefined(Detect.decodeIfError(redirect(`${callback}?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz`)))
      assert.isUndefined(Detect.decodeIfError(redirect(`${callback}#access_token=2YotnF&token_type=Bearer&state=x`)))
      assert.isUndefined(Detect.decodeIfError(redirect("/login?next=%2Fsettings")))
    })
  })

  describe("errors on a 2xx", () => {
    it("standards.md §17: an OAuth error sent with a 200 (GitHub's token endpoint) is an error", () => {
      const detection = Detect.decodeIfError({
        status: 200,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired."
      })
      assert.deepStrictEqual([detection?.dialect, detection?.code, detection?.error.status], [
        "oauth",
        "bad_verification_code",
        400
      ])
      assert.strictEqual(detection?.error.response?.status, 200)
    })

    it("a success is no error", () => {
      assert.isUndefined(Detect.decodeIfError({ status: 200, body: json({ access_token: "x", token_type: "Bearer" }) }))
      assert.isUndefined(Detect.decodeIfError({ status: 204 }))
    })

    it("an error status is always an error, whatever the body", () => {
      assert.strictEqual(Detect.decodeIfError({ status: 404 })?.error._tag, "NotFound")
    })
  })

  describe("an empty body is not a failure to read (issue 11, item 5)", () => {
    it("9110-18: a bare 503 with Retry-After is ServiceUnavailable, the wait applied", () => {
      const detection = Detect.decodeAny({ status: 503, headers: { "retry-after": "120", "x-request-id": "r-1" } })
      assert.deepStrictEqual([detection.dialect, detection.code, detection.error._tag], [
        "none",
        null,
        "ServiceUnavailable"
      ])
      assert.strictEqual(Duration.toSeconds(detection.error.retryAfter!), 120)
      assert.strictEqual(detection.error.requestId, "r-1")
    })

    it("9110-18: a CDN's empty 404 is NotFound, and an empty 429 is RateLimited with its wait", () => {
      assert.strictEqual(Detect.decodeAny({ status: 404, body: "" }).error._tag, "NotFound")
      const limited = Detect.decodeAny({ status: 429, headers: { "retry-after": "Sun, 06 Nov 1994 08:49:37 GMT" } }, {
        now: Date.UTC(1994, 10, 6, 8, 49, 7)
      })
      assert.strictEqual(limited.error._tag, "RateLimited")
      assert.strictEqual(Duration.toSeconds(limited.error.retryAfter!), 30)
    })

    it("9110-18: a 401 with only a challenge is Unauthorized, its challenge kept", () => {
      const detection = Detect.decodeAny({ status: 401, headers: { "www-authenticate": `Bearer realm="api"` } })
      assert.strictEqual(detection.error._tag, "Unauthorized")
      assert.deepStrictEqual(fieldsOf(detection.error)["challenges"], [{ scheme: "Bearer", params: { realm: "api" } }])
    })

    it("a body that is present but unreadable is Undecodable, keeping the status and the hints", () => {
      for (
        const [body, reason] of [
          ["<html><body><h1>502 Bad Gateway</h1></body></html>", "NotJson"],
          [`{"error":{"code":"internal_er`, "NotJson"]
        ] as const
      ) {
        const detection = Detect.decodeAny({
          status: 502,
          headers: { "content-type": "text/html", "retry-after": "7", "x-request-id": "edge-9" },
          body
        })
        const error = detection.error as ApiError.Undecodable
        assert.deepStrictEqual([detection.dialect, error._tag, error.status, error.reason], [
          "none",
          "Undecodable",
          502,
          reason
        ])
        assert.strictEqual(Duration.toSeconds(error.retryAfter!), 7)
        assert.strictEqual(error.requestId, "edge-9")
        assert.strictEqual(error.headers["content-type"], "text/html")
        assert.isTrue(error.retryable)
      }
    })
  })

  describe("prose is not a code (issue 11, item 6)", () => {
    const cases = [
      {
        source: "GitHub docs, 'Scopes for OAuth apps' (a sentence in error)",
        status: 403,
        body: { error: "This token doesn't have permission to access this resource" },
        tag: "Forbidden"
      },
      { source: "a proxy's message", status: 401, body: { message: "401 Unauthorized" }, tag: "Unauthorized" },
      { source: "Express's default", status: 404, body: { error: "Not Found" }, tag: "NotFound" }
    ]
    for (const { body, source, status, tag } of cases) {
      it(`${source}: the sentence is the message, the status gives ${tag}, and the code is null`, () => {
        const detection = Detect.decodeAny({ status, body: json(body) })
        assert.deepStrictEqual([detection.code, detection.error._tag, detection.error.message], [
          null,
          tag,
          Object.values(body)[0]
        ])
      })
    }
  })

  describe("a whole body that is a sentence is the message; the status gives the meaning", () => {
    const cases = [
      {
        source: "Go net/http's NotFound handler (http.Error)",
        status: 404,
        headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
        body: "404 page not found\n",
        tag: "NotFound",
        message: "404 page not found"
      },
      {
        source: "Envoy's reset (text/plain), with a Retry-After",
        status: 503,
        headers: { "content-type": "text/plain", "retry-after": "3" },
        body: "upstream connect error or disconnect/reset before headers. reset reason: connection failure",
        tag: "ServiceUnavailable",
        message: "upstream connect error or disconnect/reset before headers. reset reason: connection failure"
      },
      {
        source: "Express's res.sendStatus(429), no media type",
        status: 429,
        headers: {},
        body: "Too Many Requests",
        tag: "RateLimited",
        message: "Too Many Requests"
      },
      {
        source: "a JSON string body",
        status: 500,
        headers: { "content-type": "application/json" },
        body: "\"Internal Server Error\"",
        tag: "InternalError",
        message: "Internal Server Error"
      }
    ]
    for (const { body, headers, message, source, status, tag } of cases) {
      it(`${source}: ${tag}, the text its message, dialect none, code null, the body kept`, () => {
        const detection = Detect.decodeAny({ status, headers, body })
        assert.deepStrictEqual([detection.dialect, detection.code, detection.error._tag, detection.error.message], [
          "none",
          null,
          tag,
          message
        ])
        assert.strictEqual(detection.error.response?.body, body)
        if (headers["retry-after"] !== undefined) assert.strictEqual(Duration.toSeconds(detection.error.retryAfter!), 3)
      })
    }

    it("markup, JSON that is no sentence, another media type and a text over 1 KiB stay Undecodable", () => {
      const unreadable: ReadonlyArray<readonly [string, string]> = [
        ["text/plain", "<html><body>Not Found</body></html>"],
        ["application/json", "null"],
        ["application/json", "42"],
        ["application/octet-stream", "Not Found"],
        ["text/plain", "x".repeat(1025)]
      ]
      for (const [type, body] of unreadable) {
        const detection = Detect.decodeAny({ status: 404, headers: { "content-type": type }, body })
        assert.deepStrictEqual([type, detection.error._tag], [type, "Undecodable"])
      }
      // at the limit, a sentence
      const long = Detect.decodeAny({ status: 404, headers: { "content-type": "text/plain" }, body: "x".repeat(1024) })
      assert.strictEqual(long.error._tag, "NotFound")
    })
  })

  it("a code that only restates the status (its reason phrase) names no more than the status: code null", () => {
    const detection = Detect.decodeAny({ status: 401, body: json({ error: "Unauthorized" }) })
    assert.deepStrictEqual([detection.code, detection.error._tag], [null, "Unauthorized"])
    // a vocabulary that knows the phrase as a code keeps it
    assert.strictEqual(
      Detect.decodeAny({ status: 403, body: json({ error: { code: "forbidden" } }) }).code,
      "forbidden"
    )
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
      const ifError = Detect.decodeIfError({ status, headers: { location: text }, body })
      assert.isTrue(ifError === undefined || Schema.is(Family.Any)(ifError.error))
    }
  }, { arbitrary: { runs: 300 } })
})

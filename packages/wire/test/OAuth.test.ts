import { assert, describe, it } from "@effect/vitest"
import { ApiError, Catalog, Family } from "@faultline/errors"
import { OAuth, WwwAuthenticate } from "@faultline/wire"
import { Schema } from "effect"

const NQSCHAR = /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/
const URI_CHARS = /^[\x21\x23-\x5B\x5D-\x7E]+$/

const json = (value: unknown) => JSON.stringify(value)

interface DecodeVector {
  readonly source: string
  readonly name: string
  readonly status: number
  readonly body: string
  readonly headers?: Readonly<Record<string, string>>
  readonly tag: string
  /** Fields of the decoded error, compared one by one. */
  readonly fields?: Readonly<Record<string, unknown>>
}

const decodeVectors: ReadonlyArray<DecodeVector> = [
  // --- RFC 6749 §5.2 and the seeds
  {
    source: "RFC 6749 §5.2",
    name: "the RFC's example",
    status: 400,
    body: `{\n  "error":"invalid_request"\n}`,
    headers: { "content-type": "application/json;charset=UTF-8", "cache-control": "no-store", "pragma": "no-cache" },
    tag: "InvalidRequest",
    fields: { status: 400 }
  },
  {
    source: "seed 000",
    name: "invalid_grant with a description and a URI",
    status: 400,
    body: json({
      error: "invalid_grant",
      error_description: "The authorization code has expired",
      error_uri: "https://docs.example/errors#invalid_grant"
    }),
    tag: "InvalidGrant",
    fields: { message: "The authorization code has expired", errorUri: "https://docs.example/errors#invalid_grant" }
  },
  {
    source: "seed 000",
    name: "invalid_token at 401",
    status: 401,
    body: json({ error: "invalid_token" }),
    tag: "InvalidToken",
    fields: { status: 401 }
  },
  {
    source: "seed 000",
    name: "server_error at 500",
    status: 500,
    body: json({ error: "server_error", error_description: "Unexpected failure" }),
    tag: "InternalError",
    fields: { status: 500 }
  },
  {
    source: "seed 001",
    name: "unsupported_grant_type",
    status: 400,
    body: json({ error: "unsupported_grant_type" }),
    tag: "UnsupportedGrantType"
  },
  {
    source: "seed 001; RFC 6749 §5.2",
    name: "6749-09: invalid_client at 401 with a Basic challenge",
    status: 401,
    body: json({ error: "invalid_client", error_description: "Client authentication failed" }),
    headers: { "www-authenticate": `Basic realm="oauth"` },
    tag: "InvalidClient",
    fields: { status: 401, challenges: [{ scheme: "Basic", params: { realm: "oauth" } }] }
  },
  {
    source: "RFC 6749 §5.2",
    name: "6749-09: invalid_client at 400",
    status: 400,
    body: json({ error: "invalid_client" }),
    tag: "InvalidClient",
    fields: { status: 400 }
  },
  {
    source: "RFC 6749 §5.2",
    name: "unauthorized_client",
    status: 400,
    body: json({ error: "unauthorized_client" }),
    tag: "UnauthorizedClient"
  },
  {
    source: "RFC 6749 §5.2",
    name: "invalid_scope",
    status: 400,
    body: json({ error: "invalid_scope" }),
    tag: "InvalidScope"
  },
  {
    source: "Keycloak (standards.md 6749-19)",
    name: "invalid_grant sent with 401 is still invalid_grant",
    status: 401,
    body: json({ error: "invalid_grant", error_description: "Invalid user credentials" }),
    tag: "InvalidGrant",
    fields: { message: "Invalid user credentials" }
  },
  {
    source: "Microsoft Entra ID (standards.md 6749-13)",
    name: "6749-13: a description with CR LF, quotes and non-ASCII is kept as it came",
    status: 400,
    body: json({ error: "invalid_grant", error_description: "AADSTS70008: \"expired\".\r\nTrace ID: é" }),
    tag: "InvalidGrant",
    fields: { message: "AADSTS70008: \"expired\".\r\nTrace ID: é" }
  },
  {
    source: "RFC 6749 §5.2, Appendix A.9",
    name: "6749-14: a relative error_uri is kept",
    status: 400,
    body: json({ error: "invalid_request", error_uri: "/docs/errors/invalid_request" }),
    tag: "InvalidRequest",
    fields: { errorUri: "/docs/errors/invalid_request" }
  },
  // --- RFC 7591 §3.2.2
  ...[
    ["invalid_redirect_uri", "InvalidRedirectUri"],
    ["invalid_client_metadata", "InvalidClientMetadata"],
    ["invalid_software_statement", "InvalidSoftwareStatement"],
    ["unapproved_software_statement", "UnapprovedSoftwareStatement"]
  ].map(([code, tag]): DecodeVector => ({
    source: "RFC 7591 §3.2.2",
    name: `7591-02: ${code}`,
    status: 400,
    body: json({ error: code, error_description: "The redirection URI http://sketchy.example.com is not allowed" }),
    tag: tag!,
    fields: { status: 400, message: "The redirection URI http://sketchy.example.com is not allowed" }
  })),
  {
    source: "RFC 7591 §3.2.2",
    name: "7591-03: members the decoder does not know are ignored, and kept",
    status: 400,
    body: `{"error":"invalid_client_metadata","error_description":"The grant type 'authorization_code' must be ` +
      `registered along with the response type 'code'","unknown_member":{"nested":[1,2]},"__proto__":"polluted"}`,
    tag: "InvalidClientMetadata",
    fields: { extensions: JSON.parse(`{"unknown_member":{"nested":[1,2]},"__proto__":"polluted"}`) }
  },
  // --- RFC 8628 §3.5
  {
    source: "RFC 8628 §3.5",
    name: "8628-01: authorization_pending: keep polling",
    status: 400,
    body: json({ error: "authorization_pending" }),
    tag: "AuthorizationPending",
    fields: { retryable: true }
  },
  {
    source: "RFC 8628 §3.5",
    name: "8628-02: slow_down: keep polling, slower",
    status: 400,
    body: json({ error: "slow_down" }),
    tag: "SlowDown",
    fields: { retryable: true }
  },
  {
    source: "RFC 8628 §3.5",
    name: "8628-03: access_denied: stop",
    status: 400,
    body: json({ error: "access_denied" }),
    tag: "AccessDenied",
    fields: { retryable: false, status: 400 }
  },
  {
    source: "RFC 8628 §3.5",
    name: "8628-04: expired_token: the device code expired, stop",
    status: 400,
    body: json({ error: "expired_token" }),
    tag: "DeviceCodeExpired",
    fields: { retryable: false }
  },
  {
    source: "RFC 8628 §3.5",
    name: "8628-05: any other code: stop",
    status: 400,
    body: json({ error: "invalid_grant" }),
    tag: "InvalidGrant",
    fields: { retryable: false }
  },
  {
    source: "RFC 8628 §3.5; RFC 6749 §8.5",
    name: "8628-05: an unknown code: stop",
    status: 400,
    body: json({ error: "device_flow_disabled" }),
    tag: "UnknownError",
    fields: { retryable: false, code: "device_flow_disabled" }
  },
  // --- DPoP, revocation, resource indicators
  {
    source: "RFC 9449 §8",
    name: "9449-05: use_dpop_nonce at 400 exposes the DPoP-Nonce",
    status: 400,
    body: json({ error: "use_dpop_nonce", error_description: "Authorization server requires nonce in DPoP proof" }),
    headers: { "DPoP-Nonce": "eyJ7S_zG.eyJH0-Z.HX4w-7v" },
    tag: "UseDpopNonce",
    fields: { nonce: "eyJ7S_zG.eyJH0-Z.HX4w-7v", retryable: true, status: 400 }
  },
  {
    source: "RFC 9449 §5",
    name: "invalid_dpop_proof at 400",
    status: 400,
    body: json({ error: "invalid_dpop_proof" }),
    tag: "InvalidDpopProof",
    fields: { status: 400 }
  },
  {
    source: "RFC 7009 §2.2.1",
    name: "unsupported_token_type",
    status: 400,
    body: json({ error: "unsupported_token_type" }),
    tag: "UnsupportedTokenType"
  },
  {
    source: "RFC 8707 §2",
    name: "invalid_target",
    status: 400,
    body: json({ error: "invalid_target" }),
    tag: "InvalidTarget"
  },
  // --- open registry (6749-16, 6749-20) and what real servers send
  {
    source: "Auth0 (standards.md 6749-20)",
    name: "6749-16, 6749-20: a vendor code decodes to UnknownError keeping the code and the members",
    status: 403,
    body: json({
      error: "mfa_required",
      error_description: "Multifactor authentication required",
      mfa_token: "Fe26..."
    }),
    tag: "UnknownError",
    fields: {
      code: "mfa_required",
      status: 403,
      message: "Multifactor authentication required",
      extensions: { mfa_token: "Fe26..." }
    }
  },
  {
    source: "GitHub (standards.md §17)",
    name: "an OAuth error with HTTP 200 decodes as an error",
    status: 200,
    body: json({
      error: "bad_verification_code",
      error_description: "The code passed is incorrect or expired.",
      error_uri: "https://docs.github.com/apps/troubleshooting-oauth-apps#bad-verification-code"
    }),
    tag: "UnknownError",
    fields: {
      code: "bad_verification_code",
      message: "The code passed is incorrect or expired.",
      errorUri: "https://docs.github.com/apps/troubleshooting-oauth-apps#bad-verification-code"
    }
  },
  {
    source: "GitHub (standards.md §17)",
    name: "a known code with HTTP 200 decodes to its class",
    status: 200,
    body: json({ error: "authorization_pending" }),
    tag: "AuthorizationPending"
  },
  {
    source: "GitHub",
    name: "a form-encoded body",
    status: 200,
    body: "error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired." +
      "&error_uri=https%3A%2F%2Fdocs.github.com%2Fapps%2Ftroubleshooting-oauth-apps%23bad-verification-code",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    tag: "UnknownError",
    fields: {
      code: "bad_verification_code",
      message: "The code passed is incorrect or expired.",
      errorUri: "https://docs.github.com/apps/troubleshooting-oauth-apps#bad-verification-code"
    }
  },
  {
    source: "GitHub",
    name: "a form-encoded device-flow code decodes to its class",
    status: 200,
    body: "error=slow_down&error_description=Too+many+requests%2C+slow+down&interval=10",
    tag: "SlowDown",
    fields: { message: "Too many requests, slow down", extensions: { interval: "10" } }
  },
  {
    source: "RFC 6749 Appendix B",
    name: "a form-encoded body keeps the first of a repeated parameter",
    status: 400,
    body: "error=invalid_grant&error=invalid_client&error_description=a%20b",
    tag: "InvalidGrant",
    fields: { message: "a b" }
  },
  {
    source: "RFC 9110 §15.5.2",
    name: "9110-18: an empty body is the error its status means, not a failure to read",
    status: 400,
    body: "",
    tag: "InvalidRequest",
    fields: { status: 400 }
  },
  // --- not OAuth
  {
    source: "nginx default error page",
    name: "an HTML page",
    status: 502,
    body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
    tag: "Undecodable",
    fields: { reason: "NotJson", retryable: true }
  },
  {
    source: "RFC 6749 §5.2",
    name: "an error that is a number is that number as a code, not a failure to read",
    status: 400,
    body: json({ error: 5, error_description: "x" }),
    tag: "UnknownError",
    fields: { code: "5", message: "x" }
  },
  {
    source: "RFC 6749 §5.2",
    name: "an array",
    status: 400,
    body: json([{ error: "invalid_grant" }]),
    tag: "Undecodable",
    fields: { reason: "Shape" }
  },
  {
    source: "RFC 6749 §5.2",
    name: "members of the wrong type are ignored",
    status: 400,
    body: json({ error: "invalid_grant", error_description: 42, error_uri: null }),
    tag: "InvalidGrant",
    fields: { message: ApiError.InvalidGrant.description, errorUri: undefined }
  }
]

interface EncodeVector {
  readonly source: string
  readonly name: string
  readonly error: () => ApiError.ApiError
  readonly options?: Parameters<typeof OAuth.encode>[1]
  readonly status: number
  readonly body: unknown
  readonly headers?: Readonly<Record<string, string | undefined>>
}

const encodeVectors: ReadonlyArray<EncodeVector> = [
  {
    source: "RFC 6749 §5.2",
    name: "invalid_grant with its description",
    error: () => new ApiError.InvalidGrant({ message: "The authorization code has expired" }),
    status: 400,
    body: { error: "invalid_grant", error_description: "The authorization code has expired" }
  },
  {
    source: "RFC 6749 §5.2",
    name: "a class's own description is left out",
    error: () => new ApiError.InvalidGrant(),
    status: 400,
    body: { error: "invalid_grant" }
  },
  {
    source: "RFC 6749 §5.2; seed 001",
    name: "6749-09: invalid_client with status 401 answers 401 and a Basic challenge",
    error: () => new ApiError.InvalidClient({ status: 401 }),
    status: 401,
    body: { error: "invalid_client" },
    headers: { "www-authenticate": `Basic realm="oauth"` }
  },
  {
    source: "RFC 6749 §5.2",
    name: "6749-09: invalid_client with status 401 answers in the scheme the client used",
    error: () => new ApiError.InvalidClient({ status: 401, message: "Unknown client" }),
    options: { challenge: { scheme: "Basic", realm: "as.example" } },
    status: 401,
    body: { error: "invalid_client", error_description: "Unknown client" },
    headers: { "www-authenticate": `Basic realm="as.example"` }
  },
  {
    source: "RFC 6749 §5.2",
    name: "6749-09: invalid_client with status 400 (client_secret_post) answers 400 and no challenge",
    error: () => new ApiError.InvalidClient({ status: 400 }),
    status: 400,
    body: { error: "invalid_client" },
    headers: { "www-authenticate": undefined }
  },
  {
    source: "RFC 6749 §5.2, Appendix A.8",
    name: "6749-13: CR LF, quotes, backslashes and non-ASCII in a description are replaced",
    error: () => new ApiError.InvalidGrant({ message: "AADSTS70008: \"expired\"\r\nTrace: C:\\x caf\u00E9 \u2603" }),
    status: 400,
    body: { error: "invalid_grant", error_description: "AADSTS70008: 'expired' Trace: C:/x cafe ?" }
  },
  {
    source: "RFC 6749 Appendix A.8",
    name: "6749-13: a description with nothing printable is left out",
    error: () => new ApiError.InvalidGrant({ message: "\r\n\t " }),
    status: 400,
    body: { error: "invalid_grant" }
  },
  {
    source: "RFC 6749 Appendix A.9",
    name: "6749-14: an error_uri, relative or absolute, without a space",
    error: () => new ApiError.InvalidRequest({ errorUri: "/docs/errors#invalid_request" }),
    status: 400,
    body: { error: "invalid_request", error_uri: "/docs/errors#invalid_request" }
  },
  {
    source: "RFC 6749 Appendix A.9",
    name: "6749-14: an error_uri with a space, a quote or a backslash is left out",
    error: () => new ApiError.InvalidRequest({ errorUri: "https://as.example/my docs" }),
    status: 400,
    body: { error: "invalid_request" }
  },
  {
    source: "RFC 6749 §5.2, §8.5",
    name: "6749-12: an unknown code is sent as it came",
    error: () => new ApiError.UnknownError({ code: "mfa_required", status: 403, message: "MFA required" }),
    status: 403,
    body: { error: "mfa_required", error_description: "MFA required" }
  },
  {
    source: "RFC 6749 Appendix A.7",
    name: "6749-12: an unknown code outside NQSCHAR is made NQSCHAR",
    error: () => new ApiError.UnknownError({ code: "bad\"code\\\u00E9", status: 400 }),
    status: 400,
    body: { error: "bad'code/e" }
  },
  {
    source: "RFC 6749 Appendix A.7",
    name: "6749-12: an empty unknown code goes as the generic code of its status",
    error: () => new ApiError.UnknownError({ code: " ", status: 400 }),
    status: 400,
    body: { error: "invalid_request" }
  },
  {
    source: "RFC 7591 §3.2.2",
    name: "7591-01, 7591-02: a registration error is 400 JSON",
    error: () => new ApiError.InvalidRedirectUri({ message: "The redirection URI is not allowed" }),
    status: 400,
    body: { error: "invalid_redirect_uri", error_description: "The redirection URI is not allowed" },
    headers: { "content-type": "application/json", "cache-control": "no-store", "pragma": "no-cache" }
  },
  {
    source: "RFC 7591 §3.2.2",
    name: "7591-02: invalid_software_statement",
    error: () => new ApiError.InvalidSoftwareStatement(),
    status: 400,
    body: { error: "invalid_software_statement" }
  },
  {
    source: "RFC 7591 §3.2.2",
    name: "7591-02: unapproved_software_statement",
    error: () => new ApiError.UnapprovedSoftwareStatement(),
    status: 400,
    body: { error: "unapproved_software_statement" }
  },
  {
    source: "RFC 9449 §8",
    name: "9449-05: use_dpop_nonce is 400 with the nonce in DPoP-Nonce",
    error: () => new ApiError.UseDpopNonce({ nonce: "eyJ7S_zG.eyJH0-Z.HX4w-7v" }),
    status: 400,
    body: { error: "use_dpop_nonce" },
    headers: { "dpop-nonce": "eyJ7S_zG.eyJH0-Z.HX4w-7v", "cache-control": "no-store" }
  },
  {
    source: "RFC 8628 §3.5",
    name: "slow_down is a 400",
    error: () => new ApiError.SlowDown(),
    status: 400,
    body: { error: "slow_down" }
  },
  {
    source: "RFC 8628 §3.5",
    name: "expired_token names the device code's expiry",
    error: () => new ApiError.DeviceCodeExpired(),
    status: 400,
    body: { error: "expired_token" }
  },
  {
    source: "seed 000; hapi boom",
    name: "a 5xx shows its class's description only: no message leaks",
    error: () => new ApiError.InternalError({ message: "connection refused 10.0.0.3:5432" }),
    status: 500,
    body: { error: "server_error" }
  },
  {
    source: "RFC 6749 §5.2",
    name: "a 404 written with a borrowed code (invalid_request) says what it is",
    error: () => new ApiError.NotFound(),
    status: 404,
    body: { error: "invalid_request", error_description: ApiError.NotFound.description }
  },
  {
    source: "node-oidc-provider",
    name:
      "6585-01: a 429 on an auth route is invalid_request with its own status, explained: the code does not say why",
    error: () => new ApiError.RateLimited(),
    status: 429,
    body: { error: "invalid_request", error_description: ApiError.RateLimited.description },
    headers: { "cache-control": "no-store", "pragma": "no-cache" }
  }
]

/** Lone surrogates cannot travel in a URL: percent-encoding replaces them. */
const wellFormed = (text: string): boolean => {
  try {
    encodeURIComponent(text)
    return true
  } catch {
    return false
  }
}

const redirectCodes = new Set<string>(
  Catalog.entries.filter((entry) => entry.dialect === "oauth" && entry.status === 302).map((entry) => entry.code)
)

const errorOf = (outcome: OAuth.RedirectOutcome) => {
  assert.strictEqual(outcome._tag, "Failure", JSON.stringify(outcome))
  return outcome as Extract<OAuth.RedirectOutcome, { _tag: "Failure" }>
}

describe("OAuth", () => {
  describe("decode", () => {
    for (const vector of decodeVectors) {
      it(`${vector.name} (${vector.source})`, () => {
        const error = OAuth.decode({ status: vector.status, headers: vector.headers ?? {}, body: vector.body })
        assert.strictEqual(error._tag, vector.tag)
        for (const [key, value] of Object.entries(vector.fields ?? {})) {
          assert.deepStrictEqual((error as unknown as Record<string, unknown>)[key], value, key)
        }
        assert.strictEqual(error.response?.status, vector.status)
      })
    }

    it("8628-01..05: the device flow codes decode to classes that say whether to keep polling", () => {
      const cases: ReadonlyArray<readonly [string, string, boolean]> = [
        ["authorization_pending", "AuthorizationPending", true],
        ["slow_down", "SlowDown", true],
        ["access_denied", "AccessDenied", false],
        ["expired_token", "DeviceCodeExpired", false],
        ["invalid_grant", "InvalidGrant", false],
        ["invalid_client", "InvalidClient", false],
        ["vendor_stop", "UnknownError", false]
      ]
      for (const [code, tag, keepPolling] of cases) {
        const error = OAuth.decode({ status: 400, body: json({ error: code }) })
        assert.deepStrictEqual([error._tag, error.retryable], [tag, keepPolling], code)
      }
    })

    it("accepts bytes, a BOM and a Fetch Headers", () => {
      const headers = new Headers({ "DPoP-Nonce": "n1" })
      const body = new TextEncoder().encode(`\uFEFF {"error":"use_dpop_nonce"}`)
      const error = OAuth.decode({ status: 400, headers, body })
      assert.strictEqual(error._tag, "UseDpopNonce")
      assert.strictEqual((error as ApiError.UseDpopNonce).nonce, "n1")
    })

    it("a body over the size limit is Undecodable (TooLarge)", () => {
      const body = json({ error: "invalid_grant", error_description: "x".repeat(2000) })
      const error = OAuth.decode({ status: 400, body }, { maxBytes: 1000 })
      assert.deepStrictEqual([error._tag, (error as ApiError.Undecodable).reason], ["Undecodable", "TooLarge"])
    })

    it.prop(
      "reads a form-encoded body as URLSearchParams does, whatever its escapes",
      { text: Schema.String },
      ({ text }) => {
        for (
          const description of [
            text,
            encodeURIComponent(text.replace(/[\ud800-\udfff]/g, "x")),
            text.replaceAll(" ", "+")
          ]
        ) {
          const body = `error=vendor_error&error_description=${description}&error_description=second`
          const error = OAuth.decode({
            status: 400,
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body
          })
          const expected = new URLSearchParams(body)
          assert.strictEqual((error as ApiError.UnknownError).code, expected.get("error"))
          assert.strictEqual(error.message, expected.get("error_description"))
        }
      },
      { arbitrary: { runs: 200 } }
    )

    it.prop("never throws on arbitrary text, and always gives a typed error", {
      body: Schema.String,
      status: Schema.Int
    }, ({ body, status }) => {
      assert.isTrue(ApiError.isApiError(OAuth.decode({ status, body })))
      assert.isTrue(ApiError.isApiError(OAuth.decode({ status, body: `error=${body}&error_description=${body}` })))
    }, { arbitrary: { runs: 300 } })

    it.prop("never throws on arbitrary JSON, and always gives a typed error", {
      value: Schema.Json,
      status: Schema.Int
    }, ({ value, status }) => {
      assert.isTrue(ApiError.isApiError(OAuth.decode({ status, body: json(value) })))
      assert.isTrue(ApiError.isApiError(OAuth.decode({ status, body: json({ error: "x", extra: value }) })))
    }, { arbitrary: { runs: 200 } })
  })

  describe("encode", () => {
    for (const vector of encodeVectors) {
      it(`${vector.name} (${vector.source})`, () => {
        const encoded = OAuth.encode(vector.error(), vector.options)
        assert.strictEqual(encoded.status, vector.status)
        assert.deepStrictEqual(JSON.parse(encoded.body), vector.body)
        for (const [name, value] of Object.entries(vector.headers ?? {})) {
          assert.strictEqual(encoded.headers[name], value, name)
        }
      })
    }

    it("6749-11: every token-endpoint response carries Cache-Control: no-store and Pragma: no-cache", () => {
      for (const [tag, declared] of Object.entries(Catalog.classes)) {
        if (tag === "MultipleErrors") continue
        for (const status of declared.statuses) {
          const encoded = OAuth.encode(new (declared as unknown as new(input: object) => ApiError.ApiError)({ status }))
          assert.strictEqual(encoded.headers["cache-control"], "no-store", `${tag} ${status}`)
          assert.strictEqual(encoded.headers["pragma"], "no-cache", `${tag} ${status}`)
          assert.strictEqual(encoded.headers["content-type"], "application/json", `${tag} ${status}`)
        }
      }
    })

    it("9110-01: every 401 the OAuth dialect writes carries a challenge", () => {
      for (const [tag, declared] of Object.entries(Catalog.classes)) {
        if (tag === "MultipleErrors") continue
        for (const status of declared.statuses) {
          const encoded = OAuth.encode(new (declared as unknown as new(input: object) => ApiError.ApiError)({ status }))
          if (encoded.status !== 401) continue
          assert.isAtLeast(WwwAuthenticate.parse(encoded.headers["www-authenticate"] ?? "").length, 1, tag)
        }
      }
    })

    it("6749-09: a 401 invalid_client answers in Basic unless told the scheme, and never with an error code", () => {
      const encoded = OAuth.encode(new ApiError.InvalidClient({ status: 401, message: "bad secret" }))
      const [challenge] = WwwAuthenticate.parse(encoded.headers["www-authenticate"]!)
      assert.strictEqual(challenge?.scheme, "Basic")
      // RFC 7617 §2: a Basic challenge has a realm
      assert.isString(challenge?.params["realm"])
    })

    it("9449-05: exactly one DPoP-Nonce field", () => {
      const encoded = OAuth.encode(new ApiError.UseDpopNonce({ nonce: "abc" }))
      assert.deepStrictEqual(Object.keys(encoded.headers).filter((name) => name.toLowerCase() === "dpop-nonce"), [
        "dpop-nonce"
      ])
      assert.isFalse(encoded.headers["dpop-nonce"]!.includes(","))
    })

    it.prop("6749-12, 6749-13: error and error_description are always NQSCHAR, whatever the message", {
      message: Schema.String
    }, ({ message }) => {
      for (
        const error of [
          new ApiError.InvalidGrant({ message }),
          new ApiError.InvalidClient({ message, status: 401 }),
          new ApiError.InvalidClientMetadata({ message }),
          new ApiError.UnknownError({ code: message, status: 400, message })
        ]
      ) {
        const encoded = OAuth.encode(error)
        const body = JSON.parse(encoded.body)
        assert.match(body.error, NQSCHAR)
        if (body.error_description !== undefined) assert.match(body.error_description, NQSCHAR)
        for (const value of Object.values(encoded.headers)) assert.notMatch(value, /[\r\n]/)
      }
    }, { arbitrary: { runs: 200 } })

    it.prop("6749-14: error_uri is sent only when it is URI characters without space, quote or backslash", {
      uri: Schema.String
    }, ({ uri }) => {
      const body = JSON.parse(OAuth.encode(new ApiError.InvalidGrant({ errorUri: uri })).body)
      if (URI_CHARS.test(uri)) assert.strictEqual(body.error_uri, uri)
      else assert.isUndefined(body.error_uri)
    }, { arbitrary: { runs: 200 } })

    it.prop("decode(encode(e)) gives back the class and the status", { error: Family.OAuthToken }, ({ error }) => {
      if (error._tag === "UnknownError") return
      const encoded = OAuth.encode(error)
      const decoded = OAuth.decode(encoded)
      assert.strictEqual(decoded._tag, error._tag, encoded.body)
      assert.strictEqual(decoded.status, encoded.status)
      assert.strictEqual(OAuth.encode(decoded).body, encoded.body, `${error._tag} ${JSON.stringify(error.message)}`)
    }, { arbitrary: { runs: 200 } })

    it("6749-16, 6749-20: an unknown code, and a vendor's extra members, survive decode then encode", () => {
      const response = {
        status: 403,
        body: json({ error: "mfa_required", error_description: "MFA required", mfa_token: "t" })
      }
      const encoded = OAuth.encode(OAuth.decode(response))
      assert.strictEqual(encoded.status, 403)
      // Auth0's mfa_token is what the client needs next: a proxy that re-encodes must not drop it
      assert.deepStrictEqual(JSON.parse(encoded.body), {
        error: "mfa_required",
        error_description: "MFA required",
        mfa_token: "t"
      })
      // with no description, none is made up
      const bare = OAuth.encode(OAuth.decode({ status: 400, body: json({ error: "vendor_code" }) }))
      assert.deepStrictEqual(JSON.parse(bare.body), { error: "vendor_code" })
    })
  })

  describe("encodeRedirect / decodeRedirect", () => {
    const redirectUri = "https://client.example.com/cb"

    interface StateVector {
      readonly name: string
      readonly state: string
    }

    const stateVectors: ReadonlyArray<StateVector> = [
      { name: "the RFC's example", state: "xyz" },
      { name: "& = + space %", state: "a&b=c+d e%f" },
      { name: "percent-escapes that must stay literal", state: "%20%2B%25%zz%" },
      { name: "a fragment and a query inside", state: "#frag?q=1&r=2" },
      { name: "a JSON state", state: json({ returnTo: "/a?b=c&d=e", nonce: "n+/=" }) },
      { name: "non-ASCII", state: "caf\u00E9 \u2603 \uD83D\uDE00" },
      { name: "empty", state: "" }
    ]

    for (const responseMode of ["query", "fragment"] as const) {
      for (const vector of stateVectors) {
        it(`6749-06: state round-trips byte for byte in the ${responseMode}: ${vector.name} (RFC 6749 §4.1.2.1)`, () => {
          const encoded = OAuth.encodeRedirect(new ApiError.AccessDenied(), {
            redirectUri,
            state: vector.state,
            responseMode
          })
          assert.strictEqual(encoded.status, 302)
          const outcome = errorOf(OAuth.decodeRedirect(encoded.headers["location"]!, {
            state: vector.state,
            responseMode
          }))
          assert.strictEqual(outcome.state, vector.state)
          assert.strictEqual(outcome.error._tag, "AccessDenied")
        })
      }
    }

    it.prop("6749-06: any state round-trips byte for byte", { state: Schema.String }, ({ state }) => {
      if (!wellFormed(state)) return
      for (const responseMode of ["query", "fragment"] as const) {
        const encoded = OAuth.encodeRedirect(new ApiError.InvalidScope(), { redirectUri, state, responseMode })
        const outcome = errorOf(OAuth.decodeRedirect(encoded.headers["location"]!, { state, responseMode }))
        assert.strictEqual(outcome.state, state)
      }
    }, { arbitrary: { runs: 300 } })

    it("6749-02: the code flow's error goes in the query, with error_description, error_uri and state", () => {
      const encoded = OAuth.encodeRedirect(
        new ApiError.AccessDenied({ message: "The user denied access", errorUri: "https://as.example/e/denied" }),
        { redirectUri: "https://client.example.com/cb?client_param=1", state: "xyz" }
      )
      assert.strictEqual(encoded.status, 302)
      assert.strictEqual(encoded.headers["cache-control"], "no-store")
      const location = new URL(encoded.headers["location"]!)
      assert.strictEqual(location.hash, "")
      assert.deepStrictEqual(Object.fromEntries(location.searchParams), {
        client_param: "1",
        error: "access_denied",
        error_description: "The user denied access",
        error_uri: "https://as.example/e/denied",
        state: "xyz"
      })
      const outcome = errorOf(OAuth.decodeRedirect(location, { state: "xyz" }))
      assert.strictEqual(outcome.error._tag, "AccessDenied")
      assert.strictEqual(outcome.error.message, "The user denied access")
      assert.strictEqual(outcome.error.errorUri, "https://as.example/e/denied")
    })

    it("6749-03: the implicit flow's error goes in the fragment: a query-only decoder finds neither it nor a result", () => {
      const encoded = OAuth.encodeRedirect(new ApiError.UnsupportedResponseType(), {
        redirectUri,
        state: "xyz",
        responseMode: "fragment"
      })
      const location = encoded.headers["location"]!
      assert.strictEqual(new URL(location).search, "")
      // no error and no code where it looks: a failure to answer, never a success
      const queryOnly = errorOf(OAuth.decodeRedirect(location))
      assert.strictEqual(queryOnly.error._tag, "InternalError")
      // a query-only decoder expecting a state rejects it: the state is not where it looks
      assert.deepStrictEqual(OAuth.decodeRedirect(location, { state: "xyz" }), {
        _tag: "Rejected",
        reason: "StateMismatch"
      })
      const outcome = errorOf(OAuth.decodeRedirect(location, { state: "xyz", responseMode: "fragment" }))
      assert.strictEqual(outcome.error._tag, "UnsupportedResponseType")
    })

    it("OIDC-03: query by default (code flow), fragment when the response mode says so (implicit, hybrid)", () => {
      const error = new ApiError.LoginRequired()
      const query = new URL(OAuth.encodeRedirect(error, { redirectUri }).headers["location"]!)
      const fragment = new URL(
        OAuth.encodeRedirect(error, { redirectUri, responseMode: "fragment" }).headers["location"]!
      )
      assert.deepStrictEqual([query.search, query.hash], ["?error=login_required", ""])
      assert.deepStrictEqual([fragment.search, fragment.hash], ["", "#error=login_required"])
      // the client's own query stays in the query when the error goes in the fragment
      const withQuery = new URL(
        OAuth.encodeRedirect(error, { redirectUri: `${redirectUri}?tenant=a`, responseMode: "fragment" }).headers[
          "location"
        ]!
      )
      assert.deepStrictEqual([withQuery.search, withQuery.hash], ["?tenant=a", "#error=login_required"])
    })

    it("OIDC-05: the OpenID Connect example decodes to the spaced description", () => {
      const outcome = errorOf(OAuth.decodeRedirect(
        "https://client.example.org/cb?error=invalid_request&error_description=Unsupported%20response_type%20value&state=af0ifjsldkj",
        { state: "af0ifjsldkj" }
      ))
      assert.strictEqual(outcome.error._tag, "InvalidRequest")
      assert.strictEqual(outcome.error.message, "Unsupported response_type value")
      assert.strictEqual(outcome.state, "af0ifjsldkj")
    })

    const badRedirectUris: ReadonlyArray<readonly [string, string]> = [
      ["", "empty"],
      ["client.example.com/cb", "not absolute"],
      ["/cb", "relative"],
      ["https://client.example.com/cb#fragment", "with a fragment (RFC 6749 §3.1.2)"],
      ["javascript:alert(document.domain)", "javascript:"],
      ["data:text/html,<script>alert(1)</script>", "data:"],
      ["http://[::1", "unparseable"]
    ]
    for (const [uri, why] of badRedirectUris) {
      it(`6749-01: a bad redirect URI (${why}) gives no 3xx and no Location (RFC 6749 §4.1.2.1)`, () => {
        const encoded = OAuth.encodeRedirect(new ApiError.InvalidRequest({ message: "<b>x</b>" }), {
          redirectUri: uri,
          state: "s"
        })
        assert.strictEqual(encoded.status, 400)
        assert.isUndefined(encoded.headers["location"])
        assert.match(encoded.headers["content-type"]!, /^text\/html/)
        assert.notInclude(encoded.body, "<b>")
      })
    }

    const mismatches: ReadonlyArray<
      readonly [
        string,
        string,
        { readonly state?: string; readonly issuer?: string },
        "StateMismatch" | "IssuerMismatch"
      ]
    > = [
      ["6749-21", `${redirectUri}?error=access_denied&state=other`, { state: "xyz" }, "StateMismatch"],
      ["6749-21", `${redirectUri}?error=access_denied`, { state: "xyz" }, "StateMismatch"],
      ["6749-21", `${redirectUri}?error=access_denied&state=XYZ`, { state: "xyz" }, "StateMismatch"],
      ["6749-21", `${redirectUri}?code=abc&state=other`, { state: "xyz" }, "StateMismatch"],
      [
        "9207-01",
        `${redirectUri}?error=access_denied&state=xyz&iss=https%3A%2F%2Fevil.example`,
        { state: "xyz", issuer: "https://as.example" },
        "IssuerMismatch"
      ],
      ["9207-01", `${redirectUri}?error=access_denied&state=xyz`, {
        state: "xyz",
        issuer: "https://as.example"
      }, "IssuerMismatch"],
      ["9207-01", `${redirectUri}?error=access_denied&iss=https%3A%2F%2Fas.example%2F`, {
        issuer: "https://as.example"
      }, "IssuerMismatch"]
    ]
    for (const [id, location, expected, reason] of mismatches) {
      it(`${id}: ${location.slice(redirectUri.length)} is rejected as ${reason} (RFC 6749 §10.12, RFC 9207 §2.4)`, () => {
        assert.deepStrictEqual(OAuth.decodeRedirect(location, expected), { _tag: "Rejected", reason })
      })
    }

    it("9207-01: every error redirect carries iss when the server has one, and the client checks it", () => {
      for (const responseMode of ["query", "fragment"] as const) {
        const encoded = OAuth.encodeRedirect(new ApiError.ConsentRequired(), {
          redirectUri,
          state: "xyz",
          issuer: "https://as.example/tenant?x=1",
          responseMode
        })
        const location = encoded.headers["location"]!
        const outcome = errorOf(OAuth.decodeRedirect(location, {
          state: "xyz",
          issuer: "https://as.example/tenant?x=1",
          responseMode
        }))
        assert.strictEqual(outcome.issuer, "https://as.example/tenant?x=1")
        assert.strictEqual(outcome.error._tag, "ConsentRequired")
        assert.deepStrictEqual(
          OAuth.decodeRedirect(location, { state: "xyz", issuer: "https://as.example", responseMode }),
          {
            _tag: "Rejected",
            reason: "IssuerMismatch"
          }
        )
      }
    })

    it("a success response keeps its parameters; a response without a state is legal when none was sent", () => {
      assert.deepStrictEqual(
        OAuth.decodeRedirect(`${redirectUri}?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz`, { state: "xyz" }),
        {
          _tag: "Success",
          params: { code: "SplxlOBeZQQYbYS6WxSbIA", state: "xyz" }
        }
      )
      const outcome = errorOf(OAuth.decodeRedirect(`${redirectUri}?error=access_denied`))
      assert.isUndefined(outcome.state)
    })

    it("an unparseable URL is rejected", () => {
      assert.deepStrictEqual(OAuth.decodeRedirect("not a url"), { _tag: "Rejected", reason: "InvalidUrl" })
    })

    const redirectDecodeVectors: ReadonlyArray<readonly [string, string, string]> = [
      ["RFC 6749 §4.1.2.1", "invalid_request", "InvalidRequest"],
      ["RFC 6749 §4.1.2.1", "unauthorized_client", "UnauthorizedClient"],
      ["RFC 6749 §4.1.2.1", "access_denied", "AccessDenied"],
      ["RFC 6749 §4.1.2.1", "unsupported_response_type", "UnsupportedResponseType"],
      ["RFC 6749 §4.1.2.1", "invalid_scope", "InvalidScope"],
      ["RFC 6749 §4.1.2.1", "server_error", "InternalError"],
      ["RFC 6749 §4.1.2.1", "temporarily_unavailable", "ServiceUnavailable"],
      ["seed 001", "forbidden_scope", "ForbiddenScope"],
      ["RFC 8707 §2", "invalid_target", "InvalidTarget"],
      ["OpenID Connect Core 1.0 §3.1.2.6", "interaction_required", "InteractionRequired"],
      ["OpenID Connect Core 1.0 §3.1.2.6", "login_required", "LoginRequired"],
      ["OpenID Connect Core 1.0 §3.1.2.6", "account_selection_required", "AccountSelectionRequired"],
      ["OpenID Connect Core 1.0 §3.1.2.6", "consent_required", "ConsentRequired"],
      ["OpenID Connect Core 1.0 §3.1.2.6", "invalid_request_uri", "InvalidRequestUri"],
      ["OpenID Connect Core 1.0 §3.1.2.6", "invalid_request_object", "InvalidRequestObject"],
      ["OpenID Connect Core 1.0 §3.1.2.6", "request_not_supported", "RequestNotSupported"],
      ["OpenID Connect Core 1.0 §3.1.2.6", "request_uri_not_supported", "RequestUriNotSupported"],
      ["OpenID Connect Core 1.0 §3.1.2.6", "registration_not_supported", "RegistrationNotSupported"],
      [
        "OpenID Connect Unmet Authentication Requirements 1.0",
        "unmet_authentication_requirements",
        "UnmetAuthenticationRequirements"
      ],
      ["RFC 6749 §8.5", "vendor_specific_error", "UnknownError"],
      ["RFC 6749 §4.1.2.1 (not an authorization code)", "invalid_grant", "UnknownError"]
    ]
    for (const [source, code, tag] of redirectDecodeVectors) {
      it(`6749-02: ${code} in a redirect decodes to ${tag} (${source})`, () => {
        for (const responseMode of ["query", "fragment"] as const) {
          const separator = responseMode === "query" ? "?" : "#"
          const outcome = errorOf(OAuth.decodeRedirect(`${redirectUri}${separator}error=${code}&state=s`, {
            state: "s",
            responseMode
          }))
          assert.strictEqual(outcome.error._tag, tag)
          if (tag === "UnknownError") assert.strictEqual((outcome.error as ApiError.UnknownError).code, code)
        }
      })
    }

    it("6749-16: an unknown code in a redirect keeps its code and the extra parameters", () => {
      const outcome = errorOf(OAuth.decodeRedirect(`${redirectUri}?error=vendor_x&session_state=abc&state=s`, {
        state: "s"
      }))
      assert.strictEqual((outcome.error as ApiError.UnknownError).code, "vendor_x")
      assert.deepStrictEqual(outcome.error.extensions, { session_state: "abc" })
    })

    it("6749-16: an unknown code survives decodeRedirect then encodeRedirect", () => {
      const outcome = errorOf(OAuth.decodeRedirect(`${redirectUri}?error=vendor_x&state=s`, { state: "s" }))
      const location = new URL(OAuth.encodeRedirect(outcome.error, { redirectUri, state: "s" }).headers["location"]!)
      assert.deepStrictEqual(Object.fromEntries(location.searchParams), { error: "vendor_x", state: "s" })
    })

    it("6749-04: a redirect carries only an authorization-endpoint code, whatever the class", () => {
      for (const [tag, declared] of Object.entries(Catalog.classes)) {
        if (tag === "MultipleErrors") continue
        const encoded = OAuth.encodeRedirect(new (declared as unknown as new() => ApiError.ApiError)(), { redirectUri })
        const code = new URL(encoded.headers["location"]!).searchParams.get("error")
        assert.isTrue(redirectCodes.has(code!), `${tag} -> ${code}`)
      }
      const sent = (error: ApiError.ApiError) =>
        new URL(OAuth.encodeRedirect(error, { redirectUri }).headers["location"]!).searchParams.get("error")
      assert.deepStrictEqual(
        [
          sent(new ApiError.InternalError()),
          sent(new ApiError.ServiceUnavailable()),
          sent(new ApiError.InvalidGrant()),
          sent(new ApiError.Forbidden())
        ],
        ["server_error", "temporarily_unavailable", "invalid_request", "access_denied"]
      )
    })

    it.prop("6749-13: a redirect's error_description is NQSCHAR, whatever the message", { message: Schema.String }, ({
      message
    }) => {
      const encoded = OAuth.encodeRedirect(new ApiError.AccessDenied({ message }), { redirectUri, state: "s" })
      const description = new URL(encoded.headers["location"]!).searchParams.get("error_description")
      if (description !== null) assert.match(description, NQSCHAR)
      assert.notMatch(encoded.headers["location"]!, /[\r\n]/)
    }, { arbitrary: { runs: 200 } })

    it.prop("decodeRedirect(encodeRedirect(e)) gives back the class, in the query and in the fragment", {
      error: Family.OAuthRedirect
    }, ({ error }) => {
      for (const responseMode of ["query", "fragment"] as const) {
        const encoded = OAuth.encodeRedirect(error, {
          redirectUri,
          state: "s",
          issuer: "https://as.example",
          responseMode
        })
        assert.strictEqual(encoded.status, 302)
        assert.strictEqual(encoded.headers["cache-control"], "no-store")
        const outcome = errorOf(OAuth.decodeRedirect(encoded.headers["location"]!, {
          state: "s",
          issuer: "https://as.example",
          responseMode
        }))
        if (error._tag === "UnknownError") {
          // the code as sent: NQSCHAR (6749-12), else the generic code of its status
          const sent = new URL(encoded.headers["location"]!.replace("#", "?")).searchParams.get("error")!
          assert.match(sent, NQSCHAR)
        } else {
          assert.strictEqual(outcome.error._tag, error._tag)
        }
      }
    }, { arbitrary: { runs: 200 } })

    it("a 5xx's message does not leak into the redirect", () => {
      const location = OAuth.encodeRedirect(new ApiError.InternalError({ message: "db password wrong" }), {
        redirectUri
      }).headers["location"]!
      assert.notInclude(location, "password")
    })
  })
})

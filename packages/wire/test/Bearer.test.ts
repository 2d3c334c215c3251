import { assert, describe, it } from "@effect/vitest"
import { ApiError, Catalog, Challenge } from "@faultline/errors"
import { Bearer, Detect, WwwAuthenticate } from "@faultline/wire"
import { Schema } from "effect"

const NQSCHAR = /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/
const NQCHAR = /^[\x21\x23-\x5B\x5D-\x7E]+$/

/** The challenges of an encoded response, read back. */
const challengesOf = (encoded: { readonly headers: Readonly<Record<string, string>> }) =>
  WwwAuthenticate.parse(encoded.headers["www-authenticate"] ?? "")

/** The OAuth-scheme challenges of an encoded response, read back. */
const oauthChallengesOf = (encoded: { readonly headers: Readonly<Record<string, string>> }) =>
  challengesOf(encoded).filter((challenge) => /^(bearer|dpop)$/i.test(challenge.scheme))

interface DecodeVector {
  readonly source: string
  readonly name: string
  readonly status: number
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string>>>
  readonly tag: string
  /** Fields of the decoded error, compared one by one. */
  readonly fields?: Readonly<Record<string, unknown>>
}

const decodeVectors: ReadonlyArray<DecodeVector> = [
  {
    source: "RFC 6750 §3",
    name: "6750-09: a challenge with no error is authentication required, not invalid_token",
    status: 401,
    headers: { "www-authenticate": `Bearer realm="example"` },
    tag: "Unauthorized",
    fields: { status: 401 }
  },
  {
    source: "RFC 6750 §3",
    name: "6750-07: an expired token is invalid_token at 401",
    status: 401,
    headers: {
      "www-authenticate": `Bearer realm="example", error="invalid_token", error_description="The access token expired"`
    },
    tag: "InvalidToken",
    fields: { status: 401, message: "The access token expired" }
  },
  {
    source: "seed 004",
    name: "6750-06: invalid_request at 400",
    status: 400,
    headers: { "www-authenticate": `Bearer error="invalid_request"` },
    tag: "InvalidRequest",
    fields: { status: 400 }
  },
  {
    source: "seed 004",
    name: "6750-08: insufficient_scope at 403 with the scope needed",
    status: 403,
    headers: { "www-authenticate": `Bearer error="insufficient_scope", scope="read:users  write:users"` },
    tag: "InsufficientScope",
    fields: { status: 403, scope: ["read:users", "write:users"] }
  },
  {
    source: "seed 004",
    name: "seed 004's insufficient_scope with its literal scope",
    status: 403,
    headers: { "www-authenticate": `Bearer error="insufficient_scope", scope="..."` },
    tag: "InsufficientScope",
    fields: { scope: ["..."] }
  },
  {
    source: "RFC 6750 §3.1",
    name: "6750-10: a Bearer challenge on a 400 is still read",
    status: 400,
    headers: { "www-authenticate": `Bearer error="invalid_token", error_description="bad signature"` },
    tag: "InvalidToken",
    fields: { message: "bad signature" }
  },
  {
    source: "RFC 6750 §3",
    name: "error_uri is kept",
    status: 401,
    headers: { "www-authenticate": `Bearer error="invalid_token", error_uri="https://rs.example/errors/token"` },
    tag: "InvalidToken",
    fields: { errorUri: "https://rs.example/errors/token" }
  },
  {
    source: "RFC 9110 §5.6.4; oauth4webapi www_authenticate vectors (adapted)",
    name: "9110-06: a quoted-pair in error_description is unescaped",
    status: 401,
    headers: { "www-authenticate": `Bearer error="invalid_token", error_description="The token was \\"tampered\\""` },
    tag: "InvalidToken",
    fields: { message: `The token was "tampered"` }
  },
  {
    source: "RFC 9110 §11.2; oauth4webapi www_authenticate vectors (adapted)",
    name: "9110-05: `Bearer error=` carries a token68, not an error",
    status: 401,
    headers: { "www-authenticate": "Bearer error=" },
    tag: "Unauthorized"
  },
  {
    source: "RFC 9449 §7.1",
    name: "9449-03: invalid_dpop_proof in a DPoP challenge",
    status: 401,
    headers: {
      "www-authenticate": `DPoP error="invalid_dpop_proof", error_description="Invalid DPoP proof", algs="ES256"`
    },
    tag: "InvalidDpopProof",
    fields: { status: 401, message: "Invalid DPoP proof" }
  },
  {
    source: "RFC 9449 §9",
    name: "9449-03, 9449-07: use_dpop_nonce in a DPoP challenge, with the nonce of DPoP-Nonce",
    status: 401,
    headers: {
      "www-authenticate":
        `DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"`,
      "DPoP-Nonce": "eyJ7S_zG.eyJH0-Z.HX4w-7v"
    },
    tag: "UseDpopNonce",
    fields: { status: 401, nonce: "eyJ7S_zG.eyJH0-Z.HX4w-7v", retryable: true }
  },
  {
    source: "RFC 9449 §7.1",
    name: "9449-03: invalid_token in a DPoP challenge",
    status: 401,
    headers: { "www-authenticate": `DPoP realm="WallyWorld", error="invalid_token", algs="ES256"` },
    tag: "InvalidToken"
  },
  {
    source: "RFC 9449 §7.2",
    name: "9449-04: Bearer and DPoP challenges with no error information are authentication required",
    status: 401,
    headers: { "www-authenticate": `Bearer, DPoP algs="ES256 PS256"` },
    tag: "Unauthorized"
  },
  {
    source: "RFC 9449 §7.2",
    name: "9449-04: the error is read from the challenge of the scheme used, wherever it stands",
    status: 401,
    headers: { "www-authenticate": `Bearer realm="api", DPoP error="invalid_dpop_proof", algs="ES256"` },
    tag: "InvalidDpopProof"
  },
  {
    source: "RFC 9470 §3",
    name: "9470-02, 9470-03: acr_values is exposed as a list",
    status: 401,
    headers: {
      "www-authenticate":
        `Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR"`
    },
    tag: "InsufficientUserAuthentication",
    fields: { acrValues: ["myACR"], message: "A different authentication level is required" }
  },
  {
    source: "RFC 9470 §3",
    name: "9470-02, 9470-03: max_age as a quoted-string is a number",
    status: 401,
    headers: {
      "www-authenticate":
        `Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="5"`
    },
    tag: "InsufficientUserAuthentication",
    fields: { maxAge: 5 }
  },
  {
    source: "RFC 9470 §3",
    name: "9470-02: max_age as a token, with acr_values in order of preference",
    status: 401,
    headers: {
      "www-authenticate": `Bearer error="insufficient_user_authentication", acr_values="urn:gold urn:silver", max_age=0`
    },
    tag: "InsufficientUserAuthentication",
    fields: { acrValues: ["urn:gold", "urn:silver"], maxAge: 0 }
  },
  ...["-5", "1.5", "5s", "", "99999999999999999999"].map((maxAge): DecodeVector => ({
    source: "RFC 9470 §3",
    name: `9470-02: max_age="${maxAge}" is not a non-negative integer and is left out`,
    status: 401,
    headers: {
      "www-authenticate": `Bearer error="insufficient_user_authentication", acr_values="myACR", max_age="${maxAge}"`
    },
    tag: "InsufficientUserAuthentication",
    fields: { acrValues: ["myACR"], maxAge: undefined }
  })),
  {
    source: "RFC 6749 §8.5",
    name: "6749-16: an unknown code keeps its code",
    status: 401,
    headers: { "www-authenticate": `Bearer error="token_bound_elsewhere", error_description="Nope"` },
    tag: "UnknownError",
    fields: { code: "token_bound_elsewhere", status: 401, message: "Nope" }
  },
  {
    source: "RFC 7617 §2",
    name: "a Basic challenge alone is authentication required",
    status: 401,
    headers: { "www-authenticate": `Basic realm="simple"` },
    tag: "Unauthorized"
  },
  {
    source: "RFC 7617 §2, RFC 6750 §3",
    name:
      "a Basic challenge with an error parameter is still authentication required: only Bearer and DPoP carry errors",
    status: 401,
    headers: { "www-authenticate": `Basic realm="simple", error="invalid_token"` },
    tag: "Unauthorized",
    fields: { challenges: [{ scheme: "Basic", params: { realm: "simple", error: "invalid_token" } }] }
  },
  {
    source: "RFC 7616 §3.3",
    name: "a Digest challenge on a 403 is no insufficient_scope",
    status: 403,
    headers: { "www-authenticate": `Digest realm="api", nonce="x", error="insufficient_scope"` },
    tag: "Undecodable"
  },
  {
    source: "Facebook Graph API (standards.md §17)",
    name: "Facebook's bare quoted strings carry no readable error",
    status: 401,
    headers: { "www-authenticate": `OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token."` },
    tag: "Unauthorized"
  },
  {
    source: "RFC 9110 §11.6.1, §5.3",
    name: "9110-02: a field sent on several lines",
    status: 401,
    headers: { "www-authenticate": [`Basic realm="simple"`, `Bearer error="invalid_token"`] },
    tag: "InvalidToken"
  },
  {
    source: "RFC 9110 §11.1",
    name: "the scheme is matched case-insensitively",
    status: 403,
    headers: { "WWW-Authenticate": `bEaReR error="insufficient_scope", scope="admin"` },
    tag: "InsufficientScope",
    fields: { scope: ["admin"] }
  }
]

interface EncodeVector {
  readonly source: string
  readonly name: string
  readonly error: () => ApiError.ApiError
  readonly options?: Bearer.EncodeOptions
  readonly status: number
  readonly challenge: string
  readonly headers?: Readonly<Record<string, string>>
}

const encodeVectors: ReadonlyArray<EncodeVector> = [
  {
    source: "RFC 6750 §3.1",
    name: "6750-09: a request without credentials gets a challenge with no error",
    error: () => new ApiError.Unauthorized(),
    options: { challenge: { realm: "example" } },
    status: 401,
    challenge: `Bearer realm="example"`
  },
  {
    source: "RFC 6750 §3.1",
    name: "6750-09: without a realm, a bare challenge",
    error: () => new ApiError.Unauthorized({ message: "Please log in" }),
    status: 401,
    challenge: "Bearer"
  },
  {
    source: "RFC 9449 §7.2",
    name: "9449-04: no error information on either of the Bearer and DPoP challenges",
    error: () =>
      new ApiError.Unauthorized({
        challenges: [{ scheme: "Bearer", params: {} }, { scheme: "DPoP", params: { algs: "ES256 PS256" } }]
      }),
    status: 401,
    challenge: `Bearer, DPoP algs="ES256 PS256"`
  },
  {
    source: "RFC 6750 §3",
    name: "6750-07: RFC 6750's expired-token example, byte for byte",
    error: () => new ApiError.InvalidToken({ message: "The access token expired" }),
    options: { challenge: { realm: "example" } },
    status: 401,
    challenge: `Bearer realm="example", error="invalid_token", error_description="The access token expired"`
  },
  {
    source: "RFC 6750 §3.1",
    name: "6750-07: a class's own description is not repeated",
    error: () => new ApiError.InvalidToken(),
    status: 401,
    challenge: `Bearer error="invalid_token"`
  },
  {
    source: "RFC 6750 §3.1",
    name: "6750-07: an expired token goes as invalid_token",
    error: () => new ApiError.TokenExpired(),
    status: 401,
    challenge: `Bearer error="invalid_token"`
  },
  {
    source: "RFC 6750 §3.1",
    name: "6750-07: a revoked token goes as invalid_token",
    error: () => new ApiError.TokenRevoked({ message: "revoked by admin" }),
    status: 401,
    challenge: `Bearer error="invalid_token", error_description="revoked by admin"`
  },
  {
    source: "RFC 6750 §3.1; seed 004",
    name: "6750-06: invalid_request is 400",
    error: () => new ApiError.InvalidRequest({ message: "The request carries two access tokens" }),
    status: 400,
    challenge: `Bearer error="invalid_request", error_description="The request carries two access tokens"`
  },
  {
    source: "RFC 6750 §3.1; seed 004",
    name: "6750-08: insufficient_scope is 403 and carries the scope needed",
    error: () => new ApiError.InsufficientScope({ scope: ["read:users", "write:users"] }),
    status: 403,
    challenge: `Bearer error="insufficient_scope", scope="read:users write:users"`
  },
  {
    source: "RFC 6750 §3",
    name: "6750-04: error_uri is sent when it is a URI-reference",
    error: () => new ApiError.InvalidToken({ errorUri: "https://rs.example/errors#token" }),
    status: 401,
    challenge: `Bearer error="invalid_token", error_uri="https://rs.example/errors#token"`
  },
  {
    source: "RFC 6750 §3",
    name: "6750-05: an error_uri with a space or a quote is left out",
    error: () => new ApiError.InvalidToken({ errorUri: "https://rs.example/my errors\"" }),
    status: 401,
    challenge: `Bearer error="invalid_token"`
  },
  {
    source: "RFC 9470 §3",
    name: "9470-02: acr_values and max_age",
    error: () => new ApiError.InsufficientUserAuthentication({ acrValues: ["myACR", "urn:x"], maxAge: 5 }),
    status: 401,
    challenge: `Bearer error="insufficient_user_authentication", acr_values="myACR urn:x", max_age="5"`
  },
  {
    source: "RFC 9449 §9",
    name: "9449-07: a resource server's nonce request is a 401 DPoP challenge with DPoP-Nonce",
    error: () => new ApiError.UseDpopNonce({ nonce: "eyJ7S_zG.eyJH0-Z.HX4w-7v" }),
    options: { challenge: { scheme: "DPoP" } },
    status: 401,
    challenge: `DPoP error="use_dpop_nonce"`,
    headers: { "dpop-nonce": "eyJ7S_zG.eyJH0-Z.HX4w-7v", "cache-control": "no-store" }
  },
  {
    source: "RFC 9449 §9",
    name: "9449-07: use_dpop_nonce only arises from a DPoP request, so its challenge is DPoP by default",
    error: () =>
      new ApiError.UseDpopNonce({
        nonce: "n-0S6_WzA2Mj",
        message: "Resource server requires nonce in DPoP proof"
      }),
    status: 401,
    challenge: `DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"`,
    headers: { "dpop-nonce": "n-0S6_WzA2Mj" }
  },
  {
    source: "RFC 9449 §7.1",
    name: "9449-03: invalid_dpop_proof is a 401 DPoP challenge",
    error: () => new ApiError.InvalidDpopProof(),
    status: 401,
    challenge: `DPoP error="invalid_dpop_proof"`
  },
  {
    source: "RFC 9449 §7.2",
    name: "9449-04: the error goes on the challenge of the scheme the client used",
    error: () =>
      new ApiError.InvalidToken({
        challenges: [{ scheme: "Bearer", params: { realm: "api" } }, {
          scheme: "DPoP",
          params: { realm: "api", algs: "ES256" }
        }]
      }),
    options: { challenge: { scheme: "DPoP" } },
    status: 401,
    challenge: `Bearer realm="api", DPoP realm="api", algs="ES256", error="invalid_token"`
  },
  {
    source: "RFC 9449 §7.2",
    name: "9449-04: with no scheme named, the error goes on the first Bearer or DPoP challenge",
    error: () =>
      new ApiError.InvalidToken({
        challenges: [{ scheme: "Basic", params: { realm: "api" } }, { scheme: "Bearer", params: { realm: "api" } }]
      }),
    status: 401,
    challenge: `Basic realm="api", Bearer realm="api", error="invalid_token"`
  },
  {
    // regression: the error information was dropped and the response read back as authentication required
    source: "RFC 6750 §3",
    name: "6750-04: an error that came with only other schemes' challenges gets a Bearer one carrying it",
    error: () => new ApiError.InvalidToken({ challenges: [{ scheme: "Basic", params: { realm: "legacy" } }] }),
    options: { challenge: { realm: "api" } },
    status: 401,
    challenge: `Basic realm="legacy", Bearer realm="api", error="invalid_token"`
  },
  {
    source: "RFC 6750 §3",
    name: "6750-01: an error no challenge code names still answers with a challenge, and no error information",
    error: () => new ApiError.Forbidden({ message: "not yours" }),
    options: { challenge: { realm: "api" } },
    status: 403,
    challenge: `Bearer realm="api"`
  },
  {
    source: "RFC 6750 §3; RFC 6749 §8.5",
    name: "6749-16: an unknown code is sent as it came",
    error: () => new ApiError.UnknownError({ code: "token_bound_elsewhere", status: 401, message: "Nope" }),
    status: 401,
    challenge: `Bearer error="token_bound_elsewhere", error_description="Nope"`
  },
  {
    source: "RFC 6750 §3.1; hapi boom",
    name: "a 5xx shows no message and no error information",
    error: () => new ApiError.InternalError({ message: "connection refused 10.0.0.3:5432" }),
    status: 500,
    challenge: "Bearer"
  }
]

describe("Bearer", () => {
  describe("decode", () => {
    for (const vector of decodeVectors) {
      it(`${vector.name} (${vector.source})`, () => {
        const error = Bearer.decode({ status: vector.status, headers: vector.headers })
        assert.strictEqual(error._tag, vector.tag)
        for (const [key, value] of Object.entries(vector.fields ?? {})) {
          assert.deepStrictEqual((error as unknown as Record<string, unknown>)[key], value, key)
        }
        assert.strictEqual(error.response?.status, vector.status)
      })
    }

    it("9110-02: two field lines, a Fetch Headers and one combined line decode alike", () => {
      const lines = [`Bearer realm="api"`, `DPoP error="use_dpop_nonce", algs="ES256"`]
      const fetchHeaders = new Headers()
      for (const line of lines) fetchHeaders.append("WWW-Authenticate", line)
      fetchHeaders.set("DPoP-Nonce", "n1")
      const decoded = [
        Bearer.decode({ status: 401, headers: { "www-authenticate": lines, "dpop-nonce": "n1" } }),
        Bearer.decode({ status: 401, headers: fetchHeaders }),
        Bearer.decode({ status: 401, headers: { "www-authenticate": lines.join(", "), "dpop-nonce": "n1" } })
      ]
      for (const error of decoded) {
        assert.strictEqual(error._tag, "UseDpopNonce")
        assert.strictEqual((error as ApiError.UseDpopNonce).nonce, "n1")
        assert.deepStrictEqual((error as ApiError.UseDpopNonce).challenges?.map((c) => c.scheme), ["Bearer", "DPoP"])
      }
    })

    it("6750-02, 9110-11: every challenge is kept on the error, with the auth-params the decoder does not know", () => {
      const error = Bearer.decode({
        status: 401,
        headers: {
          "www-authenticate": `Basic realm="legacy", Bearer realm="api", error="invalid_token", ` +
            `authorization_uri="https://as.example/authorize", claims="{}", ` +
            `resource_metadata="https://rs.example/.well-known/oauth-protected-resource", DPoP algs="ES256 PS256"`
        }
      }) as ApiError.InvalidToken
      assert.strictEqual(error._tag, "InvalidToken")
      assert.deepStrictEqual(error.challenges?.map((challenge) => challenge.scheme), ["Basic", "Bearer", "DPoP"])
      const bearer = error.challenges?.[1]?.params
      assert.strictEqual(bearer?.["authorization_uri"], "https://as.example/authorize")
      assert.strictEqual(bearer?.["claims"], "{}")
      assert.strictEqual(bearer?.["resource_metadata"], "https://rs.example/.well-known/oauth-protected-resource")
      assert.strictEqual(error.challenges?.[2]?.params["algs"], "ES256 PS256")
      assert.strictEqual(error.challenges?.[0]?.params["realm"], "legacy")
    })

    it("9110-01: a response without a WWW-Authenticate field is Undecodable (Shape), keeping the response", () => {
      const error = Bearer.decode({ status: 401, headers: { "content-type": "text/plain" }, body: "nope" })
      assert.strictEqual(error._tag, "Undecodable")
      assert.strictEqual((error as ApiError.Undecodable).reason, "Shape")
      assert.strictEqual((error as ApiError.Undecodable).body, "nope")
    })

    it("6749-16: an unknown code decodes to UnknownError keeping the raw code, never a failure", () => {
      for (const code of ["mfa_required", "invalid_token ", "INVALID_TOKEN", "x\"y"]) {
        const error = Bearer.decode({
          status: 401,
          headers: { "www-authenticate": `Bearer error=${WwwAuthenticate.quote(code)}` }
        })
        assert.strictEqual(error._tag, "UnknownError", code)
        assert.strictEqual((error as ApiError.UnknownError).code, code)
      }
    })

    it("6750-05: a sentence in `error` (hapi's Boom.unauthorized(message, \"Bearer\")) is prose: no code, the status decides, the challenge kept as it came", () => {
      const field = `Bearer error="Missing authentication"`
      const alone = Bearer.decode({ status: 401, headers: { "www-authenticate": field } })
      assert.deepStrictEqual([alone._tag, alone.message], ["Unauthorized", "Missing authentication"])
      assert.deepStrictEqual((alone as ApiError.Unauthorized).challenges, [
        { scheme: "Bearer", params: { error: "Missing authentication" } }
      ])
      // written back, the same field
      assert.strictEqual(Bearer.encode(alone).headers["www-authenticate"], field)
      // with hapi's body beside it, the body's reading stands
      const detection = Detect.decodeAny({
        status: 401,
        headers: { "content-type": "application/json; charset=utf-8", "www-authenticate": field },
        body: JSON.stringify({
          statusCode: 401,
          error: "Unauthorized",
          message: "Missing authentication",
          attributes: { error: "Missing authentication" }
        })
      })
      assert.deepStrictEqual([detection.dialect, detection.code, detection.error._tag, detection.error.message], [
        "boom",
        null,
        "Unauthorized",
        "Missing authentication"
      ])
      // a code with spaces around it is still a code
      const padded = Bearer.decode({ status: 401, headers: { "www-authenticate": `Bearer error=" invalid_token"` } })
      assert.strictEqual(padded._tag, "UnknownError")
    })

    it.prop("never throws, and always gives a typed error, whatever the field", {
      field: Schema.String,
      status: Schema.Int
    }, ({ field, status }) => {
      const error = Bearer.decode({ status, headers: { "www-authenticate": field } })
      assert.isTrue(ApiError.isApiError(error))
      assert.isTrue(Schema.is(Schema.Array(Challenge.Challenge))((error as { challenges?: unknown }).challenges ?? []))
    }, { arbitrary: { runs: 300 } })
  })

  describe("encode", () => {
    for (const vector of encodeVectors) {
      it(`${vector.name} (${vector.source})`, () => {
        const encoded = Bearer.encode(vector.error(), vector.options)
        assert.strictEqual(encoded.status, vector.status)
        assert.strictEqual(encoded.headers["www-authenticate"], vector.challenge)
        for (const [name, value] of Object.entries(vector.headers ?? {})) {
          assert.strictEqual(encoded.headers[name], value, name)
        }
        assert.strictEqual(encoded.body, "")
      })
    }

    it("9110-01, 6750-01: every error of every class answers with at least one challenge; every 401 has one", () => {
      for (const [tag, declared] of Object.entries(Catalog.classes)) {
        if (tag === "MultipleErrors") continue
        for (const status of declared.statuses) {
          const error = new (declared as unknown as new(input: object) => ApiError.ApiError)({ status })
          const encoded = Bearer.encode(error)
          assert.isAtLeast(challengesOf(encoded).length, 1, `${tag} ${status}`)
          assert.notMatch(encoded.headers["www-authenticate"]!, /[\r\n]/)
        }
      }
    })

    it("6750-09: only the classes with a challenge code send error information", () => {
      for (const [tag, declared] of Object.entries(Catalog.classes)) {
        if (tag === "MultipleErrors") continue
        const encoded = Bearer.encode(new (declared as unknown as new() => ApiError.ApiError)())
        const errors = oauthChallengesOf(encoded).filter((challenge) => challenge.params["error"] !== undefined)
        const code = Bearer.codeOf(new (declared as unknown as new() => ApiError.ApiError)())
        assert.strictEqual(errors.length, code === undefined ? 0 : 1, tag)
        if (code !== undefined) assert.strictEqual(errors[0]?.params["error"], code, tag)
      }
    })

    it("6750-03, 6750-04: realm, error, error_description and scope appear at most once per challenge", () => {
      const error = new ApiError.InsufficientScope({
        message: "needs admin",
        scope: ["admin"],
        challenges: [{
          scheme: "Bearer",
          params: { realm: "own", error: "invalid_token", error_description: "stale", scope: "old" }
        }]
      })
      const field = Bearer.encode(error, { challenge: { realm: "configured" } }).headers["www-authenticate"]!
      for (const name of ["realm", "error", "error_description", "scope"]) {
        assert.strictEqual(field.match(new RegExp(`(?:^|[ ,])${name}=`, "g"))?.length, 1, `${name} in ${field}`)
      }
      assert.deepStrictEqual(WwwAuthenticate.parse(field), [{
        scheme: "Bearer",
        params: { realm: "own", error: "insufficient_scope", error_description: "needs admin", scope: "admin" }
      }])
    })

    it("6750-05: values are sanitised to NQSCHAR: no quoted-pair is ever needed", () => {
      const encoded = Bearer.encode(
        new ApiError.InvalidToken({ message: "The token was \"tampered\"\r\nwith \\ and caf\u00E9 \u2603" })
      )
      const field = encoded.headers["www-authenticate"]!
      assert.strictEqual(
        field,
        `Bearer error="invalid_token", error_description="The token was 'tampered' with / and cafe ?"`
      )
      assert.notInclude(field, "\\")
    })

    it.prop("6750-05: error_description in a challenge is always NQSCHAR, whatever the message", {
      message: Schema.String
    }, ({ message }) => {
      for (
        const error of [
          new ApiError.InvalidToken({ message }),
          new ApiError.InsufficientScope({ message, scope: ["a"] }),
          new ApiError.InvalidRequest({ message })
        ]
      ) {
        const encoded = Bearer.encode(error, { body: "json" })
        const field = encoded.headers["www-authenticate"]!
        assert.notMatch(field, /[\r\n\\]/)
        const [challenge] = oauthChallengesOf(encoded)
        const description = challenge?.params["error_description"]
        if (description !== undefined) assert.match(description, NQSCHAR)
        assert.match(challenge?.params["error"] ?? "", NQSCHAR)
        const body = JSON.parse(encoded.body)
        if (body.error_description !== undefined) assert.match(body.error_description, NQSCHAR)
        // the body says what the challenge says
        assert.deepStrictEqual([body.error, body.error_description], [challenge?.params["error"], description])
      }
    }, { arbitrary: { runs: 200 } })

    it("6750-05: scope tokens are NQCHAR, checked when the error is built", () => {
      assert.throws(() => new ApiError.InsufficientScope({ scope: ["has space"] }))
      assert.throws(() => new ApiError.InsufficientScope({ scope: ["has\"quote"] }))
      const field = Bearer.encode(new ApiError.InsufficientScope({ scope: ["a:b", "c/d"] }))
        .headers["www-authenticate"]!
      const scope = WwwAuthenticate.parse(field)[0]?.params["scope"] ?? ""
      for (const token of scope.split(" ")) assert.match(token, NQCHAR)
    })

    it("with body: \"json\", a body that agrees with the challenge", () => {
      const encoded = Bearer.encode(new ApiError.InvalidToken({ message: "The access token expired" }), {
        body: "json"
      })
      assert.strictEqual(encoded.headers["content-type"], "application/json")
      assert.strictEqual(encoded.headers["cache-control"], "no-store")
      assert.deepStrictEqual(JSON.parse(encoded.body), {
        error: "invalid_token",
        error_description: "The access token expired"
      })
      // no body for an error no challenge code names
      assert.strictEqual(Bearer.encode(new ApiError.Unauthorized(), { body: "json" }).body, "")
    })

    it("9449-02: a DPoP challenge lists the algorithms the resource accepts in algs; a Bearer one does not", () => {
      const options = { challenge: { scheme: "DPoP", realm: "api", algs: ["ES256", "PS256", "bad alg\""] } }
      const proof = Bearer.encode(new ApiError.InvalidDpopProof(), options)
      assert.deepStrictEqual(WwwAuthenticate.parse(proof.headers["www-authenticate"]!), [
        { scheme: "DPoP", params: { realm: "api", algs: "ES256 PS256", error: "invalid_dpop_proof" } }
      ])
      const missing = Bearer.encode(new ApiError.Unauthorized(), options)
      assert.deepStrictEqual(WwwAuthenticate.parse(missing.headers["www-authenticate"]!), [
        { scheme: "DPoP", params: { realm: "api", algs: "ES256 PS256" } }
      ])
      const bearer = Bearer.encode(new ApiError.InvalidToken(), {
        challenge: { scheme: "Bearer", realm: "api", algs: ["ES256"] }
      })
      assert.notInclude(bearer.headers["www-authenticate"]!, "algs")
    })

    it("codeOf: the challenge code of each class", () => {
      const cases: ReadonlyArray<readonly [ApiError.ApiError, string | undefined]> = [
        [new ApiError.InvalidToken(), "invalid_token"],
        [new ApiError.TokenExpired(), "invalid_token"],
        [new ApiError.TokenRevoked(), "invalid_token"],
        [new ApiError.InvalidRequest(), "invalid_request"],
        [new ApiError.InsufficientScope(), "insufficient_scope"],
        [new ApiError.InvalidDpopProof(), "invalid_dpop_proof"],
        [new ApiError.UseDpopNonce(), "use_dpop_nonce"],
        [new ApiError.InsufficientUserAuthentication(), "insufficient_user_authentication"],
        [new ApiError.UnknownError({ code: "vendor_code", status: 401 }), "vendor_code"],
        [new ApiError.Unauthorized(), undefined],
        [new ApiError.NotFound(), undefined]
      ]
      for (const [error, code] of cases) assert.strictEqual(Bearer.codeOf(error), code, error._tag)
    })
  })

  describe("round trip", () => {
    const classes = [
      ApiError.InvalidRequest,
      ApiError.InvalidToken,
      ApiError.InsufficientScope,
      ApiError.InvalidDpopProof,
      ApiError.UseDpopNonce,
      ApiError.InsufficientUserAuthentication
    ] as const

    it("decode(encode(e)) gives back the class, the status and the fields the challenge carries", () => {
      const errors: ReadonlyArray<ApiError.ApiError> = [
        new ApiError.InvalidToken({ message: "The access token expired", errorUri: "https://rs.example/e" }),
        new ApiError.InsufficientScope({ scope: ["read", "write"], message: "needs write" }),
        new ApiError.InvalidRequest({ message: "two tokens" }),
        new ApiError.InsufficientUserAuthentication({ acrValues: ["myACR"], maxAge: 5 }),
        new ApiError.UseDpopNonce({ nonce: "abc" }),
        new ApiError.InvalidDpopProof({ message: "jti reused" }),
        new ApiError.Unauthorized()
      ]
      for (const error of errors) {
        const encoded = Bearer.encode(error)
        const decoded = Bearer.decode(encoded)
        assert.strictEqual(decoded._tag, error._tag)
        assert.strictEqual(decoded.status, encoded.status)
        for (const key of ["message", "errorUri", "scope", "acrValues", "maxAge", "nonce"] as const) {
          assert.deepStrictEqual(
            (decoded as unknown as Record<string, unknown>)[key],
            (error as unknown as Record<string, unknown>)[key],
            `${error._tag}.${key}`
          )
        }
      }
    })

    for (const errorClass of classes) {
      it.prop(`a ${errorClass.tag} decodes back to its class`, { error: errorClass }, ({ error }) => {
        const encoded = Bearer.encode(error)
        assert.notMatch(encoded.headers["www-authenticate"]!, /[\r\n]/)
        const decoded = Bearer.decode(encoded)
        assert.strictEqual(decoded._tag, error._tag)
        assert.include(errorClass.statuses as ReadonlyArray<number>, encoded.status)
      }, { arbitrary: { runs: 50 } })
    }
  })
})

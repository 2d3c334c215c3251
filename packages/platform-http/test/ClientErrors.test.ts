import { assert, describe, it } from "@effect/vitest"
import { ApiError, Family } from "@faultline/errors"
import { ClientErrors } from "@faultline/platform-http"
import { CodeDescription, Envelope, Flat, MessageDescription, Nested, OAuth, Problem } from "@faultline/wire"
import { Effect, Result, Schema } from "effect"
import { HttpClient, HttpClientRequest, HttpClientResponse } from "effect/http"

/** A client whose every request gets the given response. */
const serving = (status: number, body: string | Uint8Array | null, headers: Record<string, string> = {}) =>
  HttpClient.make((request) =>
    Effect.succeed(
      HttpClientResponse.fromWeb(
        request,
        new Response(body as ConstructorParameters<typeof Response>[0], { status, headers })
      )
    )
  )

const failureOf = <E>(effect: Effect.Effect<unknown, E>) =>
  Effect.map(Effect.result(effect), (result) => {
    assert.isTrue(Result.isFailure(result), "expected a failure")
    return (result as Result.Failure<unknown, E>).failure
  })

const get = (client: HttpClient.HttpClient.With<any, never>) =>
  client.execute(HttpClientRequest.get("http://api.test/x"))

const json = { "content-type": "application/json" }

describe("ClientErrors", () => {
  it.effect("decodes an error response with the configured dialect", () =>
    Effect.gen(function*() {
      const body = JSON.stringify({
        error: { code: "not_found", message: "App not found", details: null, request_id: "4c9b58ff" }
      })
      const error = yield* failureOf(
        get(serving(404, body, json).pipe(ClientErrors.decode({ dialect: Envelope.dialect })))
      )
      assert.strictEqual(error._tag, "NotFound")
      assert.deepStrictEqual([error.message, error.requestId], ["App not found", "4c9b58ff"])
      assert.strictEqual(error.response?.status, 404)
      assert.strictEqual(error.response?.body, body)
    }))

  it.effect("detects the dialect when none is configured", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [string, Record<string, string>, number, string]> = [
        [JSON.stringify({ error: "user_not_found", error_description: "x", details: {} }), json, 404, "NotFound"],
        [JSON.stringify({ code: "LIMIT_EXCEEDED", description: "x" }), json, 403, "QuotaExceeded"],
        [JSON.stringify({ error: { code: "userId", status: 404, message: "User not found" } }), json, 404, "NotFound"],
        [
          JSON.stringify({ type: "about:blank", status: 409 }),
          { "content-type": "application/problem+json" },
          409,
          "Conflict"
        ],
        [JSON.stringify({ error: "invalid_grant" }), json, 400, "InvalidGrant"],
        [JSON.stringify({ message: "429", description: "slow" }), json, 429, "RateLimited"]
      ]
      for (const [body, headers, status, tag] of cases) {
        const error = yield* failureOf(get(serving(status, body, headers).pipe(ClientErrors.decode())))
        assert.strictEqual(error._tag, tag, body)
      }
    }))

  it.effect("keeps a request id from X-Request-ID when the body has no slot (seed 002)", () =>
    Effect.gen(function*() {
      const client = serving(403, JSON.stringify({ error: "forbidden", error_description: "no" }), {
        ...json,
        "x-request-id": "req_abc123xyz"
      })
      const error = yield* failureOf(get(client.pipe(ClientErrors.decode({ dialect: Flat.dialect }))))
      assert.strictEqual(error.requestId, "req_abc123xyz")
    }))

  const unreadable: ReadonlyArray<readonly [string, string | null, Record<string, string>, string]> = [
    ["a gateway's HTML", "<html><body>502 Bad Gateway</body></html>", { "content-type": "text/html" }, "NotJson"],
    ["plain text", "upstream connect error", { "content-type": "text/plain" }, "NotJson"],
    ["truncated JSON", "{\"error\":{\"code\":\"not_fo", json, "NotJson"]
  ]
  it.effect("9110-18: reads an empty 502 as an error of that status that keeps it, retryable", () =>
    Effect.gen(function*() {
      const error = yield* failureOf(
        get(serving(502, null, {}).pipe(ClientErrors.decode({ dialect: Envelope.dialect })))
      )
      // the envelope has no code for a bad gateway: the error keeps the status, and its retry follows it
      assert.strictEqual(error._tag, "UnknownError")
      assert.deepStrictEqual([error.status, (error as ApiError.UnknownError).code, error.retryable], [502, "", true])
      const notFound = yield* failureOf(
        get(serving(404, null, {}).pipe(ClientErrors.decode({ dialect: Envelope.dialect })))
      )
      assert.strictEqual(notFound._tag, "NotFound")
    }))

  for (const [what, body, headers, reason] of unreadable) {
    it.effect(`keeps ${what} as Undecodable with status, headers and text`, () =>
      Effect.gen(function*() {
        const error = yield* failureOf(
          get(serving(502, body, headers).pipe(ClientErrors.decode({ dialect: Envelope.dialect })))
        )
        assert.strictEqual(error._tag, "Undecodable")
        const undecodable = error as ApiError.Undecodable
        assert.deepStrictEqual([undecodable.status, undecodable.reason, undecodable.body], [502, reason, body ?? ""])
        assert.isTrue(undecodable.retryable)
      }))
  }

  it.effect("does not read a body whose declared length is over the limit", () =>
    Effect.gen(function*() {
      const client = HttpClient.make((request) =>
        Effect.succeed(
          HttpClientResponse.fromWeb(
            request,
            new Response("{}", { status: 500, headers: { "content-length": "99999999" } })
          )
        )
      )
      const error = yield* failureOf(
        get(client.pipe(ClientErrors.decode({ dialect: Envelope.dialect, maxBytes: 1024 })))
      )
      assert.strictEqual((error as ApiError.Undecodable).reason, "TooLarge")
    }))

  it.effect("an OAuth error sent with 200 is an error when the dialect is OAuth, and only then", () =>
    Effect.gen(function*() {
      const body = JSON.stringify({ error: "bad_verification_code", error_description: "The code passed is incorrect" })
      const error = yield* failureOf(
        get(serving(200, body, json).pipe(ClientErrors.decode({ dialect: OAuth.dialect })))
      )
      assert.deepStrictEqual([error._tag, (error as ApiError.UnknownError).code], [
        "UnknownError",
        "bad_verification_code"
      ])
      const form = yield* failureOf(
        get(
          serving(200, "error=bad_verification_code&error_description=x", {}).pipe(
            ClientErrors.decode({ dialect: OAuth.dialect })
          )
        )
      )
      assert.strictEqual((form as ApiError.UnknownError).code, "bad_verification_code")
      const success = yield* get(
        serving(200, JSON.stringify({ access_token: "t" }), json).pipe(ClientErrors.decode({ dialect: OAuth.dialect }))
      )
      assert.strictEqual(success.status, 200)
      const notOAuth = yield* get(serving(200, body, json).pipe(ClientErrors.decode({ dialect: Flat.dialect })))
      assert.strictEqual(notOAuth.status, 200)
    }))

  it.effect("a challenge's error decides; a body that refines it is kept (6750-07)", () =>
    Effect.gen(function*() {
      const challenge = { ...json, "www-authenticate": "Bearer realm=\"api\", error=\"invalid_token\"" }
      const refined = yield* failureOf(
        get(
          serving(401, JSON.stringify({ error: "token_expired", error_description: "Expired" }), challenge).pipe(
            ClientErrors.decode({ dialect: Flat.dialect })
          )
        )
      )
      assert.strictEqual(refined._tag, "TokenExpired")
      const generic = yield* failureOf(
        get(
          serving(401, JSON.stringify({ error: "unauthorized", error_description: "No" }), challenge).pipe(
            ClientErrors.decode({ dialect: Flat.dialect })
          )
        )
      )
      assert.deepStrictEqual([generic._tag, generic.message], ["InvalidToken", "No"])
    }))

  describe("every dialect, through the client", () => {
    const dialects = [
      OAuth.dialect,
      Envelope.dialect,
      Flat.dialect,
      MessageDescription.dialect,
      Nested.dialect,
      CodeDescription.dialect,
      Problem.dialect
    ] as const
    const codec = Schema.toCodecJson(Family.Any)
    const asJson = (error: unknown) => JSON.stringify(Schema.encodeSync(codec)(error as Family.Any))

    for (const dialect of dialects) {
      it.effect.prop(
        `${dialect.name}: an encoded error served as a response decodes back to an equal error`,
        { error: Family.Any },
        ({ error }) =>
          Effect.gen(function*() {
            // the errors the dialect can express are those its decoder gives
            const expressible = dialect.decode(dialect.encode(error as ApiError.ApiError, { debug: {} }))
            const encoded = dialect.encode(expressible as ApiError.ApiError, { debug: {} })
            const client = serving(
              encoded.status,
              encoded.body.length === 0 ? null : encoded.body,
              encoded.headers as Record<string, string>
            )
            const decoded = yield* failureOf(get(client.pipe(ClientErrors.decode({ dialect: dialect as any }))))
            assert.strictEqual(asJson(decoded), asJson(expressible))
          }),
        { arbitrary: { runs: 100 } }
      )
    }
  })
})

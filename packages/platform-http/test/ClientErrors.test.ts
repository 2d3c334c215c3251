import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { ApiError, Family } from "@faultline/errors"
import { ClientErrors } from "@faultline/platform-http"
import {
  CodeDescription,
  Detect,
  Dialect,
  Envelope,
  Flat,
  MessageDescription,
  Nested,
  OAuth,
  Problem
} from "@faultline/wire"
import { Effect, Result, Schema, Stream } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest, HttpClientResponse } from "effect/http"
import * as http from "node:http"
import * as zlib from "node:zlib"

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

/** A client whose every request gets a response with this status and body, as it streams. */
const respondingWith = (
  status: number,
  body: ReadableStream<Uint8Array> | Uint8Array | string,
  headers: Record<string, string> = {}
) =>
  HttpClient.make((request) =>
    Effect.succeed(
      HttpClientResponse.fromWeb(
        request,
        new Response(body as ConstructorParameters<typeof Response>[0], { status, headers })
      )
    )
  )

const chunkSize = 16_384

const chunkOf = (text: string) =>
  new TextEncoder().encode(text.repeat(Math.ceil(chunkSize / text.length))).subarray(
    0,
    chunkSize
  )

/**
 * A body that never ends, made of the chunks `next` gives, handed out as the
 * reader pulls them: `pulled` is the bytes read, `cancelled` whether the
 * reader let go of the rest.
 */
const endless = (next: () => Uint8Array) => {
  const state = { pulled: 0, cancelled: false }
  const body = new ReadableStream<Uint8Array>({
    pull: (controller) => {
      const chunk = next()
      state.pulled += chunk.byteLength
      controller.enqueue(chunk)
    },
    cancel: () => {
      state.cancelled = true
    }
  }, { highWaterMark: 0 })
  return { body, state }
}

/**
 * A gzip stream of zeros that never ends: a gzip header (RFC 1952 §2.3), then
 * the same deflate segment over and over — 64 KiB of zeros compressed with a
 * full flush, so that each segment stands alone and none is the last block.
 */
const gzipBomb = () => {
  const header = new Uint8Array([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03])
  const segment = new Uint8Array(
    zlib.deflateRawSync(new Uint8Array(65_536), { finishFlush: zlib.constants.Z_FULL_FLUSH })
  )
  let started = false
  return endless(() => {
    if (started) return segment
    started = true
    return header
  })
}

/** A body sent in small pieces, with no length: read through the streaming path. */
const chunked = (text: string) => {
  const bytes = new TextEncoder().encode(text)
  let at = 0
  return new ReadableStream<Uint8Array>({
    pull: (controller) => {
      if (at >= bytes.byteLength) return controller.close()
      controller.enqueue(bytes.subarray(at, at + 8))
      at += 8
    }
  })
}

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

  describe("statuses and bodies", () => {
    /** A response no Fetch `Response` can hold: any status, no body. */
    const withStatus = (status: number) =>
      HttpClient.make((request) =>
        Effect.succeed(
          HttpClientResponse.fromWeb(request, {
            status,
            url: "",
            headers: new Headers(),
            body: null,
            arrayBuffer: () => Promise.resolve(new ArrayBuffer(0))
          } as unknown as Response)
        )
      )

    it.effect("9110-17: a status outside 100–599 is an error, read as a server error and retried as one", () =>
      Effect.gen(function*() {
        for (const status of [0, 42, 99, 600, 999]) {
          const error = (yield* failureOf(
            get(withStatus(status).pipe(ClientErrors.decode({ dialect: Envelope.dialect })))
          )) as ApiError.ApiError
          assert.deepStrictEqual([error._tag, error.status, error.response?.status, error.retryable], [
            "InternalError",
            500,
            status,
            true
          ])
        }
      }))

    it.effect("9110-17: an unrecognised status of a class is read as that class's x00: 471 is not retried, 598 is", () =>
      Effect.gen(function*() {
        const clientError = yield* failureOf(get(serving(471, null).pipe(ClientErrors.decode())))
        assert.deepStrictEqual(
          [clientError._tag, clientError.status, clientError.response?.status, clientError.retryable],
          ["BadRequest", 400, 471, false]
        )
        const serverError = yield* failureOf(get(serving(598, null).pipe(ClientErrors.decode())))
        assert.deepStrictEqual(
          [serverError._tag, serverError.status, serverError.response?.status, serverError.retryable],
          ["InternalError", 500, 598, true]
        )
      }))

    it.effect("9110-18: an error needs no body: empty 401, 403 and 503 are typed errors", () =>
      Effect.gen(function*() {
        const decode = ClientErrors.decode({ dialect: Envelope.dialect })
        const challenged = yield* failureOf(
          get(serving(401, null, { "www-authenticate": "Bearer realm=\"api\", error=\"invalid_token\"" }).pipe(decode))
        )
        assert.strictEqual(challenged._tag, "InvalidToken")
        const bare = yield* failureOf(
          get(serving(401, null, { "www-authenticate": "Bearer realm=\"api\"" }).pipe(decode))
        )
        assert.deepStrictEqual([bare.status, bare.retryable], [401, false])
        // no body: the status says what it means
        const forbidden = yield* failureOf(get(serving(403, null).pipe(decode)))
        assert.deepStrictEqual([forbidden._tag, forbidden.status, forbidden.retryable], ["Forbidden", 403, false])
        const unavailable = yield* failureOf(get(serving(503, null).pipe(decode)))
        assert.deepStrictEqual([unavailable._tag, unavailable.status, unavailable.retryable], [
          "ServiceUnavailable",
          503,
          true
        ])
      }))
  })

  describe("bounded reads", () => {
    it.effect("a body that never ends is read no further than maxBytes and one chunk, then cancelled", () =>
      Effect.gen(function*() {
        const { body, state } = endless(() => chunkOf("<p>"))
        const error = yield* failureOf(
          get(respondingWith(502, body).pipe(ClientErrors.decode({ dialect: Envelope.dialect, maxBytes: 100_000 })))
        )
        const undecodable = error as ApiError.Undecodable
        assert.deepStrictEqual([undecodable._tag, undecodable.reason, undecodable.status], [
          "Undecodable",
          "TooLarge",
          502
        ])
        assert.isAtMost(state.pulled, 100_000 + chunkSize)
        assert.isTrue(state.cancelled, "the rest of the body was cancelled")
        // what was read, not bytes made up to fill a length
        assert.isTrue(undecodable.body.startsWith("<p><p><p>"))
        assert.notInclude(undecodable.body, "\u0000")
      }))

    it.effect("a declared length over the limit keeps the bytes that came, not made-up ones", () =>
      Effect.gen(function*() {
        const client = (body: string) =>
          respondingWith(500, body, { "content-length": "99999999" }).pipe(
            ClientErrors.decode({ dialect: Envelope.dialect, maxBytes: 1024 })
          )
        const short = (yield* failureOf(get(client("{}")))) as ApiError.Undecodable
        assert.deepStrictEqual([short.reason, short.body], ["Shape", "{}"])
        const long = (yield* failureOf(get(client("x".repeat(4096))))) as ApiError.Undecodable
        assert.strictEqual(long.reason, "TooLarge")
        assert.match(long.body, /^x+$/)
      }))

    it.effect("a gzip bomb is inflated no further than maxBytes and a chunk: its input is taken as its output is read", () =>
      Effect.gen(function*() {
        const { body, state } = gzipBomb()
        const decoded = { bytes: 0 }
        const error = yield* failureOf(
          get(
            respondingWith(503, body, { "content-encoding": "gzip", "content-type": "application/json" }).pipe(
              ClientErrors.decode({ dialect: Envelope.dialect, maxBytes: 1_048_576 })
            )
          )
        )
        decoded.bytes = (error as ApiError.Undecodable).body.length
        assert.strictEqual((error as ApiError.Undecodable).reason, "TooLarge")
        // a segment is 83 bytes for 64 KiB of zeros: 1 MiB and a chunk of output take 17 of them (1.4 KB); the rest of
        // what was taken is the decompressor's input queue (64 KiB), never inflated
        assert.isAtMost(state.pulled, 80 * 1024)
        assert.isTrue(state.cancelled, "the rest of the body was cancelled")
        assert.isAtMost(decoded.bytes, 16_384, "the error keeps a prefix")
      }))

    it.effect("a compressed body is decompressed; one the client already decompressed is read as it is", () =>
      Effect.gen(function*() {
        const body = JSON.stringify({ error: { code: "not_found", message: "App not found" } })
        for (
          const [encoding, bytes] of [
            ["gzip", zlib.gzipSync(body)],
            ["x-gzip", zlib.gzipSync(body)],
            ["deflate", zlib.deflateSync(body)],
            ["gzip", new TextEncoder().encode(body)]
          ] as const
        ) {
          const error = yield* failureOf(
            get(
              respondingWith(404, new Uint8Array(bytes), { "content-encoding": encoding, ...json }).pipe(
                ClientErrors.decode({ dialect: Envelope.dialect })
              )
            )
          )
          assert.deepStrictEqual([error._tag, error.message], ["NotFound", "App not found"], encoding)
        }
      }))

    describe("over loopback, with Effect's fetch and Node clients", () => {
      /** What a test server wrote of an endless body, and whether the client hung up. */
      interface Served {
        written: number
        closed: boolean
      }

      /**
       * A server on a free loopback port whose every response is a 5xx with an
       * endless body, compressed or not; written as fast as the client reads
       * it, until the client hangs up.
       */
      const endlessServer = Effect.acquireRelease(
        Effect.promise(() =>
          new Promise<{ readonly url: string; readonly served: Array<Served>; readonly server: http.Server }>(
            (resolve) => {
              const served: Array<Served> = []
              const segment = zlib.deflateRawSync(new Uint8Array(65_536), { finishFlush: zlib.constants.Z_FULL_FLUSH })
              const server = http.createServer((request, response) => {
                const bomb = request.url === "/bomb"
                const record: Served = { written: 0, closed: false }
                served.push(record)
                response.writeHead(bomb ? 502 : 500, {
                  "content-type": bomb ? "application/json" : "text/html",
                  ...(bomb ? { "content-encoding": "gzip" } : {})
                })
                const chunk = bomb ? segment : Buffer.alloc(chunkSize, "<p>")
                if (bomb) response.write(Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03]))
                const pump = () => {
                  // bounded, so that a client that never lets go cannot keep the test running
                  while (!record.closed && record.written < 512 * 1_048_576) {
                    record.written += chunk.length
                    if (!response.write(chunk)) return void response.once("drain", pump)
                  }
                  response.end()
                }
                response.on("close", () => record.closed = true)
                pump()
              })
              server.listen(0, "127.0.0.1", () => {
                const port = (server.address() as { readonly port: number }).port
                resolve({ url: `http://127.0.0.1:${port}`, served, server })
              })
            }
          )
        ),
        ({ server }) =>
          Effect.promise(() =>
            new Promise<void>((done) => {
              server.closeAllConnections()
              server.close(() => done())
            })
          )
      )

      const clients = [
        ["fetch", FetchHttpClient.layer],
        ["node:http", NodeHttpClient.layerNodeHttp]
      ] as const

      for (const [name, layer] of clients) {
        it.effect(
          `${name}: an endless body and a gzip bomb stop at maxBytes, and the connection is let go`,
          () =>
            Effect.gen(function*() {
              const { served, url } = yield* endlessServer
              const client = (yield* HttpClient.HttpClient).pipe(
                ClientErrors.decode({ dialect: Envelope.dialect, maxBytes: 1_048_576 })
              )
              for (const path of ["/endless", "/bomb"]) {
                const error = yield* failureOf(client.get(`${url}${path}`))
                assert.strictEqual((error as ApiError.Undecodable).reason, "TooLarge", path)
              }
              // the client hung up on both
              yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 200)))
              assert.deepStrictEqual(served.map((record) => record.closed), [true, true])
              // what the loopback socket's buffers hold besides the megabyte read (about 4 MB here); the bomb's
              // megabytes are compressed, hundreds of gigabytes once inflated, had they been
              for (const record of served) assert.isAtMost(record.written, 16 * 1_048_576)
            }).pipe(Effect.provide(layer)),
          { timeout: 20_000 }
        )
      }
    })

    it.effect("a 2xx body an OAuth client checks for an error is read no further than its start, and kept whole", () =>
      Effect.gen(function*() {
        const { body, state } = endless(() => chunkOf("{\"a\":1}"))
        const response = yield* get(
          respondingWith(200, body, json).pipe(ClientErrors.decode({ dialect: OAuth.dialect }))
        )
        assert.strictEqual(response.status, 200)
        assert.isAtMost(state.pulled, 16_384 + chunkSize)
        // the caller reads the body from its first byte
        const start = yield* response.stream.pipe(Stream.take(3), Stream.runCollect)
        const text = new TextDecoder().decode(new Uint8Array(start.flatMap((chunk) => [...chunk])))
        assert.isTrue(text.startsWith("{\"a\":1}"))
        const token = JSON.stringify({ access_token: "t", token_type: "Bearer" })
        const whole = yield* get(
          respondingWith(200, chunked(token), json).pipe(ClientErrors.decode({ dialect: OAuth.dialect }))
        )
        assert.deepStrictEqual(yield* whole.json, { access_token: "t", token_type: "Bearer" })
        assert.strictEqual(whole.headers["content-type"], "application/json")
      }))
  })

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

  describe("errors with a success status, and detectors", () => {
    it.effect("without a dialect, Slack's ok:false on a 200 is an error; a success body goes on untouched", () =>
      Effect.gen(function*() {
        const slack = yield* failureOf(
          get(serving(200, JSON.stringify({ ok: false, error: "not_authed" }), json).pipe(ClientErrors.decode()))
        )
        assert.isTrue(ApiError.isApiError(slack))
        assert.strictEqual(slack.response?.status, 200)
        const fine = yield* get(
          serving(200, JSON.stringify({ ok: true, channel: "C1" }), json).pipe(ClientErrors.decode())
        )
        assert.deepStrictEqual(yield* fine.json, { ok: true, channel: "C1" })
        // a body that cannot be an error body is not read at all
        const image = yield* get(
          serving(200, new Uint8Array([0x89, 0x50]), { "content-type": "image/png" }).pipe(
            ClientErrors.decode()
          )
        )
        assert.deepStrictEqual(new Uint8Array(yield* image.arrayBuffer), new Uint8Array([0x89, 0x50]))
      }))

    it.effect("6749-02: an authorization error in a redirect's query is an error when redirects are not followed", () =>
      Effect.gen(function*() {
        const redirect = yield* failureOf(get(
          serving(302, null, { location: "https://client.example/cb?error=access_denied&state=xyz" }).pipe(
            ClientErrors.decode()
          )
        ))
        assert.strictEqual(redirect._tag, "AccessDenied")
        const success = yield* get(
          serving(302, null, { location: "https://client.example/cb?code=abc&state=xyz" }).pipe(ClientErrors.decode())
        )
        assert.strictEqual(success.status, 302)
      }))

    it.effect("a dialect whose errors never come on a 2xx reads no 2xx body (the envelope)", () =>
      Effect.gen(function*() {
        const body = JSON.stringify({ ok: false, error: "not_authed" })
        const passed = yield* get(serving(200, body, json).pipe(ClientErrors.decode({ dialect: Envelope.dialect })))
        assert.strictEqual(yield* passed.text, body)
      }))

    it.effect("a user's detector reads the user's dialect, typed", () =>
      Effect.gen(function*() {
        class Declined extends ApiError.Class<Declined>()("Declined", {}, {
          status: 402,
          title: "Declined",
          description: "Declined",
          source: "test"
        }) {}
        const Acme = Dialect.make({
          name: "acme",
          contentType: "application/json",
          shape: { code: ["fault", "kind"], message: ["fault", "text"] },
          codes: [{ code: "declined", status: 402, class: Declined }, ...Dialect.genericCodes("snake_case")],
          detect: (body: any) => typeof body?.fault?.kind === "string"
        })
        const detector = Detect.make([Acme, ...Detect.dialects])
        const body = JSON.stringify({ fault: { kind: "declined", text: "No funds" } })
        const error = yield* failureOf(get(serving(402, body, json).pipe(ClientErrors.decode({ detector }))))
        assert.instanceOf(error, Declined)
        assert.strictEqual(error.message, "No funds")
      }))

    it.effect("9457-04: a problem's relative type is resolved against the request's URL", () =>
      Effect.gen(function*() {
        const body = JSON.stringify({ type: "/problems/out-of-credit", title: "Out of credit", status: 403 })
        const error = yield* failureOf(get(
          serving(403, body, { "content-type": "application/problem+json" }).pipe(
            ClientErrors.decode({ dialect: Problem.dialect })
          )
        ))
        assert.strictEqual((error as ApiError.UnknownError).code, "http://api.test/problems/out-of-credit")
      }))
  })

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

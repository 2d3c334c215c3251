/**
 * End to end: the example server on a random loopback port, driven with a
 * real HTTP client (fetch). Every status the example can answer, in the right
 * dialect, with the right headers. Loopback only, bounded, stops by itself.
 */
import { NodeHttpServer } from "@effect/platform-node"
import { assert, describe, layer } from "@effect/vitest"
import { Duration, Effect, Layer, Logger, References } from "effect"
import { HttpRouter, HttpServer } from "effect/http"
import { createServer, request as httpRequest } from "node:http"
import * as App from "../src/App.ts"

/** What the server logged: message, level and annotations. */
const logs: Array<{ readonly level: string; readonly message: string; readonly annotations: Record<string, unknown> }> =
  []
const CapturingLogger = Logger.layer([
  Logger.make(({ cause, fiber, logLevel, message }) => {
    logs.push({
      level: logLevel,
      message: `${Array.isArray(message) ? message.join(" ") : String(message)} ${
        cause.reasons.length > 0 ? "[cause]" : ""
      }`,
      annotations: { ...fiber.getRef(References.CurrentLogAnnotations) }
    })
  })
])

const Server = HttpRouter.serve(
  App.make({
    issuer: "http://127.0.0.1",
    debug: true,
    rateLimit: { requests: 2, window: Duration.seconds(30) }
  }),
  { disableLogger: true, disableListenLog: true }
).pipe(
  Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
  Layer.provide(CapturingLogger)
)

interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: any
}

const call = (path: string, init?: RequestInit) =>
  Effect.gen(function*() {
    const server = yield* HttpServer.HttpServer
    const port = (server.address as { readonly port: number }).port
    return yield* Effect.promise(async (): Promise<Reply> => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        ...init,
        keepalive: false,
        redirect: "manual",
        signal: AbortSignal.timeout(5_000)
      })
      const text = await response.text()
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
      return { status: response.status, headers: response.headers, text, json }
    })
  })

/** Where {@link endlessUpload} gives up sending. */
const endlessUploadCap = 256 * 1_048_576

/**
 * POSTs a JSON body that does not end (64 KiB chunks, up to 256 MiB) and
 * reports the answer, how much had been sent when it came, and whether the
 * server then closed the connection.
 */
const endlessUpload = (path: string, headers: Record<string, string>) =>
  Effect.gen(function*() {
    const server = yield* HttpServer.HttpServer
    const port = (server.address as { readonly port: number }).port
    return yield* Effect.promise(() =>
      new Promise<{ status: number; body: string; connection: string | undefined; sent: number; closed: boolean }>(
        (resolve, reject) => {
          const chunk = Buffer.alloc(65_536, 0x20)
          let sent = 0
          let answered = false
          const request = httpRequest({
            host: "127.0.0.1",
            port,
            method: "POST",
            path,
            headers: { "content-type": "application/json", ...headers }
          })
          const pump = () => {
            while (!answered && sent < endlessUploadCap) {
              sent += chunk.length
              if (!request.write(chunk)) return void request.once("drain", pump)
            }
            request.end()
          }
          request.on("error", (error) => {
            if (!answered) reject(error)
          })
          request.on("response", (response) => {
            answered = true
            const sentWhenAnswered = sent
            let body = ""
            response.setEncoding("utf8")
            response.on("data", (text: string) => body += text)
            response.on("end", () => {
              const socket = request.socket
              const done = (closed: boolean) =>
                resolve({
                  status: response.statusCode ?? 0,
                  body,
                  connection: response.headers["connection"],
                  sent: sentWhenAnswered,
                  closed
                })
              if (socket === null || socket.destroyed) return done(true)
              const timer = setTimeout(() => done(false), 3_000)
              socket.once("close", () => {
                clearTimeout(timer)
                done(true)
              })
            })
          })
          pump()
        }
      )
    )
  })

const bearer = (token: string, extra?: Record<string, string>) => ({
  headers: { authorization: `Bearer ${token}`, ...extra }
})
const postJson = (token: string, body: unknown, method = "POST"): RequestInit => ({
  method,
  headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  body: JSON.stringify(body)
})
const form = (body: Record<string, string>, headers?: Record<string, string>): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  body: new URLSearchParams(body).toString()
})
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`

/** The envelope of seed 000, with a request id that matches the header. */
const assertEnvelope = (reply: Reply, status: number, code: string) => {
  assert.strictEqual(reply.status, status)
  assert.strictEqual(reply.headers.get("content-type"), "application/json")
  assert.deepStrictEqual(Object.keys(reply.json.error).sort(), ["code", "details", "message", "request_id"])
  assert.strictEqual(reply.json.error.code, code)
  assert.strictEqual(reply.json.error.request_id, reply.headers.get("x-request-id"))
}

layer(Server)("the example server", (it) => {
  describe("resource routes: the envelope", () => {
    it.effect("401 unauthorized without a token, with a bare Bearer challenge (6750-09)", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/v2/me")
        assertEnvelope(reply, 401, "unauthorized")
        assert.strictEqual(reply.headers.get("www-authenticate"), `Bearer realm="drio"`)
      }))

    it.effect("401 with error=\"invalid_token\" for an unknown, expired or revoked token (6750-07)", () =>
      Effect.gen(function*() {
        for (const token of ["no-such-token", "expired-token", "revoked-token"]) {
          const reply = yield* call("/api/v2/me", bearer(token))
          assertEnvelope(reply, 401, "unauthorized")
          assert.include(reply.headers.get("www-authenticate"), `error="invalid_token"`)
        }
        const expired = yield* call("/api/v2/me", bearer("expired-token"))
        assert.strictEqual(expired.json.error.message, "The access token has expired")
      }))

    it.effect("200 with a valid token", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/v2/me", bearer("alice-token"))
        assert.strictEqual(reply.status, 200)
        assert.strictEqual(reply.json.email, "alice@example.com")
        assert.isString(reply.headers.get("x-request-id"))
      }))

    it.effect("404 not_found \"App not found\", the seed's own example", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/v2/apps/app_404", bearer("alice-token"))
        assertEnvelope(reply, 404, "not_found")
        assert.strictEqual(reply.json.error.message, "App not found")
      }))

    it.effect("403 forbidden for another owner's app", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/v2/apps/app_2", bearer("alice-token"))
        assertEnvelope(reply, 403, "forbidden")
      }))

    it.effect("403 with an insufficient_scope challenge naming the scope (6750-08)", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/v2/apps", postJson("bob-token", { name: "x", redirect_uris: [] }))
        assertEnvelope(reply, 403, "forbidden")
        assert.include(reply.headers.get("www-authenticate"), `error="insufficient_scope"`)
        assert.include(reply.headers.get("www-authenticate"), `scope="apps:write"`)
      }))

    it.effect("422 validation_error with a detail per failed field", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/v2/apps", postJson("alice-token", { name: "", redirect_uris: ["ftp://x"] }))
        assertEnvelope(reply, 422, "validation_error")
        assert.deepStrictEqual(reply.json.error.details.map((issue: { path: string }) => issue.path), [
          "name",
          "redirect_uris.0"
        ])
      }))

    it.effect(
      "an 800 KB body failing in 200,000 places gets the first 100 issues and their count, not a 21 MB 422",
      () =>
        Effect.gen(function*() {
          const reply = yield* call(
            "/api/v2/apps",
            postJson("alice-token", { name: "x", redirect_uris: Array.from({ length: 200_000 }, () => "x") })
          )
          assertEnvelope(reply, 422, "validation_error")
          assert.strictEqual(reply.json.error.details.length, 100)
          assert.match(reply.json.error.message, /\bfirst 100 of 200000 issues\b/)
          assert.isBelow(reply.text.length, 32_768)
        }),
      { timeout: 15_000 }
    )

    it.effect("400 bad_request for a body that is not JSON", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/v2/apps", { ...postJson("alice-token", {}), body: "{\"name\": " })
        assertEnvelope(reply, 400, "bad_request")
        assert.strictEqual(reply.json.error.message, "The request body is not valid JSON")
      }))

    it.effect("415 unsupported_media_type with Accept (9110-14)", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/v2/apps", {
          method: "POST",
          headers: { authorization: "Bearer alice-token", "content-type": "text/plain" },
          body: "name=x"
        })
        assertEnvelope(reply, 415, "unsupported_media_type")
        assert.strictEqual(reply.headers.get("accept"), "application/json")
      }))

    it.effect("a 415 lists the endpoint's media types and never repeats the request's", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/v2/apps", {
          method: "POST",
          headers: { authorization: "Bearer alice-token", "content-type": "text/x-evil; q=\"<script>\"" },
          body: "name=x"
        })
        assertEnvelope(reply, 415, "unsupported_media_type")
        assert.strictEqual(reply.headers.get("accept"), "application/json")
        for (const echo of ["x-evil", "script", "Unsupported content-type"]) assert.notInclude(reply.text, echo)
        const token = yield* call("/oauth/token", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}"
        })
        assert.deepStrictEqual([token.status, token.headers.get("accept")], [415, "application/x-www-form-urlencoded"])
      }))

    it.effect("5789-01: a PATCH with a body of another type gets 415 with Accept-Patch", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/v2/apps/app_1", {
          method: "PATCH",
          headers: { authorization: "Bearer alice-token", "content-type": "text/plain" },
          body: "name=x"
        })
        assertEnvelope(reply, 415, "unsupported_media_type")
        assert.strictEqual(reply.headers.get("accept-patch"), "application/json")
      }))

    it.effect("a GET or DELETE with a Content-Type and no body is answered, not refused with 415", () =>
      Effect.gen(function*() {
        const headers = { authorization: "Bearer alice-token", "content-type": "application/x-www-form-urlencoded" }
        const got = yield* call("/api/v2/apps/app_1", { headers })
        assert.strictEqual(got.status, 200)
        const deleted = yield* call("/api/v2/apps/app_gone", { method: "DELETE", headers })
        assertEnvelope(deleted, 404, "not_found")
      }))

    it.effect("the app lifecycle: create 201, update, delete 204, then 404", () =>
      Effect.gen(function*() {
        const created = yield* call("/api/v2/apps", postJson("alice-token", { name: "CLI", redirect_uris: [] }))
        assert.strictEqual(created.status, 201)
        const id = created.json.id
        const updated = yield* call(`/api/v2/apps/${id}`, postJson("alice-token", { name: "CLI 2" }, "PATCH"))
        assert.deepStrictEqual([updated.status, updated.json.name], [200, "CLI 2"])
        const deleted = yield* call(`/api/v2/apps/${id}`, { method: "DELETE", ...bearer("alice-token") })
        assert.strictEqual(deleted.status, 204)
        assertEnvelope(yield* call(`/api/v2/apps/${id}`, bearer("alice-token")), 404, "not_found")
      }))

    it.effect("429 with Retry-After, no-store, and the wait in seconds (6585-02, 6585-03)", () =>
      Effect.gen(function*() {
        const replies = []
        for (let i = 0; i < 3; i++) replies.push(yield* call("/api/v2/integration-providers", bearer("bob-token")))
        assert.deepStrictEqual(replies.map((reply) => reply.status), [200, 200, 429])
        const limited = replies[2]!
        assertEnvelope(limited, 429, "rate_limit_exceeded")
        const seconds = Number(limited.headers.get("retry-after"))
        assert.isTrue(Number.isInteger(seconds) && seconds > 0 && seconds <= 30)
        assert.strictEqual(limited.headers.get("cache-control"), "no-store")
      }))

    it.effect("RFC 9457 when the client asks for application/problem+json (9457-01, 9457-06)", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/v2/apps/app_404", bearer("alice-token", { accept: "application/problem+json" }))
        assert.strictEqual(reply.status, 404)
        assert.strictEqual(reply.headers.get("content-type"), "application/problem+json")
        assert.deepStrictEqual(
          [reply.json.type, reply.json.title, reply.json.status, reply.json.detail],
          ["about:blank", "Not Found", 404, "App not found"]
        )
        assert.strictEqual(reply.json.request_id, reply.headers.get("x-request-id"))
      }))
  })

  describe("authentication before the body", () => {
    it.effect("a request without a valid token gets its 401 whatever its body: broken, invalid, of another type", () =>
      Effect.gen(function*() {
        const bodies: ReadonlyArray<readonly [string, string]> = [
          ["application/json", "{\"name\": "],
          ["application/json", JSON.stringify({ name: "", redirect_uris: ["ftp://x"] })],
          ["text/plain", "name=x"]
        ]
        for (const [contentType, body] of bodies) {
          for (const authorization of [undefined, "Bearer no-such-token", "Basic Ym9iOg=="]) {
            const reply = yield* call("/api/v2/apps", {
              method: "POST",
              headers: { "content-type": contentType, ...(authorization === undefined ? {} : { authorization }) },
              body
            })
            assertEnvelope(reply, 401, "unauthorized")
          }
          const admin = yield* call("/api/admin/users", {
            method: "POST",
            headers: { "content-type": contentType },
            body
          })
          assert.deepStrictEqual([admin.status, admin.json.error], [401, "unauthorized"])
        }
      }))

    it.effect(
      "a body that never ends, sent without a token, gets a 401 without being read",
      () =>
        Effect.gen(function*() {
          const outcome = yield* endlessUpload("/api/v2/apps", {})
          assert.strictEqual(outcome.status, 401)
          assert.strictEqual(JSON.parse(outcome.body).error.code, "unauthorized")
          assert.isBelow(outcome.sent, endlessUploadCap, "answered before the client stopped sending")
          assert.isTrue(outcome.closed, "the server closed the connection rather than read the rest")
        }),
      { timeout: 20_000 }
    )

    it.effect("9110-12: valid credentials without the scope get 403 before the body is read, never 401", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/v2/apps", {
          method: "POST",
          headers: { authorization: "Bearer bob-token", "content-type": "application/json" },
          body: "{\"name\": "
        })
        assertEnvelope(reply, 403, "forbidden")
        assert.include(reply.headers.get("www-authenticate"), `error="insufficient_scope"`)
        const admin = yield* call("/api/admin/users", postJson("alice-token", { email: "nope" }))
        assert.deepStrictEqual([admin.status, admin.json.error], [403, "insufficient_scope"])
      }))
  })

  describe("bounded request bodies", () => {
    it.effect(
      "a body that never ends gets a 413 in the envelope while it is still being sent, then the connection closes",
      () =>
        Effect.gen(function*() {
          const outcome = yield* endlessUpload("/api/v2/apps", { authorization: "Bearer alice-token" })
          assert.strictEqual(outcome.status, 413)
          assert.strictEqual(JSON.parse(outcome.body).error.code, "payload_too_large")
          assert.strictEqual(outcome.connection, "close")
          assert.isBelow(outcome.sent, endlessUploadCap, "answered before the client stopped sending")
          assert.isTrue(outcome.closed, "the server closed the connection")
        }),
      { timeout: 20_000 }
    )

    it.effect("a 20 MB body is a 413, not a parsed and validated 422", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/v2/apps", {
          method: "POST",
          headers: { authorization: "Bearer alice-token", "content-type": "application/json" },
          body: JSON.stringify({ name: "", redirect_uris: Array.from({ length: 1_000_000 }, () => "ftp://x") })
        })
        assertEnvelope(reply, 413, "payload_too_large")
      }))
  })

  describe("the router's own failures", () => {
    it.effect("404 not_found for an unknown route, in the fallback family's envelope", () =>
      Effect.gen(function*() {
        assertEnvelope(yield* call("/nowhere"), 404, "not_found")
        assertEnvelope(yield* call("/api/v2/unknown"), 404, "not_found")
      }))

    it.effect("9110-13: 405 with Allow listing the path's methods", () =>
      Effect.gen(function*() {
        const me = yield* call("/api/v2/me", { method: "PUT" })
        assertEnvelope(me, 405, "method_not_allowed")
        assert.strictEqual(me.headers.get("allow"), "GET, HEAD")
        const apps = yield* call("/api/v2/apps", { method: "DELETE" })
        assert.deepStrictEqual(apps.headers.get("allow")?.split(", ").sort(), ["GET", "HEAD", "POST"])
      }))

    it.effect("405 on an OAuth route is in OAuth's dialect", () =>
      Effect.gen(function*() {
        const reply = yield* call("/oauth/token")
        assert.strictEqual(reply.status, 405)
        assert.strictEqual(reply.headers.get("allow"), "POST")
        assert.deepStrictEqual(reply.json.error, "invalid_request")
      }))
  })

  describe("OAuth routes", () => {
    it.effect("serves RFC 8414 metadata", () =>
      Effect.gen(function*() {
        const reply = yield* call("/.well-known/oauth-authorization-server")
        assert.strictEqual(reply.status, 200)
        assert.strictEqual(reply.json.token_endpoint, "http://127.0.0.1/oauth/token")
      }))

    it.effect("6749-08, 6749-10, 6749-11: invalid_request \"Missing required field: refresh_token\"", () =>
      Effect.gen(function*() {
        const reply = yield* call(
          "/oauth/token",
          form({ grant_type: "refresh_token" }, { authorization: basic("demo-client", "demo-secret") })
        )
        assert.strictEqual(reply.status, 400)
        assert.strictEqual(reply.headers.get("content-type"), "application/json")
        assert.deepStrictEqual(reply.json, {
          error: "invalid_request",
          error_description: "Missing required field: refresh_token"
        })
        assert.strictEqual(reply.headers.get("cache-control"), "no-store")
        assert.strictEqual(reply.headers.get("pragma"), "no-cache")
      }))

    it.effect("6749-09: invalid_client is 401 with a Basic challenge when the client used Basic, else 400", () =>
      Effect.gen(function*() {
        const viaBasic = yield* call(
          "/oauth/token",
          form({ grant_type: "client_credentials" }, { authorization: basic("demo-client", "wrong") })
        )
        assert.deepStrictEqual([viaBasic.status, viaBasic.json.error], [401, "invalid_client"])
        assert.strictEqual(viaBasic.headers.get("www-authenticate"), `Basic realm="drio"`)
        const viaBody = yield* call(
          "/oauth/token",
          form({ grant_type: "client_credentials", client_id: "demo-client", client_secret: "wrong" })
        )
        assert.deepStrictEqual([viaBody.status, viaBody.json.error], [400, "invalid_client"])
        assert.isNull(viaBody.headers.get("www-authenticate"))
      }))

    it.effect("6749-09: malformed Basic credentials are the client's invalid_client, a 401 with a Basic challenge, not a 500", () =>
      Effect.gen(function*() {
        const before = logs.filter((log) => log.level === "Error").length
        for (
          const authorization of [
            "Basic !!!",
            `Basic ${Buffer.from("%zz:secret").toString("base64")}`,
            `Basic ${Buffer.from("demo-client:100%").toString("base64")}`,
            `Basic ${Buffer.from("no-colon").toString("base64")}`
          ]
        ) {
          const reply = yield* call("/oauth/token", form({ grant_type: "client_credentials" }, { authorization }))
          assert.deepStrictEqual([reply.status, reply.json.error], [401, "invalid_client"], authorization)
          assert.strictEqual(reply.headers.get("www-authenticate"), `Basic realm="drio"`)
        }
        assert.strictEqual(logs.filter((log) => log.level === "Error").length, before, "nothing logged as an error")
        const encoded = yield* call(
          "/oauth/token",
          form({ grant_type: "client_credentials", scope: "profile" }, {
            authorization: `Basic ${Buffer.from("demo%2Dclient:demo-secret").toString("base64")}`
          })
        )
        assert.strictEqual(encoded.status, 200, "a form-encoded client id is decoded (RFC 6749 §2.3.1)")
      }))

    it.effect("invalid_grant, unsupported_grant_type, invalid_scope; a good grant gets a token", () =>
      Effect.gen(function*() {
        const auth = { authorization: basic("demo-client", "demo-secret") }
        const grant = yield* call("/oauth/token", form({ grant_type: "refresh_token", refresh_token: "nope" }, auth))
        assert.deepStrictEqual([grant.status, grant.json.error], [400, "invalid_grant"])
        const type = yield* call("/oauth/token", form({ grant_type: "password" }, auth))
        assert.deepStrictEqual([type.status, type.json.error], [400, "unsupported_grant_type"])
        const scope = yield* call("/oauth/token", form({ grant_type: "client_credentials", scope: "admin" }, auth))
        assert.deepStrictEqual([scope.status, scope.json.error], [400, "invalid_scope"])
        const ok = yield* call("/oauth/token", form({ grant_type: "client_credentials", scope: "profile" }, auth))
        assert.strictEqual(ok.status, 200)
        assert.strictEqual(ok.headers.get("cache-control"), "no-store")
        const me = yield* call("/api/v2/me", bearer(ok.json.access_token))
        assert.strictEqual(me.status, 200)
      }))

    it.effect("7591-01, 7591-02: registration answers invalid_redirect_uri and invalid_client_metadata", () =>
      Effect.gen(function*() {
        const json = (body: unknown): RequestInit => ({
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body)
        })
        const uri = yield* call("/oauth/register", json({ redirect_uris: ["http://evil.example/cb#frag"] }))
        assert.deepStrictEqual([uri.status, uri.json.error], [400, "invalid_redirect_uri"])
        assert.strictEqual(uri.headers.get("cache-control"), "no-store")
        const metadata = yield* call(
          "/oauth/register",
          json({ redirect_uris: ["https://app.example/cb"], grant_types: ["implicit"] })
        )
        assert.deepStrictEqual([metadata.status, metadata.json.error], [400, "invalid_client_metadata"])
        const ok = yield* call("/oauth/register", json({ redirect_uris: ["https://app.example/cb"], client_name: "A" }))
        assert.strictEqual(ok.status, 201)
      }))

    it.effect("open registration bounds redirect_uris: at most 10, each at most 2048 characters", () =>
      Effect.gen(function*() {
        const register = (uris: ReadonlyArray<string>) =>
          call("/oauth/register", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ redirect_uris: uris })
          })
        const many = yield* register(Array.from({ length: 11 }, (_, i) => `https://app.example/cb${i}`))
        assert.deepStrictEqual([many.status, many.json.error], [400, "invalid_redirect_uri"])
        const long = yield* register([`https://app.example/${"a".repeat(2_048)}`])
        assert.deepStrictEqual([long.status, long.json.error], [400, "invalid_redirect_uri"])
        const ten = yield* register(Array.from({ length: 10 }, (_, i) => `https://app.example/cb${i}`))
        assert.strictEqual(ten.status, 201)
      }))

    it.effect("a path whose percent-escapes do not decode is still an OAuth route: OAuth's error, no-store", () =>
      Effect.gen(function*() {
        for (const path of ["/oauth/%", "/oauth/token%"]) {
          const reply = yield* call(path, form({ grant_type: "client_credentials" }))
          assert.deepStrictEqual([reply.status, reply.json?.error], [404, "invalid_request"], path)
          assert.deepStrictEqual([reply.headers.get("cache-control"), reply.headers.get("pragma")], [
            "no-store",
            "no-cache"
          ])
        }
      }))

    it.effect("a JSON body on the form-only token endpoint is OAuth's 415", () =>
      Effect.gen(function*() {
        const reply = yield* call("/oauth/token", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}"
        })
        assert.deepStrictEqual([reply.status, reply.json.error], [415, "invalid_request"])
      }))

    it.effect("6749-01: an unknown client or redirect URI gets a page, never a redirect", () =>
      Effect.gen(function*() {
        const reply = yield* call(
          "/oauth/authorize?response_type=code&client_id=demo-client&redirect_uri=https://evil.example/cb&state=s"
        )
        assert.strictEqual(reply.status, 400)
        assert.isNull(reply.headers.get("location"))
        assert.include(reply.headers.get("content-type"), "text/html")
      }))

    it.effect("6749-02, 6749-06, 9207-01: an error redirect carries error, state byte for byte, and iss", () =>
      Effect.gen(function*() {
        const state = "a&b=c d%+é"
        const reply = yield* call(
          `/oauth/authorize?response_type=token&client_id=demo-client&state=${encodeURIComponent(state)}`
        )
        assert.strictEqual(reply.status, 302)
        const location = new URL(reply.headers.get("location")!)
        assert.strictEqual(location.origin + location.pathname, "https://app.example/callback")
        assert.strictEqual(location.searchParams.get("error"), "unsupported_response_type")
        assert.strictEqual(location.searchParams.get("state"), state)
        assert.strictEqual(location.searchParams.get("iss"), "http://127.0.0.1")
      }))
  })

  describe("request ids", () => {
    it.effect("echoes a safe incoming X-Request-ID in the header and the body", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/v2/apps/app_404", bearer("alice-token", { "x-request-id": "req_abc123xyz" }))
        assert.strictEqual(reply.headers.get("x-request-id"), "req_abc123xyz")
        assert.strictEqual(reply.json.error.request_id, "req_abc123xyz")
      }))

    it.effect("refuses an unsafe one and generates a UUID", () =>
      Effect.gen(function*() {
        for (const unsafe of ["a b", "x".repeat(129), "<script>", "id\"quote"]) {
          const reply = yield* call("/api/v2/me", { headers: { "x-request-id": unsafe } })
          assert.match(
            reply.headers.get("x-request-id")!,
            /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
          )
          assert.notInclude(reply.text, unsafe)
        }
      }))

    it.effect("puts one on successful responses too", () =>
      Effect.gen(function*() {
        const reply = yield* call("/.well-known/oauth-authorization-server")
        assert.isString(reply.headers.get("x-request-id"))
      }))
  })

  describe("safe by default", () => {
    it.effect("a defect is a generic 500: no stack, no message, no input in the body", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/admin/users/u_legacy", bearer("admin-token"))
        assert.strictEqual(reply.status, 500)
        assert.deepStrictEqual(reply.json, {
          error: "internal_error",
          error_description: "An unexpected error occurred on the server"
        })
        for (const leak of ["SyntaxError", "JSON", "4111", "at ", "Handlers.ts"]) assert.notInclude(reply.text, leak)
      }))

    it.effect("the 500 is logged with its full cause and the request id; a 4xx is not logged as an error", () =>
      Effect.gen(function*() {
        const reply = yield* call(
          "/api/admin/users/u_legacy",
          bearer("admin-token", { "x-request-id": "req_defect_1" })
        )
        assert.strictEqual(reply.status, 500)
        const logged = logs.find((log) => log.annotations["requestId"] === "req_defect_1")
        assert.isDefined(logged)
        assert.strictEqual(logged!.level, "Error")
        assert.include(logged!.message, "[cause]")
        yield* call("/api/v2/apps/app_404", bearer("alice-token", { "x-request-id": "req_notfound_1" }))
        assert.isUndefined(
          logs.find((log) => log.annotations["requestId"] === "req_notfound_1" && log.level === "Error")
        )
      }))

    it.effect("debug output needs the operator's switch and the request's X-Debug: true", () =>
      Effect.gen(function*() {
        const asked = yield* call("/api/admin/users/u_legacy", bearer("admin-token", { "x-debug": "true" }))
        assert.strictEqual(asked.status, 500)
        assert.include(asked.json.debug.stack_trace, "SyntaxError")
        assert.isString(asked.json.debug.timestamp)
        assert.include(asked.json.error_description, "SyntaxError")
        const notAsked = yield* call("/api/admin/users/u_legacy", bearer("admin-token", { "x-debug": "false" }))
        assert.notProperty(notAsked.json, "debug")
      }))

    it.effect("seed 002's admin routes answer in the flat form", () =>
      Effect.gen(function*() {
        const missing = yield* call("/api/admin/users/u_nobody", bearer("admin-token"))
        assert.deepStrictEqual([missing.status, missing.json.error], [404, "user_not_found"])
        const invalid = yield* call("/api/admin/users", postJson("admin-token", { email: "nope", name: "" }))
        assert.strictEqual(invalid.status, 422)
        assert.deepStrictEqual(invalid.json.details, {
          email: "Please enter a valid email address",
          name: "Name is required"
        })
        const taken = yield* call("/api/admin/users", postJson("admin-token", { email: "bob@example.com", name: "B" }))
        assert.deepStrictEqual([taken.status, taken.json.error], [409, "email_already_exists"])
      }))
  })

  describe("billing routes: a dialect the user declared", () => {
    it.effect("402 card_declined: the user's class, its code, and its own field beside it", () =>
      Effect.gen(function*() {
        const reply = yield* call(
          "/api/billing/charges",
          postJson("alice-token", { amount: 1200, card: "4000000000009995" })
        )
        assert.strictEqual(reply.status, 402)
        assert.strictEqual(reply.headers.get("content-type"), "application/json")
        assert.deepStrictEqual(reply.json, {
          error: {
            code: "card_declined",
            message: "Your card was declined: insufficient funds",
            request_id: reply.headers.get("x-request-id"),
            decline_code: "insufficient_funds"
          }
        })
      }))

    it.effect("422 validation_error with every failed field in errors; 404 for a charge that does not exist", () =>
      Effect.gen(function*() {
        const invalid = yield* call("/api/billing/charges", postJson("alice-token", { amount: 3, card: "x" }))
        assert.strictEqual(invalid.status, 422)
        assert.strictEqual(invalid.json.error.code, "validation_error")
        assert.deepStrictEqual(invalid.json.error.errors.map((issue: any) => issue.path).sort(), ["amount", "card"])
        const missing = yield* call("/api/billing/charges/ch_nope", bearer("alice-token"))
        assert.deepStrictEqual([missing.status, missing.json.error.code, missing.json.error.message], [
          404,
          "not_found",
          "No such charge"
        ])
      }))

    it.effect("a charge that goes through is created; the router's 405 speaks the billing dialect too", () =>
      Effect.gen(function*() {
        const created = yield* call(
          "/api/billing/charges",
          postJson("alice-token", { amount: 1200, card: "4242424242424242" })
        )
        assert.strictEqual(created.status, 201)
        const read = yield* call(`/api/billing/charges/${created.json.id}`, bearer("alice-token"))
        assert.strictEqual(read.json.amount, 1200)
        const wrongMethod = yield* call("/api/billing/charges", { method: "PUT" })
        assert.deepStrictEqual([wrongMethod.status, wrongMethod.json.error.code], [405, "method_not_allowed"])
      }))
  })

  describe("OpenAPI", () => {
    it.effect("is served at /openapi.json and lists each endpoint's errors in its family's dialect", () =>
      Effect.gen(function*() {
        const reply = yield* call("/openapi.json")
        assert.strictEqual(reply.status, 200)
        const doc = reply.json
        const getApp = doc.paths["/api/v2/apps/{id}"].get.responses
        assert.includeMembers(Object.keys(getApp), ["200", "401", "403", "404", "422", "500"])
        const token = doc.paths["/oauth/token"].post.responses
        assert.includeMembers(Object.keys(token), ["200", "400", "401", "429", "500"])
        // each error response is its family's wire shape: the envelope's `error.code`, OAuth's `error`
        const resolve = (schema: any): any =>
          schema.$ref === undefined ? schema : resolve(doc.components.schemas[schema.$ref.split("/").pop()])
        const codesOf = (schema: any): Array<string> =>
          (schema.anyOf ?? [schema]).flatMap((member: any) => member.enum ?? [])
        const notFound = resolve(getApp["404"].content["application/json"].schema)
        assert.deepStrictEqual(Object.keys(notFound.properties.error.properties).sort(), [
          "code",
          "details",
          "message",
          "request_id"
        ])
        assert.deepStrictEqual(codesOf(notFound.properties.error.properties.code), ["not_found"])
        const badRequest = token["400"].content["application/json"].schema.anyOf.map(resolve)
        assert.includeMembers(badRequest.flatMap((schema: any) => codesOf(schema.properties.error)), [
          "invalid_request",
          "invalid_grant",
          "unsupported_grant_type",
          "invalid_scope"
        ])
        // the user's class, in the user's dialect: 402 with its own code as a literal
        const declined = resolve(
          doc.paths["/api/billing/charges"].post.responses["402"].content["application/json"].schema
        )
        assert.deepStrictEqual(codesOf(declined.properties.error.properties.code), ["card_declined"])
        // and its own field, with the values it may take
        assert.includeMembers(codesOf(declined.properties.error.properties.decline_code), [
          "insufficient_funds",
          "lost_card"
        ])
        assert.include(declined.properties.error.required, "decline_code")
        // a class documented by several endpoints is one component
        assert.isUndefined(doc.components.schemas["envelope_NotFoundEncoded_2"])
      }))
  })
})

import { assert, describe, it } from "@effect/vitest"
import { ApiError, Catalog, Family } from "@faultline/errors"
import { Failures, RequestId, RouteFamily, ServerErrors } from "@faultline/platform-http"
import { Envelope, Flat, OAuth, Problem } from "@faultline/wire"
import {
  Arbitrary,
  ByteSize,
  Cause,
  ConfigProvider,
  Context,
  Duration,
  Effect,
  Exit,
  Layer,
  Logger,
  Metric,
  References,
  Schema,
  Tracer
} from "effect"
import { HttpRouter, HttpServerRequest, HttpServerRespondable, HttpServerResponse } from "effect/http"
import { HttpApiError } from "effect/http-api"
import { SqlError } from "effect/sql"
import { base, cases as failureCases, sql } from "./failures.ts"
import { counted, recording } from "./telemetry.ts"

const families = RouteFamily.table([
  { name: "oauth", paths: ["/oauth/*"], dialect: OAuth.dialect, accept: ["application/x-www-form-urlencoded"] },
  { name: "flat", paths: ["/admin/*"], dialect: Flat.dialect, problem: true, maxBodySize: "4 KiB" },
  {
    name: "api",
    paths: ["/api/*"],
    dialect: Envelope.dialect,
    problem: true,
    challenge: { scheme: "Bearer", realm: "example" }
  }
], { fallback: "api" })

/** The error a route raises, chosen per request, so one app can answer every case. */
let raise: () => Effect.Effect<never, unknown> = () => Effect.die("unset")

const routes = HttpRouter.addAll([
  HttpRouter.route("GET", "/api/fail", Effect.suspend(() => raise())),
  HttpRouter.route("GET", "/admin/fail", Effect.suspend(() => raise())),
  HttpRouter.route("POST", "/oauth/fail", Effect.suspend(() => raise())),
  HttpRouter.route("GET", "/api/items/:id", Effect.succeed(HttpServerResponse.text("item"))),
  HttpRouter.route("POST", "/api/items", Effect.succeed(HttpServerResponse.text("created", { status: 201 }))),
  HttpRouter.route(
    "PATCH",
    "/api/notes/:id",
    Effect.as(
      HttpServerRequest.HttpServerRequest.use((request) => request.json),
      HttpServerResponse.text("patched")
    )
  ),
  HttpRouter.route(
    "POST",
    "/api/validate",
    Effect.gen(function*() {
      yield* HttpServerRequest.schemaBodyJson(Schema.Struct({ name: Schema.NonEmptyString, age: Schema.Int }), {
        errors: "all"
      })
      return HttpServerResponse.text("ok")
    })
  ),
  HttpRouter.route(
    "POST",
    "/admin/echo",
    HttpServerRequest.HttpServerRequest.use((request) =>
      Effect.map(request.text, (text) => HttpServerResponse.text(`${text.length}`))
    )
  ),
  // a pushed authorization request endpoint (RFC 9126 §2): form parameters, POST only
  HttpRouter.route(
    "POST",
    "/oauth/par",
    Effect.gen(function*() {
      const params = yield* HttpServerRequest.schemaBodyUrlParams(Schema.Struct({ client_id: Schema.String }))
      if (params.client_id === "busy") {
        return yield* new ApiError.RateLimited({ message: "Slow down", retryAfter: Duration.seconds(3) })
      }
      return HttpServerResponse.jsonUnsafe({ request_uri: "urn:example:1", expires_in: 60 }, { status: 201 })
    })
  ),
  HttpRouter.route(
    "POST",
    "/api/batch",
    Effect.as(
      HttpServerRequest.schemaBodyJson(
        Schema.Struct({ items: Schema.Array(Schema.String.check(Schema.isPattern(/^https:/))) }),
        { errors: "all" }
      ),
      HttpServerResponse.text("ok")
    )
  ),
  HttpRouter.route(
    "POST",
    "/api/scores",
    Effect.as(
      HttpServerRequest.schemaBodyJson(Schema.Record(Schema.String, Schema.Number)),
      HttpServerResponse.text("ok")
    )
  ),
  HttpRouter.route(
    "GET",
    "/api/whoami",
    Effect.gen(function*() {
      return HttpServerResponse.text(yield* RequestId.RequestId)
    })
  ),
  HttpRouter.route("GET", "/api/plain-error", Effect.succeed(HttpServerResponse.text("gone fishing", { status: 503 }))),
  HttpRouter.route(
    "GET",
    "/api/empty-error/:status",
    (request) => Effect.succeed(HttpServerResponse.empty({ status: Number(request.url.split("/").pop()) }))
  ),
  HttpRouter.route(
    "GET",
    "/api/legal",
    Effect.succeed(HttpServerResponse.text("Unavailable For Legal Reasons", { status: 451 }))
  ),
  HttpRouter.route(
    "GET",
    "/api/html-error",
    Effect.succeed(
      HttpServerResponse.html("<p>for people</p>").pipe(
        HttpServerResponse.setStatus(400)
      )
    )
  )
])

const makeHandler = (debug: boolean) =>
  HttpRouter.toWebHandler(
    routes.pipe(Layer.provide(ServerErrors.layer({ families, debug }))),
    { disableLogger: true }
  )

const app = makeHandler(false)
const debugApp = makeHandler(true)

const quiet = Context.make(References.MinimumLogLevel, "None")

const fetchWith = (handler: typeof app.handler) => (path: string, init?: RequestInit) =>
  Effect.promise(async () => {
    // the 500s these tests raise are logged: keep the test output to the results
    const response = await handler(new Request(`http://localhost${path}`, init), quiet)
    const text = await response.text()
    let json: any
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: response.status, headers: response.headers, text, json }
  })
const call = fetchWith(app.handler)

const failWith = (error: unknown, path = "/api/fail", init?: RequestInit) => {
  raise = () => Effect.fail(error)
  return call(path, init)
}

/**
 * A request body that never ends, made of 64 KiB chunks handed out as the
 * server pulls them: `pulled` is what the server read, `cancelled` whether it
 * let go of the rest.
 */
const endlessBody = () => {
  const chunk = new Uint8Array(65_536).fill(0x20)
  const state = { pulled: 0, cancelled: false }
  const body = new ReadableStream<Uint8Array>({
    pull: (controller) => {
      state.pulled += chunk.byteLength
      controller.enqueue(chunk)
    },
    cancel: () => {
      state.cancelled = true
    }
  }, { highWaterMark: 0 })
  return { body, state }
}

describe("ServerErrors", () => {
  describe("typed errors", () => {
    it.effect("renders a typed error in its route family's dialect", () =>
      Effect.gen(function*() {
        const api = yield* failWith(new ApiError.NotFound({ message: "App not found" }))
        assert.deepStrictEqual([api.status, api.json.error.code, api.json.error.message], [
          404,
          "not_found",
          "App not found"
        ])
        const admin = yield* failWith(new ApiError.NotFound({ resource: "user", message: "No user" }), "/admin/fail")
        assert.deepStrictEqual(admin.json, { error: "user_not_found", error_description: "No user" })
        const oauth = yield* failWith(new ApiError.InvalidGrant(), "/oauth/fail", { method: "POST" })
        assert.deepStrictEqual(oauth.json, { error: "invalid_grant" })
      }))

    it.effect("puts the request id in the header and the envelope's request_id", () =>
      Effect.gen(function*() {
        const reply = yield* failWith(new ApiError.Conflict(), "/api/fail", { headers: { "x-request-id": "r-1" } })
        assert.strictEqual(reply.headers.get("x-request-id"), "r-1")
        assert.strictEqual(reply.json.error.request_id, "r-1")
      }))

    it.effect("provides the request id to handlers", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/whoami", { headers: { "x-request-id": "abc.123" } })
        assert.strictEqual(reply.text, "abc.123")
      }))

    it.effect("9110-01: every 401 carries a challenge, whatever error it is", () =>
      Effect.gen(function*() {
        const errors = yield* Arbitrary.sampleEffect(Arbitrary.schema(Family.Any), { count: 400, seed: 9110 })
        for (const error of errors) {
          const reply = yield* failWith(error)
          if (reply.status === 401) assert.isNotNull(reply.headers.get("www-authenticate"), error._tag)
        }
      }))

    it.effect("6750-09, 9110-08: no credentials is a bare challenge with the realm quoted", () =>
      Effect.gen(function*() {
        const reply = yield* failWith(new ApiError.Unauthorized())
        assert.strictEqual(reply.headers.get("www-authenticate"), `Bearer realm="example"`)
      }))

    it.effect("6750-01, 6750-08: insufficient scope on a protected route carries its challenge", () =>
      Effect.gen(function*() {
        const reply = yield* failWith(new ApiError.InsufficientScope({ scope: ["apps:write"] }))
        assert.strictEqual(reply.status, 403)
        assert.strictEqual(
          reply.headers.get("www-authenticate"),
          `Bearer realm="example", error="insufficient_scope", scope="apps:write"`
        )
      }))

    it.effect("6585-03, 9110-15: a 429 says when in whole seconds and is not cached", () =>
      Effect.gen(function*() {
        const reply = yield* failWith(new ApiError.RateLimited({ retryAfter: Duration.millis(1500) }))
        assert.deepStrictEqual([reply.status, reply.headers.get("retry-after")], [429, "2"])
        assert.strictEqual(reply.headers.get("cache-control"), "no-store")
      }))

    it.effect("6585-01: a 429 explains the condition in every family's body, how long to wait included", () =>
      Effect.gen(function*() {
        const limited = () => new ApiError.RateLimited({ retryAfter: Duration.seconds(3) })
        const api = yield* failWith(limited())
        assert.strictEqual(api.json.error.message, "Too many requests; wait 3 seconds before trying again")
        const admin = yield* failWith(limited(), "/admin/fail")
        assert.strictEqual(admin.json.error_description, "Too many requests; wait 3 seconds before trying again")
        const oauth = yield* failWith(limited(), "/oauth/fail", { method: "POST" })
        assert.deepStrictEqual([oauth.status, oauth.json.error_description], [
          429,
          "Too many requests; wait 3 seconds before trying again"
        ])
        const own = yield* failWith(
          new ApiError.RateLimited({ message: "5 per minute", retryAfter: Duration.seconds(3) })
        )
        assert.strictEqual(own.json.error.message, "5 per minute")
      }))

    it.effect("8628-06: device flow errors are token endpoint errors: 400 with the RFC 6749 §5.2 body", () =>
      Effect.gen(function*() {
        const cases = [
          [new ApiError.AuthorizationPending(), "authorization_pending"],
          [new ApiError.SlowDown(), "slow_down"],
          [new ApiError.AccessDenied(), "access_denied"],
          [new ApiError.DeviceCodeExpired(), "expired_token"]
        ] as const
        for (const [error, code] of cases) {
          const reply = yield* failWith(error, "/oauth/fail", { method: "POST" })
          assert.deepStrictEqual([reply.status, reply.headers.get("content-type"), reply.json.error], [
            400,
            "application/json",
            code
          ])
          assert.strictEqual(reply.headers.get("cache-control"), "no-store")
        }
      }))

    it.effect("6749-11: every OAuth error response is no-store, no-cache", () =>
      Effect.gen(function*() {
        const reply = yield* failWith(new ApiError.InvalidRequest(), "/oauth/fail", { method: "POST" })
        assert.deepStrictEqual([reply.headers.get("cache-control"), reply.headers.get("pragma")], [
          "no-store",
          "no-cache"
        ])
      }))
  })

  describe("the router's failures", () => {
    it.effect("404 for an unknown path, in the fallback family", () =>
      Effect.gen(function*() {
        const reply = yield* call("/elsewhere")
        assert.deepStrictEqual([reply.status, reply.json.error.code], [404, "not_found"])
      }))

    it.effect("a path whose percent-escapes do not decode keeps its family: OAuth's 404, no-store", () =>
      Effect.gen(function*() {
        for (const path of ["/oauth/%", "/oauth/fail%", "/oauth/%zz/x", "/oauth/%E0%A4%A"]) {
          const reply = yield* call(path, { method: "POST" })
          assert.deepStrictEqual([reply.status, reply.json?.error], [404, "invalid_request"], path)
          assert.strictEqual(reply.headers.get("cache-control"), "no-store", path)
        }
      }))

    it.effect("9110-13: 405 with Allow for a known path and another method", () =>
      Effect.gen(function*() {
        const item = yield* call("/api/items/7", { method: "DELETE" })
        assert.deepStrictEqual([item.status, item.headers.get("allow")], [405, "GET, HEAD"])
        assert.strictEqual(item.json.error.code, "method_not_allowed")
        const items = yield* call("/api/items", { method: "GET" })
        assert.deepStrictEqual([items.status, items.headers.get("allow")], [405, "POST"])
      }))

    it.effect("a schema failure is the dialect's validation error with a path per field", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/validate", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "", age: 1.5 })
        })
        assert.strictEqual(reply.status, 422)
        assert.deepStrictEqual(reply.json.error.details.map((issue: { path: string }) => issue.path).sort(), [
          "age",
          "name"
        ])
      }))

    it.effect("a validation error lists the first 100 issues and says how many there were", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/batch", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ items: Array.from({ length: 20_000 }, () => "x") })
        })
        assert.strictEqual(reply.status, 422)
        const details: Array<{ path: string }> = reply.json.error.details
        assert.deepStrictEqual(details.map((issue) => issue.path), Array.from({ length: 100 }, (_, i) => `items.${i}`))
        assert.include(reply.json.error.message, "20000")
        assert.isBelow(reply.text.length, 20_000)
      }))

    it.effect("a field issue's path is cut short when the client sent a long key", () =>
      Effect.gen(function*() {
        const key = "k".repeat(100_000)
        const reply = yield* call("/api/scores", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ [key]: "not a number" })
        })
        assert.strictEqual(reply.status, 422)
        assert.strictEqual(reply.json.error.details.length, 1)
        assert.isAtMost(reply.json.error.details[0].path.length, 256)
        assert.isTrue(key.startsWith(reply.json.error.details[0].path.slice(0, -1)))
        assert.strictEqual(reply.json.error.message, "The request failed validation")
      }))

    it.effect("a body that is not JSON is the dialect's invalid-JSON code", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/validate", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{\"name\":"
        })
        assert.deepStrictEqual([reply.status, reply.json.error.code], [400, "bad_request"])
      }))

    it.effect("9110-14: a body of a media type the family does not take is 415 with Accept", () =>
      Effect.gen(function*() {
        const reply = yield* call("/oauth/par", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}"
        })
        assert.deepStrictEqual([reply.status, reply.headers.get("accept")], [415, "application/x-www-form-urlencoded"])
        assert.strictEqual(reply.json.error, "invalid_request")
      }))

    it.effect("a 415 never repeats the request's media type", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/validate", {
          method: "POST",
          headers: { "content-type": "text/x-evil; <script>alert(1)</script>" },
          body: "x"
        })
        assert.deepStrictEqual([reply.status, reply.headers.get("accept")], [415, "application/json"])
        assert.notInclude(reply.text, "evil")
        assert.notInclude(reply.text, "script")
      }))

    it.effect("5789-01: a 415 to a PATCH lists the patch document types in Accept-Patch", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/notes/7", {
          method: "PATCH",
          headers: { "content-type": "text/plain" },
          body: "name=x"
        })
        assert.deepStrictEqual([reply.status, reply.headers.get("accept-patch")], [415, "application/json"])
        const post = yield* call("/api/validate", {
          method: "POST",
          headers: { "content-type": "text/plain" },
          body: "x"
        })
        assert.isNull(post.headers.get("accept-patch"))
      }))

    it.effect("a GET, HEAD or DELETE with a Content-Type and no body is answered, not refused", () =>
      Effect.gen(function*() {
        for (const method of ["GET", "HEAD"]) {
          const reply = yield* call("/api/items/7", { method, headers: { "content-type": "text/plain" } })
          assert.strictEqual(reply.status, 200, method)
        }
        const deleted = yield* call("/api/items/7", { method: "DELETE", headers: { "content-type": "text/plain" } })
        assert.strictEqual(deleted.status, 405)
        const empty = yield* call("/api/validate", {
          method: "POST",
          headers: { "content-type": "text/plain", "content-length": "0" }
        })
        assert.notStrictEqual(empty.status, 415)
      }))

    it.effect("a handler that fails before it reads the body is answered with its error, not the body's 415", () =>
      Effect.gen(function*() {
        const reply = yield* failWith(new ApiError.Unauthorized(), "/api/fail", {
          method: "GET",
          headers: { "content-type": "text/plain" }
        })
        assert.strictEqual(reply.status, 401)
        const posted = yield* failWith(new ApiError.InvalidClient(), "/oauth/fail", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}"
        })
        assert.deepStrictEqual([posted.status, posted.json.error], [400, "invalid_client"])
      }))

    it.effect("a plain-text or empty error response from a handler keeps its status, in the dialect where it has one", () =>
      Effect.gen(function*() {
        const reply = yield* call("/api/plain-error")
        assert.deepStrictEqual([reply.status, reply.json.error.code], [503, "service_unavailable"])
        for (const [status, code] of [[404, "not_found"], [409, "conflict"], [429, "rate_limit_exceeded"]] as const) {
          const empty = yield* call(`/api/empty-error/${status}`)
          assert.deepStrictEqual([empty.status, empty.json?.error.code], [status, code])
        }
        // statuses the envelope has no code for: kept, in the envelope with their class's x00 code (RFC 9110 §15)
        for (const [status, code] of [[418, "bad_request"], [423, "bad_request"], [451, "bad_request"]] as const) {
          const empty = yield* call(`/api/empty-error/${status}`)
          assert.deepStrictEqual([empty.status, empty.json?.error.code], [status, code])
          assert.isString(empty.headers.get("x-request-id"))
        }
        const storage = yield* call(`/api/empty-error/507`)
        assert.deepStrictEqual([storage.status, storage.json?.error.code], [507, "internal_error"])
        // a 4xx's text is the client's to read
        const legal = yield* call("/api/legal")
        assert.deepStrictEqual([legal.status, legal.json?.error.message], [451, "Unavailable For Legal Reasons"])
        const page = yield* call("/api/html-error")
        assert.deepStrictEqual([page.status, page.text], [400, "<p>for people</p>"])
      }))
  })

  describe("bounded request bodies", () => {
    it.effect("a body over the limit is read no further than the limit and one chunk: 413 in the family's dialect", () =>
      Effect.gen(function*() {
        const { body, state } = endlessBody()
        const reply = yield* call("/api/validate", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
          duplex: "half"
        } as RequestInit)
        assert.deepStrictEqual([reply.status, reply.json.error.code], [413, "payload_too_large"])
        assert.strictEqual(reply.headers.get("connection"), "close")
        assert.isAtMost(state.pulled, Number(ServerErrors.defaultMaxBodySize) + 65_536)
        assert.isTrue(state.cancelled)
      }))

    it.effect("a declared length over the limit is refused before any byte is read", () =>
      Effect.gen(function*() {
        const { body, state } = endlessBody()
        const reply = yield* call("/api/validate", {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": "524288000" },
          body,
          duplex: "half"
        } as RequestInit)
        assert.strictEqual(reply.status, 413)
        assert.isAtMost(state.pulled, 65_536)
      }))

    it.effect("a family's own limit holds for its routes, the server's for the others", () =>
      Effect.gen(function*() {
        const json = (body: string): RequestInit => ({
          method: "POST",
          headers: { "content-type": "application/json" },
          body
        })
        const small = yield* call("/admin/echo", json("x".repeat(4096)))
        assert.deepStrictEqual([small.status, small.text], [200, "4096"])
        const large = yield* call("/admin/echo", json("x".repeat(4097)))
        assert.deepStrictEqual([large.status, large.json.error], [413, "payload_too_large"])
        const api = yield* call("/api/validate", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "x".repeat(100_000), age: 1 })
        })
        assert.strictEqual(api.status, 200)
      }))

    it.effect("9126-04: a pushed authorization request endpoint answers 405, 413 and 429 in OAuth's form", () =>
      Effect.gen(function*() {
        const form = (body: string): RequestInit => ({
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body
        })
        const created = yield* call("/oauth/par", form("client_id=app"))
        assert.strictEqual(created.status, 201)
        const method = yield* call("/oauth/par")
        assert.deepStrictEqual([method.status, method.headers.get("allow"), method.json.error], [
          405,
          "POST",
          "invalid_request"
        ])
        const large = yield* call("/oauth/par", form(`client_id=${"a".repeat(1_100_000)}`))
        assert.deepStrictEqual([large.status, large.json.error], [413, "invalid_request"])
        const limited = yield* call("/oauth/par", form("client_id=busy"))
        assert.deepStrictEqual([limited.status, limited.json.error, limited.headers.get("retry-after")], [
          429,
          "invalid_request",
          "3"
        ])
        for (const reply of [method, large, limited]) assert.strictEqual(reply.headers.get("cache-control"), "no-store")
      }))
  })

  describe("safe by default", () => {
    const secret = new Error("password=hunter2 at db.internal:5432")

    it.effect("a defect is a 500 that says nothing of it", () =>
      Effect.gen(function*() {
        raise = () => Effect.die(secret)
        const reply = yield* call("/api/fail")
        assert.strictEqual(reply.status, 500)
        assert.strictEqual(reply.json.error.code, "internal_error")
        for (const leak of ["hunter2", "db.internal", "Error", "at "]) assert.notInclude(reply.text, leak)
      }))

    it.effect("a 5xx raised in user code reaches the server log with a stack into user code, and only the log", () =>
      Effect.gen(function*() {
        const logged: Array<string> = []
        const recorder = Logger.make(({ cause, message }) => {
          logged.push(`${String(message)}\n${Cause.pretty(cause)}`)
        })
        function chargeCard() {
          return Effect.fail(new ApiError.InternalError({ message: "card processor unreachable" }))
        }
        raise = chargeCard
        const reply = yield* Effect.promise(async () => {
          const response = await app.handler(
            new Request("http://localhost/api/fail", { headers: { "x-request-id": "r-log" } }),
            Context.make(Logger.CurrentLoggers, new Set([recorder]))
          )
          return { status: response.status, text: await response.text() }
        })
        assert.strictEqual(reply.status, 500)
        assert.notInclude(reply.text, "card processor")
        assert.notInclude(reply.text, "chargeCard")
        const log = logged.join("\n")
        assert.include(log, "card processor unreachable")
        assert.include(log, "chargeCard")
        assert.include(log, "ServerErrors.test.ts")
      }))

    it.effect("a handler's log lines carry the request id, and the handler can read it", () =>
      Effect.gen(function*() {
        const annotated: Array<unknown> = []
        const recorder = Logger.make(({ fiber }) => {
          annotated.push(fiber.getRef(References.CurrentLogAnnotations)["requestId"])
        })
        // ServerErrors provides RequestId to every route; `raise` is typed for routes that need nothing
        raise = () =>
          RequestId.RequestId.use((id) =>
            Effect.andThen(Effect.logInfo(`handling ${id}`), Effect.fail(new ApiError.Conflict()))
          ) as Effect.Effect<never, unknown>
        const status = yield* Effect.promise(async () => {
          const response = await app.handler(
            new Request("http://localhost/api/fail", { headers: { "x-request-id": "r-annotated" } }),
            Context.make(Logger.CurrentLoggers, new Set([recorder]))
          )
          return response.status
        })
        assert.strictEqual(status, 409)
        assert.deepStrictEqual(annotated, ["r-annotated"])
      }))

    it.effect("an error nobody declared is a 500 too", () =>
      Effect.gen(function*() {
        const reply = yield* failWith({ reason: "not an ApiError", password: "hunter2" })
        assert.strictEqual(reply.status, 500)
        assert.notInclude(reply.text, "hunter2")
      }))

    it.effect("a request alone never turns debug on", () =>
      Effect.gen(function*() {
        raise = () => Effect.die(secret)
        const reply = yield* call("/admin/fail", { headers: { "x-debug": "true" } })
        assert.notProperty(reply.json, "debug")
        assert.notInclude(reply.text, "hunter2")
      }))

    it.effect("the operator's switch and X-Debug: true together give seed 002's debug member", () =>
      Effect.gen(function*() {
        raise = () => Effect.die(secret)
        const reply = yield* fetchWith(debugApp.handler)("/admin/fail", { headers: { "x-debug": "true" } })
        assert.include(reply.json.debug.stack_trace, "hunter2")
        assert.include(reply.json.error_description, "hunter2")
        const without = yield* fetchWith(debugApp.handler)("/admin/fail")
        assert.notInclude(without.text, "hunter2")
      }))
  })

  describe("CORS", () => {
    const origin = { origin: "https://app.example" }
    const corsApp = (exposedHeaders?: ReadonlyArray<string>) =>
      HttpRouter.toWebHandler(
        Layer.mergeAll(
          routes.pipe(Layer.provide(ServerErrors.layer({ families }))),
          HttpRouter.cors({ allowedOrigins: ["https://app.example"], exposedHeaders })
        ),
        { disableLogger: true }
      )

    it.effect("9449-08: a cross-origin error response exposes its WWW-Authenticate and DPoP-Nonce", () =>
      Effect.gen(function*() {
        const challenge = yield* failWith(new ApiError.InvalidToken(), "/api/fail", { headers: origin })
        assert.strictEqual(challenge.headers.get("access-control-expose-headers"), "www-authenticate")
        const nonce = yield* failWith(new ApiError.UseDpopNonce({ nonce: "eyJ7S_zG.eyJH0-Z.HX4w-7v" }), "/oauth/fail", {
          method: "POST",
          headers: origin
        })
        assert.strictEqual(nonce.headers.get("dpop-nonce"), "eyJ7S_zG.eyJH0-Z.HX4w-7v")
        assert.include(nonce.headers.get("access-control-expose-headers"), "dpop-nonce")
        assert.strictEqual(nonce.headers.get("cache-control"), "no-store")
        // not a cross-origin request: nothing to expose
        const sameOrigin = yield* failWith(new ApiError.InvalidToken(), "/api/fail")
        assert.isNull(sameOrigin.headers.get("access-control-expose-headers"))
      }))

    it.effect("9449-08: with Effect's CORS middleware, its exposed headers and the protocol's are both exposed", () =>
      Effect.gen(function*() {
        for (const exposed of [undefined, ["x-request-id"]]) {
          const { dispose, handler } = corsApp(exposed)
          yield* Effect.addFinalizer(() => Effect.promise(dispose))
          raise = () => Effect.fail(new ApiError.InvalidToken())
          const reply = yield* fetchWith(handler)("/api/fail", { headers: origin })
          assert.strictEqual(reply.status, 401)
          assert.strictEqual(reply.headers.get("access-control-allow-origin"), "https://app.example")
          const names = reply.headers.get("access-control-expose-headers")?.split(/\s*,\s*/) ?? []
          assert.includeMembers(names, ["www-authenticate", ...(exposed ?? [])], String(exposed))
        }
      }))
  })

  describe("content negotiation", () => {
    it.effect("9457-01, 9457-06, 9457-13: a family that allows it answers problem+json on request", () =>
      Effect.gen(function*() {
        const reply = yield* failWith(new ApiError.NotFound({ message: "App not found" }), "/api/fail", {
          headers: { accept: "application/problem+json" }
        })
        assert.strictEqual(reply.headers.get("content-type"), "application/problem+json")
        assert.deepStrictEqual(
          [reply.json.type, reply.json.title, reply.json.status, reply.json.detail],
          ["about:blank", "Not Found", 404, "App not found"]
        )
      }))

    it.effect("9457-05, 9457-08, 9457-12: specific classes get a stable absolute type, one title, safe member names", () =>
      Effect.gen(function*() {
        const first = yield* failWith(new ApiError.InvalidGrant({ message: "a" }), "/api/fail", {
          headers: { accept: "application/problem+json" }
        })
        const second = yield* failWith(new ApiError.InvalidGrant({ message: "b" }), "/api/fail", {
          headers: { accept: "application/problem+json" }
        })
        assert.strictEqual(first.json.type, `${Problem.defaultTypeBase}invalid-grant`)
        assert.isTrue(URL.canParse(first.json.type))
        assert.deepStrictEqual([first.json.type, first.json.title], [second.json.type, second.json.title])
        const validation = yield* failWith(
          new ApiError.ValidationError({ issues: [{ path: "name", message: "is required" }] }),
          "/api/fail",
          { headers: { accept: "application/problem+json", "x-request-id": "r-2" } }
        )
        for (const name of Object.keys(validation.json)) {
          if (!["type", "title", "status", "detail", "instance"].includes(name)) {
            assert.match(name, /^[A-Za-z][A-Za-z0-9_]{2,}$/, name)
          }
        }
      }))

    it.effect("9457-01: q-values decide; application/problem+json;q=0 refuses problem details", () =>
      Effect.gen(function*() {
        const refused = yield* failWith(new ApiError.NotFound(), "/api/fail", {
          headers: { accept: "application/problem+json;q=0, application/json" }
        })
        assert.deepStrictEqual([refused.headers.get("content-type"), refused.json.error.code], [
          "application/json",
          "not_found"
        ])
        const preferred = yield* failWith(new ApiError.NotFound(), "/api/fail", {
          headers: { accept: "application/json;q=0.5, application/problem+json" }
        })
        assert.strictEqual(preferred.headers.get("content-type"), "application/problem+json")
        const second = yield* failWith(new ApiError.NotFound(), "/api/fail", {
          headers: { accept: "application/json, application/problem+json;q=0.9" }
        })
        assert.strictEqual(second.headers.get("content-type"), "application/json")
      }))

    it.effect("an error response whose format Accept chose says Vary: Accept, whichever format it is", () =>
      Effect.gen(function*() {
        for (const accept of [undefined, "application/json", "application/problem+json"]) {
          const init = accept === undefined ? {} : { headers: { accept } }
          assert.strictEqual(
            (yield* failWith(new ApiError.NotFound(), "/api/fail", init)).headers.get("vary"),
            "Accept"
          )
          assert.strictEqual((yield* call("/nowhere", init)).headers.get("vary"), "Accept")
        }
        // the OAuth family speaks one dialect whatever the request accepts
        const oauth = yield* failWith(new ApiError.InvalidGrant(), "/oauth/fail", { method: "POST" })
        assert.isNull(oauth.headers.get("vary"))
      }))

    it.effect("a family that does not allow it keeps its own dialect", () =>
      Effect.gen(function*() {
        const reply = yield* failWith(new ApiError.InvalidGrant(), "/oauth/fail", {
          method: "POST",
          headers: { accept: "application/problem+json" }
        })
        assert.strictEqual(reply.headers.get("content-type"), "application/json")
      }))
  })

  describe("Effect's own failures, with their meaning (Failures)", () => {
    const familyRoutes = [["api", "/api/fail", "GET"], ["flat", "/admin/fail", "GET"], [
      "oauth",
      "/oauth/fail",
      "POST"
    ]] as const
    for (const [family, path, method] of familyRoutes) {
      it.effect(`${family}: each SQL, HTTP client and timeout failure answers as its class does in the family's dialect`, () =>
        Effect.gen(function*() {
          const dialect = families.families.find((candidate) => candidate.name === family)!.dialect
          for (const [what, failure, tag, status] of failureCases) {
            const reply = yield* failWith(failure, path, { method, headers: { "x-request-id": "req-1" } })
            const expected = dialect.encode(Failures.toApiError(failure)!, {
              requestId: "req-1",
              challenge: families.families.find((candidate) => candidate.name === family)!.challenge
            })
            assert.deepStrictEqual([reply.status, Failures.toApiError(failure)!._tag], [status, tag], what)
            assert.deepStrictEqual(reply.json, JSON.parse(expected.body), what)
            // a database's or an upstream's words never reach the client
            assert.notInclude(reply.text, "bob@example.com", what)
            assert.notInclude(reply.text, "10.0.0.3", what)
          }
        }))
    }

    it.effect("the table is the operator's to override, kind by kind", () =>
      Effect.gen(function*() {
        const overridden = HttpRouter.toWebHandler(
          routes.pipe(Layer.provide(ServerErrors.layer({
            families,
            failures: { SqlConnectionError: () => new ApiError.Conflict() }
          }))),
          { disableLogger: true }
        )
        raise = () => Effect.fail(sql(new SqlError.ConnectionError(base)))
        const reply = yield* fetchWith(overridden.handler)("/api/fail")
        assert.deepStrictEqual([reply.status, reply.json.error.code], [409, "conflict"])
        yield* Effect.promise(overridden.dispose)
      }))
  })

  describe("Effect's own HttpApiError classes", () => {
    const effectErrors = [
      HttpApiError.BadRequest,
      HttpApiError.Unauthorized,
      HttpApiError.Forbidden,
      HttpApiError.NotFound,
      HttpApiError.Conflict,
      HttpApiError.Gone,
      HttpApiError.RequestTimeout,
      HttpApiError.NotAcceptable,
      HttpApiError.UnprocessableEntity,
      HttpApiError.InternalServerError,
      HttpApiError.NotImplemented,
      HttpApiError.ServiceUnavailable
    ] as const
    for (
      const [family, path, method] of [["api", "/api/fail", "GET"], ["flat", "/admin/fail", "GET"], [
        "oauth",
        "/oauth/fail",
        "POST"
      ]] as const
    ) {
      it.effect(`${family}: each renders as the class of its status does in the family's dialect`, () =>
        Effect.gen(function*() {
          const { challenge, dialect } = families.families.find((candidate) => candidate.name === family)!
          for (const errorClass of effectErrors) {
            const failure = new errorClass()
            const reply = yield* failWith(failure, path, { method, headers: { "x-request-id": "req-1" } })
            const status = (yield* HttpServerRespondable.toResponse(failure)).status
            // the class that means the status (Catalog's generic class), or an UnknownError keeping it
            const generic = Catalog.genericClassOf(status)
            const meant = generic === undefined
              ? new ApiError.UnknownError({ code: "", status })
              : new (generic as unknown as new(input: object) => ApiError.ApiError)({})
            const expected = dialect.encode(meant, { requestId: "req-1", challenge })
            // its status, unless the dialect writes the class at another (OAuth: a 422 is invalid_request, 400)
            assert.deepStrictEqual([reply.status, expected.status === status || family === "oauth"], [
              expected.status,
              true
            ], failure._tag)
            assert.deepStrictEqual(reply.json, JSON.parse(expected.body), failure._tag)
          }
        }))
    }

    it.effect("a MethodNotAllowed of Effect's lists the methods the path has in Allow (RFC 9110 §15.5.6)", () =>
      Effect.gen(function*() {
        const reply = yield* failWith(new HttpApiError.MethodNotAllowed(), "/api/fail")
        assert.strictEqual(reply.status, 405)
        assert.strictEqual(reply.headers.get("allow"), "GET, HEAD")
      }))
  })

  describe("operator options from Config (layerConfig)", () => {
    /** Builds the layer alone, with its configuration from `provider`: how it fails is how the server would start. */
    const serveWith = (provider: ConfigProvider.ConfigProvider) =>
      Effect.exit(
        Layer.build(ServerErrors.layerConfig({ families })).pipe(
          Effect.provide(Layer.mergeAll(ConfigProvider.layer(provider), HttpRouter.layer)),
          Effect.scoped
        )
      )

    it.effect("reads FAULTLINE_* from a ConfigProvider: debug, body limit, problem details, the request id policy", () =>
      Effect.gen(function*() {
        const provider = ConfigProvider.fromUnknown({
          FAULTLINE_DEBUG: "true",
          FAULTLINE_MAX_BODY_SIZE: "16",
          FAULTLINE_PROBLEM_DETAILS: "false",
          FAULTLINE_REQUEST_ID_HEADER: "X-Correlation-ID",
          FAULTLINE_TRUST_REQUEST_ID: "false"
        })
        const operator = yield* ServerErrors.config.parse(provider)
        assert.deepStrictEqual(
          [
            operator.debug,
            ByteSize.toNumberUnsafe(ByteSize.fromInputUnsafe(operator.maxBodySize!)),
            operator.problemDetails,
            operator.requestId
          ],
          [true, 16, false, { header: "x-correlation-id", trustIncoming: false }]
        )
        const configured = HttpRouter.toWebHandler(
          routes.pipe(
            Layer.provide(ServerErrors.layerConfig({ families })),
            Layer.provide(ConfigProvider.layer(provider))
          ),
          { disableLogger: true }
        )
        const call = fetchWith(configured.handler)
        // problem details off: the family's own dialect, whatever Accept prefers
        raise = () => Effect.fail(new ApiError.NotFound())
        const found = yield* call("/api/fail", {
          headers: { accept: "application/problem+json", "x-correlation-id": "client-chosen" }
        })
        assert.strictEqual(found.headers.get("content-type"), "application/json")
        assert.strictEqual(found.json.error.code, "not_found")
        // the request id in the configured header, the client's replaced: incoming ids are not trusted
        const id = found.headers.get("x-correlation-id")!
        assert.notStrictEqual(id, "client-chosen")
        assert.isNull(found.headers.get("x-request-id"))
        assert.strictEqual(found.json.error.request_id, id)
        // a body over 16 bytes is refused
        const large = yield* call("/api/validate", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "a long enough name", age: 1 })
        })
        assert.strictEqual(large.status, 413)
        // debug on: a 5xx shows its message to a request that asks
        raise = () => Effect.fail(new ApiError.InternalError({ message: "the cache is cold" }))
        const debugged = yield* call("/api/fail", { headers: { "x-debug": "true" } })
        assert.include(debugged.text, "the cache is cold")
        yield* Effect.promise(configured.dispose)
      }))

    it.effect("defaults without any FAULTLINE_* set: debug off, 1 MiB, problem details on, x-request-id trusted", () =>
      Effect.gen(function*() {
        const operator = yield* ServerErrors.config.parse(ConfigProvider.fromUnknown({}))
        assert.deepStrictEqual(
          [
            operator.debug,
            ByteSize.toNumberUnsafe(ByteSize.fromInputUnsafe(operator.maxBodySize!)),
            operator.problemDetails
          ],
          [false, 1_048_576, true]
        )
        assert.deepStrictEqual(operator.requestId, { header: "x-request-id", trustIncoming: true })
      }))

    it.effect("a value that does not parse fails the layer with a ConfigError naming it", () =>
      Effect.gen(function*() {
        for (
          const [name, value] of [
            ["FAULTLINE_DEBUG", "perhaps"],
            ["FAULTLINE_MAX_BODY_SIZE", "a lot"],
            ["FAULTLINE_REQUEST_ID_HEADER", "bad header"]
          ] as const
        ) {
          const exit = yield* serveWith(ConfigProvider.fromUnknown({ [name]: value }))
          assert.isTrue(Exit.isFailure(exit), name)
          assert.include(Cause.pretty((exit as Exit.Failure<unknown, unknown>).cause), name)
        }
      }))
  })

  describe("traces and metrics", () => {
    // toWebHandler opens the request's server span (HttpMiddleware.tracer), as HttpServer.serve does
    const traced = HttpRouter.toWebHandler(
      routes.pipe(Layer.provide(ServerErrors.layer({ families }))),
      { disableLogger: true }
    )
    const callTraced = (path: string, recorder: ReturnType<typeof recording>, init?: RequestInit) =>
      Effect.promise(async () => {
        const context = Context.make(References.MinimumLogLevel, "None").pipe(
          Context.add(Tracer.Tracer, recorder.tracer),
          Context.add(Metric.MetricRegistry, recorder.registry)
        )
        const response = await traced.handler(new Request(`http://localhost${path}`, init), context)
        return { status: response.status, text: await response.text(), headers: response.headers }
      })

    it.effect("a rendered 4xx annotates the request's span: error.type, status, dialect, family, wire code, request id", () =>
      Effect.gen(function*() {
        const recorder = recording()
        raise = () => Effect.fail(new ApiError.NotFound({ resource: "app" }))
        const reply = yield* callTraced("/api/fail", recorder, { headers: { "x-request-id": "req-42" } })
        assert.strictEqual(reply.status, 404)
        assert.strictEqual(JSON.parse(reply.text).error.code, "not_found")
        const span = recorder.spans.find((span) => span.kind === "server")!
        assert.deepInclude(Object.fromEntries(span.attributes), {
          "error.type": "NotFound",
          "http.response.status_code": 404,
          "faultline.dialect": "envelope",
          "faultline.family": "api",
          "faultline.code": "not_found",
          "faultline.request_id": "req-42"
        })
        assert.deepStrictEqual(span.events.filter(([name]) => name === "exception"), [])
      }))

    it.effect("a rendered 5xx records its cause on the span as an exception event, never in the response", () =>
      Effect.gen(function*() {
        const recorder = recording()
        raise = () => Effect.die(new Error("connection to 10.0.0.3 reset"))
        const reply = yield* callTraced("/admin/fail", recorder)
        assert.strictEqual(reply.status, 500)
        assert.notInclude(reply.text, "10.0.0.3")
        const span = recorder.spans.find((span) => span.kind === "server")!
        assert.strictEqual(span.attributes.get("error.type"), "InternalError")
        const exception = span.events.find(([name]) => name === "exception")![2]
        assert.strictEqual(exception["exception.message"], "connection to 10.0.0.3 reset")
        assert.include(exception["exception.stacktrace"] as string, "connection to 10.0.0.3 reset")
      }))

    it.effect("rendered errors are counted by tag, status, dialect and family", () =>
      Effect.gen(function*() {
        const recorder = recording()
        raise = () => Effect.fail(new ApiError.RateLimited())
        yield* callTraced("/api/fail", recorder)
        yield* callTraced("/api/fail", recorder)
        yield* callTraced("/admin/fail", recorder)
        yield* callTraced("/nowhere-at-all", recorder)
        const count = (attributes: Record<string, string>) =>
          counted("faultline.server.errors", attributes).pipe(
            Effect.provideService(Metric.MetricRegistry, recorder.registry)
          )
        assert.strictEqual(yield* count({ "error.type": "RateLimited", "faultline.family": "api" }), 2)
        assert.strictEqual(
          yield* count({
            "error.type": "RateLimited",
            "faultline.dialect": "flat",
            "http.response.status_code": "429"
          }),
          1
        )
        assert.strictEqual(yield* count({ "error.type": "NotFound", "faultline.family": "api" }), 1)
      }))
  })
})

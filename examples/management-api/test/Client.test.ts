/**
 * The whole stack over loopback: the example server raises typed errors, the
 * client decodes each response back into the class the server raised. Where a
 * dialect has no code for a class, the client gets what the wire carried, and
 * the table says so.
 */
import { NodeHttpServer } from "@effect/platform-node"
import { assert, layer } from "@effect/vitest"
import type { ApiError } from "@faultline/errors"
import { ClientErrors, Retry } from "@faultline/platform-http"
import { type Dialect, Envelope, Flat, OAuth } from "@faultline/wire"
import { Duration, Effect, Layer, Result } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest, HttpRouter, HttpServer } from "effect/http"
import { TestClock } from "effect/testing"
import { createServer } from "node:http"
import * as App from "../src/App.ts"
import * as Billing from "../src/Billing.ts"

const Server = HttpRouter.serve(
  App.make({ issuer: "http://127.0.0.1", rateLimit: { requests: 1, window: Duration.seconds(2) } }),
  { disableLogger: true, disableListenLog: true }
).pipe(
  Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
  Layer.provideMerge(FetchHttpClient.layer)
)

const baseUrl = Effect.gen(function*() {
  const server = yield* HttpServer.HttpServer
  return `http://127.0.0.1:${(server.address as { readonly port: number }).port}`
})

const failureOf = (request: HttpClientRequest.HttpClientRequest, dialect: Dialect.Dialect<string, any>) =>
  Effect.gen(function*() {
    const client = (yield* HttpClient.HttpClient).pipe(ClientErrors.decode({ dialect }))
    const base = yield* baseUrl
    const result = yield* Effect.result(client.execute(HttpClientRequest.prependUrl(request, base)))
    assert.isTrue(Result.isFailure(result), request.url)
    return (result as Result.Failure<unknown, ApiError.ApiError>).failure
  })

const bearer = (token: string) => HttpClientRequest.bearerToken(token)
const json = (body: unknown) => HttpClientRequest.bodyJsonUnsafe(body)
const basic = (id: string, secret: string) => HttpClientRequest.basicAuth(id, secret)
const form = (body: Record<string, string>) => HttpClientRequest.bodyUrlParams(body)

/** Request, dialect of its family, the class the server raises, the class the client gets (when not the same), why. */
const cases: ReadonlyArray<
  readonly [string, HttpClientRequest.HttpClientRequest, Dialect.Dialect<string, any>, string, string?, string?]
> = [
  ["no token", HttpClientRequest.get("/api/v2/me"), Envelope.dialect, "Unauthorized"],
  ["unknown token", HttpClientRequest.get("/api/v2/me").pipe(bearer("nope")), Envelope.dialect, "InvalidToken"],
  [
    "expired token on a resource route",
    HttpClientRequest.get("/api/v2/me").pipe(bearer("expired-token")),
    Envelope.dialect,
    "TokenExpired",
    "InvalidToken",
    "the envelope has no code for it; its challenge says invalid_token (RFC 6750 §3.1)"
  ],
  [
    "expired token on an admin route",
    HttpClientRequest.get("/api/admin/users/u_bob").pipe(bearer("expired-token")),
    Flat.dialect,
    "TokenExpired"
  ],
  [
    "missing app",
    HttpClientRequest.get("/api/v2/apps/app_404").pipe(bearer("alice-token")),
    Envelope.dialect,
    "NotFound"
  ],
  [
    "another owner's app",
    HttpClientRequest.get("/api/v2/apps/app_2").pipe(bearer("alice-token")),
    Envelope.dialect,
    "Forbidden"
  ],
  [
    "missing scope",
    HttpClientRequest.post("/api/v2/apps").pipe(bearer("bob-token"), json({ name: "x", redirect_uris: [] })),
    Envelope.dialect,
    "InsufficientScope"
  ],
  [
    "invalid app",
    HttpClientRequest.post("/api/v2/apps").pipe(bearer("alice-token"), json({ name: "" })),
    Envelope.dialect,
    "ValidationError"
  ],
  [
    "body that is not JSON (resource)",
    HttpClientRequest.post("/api/v2/apps").pipe(
      bearer("alice-token"),
      HttpClientRequest.bodyText("{", "application/json")
    ),
    Envelope.dialect,
    "InvalidJson",
    "BadRequest",
    "the envelope has no invalid-JSON code; its generic 400 is bad_request"
  ],
  [
    "body that is not JSON (admin)",
    HttpClientRequest.post("/api/admin/users").pipe(
      bearer("admin-token"),
      HttpClientRequest.bodyText("{", "application/json")
    ),
    Flat.dialect,
    "InvalidJson"
  ],
  [
    "unsupported media type",
    HttpClientRequest.post("/api/v2/apps").pipe(bearer("alice-token"), HttpClientRequest.bodyText("x", "text/plain")),
    Envelope.dialect,
    "UnsupportedMediaType"
  ],
  ["wrong method", HttpClientRequest.put("/api/v2/me"), Envelope.dialect, "MethodNotAllowed"],
  ["unknown route", HttpClientRequest.get("/nowhere"), Envelope.dialect, "NotFound"],
  [
    "missing user",
    HttpClientRequest.get("/api/admin/users/u_nobody").pipe(bearer("admin-token")),
    Flat.dialect,
    "NotFound"
  ],
  [
    "email taken",
    HttpClientRequest.post("/api/admin/users").pipe(
      bearer("admin-token"),
      json({ email: "bob@example.com", name: "B" })
    ),
    Flat.dialect,
    "AlreadyExists"
  ],
  [
    "defect",
    HttpClientRequest.get("/api/admin/users/u_legacy").pipe(bearer("admin-token")),
    Flat.dialect,
    "InternalError"
  ],
  [
    "declined card (a user-declared class in a user-declared dialect)",
    HttpClientRequest.post("/api/billing/charges").pipe(
      bearer("alice-token"),
      json({ amount: 1200, card: "4000000000000002" })
    ),
    Billing.dialect,
    "CardDeclined"
  ],
  [
    "missing charge",
    HttpClientRequest.get("/api/billing/charges/ch_nope").pipe(bearer("alice-token")),
    Billing.dialect,
    "NotFound"
  ],
  [
    "missing refresh_token",
    HttpClientRequest.post("/oauth/token").pipe(
      basic("demo-client", "demo-secret"),
      form({ grant_type: "refresh_token" })
    ),
    OAuth.dialect,
    "InvalidRequest"
  ],
  [
    "bad client secret",
    HttpClientRequest.post("/oauth/token").pipe(
      basic("demo-client", "nope"),
      form({ grant_type: "client_credentials" })
    ),
    OAuth.dialect,
    "InvalidClient"
  ],
  [
    "bad refresh token",
    HttpClientRequest.post("/oauth/token").pipe(
      basic("demo-client", "demo-secret"),
      form({ grant_type: "refresh_token", refresh_token: "nope" })
    ),
    OAuth.dialect,
    "InvalidGrant"
  ],
  [
    "unsupported grant",
    HttpClientRequest.post("/oauth/token").pipe(basic("demo-client", "demo-secret"), form({ grant_type: "password" })),
    OAuth.dialect,
    "UnsupportedGrantType"
  ],
  [
    "scope not allowed",
    HttpClientRequest.post("/oauth/token").pipe(
      basic("demo-client", "demo-secret"),
      form({ grant_type: "client_credentials", scope: "admin" })
    ),
    OAuth.dialect,
    "InvalidScope"
  ],
  [
    "bad redirect URI",
    HttpClientRequest.post("/oauth/register").pipe(json({ redirect_uris: ["http://evil.example/cb"] })),
    OAuth.dialect,
    "InvalidRedirectUri"
  ],
  [
    "bad client metadata",
    HttpClientRequest.post("/oauth/register").pipe(json({ redirect_uris: ["https://a.example/cb"], client_name: 7 })),
    OAuth.dialect,
    "InvalidClientMetadata"
  ]
]

layer(Server)("the client against the example server", (it) => {
  for (const [what, request, dialect, raised, received, why] of cases) {
    it.effect(`${what}: the server raises ${raised}, the client gets ${received ?? "the same class"}${why ? ` (${why})` : ""}`, () =>
      Effect.gen(function*() {
        const error = yield* failureOf(request, dialect)
        assert.strictEqual(error._tag, received ?? raised)
        assert.isString(error.requestId ?? error.response?.headers["x-request-id"])
      }))
  }

  it.effect("keeps the typed fields: scope, field issues, Allow, resource", () =>
    Effect.gen(function*() {
      const scope = yield* failureOf(cases[6]![1], Envelope.dialect)
      assert.deepStrictEqual((scope as ApiError.InsufficientScope).scope, ["apps:write"])
      const issues = yield* failureOf(cases[7]![1], Envelope.dialect)
      assert.deepStrictEqual((issues as ApiError.ValidationError).issues.map((issue) => issue.path).sort(), [
        "name",
        "redirect_uris"
      ])
      const method = yield* failureOf(cases[11]![1], Envelope.dialect)
      assert.deepStrictEqual((method as ApiError.MethodNotAllowed).allow, ["GET", "HEAD"])
      const user = yield* failureOf(cases[13]![1], Flat.dialect)
      assert.strictEqual((user as ApiError.NotFound).resource, "user")
    }))

  it.effect("reads a user-declared class with its own field, typed, and matches it by tag", () =>
    Effect.gen(function*() {
      const base = yield* baseUrl
      const client = (yield* HttpClient.HttpClient).pipe(ClientErrors.decode({ dialect: Billing.dialect }))
      const charge = (card: string) =>
        client.execute(
          HttpClientRequest.post(`${base}/api/billing/charges`).pipe(
            bearer("alice-token"),
            json({ amount: 1200, card })
          )
        ).pipe(
          Effect.as("charged"),
          Effect.catchTag("CardDeclined", (error) => Effect.succeed(`declined: ${error.declineCode}`))
        )
      assert.strictEqual(yield* charge("4000000000009987"), "declined: lost_card")
      assert.strictEqual(yield* charge("4242424242424242"), "charged")
    }))

  it.effect("retries a 429 after the Retry-After the server sent, then succeeds", () =>
    // the server's rate limit runs on real time, so the retry waits on it too
    TestClock.withLive(Effect.gen(function*() {
      const base = yield* baseUrl
      const client = (yield* HttpClient.HttpClient).pipe(
        ClientErrors.decode({ dialect: Envelope.dialect }),
        Retry.retry({ times: 2, maxWait: "5 seconds" })
      )
      const request = HttpClientRequest.get(`${base}/api/v2/integration-providers`).pipe(bearer("admin-token"))
      yield* client.execute(request) // uses the one request of the window
      const started = Date.now()
      const response = yield* client.execute(request)
      const waited = Date.now() - started
      assert.strictEqual(response.status, 200)
      assert.isAtLeast(waited, 900)
    })), { timeout: 15_000 })
})

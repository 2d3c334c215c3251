/**
 * The client side of the example: `pnpm client`. Starts the example server on
 * a free loopback port in this process (one request a second on the rate
 * limited route), then calls it as an Effect client would — every error
 * response comes back as the typed error the server raised.
 */
import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import { ClientErrors, Retry } from "@faultline/platform-http"
import { Envelope, Flat, OAuth } from "@faultline/wire"
import { Console, Duration, Effect, Layer } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest, HttpRouter, HttpServer } from "effect/http"
import { createServer } from "node:http"
import * as App from "./App.ts"
import * as Billing from "./Billing.ts"

const program = Effect.gen(function*() {
  const address = (yield* HttpServer.HttpServer).address as { readonly port: number }
  const base = `http://127.0.0.1:${address.port}`
  const http = (yield* HttpClient.HttpClient).pipe(HttpClient.mapRequest(HttpClientRequest.prependUrl(base)))

  // 1. The resource routes speak seed 000's envelope: failures are that dialect's union, typed, and the
  //    handler list below is exhaustive — the annotated type (no error left) fails to compile without any case.
  const resources = http.pipe(ClientErrors.decode({ dialect: Envelope.dialect }))
  const say = (error: { readonly _tag: string; readonly message: string }) =>
    Effect.succeed(`${error._tag}: ${error.message}`)
  const getApp = (id: string): Effect.Effect<string> =>
    resources.get(`/api/v2/apps/${id}`, { headers: { authorization: "Bearer alice-token" } }).pipe(
      Effect.flatMap((response) => response.json),
      Effect.as(`found ${id}`),
      Effect.catchTags({
        NotFound: (error) => Effect.succeed(`NotFound (${error.status}): ${error.message}, request ${error.requestId}`),
        Forbidden: (error) => Effect.succeed(`Forbidden (${error.status}): ${error.message}`),
        RateLimited: (error) => Effect.succeed(`RateLimited: retry after ${String(error.retryAfter)}`),
        MethodNotAllowed: (error) => Effect.succeed(`MethodNotAllowed: use ${error.allow.join(" or ")}`),
        ValidationError: (error) => Effect.succeed(error.issues.map((issue) => issue.path).join(", ")),
        UnknownError: (error) => Effect.succeed(`UnknownError ${error.code} (${error.status})`),
        Undecodable: (error) => Effect.succeed(`Undecodable ${error.reason} (${error.status})`),
        HttpClientError: (error) => Effect.succeed(`transport: ${error.message}`),
        // seed 000's other codes, and what a WWW-Authenticate challenge can say instead (RFC 6750 §3)
        BadRequest: say,
        Unauthorized: say,
        Conflict: say,
        PayloadTooLarge: say,
        UnsupportedMediaType: say,
        InternalError: say,
        ServiceUnavailable: say,
        InvalidRequest: say,
        InvalidToken: say,
        InsufficientScope: say,
        InvalidDpopProof: say,
        UseDpopNonce: say,
        InsufficientUserAuthentication: say
      })
    )
  yield* Console.log("GET /api/v2/apps/app_404 →", yield* getApp("app_404"))
  yield* Console.log("GET /api/v2/apps/app_2   →", yield* getApp("app_2"))

  // 2. Seed 002's admin routes use the flat form, which names the resource that was not found.
  const admin = http.pipe(ClientErrors.decode({ dialect: Flat.dialect }))
  const missingUser = yield* admin.get("/api/admin/users/u_nobody", {
    headers: { authorization: "Bearer admin-token" }
  }).pipe(Effect.flip)
  yield* Console.log(
    "GET /api/admin/users/u_nobody →",
    missingUser._tag,
    missingUser._tag === "NotFound" ? `resource=${missingUser.resource}` : ""
  )

  // 3. The OAuth routes speak RFC 6749: the token endpoint's errors are their own classes.
  const oauth = http.pipe(ClientErrors.decode({ dialect: OAuth.dialect }))
  const grant = yield* oauth.execute(
    HttpClientRequest.post("/oauth/token").pipe(
      HttpClientRequest.basicAuth("demo-client", "demo-secret"),
      HttpClientRequest.bodyUrlParams({ grant_type: "refresh_token", refresh_token: "stolen" })
    )
  ).pipe(Effect.flip)
  yield* Console.log("POST /oauth/token (bad refresh token) →", grant._tag, JSON.stringify(grant.message))

  // 4. The billing routes speak a dialect this example declares itself (Billing.ts): its own class, its own code,
  //    its own wire shape. The union is the dialect's declaration; leaving out any case is a compile error.
  const billing = http.pipe(ClientErrors.decode({ dialect: Billing.dialect }))
  const pay = (card: string): Effect.Effect<string> =>
    billing.execute(
      HttpClientRequest.post("/api/billing/charges").pipe(
        HttpClientRequest.bearerToken("alice-token"),
        HttpClientRequest.bodyJsonUnsafe({ amount: 1200, card })
      )
    ).pipe(
      Effect.as("charged"),
      Effect.catchTags({
        CardDeclined: (error) => Effect.succeed(`CardDeclined (${error.status}): ${error.declineCode}`),
        ValidationError: (error) => Effect.succeed(`invalid ${error.issues.map((issue) => issue.path).join(", ")}`),
        RateLimited: (error) => Effect.succeed(`RateLimited: retry after ${String(error.retryAfter)}`),
        UnknownError: (error) => Effect.succeed(`UnknownError ${error.code} (${error.status})`),
        Undecodable: (error) => Effect.succeed(`Undecodable ${error.reason} (${error.status})`),
        HttpClientError: (error) => Effect.succeed(`transport: ${error.message}`),
        // the generic codes the billing dialect has, and what a WWW-Authenticate challenge can say instead
        BadRequest: say,
        Unauthorized: say,
        PaymentRequired: say,
        Forbidden: say,
        NotFound: say,
        MethodNotAllowed: say,
        RequestTimeout: say,
        Conflict: say,
        Gone: say,
        PreconditionFailed: say,
        PayloadTooLarge: say,
        UnsupportedMediaType: say,
        InternalError: say,
        BadGateway: say,
        NotImplemented: say,
        ServiceUnavailable: say,
        GatewayTimeout: say,
        InvalidRequest: say,
        InvalidToken: say,
        InsufficientScope: say,
        InvalidDpopProof: say,
        UseDpopNonce: say,
        InsufficientUserAuthentication: say
      })
    )
  yield* Console.log("POST /api/billing/charges (a declining card) →", yield* pay("4000000000009995"))
  yield* Console.log("POST /api/billing/charges (a good card)      →", yield* pay("4242424242424242"))

  // 5. A 429 says how long to wait: the retry policy waits exactly that, then the call succeeds.
  const path = "/api/v2/integration-providers"
  const asAdmin = { headers: { authorization: "Bearer admin-token" } }
  yield* http.get(path, asAdmin) // the one request the window allows
  const refused = yield* http.get(path, asAdmin)
  yield* Console.log(`GET ${path} again → ${refused.status}, Retry-After: ${refused.headers["retry-after"]}`)
  const limited = resources.pipe(Retry.retry({ times: 2, maxWait: "5 seconds" }))
  const started = Date.now()
  const retried = yield* limited.get(path, asAdmin)
  yield* Console.log(
    `the same call through Retry.retry → ${retried.status} after ${
      ((Date.now() - started) / 1000).toFixed(1)
    } s (it was refused, waited as told, and tried again)`
  )
})

const Server = HttpRouter.serve(
  App.make({ issuer: "http://127.0.0.1", rateLimit: { requests: 1, window: Duration.seconds(1) } }),
  { disableLogger: true, disableListenLog: true }
).pipe(
  Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
  Layer.provideMerge(FetchHttpClient.layer)
)

program.pipe(Effect.provide(Server), NodeRuntime.runMain)

/**
 * The three packages as a user installs them: a server and a client of it, in one process (the client's `fetch`
 * is the server's web handler). Exits non-zero when the round trip is not what the libraries promise.
 */
import { ApiError, Catalog } from "@faultline/errors"
import { ClientErrors, Retry, RouteFamily, ServerErrors } from "@faultline/platform-http"
import { Detect, Dialect, Envelope, Flat } from "@faultline/wire"
import { Effect, Layer } from "effect"
import { FetchHttpClient, HttpClient, HttpRouter, HttpServerResponse } from "effect/http"
import * as assert from "node:assert/strict"

const families = RouteFamily.table([
  { name: "admin", paths: ["/api/admin/*"], dialect: Flat.dialect },
  { name: "resource", paths: ["/api/v2/*"], dialect: Envelope.dialect }
], { fallback: "resource" })

let calls = 0
const Routes = Layer.mergeAll(
  HttpRouter.add("GET", "/api/v2/apps/:id", Effect.fail(new ApiError.NotFound({ resource: "app", message: "No app" }))),
  HttpRouter.add(
    "GET",
    "/api/admin/users/:id",
    Effect.gen(function*() {
      if (++calls === 1) return yield* new ApiError.ServiceUnavailable()
      return HttpServerResponse.jsonUnsafe({ id: "u_1" })
    })
  )
)
const { dispose, handler } = HttpRouter.toWebHandler(Routes.pipe(Layer.provide(ServerErrors.layer({ families }))), {
  disableLogger: true
})

const program = Effect.gen(function*() {
  const client = yield* HttpClient.HttpClient
  const resources = client.pipe(ClientErrors.decode({ dialect: Envelope.dialect }))
  const missing = yield* resources.get("http://api.test/api/v2/apps/app_1").pipe(Effect.flip)
  assert.equal(missing._tag, "NotFound")
  assert.deepEqual([missing.status, missing.message, typeof missing.requestId], [404, "No app", "string"])

  const admin = client.pipe(
    ClientErrors.decode({ dialect: Flat.dialect }),
    Retry.retry({ times: 2, base: "10 millis" })
  )
  const user = yield* (yield* admin.get("http://api.test/api/admin/users/u_1")).json
  assert.deepEqual([user, calls], [{ id: "u_1" }, 2])
})

await Effect.runPromise(program.pipe(
  Effect.provide(FetchHttpClient.layer),
  Effect.provideService(FetchHttpClient.Fetch, (input, init) => handler(new Request(input, init)))
))
await dispose()

const detected = Detect.decodeAny({ status: 404, body: `{"code":"USER_NOT_EXIST","description":"No user 42"}` })
assert.deepEqual([detected.dialect, detected.error._tag], ["code-description", "NotFound"])
assert.equal(Dialect.lookup(Envelope.dialect, "rate_limit_exceeded").class, ApiError.RateLimited)
assert.equal(Catalog.lookup("USER_NOT_EXIST").class, ApiError.NotFound)
console.log(`pack check: a server and its client on Node ${process.versions.node}, from the packed packages`)

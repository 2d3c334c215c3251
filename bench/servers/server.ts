/**
 * The servers goal 4 loads, one per process: `node servers/server.ts <kind>`
 * listens on a free loopback port and prints `listening <port>`. Every kind
 * answers `GET /api/apps/:id` with the same 404 in the envelope dialect,
 * echoing the request's `X-Request-ID`:
 *
 * - `node`: bare `node:http`, the body written with `JSON.stringify`;
 * - `effect`: an Effect router answering the 404 directly;
 * - `faultline`: the same router failing with `ApiError.NotFound`, rendered
 *   by `ServerErrors.layer`.
 *
 * Both Effect servers run without the request logger, so neither pays for it.
 */
import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import { ApiError } from "@faultline/errors"
import { RouteFamily, ServerErrors } from "@faultline/platform-http"
import { Envelope } from "@faultline/wire"
import { Effect, Layer } from "effect"
import { HttpRouter, HttpServer, HttpServerRequest, HttpServerResponse } from "effect/http"
import { createServer } from "node:http"

/** What every kind sends, written by hand. */
const bodyOf = (requestId: string | undefined): string =>
  JSON.stringify({
    error: { code: "not_found", message: "App not found", details: null, request_id: requestId ?? null }
  })

const headersOf = (requestId: string | undefined): Record<string, string> =>
  requestId === undefined
    ? { "content-type": "application/json" }
    : { "content-type": "application/json", "x-request-id": requestId }

const kind = process.argv[2]

const announce = (port: number) => console.log(`listening ${port}`)

if (kind === "node") {
  const server = createServer((request, response) => {
    const header = request.headers["x-request-id"]
    const requestId = typeof header === "string" ? header : undefined
    const body = bodyOf(requestId)
    response.writeHead(404, { ...headersOf(requestId), "content-length": String(Buffer.byteLength(body)) })
    response.end(body)
  })
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    announce(typeof address === "object" && address !== null ? address.port : 0)
  })
} else if (kind === "effect" || kind === "faultline") {
  const route = kind === "effect"
    ? HttpRouter.add(
      "GET",
      "/api/apps/:id",
      Effect.gen(function*() {
        const request = yield* HttpServerRequest.HttpServerRequest
        const requestId = request.headers["x-request-id"]
        return HttpServerResponse.text(bodyOf(requestId), { status: 404, headers: headersOf(requestId) })
      })
    )
    : HttpRouter.add(
      "GET",
      "/api/apps/:id",
      Effect.fail(new ApiError.NotFound({ message: "App not found" }))
    ).pipe(
      Layer.provide(ServerErrors.layer({
        families: RouteFamily.table([{ name: "api", paths: ["/api/*"], dialect: Envelope.dialect }], {
          fallback: "api"
        })
      }))
    )
  const listening = Effect.gen(function*() {
    const server = yield* HttpServer.HttpServer
    if (server.address._tag !== "UnixPathAddress") announce(server.address.port)
  })
  HttpRouter.serve(route, { disableLogger: true, disableListenLog: true }).pipe(
    Layer.merge(Layer.effectDiscard(listening)),
    Layer.provide(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
    Layer.launch,
    NodeRuntime.runMain
  )
} else {
  console.error(`usage: node servers/server.ts node|effect|faultline (got ${kind})`)
  process.exit(2)
}

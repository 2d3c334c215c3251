/**
 * The servers goal 4 loads, one per process: `node servers/server.ts <kind>`
 * listens on a free loopback port and prints `listening <port>`. Every kind
 * answers `GET /api/apps/:id` with the same 404 in the envelope dialect,
 * echoing the request's `X-Request-ID`:
 *
 * - `node`: bare `node:http`, the body written with `JSON.stringify`;
 * - `effect`: an Effect router answering the 404 directly;
 * - `faultline`: the same router failing with `ApiError.NotFound`, rendered
 *   by `ServerErrors.layer`;
 * - `effect-traced`, `faultline-traced`: the same two with telemetry on, as an
 *   application that exports it runs: a tracer that makes and keeps every
 *   span (Effect's own `NativeSpan`, the last 1,000 kept as an exporter's
 *   batch would be) and the metrics read once a second, as a periodic reader
 *   does. Faultline adds its span attributes and its counter on top.
 *
 * Both Effect servers run without the request logger, so neither pays for it.
 */
import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import { ApiError } from "@faultline/errors"
import { RouteFamily, ServerErrors } from "@faultline/platform-http"
import { Envelope } from "@faultline/wire"
import { Effect, Layer, Metric, Schedule, Tracer } from "effect"
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

/** The spans a tracer made, the last 1,000 kept (an exporter's batch), and how many there were. */
const spans: Array<Tracer.NativeSpan> = []
let spansMade = 0

/** Telemetry on: a tracer that keeps its spans, and the metrics read once a second. */
const telemetry = Layer.mergeAll(
  Layer.succeed(
    Tracer.Tracer,
    Tracer.make({
      span(options) {
        const span = new Tracer.NativeSpan(options)
        spansMade++
        if (spans.push(span) > 1_000) spans.splice(0, 500)
        return span
      }
    })
  ),
  Layer.effectDiscard(Effect.forkDetach(Metric.snapshot.pipe(Effect.repeat(Schedule.spaced("1 second")))))
)

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
} else if (kind === "effect" || kind === "faultline" || kind === "effect-traced" || kind === "faultline-traced") {
  const traced = kind.endsWith("-traced")
  const route = kind.startsWith("effect")
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
  // with telemetry on, how many spans were made: the scenario checks there are some before it loads the server
  const spanCount = HttpRouter.add("GET", "/bench/spans", Effect.sync(() => HttpServerResponse.text(String(spansMade))))
  HttpRouter.serve(traced ? Layer.merge(route, spanCount) : route, { disableLogger: true, disableListenLog: true })
    .pipe(
      Layer.merge(Layer.effectDiscard(listening)),
      Layer.provide(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
      Layer.provide(traced ? telemetry : Layer.empty),
      Layer.launch,
      NodeRuntime.runMain
    )
} else {
  console.error(`usage: node servers/server.ts node|effect|faultline|effect-traced|faultline-traced (got ${kind})`)
  process.exit(2)
}

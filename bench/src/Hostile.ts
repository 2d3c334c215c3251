/**
 * What the bounded-memory rows run: servers that receive or send hostile
 * bodies, and a client that reads them. `servers/hostile.ts` runs each in a
 * process of its own (so that its resident set is its own); smoke mode runs
 * them in the bench process, only to show that they run.
 */
import { NodeHttpClient, NodeHttpServer } from "@effect/platform-node"
import { ClientErrors, RouteFamily, ServerErrors } from "@faultline/platform-http"
import { Envelope } from "@faultline/wire"
import { Deferred, Effect, Fiber, Layer, Schema } from "effect"
import { FetchHttpClient, HttpClient, HttpRouter, HttpServer, HttpServerRequest, HttpServerResponse } from "effect/http"
import * as http from "node:http"
import * as zlib from "node:zlib"

/**
 * A server this process runs.
 */
export interface Running {
  readonly url: string
  readonly stop: () => Promise<void>
}

const gc = () => globalThis.gc?.()

/** The highest RSS seen from now to the call of what it returns, sampled every 2 ms, less the RSS now (after a GC). */
export const rssGrowth = (): () => number => {
  gc()
  const base = process.memoryUsage.rss()
  let peak = base
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 2)
  return () => {
    clearInterval(timer)
    return Math.max(peak, process.memoryUsage.rss()) - base
  }
}

/**
 * A `ServerErrors` server (default 1 MiB body limit) whose `POST /upload`
 * reads a JSON body; `GET /rss/start` and `GET /rss/peak` measure the RSS
 * growth in between.
 */
export const uploadServer = (): Promise<Running> => {
  let stop: (() => number) | undefined
  const routes = HttpRouter.addAll([
    HttpRouter.route(
      "POST",
      "/upload",
      Effect.as(
        HttpServerRequest.schemaBodyJson(Schema.Struct({ name: Schema.String })),
        HttpServerResponse.text("stored", { status: 201 })
      )
    ),
    HttpRouter.route(
      "GET",
      "/rss/start",
      Effect.sync(() => {
        stop = rssGrowth()
        return HttpServerResponse.text("started")
      })
    ),
    HttpRouter.route("GET", "/rss/peak", Effect.sync(() => HttpServerResponse.text(String(stop?.() ?? -1))))
  ])
  const families = RouteFamily.table([{ name: "api", paths: ["/*"], dialect: Envelope.dialect }])
  return Effect.runPromise(Effect.gen(function*() {
    const port = yield* Deferred.make<number>()
    const listening = Effect.gen(function*() {
      const server = yield* HttpServer.HttpServer
      yield* Deferred.succeed(port, server.address._tag === "UnixPathAddress" ? 0 : server.address.port)
    })
    const fiber = yield* HttpRouter.serve(routes.pipe(Layer.provide(ServerErrors.layer({ families }))), {
      disableLogger: true,
      disableListenLog: true
    }).pipe(
      Layer.merge(Layer.effectDiscard(listening)),
      Layer.provide(NodeHttpServer.layer(http.createServer, { port: 0, host: "127.0.0.1" })),
      Layer.launch,
      Effect.forkDetach
    )
    return {
      url: `http://127.0.0.1:${yield* Deferred.await(port)}`,
      stop: () => Effect.runPromise(Fiber.interrupt(fiber)).then(() => undefined)
    }
  }))
}

/**
 * Error responses a client should not swallow: `GET /endless` (a 500 of HTML
 * that goes on for `bytes`), `GET /bomb` (a 502 gzip bomb: `bytes` of zeros
 * once inflated, about a thousandth of it on the wire), `GET /small` (a 404).
 */
export const bodiesServer = (bytes: number): Promise<Running> => {
  const gzipHeader = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03])
  // 64 KiB of zeros with a full flush: each segment stands alone, none is the last block (RFC 1951 §3.2.3)
  const segment = zlib.deflateRawSync(new Uint8Array(65_536), { finishFlush: zlib.constants.Z_FULL_FLUSH })
  const html = Buffer.alloc(65_536, "<p>")
  const server = http.createServer((request, response) => {
    if (request.url === "/small") {
      response.writeHead(404, { "content-type": "application/json" })
      response.end(JSON.stringify({ error: { code: "not_found", message: "No such thing" } }))
      return
    }
    const bomb = request.url === "/bomb"
    response.writeHead(bomb ? 502 : 500, {
      "content-type": bomb ? "application/json" : "text/html",
      ...(bomb ? { "content-encoding": "gzip" } : {})
    })
    if (bomb) response.write(gzipHeader)
    let sent = 0
    let closed = false
    response.on("close", () => closed = true)
    const pump = () => {
      while (!closed && sent < bytes) {
        // the body's size as the client would see it: inflated, for the bomb
        sent += bomb ? 65_536 : html.length
        if (!response.write(bomb ? segment : html)) return void response.once("drain", pump)
      }
      response.end()
    }
    pump()
  })
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as { readonly port: number }).port}`,
        stop: () =>
          new Promise((done) => {
            server.closeAllConnections()
            server.close(() => done())
          })
      }))
  )
}

/**
 * What a client got reading one path: its RSS growth meanwhile, the error
 * (tag and reason), and the time it took.
 */
export interface ClientReading {
  readonly growth: number
  readonly got: string
  readonly ms: number
}

/** Reads each path through `ClientErrors.decode` (maxBytes 1 MiB) with Effect's fetch or Node client. */
export const readErrors = (
  base: string,
  kind: "fetch" | "node",
  paths: ReadonlyArray<string>
): Promise<Record<string, ClientReading>> =>
  Effect.runPromise(
    Effect.gen(function*() {
      const client = (yield* HttpClient.HttpClient).pipe(ClientErrors.decode({ dialect: Envelope.dialect }))
      const describe = (error: unknown) => {
        const { _tag, reason } = error as { readonly _tag: string; readonly reason?: string }
        return reason === undefined ? _tag : `${_tag} ${reason}`
      }
      // warm up: the code that decodes is loaded and compiled before anything is measured
      yield* Effect.flip(client.get(`${base}/small`))
      const readings: Record<string, ClientReading> = {}
      for (const path of paths) {
        const stop = rssGrowth()
        const started = performance.now()
        const error = yield* Effect.flip(client.get(`${base}${path}`))
        readings[path] = { ms: performance.now() - started, growth: stop(), got: describe(error) }
      }
      return readings
    }).pipe(Effect.provide(kind === "node" ? NodeHttpClient.layerNodeHttp : FetchHttpClient.layer))
  )

/** Sends a chunked JSON body of `size` bytes, as fast as the server takes it, until the server answers. */
export const upload = (url: string, size: number): Promise<{ readonly status: number; readonly sent: number }> =>
  new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(65_536, " ")
    let sent = 0
    let answered = false
    const request = http.request(`${url}/upload`, { method: "POST", headers: { "content-type": "application/json" } })
    const pump = () => {
      while (!answered && sent < size) {
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
      const status = response.statusCode ?? 0
      const at = sent
      response.resume()
      response.on("end", () => resolve({ status, sent: at }))
    })
    pump()
  })

/**
 * Goal 4, correctness under load: the example server (its own process, as
 * `pnpm start` runs it) under 15 seconds of mixed error traffic from
 * autocannon — a request of each kind the example answers with an error, in
 * turn, on 8 connections — and every response checked against what that
 * request must get: status, dialect, code and the headers that matter. The
 * row is the number of wrong responses; its goal is none.
 *
 * Smoke mode runs the example in the bench process and sends each kind of
 * request twice on each connection.
 */
import { NodeHttpServer } from "@effect/platform-node"
import autocannon from "autocannon"
import { Deferred, Effect, Fiber, Layer } from "effect"
import { HttpRouter, HttpServer } from "effect/http"
import { spawn } from "node:child_process"
import { createServer, type IncomingHttpHeaders } from "node:http"
import * as net from "node:net"
import * as path from "node:path"
import * as readline from "node:readline"
import { fileURLToPath } from "node:url"
import * as Scenario from "../src/Scenario.ts"

const main = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "examples",
  "management-api",
  "src",
  "main.ts"
)

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port
      server.close(() => resolve(port))
    })
  })

/** Starts the example on a free loopback port; resolves once its banner names the address. */
const startExample = async (): Promise<{ readonly url: string; readonly stop: () => Promise<void> }> => {
  const port = await freePort()
  const child = spawn(process.execPath, [...process.execArgv, main, "--port", String(port), "--host", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "inherit"]
  })
  const url = `http://127.0.0.1:${port}`
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the example did not start")), 30_000)
    child.once("exit", (code) => reject(new Error(`the example exited with ${code}`)))
    const lines = readline.createInterface({ input: child.stdout! })
    lines.on("line", (line) => {
      if (line.includes(url)) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
  return {
    url,
    stop: () =>
      new Promise((done) => {
        child.removeAllListeners("exit")
        child.once("exit", () => done())
        child.kill("SIGTERM")
      })
  }
}

type Headers = IncomingHttpHeaders

interface Kind {
  readonly name: string
  readonly method: string
  readonly path: string
  readonly headers?: Record<string, string>
  readonly body?: string
  readonly check: (status: number, json: any, headers: Headers) => boolean
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`
const alice = { authorization: "Bearer alice-token" }
const jsonBody = { "content-type": "application/json" }
const form = { "content-type": "application/x-www-form-urlencoded" }
const header = (headers: Headers, name: string) => {
  const value = headers[name]
  return Array.isArray(value) ? value.join(", ") : value
}
const envelope = (status: number, code: string) => (got: number, json: any) =>
  got === status && json?.error?.code === code && typeof json.error.request_id === "string"

/** Every kind of request in the mix, and what its answer must be. */
const kinds: ReadonlyArray<Kind> = [
  {
    name: "no token",
    method: "GET",
    path: "/api/v2/me",
    check: (status, json, headers) =>
      envelope(401, "unauthorized")(status, json) && header(headers, "www-authenticate") === `Bearer realm="drio"`
  },
  {
    name: "a good token",
    method: "GET",
    path: "/api/v2/me",
    headers: alice,
    check: (s, j) => s === 200 && j.id === "u_alice"
  },
  {
    name: "missing app",
    method: "GET",
    path: "/api/v2/apps/app_404",
    headers: alice,
    check: envelope(404, "not_found")
  },
  {
    name: "another's app",
    method: "GET",
    path: "/api/v2/apps/app_2",
    headers: alice,
    check: envelope(403, "forbidden")
  },
  {
    name: "invalid app",
    method: "POST",
    path: "/api/v2/apps",
    headers: { ...alice, ...jsonBody },
    body: JSON.stringify({ name: "", redirect_uris: ["ftp://x"] }),
    check: (status, json) => envelope(422, "validation_error")(status, json) && json.error.details.length === 2
  },
  {
    name: "broken JSON",
    method: "POST",
    path: "/api/v2/apps",
    headers: { ...alice, ...jsonBody },
    body: "{\"name\": ",
    check: envelope(400, "bad_request")
  },
  {
    name: "another media type",
    method: "POST",
    path: "/api/v2/apps",
    headers: { ...alice, "content-type": "text/plain" },
    body: "name=x",
    check: (status, json, headers) =>
      envelope(415, "unsupported_media_type")(status, json) && header(headers, "accept") === "application/json"
  },
  {
    name: "no token, broken body",
    method: "POST",
    path: "/api/v2/apps",
    headers: jsonBody,
    body: "{",
    check: envelope(401, "unauthorized")
  },
  {
    name: "wrong method",
    method: "PUT",
    path: "/api/v2/me",
    check: (status, json, headers) =>
      envelope(405, "method_not_allowed")(status, json) && header(headers, "allow") === "GET, HEAD"
  },
  {
    name: "problem details",
    method: "GET",
    path: "/api/v2/me",
    headers: { accept: "application/problem+json" },
    check: (status, json, headers) =>
      status === 401 && json.status === 401 && header(headers, "content-type") === "application/problem+json"
  },
  {
    name: "bad client secret",
    method: "POST",
    path: "/oauth/token",
    headers: { ...form, authorization: basic("demo-client", "wrong") },
    body: "grant_type=client_credentials",
    check: (status, json, headers) =>
      status === 401 && json.error === "invalid_client" && header(headers, "www-authenticate") === `Basic realm="drio"`
  },
  {
    name: "bad refresh token",
    method: "POST",
    path: "/oauth/token",
    headers: { ...form, authorization: basic("demo-client", "demo-secret") },
    body: "grant_type=refresh_token&refresh_token=nope",
    check: (status, json, headers) =>
      status === 400 && json.error === "invalid_grant" && header(headers, "cache-control") === "no-store"
  },
  {
    name: "a percent-escape that does not decode",
    method: "POST",
    path: "/oauth/%",
    headers: form,
    body: "grant_type=client_credentials",
    check: (status, json, headers) =>
      status === 404 && json.error === "invalid_request" && header(headers, "cache-control") === "no-store"
  },
  {
    name: "missing user (flat)",
    method: "GET",
    path: "/api/admin/users/u_nobody",
    headers: { authorization: "Bearer admin-token" },
    check: (status, json) => status === 404 && json.error === "user_not_found"
  }
]

/** The example in this process, for smoke mode: it shows that the row runs, without a process to start. */
const exampleHere = async (): Promise<{ readonly url: string; readonly stop: () => Promise<void> }> => {
  const App = await import("@faultline/example-management-api/src/App.ts")
  return Effect.runPromise(Effect.gen(function*() {
    const address = yield* Deferred.make<number>()
    const listening = Effect.gen(function*() {
      const server = yield* HttpServer.HttpServer
      yield* Deferred.succeed(address, server.address._tag === "UnixPathAddress" ? 0 : server.address.port)
    })
    const fiber = yield* HttpRouter.serve(App.make({ issuer: "http://127.0.0.1" }), {
      disableLogger: true,
      disableListenLog: true
    }).pipe(
      Layer.merge(Layer.effectDiscard(listening)),
      Layer.provide(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
      Layer.launch,
      Effect.forkDetach
    )
    return {
      url: `http://127.0.0.1:${yield* Deferred.await(address)}`,
      stop: () => Effect.runPromise(Fiber.interrupt(fiber)).then(() => undefined)
    }
  }))
}

const measure = async ({ smoke }: Scenario.MeasureContext): Promise<ReadonlyArray<Scenario.Measurement>> => {
  const example = await (smoke ? exampleHere() : startExample())
  try {
    const wrong = new Map<string, number>()
    const result = await autocannon({
      url: example.url,
      connections: 8,
      // smoke: each kind twice on each connection
      ...(smoke ? { amount: kinds.length * 16 } : { duration: 15 }),
      requests: kinds.map((kind) => ({
        method: kind.method as "GET",
        path: kind.path,
        headers: kind.headers ?? {},
        ...(kind.body === undefined ? {} : { body: kind.body }),
        onResponse: (status: number, body: string, _context: object, headers?: Headers) => {
          let json: unknown
          try {
            json = JSON.parse(body)
          } catch {
            json = undefined
          }
          if (!kind.check(status, json, headers ?? {})) wrong.set(kind.name, (wrong.get(kind.name) ?? 0) + 1)
        }
      }))
    })
    const wrongResponses = [...wrong.values()].reduce((sum, count) => sum + count, 0)
    if (wrongResponses > 0) console.error(`wrong responses: ${JSON.stringify(Object.fromEntries(wrong))}`)
    return [{
      name:
        `the example under ${result.duration} s of mixed error traffic (${kinds.length} kinds, 8 connections): wrong responses`,
      unit: "",
      value: wrongResponses + result.errors + result.timeouts,
      maxValue: 0,
      details: {
        "responses": result.requests.total,
        "req/s": result.requests.average,
        "socket errors": result.errors,
        "timeouts": result.timeouts
      }
    }]
  } finally {
    await example.stop()
  }
}

export default Scenario.make({ goal: 4, title: "HTTP server: no wrong response under load", measure })

/**
 * Goal 4, the server: requests per second of the same 404 from three
 * loopback servers (`servers/server.ts`), loaded by autocannon one at a time
 * — bare `node:http`, an Effect router answering directly, and the same
 * router failing with a typed error rendered by `ServerErrors.layer`. Each
 * server runs in its own process (one core for it, one for the load), is
 * warmed up, loaded for a fixed time with a fixed number of connections, and
 * stopped. The servers are loaded in rounds, in alternating order, and the
 * ratios are of the summed requests of all rounds; p99 latency is reported
 * beside each.
 */
import autocannon from "autocannon"
import * as assert from "node:assert/strict"
import { type ChildProcess, spawn } from "node:child_process"
import * as path from "node:path"
import * as readline from "node:readline"
import { fileURLToPath } from "node:url"
import * as Scenario from "../src/Scenario.ts"

type Kind = "node" | "effect" | "faultline" | "effect-traced" | "faultline-traced"

const serverScript = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "servers", "server.ts")

/** Connections kept open by the load generator: enough to keep one core busy, few enough to stay fair. */
const connections = 16

interface Server {
  readonly url: string
  readonly stop: () => Promise<void>
}

/** Starts a server of the given kind in its own process, with the conditions this process runs with. */
const start = (kind: Kind): Promise<Server> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [...process.execArgv, serverScript, kind], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    const lines = readline.createInterface({ input: child.stdout! })
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start`)), 20_000)
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)))
    lines.once("line", (line) => {
      clearTimeout(timer)
      const port = Number(/^listening (\d+)$/.exec(line)?.[1])
      if (!Number.isInteger(port) || port === 0) return reject(new Error(`${kind} server said ${line}`))
      resolve({
        url: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners("exit")
            child.once("exit", () => done())
            child.kill("SIGTERM")
          })
      })
    })
  })

interface Load {
  readonly requests: number
  readonly seconds: number
  readonly p99: number
  readonly non404: number
}

const load = (url: string, seconds: number): Promise<Load> =>
  new Promise((resolve, reject) => {
    autocannon({
      url: `${url}/api/apps/app_404`,
      connections,
      duration: seconds,
      headers: { "x-request-id": "bench-request" }
    }, (error, result) => {
      if (error) return reject(error)
      resolve({
        requests: result.requests.total,
        seconds: result.duration,
        p99: result.latency.p99,
        non404: result.non2xx - (result.statusCodeStats?.["404"]?.count ?? 0) + result.errors + result.timeouts
      })
    })
  })

/** What each server answers, as the scenario's check: the same status, headers that matter and body. */
const sameAnswer = async (servers: Readonly<Record<Kind, Server>>): Promise<void> => {
  const answers = await Promise.all((Object.keys(servers) as Array<Kind>).map(async (kind) => {
    const response = await fetch(`${servers[kind].url}/api/apps/app_404`, { headers: { "x-request-id": "check" } })
    return {
      status: response.status,
      contentType: response.headers.get("content-type"),
      requestId: response.headers.get("x-request-id"),
      body: await response.text()
    }
  }))
  for (const answer of answers.slice(1)) assert.deepEqual(answer, answers[0], "the servers answer differently")
  assert.equal(answers[0]!.status, 404)
  // telemetry is on where it should be: the traced servers made spans for those requests
  for (const kind of ["effect-traced", "faultline-traced"] as const) {
    const made = Number(await (await fetch(`${servers[kind].url}/bench/spans`)).text())
    assert.ok(made > 0, `${kind}: no spans made`)
  }
}

const measure = async ({ smoke }: Scenario.MeasureContext): Promise<ReadonlyArray<Scenario.Measurement>> => {
  const kinds: ReadonlyArray<Kind> = ["node", "effect", "faultline", "effect-traced", "faultline-traced"]
  const servers = Object.fromEntries(
    await Promise.all(kinds.map(async (kind) => [kind, await start(kind)] as const))
  ) as Record<Kind, Server>
  try {
    await sameAnswer(servers)
    const seconds = smoke ? 1 : 5
    const rounds = smoke ? 1 : 2
    const totals = Object.fromEntries(
      kinds.map((kind) => [kind, { requests: 0, seconds: 0, p99: [] as Array<number> }])
    ) as Record<Kind, { requests: number; seconds: number; p99: Array<number> }>
    if (!smoke) { for (const kind of kinds) await load(servers[kind].url, 2) // warm-up: JIT and connections
     }
    for (let round = 0; round < rounds; round++) {
      for (const kind of round % 2 === 0 ? kinds : [...kinds].reverse()) {
        const result = await load(servers[kind].url, seconds)
        assert.equal(result.non404, 0, `${kind}: answers other than 404 under load`)
        totals[kind].requests += result.requests
        totals[kind].seconds += result.seconds
        totals[kind].p99.push(result.p99)
      }
    }
    const rate = (kind: Kind) => totals[kind].requests / totals[kind].seconds
    const p99 = (kind: Kind) => Math.max(...totals[kind].p99)
    const row = (kind: Kind, name: string, baseline: Kind | undefined, min: number | undefined) => ({
      name,
      unit: "req/s",
      value: rate(kind),
      ...(baseline === undefined ? {} : { baseline: { name: nameOf[baseline], value: rate(baseline) } }),
      ...(min === undefined ? {} : { min }),
      details: { "p99 latency (ms)": p99(kind), "connections": connections }
    })
    return [
      row(
        "faultline",
        "Effect + ServerErrors: typed NotFound → 404, vs the same Effect server answering directly",
        "effect",
        Scenario.goals.serverOverEffect
      ),
      row(
        "faultline",
        "Effect + ServerErrors: typed NotFound → 404, vs bare node:http",
        "node",
        Scenario.goals.serverOverNode
      ),
      row("effect", "Effect server answering the 404 directly, vs bare node:http", "node", undefined),
      row(
        "faultline-traced",
        "with a tracer and metrics on both: Effect + ServerErrors (span attributes, counter), vs Effect answering directly",
        "effect-traced",
        Scenario.goals.serverTracedOverEffect
      )
    ]
  } finally {
    await Promise.all(kinds.map((kind) => servers[kind].stop()))
  }
}

const nameOf: Readonly<Record<Kind, string>> = {
  node: "bare node:http",
  effect: "Effect, answering directly",
  faultline: "Effect + ServerErrors",
  "effect-traced": "Effect, answering directly, traced and metered",
  "faultline-traced": "Effect + ServerErrors, traced and metered"
}

export default Scenario.make({ goal: 4, title: "HTTP server requests per second (autocannon)", measure })

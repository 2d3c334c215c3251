/**
 * One benchmark process: imports scenario files, runs them (see `Runner`) and
 * writes what it measured as JSON. `main.ts` starts one fresh process per
 * scenario file and run; in smoke mode, one process for every file.
 *
 *   node --expose-gc [--conditions=faultline-built] src/worker.ts [--smoke] [--reverse]
 *     [--time MS] [--out FILE] scenarios/a.ts scenarios/b.ts ...
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { parseArgs } from "node:util"
import * as Runner from "./Runner.ts"
import type { Scenario } from "./Scenario.ts"

/**
 * What a worker writes.
 */
export interface WorkerOutput {
  readonly smoke: boolean
  readonly node: string
  readonly v8: string
  readonly execArgv: ReadonlyArray<string>
  /** Where the libraries were loaded from: `dist/` when built, `src/` otherwise. */
  readonly resolved: Readonly<Record<string, string>>
  readonly scenarios: ReadonlyArray<Runner.ScenarioResult>
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    smoke: { type: "boolean", default: false },
    reverse: { type: "boolean", default: false },
    time: { type: "string", default: "500" },
    out: { type: "string" }
  }
})

if (globalThis.gc === undefined) throw new Error("run the worker with --expose-gc")

const scenarios: Array<Runner.ScenarioResult> = []
for (const file of positionals) {
  const started = performance.now()
  const scenario: Scenario = (await import(path.resolve(file))).default
  const result = await Runner.run(path.basename(file), scenario, {
    smoke: values.smoke,
    reverse: values.reverse,
    time: Number(values.time)
  })
  scenarios.push(result)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.error(`  ${values.smoke ? "ok " : ""}${path.basename(file)}: ${result.rows.length} rows in ${seconds} s`)
}

const output: WorkerOutput = {
  smoke: values.smoke,
  node: process.version,
  v8: process.versions.v8,
  execArgv: process.execArgv,
  resolved: {
    "@faultline/errors": import.meta.resolve("@faultline/errors"),
    "@faultline/wire": import.meta.resolve("@faultline/wire")
  },
  scenarios
}

if (values.out === undefined) console.log(JSON.stringify(output, null, 2))
else fs.writeFileSync(values.out, JSON.stringify(output, null, 2))

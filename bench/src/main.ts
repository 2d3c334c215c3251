/**
 * The benchmark driver. `pnpm bench` builds the libraries, then runs this:
 * every file in `scenarios/` in fresh processes on the built ESM, three runs
 * each, and writes `results/results.md`, `results/ratios.svg` and the raw runs
 * in `results/raw/`.
 *
 *   node src/main.ts [--runs 3] [--time 500] [--only NAME]   the benchmarks
 *   node src/main.ts --smoke                                   every scenario once, briefly, in one process
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { parseArgs } from "node:util"
import * as Report from "./Report.ts"
import type { ScenarioResult } from "./Runner.ts"
import type { WorkerOutput } from "./worker.ts"

const root = path.resolve(import.meta.dirname, "..")
const scenariosDir = path.join(root, "scenarios")
const resultsDir = path.join(root, "results")
const rawDir = path.join(resultsDir, "raw")
const worker = path.join(import.meta.dirname, "worker.ts")

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    runs: { type: "string", default: "3" },
    time: { type: "string", default: "500" },
    only: { type: "string" }
  }
})

/** Every scenario file: a new file in `scenarios/` is picked up here. */
const files = fs.readdirSync(scenariosDir)
  .filter((name) => name.endsWith(".ts") && (values.only === undefined || name.includes(values.only)))
  .sort()
  .map((name) => path.join(scenariosDir, name))

if (files.length === 0) throw new Error(`no scenario in ${scenariosDir}`)

const started = performance.now()
const loadBefore = os.loadavg()[0]!

const runWorker = (args: ReadonlyArray<string>, flags: ReadonlyArray<string>): void => {
  const child = spawnSync(process.execPath, [...flags, worker, ...args], { stdio: ["ignore", "ignore", "inherit"] })
  if (child.status !== 0) throw new Error(`worker failed (${child.status ?? child.signal}): ${args.join(" ")}`)
}

if (values.smoke) {
  // the sources as they are (no build needed), every scenario in one process
  const out = path.join(os.tmpdir(), `faultline-bench-smoke-${process.pid}.json`)
  runWorker(["--smoke", "--out", out, ...files], ["--expose-gc"])
  const output: WorkerOutput = JSON.parse(fs.readFileSync(out, "utf8"))
  fs.rmSync(out)
  const rows = output.scenarios.reduce((sum, scenario) => sum + scenario.rows.length, 0)
  console.log(`smoke: ${output.scenarios.length} scenarios, ${rows} rows, all ran`)
} else {
  const runs = Number(values.runs)
  const flags = ["--expose-gc", "--conditions=faultline-built"]
  fs.mkdirSync(rawDir, { recursive: true })
  const outputs: Array<WorkerOutput> = []
  for (let run = 1; run <= runs; run++) {
    for (const file of files) {
      const out = path.join(rawDir, `${path.basename(file, ".ts")}.${run}.json`)
      console.error(`run ${run}/${runs}: ${path.basename(file)}`)
      // alternate the order operations are timed in, so that no side always goes first
      runWorker(["--time", values.time, "--out", out, ...(run % 2 === 0 ? ["--reverse"] : []), file], flags)
      const output: WorkerOutput = JSON.parse(fs.readFileSync(out, "utf8"))
      for (const [name, url] of Object.entries(output.resolved)) {
        if (!url.includes("/dist/")) throw new Error(`${name} was loaded from ${url}, not from its build`)
      }
      outputs.push(output)
    }
  }
  const results: Array<ScenarioResult> = outputs.flatMap((output) => output.scenarios)
  const summaries = Report.summarize(results)
  const cpus = os.cpus()
  const environment: Report.Environment = {
    date: new Date(),
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? "unknown CPU",
    memory: os.totalmem(),
    platform: `${os.platform()} ${os.arch()}`,
    node: outputs[0]!.node,
    v8: outputs[0]!.v8,
    flags,
    runs,
    time: Number(values.time),
    seconds: (performance.now() - started) / 1000,
    load: [loadBefore, os.loadavg()[0]!]
  }
  fs.writeFileSync(path.join(resultsDir, "results.md"), Report.markdown(summaries, environment))
  fs.writeFileSync(path.join(resultsDir, "ratios.svg"), Report.svg(summaries))
  const missed = summaries.filter((summary) => summary.met === false).length
  console.log(
    `${summaries.length} rows, ${missed} missing their goal, in ${environment.seconds.toFixed(0)} s:`
      + ` see ${path.relative(process.cwd(), path.join(resultsDir, "results.md"))}`
  )
}

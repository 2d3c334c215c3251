/**
 * Runs one scenario in the current process: checks that every operation gives
 * what its row claims, then times the operations with tinybench and computes
 * each ratio against the baseline timed here, in this process.
 */
import * as assert from "node:assert/strict"
import { Bench } from "tinybench"
import type { Comparison, GoalId, Measurement, Op, Scenario } from "./Scenario.ts"

/**
 * One row of a run: a timed comparison or a measurement.
 */
export interface Row {
  readonly name: string
  readonly unit: string
  readonly value: number
  readonly baseline?: { readonly name: string; readonly value: number } | undefined
  readonly ratio?: number | undefined
  readonly max?: number | undefined
  readonly min?: number | undefined
  readonly maxValue?: number | undefined
  readonly details?: Readonly<Record<string, number>> | undefined
}

/**
 * What one process reports for one scenario file.
 */
export interface ScenarioResult {
  readonly file: string
  readonly title: string
  readonly goal: GoalId
  readonly rows: ReadonlyArray<Row>
}

export interface RunOptions {
  /** A tiny amount of work per operation, only to show that everything runs. */
  readonly smoke: boolean
  /** Time each operation in reverse declaration order (alternated between runs against order effects). */
  readonly reverse: boolean
  /** The time budget per operation, in milliseconds, shared between the rounds. */
  readonly time: number
}

/** Results are stored here (a module variable, which the JIT cannot prove dead), so no work is optimised away. */
let sink: unknown

const gc = (): void => globalThis.gc?.()

const noop = (): void => {}

/** How long one batch of calls should take: long enough that reading the clock is noise (~0.1%). */
const batchNanos = 50_000

/**
 * Calls the operation until `millis` have passed: warms it up and tells how
 * many calls make one batch.
 */
const calibrate = (run: () => unknown, millis: number): number => {
  let calls = 0
  const start = process.hrtime.bigint()
  const end = start + BigInt(millis * 1e6)
  let now = start
  while (now < end) {
    for (let i = 0; i < 64; i++) sink = run()
    calls += 64
    now = process.hrtime.bigint()
  }
  const nanosPerCall = Number(now - start) / calls
  return Math.max(1, Math.round(batchNanos / nanosPerCall))
}

const batch = (run: () => unknown, calls: number) => () => {
  for (let i = 0; i < calls; i++) sink = run()
}

const uniqueOps = (comparisons: ReadonlyArray<Comparison>): Array<Op> => {
  const ops: Array<Op> = []
  for (const { baseline, subject } of comparisons) {
    for (const op of [baseline, subject]) if (!ops.includes(op)) ops.push(op)
  }
  const names = new Set(ops.map((op) => op.name))
  assert.equal(names.size, ops.length, "two different operations have the same name")
  return ops
}

const sameResponse = (comparison: Comparison): void => {
  const subject = comparison.subject.run() as { status: number; headers: unknown; body: string }
  const baseline = comparison.baseline.run() as { status: number; headers: unknown; body: string }
  if (comparison.same === "exact") {
    assert.deepEqual(subject, baseline, `${comparison.name}: subject and baseline differ`)
  } else {
    assert.deepEqual(
      { ...subject, body: JSON.parse(subject.body) },
      { ...baseline, body: JSON.parse(baseline.body) },
      `${comparison.name}: subject and baseline differ`
    )
  }
}

/**
 * Checks every operation and comparison of a scenario, without timing.
 */
export const check = (scenario: Scenario): void => {
  const comparisons = scenario.comparisons ?? []
  for (const op of uniqueOps(comparisons)) {
    const result = op.run()
    assert.notEqual(result, undefined, `${op.name} returns nothing`)
    op.check?.(result)
  }
  for (const comparison of comparisons) if (comparison.same !== undefined) sameResponse(comparison)
}

/**
 * Times operations in rounds: in each round every operation runs for its
 * share of the time budget, in alternating order, so that a burst of load
 * from elsewhere on the machine lands on one round of one operation, not on
 * one side of a comparison. Returns, for each round, the median nanoseconds
 * per call of each operation's batches, by name: a batch the scheduler
 * pre-empted (milliseconds, on a shared machine) swamps a mean, while the
 * scavenges a median leaves out are cheap for short-lived garbage (mean and
 * median of `Envelope.decode` and of `JSON.parse` both differ by 5-10% on a
 * quiet machine, so the choice barely moves a ratio; what an operation keeps
 * is `memory.ts`'s business).
 */
const time = async (ops: ReadonlyArray<Op>, options: RunOptions): Promise<Array<Map<string, number>>> => {
  const calls = new Map<string, number>()
  const batches = new Map<string, () => void>()
  for (const op of ops) {
    const n = options.smoke ? 1 : calibrate(op.run, 50)
    calls.set(op.name, n)
    batches.set(op.name, batch(op.run, n))
  }
  const rounds = options.smoke ? 1 : roundCount
  const results: Array<Map<string, number>> = []
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({
      time: options.smoke ? 0 : options.time / rounds,
      iterations: options.smoke ? 2 : 16,
      warmup: !options.smoke && round === 0,
      warmupTime: 100,
      warmupIterations: 8,
      timestampProvider: "hrtimeNow",
      throws: true,
      // each operation starts from a collected heap, not from the previous one's garbage
      setup: options.smoke ? noop : gc
    })
    const forward = (round % 2 === 0) !== options.reverse
    for (const op of forward ? ops : [...ops].reverse()) bench.add(op.name, batches.get(op.name)!)
    await bench.run()
    const nanos = new Map<string, number>()
    for (const task of bench.tasks) {
      const result = task.result
      if (result.state !== "completed") throw new Error(`${task.name}: ${result.state}`)
      nanos.set(task.name, (result.latency.p50 * 1e6) / calls.get(task.name)!)
    }
    results.push(nanos)
  }
  assert.notEqual(sink, undefined)
  return results
}

/** Rounds per process. */
const roundCount = 5

/**
 * The median of some numbers.
 */
export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Runs a scenario: checks, times, measures.
 */
export const run = async (file: string, scenario: Scenario, options: RunOptions): Promise<ScenarioResult> => {
  check(scenario)
  const comparisons = scenario.comparisons ?? []
  const rounds = comparisons.length === 0 ? [] : await time(uniqueOps(comparisons), options)
  const of = (op: Op) => rounds.map((round) => round.get(op.name)!)
  const rows: Array<Row> = comparisons.map((comparison) => {
    const subject = of(comparison.subject)
    const baseline = of(comparison.baseline)
    return {
      name: comparison.name,
      unit: "ns/op",
      value: median(subject),
      baseline: { name: comparison.baseline.name, value: median(baseline) },
      // each round's ratio compares two measurements taken moments apart
      ratio: median(subject.map((value, i) => value / baseline[i]!)),
      max: comparison.max,
      maxValue: comparison.maxValue
    }
  })
  if (scenario.measure !== undefined) {
    const measured: ReadonlyArray<Measurement> = await scenario.measure({ smoke: options.smoke, gc })
    for (const m of measured) {
      // a goal on the value itself means the ratio means nothing (bytes left after GC: both near zero)
      const ratio = m.baseline === undefined || m.maxValue !== undefined ? undefined : m.value / m.baseline.value
      rows.push({ ...m, ratio })
    }
  }
  return { file, title: scenario.title, goal: scenario.goal, rows }
}

/**
 * What a scenario file declares. Every `.ts` file in `bench/scenarios/`
 * default-exports one `Scenario`: operations timed against a baseline that
 * runs in the same process, or measurements the scenario takes itself (heap,
 * requests per second). The runner picks up a new file without registration.
 */
import * as assert from "node:assert/strict"

/**
 * The goals of the benchmark plan, by number.
 */
export type GoalId = 1 | 2 | 3 | 4 | 5 | 6

/**
 * One operation. `run` is called in batches and its result kept (so the work
 * cannot be optimised away); `check` throws when the result is not what the
 * row claims to measure, such as a decode that fell back to `Undecodable`.
 */
export interface Op {
  readonly name: string
  readonly run: () => unknown
  readonly check?: ((result: any) => void) | undefined
}

/**
 * A subject timed against its baseline. The ratio is subject / baseline, both
 * measured in the same process.
 */
export interface Comparison {
  readonly name: string
  readonly subject: Op
  readonly baseline: Op
  /** The largest ratio that meets the goal; absent for rows that only inform. */
  readonly max?: number | undefined
  /**
   * The most nanoseconds per call that meet the goal, for a goal set in time
   * rather than as a ratio (goal 5); the ratio is then shown for information.
   */
  readonly maxValue?: number | undefined
  /**
   * Subject and baseline must give the same response: `exact` compares status,
   * headers and body text; `json` compares the body as parsed JSON (members in
   * another order).
   */
  readonly same?: "exact" | "json" | undefined
}

/**
 * A measurement a scenario takes itself.
 */
export interface Measurement {
  readonly name: string
  readonly unit: string
  readonly value: number
  readonly baseline?: { readonly name: string; readonly value: number } | undefined
  /** The largest ratio value / baseline that meets the goal. */
  readonly max?: number | undefined
  /** The smallest ratio value / baseline that meets the goal, where more is better (requests per second). */
  readonly min?: number | undefined
  /** The largest value that meets the goal, where a ratio means nothing (bytes left after GC). */
  readonly maxValue?: number | undefined
  /** Further numbers for the report (heap before and after). */
  readonly details?: Readonly<Record<string, number>> | undefined
}

/**
 * What a `measure` function gets.
 */
export interface MeasureContext {
  /** Smoke mode: run a tiny amount of work, only to show that it runs. */
  readonly smoke: boolean
  /** A full garbage collection (the worker runs with `--expose-gc`). */
  readonly gc: () => void
}

/**
 * A scenario file's default export.
 */
export interface Scenario {
  readonly goal: GoalId
  readonly title: string
  readonly comparisons?: ReadonlyArray<Comparison> | undefined
  readonly measure?:
    | ((context: MeasureContext) => Promise<ReadonlyArray<Measurement>> | ReadonlyArray<Measurement>)
    | undefined
}

/**
 * Declares a scenario (an identity function, for the types).
 */
export const make = (scenario: Scenario): Scenario => scenario

/**
 * Declares an operation.
 */
export const op = <A>(name: string, run: () => A, check?: (result: A) => void): Op => ({ name, run, check })

/**
 * The ratio goals of the plan. Goals 1 and 2 are the plan's own numbers; the
 * others are this harness's reading of what the library claims, explained in
 * `bench/README.md`.
 */
export const goals = {
  /** Encode: at most 1.3× a hand-written `JSON.stringify` and headers object. */
  encode: 1.3,
  /** Decode: at most 3× `JSON.parse` of the same body. */
  decode: 3,
  /** Flat in the number of codes: at most 1.2× the same operation at 10 codes. */
  flat: 1.2,
  /** Construct + encode: at least 3× faster than `http-errors` and `@hapi/boom` doing the same work. */
  construct: 1 / 3,
  /** Construct + encode against Effect's own errors, which skip nothing either: no slower. */
  constructEffect: 1,
  /** Server: req/s through the adapter at least 0.85× those of the same Effect server answering directly. */
  serverOverEffect: 0.85,
  /** Server: req/s through the adapter at least 0.6× those of bare `node:http`. */
  serverOverNode: 0.6,
  /**
   * Server with a tracer and metrics installed on both sides (issue 12): req/s
   * through the adapter, which annotates each failing request's span and
   * counts it, at least 0.95× those of the same Effect server answering directly.
   */
  serverTracedOverEffect: 0.95,
  /** Client: decode + retry decision of one response, at most 4× `JSON.parse` of its body (issue 11). */
  clientOverParse: 4,
  /** Memory: a kept decoded error at most 3× the parsed JSON it came from. */
  memory: 3
} as const

/**
 * Checks that a result is a Faultline error with the given tag (and fields).
 */
export const isError = (tag: string, fields?: Readonly<Record<string, unknown>>) => (result: unknown): void => {
  const error = result as { readonly _tag?: unknown } & Record<string, unknown>
  assert.equal(error?._tag, tag, `expected a ${tag}, got ${JSON.stringify(result)}`)
  if (fields !== undefined) { for (const key of Object.keys(fields)) assert.deepEqual(error[key], fields[key], key) }
}

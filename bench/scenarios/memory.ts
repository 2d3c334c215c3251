/**
 * Goal 6, memory: decode 100,000 error bodies in a loop and read the heap
 * (`process.memoryUsage().heapUsed`) before, after, and after a full GC.
 *
 * - Results dropped: what stays after GC is what decoding keeps for itself
 *   (caches, leaks); it should be nothing.
 * - Results kept: the heap per decoded error, against the heap per
 *   `JSON.parse` value of the same bodies.
 *
 * Each body is its own string, as responses off the network are; the bodies
 * exist before the first reading, so they are not counted.
 */
import { Envelope } from "@faultline/wire"
import { message } from "../src/Fixtures.ts"
import * as Scenario from "../src/Scenario.ts"

const heap = () => process.memoryUsage().heapUsed

const bodiesOf = (n: number): Array<string> =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      error: { code: "not_found", message, details: null, request_id: `req_${i.toString(16).padStart(12, "0")}` }
    }))

interface Reading {
  readonly before: number
  readonly after: number
  readonly afterGc: number
}

/** Runs `decode` over every body; keeps the results or drops them. */
const measure = (
  bodies: ReadonlyArray<string>,
  decode: (body: string) => unknown,
  keep: boolean,
  gc: () => void
): Reading => {
  const kept: Array<unknown> = []
  let last: unknown
  gc()
  const before = heap()
  for (let i = 0; i < bodies.length; i++) {
    last = decode(bodies[i]!)
    if (keep) kept.push(last)
  }
  const after = heap()
  if (last === undefined) throw new Error("nothing decoded")
  last = undefined
  gc()
  const afterGc = heap()
  // read the results after the collection, so that they are alive through it
  if (kept.length !== (keep ? bodies.length : 0)) throw new Error("results lost")
  return { before, after, afterGc }
}

const details = (reading: Reading) => ({
  "heap before": reading.before,
  "heap after": reading.after,
  "heap after GC": reading.afterGc
})

export default Scenario.make({
  goal: 6,
  title: "Memory",
  measure: ({ gc, smoke }) => {
    const n = smoke ? 1_000 : 100_000
    const bodies = bodiesOf(n)
    const decode = (body: string) => Envelope.decode({ status: 404, body })
    const parse = (body: string) => JSON.parse(body)
    // compile and fill whatever the decoder caches before the first reading
    for (const body of bodies.slice(0, 1_000)) decode(body)
    for (const body of bodies.slice(0, 1_000)) parse(body)

    const dropped = measure(bodies, decode, false, gc)
    const droppedBaseline = measure(bodies, parse, false, gc)
    const kept = measure(bodies, decode, true, gc)
    const keptBaseline = measure(bodies, parse, true, gc)
    const perOp = (reading: Reading) => (reading.afterGc - reading.before) / n
    return [
      {
        name: `Envelope.decode ${n.toLocaleString("en")} bodies, results dropped: heap left after GC`,
        unit: "B/op",
        value: perOp(dropped),
        baseline: { name: "JSON.parse, results dropped", value: perOp(droppedBaseline) },
        // nothing kept: under 1 byte per decode is what heap noise allows
        maxValue: 1,
        details: details(dropped)
      },
      {
        name: `Envelope.decode ${n.toLocaleString("en")} bodies, results kept: heap per decoded error`,
        unit: "B/op",
        value: perOp(kept),
        baseline: { name: "JSON.parse, results kept", value: perOp(keptBaseline) },
        max: Scenario.goals.memory,
        details: details(kept)
      }
    ]
  }
})

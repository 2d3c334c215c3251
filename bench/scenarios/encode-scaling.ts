/**
 * Goal 1, encode time is flat in the number of codes: a dialect with 10, 100
 * and 200 codes (see `Fixtures.synthetic`) encodes an error of the first and
 * of the last class of its table, the same two errors at every size, each
 * compared with itself at 10 codes. At 100 and 200 codes the last one's class
 * has many codes to choose from.
 */
import { synthetic } from "../src/Fixtures.ts"
import * as Scenario from "../src/Scenario.ts"

const sizes = [10, 100, 200] as const

const ops = sizes.map((size) => {
  const table = synthetic(size)
  const at = (position: "first" | "last") => {
    const entry = table[position]
    const error = table.errorOf(entry)
    return Scenario.op(
      `encode ${position} class (${entry.code}) @${size} codes`,
      () => table.dialect.encode(error),
      (encoded) => {
        if (encoded.body !== table.bodyOf(entry)) throw new Error(`${entry.code} encoded as ${encoded.body}`)
      }
    )
  }
  return { size, first: at("first"), last: at("last") }
})

const [ten] = ops

export default Scenario.make({
  goal: 1,
  title: "Encode, 10 to 200 codes",
  comparisons: ops.slice(1).flatMap(({ first, last, size }) => [
    { name: `encode first class @${size} codes`, subject: first, baseline: ten!.first, max: Scenario.goals.flat },
    { name: `encode last class @${size} codes`, subject: last, baseline: ten!.last, max: Scenario.goals.flat }
  ])
})

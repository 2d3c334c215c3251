/**
 * Goal 2, decode time is flat in the number of codes: a dialect with 10, 100
 * and 200 codes (see `Fixtures.synthetic`) decodes the first code of its
 * table, the last, and a code it does not have: the same three bodies at
 * every size, each compared with itself at 10 codes.
 */
import { synthetic } from "../src/Fixtures.ts"
import * as Scenario from "../src/Scenario.ts"

const sizes = [10, 100, 200] as const

const ops = sizes.map((size) => {
  const table = synthetic(size)
  const at = (position: "first" | "last") => {
    const entry = table[position]
    const response = { status: entry.status, body: table.bodyOf(entry) }
    return Scenario.op(
      `decode ${position} code (${entry.code}) @${size} codes`,
      () => table.dialect.decode(response),
      Scenario.isError(entry.tag, entry.resource === undefined ? undefined : { resource: entry.resource })
    )
  }
  const unknown = { status: 400, body: table.bodyOf({ code: "no_such_code", status: 400, tag: "BadRequest" }) }
  return {
    size,
    first: at("first"),
    last: at("last"),
    unknown: Scenario.op(
      `decode unknown code @${size} codes`,
      () => table.dialect.decode(unknown),
      Scenario.isError("UnknownError")
    )
  }
})

const [ten] = ops

export default Scenario.make({
  goal: 2,
  title: "Decode, 10 to 200 codes",
  comparisons: ops.slice(1).flatMap((at) =>
    (["first", "last", "unknown"] as const).map((position) => ({
      name: `decode ${position} code @${at.size} codes`,
      subject: at[position],
      baseline: ten![position],
      max: Scenario.goals.flat
    }))
  )
})

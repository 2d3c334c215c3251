/**
 * Goal 2, decode: a response body to a typed error instance, in every
 * dialect, against `JSON.parse` of the same body text. For each dialect: the
 * first and the last code of its table (a `Map` lookup each), and a code no
 * table names (the `UnknownError` path). Each decode is checked to give the
 * class the row names before it is timed.
 */
import { Catalog } from "@faultline/errors"
import type { Dialect } from "@faultline/wire"
import { Problem } from "@faultline/wire"
import { dialects, message, requestId } from "../src/Fixtures.ts"
import * as Scenario from "../src/Scenario.ts"

type Body = (code: string, status: number) => string

/** Each dialect's wire shape, written out by hand, and the dialect a table comes from. */
const shapes: Readonly<Record<string, readonly [Catalog.Dialect | undefined, Body]>> = {
  Envelope: ["envelope", (code) => JSON.stringify({ error: { code, message, details: null, request_id: requestId } })],
  Flat: ["flat", (code) => JSON.stringify({ error: code, error_description: message })],
  Nested: ["nested", (code, status) => JSON.stringify({ error: { code, status, message } })],
  CodeDescription: ["code-description", (code) => JSON.stringify({ code, description: message })],
  MessageDescription: ["message-description", (code) => JSON.stringify({ message: code, description: message })],
  OAuth: ["oauth", (code) => JSON.stringify({ error: code, error_description: message })],
  Problem: [undefined, (type, status) => JSON.stringify({ type, title: "Problem", status, detail: message })],
  "Acme (user-declared)": [
    undefined,
    (code) =>
      JSON.stringify({
        error: {
          type: "card_error",
          code,
          message,
          param: { decline_code: "insufficient_funds" },
          request_id: requestId
        }
      })
  ]
}

interface Case {
  readonly label: string
  readonly code: string
  readonly status: number
  readonly tag: string
}

/** First and last concrete (non-template) entries of a catalog dialect; OAuth redirects (302) are not bodies. */
const catalogCases = (dialect: Catalog.Dialect): Array<Case> => {
  const entries = Catalog.entriesOf(dialect).filter((entry) =>
    Catalog.templateOf(entry.code) === undefined && entry.status !== 302 && entry.encodeOnly !== true
  )
  const first = entries[0]!
  const last = entries[entries.length - 1]!
  return [
    { label: `first code "${first.code}"`, code: first.code, status: first.status, tag: first.class.tag },
    { label: `last code "${last.code}"`, code: last.code, status: last.status, tag: last.class.tag }
  ]
}

/** The problem dialect's table is one type per class, in the order of `Catalog.classes`. */
const problemCases = (): Array<Case> => {
  const tags = Object.keys(Catalog.classes).filter((tag) => tag !== "MultipleErrors")
  return [tags[0]!, tags[tags.length - 1]!].map((tag, i) => {
    const errorClass = Catalog.classes[tag as Catalog.Tag]
    const body = JSON.parse(Problem.encode(new (errorClass as any)({})).body)
    return {
      label: `${i === 0 ? "first" : "last"} type (${tag})`,
      code: body.type,
      status: errorClass.status,
      tag
    }
  })
}

/** The user's dialect: its own class first (with its own field), the last of the generic codes after it. */
const acmeCases: ReadonlyArray<Case> = [
  {
    label: `first code "card_declined" (a user's class and field)`,
    code: "card_declined",
    status: 402,
    tag: "CardDeclined"
  },
  { label: `last code "gateway_timeout"`, code: "gateway_timeout", status: 504, tag: "GatewayTimeout" }
]

/**
 * A code no table names, at a status where it cannot be read as something
 * else (seed 003 reads an unknown code at 400 as a property path; seed 001's
 * code is a status).
 */
const unknownCase = (name: string): Case => ({
  label: "unknown code",
  code: name === "CodeDescription"
    ? "NO_SUCH_CODE"
    : name === "MessageDescription"
    ? "499"
    : name === "Problem"
    ? "https://example.com/probs/out-of-credit"
    : "no_such_code",
  status: name === "Nested" ? 418 : 400,
  tag: "UnknownError"
})

const comparisons: Array<Scenario.Comparison> = []
for (const [name, dialect] of dialects) {
  const [catalogName, body] = shapes[name]!
  const cases = [
    ...(catalogName !== undefined ? catalogCases(catalogName) : name === "Problem" ? problemCases() : acmeCases),
    unknownCase(name)
  ]
  for (const { code, label, status, tag } of cases) {
    const response: Dialect.WireResponse = { status, body: body(code, status) }
    const text = response.body as string
    const rowName = `${name}.decode ${label}`
    comparisons.push({
      name: rowName,
      subject: Scenario.op(rowName, () => dialect.decode(response), Scenario.isError(tag)),
      baseline: Scenario.op(`${rowName}: JSON.parse`, () => JSON.parse(text)),
      max: Scenario.goals.decode
    })
  }
}

export default Scenario.make({ goal: 2, title: "Decode", comparisons })

/**
 * Goal 2, decode by body size: from a bare code to a validation error with
 * 100 issues (seed 002's flat `details` map, seed 000's envelope `details`
 * list), against `JSON.parse` of the same text. Each decode is checked to give
 * the class and the number of issues the body has.
 */
import { ApiError } from "@faultline/errors"
import { Envelope, Flat } from "@faultline/wire"
import { message, requestId } from "../src/Fixtures.ts"
import * as Scenario from "../src/Scenario.ts"

const issues = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ path: `items.${i}.email`, message: "Please enter a valid email address" }))

const flatValidation = (n: number) =>
  JSON.stringify({
    error: "validation_error",
    error_description: "Invalid input data",
    details: Object.fromEntries(issues(n).map((issue) => [issue.path, issue.message]))
  })

const envelopeValidation = (n: number) =>
  JSON.stringify({
    error: { code: "validation_error", message: "Invalid input data", details: issues(n), request_id: requestId }
  })

const hasIssues = (n: number) => (result: unknown) => {
  Scenario.isError("ValidationError")(result)
  const count = (result as ApiError.ValidationError).issues.length
  if (count !== n) throw new Error(`expected ${n} issues, got ${count}`)
}

const cases: ReadonlyArray<
  readonly [name: string, decode: typeof Flat.decode, status: number, body: string, check: (u: unknown) => void]
> = [
  ["Flat.decode bare code", Flat.decode, 404, JSON.stringify({ error: "not_found" }), Scenario.isError("NotFound")],
  [
    "Flat.decode code + description",
    Flat.decode,
    404,
    JSON.stringify({ error: "not_found", error_description: message }),
    Scenario.isError("NotFound")
  ],
  ["Flat.decode validation_error, 10 details", Flat.decode, 422, flatValidation(10), hasIssues(10)],
  ["Flat.decode validation_error, 100 details", Flat.decode, 422, flatValidation(100), hasIssues(100)],
  [
    "Envelope.decode bare code",
    Envelope.decode,
    404,
    JSON.stringify({ error: { code: "not_found" } }),
    Scenario.isError("NotFound")
  ],
  ["Envelope.decode validation_error, 10 issues", Envelope.decode, 422, envelopeValidation(10), hasIssues(10)],
  ["Envelope.decode validation_error, 100 issues", Envelope.decode, 422, envelopeValidation(100), hasIssues(100)]
]

export default Scenario.make({
  goal: 2,
  title: "Decode by body size",
  comparisons: cases.map(([name, decode, status, body, check]) => {
    const response = { status, body }
    return {
      name: `${name} (${body.length} B)`,
      subject: Scenario.op(name, () => decode(response), check),
      baseline: Scenario.op(`${name}: JSON.parse`, () => JSON.parse(body)),
      max: Scenario.goals.decode
    }
  })
})

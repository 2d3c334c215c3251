/**
 * The fast comparison of a code with its response's status gives what
 * reading the code's status and comparing would.
 */
import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { statesStatus, statusCodeOf } from "../../src/internal/shape.ts"

const byReading = (code: string, status: number) => statusCodeOf(code) === String(status)

describe("statesStatus", () => {
  it("digits, digits before a space, and every phrase of the status; nothing else", () => {
    const cases: ReadonlyArray<readonly [string, number, boolean]> = [
      ["404", 404, true],
      [" 404 ", 404, true],
      ["404 Not Found", 404, true],
      ["404\tNot Found", 404, true],
      ["4040", 404, false],
      ["404x", 404, false],
      ["403", 404, false],
      ["Not Found", 404, true],
      ["NOT FOUND", 404, true],
      ["not_found", 404, false],
      ["Payload Too Large", 413, true],
      ["Content Too Large", 413, true],
      ["Request Entity Too Large", 413, true],
      ["Not Found", 410, false],
      ["", 404, false],
      ["600", 600, false],
      ["404", 404.5, false]
    ]
    for (const [code, status, expected] of cases) {
      assert.strictEqual(statesStatus(code, status), expected, `${JSON.stringify(code)} at ${status}`)
      assert.strictEqual(byReading(code, status), expected, `reading ${JSON.stringify(code)} at ${status}`)
    }
  })

  it.prop("agrees with reading the code's status, for any text and status", {
    text: Schema.String,
    status: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 700 })),
    phrase: Schema.Literals(["Not Found", "forbidden", "404 Not Found", "429", " Too Many Requests ", "Gone"])
  }, ({ phrase, status, text }) => {
    for (const code of [text, phrase, `${status}`, `${status} ${text}`, `${status}${text}`]) {
      assert.strictEqual(statesStatus(code, status), byReading(code, status), JSON.stringify(code))
    }
  }, { arbitrary: { runs: 500 } })
})

import { assert, describe, it } from "@effect/vitest"
import { ApiError } from "@faultline/errors"
import { Failures } from "@faultline/platform-http"
import { SqlError } from "effect/sql"
import { base, cases, sql } from "./failures.ts"

describe("Failures", () => {
  for (const [what, failure, tag, status, retryable] of cases) {
    it(`${what} is ${tag} (${status}${retryable ? ", retryable" : ""})`, () => {
      const error = Failures.toApiError(failure)!
      assert.deepStrictEqual([error._tag, error.status, error.retryable], [tag, status, retryable])
    })
  }

  it("never puts a database's words in a 4xx a client reads", () => {
    const error = Failures.toApiError(cases[0]![1])!
    assert.isTrue(error.exposeMessage)
    assert.notInclude(error.message, "bob@example.com")
    assert.strictEqual(error.message, ApiError.AlreadyExists.description)
  })

  it("keeps the failure's message on a 5xx, for the log (a 5xx never sends it)", () => {
    const lost = sql(new SqlError.ConnectionError({ ...base, message: "connection to 10.0.0.3:5432 lost" }))
    const error = Failures.toApiError(lost)!
    assert.isFalse(error.exposeMessage)
    assert.strictEqual(error.message, "connection to 10.0.0.3:5432 lost")
  })

  it("is overridable kind by kind, the rest staying the defaults", () => {
    const overrides: Partial<Failures.Table> = { SqlConnectionError: () => new ApiError.DatabaseError() }
    assert.strictEqual(Failures.toApiError(cases[5]![1], overrides)?._tag, "DatabaseError")
    assert.strictEqual(Failures.toApiError(cases[0]![1], overrides)?._tag, "AlreadyExists")
  })

  it("knows nothing of a Faultline error or a program's own defect", () => {
    assert.isUndefined(Failures.toApiError(new ApiError.NotFound()))
    assert.isUndefined(Failures.toApiError(new TypeError("x is undefined")))
  })
})

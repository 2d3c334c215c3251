import { assert, describe, it } from "@effect/vitest"
import { ApiError } from "@faultline/errors"
import { Failures } from "@faultline/platform-http"
import { Cause } from "effect"
import { HttpClientError, HttpClientRequest, HttpClientResponse } from "effect/http"
import { SqlError } from "effect/sql"

const sql = (reason: SqlError.SqlErrorReason) => new SqlError.SqlError({ reason })
const base = { cause: new Error("driver said: duplicate key value (email)=(bob@example.com)") }
const request = HttpClientRequest.get("https://upstream.example/users/1")
const response = HttpClientResponse.fromWeb(request, new Response("<html>", { status: 500 }))

/** Each reason, the class it means, its status, and whether a client may retry. */
const cases: ReadonlyArray<readonly [string, unknown, string, number, boolean]> = [
  [
    "a unique violation",
    sql(new SqlError.UniqueViolation({ ...base, constraint: "users_email_key" })),
    "AlreadyExists",
    409,
    false
  ],
  ["another constraint", sql(new SqlError.ConstraintError(base)), "Conflict", 409, false],
  ["a deadlock", sql(new SqlError.DeadlockError(base)), "ServiceUnavailable", 503, true],
  ["a serialization failure", sql(new SqlError.SerializationError(base)), "ServiceUnavailable", 503, true],
  ["a lock timeout", sql(new SqlError.LockTimeoutError(base)), "ServiceUnavailable", 503, true],
  ["a lost connection", sql(new SqlError.ConnectionError(base)), "ServiceUnavailable", 503, true],
  ["a statement timeout", sql(new SqlError.StatementTimeoutError(base)), "GatewayTimeout", 504, true],
  ["refused credentials", sql(new SqlError.AuthenticationError(base)), "DatabaseError", 500, true],
  ["refused privileges", sql(new SqlError.AuthorizationError(base)), "DatabaseError", 500, true],
  ["bad SQL", sql(new SqlError.SqlSyntaxError(base)), "DatabaseError", 500, true],
  ["an unknown SQL failure", sql(new SqlError.UnknownError(base)), "DatabaseError", 500, true],
  ["a bare reason", new SqlError.UniqueViolation({ ...base, constraint: "k" }), "AlreadyExists", 409, false],
  [
    "an upstream that timed out",
    new HttpClientError.HttpClientError({
      reason: new HttpClientError.TransportError({ request, cause: new DOMException("timed out", "TimeoutError") })
    }),
    "GatewayTimeout",
    504,
    true
  ],
  [
    "an upstream whose socket timed out",
    new HttpClientError.HttpClientError({
      reason: new HttpClientError.TransportError({
        request,
        cause: Object.assign(new Error("x"), { code: "ETIMEDOUT" })
      })
    }),
    "GatewayTimeout",
    504,
    true
  ],
  [
    "an upstream that refused",
    new HttpClientError.HttpClientError({
      reason: new HttpClientError.TransportError({
        request,
        cause: Object.assign(new Error("connect ECONNREFUSED 10.0.0.3:443"), { code: "ECONNREFUSED" })
      })
    }),
    "BadGateway",
    502,
    true
  ],
  [
    "an upstream that answered badly",
    new HttpClientError.HttpClientError({ reason: new HttpClientError.StatusCodeError({ request, response }) }),
    "BadGateway",
    502,
    true
  ],
  [
    "an upstream body that did not decode",
    new HttpClientError.HttpClientError({ reason: new HttpClientError.DecodeError({ request, response }) }),
    "BadGateway",
    502,
    true
  ],
  [
    "a request that could not be sent",
    new HttpClientError.HttpClientError({ reason: new HttpClientError.InvalidUrlError({ request }) }),
    "InternalError",
    500,
    true
  ],
  ["an Effect.timeout that ran out", new Cause.TimeoutError(), "GatewayTimeout", 504, true]
]

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

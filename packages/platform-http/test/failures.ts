import { Cause } from "effect"
import { HttpClientError, HttpClientRequest, HttpClientResponse } from "effect/http"
import { SqlError } from "effect/sql"

export const sql = (reason: SqlError.SqlErrorReason) => new SqlError.SqlError({ reason })
export const base = { cause: new Error("driver said: duplicate key value (email)=(bob@example.com)") }
const request = HttpClientRequest.get("https://upstream.example/users/1")
const response = HttpClientResponse.fromWeb(request, new Response("<html>", { status: 500 }))

/** Each reason, the class it means, its status, and whether a client may retry. */
export const cases: ReadonlyArray<readonly [string, unknown, string, number, boolean]> = [
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

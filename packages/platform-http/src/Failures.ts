/**
 * Effect's own failures, with their meaning: a service fails with `effect/sql`'s
 * `SqlError`, an `HttpClientError` from an upstream, a timeout — not only with
 * Faultline errors. A table maps each to the class a client should see, so a
 * handler that lets them through still answers with the right status in its
 * route family's dialect (a unique violation is a 409, a lost connection a
 * retryable 503, a statement timeout a 504), and a 5xx still hides its message.
 *
 * @since 0.2.0
 */
import { ApiError } from "@faultline/errors"
import { Cause } from "effect"
import { HttpClientError } from "effect/http"
import { SqlError } from "effect/sql"

/**
 * What the table knows: each `SqlError` reason, each `HttpClientError` reason
 * (a transport failure that was a timeout apart), and Effect's `TimeoutError`.
 *
 * @category models
 * @since 0.2.0
 */
export type Kind =
  | "SqlUniqueViolation"
  | "SqlConstraintError"
  | "SqlDeadlockError"
  | "SqlSerializationError"
  | "SqlLockTimeoutError"
  | "SqlStatementTimeoutError"
  | "SqlConnectionError"
  | "SqlAuthenticationError"
  | "SqlAuthorizationError"
  | "SqlSyntaxError"
  | "SqlUnknownError"
  | "UpstreamTimeout"
  | "UpstreamUnreachable"
  | "UpstreamBadResponse"
  | "RequestNotSent"
  | "Timeout"

/**
 * The table: for each kind, the error it means. Every entry gets the failure,
 * to keep its message for the server's log (a 5xx never sends it).
 *
 * @category models
 * @since 0.2.0
 */
export type Table = { readonly [K in Kind]: (failure: unknown) => ApiError.ApiError }

const logged = (failure: unknown): { readonly message: string } | {} => {
  const message = (failure as { readonly message?: unknown }).message
  return typeof message === "string" && message.length > 0 ? { message: message.slice(0, 500) } : {}
}

/**
 * The default table.
 *
 * - A unique violation is `AlreadyExists` (409; seed 004's
 *   `{RESOURCE}_ALREADY_EXIST`, seed 002's `*_already_exists`); another
 *   constraint, `Conflict` (409). Their messages are the class's own: a
 *   database's words name its constraints and values, which a client is not
 *   told.
 * - A lost connection, a deadlock, a serialization failure or a lock timeout
 *   is `ServiceUnavailable` (503, retryable: the same request may succeed).
 * - A statement timeout, and an upstream that timed out, is `GatewayTimeout`
 *   (504); Effect's `TimeoutError` (an `Effect.timeout` that ran out),
 *   `GatewayTimeout` too.
 * - The database refusing our credentials or privileges, or our SQL, is
 *   `DatabaseError` (seed 002's `database_error`, 500: the server's fault).
 * - An upstream that could not be reached, or answered with something that
 *   could not be read, is `BadGateway` (502); a request we could not even
 *   send (a bad URL, a body that would not encode) is `InternalError` (500).
 *
 * An upstream's error decoded by `ClientErrors` is a Faultline error already,
 * and goes on as itself.
 *
 * @see RFC 9110 §15.5.10 (409), §15.6.3 (502), §15.6.4 (503), §15.6.5 (504)
 * @category models
 * @since 0.2.0
 */
export const defaults: Table = {
  SqlUniqueViolation: () => new ApiError.AlreadyExists(),
  SqlConstraintError: () => new ApiError.Conflict(),
  SqlDeadlockError: (failure) => new ApiError.ServiceUnavailable(logged(failure)),
  SqlSerializationError: (failure) => new ApiError.ServiceUnavailable(logged(failure)),
  SqlLockTimeoutError: (failure) => new ApiError.ServiceUnavailable(logged(failure)),
  SqlConnectionError: (failure) => new ApiError.ServiceUnavailable(logged(failure)),
  SqlStatementTimeoutError: (failure) => new ApiError.GatewayTimeout(logged(failure)),
  SqlAuthenticationError: (failure) => new ApiError.DatabaseError(logged(failure)),
  SqlAuthorizationError: (failure) => new ApiError.DatabaseError(logged(failure)),
  SqlSyntaxError: (failure) => new ApiError.DatabaseError(logged(failure)),
  SqlUnknownError: (failure) => new ApiError.DatabaseError(logged(failure)),
  UpstreamTimeout: (failure) => new ApiError.GatewayTimeout(logged(failure)),
  UpstreamUnreachable: (failure) => new ApiError.BadGateway(logged(failure)),
  UpstreamBadResponse: (failure) => new ApiError.BadGateway(logged(failure)),
  RequestNotSent: (failure) => new ApiError.InternalError(logged(failure)),
  Timeout: (failure) => new ApiError.GatewayTimeout(logged(failure))
}

const sqlKinds: Readonly<Record<SqlError.SqlErrorReason["_tag"], Kind>> = {
  UniqueViolation: "SqlUniqueViolation",
  ConstraintError: "SqlConstraintError",
  DeadlockError: "SqlDeadlockError",
  SerializationError: "SqlSerializationError",
  LockTimeoutError: "SqlLockTimeoutError",
  StatementTimeoutError: "SqlStatementTimeoutError",
  ConnectionError: "SqlConnectionError",
  AuthenticationError: "SqlAuthenticationError",
  AuthorizationError: "SqlAuthorizationError",
  SqlSyntaxError: "SqlSyntaxError",
  UnknownError: "SqlUnknownError"
}

/** The codes and names platforms give a transport failure that was a timeout (Node, undici, fetch's AbortSignal). */
const timeoutCodes = new Set([
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT"
])

const isTimeoutCause = (cause: unknown, depth = 0): boolean => {
  if (typeof cause !== "object" || cause === null || depth > 3) return false
  const { cause: inner, code, name } = cause as { readonly name?: unknown; readonly code?: unknown; cause?: unknown }
  return name === "TimeoutError" || (typeof code === "string" && timeoutCodes.has(code)) ||
    Cause.isTimeoutError(cause) || isTimeoutCause(inner, depth + 1)
}

/**
 * Which kind of failure a value is, or `undefined` for one the table does not
 * know (a Faultline error, a defect of the program's own).
 *
 * @category models
 * @since 0.2.0
 */
export const kindOf = (failure: unknown): Kind | undefined => {
  if (SqlError.isSqlError(failure)) return sqlKinds[failure.reason._tag]
  if (SqlError.isSqlErrorReason(failure)) return sqlKinds[failure._tag]
  if (HttpClientError.isHttpClientError(failure)) {
    const reason = failure.reason
    switch (reason._tag) {
      case "TransportError":
        return isTimeoutCause(reason.cause) ? "UpstreamTimeout" : "UpstreamUnreachable"
      case "StatusCodeError":
      case "DecodeError":
      case "EmptyBodyError":
        return "UpstreamBadResponse"
      case "EncodeError":
      case "InvalidUrlError":
        return "RequestNotSent"
    }
  }
  if (Cause.isTimeoutError(failure)) return "Timeout"
  return undefined
}

/**
 * The error a failure means by a table (the defaults, with `overrides` over
 * them), or `undefined` when the table does not know it.
 *
 * @example
 * ```ts
 * import { Failures } from "@faultline/platform-http"
 * import { SqlError } from "effect/sql"
 *
 * const taken = new SqlError.SqlError({ reason: new SqlError.UniqueViolation({ constraint: "users_email_key", cause: null }) })
 * Failures.toApiError(taken)?._tag // "AlreadyExists"
 * ```
 *
 * @category conversions
 * @since 0.2.0
 */
export const toApiError = (failure: unknown, overrides?: Partial<Table>): ApiError.ApiError | undefined => {
  const kind = kindOf(failure)
  if (kind === undefined) return undefined
  return (overrides?.[kind] ?? defaults[kind])(failure)
}

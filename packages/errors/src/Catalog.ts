/**
 * The catalog: one table with an entry per documented (dialect, code, status)
 * — every row of the five seed documents, the registered OAuth error codes
 * their clients meet, and the few codes Faultline adds so that every dialect
 * can say what a server must say. Each entry carries the class its code
 * means. The built-in dialects of `@faultline/wire` are declared with these
 * vocabularies; classes, unions, docs and tests are derived from it or
 * checked against it.
 *
 * @since 0.1.0
 */
import type { Schema } from "effect"
import * as ApiError from "./ApiError.ts"

/**
 * The built-in vocabularies: the dialects the seed documents and the OAuth
 * specifications define.
 *
 * - `oauth`: RFC 6749 token and authorization errors, redirect errors included (status 302)
 * - `bearer`: RFC 6750 `WWW-Authenticate` challenges (and DPoP's, RFC 9449)
 * - `envelope`: seed 000's resource API, `{"error":{"code","message","details","request_id"}}`
 * - `flat`: seed 002, `{"error","error_description","details"}`
 * - `message-description`: seed 001, `{"message","description"}`, the message being the status
 * - `nested`: seed 003, `{"error":{"code","path","status","message","check"}}`
 * - `code-description`: seed 004, `{"code":"UPPER_SNAKE","description"}`
 *
 * @category models
 * @since 0.1.0
 */
export type Dialect =
  | "oauth"
  | "bearer"
  | "envelope"
  | "flat"
  | "message-description"
  | "nested"
  | "code-description"

/**
 * Every built-in vocabulary, in the order of the seeds.
 *
 * @category models
 * @since 0.1.0
 */
export const dialects: ReadonlyArray<Dialect> = [
  "oauth",
  "bearer",
  "envelope",
  "flat",
  "message-description",
  "nested",
  "code-description"
]

/**
 * Where an entry comes from: a seed document, an IANA-registered OAuth code
 * (RFC or OpenID specification), or a Faultline extension that completes a
 * dialect's vocabulary for a status its seed does not name.
 *
 * @category models
 * @since 0.1.0
 */
export type Origin = "seed" | "registry" | "extension"

/**
 * The kind of placeholder a template code has: `resource`
 * (`{RESOURCE}_NOT_EXIST`, `{resource}_not_found`) or `path` (seed 003's
 * property path, written `{path}`).
 *
 * @category models
 * @since 0.1.0
 */
export type Template = "resource" | "path"

/**
 * One (dialect, code, status) and the class it means.
 *
 * @category models
 * @since 0.1.0
 */
export interface Entry {
  /** The vocabulary the entry belongs to. */
  readonly dialect: Dialect
  /** The code as written on the wire; a template has one placeholder (see {@link templateOf}). */
  readonly code: string
  /** The HTTP status it is sent with; 302 for authorization redirects. */
  readonly status: number
  /** The class the code decodes to. */
  readonly class: ApiError.AnyClass
  /** The resource a concrete code names (`user_not_found` names `user`). */
  readonly resource?: string
  /**
   * How the dialect writes a class it has no code of its own for, without the code meaning that class when
   * read (OAuth writes a `ValidationError` as `invalid_request`, which reads back as `InvalidRequest`).
   */
  readonly encodeOnly?: boolean
  readonly origin: Origin
  /** RFC sections and seed documents that define it. */
  readonly source: string
  readonly description: string
}

type Exports = typeof ApiError

/**
 * The tag of every class declared with `ApiError.Class`.
 *
 * @category models
 * @since 0.1.0
 */
export type Tag = {
  [K in keyof Exports]: Exports[K] extends ApiError.ClassFacts<infer T, number> ? T : never
}[keyof Exports]

/**
 * Every error class by its tag, read off the `ApiError` module: a class
 * exported there is in the catalog's vocabulary, with no second list to keep.
 *
 * @category models
 * @since 0.1.0
 */
export const classes: { readonly [T in Tag]: Exports[T] } = Object.fromEntries(
  Object.entries(ApiError).filter(([, value]) => isDeclaredClass(value))
) as any

function isDeclaredClass(value: unknown): boolean {
  return typeof value === "function" && typeof (value as { tag?: unknown }).tag === "string" &&
    typeof (value as { status?: unknown }).status === "number"
}

/**
 * The default status of every class, as a projection that has an entry for
 * each tag or does not compile.
 *
 * @category models
 * @since 0.1.0
 */
export const statusOf: { readonly [T in Tag]: Exports[T]["status"] } = Object.fromEntries(
  Object.entries(classes).map(([tag, declared]) => [tag, declared.status])
) as any

/**
 * The table.
 *
 * @category models
 * @since 0.1.0
 */
export const entries = [
  // --- The seed documents: every row of codes.tsv ----------------------------------------------------------------
  {
    dialect: "oauth",
    code: "invalid_request",
    status: 400,
    class: ApiError.InvalidRequest,
    origin: "seed",
    source: "RFC 6749 §5.2; seed 000, seed 001",
    description: "Malformed auth request, e.g. missing required field"
  },
  {
    dialect: "oauth",
    code: "invalid_client_metadata",
    status: 400,
    class: ApiError.InvalidClientMetadata,
    origin: "seed",
    source: "RFC 7591 §3.2.2; seed 000",
    description: "Client metadata rejected (RFC 7591)"
  },
  {
    dialect: "oauth",
    code: "invalid_grant",
    status: 400,
    class: ApiError.InvalidGrant,
    origin: "seed",
    source: "RFC 6749 §5.2; seed 000",
    description: "Grant invalid, expired or revoked"
  },
  {
    dialect: "oauth",
    code: "invalid_token",
    status: 401,
    class: ApiError.InvalidToken,
    origin: "seed",
    source: "RFC 6750 §3.1; seed 000",
    description: "Bearer token missing, invalid or expired"
  },
  {
    dialect: "oauth",
    code: "server_error",
    status: 500,
    class: ApiError.InternalError,
    origin: "seed",
    source: "seed 000, seed 001",
    description: "Unexpected failure on an auth route"
  },
  {
    dialect: "envelope",
    code: "bad_request",
    status: 400,
    class: ApiError.BadRequest,
    origin: "seed",
    source: "seed 000",
    description: "Invalid input"
  },
  {
    dialect: "envelope",
    code: "unauthorized",
    status: 401,
    class: ApiError.Unauthorized,
    origin: "seed",
    source: "seed 000",
    description: "Missing, invalid or expired bearer token"
  },
  {
    dialect: "envelope",
    code: "forbidden",
    status: 403,
    class: ApiError.Forbidden,
    origin: "seed",
    source: "seed 000",
    description: "Authenticated but not allowed"
  },
  {
    dialect: "envelope",
    code: "not_found",
    status: 404,
    class: ApiError.NotFound,
    origin: "seed",
    source: "seed 000",
    description: "Route or resource does not exist"
  },
  {
    dialect: "envelope",
    code: "validation_error",
    status: 422,
    class: ApiError.ValidationError,
    origin: "seed",
    source: "seed 000",
    description: "Valid JSON that failed validation"
  },
  {
    dialect: "envelope",
    code: "internal_error",
    status: 500,
    class: ApiError.InternalError,
    origin: "seed",
    source: "seed 000",
    description: "Unexpected server-side failure"
  },
  {
    dialect: "message-description",
    code: "400",
    status: 400,
    class: ApiError.BadRequest,
    origin: "seed",
    source: "seed 001",
    description: "Bad Request"
  },
  {
    dialect: "message-description",
    code: "401",
    status: 401,
    class: ApiError.Unauthorized,
    origin: "seed",
    source: "seed 001",
    description: "Unauthorized"
  },
  {
    dialect: "message-description",
    code: "403",
    status: 403,
    class: ApiError.Forbidden,
    origin: "seed",
    source: "seed 001",
    description: "Forbidden"
  },
  {
    dialect: "message-description",
    code: "404",
    status: 404,
    class: ApiError.NotFound,
    origin: "seed",
    source: "seed 001",
    description: "Not Found"
  },
  {
    dialect: "message-description",
    code: "405",
    status: 405,
    class: ApiError.MethodNotAllowed,
    origin: "seed",
    source: "seed 001",
    description: "Method Not Allowed"
  },
  {
    dialect: "message-description",
    code: "415",
    status: 415,
    class: ApiError.UnsupportedMediaType,
    origin: "seed",
    source: "seed 001",
    description: "Unsupported Media Type"
  },
  {
    dialect: "message-description",
    code: "429",
    status: 429,
    class: ApiError.RateLimited,
    origin: "seed",
    source: "seed 001",
    description: "Too Many Requests"
  },
  {
    dialect: "message-description",
    code: "500",
    status: 500,
    class: ApiError.InternalError,
    origin: "seed",
    source: "seed 001",
    description: "Internal Server Error"
  },
  {
    dialect: "message-description",
    code: "502",
    status: 502,
    class: ApiError.BadGateway,
    origin: "seed",
    source: "seed 001",
    description: "Bad Gateway"
  },
  {
    dialect: "message-description",
    code: "503",
    status: 503,
    class: ApiError.ServiceUnavailable,
    origin: "seed",
    source: "seed 001",
    description: "Service Unavailable"
  },
  {
    dialect: "message-description",
    code: "504",
    status: 504,
    class: ApiError.GatewayTimeout,
    origin: "seed",
    source: "seed 001",
    description: "Gateway Timeout"
  },
  {
    dialect: "oauth",
    code: "invalid_request",
    status: 302,
    class: ApiError.InvalidRequest,
    origin: "seed",
    source: "RFC 6749 §4.1.2.1; seed 001",
    description: "Malformed OAuth URL"
  },
  {
    dialect: "oauth",
    code: "unsupported_response_type",
    status: 302,
    class: ApiError.UnsupportedResponseType,
    origin: "seed",
    source: "RFC 6749 §4.1.2.1; seed 001",
    description: "Response type not supported"
  },
  {
    dialect: "oauth",
    code: "invalid_scope",
    status: 302,
    class: ApiError.InvalidScope,
    origin: "seed",
    source: "RFC 6749 §4.1.2.1; seed 001",
    description: "Scope invalid or unsupported"
  },
  {
    dialect: "oauth",
    code: "forbidden_scope",
    status: 302,
    class: ApiError.ForbiddenScope,
    origin: "seed",
    source: "seed 001",
    description: "Application not allowed to use this scope (non-standard)"
  },
  {
    dialect: "oauth",
    code: "access_denied",
    status: 302,
    class: ApiError.AccessDenied,
    origin: "seed",
    source: "RFC 6749 §4.1.2.1; seed 001",
    description: "Resource owner or server denied the request"
  },
  {
    dialect: "oauth",
    code: "unsupported_grant_type",
    status: 400,
    class: ApiError.UnsupportedGrantType,
    origin: "seed",
    source: "RFC 6749 §5.2; seed 001",
    description: "Grant type not supported"
  },
  {
    dialect: "oauth",
    code: "invalid_client",
    status: 401,
    class: ApiError.InvalidClient,
    origin: "seed",
    source: "RFC 6749 §5.2; seed 001",
    description: "Client id or secret invalid"
  },
  {
    dialect: "flat",
    code: "invalid_request",
    status: 400,
    class: ApiError.BadRequest,
    origin: "seed",
    source: "seed 002",
    description: "Invalid request format"
  },
  {
    dialect: "flat",
    code: "unauthorized",
    status: 401,
    class: ApiError.Unauthorized,
    origin: "seed",
    source: "seed 002",
    description: "Invalid or missing credentials"
  },
  {
    dialect: "flat",
    code: "forbidden",
    status: 403,
    class: ApiError.Forbidden,
    origin: "seed",
    source: "seed 002",
    description: "Insufficient permissions"
  },
  {
    dialect: "flat",
    code: "not_found",
    status: 404,
    class: ApiError.NotFound,
    origin: "seed",
    source: "seed 002",
    description: "Resource not found"
  },
  {
    dialect: "flat",
    code: "conflict",
    status: 409,
    class: ApiError.Conflict,
    origin: "seed",
    source: "seed 002",
    description: "Resource conflict"
  },
  {
    dialect: "flat",
    code: "validation_error",
    status: 422,
    class: ApiError.ValidationError,
    origin: "seed",
    source: "seed 002",
    description: "Input validation failed; details maps field to message"
  },
  {
    dialect: "flat",
    code: "rate_limit_exceeded",
    status: 429,
    class: ApiError.RateLimited,
    origin: "seed",
    source: "seed 002",
    description: "Rate limit exceeded; body retry_after seconds and Retry-After header"
  },
  {
    dialect: "flat",
    code: "internal_error",
    status: 500,
    class: ApiError.InternalError,
    origin: "seed",
    source: "seed 002",
    description: "Internal server error"
  },
  {
    dialect: "flat",
    code: "token_expired",
    status: 401,
    class: ApiError.TokenExpired,
    origin: "seed",
    source: "seed 002",
    description: "Token has expired"
  },
  {
    dialect: "flat",
    code: "token_revoked",
    status: 401,
    class: ApiError.TokenRevoked,
    origin: "seed",
    source: "seed 002",
    description: "Token has been revoked"
  },
  {
    dialect: "flat",
    code: "insufficient_scope",
    status: 403,
    class: ApiError.InsufficientScope,
    origin: "seed",
    source: "seed 002",
    description: "Required scope is missing"
  },
  {
    dialect: "flat",
    code: "user_not_found",
    status: 404,
    class: ApiError.NotFound,
    resource: "user",
    origin: "seed",
    source: "seed 002",
    description: "User not found"
  },
  {
    dialect: "flat",
    code: "client_not_found",
    status: 404,
    class: ApiError.NotFound,
    resource: "client",
    origin: "seed",
    source: "seed 002",
    description: "Client not found"
  },
  {
    dialect: "flat",
    code: "organization_not_found",
    status: 404,
    class: ApiError.NotFound,
    resource: "organization",
    origin: "seed",
    source: "seed 002",
    description: "Organization not found"
  },
  {
    dialect: "flat",
    code: "role_not_found",
    status: 404,
    class: ApiError.NotFound,
    resource: "role",
    origin: "seed",
    source: "seed 002",
    description: "Role not found"
  },
  {
    dialect: "flat",
    code: "policy_not_found",
    status: 404,
    class: ApiError.NotFound,
    resource: "policy",
    origin: "seed",
    source: "seed 002",
    description: "Policy not found"
  },
  {
    dialect: "flat",
    code: "flow_not_found",
    status: 404,
    class: ApiError.NotFound,
    resource: "flow",
    origin: "seed",
    source: "seed 002",
    description: "Flow not found"
  },
  {
    dialect: "flat",
    code: "invalid_email",
    status: 422,
    class: ApiError.InvalidResource,
    resource: "email",
    origin: "seed",
    source: "seed 002",
    description: "Invalid email address format"
  },
  {
    dialect: "flat",
    code: "invalid_password",
    status: 422,
    class: ApiError.InvalidResource,
    resource: "password",
    origin: "seed",
    source: "seed 002",
    description: "Password does not meet requirements"
  },
  {
    dialect: "flat",
    code: "invalid_json",
    status: 400,
    class: ApiError.InvalidJson,
    origin: "seed",
    source: "seed 002",
    description: "JSON parsing failed"
  },
  {
    dialect: "flat",
    code: "email_already_exists",
    status: 409,
    class: ApiError.AlreadyExists,
    resource: "email",
    origin: "seed",
    source: "seed 002",
    description: "Email address already in use"
  },
  {
    dialect: "flat",
    code: "client_id_already_exists",
    status: 409,
    class: ApiError.AlreadyExists,
    resource: "client_id",
    origin: "seed",
    source: "seed 002",
    description: "Client ID already in use"
  },
  {
    dialect: "flat",
    code: "role_already_assigned",
    status: 409,
    class: ApiError.AlreadyAssigned,
    resource: "role",
    origin: "seed",
    source: "seed 002",
    description: "Role already assigned"
  },
  {
    dialect: "flat",
    code: "user_suspended",
    status: 403,
    class: ApiError.UserSuspended,
    origin: "seed",
    source: "seed 002",
    description: "User is suspended"
  },
  {
    dialect: "flat",
    code: "user_locked",
    status: 403,
    class: ApiError.UserLocked,
    origin: "seed",
    source: "seed 002",
    description: "User is locked"
  },
  {
    dialect: "flat",
    code: "client_disabled",
    status: 403,
    class: ApiError.ClientDisabled,
    origin: "seed",
    source: "seed 002",
    description: "Client is disabled"
  },
  {
    dialect: "flat",
    code: "flow_inactive",
    status: 400,
    class: ApiError.FlowInactive,
    origin: "seed",
    source: "seed 002",
    description: "Flow is inactive"
  },
  {
    dialect: "flat",
    code: "job_not_found",
    status: 404,
    class: ApiError.NotFound,
    resource: "job",
    origin: "seed",
    source: "seed 002",
    description: "Job not found"
  },
  {
    dialect: "flat",
    code: "job_failed",
    status: 500,
    class: ApiError.JobFailed,
    origin: "seed",
    source: "seed 002",
    description: "Job execution failed"
  },
  {
    dialect: "flat",
    code: "job_cancelled",
    status: 400,
    class: ApiError.JobCancelled,
    origin: "seed",
    source: "seed 002",
    description: "Job was cancelled"
  },
  {
    dialect: "flat",
    code: "import_failed",
    status: 422,
    class: ApiError.ImportFailed,
    origin: "seed",
    source: "seed 002",
    description: "Import processing failed"
  },
  {
    dialect: "flat",
    code: "export_failed",
    status: 500,
    class: ApiError.ExportFailed,
    origin: "seed",
    source: "seed 002",
    description: "Export processing failed"
  },
  {
    dialect: "flat",
    code: "service_unavailable",
    status: 503,
    class: ApiError.ServiceUnavailable,
    origin: "seed",
    source: "seed 002",
    description: "Service temporarily unavailable"
  },
  {
    dialect: "flat",
    code: "database_error",
    status: 500,
    class: ApiError.DatabaseError,
    origin: "seed",
    source: "seed 002",
    description: "Database error"
  },
  {
    dialect: "flat",
    code: "timeout",
    status: 504,
    class: ApiError.GatewayTimeout,
    origin: "seed",
    source: "seed 002",
    description: "Request timeout"
  },
  {
    dialect: "nested",
    code: "{path}",
    status: 400,
    class: ApiError.BadRequest,
    origin: "seed",
    source: "seed 003",
    description: "URL could not be parsed"
  },
  {
    dialect: "nested",
    code: "{path}",
    status: 401,
    class: ApiError.Unauthorized,
    origin: "seed",
    source: "seed 003",
    description: "No valid token; login needed"
  },
  {
    dialect: "nested",
    code: "{path}",
    status: 403,
    class: ApiError.Forbidden,
    origin: "seed",
    source: "seed 003",
    description: "Action not permitted"
  },
  {
    dialect: "nested",
    code: "{path}",
    status: 404,
    class: ApiError.NotFound,
    origin: "seed",
    source: "seed 003",
    description: "Item or property not found or missing"
  },
  {
    dialect: "nested",
    code: "{path}",
    status: 409,
    class: ApiError.Conflict,
    origin: "seed",
    source: "seed 003",
    description: "Property conflicts with another item"
  },
  {
    dialect: "nested",
    code: "{path}",
    status: 422,
    class: ApiError.ValidationError,
    origin: "seed",
    source: "seed 003",
    description: "Property contains invalid data"
  },
  {
    dialect: "nested",
    code: "{path}",
    status: 500,
    class: ApiError.InternalError,
    origin: "seed",
    source: "seed 003",
    description: "Unexpected server error"
  },
  {
    dialect: "nested",
    code: "expired",
    status: 401,
    class: ApiError.TokenExpired,
    origin: "seed",
    source: "seed 003",
    description: "Session has expired, please login"
  },
  {
    dialect: "nested",
    code: "credentials_invalid",
    status: 401,
    class: ApiError.Unauthorized,
    origin: "seed",
    source: "seed 003",
    description: "Authorization required, please login"
  },
  {
    dialect: "nested",
    code: "format_error",
    status: 401,
    class: ApiError.MalformedAuthorization,
    origin: "seed",
    source: "seed 003",
    description: "Authorization header format is Authorization: Bearer <token>"
  },
  {
    dialect: "nested",
    code: "invalid_token",
    status: 401,
    class: ApiError.InvalidToken,
    origin: "seed",
    source: "seed 003",
    description: "Undecipherable / IP address not authenticated / Please login"
  },
  {
    dialect: "nested",
    code: "multiple",
    status: 422,
    class: ApiError.MultipleErrors,
    origin: "seed",
    source: "seed 003",
    description: "Aggregate: inner holds one error object per failed property"
  },
  {
    dialect: "code-description",
    code: "BAD_REQUEST",
    status: 400,
    class: ApiError.BadRequest,
    origin: "seed",
    source: "seed 004",
    description: "Request format or body invalid"
  },
  {
    dialect: "code-description",
    code: "INVALID_PARAMETER",
    status: 400,
    class: ApiError.InvalidResource,
    resource: "parameter",
    origin: "seed",
    source: "seed 004",
    description: "Parameter format or content wrong"
  },
  {
    dialect: "code-description",
    code: "INVALID_{RESOURCE}",
    status: 400,
    class: ApiError.InvalidResource,
    origin: "seed",
    source: "seed 004",
    description: "Content of the named resource is wrong (template)"
  },
  {
    dialect: "code-description",
    code: "MISSING_PARAMETER",
    status: 400,
    class: ApiError.MissingParameter,
    origin: "seed",
    source: "seed 004",
    description: "Required parameter missing"
  },
  {
    dialect: "code-description",
    code: "LIMIT_EXCEEDED",
    status: 400,
    class: ApiError.LimitExceeded,
    origin: "seed",
    source: "seed 004",
    description: "Parameter or property value over its limit"
  },
  {
    dialect: "code-description",
    code: "OUT_OF_RANGE",
    status: 400,
    class: ApiError.OutOfRange,
    origin: "seed",
    source: "seed 004",
    description: "Parameter or property value out of range"
  },
  {
    dialect: "code-description",
    code: "UNAUTHORIZED",
    status: 401,
    class: ApiError.Unauthorized,
    origin: "seed",
    source: "seed 004",
    description: "Authentication missing or wrong (RFC 6749)"
  },
  {
    dialect: "code-description",
    code: "FORBIDDEN",
    status: 403,
    class: ApiError.Forbidden,
    origin: "seed",
    source: "seed 004",
    description: "Refused, e.g. missing OAuth scope"
  },
  {
    dialect: "code-description",
    code: "ACCESS_DENIED",
    status: 403,
    class: ApiError.AccessDenied,
    origin: "seed",
    source: "seed 004",
    description: "Access to the resource restricted"
  },
  {
    dialect: "code-description",
    code: "LIMIT_EXCEEDED",
    status: 403,
    class: ApiError.QuotaExceeded,
    origin: "seed",
    source: "seed 004",
    description: "Limit for the requested resource exceeded"
  },
  {
    dialect: "code-description",
    code: "OUT_OF_RANGE",
    status: 403,
    class: ApiError.RangeNotAllowed,
    origin: "seed",
    source: "seed 004",
    description: "Expected range for the resource exceeded"
  },
  {
    dialect: "code-description",
    code: "NOT_FOUND",
    status: 404,
    class: ApiError.NotFound,
    origin: "seed",
    source: "seed 004",
    description: "Resource not found"
  },
  {
    dialect: "code-description",
    code: "{RESOURCE}_NOT_EXIST",
    status: 404,
    class: ApiError.NotFound,
    origin: "seed",
    source: "seed 004",
    description: "Named resource not found (template)"
  },
  {
    dialect: "code-description",
    code: "CONFLICT",
    status: 409,
    class: ApiError.Conflict,
    origin: "seed",
    source: "seed 004",
    description: "Conflict with the resource"
  },
  {
    dialect: "code-description",
    code: "ALREADY_EXIST",
    status: 409,
    class: ApiError.AlreadyExists,
    origin: "seed",
    source: "seed 004",
    description: "Resource already exists"
  },
  {
    dialect: "code-description",
    code: "{RESOURCE}_ALREADY_EXIST",
    status: 409,
    class: ApiError.AlreadyExists,
    origin: "seed",
    source: "seed 004",
    description: "Named resource already exists (template)"
  },
  {
    dialect: "code-description",
    code: "DELETED",
    status: 410,
    class: ApiError.Gone,
    origin: "seed",
    source: "seed 004",
    description: "Resource already deleted"
  },
  {
    dialect: "code-description",
    code: "INTERNAL_SERVER_ERROR",
    status: 500,
    class: ApiError.InternalError,
    origin: "seed",
    source: "seed 004",
    description: "Unspecified internal error"
  },
  {
    dialect: "code-description",
    code: "SERVICE_UNAVAILABLE",
    status: 503,
    class: ApiError.ServiceUnavailable,
    origin: "seed",
    source: "seed 004",
    description: "Temporary server error"
  },
  {
    dialect: "bearer",
    code: "invalid_request",
    status: 400,
    class: ApiError.InvalidRequest,
    origin: "seed",
    source: "RFC 6750 §3.1; seed 004",
    description: "WWW-Authenticate: Bearer error=\"invalid_request\""
  },
  {
    dialect: "bearer",
    code: "invalid_token",
    status: 401,
    class: ApiError.InvalidToken,
    origin: "seed",
    source: "RFC 6750 §3.1; seed 004",
    description: "WWW-Authenticate: Bearer error=\"invalid_token\""
  },
  {
    dialect: "bearer",
    code: "insufficient_scope",
    status: 403,
    class: ApiError.InsufficientScope,
    origin: "seed",
    source: "RFC 6750 §3.1; seed 004",
    description: "WWW-Authenticate: Bearer error=\"insufficient_scope\", scope=\"...\""
  },
  // --- Registered OAuth error codes (IANA "OAuth Extensions Error Registry", OpenID Connect) ---------------------
  // RFC 6749 §5.2: token endpoint codes the seeds do not list
  {
    dialect: "oauth",
    code: "invalid_client",
    status: 400,
    class: ApiError.InvalidClient,
    origin: "registry",
    source: "RFC 6749 §5.2",
    description: "Client authentication failed (client did not use the Authorization header)"
  },
  {
    dialect: "oauth",
    code: "unauthorized_client",
    status: 400,
    class: ApiError.UnauthorizedClient,
    origin: "registry",
    source: "RFC 6749 §5.2",
    description: "Client not authorized to use this grant type"
  },
  {
    dialect: "oauth",
    code: "invalid_scope",
    status: 400,
    class: ApiError.InvalidScope,
    origin: "registry",
    source: "RFC 6749 §5.2",
    description: "Requested scope invalid, unknown or malformed"
  },
  // RFC 6749 §4.1.2.1: authorization redirect codes the seeds do not list
  {
    dialect: "oauth",
    code: "unauthorized_client",
    status: 302,
    class: ApiError.UnauthorizedClient,
    origin: "registry",
    source: "RFC 6749 §4.1.2.1",
    description: "Client not authorized to use this response type"
  },
  {
    dialect: "oauth",
    code: "server_error",
    status: 302,
    class: ApiError.InternalError,
    origin: "registry",
    source: "RFC 6749 §4.1.2.1",
    description: "Server failure, sent through the redirect (a 500 cannot be)"
  },
  {
    dialect: "oauth",
    code: "temporarily_unavailable",
    status: 302,
    class: ApiError.ServiceUnavailable,
    origin: "registry",
    source: "RFC 6749 §4.1.2.1",
    description: "Server overloaded or in maintenance, sent through the redirect (a 503 cannot be)"
  },
  // RFC 6750 §3.1 codes sent in a JSON body
  {
    dialect: "oauth",
    code: "insufficient_scope",
    status: 403,
    class: ApiError.InsufficientScope,
    origin: "registry",
    source: "RFC 6750 §3.1",
    description: "Token lacks the scope the request needs"
  },
  // RFC 7009 §2.2.1
  {
    dialect: "oauth",
    code: "unsupported_token_type",
    status: 400,
    class: ApiError.UnsupportedTokenType,
    origin: "registry",
    source: "RFC 7009 §2.2.1",
    description: "Server does not support revoking this token type"
  },
  // RFC 7591 §3.2.2
  {
    dialect: "oauth",
    code: "invalid_redirect_uri",
    status: 400,
    class: ApiError.InvalidRedirectUri,
    origin: "registry",
    source: "RFC 7591 §3.2.2",
    description: "A registered redirection URI is invalid"
  },
  {
    dialect: "oauth",
    code: "invalid_software_statement",
    status: 400,
    class: ApiError.InvalidSoftwareStatement,
    origin: "registry",
    source: "RFC 7591 §3.2.2",
    description: "Software statement invalid"
  },
  {
    dialect: "oauth",
    code: "unapproved_software_statement",
    status: 400,
    class: ApiError.UnapprovedSoftwareStatement,
    origin: "registry",
    source: "RFC 7591 §3.2.2",
    description: "Software statement not approved"
  },
  // RFC 8628 §3.5
  {
    dialect: "oauth",
    code: "authorization_pending",
    status: 400,
    class: ApiError.AuthorizationPending,
    origin: "registry",
    source: "RFC 8628 §3.5",
    description: "User has not completed the device flow; keep polling"
  },
  {
    dialect: "oauth",
    code: "slow_down",
    status: 400,
    class: ApiError.SlowDown,
    origin: "registry",
    source: "RFC 8628 §3.5",
    description: "Polling too fast; add 5 seconds to the interval"
  },
  {
    dialect: "oauth",
    code: "access_denied",
    status: 400,
    class: ApiError.AccessDenied,
    origin: "registry",
    source: "RFC 8628 §3.5",
    description: "User denied the device authorization"
  },
  {
    dialect: "oauth",
    code: "expired_token",
    status: 400,
    class: ApiError.DeviceCodeExpired,
    origin: "registry",
    source: "RFC 8628 §3.5",
    description: "Device code expired"
  },
  // RFC 8693 §2.2.2, RFC 8707 §2
  {
    dialect: "oauth",
    code: "invalid_target",
    status: 400,
    class: ApiError.InvalidTarget,
    origin: "registry",
    source: "RFC 8707 §2; RFC 8693 §2.2.2",
    description: "Requested resource or audience invalid"
  },
  {
    dialect: "oauth",
    code: "invalid_target",
    status: 302,
    class: ApiError.InvalidTarget,
    origin: "registry",
    source: "RFC 8707 §2",
    description: "Requested resource invalid, sent through the redirect"
  },
  // RFC 9126 §2.3: a pushed authorization request answers §4.1.2.1 codes directly
  {
    dialect: "oauth",
    code: "unsupported_response_type",
    status: 400,
    class: ApiError.UnsupportedResponseType,
    origin: "registry",
    source: "RFC 9126 §2.3",
    description: "Response type not supported (pushed authorization request)"
  },
  // RFC 9126 §2.3 with RFC 9101 §7: a pushed authorization request answers request-object errors directly
  {
    dialect: "oauth",
    code: "invalid_request_object",
    status: 400,
    class: ApiError.InvalidRequestObject,
    origin: "registry",
    source: "RFC 9126 §2.3; RFC 9101 §7",
    description: "Request object invalid (pushed authorization request)"
  },
  {
    dialect: "oauth",
    code: "invalid_request_uri",
    status: 400,
    class: ApiError.InvalidRequestUri,
    origin: "registry",
    source: "RFC 9126 §2.3; RFC 9101 §7",
    description: "request_uri invalid (pushed authorization request)"
  },
  {
    dialect: "oauth",
    code: "request_not_supported",
    status: 400,
    class: ApiError.RequestNotSupported,
    origin: "registry",
    source: "RFC 9126 §2.3; RFC 9101 §7",
    description: "request parameter not supported (pushed authorization request)"
  },
  {
    dialect: "oauth",
    code: "request_uri_not_supported",
    status: 400,
    class: ApiError.RequestUriNotSupported,
    origin: "registry",
    source: "RFC 9126 §2.3; RFC 9101 §7",
    description: "request_uri parameter not supported (pushed authorization request)"
  },
  // RFC 9449 §5, §8
  {
    dialect: "oauth",
    code: "invalid_dpop_proof",
    status: 400,
    class: ApiError.InvalidDpopProof,
    origin: "registry",
    source: "RFC 9449 §5",
    description: "DPoP proof invalid"
  },
  {
    dialect: "oauth",
    code: "use_dpop_nonce",
    status: 400,
    class: ApiError.UseDpopNonce,
    origin: "registry",
    source: "RFC 9449 §8",
    description: "Retry with the nonce in DPoP-Nonce"
  },
  // OpenID Connect Core 1.0 §3.1.2.6, RFC 9101 §7, RFC 9470 §5
  {
    dialect: "oauth",
    code: "interaction_required",
    status: 302,
    class: ApiError.InteractionRequired,
    origin: "registry",
    source: "OpenID Connect Core 1.0 §3.1.2.6",
    description: "User interaction required"
  },
  {
    dialect: "oauth",
    code: "login_required",
    status: 302,
    class: ApiError.LoginRequired,
    origin: "registry",
    source: "OpenID Connect Core 1.0 §3.1.2.6",
    description: "User must log in"
  },
  {
    dialect: "oauth",
    code: "account_selection_required",
    status: 302,
    class: ApiError.AccountSelectionRequired,
    origin: "registry",
    source: "OpenID Connect Core 1.0 §3.1.2.6",
    description: "User must select an account"
  },
  {
    dialect: "oauth",
    code: "consent_required",
    status: 302,
    class: ApiError.ConsentRequired,
    origin: "registry",
    source: "OpenID Connect Core 1.0 §3.1.2.6",
    description: "User must consent"
  },
  {
    dialect: "oauth",
    code: "invalid_request_uri",
    status: 302,
    class: ApiError.InvalidRequestUri,
    origin: "registry",
    source: "OpenID Connect Core 1.0 §3.1.2.6; RFC 9101 §7",
    description: "request_uri invalid or expired"
  },
  {
    dialect: "oauth",
    code: "invalid_request_object",
    status: 302,
    class: ApiError.InvalidRequestObject,
    origin: "registry",
    source: "OpenID Connect Core 1.0 §3.1.2.6; RFC 9101 §7",
    description: "Request object invalid"
  },
  {
    dialect: "oauth",
    code: "request_not_supported",
    status: 302,
    class: ApiError.RequestNotSupported,
    origin: "registry",
    source: "OpenID Connect Core 1.0 §3.1.2.6; RFC 9101 §7",
    description: "request parameter not supported"
  },
  {
    dialect: "oauth",
    code: "request_uri_not_supported",
    status: 302,
    class: ApiError.RequestUriNotSupported,
    origin: "registry",
    source: "OpenID Connect Core 1.0 §3.1.2.6; RFC 9101 §7",
    description: "request_uri parameter not supported"
  },
  {
    dialect: "oauth",
    code: "registration_not_supported",
    status: 302,
    class: ApiError.RegistrationNotSupported,
    origin: "registry",
    source: "OpenID Connect Core 1.0 §3.1.2.6",
    description: "registration parameter not supported"
  },
  {
    dialect: "oauth",
    code: "unmet_authentication_requirements",
    status: 302,
    class: ApiError.UnmetAuthenticationRequirements,
    origin: "registry",
    source: "RFC 9470 §5; OpenID Connect Unmet Authentication Requirements 1.0",
    description: "Requested authentication requirements cannot be met"
  },
  // RFC 9449 §7.1, §9 and RFC 9470 §3: challenge codes
  {
    dialect: "bearer",
    code: "invalid_dpop_proof",
    status: 401,
    class: ApiError.InvalidDpopProof,
    origin: "registry",
    source: "RFC 9449 §7.1",
    description: "WWW-Authenticate: DPoP error=\"invalid_dpop_proof\""
  },
  {
    dialect: "bearer",
    code: "use_dpop_nonce",
    status: 401,
    class: ApiError.UseDpopNonce,
    origin: "registry",
    source: "RFC 9449 §9",
    description: "WWW-Authenticate: DPoP error=\"use_dpop_nonce\" with a DPoP-Nonce field"
  },
  {
    dialect: "bearer",
    code: "insufficient_user_authentication",
    status: 401,
    class: ApiError.InsufficientUserAuthentication,
    origin: "registry",
    source: "RFC 9470 §3",
    description: "WWW-Authenticate: Bearer error=\"insufficient_user_authentication\", acr_values, max_age"
  },
  // --- Faultline extensions ---------------------------------------------------------------------------------------
  // OAuth has no codes for the HTTP-level failures a server also meets on its auth routes; like node-oidc-provider,
  // Faultline sends invalid_request / server_error / temporarily_unavailable with the HTTP status telling the meaning.
  {
    dialect: "oauth",
    code: "invalid_request",
    status: 404,
    class: ApiError.NotFound,
    origin: "extension",
    source: "RFC 6749 §5.2 with RFC 9110 §15.5.5",
    description: "Unknown route on an auth path"
  },
  {
    dialect: "oauth",
    code: "invalid_request",
    status: 405,
    class: ApiError.MethodNotAllowed,
    origin: "extension",
    source: "RFC 6749 §5.2 with RFC 9110 §15.5.6",
    description: "Method not allowed on an auth path"
  },
  {
    dialect: "oauth",
    code: "invalid_request",
    status: 413,
    class: ApiError.PayloadTooLarge,
    origin: "extension",
    source: "RFC 6749 §5.2 with RFC 9110 §15.5.14",
    description: "Request body too large"
  },
  {
    dialect: "oauth",
    code: "invalid_request",
    status: 415,
    class: ApiError.UnsupportedMediaType,
    origin: "extension",
    source: "RFC 6749 §5.2 with RFC 9110 §15.5.16",
    description: "Request body media type not accepted"
  },
  {
    dialect: "oauth",
    code: "invalid_request",
    status: 429,
    class: ApiError.RateLimited,
    origin: "extension",
    source: "RFC 6749 §5.2 with RFC 6585 §4",
    description: "Too many requests"
  },
  {
    dialect: "oauth",
    code: "server_error",
    status: 502,
    class: ApiError.BadGateway,
    origin: "extension",
    source: "RFC 6749 §5.2 with RFC 9110 §15.6.3",
    description: "Upstream failure"
  },
  {
    dialect: "oauth",
    code: "temporarily_unavailable",
    status: 503,
    class: ApiError.ServiceUnavailable,
    origin: "extension",
    source: "RFC 6749 §4.1.2.1 with RFC 9110 §15.6.4",
    description: "Server temporarily unavailable"
  },
  {
    dialect: "oauth",
    code: "server_error",
    status: 504,
    class: ApiError.GatewayTimeout,
    origin: "extension",
    source: "RFC 6749 §5.2 with RFC 9110 §15.6.5",
    description: "Upstream timeout"
  },
  // Seed 000's envelope documents six codes; these name the other statuses its server adapter must send.
  {
    dialect: "envelope",
    code: "method_not_allowed",
    status: 405,
    class: ApiError.MethodNotAllowed,
    origin: "extension",
    source: "RFC 9110 §15.5.6",
    description: "Method not allowed on this route"
  },
  {
    dialect: "envelope",
    code: "conflict",
    status: 409,
    class: ApiError.Conflict,
    origin: "extension",
    source: "RFC 9110 §15.5.10",
    description: "Resource conflict"
  },
  {
    dialect: "envelope",
    code: "payload_too_large",
    status: 413,
    class: ApiError.PayloadTooLarge,
    origin: "extension",
    source: "RFC 9110 §15.5.14",
    description: "Request body too large"
  },
  {
    dialect: "envelope",
    code: "unsupported_media_type",
    status: 415,
    class: ApiError.UnsupportedMediaType,
    origin: "extension",
    source: "RFC 9110 §15.5.16",
    description: "Request body media type not accepted"
  },
  {
    dialect: "envelope",
    code: "rate_limit_exceeded",
    status: 429,
    class: ApiError.RateLimited,
    origin: "extension",
    source: "RFC 6585 §4 (code as in seed 002)",
    description: "Too many requests"
  },
  {
    dialect: "envelope",
    code: "service_unavailable",
    status: 503,
    class: ApiError.ServiceUnavailable,
    origin: "extension",
    source: "RFC 9110 §15.6.4",
    description: "Service temporarily unavailable"
  },
  // Seed 002 names resources in its codes; Faultline reads any resource in those three patterns.
  {
    dialect: "flat",
    code: "{resource}_not_found",
    status: 404,
    class: ApiError.NotFound,
    origin: "extension",
    source: "seed 002 (pattern of user_not_found …)",
    description: "Named resource not found"
  },
  {
    dialect: "flat",
    code: "{resource}_already_exists",
    status: 409,
    class: ApiError.AlreadyExists,
    origin: "extension",
    source: "seed 002 (pattern of email_already_exists …)",
    description: "Named resource already exists"
  },
  {
    dialect: "flat",
    code: "{resource}_already_assigned",
    status: 409,
    class: ApiError.AlreadyAssigned,
    origin: "extension",
    source: "seed 002 (pattern of role_already_assigned)",
    description: "Named resource already assigned"
  },
  {
    dialect: "flat",
    code: "method_not_allowed",
    status: 405,
    class: ApiError.MethodNotAllowed,
    origin: "extension",
    source: "RFC 9110 §15.5.6",
    description: "Method not allowed on this route"
  },
  {
    dialect: "flat",
    code: "payload_too_large",
    status: 413,
    class: ApiError.PayloadTooLarge,
    origin: "extension",
    source: "RFC 9110 §15.5.14",
    description: "Request body too large"
  },
  {
    dialect: "flat",
    code: "unsupported_media_type",
    status: 415,
    class: ApiError.UnsupportedMediaType,
    origin: "extension",
    source: "RFC 9110 §15.5.16",
    description: "Request body media type not accepted"
  },
  {
    dialect: "flat",
    code: "bad_gateway",
    status: 502,
    class: ApiError.BadGateway,
    origin: "extension",
    source: "RFC 9110 §15.6.3",
    description: "Upstream failure"
  },
  // Seed 001's message is the status: these are the statuses it does not list.
  {
    dialect: "message-description",
    code: "402",
    status: 402,
    class: ApiError.PaymentRequired,
    origin: "extension",
    source: "RFC 9110 §15.5.3",
    description: "Payment Required"
  },
  {
    dialect: "message-description",
    code: "408",
    status: 408,
    class: ApiError.RequestTimeout,
    origin: "extension",
    source: "RFC 9110 §15.5.9",
    description: "Request Timeout"
  },
  {
    dialect: "message-description",
    code: "409",
    status: 409,
    class: ApiError.Conflict,
    origin: "extension",
    source: "RFC 9110 §15.5.10",
    description: "Conflict"
  },
  {
    dialect: "message-description",
    code: "410",
    status: 410,
    class: ApiError.Gone,
    origin: "extension",
    source: "RFC 9110 §15.5.11",
    description: "Gone"
  },
  {
    dialect: "message-description",
    code: "412",
    status: 412,
    class: ApiError.PreconditionFailed,
    origin: "extension",
    source: "RFC 9110 §15.5.13",
    description: "Precondition Failed"
  },
  {
    dialect: "message-description",
    code: "413",
    status: 413,
    class: ApiError.PayloadTooLarge,
    origin: "extension",
    source: "RFC 9110 §15.5.14",
    description: "Content Too Large"
  },
  {
    dialect: "message-description",
    code: "422",
    status: 422,
    class: ApiError.ValidationError,
    origin: "extension",
    source: "RFC 9110 §15.5.21",
    description: "Unprocessable Content"
  },
  {
    dialect: "message-description",
    code: "501",
    status: 501,
    class: ApiError.NotImplemented,
    origin: "extension",
    source: "RFC 9110 §15.6.2",
    description: "Not Implemented"
  },
  // Seed 003's code is a property path "or a default error message": these are the defaults when there is no path.
  {
    dialect: "nested",
    code: "bad_request",
    status: 400,
    class: ApiError.BadRequest,
    origin: "extension",
    source: "seed 003 (default message for 400)",
    description: "Bad request"
  },
  {
    dialect: "nested",
    code: "forbidden",
    status: 403,
    class: ApiError.Forbidden,
    origin: "extension",
    source: "seed 003 (default message for 403)",
    description: "Forbidden"
  },
  {
    dialect: "nested",
    code: "not_found",
    status: 404,
    class: ApiError.NotFound,
    origin: "extension",
    source: "seed 003 (default message for 404)",
    description: "Not found"
  },
  {
    dialect: "nested",
    code: "method_not_allowed",
    status: 405,
    class: ApiError.MethodNotAllowed,
    origin: "extension",
    source: "RFC 9110 §15.5.6",
    description: "Method not allowed"
  },
  {
    dialect: "nested",
    code: "conflict",
    status: 409,
    class: ApiError.Conflict,
    origin: "extension",
    source: "seed 003 (default message for 409)",
    description: "Conflict"
  },
  {
    dialect: "nested",
    code: "payload_too_large",
    status: 413,
    class: ApiError.PayloadTooLarge,
    origin: "extension",
    source: "RFC 9110 §15.5.14",
    description: "Request body too large"
  },
  {
    dialect: "nested",
    code: "unsupported_media_type",
    status: 415,
    class: ApiError.UnsupportedMediaType,
    origin: "extension",
    source: "RFC 9110 §15.5.16",
    description: "Unsupported media type"
  },
  {
    dialect: "nested",
    code: "validation_error",
    status: 422,
    class: ApiError.ValidationError,
    origin: "extension",
    source: "seed 003 (default message for 422)",
    description: "Validation failed"
  },
  {
    dialect: "nested",
    code: "too_many_requests",
    status: 429,
    class: ApiError.RateLimited,
    origin: "extension",
    source: "RFC 6585 §4",
    description: "Too many requests"
  },
  {
    dialect: "nested",
    code: "internal_error",
    status: 500,
    class: ApiError.InternalError,
    origin: "extension",
    source: "seed 003 (default message for 500)",
    description: "Internal server error"
  },
  {
    dialect: "nested",
    code: "service_unavailable",
    status: 503,
    class: ApiError.ServiceUnavailable,
    origin: "extension",
    source: "RFC 9110 §15.6.4",
    description: "Service unavailable"
  },
  // Seed 004's vocabulary, completed for the statuses its server adapter must send.
  {
    dialect: "code-description",
    code: "METHOD_NOT_ALLOWED",
    status: 405,
    class: ApiError.MethodNotAllowed,
    origin: "extension",
    source: "RFC 9110 §15.5.6",
    description: "Method not allowed"
  },
  {
    dialect: "code-description",
    code: "PAYLOAD_TOO_LARGE",
    status: 413,
    class: ApiError.PayloadTooLarge,
    origin: "extension",
    source: "RFC 9110 §15.5.14",
    description: "Request body too large"
  },
  {
    dialect: "code-description",
    code: "UNSUPPORTED_MEDIA_TYPE",
    status: 415,
    class: ApiError.UnsupportedMediaType,
    origin: "extension",
    source: "RFC 9110 §15.5.16",
    description: "Unsupported media type"
  },
  {
    dialect: "code-description",
    code: "VALIDATION_FAILED",
    status: 422,
    class: ApiError.ValidationError,
    origin: "extension",
    source: "RFC 9110 §15.5.21",
    description: "Validation failed"
  },
  {
    dialect: "code-description",
    code: "TOO_MANY_REQUESTS",
    status: 429,
    class: ApiError.RateLimited,
    origin: "extension",
    source: "RFC 6585 §4",
    description: "Too many requests"
  },
  {
    dialect: "code-description",
    code: "BAD_GATEWAY",
    status: 502,
    class: ApiError.BadGateway,
    origin: "extension",
    source: "RFC 9110 §15.6.3",
    description: "Upstream failure"
  },
  {
    dialect: "code-description",
    code: "GATEWAY_TIMEOUT",
    status: 504,
    class: ApiError.GatewayTimeout,
    origin: "extension",
    source: "RFC 9110 §15.6.5",
    description: "Upstream timeout"
  },
  // --- How a vocabulary writes a class it has no code of its own for: these codes read back as their own class --
  {
    dialect: "oauth",
    code: "invalid_request",
    status: 400,
    class: ApiError.BadRequest,
    encodeOnly: true,
    origin: "extension",
    source: "RFC 6749 §5.2 (a malformed request is invalid_request, 400)",
    description: "A malformed request on an OAuth route"
  },
  {
    dialect: "oauth",
    code: "invalid_request",
    status: 400,
    class: ApiError.ValidationError,
    encodeOnly: true,
    origin: "extension",
    source: "RFC 6749 §5.2 (an invalid parameter value is invalid_request, 400)",
    description: "Request parameters that failed validation on an OAuth route"
  },
  {
    dialect: "oauth",
    code: "invalid_token",
    status: 401,
    class: ApiError.Unauthorized,
    encodeOnly: true,
    origin: "extension",
    source: "RFC 6750 §3.1; seed 000 (invalid_token: bearer token missing, invalid or expired)",
    description: "Authentication required on an OAuth route"
  },
  {
    dialect: "bearer",
    code: "invalid_request",
    status: 400,
    class: ApiError.MalformedAuthorization,
    encodeOnly: true,
    origin: "extension",
    source: "RFC 6750 §3.1 (a malformed request, a malformed Authorization header included, is invalid_request)",
    description: "A malformed Authorization header"
  }
] as const satisfies ReadonlyArray<Entry>

/**
 * The entries as a type, for the type-level projections below.
 *
 * @category models
 * @since 0.1.0
 */
export type Entries = (typeof entries)[number]

/**
 * The entries of a built-in vocabulary, as a type: those a code decodes to
 * (`encodeOnly` entries excluded unless `Where` asks for them), optionally
 * narrowed by more entry facts (e.g. `{ status: 302 }`).
 *
 * @category models
 * @since 0.1.0
 */
export type EntriesOf<D extends Dialect, Where = unknown> = Exclude<
  Extract<Entries, { readonly dialect: D } & Where>,
  { readonly encodeOnly: true }
>

/**
 * The tags a built-in vocabulary's codes decode to, optionally narrowed by
 * more entry facts (e.g. `{ status: 302 }`).
 *
 * @category models
 * @since 0.1.0
 */
export type TagsOf<D extends Dialect, Where = unknown> = EntriesOf<D, Where>["class"]["tag"]

/**
 * The instance type of the class with a given tag.
 *
 * @category models
 * @since 0.1.0
 */
export type ErrorOfTag<T extends Tag> = InstanceType<Exports[T]>

/**
 * Everything decoding in a built-in vocabulary can give: the classes its
 * codes name and `UnknownError` for a code it does not document.
 *
 * @category models
 * @since 0.1.0
 */
export type ErrorOf<D extends Dialect> = InstanceType<EntriesOf<D>["class"]> | ApiError.UnknownError

/**
 * The entries of one built-in vocabulary, in table order, typed by what they
 * hold: a dialect declared with them has exactly their classes in its union.
 *
 * @category models
 * @since 0.2.0
 */
export const vocabulary = <D extends Dialect>(dialect: D): ReadonlyArray<Extract<Entries, { readonly dialect: D }>> =>
  entries.filter((entry): entry is Extract<Entries, { readonly dialect: D }> => entry.dialect === dialect)

/**
 * The entries of one dialect, in table order.
 *
 * @category models
 * @since 0.1.0
 */
export const entriesOf = (dialect: Dialect): ReadonlyArray<Entry> => vocabulary(dialect)

/**
 * The classes one dialect's entries decode to, once each, in table order.
 *
 * @category models
 * @since 0.1.0
 */
export const classesOf = (
  dialect: Dialect,
  where: (entry: Entry) => boolean = () => true
): ReadonlyArray<ApiError.AnyClass> => {
  const found = new Set<ApiError.AnyClass>()
  for (const entry of entries as ReadonlyArray<Entry>) {
    if (entry.dialect === dialect && entry.encodeOnly !== true && where(entry)) found.add(entry.class)
  }
  return Array.from(found)
}

/**
 * The class that means no more than an HTTP status — the one seed 001 names
 * when its message is that status (`404` → `NotFound`) — or `undefined` for a
 * status no table names.
 *
 * @category models
 * @since 0.2.0
 */
export const genericClassOf: (status: number) => ApiError.AnyClass | undefined = (() => {
  const byStatus = new Map<number, ApiError.AnyClass>()
  for (const entry of vocabulary("message-description")) byStatus.set(entry.status, entry.class)
  return (status) => byStatus.get(status)
})()

/**
 * The tag of {@link genericClassOf}.
 *
 * @category models
 * @since 0.1.0
 */
export const genericTagOf = (status: number): Tag | undefined => genericClassOf(status)?.tag as Tag | undefined

const placeholder = /\{(RESOURCE|resource|path)\}/

/**
 * The kind of placeholder a code has, if any: `{RESOURCE}` and `{resource}`
 * are resource templates, `{path}` a property path template.
 *
 * @category models
 * @since 0.2.0
 */
export const templateOf = (code: string): Template | undefined => {
  const match = placeholder.exec(code)
  return match === null ? undefined : match[1] === "path" ? "path" : "resource"
}

/**
 * Reads the resource out of a code that fits a template code
 * (`USER_NOT_EXIST` fits `{RESOURCE}_NOT_EXIST`, giving `user`), or
 * `undefined` when it does not fit. Resources are kept lower snake case.
 *
 * @category models
 * @since 0.1.0
 */
export const matchTemplate = (template: { readonly code: string }, code: string): string | undefined => {
  const match = placeholder.exec(template.code)
  if (match === null) return undefined
  const prefix = template.code.slice(0, match.index)
  const suffix = template.code.slice(match.index + match[0].length)
  if (code.length <= prefix.length + suffix.length || !code.startsWith(prefix) || !code.endsWith(suffix)) {
    return undefined
  }
  const value = code.slice(prefix.length, code.length - suffix.length)
  switch (match[1]) {
    case "RESOURCE":
      return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(value) ? value.toLowerCase() : undefined
    case "resource":
      return /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/.test(value) ? value : undefined
    default:
      return value
  }
}

/**
 * Writes a template code for a resource: the inverse of {@link matchTemplate}.
 *
 * @category models
 * @since 0.1.0
 */
export const fillTemplate = (template: { readonly code: string }, value: string): string =>
  template.code.replace(
    placeholder,
    (_, kind: string) => kind === "RESOURCE" ? value.toUpperCase() : value
  )

/**
 * What a code means in the built-in table: see {@link lookup}.
 *
 * @category models
 * @since 0.2.0
 */
export interface Meaning {
  /** The entries the code is read as, in table order (`encodeOnly` entries, which only write a class, excluded). */
  readonly entries: ReadonlyArray<Entry>
  /** The class every entry means; `undefined` when the code is unknown or means different classes. */
  readonly class: ApiError.AnyClass | undefined
  /** The resource the code names (`user_not_found`, `USER_NOT_EXIST`: `user`), when every entry names the same. */
  readonly resource: string | undefined
}

/**
 * What a code means: the entries of the built-in table it is read as, and
 * the class they mean. In each vocabulary a code is first a code of its own,
 * else the resource templates it fits (`USER_NOT_EXIST` fits seed 004's
 * `{RESOURCE}_NOT_EXIST`); `dialect` and `status` narrow the entries to one
 * vocabulary and one status. A code that means different classes — in
 * different dialects or at different statuses (seed 004's `LIMIT_EXCEEDED`) —
 * has entries and no single class. Property path codes (seed 003's `{path}`)
 * are not matched: any code could be a path. For how a dialect object (a
 * user's included) reads a code at any status, see `Dialect.lookup` in
 * `@faultline/wire`.
 *
 * @example
 * ```ts
 * import { Catalog } from "@faultline/errors"
 *
 * Catalog.lookup("USER_NOT_EXIST").class?.tag // "NotFound", resource "user"
 * Catalog.lookup("LIMIT_EXCEEDED").entries.map((entry) => [entry.status, entry.class.tag]) // 400 and 403, two classes
 * Catalog.lookup("LIMIT_EXCEEDED", { status: 403 }).class?.tag // "QuotaExceeded"
 * Catalog.lookup("invalid_token", { dialect: "bearer" }).entries[0]?.source // "RFC 6750 §3.1; …"
 * ```
 *
 * @category models
 * @since 0.2.0
 */
export const lookup = (
  code: string,
  options?: { readonly dialect?: Dialect | undefined; readonly status?: number | undefined }
): Meaning => {
  const found: Array<Entry> = []
  const resources = new Set<string | undefined>()
  for (const dialect of options?.dialect === undefined ? dialects : [options.dialect]) {
    const table = entriesOf(dialect).filter((entry) => entry.encodeOnly !== true)
    // a code of its own wins over a template it also fits, as when a dialect reads it
    let matches = table.filter((entry) => entry.code === code).map((entry) => ({ entry, resource: entry.resource }))
    if (matches.length === 0) {
      matches = table.filter((entry) => templateOf(entry.code) === "resource").map((entry) => ({
        entry,
        resource: matchTemplate(entry, code)
      })).filter((match) => match.resource !== undefined)
    }
    for (const match of matches) {
      if (options?.status !== undefined && match.entry.status !== options.status) continue
      found.push(match.entry)
      resources.add(match.resource)
    }
  }
  const classes = new Set(found.map((entry) => entry.class))
  return {
    entries: found,
    class: classes.size === 1 ? found[0]!.class : undefined,
    resource: resources.size === 1 ? resources.values().next().value : undefined
  }
}

/**
 * The JSON values `Schema.Json` describes; re-exported so that dialects share
 * one definition.
 *
 * @category models
 * @since 0.1.0
 */
export type Json = Schema.Json

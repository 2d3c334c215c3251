/**
 * PostgREST's errors (Supabase's REST API), `{"code": "PGRST116",
 * "message", "details", "hint"}`: PostgREST's own codes and PostgreSQL's
 * SQLSTATEs, with the status PostgREST chose for them.
 *
 * @since 0.2.0
 */
import { ApiError } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

const postgrest = "PostgREST docs, 'Errors' (PostgREST error codes)"
const sqlstate = "PostgREST docs, 'Errors' (HTTP status codes of PostgreSQL errors)"

/** The codes whose meaning is more than their status; the others mean what their status means, kept. */
const codes = [
  { code: "23505", status: 409, class: ApiError.AlreadyExists, source: sqlstate },
  { code: "23503", status: 409, class: ApiError.Conflict, source: sqlstate },
  { code: "42501", status: 403, class: ApiError.Forbidden, source: sqlstate },
  { code: "42P01", status: 404, class: ApiError.NotFound, source: sqlstate },
  { code: "PGRST301", status: 401, class: ApiError.InvalidToken, source: postgrest },
  { code: "PGRST303", status: 401, class: ApiError.TokenExpired, source: postgrest },
  { code: "PGRST204", status: 400, class: ApiError.BadRequest, source: postgrest },
  ...Dialect.genericCodes("UPPER_SNAKE")
] as const

/**
 * The PostgREST dialect.
 *
 * - `code` is the code; a code the table does not name means what its
 *   status means (PostgREST maps every SQLSTATE class to one), and is kept.
 * - `message` is the message; `details` the details; `hint` stays in
 *   `extensions`.
 *
 * @see https://docs.postgrest.org/en/stable/references/errors.html
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "postgrest",
  contentType: "application/json",
  codes,
  unknownCodes: "status",
  shape: { code: ["code"], message: ["message"], details: ["details"] },
  detect: { has: [{ path: ["code"], is: "string" }, ["hint"], { path: ["message"], is: "string" }] }
})

/**
 * Writes an error as PostgREST does.
 *
 * @see https://docs.postgrest.org/en/stable/references/errors.html
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a PostgREST (Supabase) error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://docs.postgrest.org/en/stable/references/errors.html
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

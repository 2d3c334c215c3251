/**
 * Laravel's JSON errors, `{"message": "…"}`, and a validation failure's
 * `{"message": "…", "errors": {"email": ["…"]}}`. The status says what went
 * wrong.
 *
 * @since 0.2.0
 */
import * as Dialect from "./Dialect.ts"

/**
 * The Laravel dialect.
 *
 * - The meaning is the status's (`422` a validation failure, `429` a rate
 *   limit whose wait is in `Retry-After`); `message` is the message.
 * - `errors` maps each field to its messages, read and written as Laravel
 *   writes them, a list per field.
 * - Debug output (`exception`, `file`, `line`, `trace`) is kept in
 *   `extensions` as it came, never written by default.
 *
 * @see https://laravel.com/docs/validation#validation-error-response-format
 * @see https://laravel.com/docs/errors#rendering-exceptions
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "laravel",
  contentType: "application/json",
  codes: Dialect.genericCodes(),
  shape: { message: ["message"], issues: { path: ["errors"], format: "map", grouped: true } },
  detect: [
    { has: [{ path: ["message"], is: "string" }, { path: ["errors"], is: "object" }] },
    { has: [{ path: ["message"], is: "string" }, { path: ["exception"], is: "string" }] }
  ]
})

/**
 * Writes an error as Laravel does.
 *
 * @see https://laravel.com/docs/validation#validation-error-response-format
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a Laravel error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://laravel.com/docs/validation#validation-error-response-format
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

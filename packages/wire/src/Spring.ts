/**
 * Spring Boot's default error body, `{"timestamp","status","error","path",
 * "message"}`, with the binding errors of a validation failure when the
 * application includes them. The status says what went wrong: `error` is its
 * reason phrase.
 *
 * @since 0.2.0
 */
import * as Dialect from "./Dialect.ts"

/**
 * The Spring Boot dialect.
 *
 * - The meaning is the status's; `error` is the reason phrase, written as the
 *   class's title; `message` the specifics (Spring leaves it out unless
 *   `server.error.include-message` is on).
 * - `path` is the request's path, not a field: it is kept in `extensions`
 *   with `timestamp`, `trace` and whatever else the application added.
 * - `errors` (binding errors, `server.error.include-binding-errors`) are the
 *   field issues: `field`, `defaultMessage`, and the failed constraint's
 *   `code` (`NotBlank`) as the check. A 400 with them is a validation error.
 * - Spring's problem details (`spring.mvc.problemdetails.enabled`) are the
 *   problem dialect's.
 *
 * @see https://docs.spring.io/spring-boot/reference/web/servlet.html#web.servlet.spring-mvc.error-handling
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "spring",
  contentType: "application/json",
  codes: Dialect.genericCodes(),
  shape: {
    status: ["status"],
    title: ["error"],
    message: ["message"],
    issues: {
      path: ["errors"],
      format: "list",
      item: { path: ["field"], message: ["defaultMessage"], check: ["code"] }
    }
  },
  detect: {
    has: [["timestamp"], { path: ["status"], is: "number" }, { path: ["error"], is: "string" }]
  }
})

/**
 * Writes an error as Spring Boot does.
 *
 * @see https://docs.spring.io/spring-boot/reference/web/servlet.html#web.servlet.spring-mvc.error-handling
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a Spring Boot error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://docs.spring.io/spring-boot/reference/web/servlet.html#web.servlet.spring-mvc.error-handling
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

/**
 * FastAPI's errors, `{"detail": "…"}` and, for a request that failed
 * validation, `{"detail": [{"loc", "msg", "type"}]}` — the form Django REST
 * framework's `{"detail": "…"}` shares. The status says what went wrong.
 *
 * @since 0.2.0
 */
import * as Dialect from "./Dialect.ts"

/**
 * The FastAPI dialect.
 *
 * - The meaning is the status's; a `detail` sentence is the message.
 * - A `detail` list is the field issues: `loc` (`["body", "name"]`, read and
 *   written as `body.name`), `msg`, and `type` (`missing`) as the check;
 *   Pydantic's `input`, `ctx` and `url` are not kept per issue.
 * - Django REST framework's `{"detail": "…"}` reads the same (its field errors,
 *   `{"name": ["…"]}`, name no member this dialect can tell apart).
 *
 * @see https://fastapi.tiangolo.com/tutorial/handling-errors/
 * @see https://www.django-rest-framework.org/api-guide/exceptions/
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "fastapi",
  contentType: "application/json",
  codes: Dialect.genericCodes(),
  shape: {
    issues: {
      path: ["detail"],
      format: "list",
      item: { path: ["loc"], message: ["msg"], check: ["type"], pathFormat: "list" }
    },
    message: ["detail"]
  },
  // a detail and none of a problem's members
  detect: { has: [{ path: ["detail"], is: ["string", "array"] }], lacks: [["type"], ["title"], ["status"]] }
})

/**
 * Writes an error as FastAPI does.
 *
 * @see https://fastapi.tiangolo.com/tutorial/handling-errors/
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a FastAPI (or Django REST framework) error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://fastapi.tiangolo.com/tutorial/handling-errors/
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

/**
 * Seed 003's nested form: `{"error":{"code","path","status","message","check"}}`,
 * where `code` is the path of the property that failed or a default message,
 * and several errors at once as `{"error":{"code":"multiple","status":422,"inner":[…]}}`.
 *
 * @since 0.1.0
 */
import { Catalog } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

/**
 * The nested dialect.
 *
 * - A code the vocabulary does not name is the property path, and the class
 *   is the one the vocabulary gives the status (`{"code":"userId","status":404}`
 *   is a `NotFound` with `path: "userId"`); the HTTP status decides, a
 *   `status` member that disagrees is kept in `extensions`.
 * - `multiple` decodes to `MultipleErrors`, whose status follows
 *   `ApiError.aggregateStatus` — except when every member is a field that
 *   failed validation (status 422 with a path): that is one `ValidationError`
 *   with an issue per member, and a `ValidationError` with several issues is
 *   written that way.
 * - Member names with stray whitespace are read (the seed's own example has
 *   `" message"`), and written back without it.
 * - Without a path, a class is written with its default code (`not_found`…).
 *
 * @see seed 003
 * @category models
 * @since 0.1.0
 */
export const dialect = Dialect.make({
  name: "nested",
  contentType: "application/json",
  codes: Catalog.vocabulary("nested"),
  lenientNames: true,
  shape: {
    code: ["error", "code"],
    path: ["error", "path"],
    status: ["error", "status"],
    message: ["error", "message"],
    check: ["error", "check"],
    issues: { format: "members" },
    members: ["error", "inner"]
  },
  // an error object with a code that states its status or has inner errors, and none of the envelope's members
  detect: [
    { has: [{ path: ["error", "code"], is: ["string", "number"] }, ["error", "inner"]] },
    {
      has: [{ path: ["error", "code"], is: ["string", "number"] }, ["error", "status"]],
      lacks: [["error", "details"], ["error", "request_id"]]
    }
  ]
})

/**
 * Writes an error in seed 003's form.
 *
 * @category encoding
 * @since 0.1.0
 */
export const encode = dialect.encode

/**
 * Reads a seed 003 response: total, see `Dialect.Dialect.decode`.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decode = dialect.decode

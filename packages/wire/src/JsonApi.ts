/**
 * JSON:API's error documents, `{"errors": [{"status", "code", "title",
 * "detail", "source": {"pointer"}}]}` (`application/vnd.api+json`): a list of
 * error objects, whose `status` is normative and whose `code` is the
 * application's own.
 *
 * @since 0.2.0
 */
import * as Dialect from "./Dialect.ts"

/**
 * The JSON:API dialect.
 *
 * - Each error object's meaning is its `status` (a string of digits, as
 *   JSON:API writes it); its `code` is the application's, kept
 *   (`extensions.code`) and written back, and names a class only where it is
 *   one of the generic codes (`not_found`).
 * - One error object reads as that error. Several that each point at a field
 *   (`source.pointer`, or `source.parameter` / `source.header`) are one
 *   `ValidationError`, an issue per object; otherwise the first is the error,
 *   the others kept under `errors` and written back after it.
 * - `title` is written as the class's title (a title of the object's own is
 *   kept); `detail` is the message; `links.about` the error's page
 *   (`errorUri`); `id`, `meta` and the document's `jsonapi` stay in
 *   `extensions`.
 * - A validation error of several fields is written as one object per
 *   field, each with its `source.pointer`.
 *
 * @see https://jsonapi.org/format/#errors
 * @see https://jsonapi.org/examples/#error-objects
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "jsonapi",
  contentType: "application/vnd.api+json",
  codes: Dialect.genericCodes("snake_case"),
  unknownCodes: "status",
  shape: {
    list: ["errors"],
    status: { path: ["status"], format: "string" },
    code: ["code"],
    title: ["title"],
    message: ["detail"],
    path: { path: ["source", "pointer"], aliases: [["source", "parameter"], ["source", "header"]] },
    errorUri: ["links", "about"]
  },
  // a list of error objects with JSON:API's members, and no message beside it
  detect: [
    [["errors", "title"]] as const,
    [["errors", "detail"]] as const,
    [["errors", "source"]] as const,
    [{ path: ["errors", "status"], is: "string" }] as const
  ].map((member) => ({ has: [{ path: ["errors"], is: "array" } as const, ...member], lacks: [["message"] as const] }))
})

/**
 * Writes an error as a JSON:API error document.
 *
 * @see https://jsonapi.org/format/#errors
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a JSON:API error document: total, see `Dialect.Dialect.decode`.
 *
 * @see https://jsonapi.org/format/#errors
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

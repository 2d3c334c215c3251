/**
 * Seed 001's form: `{"message","description"}`, where `message` is usually
 * the HTTP status and `description` says what went wrong.
 *
 * @since 0.1.0
 */
import { Catalog } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

/**
 * The message-description dialect. `message` carries no more than the status:
 * it is written as the status in digits (a class the seed has no code for
 * too, so a `TokenExpired` goes as `401`), and read as a number or its
 * digits; the description keeps the specifics in words. A `message` that is
 * a reason phrase or a sentence (`404 Not Found`, `Unauthorized`) is prose:
 * it is the message (kept in `extensions` when there is a description too),
 * and the HTTP status gives the meaning.
 *
 * @see seed 001 "Errors"
 * @category models
 * @since 0.1.0
 */
export const dialect = Dialect.make({
  name: "message-description",
  contentType: "application/json",
  codes: Catalog.vocabulary("message-description"),
  convention: "status",
  shape: { code: { path: ["message"], format: "status" }, message: ["description"] },
  // its members, or a message alone: the last resort of a body with a message, whose status then gives the meaning
  detect: { has: [["message"]] }
})

/**
 * Writes an error in seed 001's form.
 *
 * @category encoding
 * @since 0.1.0
 */
export const encode = dialect.encode

/**
 * Reads a seed 001 response: total, see `Dialect.Dialect.decode`.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decode = dialect.decode

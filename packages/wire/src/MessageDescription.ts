/**
 * Seed 001's form: `{"message","description"}`, where `message` is usually
 * the HTTP status and `description` says what went wrong.
 *
 * @since 0.1.0
 */
import { Catalog } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"
import { isObject } from "./internal/json.ts"

/**
 * The message-description dialect. `message` carries no more than the status:
 * it is written as the status in digits (a class the seed has no code for
 * too, so a `TokenExpired` goes as `401`), and read as a number, its digits,
 * `404 Not Found`, or a reason phrase; the description keeps the specifics in
 * words. A `message` that is prose is the message (kept in `extensions` when
 * there is a description too), and the HTTP status gives the meaning.
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
  detect: (json) => isObject(json) && "message" in json && ("description" in json || Object.keys(json).length === 1)
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

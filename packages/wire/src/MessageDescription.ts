/**
 * Seed 001's form: `{"message","description"}`, where `message` is usually
 * the HTTP status and `description` says what went wrong.
 *
 * @since 0.1.0
 */
import { Catalog, type Family } from "@faultline/errors"
import { Schema } from "effect"
import * as Dialect from "./Dialect.ts"
import { isObject, otherMembers } from "./internal/json.ts"
import { makeTable } from "./internal/table.ts"

const table = makeTable("message-description")
const known = new Set(["message", "description"])

/**
 * The wire form. `message` is written as the status in digits; it is read as
 * a number, its digits, or its reason phrase.
 *
 * @see seed 001 "Errors"
 * @category schemas
 * @since 0.1.0
 */
export const Wire = Schema.Struct({
  message: Schema.Union([Schema.String, Schema.Number]),
  description: Schema.String
})

// Reason phrases: RFC 9110 §15's and the older ones servers still send.
const statusOfPhrase: ReadonlyMap<string, number> = new Map([
  ...Object.values(Catalog.classes).map((declared) => [declared.title.toLowerCase(), declared.status] as const),
  ["payload too large", 413],
  ["request entity too large", 413],
  ["unprocessable entity", 422],
  ["ok", 200]
])

const codeOfMessage = (message: unknown): string | undefined => {
  if (typeof message === "number") return Number.isInteger(message) ? String(message) : undefined
  if (typeof message !== "string") return undefined
  const trimmed = message.trim()
  if (/^[1-5]\d\d$/.test(trimmed)) return trimmed
  // "404 Not Found" and "Not Found" alike
  const leading = /^([1-5]\d\d)\b/.exec(trimmed)
  if (leading !== null) return leading[1]
  const status = statusOfPhrase.get(trimmed.toLowerCase())
  return status === undefined ? undefined : String(status)
}

/**
 * The message-description dialect. Since `message` carries no more than the
 * status, a class is sent as the generic code of its status (a `TokenExpired`
 * goes as `401`), and the description keeps the specifics in words. A
 * `message` that is not a status is kept as the message, with the HTTP status
 * as the code.
 *
 * @see seed 001
 * @category models
 * @since 0.1.0
 */
export const dialect: Dialect.Dialect<"message-description", Family.MessageDescription> = Dialect.makeJson({
  name: "message-description",
  table,
  contentType: "application/json",
  read: (json, status) => {
    if (!isObject(json) || !("message" in json || "description" in json)) return undefined
    const fromMessage = codeOfMessage(json.message)
    const description = typeof json.description === "string" ? json.description : undefined
    const extensions = otherMembers(json, known)
    if (fromMessage !== undefined) return { code: fromMessage, message: description, extensions }
    const text = typeof json.message === "string" ? json.message : undefined
    return {
      code: String(status),
      message: description ?? text,
      extensions: description !== undefined && text !== undefined ? { ...extensions, message: text } : extensions
    }
  },
  write: (error, selection, message) => {
    const code = selection.entry === undefined ? String(selection.status) : selection.code
    return error.extensions === undefined
      ? { message: code, description: message }
      : { ...error.extensions, message: code, description: message }
  },
  lastResort: (status) => status >= 500 ? internalError : badRequest,
  wireSchema: (code) =>
    Schema.Struct({
      message: code,
      description: Schema.String
    })
})

const badRequest = table.byCode.get("400")!
const internalError = table.byCode.get("500")!

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

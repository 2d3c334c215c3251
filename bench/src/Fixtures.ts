/**
 * Inputs the scenarios share: the dialects by name, and a dialect with any
 * number of codes for the scaling rows.
 */
import { ApiError, Catalog } from "@faultline/errors"
import { CodeDescription, Dialect, Envelope, Flat, MessageDescription, Nested, OAuth, Problem } from "@faultline/wire"
import { Schema } from "effect"

/** The message the scenarios give their errors. */
export const message = "App not found"

/** A request id, as a server's middleware would set it. */
export const requestId = "req_8f14e45fceea167a"

type AnyDialect = Dialect.Dialect<string, ApiError.ApiError>

/**
 * A user's own error, as the payments team of the README declares it.
 */
export class CardDeclined extends ApiError.Class<CardDeclined>()("CardDeclined", { declineCode: Schema.String }, {
  status: 402,
  title: "Payment Required",
  description: "The card was declined",
  source: "bench"
}) {}

/**
 * A user's own dialect, declared with the public builder as a user would: a
 * Stripe-like `{"error":{"type","code","message","param"}}`, its own class and
 * the generic codes. Every scenario loads it beside the built-in dialects, so
 * that each is timed as users run it: all of them in one process.
 */
export const Acme = Dialect.make({
  name: "acme",
  contentType: "application/json",
  shape: {
    code: ["error", "code"],
    message: ["error", "message"],
    details: ["error", "param"],
    requestId: ["error", "request_id"]
  },
  codes: [{ code: "card_declined", status: 402, class: CardDeclined }, ...Dialect.genericCodes("snake_case")]
})

/**
 * The JSON dialects, by the name the report shows: the built-in ones and a
 * user's.
 */
export const dialects: ReadonlyArray<readonly [name: string, dialect: AnyDialect]> = [
  ["Envelope", Envelope.dialect as AnyDialect],
  ["Flat", Flat.dialect as AnyDialect],
  ["Nested", Nested.dialect as AnyDialect],
  ["CodeDescription", CodeDescription.dialect as AnyDialect],
  ["MessageDescription", MessageDescription.dialect as AnyDialect],
  ["OAuth", OAuth.dialect as AnyDialect],
  ["Problem", Problem.dialect as AnyDialect],
  ["Acme (user-declared)", Acme as AnyDialect]
]

type ErrorClass = new(input: Record<string, unknown>) => ApiError.ApiError

const classOf = (tag: Catalog.Tag): ErrorClass => Catalog.classes[tag] as unknown as ErrorClass

const snake = (tag: string) => tag.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase()

const hasField = (tag: Catalog.Tag, field: string): boolean =>
  field in ((Catalog.classes[tag] as unknown as { readonly fields: object }).fields)

/** Classes that can be built from a message alone: all but the aggregate. */
const simpleTags = (Object.keys(Catalog.classes) as Array<Catalog.Tag>).filter((tag) => tag !== "MultipleErrors")

/** Classes that name a resource, which is how one class gets several codes (`user_not_found`, `role_not_found`). */
const resourceTags = simpleTags.filter((tag) => hasField(tag, "resource"))

/**
 * A row of a synthetic table: its code, status, class and resource.
 */
export interface SyntheticEntry {
  readonly code: string
  readonly status: number
  readonly tag: Catalog.Tag
  readonly resource?: string | undefined
}

/**
 * A dialect with `size` codes, in the flat form (`{"error","error_description"}`).
 *
 * The first codes are one per class, in the order of `Catalog.classes`. Past
 * the 70 classes, a class can only get more codes by naming resources, as seed
 * 002's `user_not_found` and `role_not_found` do (a second code for the same
 * class and resource would never be chosen by an encoder), so the next are
 * `r<i>_<class>` codes spread over the classes that have a resource. The last
 * code is always `widget_not_found`: first and last are the same codes at every
 * size, only the table around them grows, and at 100 and 200 codes `NotFound`
 * has many codes, the case where an encoder has the most to choose from.
 *
 * It is built with `Dialect.make`, the public builder the library's own
 * dialects are declared with.
 */
export const synthetic = (size: number) => {
  const last: SyntheticEntry = { code: "widget_not_found", status: 404, tag: "NotFound", resource: "widget" }
  const entries: Array<SyntheticEntry> = []
  for (const tag of simpleTags.slice(0, size - 1)) {
    entries.push({ code: snake(tag), status: Catalog.classes[tag].status, tag })
  }
  for (let i = 0; entries.length < size - 1; i++) {
    const tag = resourceTags[i % resourceTags.length]!
    const resource = `r${i}`
    entries.push({ code: `${resource}_${snake(tag)}`, status: Catalog.classes[tag].status, tag, resource })
  }
  entries.push(last)
  // declared with the public builder, as a user's own dialect is
  const dialect = Dialect.make({
    name: "synthetic",
    contentType: "application/json",
    shape: { code: ["error"], message: ["error_description"] },
    codes: entries.map((entry) => ({
      code: entry.code,
      status: entry.status,
      class: Catalog.classes[entry.tag] as ApiError.AnyClass,
      ...(entry.resource === undefined ? {} : { resource: entry.resource })
    }))
  })
  /** An error of an entry's class, as a server raises it. */
  const errorOf = (entry: SyntheticEntry): ApiError.ApiError =>
    new (classOf(entry.tag))(entry.resource === undefined ? { message } : { message, resource: entry.resource })
  /** A response body with an entry's code. */
  const bodyOf = (entry: SyntheticEntry): string => JSON.stringify({ error: entry.code, error_description: message })
  return { dialect, entries, first: entries[0]!, last, errorOf, bodyOf }
}

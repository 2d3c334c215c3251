/**
 * One failed field of a validation error: where, what, and which check.
 * Seed 002 sends them as a `details` map, seed 003 as `code`/`path`/`check`
 * members, RFC 9457 APIs as an `errors` array.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * A failed field: `path` is the property path as the API writes it
 * (`address.street`), `check` the kind of validation that failed when known.
 *
 * @see seed 003 "The format of the error response", seed 002 422 `details`
 * @category schemas
 * @since 0.1.0
 */
export const FieldIssue = Schema.Struct({
  path: Schema.String,
  message: Schema.String,
  check: Schema.optionalKey(Schema.String)
}).annotate({ identifier: "FieldIssue", description: "A field that failed validation" })

/**
 * A field that failed validation: its path, what is wrong, and the check that failed.
 *
 * @category models
 * @since 0.1.0
 */
export interface FieldIssue extends Schema.Schema.Type<typeof FieldIssue> {}

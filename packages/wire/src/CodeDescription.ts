/**
 * Seed 004's form: `{"code":"UPPER_SNAKE","description"}`, with resource
 * templates (`INVALID_{RESOURCE}`, `{RESOURCE}_NOT_EXIST`,
 * `{RESOURCE}_ALREADY_EXIST`) and two codes whose status tells two meanings
 * apart. Its `WWW-Authenticate` challenges are the `Bearer` dialect's.
 *
 * @since 0.1.0
 */
import type { Family } from "@faultline/errors"
import { Schema } from "effect"
import * as Dialect from "./Dialect.ts"
import { isObject, otherMembers } from "./internal/json.ts"
import { makeTable } from "./internal/table.ts"

const table = makeTable("code-description")
const known = new Set(["code", "description"])

/**
 * The wire form.
 *
 * @see seed 004
 * @category schemas
 * @since 0.1.0
 */
export const Wire = Schema.Struct({
  code: Schema.String,
  description: Schema.String
})

/**
 * The code-description dialect.
 *
 * - `USER_NOT_EXIST` is a `NotFound` with `resource: "user"` and a
 *   `NotFound` with a resource is written back that way; a resource that
 *   would spell a documented code of another meaning is not templated.
 * - `LIMIT_EXCEEDED` and `OUT_OF_RANGE` read by status: 400 is
 *   `LimitExceeded` / `OutOfRange` (a value over its bound), 403
 *   `QuotaExceeded` / `RangeNotAllowed` (the caller's allowance); at another
 *   status, the 400 meaning.
 * - A 401 or a protected resource's 400/403 also carries the RFC 6750
 *   challenge, as the seed's note says.
 *
 * @see seed 004
 * @category models
 * @since 0.1.0
 */
export const dialect: Dialect.Dialect<"code-description", Family.CodeDescription> = Dialect.makeJson({
  name: "code-description",
  table,
  contentType: "application/json",
  read: (json) => {
    if (!isObject(json) || typeof json.code !== "string" || isObject(json.error)) return undefined
    return {
      code: json.code,
      message: typeof json.description === "string" ? json.description : undefined,
      extensions: otherMembers(json, known)
    }
  },
  write: (error, selection, message) =>
    error.extensions === undefined
      ? { code: selection.code, description: message }
      : { ...error.extensions, code: selection.code, description: message },
  lastResort: (status) => status >= 500 ? internalError : badRequest,
  wireSchema: (code) => Schema.Struct({ code, description: Schema.String })
})

const badRequest = table.byCode.get("BAD_REQUEST")!
const internalError = table.byCode.get("INTERNAL_SERVER_ERROR")!

/**
 * Writes an error in seed 004's form.
 *
 * @category encoding
 * @since 0.1.0
 */
export const encode = dialect.encode

/**
 * Reads a seed 004 response: total, see `Dialect.Dialect.decode`.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decode = dialect.decode

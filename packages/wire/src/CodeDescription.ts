/**
 * Seed 004's form: `{"code":"UPPER_SNAKE","description"}`, with resource
 * templates (`INVALID_{RESOURCE}`, `{RESOURCE}_NOT_EXIST`,
 * `{RESOURCE}_ALREADY_EXIST`) and two codes whose status tells two meanings
 * apart. Its `WWW-Authenticate` challenges are the `Bearer` dialect's.
 *
 * @since 0.1.0
 */
import { Catalog } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

/**
 * The code-description dialect.
 *
 * - `USER_NOT_EXIST` is a `NotFound` with `resource: "user"` and a
 *   `NotFound` with a resource is written back that way; a resource that
 *   would spell a documented code of another meaning is not templated.
 * - `LIMIT_EXCEEDED` and `OUT_OF_RANGE` read by status: 400 is
 *   `LimitExceeded` / `OutOfRange` (a value over its bound), 403
 *   `QuotaExceeded` / `RangeNotAllowed` (the caller's allowance); at another
 *   status, the meaning of the `x00` of its class, else the 400 one.
 * - A class the seed has no code for is spelled in `UPPER_SNAKE`.
 * - A 401 or a protected resource's 400/403 also carries the RFC 6750
 *   challenge, as the seed's note says.
 *
 * @see seed 004
 * @category models
 * @since 0.1.0
 */
export const dialect = Dialect.make({
  name: "code-description",
  contentType: "application/json",
  codes: Catalog.vocabulary("code-description"),
  convention: "UPPER_SNAKE",
  shape: { code: ["code"], message: ["description"] },
  detect: { has: [{ path: ["code"], is: "string" }] }
})

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

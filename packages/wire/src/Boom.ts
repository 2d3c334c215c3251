/**
 * hapi's Boom errors, `{"statusCode","error","message"}`, which Fastify and
 * NestJS write too: the status says what went wrong, `error` is its reason
 * phrase, not a code, and `message` the specifics.
 *
 * @since 0.2.0
 */
import * as Dialect from "./Dialect.ts"

/**
 * The Boom dialect.
 *
 * - The meaning is the status's (`statusCode` and the HTTP status agree; the
 *   HTTP status decides, a disagreeing member is kept).
 * - `error` is written as the class's title and read as the reason phrase it
 *   is: a phrase of the body's own (`Unprocessable Entity`) is kept.
 * - Members Boom and its relatives add — `validation` (hapi's Joi failures),
 *   `attributes` (a 401's challenge parameters), Fastify's `code`, NestJS's
 *   `message` as a list — are kept in `extensions`.
 * - A 5xx's message is the class's description unless the operator turned
 *   debug on, as Boom's own is "An internal server error occurred".
 *
 * @see https://hapi.dev/module/boom/api/ (Boom, "Overview")
 * @see https://fastify.dev/docs/latest/Reference/Errors/
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "boom",
  contentType: "application/json",
  codes: Dialect.genericCodes(),
  shape: { status: ["statusCode"], title: ["error"], message: ["message"] },
  detect: { has: [{ path: ["statusCode"], is: "number" }, { path: ["error"], is: "string" }] }
})

/**
 * Writes an error as Boom does.
 *
 * @see https://hapi.dev/module/boom/api/
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a Boom (hapi, Fastify, NestJS) error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://hapi.dev/module/boom/api/
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

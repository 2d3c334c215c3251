/**
 * Seed 000's resource API envelope:
 * `{"error":{"code","message","details","request_id"}}`, on `/api/v2/me`,
 * `/api/v2/auth-providers`, `/api/v2/integration-providers` and
 * `/api/v2/apps/*`.
 *
 * @since 0.1.0
 */
import { Catalog } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

/**
 * The envelope dialect. A `ValidationError`'s issues are its `details`, as a
 * list of `{path, message, check?}`; `details` is `null` when there are none
 * and `request_id` `null` when no request id is known, as in the seed's
 * example. A class the seed has no code for is written with the code of the
 * broader class it refines (an expired token is `unauthorized`, which the
 * seed defines to cover it), else spelled in snake case with its own status.
 *
 * @example
 * ```ts
 * import { ApiError } from "@faultline/errors"
 * import { Envelope } from "@faultline/wire"
 *
 * Envelope.dialect.encode(new ApiError.NotFound({ message: "App not found" }), { requestId: "4c9b58ff" }).body
 * // {"error":{"code":"not_found","message":"App not found","details":null,"request_id":"4c9b58ff"}}
 * ```
 *
 * @see seed 000 "Resource API Errors"
 * @category models
 * @since 0.1.0
 */
export const dialect = Dialect.make({
  name: "envelope",
  contentType: "application/json",
  codes: Catalog.vocabulary("envelope"),
  shape: {
    code: ["error", "code"],
    message: ["error", "message"],
    details: { path: ["error", "details"], absent: "null" },
    issues: { path: ["error", "details"], format: "list" },
    requestId: { path: ["error", "request_id"], absent: "null" }
  },
  // an error object with a code and the members the seed always writes, or a code of the seed's
  detect: [
    { has: [{ path: ["error", "code"], is: ["string", "number"] }, ["error", "request_id"]] },
    { has: [{ path: ["error", "code"], is: ["string", "number"] }, { path: ["error", "details"], is: "null" }] },
    { has: [{ path: ["error", "code"], in: Catalog.vocabulary("envelope").map((entry) => entry.code) }] }
  ]
})

/**
 * Writes an error as an envelope: the status, the header fields and the body.
 * A 5xx says only its class's description unless the operator's `debug` is
 * passed.
 *
 * @example
 * ```ts
 * import { ApiError } from "@faultline/errors"
 * import { Envelope } from "@faultline/wire"
 *
 * const { status, headers, body } = Envelope.encode(
 *   new ApiError.ValidationError({ issues: [{ path: "name", message: "is required" }] }),
 *   { requestId: "b44e2626" }
 * )
 * // 422, { "content-type": "application/json", "x-request-id": "b44e2626" },
 * // {"error":{"code":"validation_error","message":"…","details":[{"path":"name","message":"is required"}],"request_id":"b44e2626"}}
 * ```
 *
 * @category encoding
 * @since 0.1.0
 */
export const encode = dialect.encode

/**
 * Reads an envelope response: total, see `Dialect.Dialect.decode`. A code the
 * seed does not document is an `UnknownError` that keeps it; a body that is
 * not an envelope is an `Undecodable`.
 *
 * @example
 * ```ts
 * import { Envelope } from "@faultline/wire"
 *
 * const error = Envelope.decode({
 *   status: 404,
 *   headers: { "content-type": "application/json" },
 *   body: '{"error":{"code":"not_found","message":"App not found","details":null,"request_id":"364e1328"}}'
 * })
 * if (error._tag === "NotFound") console.log(error.status, error.message, error.requestId) // 404 App not found 364e1328
 * ```
 *
 * @category decoding
 * @since 0.1.0
 */
export const decode = dialect.decode

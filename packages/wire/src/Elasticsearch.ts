/**
 * Elasticsearch's and OpenSearch's REST errors, `{"error": {"root_cause":
 * […], "type": "index_not_found_exception", "reason": "no such index [x]"},
 * "status": 404}`: the exception's `type` says what went wrong.
 *
 * @since 0.2.0
 */
import { ApiError } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

const source = "Elasticsearch reference, 'REST API conventions' (error responses); the exception types its servers send"

/**
 * The exception types a client acts on; the others (there are hundreds) mean
 * what their status means, the type kept. Each is declared at its class's
 * status, and read whatever the status it comes with: Elasticsearch sends
 * `resource_already_exists_exception` and `too_many_buckets_exception` as
 * 400s.
 */
const codes = [
  { code: "index_not_found_exception", status: 404, class: ApiError.NotFound, resource: "index", source },
  { code: "resource_not_found_exception", status: 404, class: ApiError.NotFound, source },
  { code: "document_missing_exception", status: 404, class: ApiError.NotFound, resource: "document", source },
  { code: "version_conflict_engine_exception", status: 409, class: ApiError.Conflict, source },
  { code: "resource_already_exists_exception", status: 409, class: ApiError.AlreadyExists, source },
  { code: "action_request_validation_exception", status: 422, class: ApiError.ValidationError, source },
  { code: "parsing_exception", status: 400, class: ApiError.InvalidJson, source },
  { code: "x_content_parse_exception", status: 400, class: ApiError.InvalidJson, source },
  { code: "security_exception", status: 401, class: ApiError.Unauthorized, source },
  { code: "security_exception", status: 403, class: ApiError.Forbidden, source },
  { code: "cluster_block_exception", status: 403, class: ApiError.Forbidden, source },
  { code: "es_rejected_execution_exception", status: 429, class: ApiError.RateLimited, source },
  { code: "circuit_breaking_exception", status: 429, class: ApiError.RateLimited, source },
  { code: "too_many_buckets_exception", status: 400, class: ApiError.LimitExceeded, source },
  { code: "content_too_long_exception", status: 413, class: ApiError.PayloadTooLarge, source },
  { code: "no_shard_available_action_exception", status: 503, class: ApiError.ServiceUnavailable, source },
  { code: "master_not_discovered_exception", status: 503, class: ApiError.ServiceUnavailable, source },
  { code: "timeout_exception", status: 504, class: ApiError.GatewayTimeout, source },
  ...Dialect.genericCodes("snake_case")
] as const

/**
 * The Elasticsearch dialect (OpenSearch's too).
 *
 * - `error.type` is the code (`index_not_found_exception`), `error.reason`
 *   the message, the top-level `status` the status; a type the table does
 *   not name means what its status means, and is kept and written back.
 * - `root_cause`, `index`, `caused_by` and the rest of the error object stay
 *   in `extensions`.
 * - A body whose `error` is a sentence (`{"error": "Incorrect HTTP method…",
 *   "status": 405}`, older versions) is not this dialect's: the detector
 *   reads it as prose, by its status.
 *
 * @see https://www.elastic.co/guide/en/elasticsearch/reference/current/api-conventions.html
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "elasticsearch",
  contentType: "application/json",
  codes,
  unknownCodes: "status",
  shape: {
    code: ["error", "type"],
    message: ["error", "reason"],
    status: ["status"]
  },
  // an error object with a type and a reason: Stripe's has a message instead
  detect: { has: [{ path: ["error", "type"], is: "string" }, { path: ["error", "reason"], is: "string" }] }
})

/**
 * Writes an error as Elasticsearch does.
 *
 * @see https://www.elastic.co/guide/en/elasticsearch/reference/current/api-conventions.html
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads an Elasticsearch or OpenSearch error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://www.elastic.co/guide/en/elasticsearch/reference/current/api-conventions.html
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

/**
 * GraphQL's errors on HTTP, `{"errors": [{"message", "locations", "path",
 * "extensions": {"code"}}]}`, as GraphQL over HTTP sends a request that
 * failed (`application/graphql-response+json`): Apollo's codes, GitHub's and
 * Shopify's, in `extensions.code` or `type`.
 *
 * @since 0.2.0
 */
import { ApiError } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

const apollo = "Apollo Server docs, 'Error handling' (built-in error codes)"
const github = "GitHub GraphQL API docs, 'Rate limits and node limits'; error types"
const shopify = "Shopify GraphQL Admin API docs, 'Rate limits' (THROTTLED)"

/** The generic codes the table already has. */
const declared = new Set(["BAD_REQUEST", "FORBIDDEN", "NOT_FOUND"])

/** Apollo's built-in codes and the providers' own, and the class each means. */
const codes = [
  { code: "BAD_REQUEST", status: 400, class: ApiError.BadRequest, source: apollo },
  { code: "GRAPHQL_PARSE_FAILED", status: 400, class: ApiError.BadRequest, source: apollo },
  { code: "GRAPHQL_VALIDATION_FAILED", status: 400, class: ApiError.BadRequest, source: apollo },
  { code: "OPERATION_RESOLUTION_FAILURE", status: 400, class: ApiError.BadRequest, source: apollo },
  { code: "BAD_USER_INPUT", status: 400, class: ApiError.ValidationError, source: apollo },
  { code: "UNAUTHENTICATED", status: 401, class: ApiError.Unauthorized, source: apollo },
  { code: "FORBIDDEN", status: 403, class: ApiError.Forbidden, source: apollo },
  { code: "PERSISTED_QUERY_NOT_FOUND", status: 404, class: ApiError.NotFound, source: apollo },
  { code: "PERSISTED_QUERY_NOT_SUPPORTED", status: 501, class: ApiError.NotImplemented, source: apollo },
  { code: "INTERNAL_SERVER_ERROR", status: 500, class: ApiError.InternalError, source: apollo },
  { code: "NOT_FOUND", status: 404, class: ApiError.NotFound, source: github },
  { code: "RATE_LIMITED", status: 429, class: ApiError.RateLimited, source: github },
  { code: "THROTTLED", status: 429, class: ApiError.RateLimited, source: shopify },
  { code: "ACCESS_DENIED", status: 403, class: ApiError.Forbidden, source: shopify },
  // every status means what it means, with the generic code of its class
  ...Dialect.genericCodes("UPPER_SNAKE").filter((entry) => !declared.has(entry.code))
] as const

/**
 * The GraphQL dialect.
 *
 * - Each error's code is `extensions.code`, else `type` (GitHub's); a code
 *   the table does not name means what the status means, and is kept. Most
 *   GraphQL errors come with a 200 or a 400, so the code is what says most.
 * - `message` is the message; `locations`, `path` (the response path, not a
 *   field of the request), `data` and the other members of `extensions` stay
 *   in `extensions`.
 * - One error reads as that error; several as the first, the others kept
 *   under `errors` and written back after it.
 * - Errors beside partial `data` on a 200 are the application's to weigh: this
 *   dialect reads them when asked, but `Detect.decodeIfError` does not take a
 *   GraphQL 200 for an error.
 *
 * @see https://spec.graphql.org/October2021/#sec-Errors
 * @see https://graphql.github.io/graphql-over-http/draft/#sec-application-graphql-response-json
 * @see https://www.apollographql.com/docs/apollo-server/data/errors#built-in-error-codes
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "graphql",
  contentType: "application/graphql-response+json",
  codes,
  unknownCodes: "status",
  convention: "UPPER_SNAKE",
  shape: {
    list: ["errors"],
    message: ["message"],
    code: { path: ["extensions", "code"], aliases: [["type"]] }
  },
  // a list of errors with a message each, and no message beside it (GitHub's and Laravel's have one)
  detect: {
    has: [{ path: ["errors"], is: "array" }, { path: ["errors", "message"], is: "string" }],
    lacks: [["message"], ["documentation_url"]]
  }
})

/**
 * Writes an error as a GraphQL response's errors.
 *
 * @see https://spec.graphql.org/October2021/#sec-Errors
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a GraphQL error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://spec.graphql.org/October2021/#sec-Errors
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

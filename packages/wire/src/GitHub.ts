/**
 * GitHub's REST API errors, `{"message", "documentation_url", "errors"?,
 * "status"?}`: the status says what went wrong, and a rate limit shows in
 * the `x-ratelimit-*` headers of a 403 or 429.
 *
 * @since 0.2.0
 */
import * as Dialect from "./Dialect.ts"

/**
 * The GitHub dialect.
 *
 * - The meaning is the status's; `message` is the message,
 *   `documentation_url` the error's page (`errorUri`), `status` the status
 *   in digits, as GitHub writes it.
 * - A 403 or 429 with `x-ratelimit-remaining: 0` is `RateLimited`, waiting
 *   until `x-ratelimit-reset`; one with `Retry-After` (a secondary rate
 *   limit) is too, waiting that long.
 * - A 422's `errors` are the field issues: `field`, `message` (or, without
 *   one, the `code`: `missing_field`, `invalid`, `already_exists`), the
 *   `code` as the check; the items' `resource` is not kept per issue.
 * - The request id is `X-GitHub-Request-Id`.
 *
 * @see https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api
 * @see https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "github",
  contentType: "application/json",
  codes: Dialect.genericCodes(),
  shape: {
    message: ["message"],
    errorUri: ["documentation_url"],
    issues: { path: ["errors"], format: "list", item: { path: ["field"], message: ["message"], check: ["code"] } },
    status: { path: ["status"], format: "string" },
    requestId: { header: "x-github-request-id" }
  },
  rateLimit: { remaining: "x-ratelimit-remaining", reset: "x-ratelimit-reset", retryAfter: true },
  detect: [
    { has: [{ path: ["documentation_url"], is: "string" }] },
    {
      has: [{ path: ["message"], is: "string" }, { path: ["errors"], is: "array" }, ["errors", "resource"], [
        "errors",
        "code"
      ]]
    }
  ]
})

/**
 * Writes an error as GitHub does.
 *
 * @see https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a GitHub REST API error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

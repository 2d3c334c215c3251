/**
 * Slack's Web API errors, `{"ok": false, "error": "channel_not_found"}`,
 * sent with a 200: the `error` code is all there is to the meaning, and a
 * rate limit is a 429 with `Retry-After`.
 *
 * @since 0.2.0
 */
import { ApiError } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

const source = "Slack docs, 'Web API: errors' (per-method error tables)"

/** The codes Slack's methods share, and the class each means. */
const codes = [
  { code: "invalid_arguments", status: 400, class: ApiError.BadRequest, source },
  { code: "invalid_arg_name", status: 400, class: ApiError.BadRequest, source },
  { code: "invalid_array_arg", status: 400, class: ApiError.BadRequest, source },
  { code: "invalid_charset", status: 400, class: ApiError.BadRequest, source },
  { code: "invalid_form_data", status: 400, class: ApiError.BadRequest, source },
  { code: "invalid_post_type", status: 400, class: ApiError.BadRequest, source },
  { code: "missing_post_type", status: 400, class: ApiError.BadRequest, source },
  { code: "not_authed", status: 401, class: ApiError.Unauthorized, source },
  { code: "invalid_auth", status: 401, class: ApiError.Unauthorized, source },
  { code: "token_expired", status: 401, class: ApiError.TokenExpired, source },
  { code: "token_revoked", status: 401, class: ApiError.TokenRevoked, source },
  { code: "account_inactive", status: 403, class: ApiError.UserSuspended, source },
  { code: "no_permission", status: 403, class: ApiError.Forbidden, source },
  { code: "not_allowed_token_type", status: 403, class: ApiError.Forbidden, source },
  { code: "ekm_access_denied", status: 403, class: ApiError.Forbidden, source },
  { code: "team_access_not_granted", status: 403, class: ApiError.Forbidden, source },
  { code: "missing_scope", status: 403, class: ApiError.InsufficientScope, source },
  { code: "channel_not_found", status: 404, class: ApiError.NotFound, resource: "channel", source },
  { code: "user_not_found", status: 404, class: ApiError.NotFound, resource: "user", source },
  { code: "message_not_found", status: 404, class: ApiError.NotFound, resource: "message", source },
  { code: "file_not_found", status: 404, class: ApiError.NotFound, resource: "file", source },
  { code: "request_timeout", status: 408, class: ApiError.RequestTimeout, source },
  { code: "is_archived", status: 409, class: ApiError.Conflict, source },
  { code: "method_deprecated", status: 410, class: ApiError.Gone, source },
  { code: "deprecated_endpoint", status: 410, class: ApiError.Gone, source },
  { code: "msg_too_long", status: 400, class: ApiError.LimitExceeded, source },
  { code: "too_many_attachments", status: 400, class: ApiError.LimitExceeded, source },
  { code: "ratelimited", status: 429, class: ApiError.RateLimited, source },
  { code: "rate_limited", status: 429, class: ApiError.RateLimited, source },
  { code: "internal_error", status: 500, class: ApiError.InternalError, source },
  { code: "fatal_error", status: 500, class: ApiError.InternalError, source },
  { code: "service_unavailable", status: 503, class: ApiError.ServiceUnavailable, source },
  // every status means what it means
  ...Dialect.genericCodes("snake_case").filter((entry) => entry.code !== "service_unavailable")
] as const

/**
 * The Slack dialect.
 *
 * - Every body has `"ok": false`; `error` is the code. A code the table does
 *   not name means what its status means — a 200 means nothing, so a 400's,
 *   the generic client error — and is kept (`extensions.error`) and written
 *   back.
 * - Its errors come with a 200 (`Description.errorsOnSuccess`): the class
 *   gives the status, the response keeps the 200.
 * - `missing_scope`'s `needed` scopes are the error's `scope`; `provided`,
 *   `warning` and `response_metadata` stay in `extensions`. The request id
 *   is `X-Slack-Req-Id`.
 *
 * @see https://api.slack.com/web#evaluating_responses
 * @see https://api.slack.com/apis/rate-limits
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "slack",
  contentType: "application/json",
  codes,
  unknownCodes: "status",
  errorsOnSuccess: true,
  shape: { constants: { ok: false }, code: ["error"], scope: ["needed"], requestId: { header: "x-slack-req-id" } },
  detect: { has: [{ path: ["ok"], in: [false] }] }
})

/**
 * Writes an error as Slack does (with the class's status: a server sending
 * Slack's 200s overrides it).
 *
 * @see https://api.slack.com/web#evaluating_responses
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a Slack Web API error response, on a 200 too: total, see `Dialect.Dialect.decode`.
 *
 * @see https://api.slack.com/web#evaluating_responses
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

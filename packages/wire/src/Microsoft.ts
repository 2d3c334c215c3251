/**
 * Microsoft's REST API errors — Microsoft Graph's and Azure's, the OData JSON
 * error format — `{"error": {"code", "message", "target", "details",
 * "innerError"}}`: the `code` says what went wrong when the table names it,
 * the status otherwise.
 *
 * @since 0.2.0
 */
import { ApiError } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

const graph = "Microsoft Graph docs, 'Error responses'"
const arm = "Azure Resource Manager docs, 'Troubleshoot common Azure deployment errors'"

/** Graph's and Azure Resource Manager's documented codes, and the class each means. */
const codes = [
  { code: "badRequest", status: 400, class: ApiError.BadRequest, source: graph },
  { code: "invalidRequest", status: 400, class: ApiError.BadRequest, source: graph },
  { code: "unauthenticated", status: 401, class: ApiError.Unauthorized, source: graph },
  { code: "InvalidAuthenticationToken", status: 401, class: ApiError.InvalidToken, source: graph },
  { code: "accessDenied", status: 403, class: ApiError.Forbidden, source: graph },
  { code: "notAllowed", status: 403, class: ApiError.Forbidden, source: graph },
  { code: "Authorization_RequestDenied", status: 403, class: ApiError.Forbidden, source: graph },
  { code: "itemNotFound", status: 404, class: ApiError.NotFound, source: graph },
  { code: "Request_ResourceNotFound", status: 404, class: ApiError.NotFound, source: graph },
  { code: "nameAlreadyExists", status: 409, class: ApiError.AlreadyExists, source: graph },
  { code: "resyncRequired", status: 410, class: ApiError.Gone, source: graph },
  { code: "resourceModified", status: 412, class: ApiError.PreconditionFailed, source: graph },
  { code: "activityLimitReached", status: 429, class: ApiError.RateLimited, source: graph },
  { code: "quotaLimitReached", status: 403, class: ApiError.QuotaExceeded, source: graph },
  { code: "generalException", status: 500, class: ApiError.InternalError, source: graph },
  { code: "notSupported", status: 501, class: ApiError.NotImplemented, source: graph },
  { code: "serviceNotAvailable", status: 503, class: ApiError.ServiceUnavailable, source: graph },
  { code: "InvalidParameter", status: 400, class: ApiError.InvalidResource, source: arm },
  { code: "InvalidRequestContent", status: 400, class: ApiError.BadRequest, source: arm },
  { code: "AuthenticationFailed", status: 401, class: ApiError.Unauthorized, source: arm },
  { code: "ExpiredAuthenticationToken", status: 401, class: ApiError.TokenExpired, source: arm },
  { code: "AuthorizationFailed", status: 403, class: ApiError.Forbidden, source: arm },
  { code: "RequestDisallowedByPolicy", status: 403, class: ApiError.Forbidden, source: arm },
  { code: "ResourceNotFound", status: 404, class: ApiError.NotFound, source: arm },
  { code: "ResourceGroupNotFound", status: 404, class: ApiError.NotFound, resource: "resource_group", source: arm },
  { code: "SubscriptionNotFound", status: 404, class: ApiError.NotFound, resource: "subscription", source: arm },
  { code: "Conflict", status: 409, class: ApiError.Conflict, source: arm },
  { code: "PreconditionFailed", status: 412, class: ApiError.PreconditionFailed, source: arm },
  { code: "TooManyRequests", status: 429, class: ApiError.RateLimited, source: arm },
  { code: "QuotaExceeded", status: 403, class: ApiError.QuotaExceeded, source: arm },
  { code: "InternalServerError", status: 500, class: ApiError.InternalError, source: arm },
  { code: "ServiceUnavailable", status: 503, class: ApiError.ServiceUnavailable, source: arm },
  { code: "GatewayTimeout", status: 504, class: ApiError.GatewayTimeout, source: arm },
  // every status means what it means, spelled as Azure spells codes
  ...Dialect.genericCodes().map((entry) => ({ ...entry, code: entry.class.tag }))
] as const

/**
 * The Microsoft dialect.
 *
 * - `code` is the code (Graph's `itemNotFound`, Azure's `ResourceNotFound`);
 *   a code the table does not name means what its status means, and is kept
 *   (`extensions.code`) and written back.
 * - `target` (the property or parameter at fault) is the error's `path`;
 *   `details` (a list of errors with their own `code`, `message` and
 *   `target`) is kept as `details`; `innerError` (Graph) and `innererror`
 *   (Azure) stay in `extensions`, as they came. The request id is Graph's
 *   `request-id` header, else Azure's `x-ms-request-id`.
 * - A class the table has no code for is spelled as its tag (`CardDeclined`),
 *   as Azure spells its codes.
 *
 * @see https://learn.microsoft.com/graph/errors
 * @see https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/common-deployment-errors
 * @see https://docs.oasis-open.org/odata/odata-json-format/v4.01/odata-json-format-v4.01.html#sec_ErrorResponse
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "microsoft",
  contentType: "application/json",
  codes,
  unknownCodes: "status",
  convention: (errorClass) => errorClass.tag,
  shape: {
    code: ["error", "code"],
    message: ["error", "message"],
    path: ["error", "target"],
    details: ["error", "details"],
    requestId: { header: ["request-id", "x-ms-request-id"] }
  },
  detect: { has: [{ path: ["error", "code"], is: "string" }, { path: ["error", "message"], is: "string" }] }
})

/**
 * Writes an error as Microsoft's APIs do.
 *
 * @see https://learn.microsoft.com/graph/errors
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads a Microsoft Graph or Azure error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://learn.microsoft.com/graph/errors
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

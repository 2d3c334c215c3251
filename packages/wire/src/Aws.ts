/**
 * AWS's JSON protocols' errors, `{"__type": "…#ThrottlingException",
 * "message"}`, and the `x-amzn-ErrorType` header of the REST-JSON services
 * and API Gateway: a qualified exception name is the code.
 *
 * @since 0.2.0
 */
import { ApiError } from "@faultline/errors"
import * as Dialect from "./Dialect.ts"

const common = "AWS docs, 'Common Errors' (API Reference)"
const dynamodb = "Amazon DynamoDB docs, 'Error handling'"
const apigateway = "Amazon API Gateway docs, 'Gateway responses'"

/** The common errors of every AWS service, and the most frequent of its services, with their classes. */
const codes = [
  { code: "AccessDeniedException", status: 403, class: ApiError.Forbidden, source: common },
  { code: "IncompleteSignature", status: 400, class: ApiError.BadRequest, source: common },
  { code: "InternalFailure", status: 500, class: ApiError.InternalError, source: common },
  { code: "InvalidAction", status: 400, class: ApiError.BadRequest, source: common },
  { code: "InvalidClientTokenId", status: 403, class: ApiError.Forbidden, source: common },
  { code: "InvalidParameterCombination", status: 400, class: ApiError.BadRequest, source: common },
  { code: "InvalidParameterValue", status: 400, class: ApiError.InvalidResource, source: common },
  { code: "InvalidQueryParameter", status: 400, class: ApiError.InvalidResource, source: common },
  { code: "MissingAction", status: 400, class: ApiError.MissingParameter, source: common },
  { code: "MissingAuthenticationToken", status: 403, class: ApiError.Forbidden, source: common },
  { code: "MissingParameter", status: 400, class: ApiError.MissingParameter, source: common },
  { code: "NotAuthorized", status: 403, class: ApiError.Forbidden, source: common },
  { code: "OptInRequired", status: 403, class: ApiError.Forbidden, source: common },
  { code: "RequestExpired", status: 400, class: ApiError.BadRequest, source: common },
  { code: "ServiceUnavailable", status: 503, class: ApiError.ServiceUnavailable, source: common },
  { code: "ThrottlingException", status: 429, class: ApiError.RateLimited, source: common },
  { code: "ValidationError", status: 400, class: ApiError.ValidationError, source: common },
  { code: "ExpiredTokenException", status: 401, class: ApiError.TokenExpired, source: common },
  { code: "UnrecognizedClientException", status: 401, class: ApiError.Unauthorized, source: common },
  { code: "InvalidSignatureException", status: 401, class: ApiError.Unauthorized, source: common },
  { code: "ValidationException", status: 400, class: ApiError.ValidationError, source: dynamodb },
  { code: "ResourceNotFoundException", status: 404, class: ApiError.NotFound, source: dynamodb },
  { code: "ResourceInUseException", status: 409, class: ApiError.Conflict, source: dynamodb },
  { code: "ConditionalCheckFailedException", status: 412, class: ApiError.PreconditionFailed, source: dynamodb },
  { code: "ProvisionedThroughputExceededException", status: 429, class: ApiError.RateLimited, source: dynamodb },
  { code: "RequestLimitExceeded", status: 429, class: ApiError.RateLimited, source: dynamodb },
  { code: "LimitExceededException", status: 403, class: ApiError.QuotaExceeded, source: dynamodb },
  { code: "InternalServerError", status: 500, class: ApiError.InternalError, source: dynamodb },
  { code: "BadRequestException", status: 400, class: ApiError.BadRequest, source: apigateway },
  { code: "UnauthorizedException", status: 401, class: ApiError.Unauthorized, source: apigateway },
  { code: "ForbiddenException", status: 403, class: ApiError.Forbidden, source: apigateway },
  { code: "NotFoundException", status: 404, class: ApiError.NotFound, source: apigateway },
  { code: "ConflictException", status: 409, class: ApiError.Conflict, source: apigateway },
  { code: "TooManyRequestsException", status: 429, class: ApiError.RateLimited, source: apigateway },
  { code: "ServiceUnavailableException", status: 503, class: ApiError.ServiceUnavailable, source: apigateway },
  // every status means what it means, spelled as AWS spells exceptions
  ...Dialect.genericCodes().map((entry) => ({ ...entry, code: `${entry.class.tag}Exception` }))
] as const

/**
 * The AWS JSON dialect.
 *
 * - The code is the exception's bare name: `__type`
 *   (`com.amazonaws.dynamodb.v20120810#ResourceNotFoundException`), `code`,
 *   or, first, the `x-amzn-ErrorType` header (`…Exception:http://…`), which
 *   is enough without a body. A name the table does not name means what its
 *   status means, and is kept (`extensions.__type`).
 * - Most services send every client error as a 400: the code's class gives
 *   the status (a `ThrottlingException` is a `RateLimited`, retried), the
 *   response keeps the 400.
 * - `message` (or `Message`) is the message; the request id is
 *   `x-amzn-RequestId`.
 *
 * @see https://docs.aws.amazon.com/general/latest/gr/api-retries.html
 * @see https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html#operation-error-serialization
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "aws",
  contentType: "application/x-amz-json-1.1",
  mediaTypes: ["application/x-amz-json-1.0"],
  codes,
  unknownCodes: "status",
  convention: (errorClass) => `${errorClass.tag}Exception`,
  shape: {
    code: { path: ["__type"], aliases: [["code"]], header: "x-amzn-errortype", format: "qualified" },
    message: { path: ["message"], aliases: [["Message"]] },
    requestId: { header: ["x-amzn-requestid", "x-amz-request-id"] }
  },
  detect: [{ has: [{ path: ["__type"], is: "string" }] }, { headers: ["x-amzn-errortype"] }]
})

/**
 * Writes an error as an AWS JSON service does.
 *
 * @see https://docs.aws.amazon.com/general/latest/gr/api-retries.html
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads an AWS JSON (or REST-JSON, API Gateway) error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://docs.aws.amazon.com/general/latest/gr/api-retries.html
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

/**
 * The XML error document of Amazon S3, `<Error><Code>NoSuchKey</Code>
 * <Message>…</Message><RequestId>…</RequestId></Error>`, which the object
 * stores that copy its API share (Google Cloud Storage's XML API, Azure
 * Blob Storage, MinIO, Cloudflare R2), as do AWS's query protocols
 * (`<ErrorResponse><Error>…`).
 *
 * @since 0.2.0
 */
import { ApiError } from "@faultline/errors"
import type { Schema } from "effect"
import * as Dialect from "./Dialect.ts"
import { isObject } from "./internal/json.ts"
import { readXml, writeXml } from "./internal/xml.ts"

const s3 = "Amazon S3 docs, 'Error responses' (list of error codes)"
const azure = "Azure Storage docs, 'Blob service error codes'"

/** S3's codes, and the Azure Storage codes of the same meanings. */
const codes = [
  { code: "InvalidArgument", status: 400, class: ApiError.BadRequest, source: s3 },
  { code: "InvalidRequest", status: 400, class: ApiError.BadRequest, source: s3 },
  { code: "MalformedXML", status: 400, class: ApiError.BadRequest, source: s3 },
  { code: "EntityTooSmall", status: 400, class: ApiError.BadRequest, source: s3 },
  { code: "InvalidBucketName", status: 400, class: ApiError.InvalidResource, resource: "bucket", source: s3 },
  { code: "KeyTooLongError", status: 400, class: ApiError.LimitExceeded, source: s3 },
  { code: "TooManyBuckets", status: 403, class: ApiError.QuotaExceeded, source: s3 },
  { code: "ExpiredToken", status: 401, class: ApiError.TokenExpired, source: s3 },
  { code: "InvalidToken", status: 401, class: ApiError.InvalidToken, source: s3 },
  { code: "InvalidAccessKeyId", status: 401, class: ApiError.Unauthorized, source: s3 },
  { code: "SignatureDoesNotMatch", status: 401, class: ApiError.Unauthorized, source: s3 },
  { code: "AuthorizationHeaderMalformed", status: 400, class: ApiError.MalformedAuthorization, source: s3 },
  { code: "AccessDenied", status: 403, class: ApiError.Forbidden, source: s3 },
  { code: "AccountProblem", status: 403, class: ApiError.Forbidden, source: s3 },
  { code: "AllAccessDisabled", status: 403, class: ApiError.Forbidden, source: s3 },
  { code: "RequestTimeTooSkewed", status: 403, class: ApiError.Forbidden, source: s3 },
  { code: "NoSuchKey", status: 404, class: ApiError.NotFound, resource: "key", source: s3 },
  { code: "NoSuchBucket", status: 404, class: ApiError.NotFound, resource: "bucket", source: s3 },
  { code: "NoSuchUpload", status: 404, class: ApiError.NotFound, resource: "upload", source: s3 },
  { code: "NoSuchVersion", status: 404, class: ApiError.NotFound, resource: "version", source: s3 },
  { code: "MethodNotAllowed", status: 405, class: ApiError.MethodNotAllowed, source: s3 },
  { code: "RequestTimeout", status: 408, class: ApiError.RequestTimeout, source: s3 },
  { code: "BucketAlreadyExists", status: 409, class: ApiError.AlreadyExists, resource: "bucket", source: s3 },
  { code: "BucketNotEmpty", status: 409, class: ApiError.Conflict, source: s3 },
  { code: "PreconditionFailed", status: 412, class: ApiError.PreconditionFailed, source: s3 },
  { code: "EntityTooLarge", status: 413, class: ApiError.PayloadTooLarge, source: s3 },
  { code: "SlowDown", status: 429, class: ApiError.RateLimited, source: s3 },
  { code: "InternalError", status: 500, class: ApiError.InternalError, source: s3 },
  { code: "NotImplemented", status: 501, class: ApiError.NotImplemented, source: s3 },
  { code: "ServiceUnavailable", status: 503, class: ApiError.ServiceUnavailable, source: s3 },
  { code: "AuthenticationFailed", status: 401, class: ApiError.Unauthorized, source: azure },
  { code: "AuthorizationFailure", status: 403, class: ApiError.Forbidden, source: azure },
  { code: "ResourceNotFound", status: 404, class: ApiError.NotFound, source: azure },
  { code: "BlobNotFound", status: 404, class: ApiError.NotFound, resource: "blob", source: azure },
  { code: "ContainerNotFound", status: 404, class: ApiError.NotFound, resource: "container", source: azure },
  { code: "ContainerAlreadyExists", status: 409, class: ApiError.AlreadyExists, resource: "container", source: azure },
  { code: "BlobAlreadyExists", status: 409, class: ApiError.AlreadyExists, resource: "blob", source: azure },
  { code: "ConditionNotMet", status: 412, class: ApiError.PreconditionFailed, source: azure },
  { code: "ServerBusy", status: 503, class: ApiError.ServiceUnavailable, source: azure },
  // every status means what it means, spelled as S3 spells codes
  ...Dialect.genericCodes().map((entry) => ({ ...entry, code: entry.class.tag }))
] as const

/**
 * An XML error document as JSON, `{"Error": {…}}`: S3's `<Error>`, and the
 * query protocols' `<ErrorResponse><Error>` and EC2's
 * `<Response><Errors><Error>`, their request id moved into the error.
 */
const parse = (text: string): Schema.Json | undefined => {
  if (text.indexOf("<Error") === -1) return undefined
  const document = readXml(text)
  if (document === undefined) return undefined
  const outer = document["ErrorResponse"] ?? document["Response"]
  if (isObject(document["Error"])) return document
  if (!isObject(outer)) return undefined
  const errors = outer["Errors"]
  const error = isObject(outer["Error"]) ? outer["Error"] : isObject(errors) ? errors["Error"] : undefined
  if (!isObject(error)) return undefined
  const requestId = outer["RequestId"] ?? outer["RequestID"]
  return {
    Error: typeof requestId === "string" && !("RequestId" in error) ? { ...error, RequestId: requestId } : error
  }
}

const print = (json: Schema.Json): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${isObject(json) ? writeXml("Error", json["Error"] ?? {}) : ""}`

/**
 * The S3 dialect.
 *
 * - `Code` is the code (`NoSuchKey`); a code the table does not name means
 *   what its status means, and is kept (`extensions.Code`) and written back.
 *   Codes that name a resource (`NoSuchBucket`) read as that resource's
 *   `NotFound`.
 * - `Message` is the message; `RequestId` (or the `x-amz-request-id`
 *   header) the request id; the other elements (`Key`, `BucketName`,
 *   `Resource`, `HostId`) stay in `extensions`, as text.
 * - Reading takes the elements and their text; a document with a DOCTYPE is
 *   not read (no entity is ever expanded). Writing escapes text, and leaves
 *   out members whose names cannot be XML element names.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 * @see https://learn.microsoft.com/rest/api/storageservices/blob-service-error-codes
 * @category models
 * @since 0.2.0
 */
export const dialect = Dialect.make({
  name: "s3",
  contentType: "application/xml",
  codes,
  unknownCodes: "status",
  convention: (errorClass) => errorClass.tag,
  shape: {
    code: ["Error", "Code"],
    message: ["Error", "Message"],
    requestId: { path: ["Error", "RequestId"], header: ["x-amz-request-id", "x-ms-request-id"] }
  },
  parse,
  print,
  detect: { has: [{ path: ["Error", "Code"], is: "string" }] }
})

/**
 * Writes an error as an S3 XML error document.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 * @category encoding
 * @since 0.2.0
 */
export const encode = dialect.encode

/**
 * Reads an S3-style XML error response: total, see `Dialect.Dialect.decode`.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 * @category decoding
 * @since 0.2.0
 */
export const decode = dialect.decode

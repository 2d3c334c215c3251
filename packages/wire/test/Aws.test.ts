import { describe } from "@effect/vitest"
import { Aws } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const dynamodb = "Amazon DynamoDB docs, 'Error handling with DynamoDB'"
const smithy = "Smithy docs, 'AWS JSON 1.1 protocol' (operation error serialization)"
const apigateway = "Amazon API Gateway docs, 'Gateway response types'"

const amzJson = { "content-type": "application/x-amz-json-1.0" }

const vectors: ReadonlyArray<VendorVector> = [
  {
    source: dynamodb,
    what: "a qualified ResourceNotFoundException at 400 is NotFound",
    status: 400,
    headers: { ...amzJson, "x-amzn-requestid": "R7M3" },
    body: {
      __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
      message: "Requested resource not found"
    },
    tag: "NotFound",
    fields: { status: 404, requestId: "R7M3" },
    code: "ResourceNotFoundException"
  },
  {
    source: dynamodb,
    what: "ProvisionedThroughputExceededException is RateLimited, retried",
    status: 400,
    headers: amzJson,
    body: {
      __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
      message: "Rate of requests exceeds the allowed throughput."
    },
    tag: "RateLimited"
  },
  {
    source: smithy,
    what: "the x-amzn-ErrorType header names the error before the body, and needs none",
    status: 400,
    headers: { "x-amzn-errortype": "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/" },
    body: { Message: "1 validation error detected" },
    tag: "ValidationError",
    fields: { status: 400, message: "1 validation error detected" },
    code: "ValidationException"
  },
  {
    source: smithy,
    what: "a header alone, no body, is enough",
    status: 400,
    headers: { "x-amzn-errortype": "ThrottlingException" },
    tag: "RateLimited"
  },
  {
    source: apigateway,
    what: "API Gateway's MissingAuthenticationTokenException: a name the table does not name, read by its status",
    status: 403,
    headers: { "x-amzn-errortype": "MissingAuthenticationTokenException" },
    body: { message: "Missing Authentication Token" },
    tag: "Forbidden",
    code: "MissingAuthenticationTokenException"
  }
]

describe("Aws", () => {
  vendorSuite(Aws.dialect, vectors, {
    bodies: (json) => [{ __type: json, message: json }, { __type: "a#B", Message: json }]
  })
})

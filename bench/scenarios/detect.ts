/**
 * Goal 2, detection: `Detect.decodeAny` of a response whose dialect is not
 * known — the media type, the challenge, the body walked once against every
 * dialect's evidence, then the decode — for every format the detector
 * knows, all of them loaded in one process as users run them, against
 * `JSON.parse` of the same body. Each row's response is a vendor's documented
 * error; each is checked to be detected as its dialect and decoded to the
 * class the row names before it is timed. XML and form bodies are timed
 * against `JSON.parse` of the JSON they read as.
 */
import { Detect } from "@faultline/wire"
import { requestId } from "../src/Fixtures.ts"
import * as Scenario from "../src/Scenario.ts"

interface Case {
  readonly name: string
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body: unknown
  /** The JSON a non-JSON body reads as, for the baseline. */
  readonly asJson?: unknown
  readonly dialect: string
  readonly tag: string
}

const json = { "content-type": "application/json; charset=utf-8", "x-request-id": requestId }

const cases: ReadonlyArray<Case> = [
  {
    name: "seed 000 envelope",
    status: 404,
    body: { error: { code: "not_found", message: "App not found", details: null, request_id: requestId } },
    dialect: "envelope",
    tag: "NotFound"
  },
  {
    name: "seed 002 flat",
    status: 429,
    headers: { ...json, "retry-after": "30" },
    body: { error: "rate_limit_exceeded", error_description: "Rate limit exceeded", retry_after: 30 },
    dialect: "flat",
    tag: "RateLimited"
  },
  {
    name: "seed 003 nested",
    status: 404,
    body: { error: { code: "userId", status: 404, message: "User not found" } },
    dialect: "nested",
    tag: "NotFound"
  },
  {
    name: "seed 004 code-description",
    status: 404,
    body: { code: "USER_NOT_EXIST", description: "No such user" },
    dialect: "code-description",
    tag: "NotFound"
  },
  {
    name: "seed 001 message-description",
    status: 403,
    body: { message: "403", description: "Forbidden here" },
    dialect: "message-description",
    tag: "Forbidden"
  },
  {
    name: "OAuth token endpoint",
    status: 400,
    body: { error: "invalid_grant", error_description: "The authorization code expired" },
    dialect: "oauth",
    tag: "InvalidGrant"
  },
  {
    name: "OAuth form-encoded (GitHub)",
    status: 400,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired.",
    asJson: { error: "bad_verification_code", error_description: "The code passed is incorrect or expired." },
    dialect: "oauth",
    tag: "UnknownError"
  },
  {
    name: "RFC 9457 problem",
    status: 403,
    headers: { "content-type": "application/problem+json" },
    body: { type: "about:blank", title: "Forbidden", status: 403, detail: "Admins only", instance: "/apps/1" },
    dialect: "problem",
    tag: "Forbidden"
  },
  {
    name: "hapi Boom",
    status: 404,
    body: { statusCode: 404, error: "Not Found", message: "No user 42" },
    dialect: "boom",
    tag: "NotFound"
  },
  {
    name: "Google AIP-193 with RetryInfo",
    status: 429,
    body: {
      error: {
        code: 429,
        message: "Quota exceeded for quota metric 'Queries'",
        status: "RESOURCE_EXHAUSTED",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "RATE_LIMIT_EXCEEDED",
            domain: "googleapis.com"
          },
          { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "30s" }
        ]
      }
    },
    dialect: "google",
    tag: "RateLimited"
  },
  {
    name: "Stripe card error",
    status: 402,
    body: {
      error: {
        type: "card_error",
        code: "card_declined",
        decline_code: "insufficient_funds",
        message: "Your card has insufficient funds.",
        doc_url: "https://docs.stripe.com/error-codes/card-declined"
      }
    },
    dialect: "stripe",
    tag: "PaymentRequired"
  },
  {
    name: "GitHub validation",
    status: 422,
    body: {
      message: "Validation Failed",
      errors: [{ resource: "Issue", field: "title", code: "missing_field" }],
      documentation_url: "https://docs.github.com/rest/issues/issues#create-an-issue",
      status: "422"
    },
    dialect: "github",
    tag: "ValidationError"
  },
  {
    name: "JSON:API",
    status: 422,
    headers: { "content-type": "application/vnd.api+json" },
    body: {
      errors: [{
        status: "422",
        source: { pointer: "/data/attributes/firstName" },
        title: "Invalid Attribute",
        detail: "First name must contain at least two characters."
      }]
    },
    dialect: "jsonapi",
    tag: "ValidationError"
  },
  {
    name: "Microsoft Graph",
    status: 404,
    body: {
      error: {
        code: "itemNotFound",
        message: "The resource could not be found.",
        innerError: { date: "2024-05-22T18:24:01", "request-id": "d3a4e2c1" }
      }
    },
    dialect: "microsoft",
    tag: "NotFound"
  },
  {
    name: "Spring Boot",
    status: 404,
    body: { timestamp: "2024-05-22T18:24:01.103+00:00", status: 404, error: "Not Found", path: "/api/users/42" },
    dialect: "spring",
    tag: "NotFound"
  },
  {
    name: "FastAPI validation",
    status: 422,
    body: { detail: [{ type: "missing", loc: ["body", "name"], msg: "Field required", input: {} }] },
    dialect: "fastapi",
    tag: "ValidationError"
  },
  {
    name: "Laravel validation",
    status: 422,
    body: { message: "The email field is required.", errors: { email: ["The email field is required."] } },
    dialect: "laravel",
    tag: "ValidationError"
  },
  {
    name: "Slack on a 200",
    status: 200,
    body: { ok: false, error: "channel_not_found" },
    dialect: "slack",
    tag: "NotFound"
  },
  {
    name: "AWS JSON",
    status: 400,
    headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "R7M3" },
    body: {
      __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
      message: "Requested resource not found"
    },
    dialect: "aws",
    tag: "NotFound"
  },
  {
    name: "S3 XML",
    status: 404,
    headers: { "content-type": "application/xml" },
    body:
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The resource you requested does not exist</Message><Resource>/mybucket/myfoto.jpg</Resource><RequestId>4442587FB7D0A2F9</RequestId></Error>`,
    asJson: {
      Error: {
        Code: "NoSuchKey",
        Message: "The resource you requested does not exist",
        Resource: "/mybucket/myfoto.jpg",
        RequestId: "4442587FB7D0A2F9"
      }
    },
    dialect: "s3",
    tag: "NotFound"
  },
  {
    name: "GraphQL",
    status: 400,
    headers: { "content-type": "application/graphql-response+json" },
    body: {
      errors: [{
        message: "Cannot query field \"nme\" on type \"User\".",
        locations: [{ line: 1, column: 9 }],
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" }
      }]
    },
    dialect: "graphql",
    tag: "BadRequest"
  },
  {
    name: "Twilio",
    status: 404,
    body: {
      code: 20404,
      message: "The requested resource was not found",
      more_info: "https://www.twilio.com/docs/errors/20404",
      status: 404
    },
    dialect: "twilio",
    tag: "NotFound"
  },
  {
    name: "Elasticsearch",
    status: 404,
    body: {
      error: {
        root_cause: [{ type: "index_not_found_exception", reason: "no such index [logs]", index: "logs" }],
        type: "index_not_found_exception",
        reason: "no such index [logs]",
        index: "logs"
      },
      status: 404
    },
    dialect: "elasticsearch",
    tag: "NotFound"
  },
  {
    name: "a text/plain sentence (Go's http.Error)",
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: "404 page not found\n",
    asJson: { message: "404 page not found" },
    dialect: "none",
    tag: "NotFound"
  },
  {
    name: "Kubernetes Status",
    status: 404,
    body: {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "pods \"grafana\" not found",
      reason: "NotFound",
      details: { name: "grafana", kind: "pods" },
      code: 404
    },
    dialect: "kubernetes",
    tag: "NotFound"
  },
  {
    name: "Okta",
    status: 401,
    body: {
      errorCode: "E0000011",
      errorSummary: "Invalid token provided",
      errorLink: "E0000011",
      errorId: "oaeWHbIIv4bQfqYvDsDwV8mEQ",
      errorCauses: []
    },
    dialect: "okta",
    tag: "InvalidToken"
  },
  {
    name: "Cloudflare",
    status: 403,
    body: { success: false, errors: [{ code: 10000, message: "Authentication error" }], messages: [], result: null },
    dialect: "cloudflare",
    tag: "Unauthorized"
  },
  {
    name: "PostgREST",
    status: 409,
    body: {
      code: "23505",
      details: "Key (email)=(a@b.c) already exists.",
      hint: null,
      message: "duplicate key value violates unique constraint \"users_email_key\""
    },
    dialect: "postgrest",
    tag: "AlreadyExists"
  },
  {
    name: "Shopify",
    status: 404,
    body: { errors: "Not Found" },
    dialect: "shopify",
    tag: "NotFound"
  }
]

const comparisons: Array<Scenario.Comparison> = cases.map((row) => {
  const text = typeof row.body === "string" ? row.body : JSON.stringify(row.body)
  const baselineText = row.asJson === undefined ? text : JSON.stringify(row.asJson)
  const response = { status: row.status, headers: row.headers ?? json, body: text }
  const name = `Detect.decodeAny ${row.name}`
  return {
    name,
    subject: Scenario.op(name, () => Detect.decodeAny(response), (detection) => {
      if (detection.dialect !== row.dialect) throw new Error(`${row.name}: detected as ${detection.dialect}`)
      Scenario.isError(row.tag)(detection.error)
    }),
    baseline: Scenario.op(`${name}: JSON.parse`, () => JSON.parse(baselineText)),
    max: Scenario.goals.decode
  }
})

export default Scenario.make({ goal: 2, title: "Detect: detection + decode", comparisons })

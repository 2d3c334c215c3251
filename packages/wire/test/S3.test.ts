import { assert, describe, it } from "@effect/vitest"
import { ApiError } from "@faultline/errors"
import { S3 } from "@faultline/wire"
import { Schema } from "effect"
import { isTyped, vendorSuite, type VendorVector } from "./fixtures.ts"

const s3 = "Amazon S3 docs, 'Error responses'"
const query = "Amazon SQS docs, 'Query API error responses'"
const azure = "Azure Storage docs, 'Status and error codes'"
const xml = { "content-type": "application/xml" }

const vectors: ReadonlyArray<VendorVector> = [
  {
    source: s3,
    what: "NoSuchKey is NotFound of a key, its other elements kept as text",
    status: 404,
    headers: xml,
    body: `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchKey</Code>
  <Message>The resource you requested does not exist</Message>
  <Resource>/mybucket/myfoto.jpg</Resource>
  <RequestId>4442587FB7D0A2F9</RequestId>
</Error>`,
    tag: "NotFound",
    fields: { resource: "key", requestId: "4442587FB7D0A2F9", extensions: { Resource: "/mybucket/myfoto.jpg" } },
    code: "NoSuchKey"
  },
  {
    source: s3,
    what: "SlowDown is RateLimited",
    status: 503,
    headers: xml,
    body: "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>",
    tag: "RateLimited"
  },
  {
    source: s3,
    what: "entities and character references are read; a code the table does not name is read by its status",
    status: 400,
    headers: xml,
    body:
      "<Error><Code>InvalidEncryptionAlgorithmError</Code><Message>AES &amp; &#x4B;MS &lt;only&gt;</Message></Error>",
    tag: "BadRequest",
    fields: { message: "AES & KMS <only>", extensions: { Code: "InvalidEncryptionAlgorithmError" } }
  },
  {
    source: query,
    what: "ErrorResponse's error, its RequestId moved into it",
    status: 400,
    headers: { "content-type": "text/xml" },
    body:
      "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameterValue</Code><Message>Value x for parameter y is invalid.</Message></Error><RequestId>42d59b56-7407-4c4a-be0f-4c88daeea257</RequestId></ErrorResponse>",
    tag: "BadRequest",
    fields: { requestId: "42d59b56-7407-4c4a-be0f-4c88daeea257" }
  },
  {
    source: azure,
    what: "Azure Storage's BlobNotFound is NotFound of a blob",
    status: 404,
    headers: xml,
    body:
      "\ufeff<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.\nRequestId:1b2c</Message></Error>",
    tag: "NotFound",
    fields: { resource: "blob" }
  },
  {
    source: "XML external entities (OWASP XXE)",
    what: "a document with a DOCTYPE is not read",
    status: 400,
    headers: xml,
    body: `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><Error><Code>&x;</Code></Error>`,
    tag: "Undecodable",
    dialect: "none"
  }
]

describe("S3", () => {
  vendorSuite(S3.dialect, vectors, { bodies: (json) => [{ Error: json }, { Error: { Code: json } }] })

  it(`${s3}: an error is written as the XML document S3 sends, text escaped`, () => {
    const encoded = S3.encode(new ApiError.NotFound({ message: "No <key> & no bucket", resource: "key" }))
    assert.deepStrictEqual([encoded.status, encoded.headers["content-type"]], [404, "application/xml"])
    assert.strictEqual(
      encoded.body,
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>No &lt;key&gt; &amp; no bucket</Message></Error>`
    )
  })

  it.prop("any text that looks like XML decodes to a typed error", { text: Schema.String }, ({ text }) => {
    for (const body of [`<Error>${text}</Error>`, `<Error><Code>${text}</Code></Error>`, `<ErrorResponse>${text}`]) {
      assert.isTrue(isTyped(S3.decode({ status: 400, body })))
    }
  }, { arbitrary: { runs: 100 } })
})

import { assert, describe, it } from "@effect/vitest"
import { ApiError } from "@faultline/errors"
import { Detect, Elasticsearch } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const source = "Elasticsearch reference, 'REST API conventions'; the error bodies its servers send"

const indexNotFound = {
  type: "index_not_found_exception",
  reason: "no such index [logs-2024]",
  "resource.type": "index_or_alias",
  "resource.id": "logs-2024",
  index_uuid: "_na_",
  index: "logs-2024"
}

const vectors: ReadonlyArray<VendorVector> = [
  {
    source,
    what: "index_not_found_exception is a NotFound of an index, its root causes kept",
    status: 404,
    body: { error: { root_cause: [indexNotFound], ...indexNotFound }, status: 404 },
    tag: "NotFound",
    fields: {
      message: "no such index [logs-2024]",
      resource: "index",
      extensions: { root_cause: [{ type: "index_not_found_exception" }], index: "logs-2024" }
    },
    code: "index_not_found_exception"
  },
  {
    source,
    what: "version_conflict_engine_exception is a Conflict",
    status: 409,
    body: {
      error: {
        root_cause: [{ type: "version_conflict_engine_exception", reason: "[1]: version conflict" }],
        type: "version_conflict_engine_exception",
        reason: "[1]: version conflict, required seqNo [5], primary term [1]. current document has seqNo [6]",
        index: "orders"
      },
      status: 409
    },
    tag: "Conflict",
    code: "version_conflict_engine_exception"
  },
  {
    source,
    what: "resource_already_exists_exception, sent as a 400, is AlreadyExists",
    status: 400,
    body: {
      error: {
        root_cause: [{ type: "resource_already_exists_exception", reason: "index [orders/x] already exists" }],
        type: "resource_already_exists_exception",
        reason: "index [orders/x] already exists",
        index: "orders"
      },
      status: 400
    },
    tag: "AlreadyExists"
  },
  {
    source,
    what: "es_rejected_execution_exception (a full write queue) is RateLimited",
    status: 429,
    body: {
      error: {
        root_cause: [{
          type: "es_rejected_execution_exception",
          reason: "rejected execution of coordinating operation"
        }],
        type: "es_rejected_execution_exception",
        reason: "rejected execution of coordinating operation"
      },
      status: 429
    },
    tag: "RateLimited"
  },
  {
    source,
    what: "a type the table does not name means what its status means, the type kept",
    status: 400,
    body: {
      error: {
        root_cause: [{ type: "search_parse_exception", reason: "unknown key [quer]" }],
        type: "search_parse_exception",
        reason: "unknown key [quer]"
      },
      status: 400
    },
    tag: "BadRequest",
    fields: { message: "unknown key [quer]" },
    code: "search_parse_exception"
  }
]

describe("Elasticsearch", () => {
  vendorSuite(Elasticsearch.dialect, vectors, {
    bodies: (
      json
    ) => [{ error: { type: json, reason: json, root_cause: json }, status: json }, { error: json, status: 404 }]
  })

  it("writes the error object's type and reason, and the status beside it; a NotFound of an index by its type", () => {
    const response = Elasticsearch.encode(new ApiError.NotFound({ message: "no such index [x]" }))
    assert.strictEqual(response.status, 404)
    assert.deepStrictEqual(JSON.parse(response.body), {
      error: { type: "resource_not_found_exception", reason: "no such index [x]" },
      status: 404
    })
    const index = Elasticsearch.encode(new ApiError.NotFound({ message: "no such index [x]", resource: "index" }))
    assert.strictEqual(JSON.parse(index.body).error.type, "index_not_found_exception")
  })

  it("a type declared at its class's status is read whatever the status it comes with, which the response keeps", () => {
    const error = Elasticsearch.decode({
      status: 400,
      body: JSON.stringify({ error: { type: "resource_already_exists_exception", reason: "exists" }, status: 400 })
    })
    assert.deepStrictEqual([error._tag, error.status, error.response?.status], ["AlreadyExists", 409, 400])
  })

  it("an error object with a type and a message is Stripe's, not this dialect's; one with a reason is this one's", () => {
    const stripe = Detect.decodeAny({
      status: 404,
      body: JSON.stringify({ error: { type: "invalid_request_error", message: "No such customer" } })
    })
    const elasticsearch = Detect.decodeAny({
      status: 404,
      body: JSON.stringify({ error: { type: "invalid_request_error", reason: "No such customer" } })
    })
    assert.deepStrictEqual([stripe.dialect, elasticsearch.dialect], ["stripe", "elasticsearch"])
  })

  it("an older body whose error is a sentence is prose: its status gives the meaning", () => {
    const detection = Detect.decodeAny({
      status: 405,
      body: JSON.stringify({
        error: "Incorrect HTTP method for uri [/x] and method [GET], allowed: [POST]",
        status: 405
      })
    })
    assert.deepStrictEqual([detection.error._tag, detection.code], ["MethodNotAllowed", null])
    assert.strictEqual(detection.error.message, "Incorrect HTTP method for uri [/x] and method [GET], allowed: [POST]")
  })
})

import { describe } from "@effect/vitest"
import { JsonApi } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const format = "JSON:API 1.1, 'Errors'"
const examples = "JSON:API examples, 'Error objects'"
const jsonApi = { "content-type": "application/vnd.api+json" }

const vectors: ReadonlyArray<VendorVector> = [
  {
    source: examples,
    what: "one error object with a pointer is a ValidationError of that field",
    status: 422,
    headers: jsonApi,
    body: {
      errors: [{
        status: "422",
        source: { pointer: "/data/attributes/firstName" },
        title: "Invalid Attribute",
        detail: "First name must contain at least two characters."
      }]
    },
    tag: "ValidationError",
    fields: {
      issues: [{ path: "/data/attributes/firstName", message: "First name must contain at least two characters." }]
    },
    code: null
  },
  {
    source: `${examples}, multiple errors`,
    what: "several fields that failed are one ValidationError, an issue each",
    status: 422,
    headers: jsonApi,
    body: {
      jsonapi: { version: "1.1" },
      errors: [
        {
          status: "422",
          source: { pointer: "/data/attributes/firstName" },
          title: "Invalid Attribute",
          detail: "First name must contain at least two characters."
        },
        {
          status: "422",
          source: { pointer: "/data/attributes/password" },
          title: "Invalid Attribute",
          detail: "Password must contain a symbol."
        }
      ]
    },
    tag: "ValidationError",
    fields: {
      issues: [{ path: "/data/attributes/firstName" }, { path: "/data/attributes/password" }],
      extensions: { jsonapi: { version: "1.1" } }
    }
  },
  {
    source: format,
    what: "an application code is kept; the status gives the meaning",
    status: 404,
    headers: jsonApi,
    body: { errors: [{ id: "e-1", status: "404", code: "ARTICLE_GONE", title: "Not found", detail: "No article 7" }] },
    tag: "NotFound",
    fields: { message: "No article 7", extensions: { id: "e-1", code: "ARTICLE_GONE", title: "Not found" } },
    code: "ARTICLE_GONE"
  },
  {
    source: `${format}, a query parameter`,
    what: "source.parameter is the path too",
    status: 400,
    headers: jsonApi,
    body: {
      errors: [{
        status: "400",
        source: { parameter: "include" },
        title: "Invalid Query Parameter",
        detail: "The resource does not have an `author` relationship path."
      }]
    },
    tag: "BadRequest",
    fields: { path: "include" }
  },
  {
    source: format,
    what: "errors of several kinds: the first, the others kept",
    status: 409,
    body: {
      errors: [{ status: "409", title: "Conflict", detail: "Version mismatch" }, {
        status: "403",
        title: "Forbidden",
        detail: "Read only"
      }]
    },
    tag: "Conflict",
    fields: { extensions: { errors: [{ status: "403" }] } }
  }
]

describe("JsonApi", () => {
  vendorSuite(JsonApi.dialect, vectors, {
    bodies: (
      json
    ) => [{ errors: json }, { errors: [json] }, { errors: [{ title: json, status: json, source: json }, json] }]
  })
})

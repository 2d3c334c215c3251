import { describe } from "@effect/vitest"
import { Boom } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const hapi = "hapi docs, Boom 'Overview'"
const fastify = "Fastify docs, 'Errors'"
const nest = "NestJS docs, 'Exception filters'"

const vectors: ReadonlyArray<VendorVector> = [
  {
    source: hapi,
    what: "Boom.notFound is NotFound, its message kept; the reason phrase is no code",
    status: 404,
    body: { statusCode: 404, error: "Not Found", message: "No user 42" },
    tag: "NotFound",
    fields: { message: "No user 42" },
    code: null
  },
  {
    source: `${hapi}, with a Joi validation failure`,
    what: "a 400 keeps hapi's validation member",
    status: 400,
    body: {
      statusCode: 400,
      error: "Bad Request",
      message: "\"name\" is required",
      validation: { source: "payload", keys: ["name"] }
    },
    tag: "BadRequest",
    fields: { extensions: { validation: { source: "payload", keys: ["name"] } } }
  },
  {
    source: hapi,
    what: "Boom.badImplementation is InternalError",
    status: 500,
    body: { statusCode: 500, error: "Internal Server Error", message: "An internal server error occurred" },
    tag: "InternalError"
  },
  {
    source: hapi,
    what: "Boom.tooManyRequests with Retry-After is RateLimited with its wait",
    status: 429,
    headers: { "retry-after": "30" },
    body: { statusCode: 429, error: "Too Many Requests", message: "Slow down" },
    tag: "RateLimited",
    fields: { retryAfter: 30 }
  },
  {
    source: `${hapi}, Boom.unauthorized with a scheme`,
    what: "a 401 with a Basic challenge: the body decides, the challenge kept",
    status: 401,
    headers: { "www-authenticate": `Basic realm="hapi"` },
    body: { statusCode: 401, error: "Unauthorized", message: "Bad password", attributes: { realm: "hapi" } },
    tag: "Unauthorized",
    fields: { message: "Bad password", extensions: { attributes: { realm: "hapi" } } }
  },
  {
    source: fastify,
    what: "Fastify's validation error keeps its code as an extension",
    status: 400,
    body: {
      statusCode: 400,
      code: "FST_ERR_VALIDATION",
      error: "Bad Request",
      message: "body must have required property 'name'"
    },
    tag: "BadRequest",
    fields: { extensions: { code: "FST_ERR_VALIDATION" } },
    code: null
  },
  {
    source: nest,
    what: "NestJS's ForbiddenException is Forbidden",
    status: 403,
    body: { statusCode: 403, message: "Forbidden resource", error: "Forbidden" },
    tag: "Forbidden",
    fields: { message: "Forbidden resource" }
  },
  {
    source: `${nest}, ValidationPipe`,
    what: "a list of messages is kept as it came",
    status: 400,
    body: { statusCode: 400, message: ["name should not be empty"], error: "Bad Request" },
    tag: "BadRequest",
    fields: { extensions: { message: ["name should not be empty"] } }
  }
]

describe("Boom", () => {
  vendorSuite(Boom.dialect, vectors, {
    bodies: (json) => [{ statusCode: json, error: "Not Found", message: json }, { statusCode: 400, error: json }]
  })
})

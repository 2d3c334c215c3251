import { describe } from "@effect/vitest"
import { Spring } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const source = "Spring Boot docs, 'Error Handling' (DefaultErrorAttributes)"

const vectors: ReadonlyArray<VendorVector> = [
  {
    source,
    what: "the default 404 body is NotFound; path and timestamp are kept, not read as a field",
    status: 404,
    body: { timestamp: "2024-05-22T18:24:01.103+00:00", status: 404, error: "Not Found", path: "/api/users/42" },
    tag: "NotFound",
    fields: { extensions: { path: "/api/users/42", timestamp: "2024-05-22T18:24:01.103+00:00" } },
    code: null
  },
  {
    source: `${source}, server.error.include-message`,
    what: "a 500 with its message is InternalError",
    status: 500,
    body: {
      timestamp: "2024-05-22T18:24:01.103+00:00",
      status: 500,
      error: "Internal Server Error",
      message: "Database down",
      path: "/api/orders"
    },
    tag: "InternalError",
    fields: { message: "Database down" }
  },
  {
    source: `${source}, server.error.include-binding-errors`,
    what: "binding errors are field issues, the constraint as the check: a validation error",
    status: 400,
    body: {
      timestamp: "2024-05-22T18:24:01.103+00:00",
      status: 400,
      error: "Bad Request",
      errors: [{
        codes: ["NotBlank.user.name", "NotBlank"],
        defaultMessage: "must not be blank",
        objectName: "user",
        field: "name",
        rejectedValue: "",
        bindingFailure: false,
        code: "NotBlank"
      }],
      path: "/api/users"
    },
    tag: "ValidationError",
    fields: { status: 400, issues: [{ path: "name", message: "must not be blank", check: "NotBlank" }] }
  }
]

describe("Spring", () => {
  vendorSuite(Spring.dialect, vectors, {
    bodies: (
      json
    ) => [{ timestamp: json, status: 400, error: "Bad Request", errors: json }, { status: json, error: json }]
  })
})

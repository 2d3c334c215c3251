import { describe } from "@effect/vitest"
import { Laravel } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const validation = "Laravel docs, 'Validation' (validation error response format)"
const errors = "Laravel docs, 'Error Handling' (rendering exceptions)"

const vectors: ReadonlyArray<VendorVector> = [
  {
    source: validation,
    what: "a 422 with errors is a validation error, an issue per message",
    status: 422,
    body: {
      message: "The team name must be a string. (and 4 more errors)",
      errors: {
        "team_name": ["The team name must be a string.", "The team name must be at least 1 characters."],
        "authorization.role": ["The selected authorization.role is invalid."]
      }
    },
    tag: "ValidationError",
    fields: {
      issues: [
        { path: "team_name", message: "The team name must be a string." },
        { path: "team_name", message: "The team name must be at least 1 characters." },
        { path: "authorization.role", message: "The selected authorization.role is invalid." }
      ]
    },
    code: null
  },
  {
    source: `${errors}, debug mode`,
    what: "the exception's debug output is kept as it came",
    status: 500,
    body: {
      message: "Division by zero",
      exception: "DivisionByZeroError",
      file: "/app/Http/Controllers/X.php",
      line: 12,
      trace: []
    },
    tag: "InternalError",
    fields: { extensions: { exception: "DivisionByZeroError", line: 12 } }
  }
]

describe("Laravel", () => {
  vendorSuite(Laravel.dialect, vectors, {
    bodies: (json) => [{ message: "x", errors: json }, { message: json, errors: { a: json } }]
  })
})

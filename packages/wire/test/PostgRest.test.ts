import { describe } from "@effect/vitest"
import { PostgRest } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const source = "PostgREST docs, 'Errors'"

const vectors: ReadonlyArray<VendorVector> = [
  {
    source: `${source}, a unique violation`,
    what: "SQLSTATE 23505 at 409 is AlreadyExists",
    status: 409,
    body: {
      code: "23505",
      details: "Key (email)=(a@b.c) already exists.",
      hint: null,
      message: "duplicate key value violates unique constraint \"users_email_key\""
    },
    tag: "AlreadyExists",
    fields: { details: "Key (email)=(a@b.c) already exists.", extensions: { hint: null } },
    code: "23505"
  },
  {
    source: `${source}, PGRST116`,
    what: "a code the table does not name means what its status means, kept",
    status: 406,
    body: {
      code: "PGRST116",
      details: "The result contains 0 rows",
      hint: null,
      message: "JSON object requested, multiple (or no) rows returned"
    },
    tag: "BadRequest",
    fields: { extensions: { code: "PGRST116" } },
    code: "PGRST116"
  },
  {
    source: `${source}, JWT errors`,
    what: "PGRST303, an expired JWT, is TokenExpired",
    status: 401,
    body: { code: "PGRST303", details: null, hint: null, message: "JWT expired" },
    tag: "TokenExpired"
  }
]

describe("PostgRest", () => {
  vendorSuite(PostgRest.dialect, vectors, {
    bodies: (json) => [{ code: json, hint: json, message: "x", details: json }]
  })
})

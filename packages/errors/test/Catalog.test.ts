import { assert, describe, it } from "@effect/vitest"
import { ApiError, Catalog } from "@faultline/errors"
import { readFileSync } from "node:fs"

// A copy of the seeds' codes.tsv (all 100 documented format/code/status rows), so the project stands alone.
const seedRows = readFileSync(new URL("./fixtures/codes.tsv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [seed, format, code, status, description] = line.split("\t") as [string, string, string, string, string]
    return { seed, format, code, status: Number(status), description }
  })

// codes.tsv names formats; the catalog names dialects (redirects are OAuth entries with status 302).
const dialectOfFormat: Record<string, Catalog.Dialect> = {
  "oauth": "oauth",
  "oauth-redirect": "oauth",
  "bearer-challenge": "bearer",
  "envelope": "envelope",
  "flat": "flat",
  "message-description": "message-description",
  "nested": "nested",
  "code-description": "code-description"
}

const key = (dialect: string, code: string, status: number) => `${dialect} ${code} ${status}`

describe("Catalog", () => {
  it("has an entry for every one of the 100 rows of codes.tsv", () => {
    assert.strictEqual(seedRows.length, 100)
    const keys = new Set(Catalog.entries.map((entry) => key(entry.dialect, entry.code, entry.status)))
    const missing = seedRows.filter((row) => {
      const code = row.code === "<property path>" ? "{path}" : row.code
      return !keys.has(key(dialectOfFormat[row.format]!, code, row.status))
    })
    assert.deepStrictEqual(missing, [])
  })

  it("credits every seed row's document in the entry's source", () => {
    for (const row of seedRows) {
      const code = row.code === "<property path>" ? "{path}" : row.code
      const entry = Catalog.entries.find((entry) =>
        entry.dialect === dialectOfFormat[row.format] && entry.code === code && entry.status === row.status
      )
      assert.include(entry?.source as string, `seed ${row.seed.slice(0, 3)}`, `${row.format} ${row.code}`)
    }
  })

  it("has no (dialect, code, status) twice among the codes that decode", () => {
    const seen = new Map<string, number>()
    for (const entry of Catalog.entries as ReadonlyArray<Catalog.Entry>) {
      if (entry.encodeOnly === true) continue
      const k = key(entry.dialect, entry.code, entry.status)
      seen.set(k, (seen.get(k) ?? 0) + 1)
    }
    assert.deepStrictEqual([...seen].filter(([, count]) => count > 1), [])
  })

  it("names an exported class with every entry", () => {
    for (const entry of Catalog.entries) {
      const declared = (ApiError as Record<string, unknown>)[entry.class.tag]
      assert.strictEqual(entry.class, declared, entry.code)
      assert.strictEqual(Catalog.classes[entry.class.tag as Catalog.Tag], declared)
    }
  })

  it("writes a class with an encode-only code only where the vocabulary has no code of its own for it", () => {
    const encodeOnly = (Catalog.entries as ReadonlyArray<Catalog.Entry>).filter((entry) => entry.encodeOnly === true)
    assert.isNotEmpty(encodeOnly)
    for (const entry of encodeOnly) {
      const own = (Catalog.entries as ReadonlyArray<Catalog.Entry>).filter((candidate) =>
        candidate.dialect === entry.dialect && candidate.class === entry.class && candidate.encodeOnly !== true
      )
      assert.deepStrictEqual(own.map((candidate) => candidate.code), [], `${entry.dialect} ${entry.class.tag}`)
      // the code it is written with reads back as the vocabulary's own class for that code
      const reads = Catalog.entries.find((candidate) =>
        candidate.dialect === entry.dialect && candidate.code === entry.code && candidate.status === entry.status &&
        !("encodeOnly" in candidate)
      )
      assert.isDefined(reads, `${entry.dialect} ${entry.code} ${entry.status}`)
    }
  })

  it("refines a class only by one of the same status, so a dialect that writes the broader code keeps it", () => {
    for (const declared of Object.values(Catalog.classes) as ReadonlyArray<ApiError.AnyClass>) {
      if (declared.refines === undefined) continue
      assert.include(declared.refines.statuses, declared.status, declared.tag)
    }
    assert.strictEqual(ApiError.TokenExpired.refines, ApiError.InvalidToken)
    assert.strictEqual(ApiError.InvalidToken.refines, ApiError.Unauthorized)
    assert.throws(
      () =>
        ApiError.Class()("Teapot", {}, {
          status: 418,
          title: "I'm a teapot",
          description: "Short and stout",
          source: "RFC 9110 §15.5.19",
          refines: ApiError.NotFound
        }),
      /Teapot.*refines NotFound.*418/
    )
  })

  it("gives every class a status, a title, a description and a source", () => {
    for (const [tag, declared] of Object.entries(Catalog.classes)) {
      assert.strictEqual(declared.tag, tag)
      assert.isTrue(declared.status >= 100 && declared.status <= 599, tag)
      assert.include(declared.statuses, declared.status)
      assert.isNotEmpty(declared.title)
      assert.isNotEmpty(declared.description)
      assert.isNotEmpty(declared.source)
      assert.strictEqual(Catalog.statusOf[tag as Catalog.Tag], declared.status)
    }
  })

  it("sends each code with a status its class allows, or 302 for an OAuth redirect", () => {
    for (const entry of Catalog.entries as ReadonlyArray<Catalog.Entry>) {
      if (entry.encodeOnly === true) continue
      if (entry.status === 302) {
        assert.strictEqual(entry.dialect, "oauth", entry.code)
      } else {
        assert.include(entry.class.statuses as ReadonlyArray<number>, entry.status, entry.code)
      }
    }
  })

  it("tells the codes with a placeholder as templates, and reads resources back out of them", () => {
    const templates = Catalog.entries.filter((entry) => Catalog.templateOf(entry.code) !== undefined)
    assert.deepStrictEqual(
      Array.from(new Set(templates.map((entry) => `${entry.code} ${Catalog.templateOf(entry.code)}`))).sort(),
      [
        "INVALID_{RESOURCE} resource",
        "{RESOURCE}_ALREADY_EXIST resource",
        "{RESOURCE}_NOT_EXIST resource",
        "{path} path",
        "{resource}_already_assigned resource",
        "{resource}_already_exists resource",
        "{resource}_not_found resource"
      ]
    )
    assert.strictEqual(Catalog.templateOf("user_not_found"), undefined)
    const notExist = Catalog.entries.find((entry) => entry.code === "{RESOURCE}_NOT_EXIST")!
    assert.strictEqual(Catalog.matchTemplate(notExist, "USER_NOT_EXIST"), "user")
    assert.strictEqual(Catalog.matchTemplate(notExist, "PAYMENT_METHOD_NOT_EXIST"), "payment_method")
    assert.strictEqual(Catalog.matchTemplate(notExist, "_NOT_EXIST"), undefined)
    assert.strictEqual(Catalog.matchTemplate(notExist, "user_NOT_EXIST"), undefined)
    assert.strictEqual(Catalog.fillTemplate(notExist, "payment_method"), "PAYMENT_METHOD_NOT_EXIST")
  })

  it("agrees with its own templates where a concrete code names a resource", () => {
    for (const entry of Catalog.entries) {
      if (!("resource" in entry)) continue
      const template = Catalog.entries.find((candidate) =>
        candidate.dialect === entry.dialect && candidate.class === entry.class &&
        Catalog.templateOf(candidate.code) !== undefined &&
        Catalog.matchTemplate(candidate, entry.code) !== undefined
      )
      if (template !== undefined) assert.strictEqual(Catalog.matchTemplate(template, entry.code), entry.resource)
    }
  })

  // The registered codes a client of these APIs meets, from ../shared/notes/standards.md.
  const registered: ReadonlyArray<readonly [id: string, dialect: Catalog.Dialect, codes: ReadonlyArray<string>]> = [
    ["6749-04", "oauth", [
      "invalid_request",
      "unauthorized_client",
      "access_denied",
      "unsupported_response_type",
      "invalid_scope",
      "server_error",
      "temporarily_unavailable"
    ]],
    ["6749-08", "oauth", [
      "invalid_request",
      "invalid_client",
      "invalid_grant",
      "unauthorized_client",
      "unsupported_grant_type",
      "invalid_scope"
    ]],
    ["6750-06..08", "bearer", ["invalid_request", "invalid_token", "insufficient_scope"]],
    ["7009-02", "oauth", ["unsupported_token_type"]],
    ["7591-02", "oauth", [
      "invalid_redirect_uri",
      "invalid_client_metadata",
      "invalid_software_statement",
      "unapproved_software_statement"
    ]],
    ["8628-01..04", "oauth", ["authorization_pending", "slow_down", "access_denied", "expired_token"]],
    ["8693-02 8707-01", "oauth", ["invalid_target"]],
    ["9449-01 9449-05", "oauth", ["invalid_dpop_proof", "use_dpop_nonce"]],
    ["9449-03", "bearer", ["invalid_dpop_proof", "use_dpop_nonce"]],
    ["9470-01", "bearer", ["insufficient_user_authentication"]],
    ["9470-04", "oauth", ["unmet_authentication_requirements"]],
    ["OIDC-01 9101-01", "oauth", [
      "interaction_required",
      "login_required",
      "account_selection_required",
      "consent_required",
      "invalid_request_uri",
      "invalid_request_object",
      "request_not_supported",
      "request_uri_not_supported",
      "registration_not_supported"
    ]]
  ]
  for (const [id, dialect, codes] of registered) {
    it(`${id}: has the registered codes ${codes.join(", ")}`, () => {
      const known = new Set(Catalog.entriesOf(dialect).map((entry) => entry.code))
      assert.deepStrictEqual(codes.filter((code) => !known.has(code)), [])
    })
  }

  it("6749-04: puts the authorization redirect codes at 302, and not the token-only ones", () => {
    const redirect = new Set<string>(Catalog.entries.filter((entry) => entry.status === 302).map((entry) => entry.code))
    for (const code of ["invalid_client", "invalid_grant", "unsupported_grant_type"]) assert.isFalse(redirect.has(code))
    for (const code of ["server_error", "temporarily_unavailable", "access_denied"]) assert.isTrue(redirect.has(code))
  })

  it("gives one meaning one class across dialects", () => {
    const tagOf = (dialect: Catalog.Dialect, code: string) =>
      Catalog.entries.find((entry) => entry.dialect === dialect && entry.code === code)?.class.tag
    assert.deepStrictEqual(
      [
        tagOf("envelope", "not_found"),
        tagOf("flat", "user_not_found"),
        tagOf("code-description", "{RESOURCE}_NOT_EXIST"),
        tagOf("message-description", "404")
      ],
      ["NotFound", "NotFound", "NotFound", "NotFound"]
    )
    assert.deepStrictEqual([tagOf("flat", "token_expired"), tagOf("nested", "expired")], [
      "TokenExpired",
      "TokenExpired"
    ])
    assert.deepStrictEqual(
      [
        tagOf("oauth", "server_error"),
        tagOf("envelope", "internal_error"),
        tagOf("code-description", "INTERNAL_SERVER_ERROR")
      ],
      ["InternalError", "InternalError", "InternalError"]
    )
    // invalid_request is OAuth's protocol error in seeds 000, 001 and 004, but seed 002's generic bad request.
    assert.deepStrictEqual([tagOf("oauth", "invalid_request"), tagOf("bearer", "invalid_request")], [
      "InvalidRequest",
      "InvalidRequest"
    ])
    assert.strictEqual(tagOf("flat", "invalid_request"), "BadRequest")
  })

  it("tells LIMIT_EXCEEDED and OUT_OF_RANGE apart by status", () => {
    const tags = Catalog.entries.filter((entry) => entry.code === "LIMIT_EXCEEDED" || entry.code === "OUT_OF_RANGE")
      .map((entry) => `${entry.code} ${entry.status} ${entry.class.tag}`)
    assert.deepStrictEqual(tags.sort(), [
      "LIMIT_EXCEEDED 400 LimitExceeded",
      "LIMIT_EXCEEDED 403 QuotaExceeded",
      "OUT_OF_RANGE 400 OutOfRange",
      "OUT_OF_RANGE 403 RangeNotAllowed"
    ])
  })
})

describe("Catalog.lookup", () => {
  it("finds every entry that decodes by its own code, dialect and status, with its class", () => {
    for (const entry of Catalog.entries as ReadonlyArray<Catalog.Entry>) {
      if (entry.encodeOnly === true || Catalog.templateOf(entry.code) !== undefined) continue
      const found = Catalog.lookup(entry.code, { dialect: entry.dialect, status: entry.status })
      assert.deepStrictEqual(found.entries, [entry], `${entry.dialect} ${entry.code} ${entry.status}`)
      assert.strictEqual(found.class, entry.class)
    }
  })

  it("gives entries but no class to a code that means different classes by status or by dialect", () => {
    const limit = Catalog.lookup("LIMIT_EXCEEDED")
    assert.deepStrictEqual(limit.entries.map((entry) => `${entry.status} ${entry.class.tag}`), [
      "400 LimitExceeded",
      "403 QuotaExceeded"
    ])
    assert.isUndefined(limit.class)
    assert.strictEqual(Catalog.lookup("LIMIT_EXCEEDED", { status: 403 }).class, ApiError.QuotaExceeded)
    // RFC 6749's invalid_request, and seed 002's resource API's generic 400
    assert.isUndefined(Catalog.lookup("invalid_request", { status: 400 }).class)
    assert.strictEqual(Catalog.lookup("invalid_request", { dialect: "flat" }).class, ApiError.BadRequest)
  })

  it("reads a resource template a code fits, unless the vocabulary has the code itself", () => {
    const templated = Catalog.lookup("PAYMENT_METHOD_NOT_EXIST")
    assert.deepStrictEqual(
      [templated.class, templated.resource, templated.entries.map((entry) => entry.code)],
      [ApiError.NotFound, "payment_method", ["{RESOURCE}_NOT_EXIST"]]
    )
    // seed 002 names user_not_found itself; its {resource}_not_found template is not a second meaning
    const own = Catalog.lookup("user_not_found", { dialect: "flat" })
    assert.deepStrictEqual([own.entries.map((entry) => entry.code), own.resource], [["user_not_found"], "user"])
  })

  it("leaves out encode-only entries, which write a class but do not say what the code means", () => {
    const found = Catalog.lookup("invalid_request", { dialect: "oauth", status: 400 })
    assert.deepStrictEqual(found.entries.map((entry) => entry.class.tag), ["InvalidRequest"])
  })

  it("knows nothing of a code no entry names, nor of a property path", () => {
    assert.deepStrictEqual(Catalog.lookup("card_declined"), { entries: [], class: undefined, resource: undefined })
    assert.deepStrictEqual(Catalog.lookup("address.street", { dialect: "nested" }).entries, [])
  })
})

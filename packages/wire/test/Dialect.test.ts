import { assert, describe, it } from "@effect/vitest"
import { ApiError, Catalog, Family } from "@faultline/errors"
import { CodeDescription, Dialect, Envelope, Flat, MessageDescription, Nested, OAuth } from "@faultline/wire"
import { Duration, Schema } from "effect"
import { readFileSync } from "node:fs"
import { asJson, fieldsOf, isTyped, jsonDialects } from "./fixtures.ts"

interface Vector {
  readonly source: string
  readonly dialect: string
  readonly status: number
  readonly headers?: Record<string, string>
  readonly body: unknown
  readonly expect: Record<string, unknown>
  /** The body an encoder writes back, where it differs from `body` by a documented normalization. */
  readonly reencoded?: unknown
}

const assertCovers = (actual: unknown, expected: unknown, at: string): void => {
  if (Array.isArray(expected)) {
    assert.isArray(actual, at)
    assert.strictEqual((actual as Array<unknown>).length, expected.length, at)
    expected.forEach((item, i) => assertCovers((actual as Array<unknown>)[i], item, `${at}[${i}]`))
  } else if (typeof expected === "object" && expected !== null) {
    assert.isObject(actual, at)
    for (const [key, value] of Object.entries(expected)) {
      // seed 003's `" message"` is written back as `message`
      assertCovers((actual as Record<string, unknown>)[key.trim()], value, `${at}.${key.trim()}`)
    }
  } else {
    assert.deepStrictEqual(actual, expected, at)
  }
}

const vectors: ReadonlyArray<Vector> = JSON.parse(
  readFileSync(new URL("./vectors/seeds.json", import.meta.url), "utf8")
)

const byName = Object.fromEntries(jsonDialects.map((dialect) => [dialect.name, dialect]))

/** The expected fields are a subset of the decoded ones (a Duration compares as its milliseconds). */
const assertFields = (error: unknown, expected: Record<string, unknown>) => {
  const actual = fieldsOf(error)
  for (const [key, value] of Object.entries(expected)) {
    const got = key === "retryAfter"
      ? Duration.toMillis((error as { retryAfter: Duration.Duration }).retryAfter)
      : actual[key]
    if (key === "errors") {
      const members = (got as Array<Record<string, unknown>>).map((member, i) => {
        const want = (value as Array<Record<string, unknown>>)[i]!
        return Object.fromEntries(Object.keys(want).map((k) => [k, member[k]]))
      })
      assert.deepStrictEqual(members, value, key)
    } else {
      assert.deepStrictEqual(got, value, key)
    }
  }
}

describe("Dialect", () => {
  describe("the seed and RFC examples", () => {
    for (const vector of vectors) {
      it(`${vector.source}: decodes to the expected error`, () => {
        const dialect = byName[vector.dialect]!
        const error = dialect.decode({
          status: vector.status,
          headers: vector.headers,
          body: JSON.stringify(vector.body)
        })
        assertFields(error, vector.expect)
      })

      it(`${vector.source}: encodes back to an equivalent body`, () => {
        const dialect = byName[vector.dialect]!
        const decoded = dialect.decode({
          status: vector.status,
          headers: vector.headers,
          body: JSON.stringify(vector.body)
        })
        const encoded = dialect.encode(decoded, { debug: {} })
        assert.strictEqual(encoded.status, vector.status)
        // every member the example has comes back with its value (a dialect may add members it always writes)
        assertCovers(JSON.parse(encoded.body), vector.reencoded ?? vector.body, "body")
      })
    }
  })

  describe("every documented code", () => {
    const byDialect: Record<string, Dialect.Dialect<string, ApiError.ApiError>> = {
      "oauth": OAuth.dialect as any,
      "envelope": Envelope.dialect as any,
      "flat": Flat.dialect as any,
      "message-description": MessageDescription.dialect as any,
      "nested": Nested.dialect as any,
      "code-description": CodeDescription.dialect as any
    }
    for (const entry of Catalog.entries as ReadonlyArray<Catalog.Entry>) {
      const dialect = byDialect[entry.dialect]
      const tag = entry.class.tag
      if (dialect === undefined || entry.status === 302 || tag === "MultipleErrors" || entry.encodeOnly) continue
      const template = Catalog.templateOf(entry.code)
      const code = template === "resource"
        ? Catalog.fillTemplate(entry, "payment_method")
        : template === "path"
        ? "address.street"
        : entry.code
      it(`${entry.dialect} ${entry.code} ${entry.status}: decodes to ${tag} and encodes back to the same code`, () => {
        const body = wireBody(entry.dialect, code, entry.status)
        const error = dialect.decode({ status: entry.status, body: JSON.stringify(body) })
        assert.strictEqual(error._tag, tag)
        if (entry.resource !== undefined) assert.strictEqual((error as any).resource, entry.resource)
        if (template === "resource") assert.strictEqual((error as any).resource, "payment_method")
        const encoded = dialect.encode(error)
        assert.strictEqual(encoded.status, entry.status)
        assert.strictEqual(codeIn(entry.dialect, JSON.parse(encoded.body)), code)
      })
    }
  })

  describe("totality", () => {
    for (const dialect of jsonDialects) {
      it.prop(`${dialect.name}: any JSON value decodes to a typed error`, { json: Schema.Json }, ({ json }) => {
        const error = dialect.decode({ status: 400, body: JSON.stringify(json) })
        assert.isTrue(isTyped(error))
      }, { arbitrary: { runs: 300 } })

      it.prop(`${dialect.name}: any string decodes to a typed error`, { text: Schema.String }, ({ text }) => {
        assert.isTrue(isTyped(dialect.decode({ status: 502, body: text })))
      }, { arbitrary: { runs: 300 } })

      it.prop(
        `${dialect.name}: any bytes decode to a typed error`,
        { bytes: Schema.Uint8Array, status: Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 999 })) },
        ({ bytes, status }) => {
          assert.isTrue(isTyped(dialect.decode({ status, body: bytes })))
        },
        { arbitrary: { runs: 200 } }
      )

      it.prop(
        `${dialect.name}: any object with the dialect's members decodes to a typed error`,
        { members: Schema.Record(Schema.Literals(memberNames), Schema.Json) },
        ({ members }) => {
          assert.isTrue(isTyped(dialect.decode({ status: 422, body: JSON.stringify(members) })))
          assert.isTrue(isTyped(dialect.decode({ status: 422, body: JSON.stringify({ error: members }) })))
        },
        { arbitrary: { runs: 300 } }
      )
    }
  })

  describe("round trip", () => {
    for (const dialect of jsonDialects) {
      it.prop(
        `${dialect.name}: decode(encode(e)) is e for every error the dialect can express`,
        { error: Family.Any },
        ({ error }) => {
          // The errors a dialect can express are what its decoder gives: encode any error once and read it back;
          // that error must survive encode/decode unchanged, typed and on the wire.
          const expressible = dialect.decode(dialect.encode(error, { debug: {} }))
          // what a dialect writes, it reads
          assert.notStrictEqual(expressible._tag, "Undecodable")
          const wire = dialect.encode(expressible, { debug: {} })
          const back = dialect.decode(wire)
          assert.strictEqual(asJson(back), asJson(expressible))
          const again = dialect.encode(back, { debug: {} })
          assert.deepStrictEqual([again.status, again.headers, again.body], [wire.status, wire.headers, wire.body])
        },
        { arbitrary: { runs: 300 } }
      )

      it.prop(`${dialect.name}: never writes CR or LF in a header`, { error: Family.Any }, ({ error }) => {
        const encoded = dialect.encode(error)
        for (const [name, value] of Object.entries(encoded.headers)) {
          assert.isFalse(/[\r\n\0]/.test(value), name)
          assert.isTrue(/^[\t\x20-\x7E\x80-\xFF]*$/.test(value), name)
        }
      }, { arbitrary: { runs: 200 } })

      it(`${dialect.name}: writes a received __proto__ member back as a member, polluting nothing`, () => {
        const extensions = JSON.parse(`{"__proto__":{"polluted":true},"vendor_hint":"retry later"}`)
        const encoded = dialect.encode(new ApiError.Conflict({ message: "Name already taken", extensions }))
        assert.include(encoded.body, `"__proto__":{"polluted":true}`)
        assert.include(encoded.body, `"vendor_hint":"retry later"`)
        assert.isUndefined(({} as Record<string, unknown>)["polluted"])
      })
    }

    it("flat: writes a field named __proto__ as a member of details", () => {
      const issues = [{ path: "__proto__", message: "Not allowed" }, { path: "email", message: "Invalid email" }]
      const body = JSON.parse(Flat.encode(new ApiError.ValidationError({ issues })).body)
      assert.deepStrictEqual(Object.keys(body.details), ["__proto__", "email"])
      assert.strictEqual(Object.getPrototypeOf(body.details), Object.prototype)
    })
  })

  describe("safe by default", () => {
    const secret = "password=hunter2 at db.internal:5432"
    for (const dialect of jsonDialects) {
      it(`${dialect.name}: a 5xx shows no message unless the operator turned debug on`, () => {
        const error = new ApiError.InternalError({ message: secret })
        assert.notInclude(dialect.encode(error).body, "hunter2")
        assert.include(dialect.encode(error, { debug: {} }).body, "hunter2")
      })

      it(`${dialect.name}: a 4xx shows its message`, () => {
        const error = new ApiError.Conflict({ message: "Name already taken" })
        assert.include(dialect.encode(error).body, "Name already taken")
      })
    }

    it("never writes seed 002's debug member unless asked", () => {
      const error = new ApiError.ValidationError({ message: "Invalid input data" })
      assert.notProperty(JSON.parse(Flat.encode(error).body), "debug")
      const received = Flat.decode({
        status: 500,
        body: JSON.stringify({ error: "internal_error", error_description: "x", debug: { stack_trace: "at x" } })
      })
      assert.notProperty(JSON.parse(Flat.encode(received).body), "debug")
      const debug = JSON.parse(Flat.encode(error, { debug: { stack: "at y", timestamp: "2024-01-22T10:30:00Z" } }).body)
      assert.deepStrictEqual(debug.debug, { stack_trace: "at y", timestamp: "2024-01-22T10:30:00Z" })
    })
  })

  describe("hostile input", () => {
    const dialect = Envelope.dialect

    it("reports a 10 MB body as TooLarge, keeping a bounded prefix", () => {
      const body = JSON.stringify({ error: { code: "not_found", message: "x".repeat(10 * 1024 * 1024) } })
      const error = dialect.decode({ status: 404, body })
      assert.strictEqual(error._tag, "Undecodable")
      assert.strictEqual((error as ApiError.Undecodable).reason, "TooLarge")
      assert.isAtMost((error as ApiError.Undecodable).body.length, 16_384)
      const bytes = dialect.decode({ status: 404, body: new TextEncoder().encode(body) })
      assert.strictEqual((bytes as ApiError.Undecodable).reason, "TooLarge")
    })

    it("reports 10,000-deep nesting as TooDeep", () => {
      const deep = "[".repeat(10_000) + "]".repeat(10_000)
      const error = dialect.decode({ status: 400, body: `{"error":{"code":"bad_request","details":${deep}}}` })
      assert.strictEqual((error as ApiError.Undecodable).reason, "TooDeep")
    })

    it("keeps __proto__ and constructor members as data, polluting nothing", () => {
      const body =
        `{"error":{"code":"not_found","message":"m","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}},"__proto__":{"polluted":true}}`
      const error = dialect.decode({ status: 404, body }) as ApiError.NotFound
      assert.strictEqual(error._tag, "NotFound")
      assert.isUndefined(({} as Record<string, unknown>)["polluted"])
      assert.isUndefined((Object.prototype as Record<string, unknown>)["polluted"])
      assert.deepStrictEqual(Object.keys(error.extensions ?? {}).sort(), ["__proto__", "constructor"])
      assert.strictEqual(Object.getPrototypeOf(error.extensions), Object.prototype)
    })

    it("reads invalid UTF-8 with replacement characters", () => {
      const bytes = new Uint8Array([
        ...new TextEncoder().encode("{\"error\":{\"code\":\"not_found\",\"message\":\"caf"),
        0xC3,
        0x28,
        ...new TextEncoder().encode("\"}}")
      ])
      const error = dialect.decode({ status: 404, body: bytes })
      assert.strictEqual(error._tag, "NotFound")
      assert.include(error.message, "\uFFFD")
    })

    it("takes the last of duplicate members, as JSON.parse does", () => {
      const error = dialect.decode({ status: 404, body: "{\"error\":{\"code\":\"forbidden\",\"code\":\"not_found\"}}" })
      assert.strictEqual(error._tag, "NotFound")
    })

    const unreadable: ReadonlyArray<readonly [string, string | undefined, ApiError.UndecodableReason]> = [
      ["a proxy's HTML", "<html><body><h1>502 Bad Gateway</h1></body></html>", "NotJson"],
      ["plain text", "Too Many Requests", "NotJson"],
      ["truncated JSON", "{\"error\":{\"code\":\"not_fo", "NotJson"],
      [
        "seed 003's own unquoted keys",
        "{ error: { message: \"MVNO account not found\", code: \"mvnoAccount\" } }",
        "NotJson"
      ],
      ["JSON of another shape", "{\"data\":[]}", "Shape"],
      ["a bare JSON string", "\"not found\"", "NotJson"]
    ]
    for (const [what, body] of [["an empty body", ""], ["no body at all", undefined]] as const) {
      it(`9110-18: reads ${what} as the error its status means, keeping the status, headers and hints`, () => {
        const error = dialect.decode({
          status: 503,
          headers: { "Retry-After": "30", "X-Request-ID": "r1" },
          body
        })
        assert.strictEqual(error._tag, "ServiceUnavailable")
        assert.strictEqual(error.status, 503)
        assert.strictEqual(Duration.toSeconds(error.retryAfter!), 30)
        assert.strictEqual(error.requestId, "r1")
        assert.deepStrictEqual(error.response, {
          status: 503,
          headers: { "retry-after": "30", "x-request-id": "r1" },
          body: ""
        })
      })
    }

    for (const [what, body, reason] of unreadable) {
      it(`keeps ${what} as Undecodable (${reason}) with its status, headers and text`, () => {
        const error = dialect.decode({
          status: 502,
          headers: { "Content-Type": "text/html", "X-Request-ID": "r1" },
          body
        })
        assert.strictEqual(error._tag, "Undecodable")
        const undecodable = error as ApiError.Undecodable
        assert.deepStrictEqual([undecodable.status, undecodable.reason, undecodable.body], [502, reason, body ?? ""])
        assert.strictEqual(undecodable.headers["content-type"], "text/html")
        assert.strictEqual(undecodable.requestId, "r1")
        assert.isTrue(undecodable.retryable)
      })
    }
  })

  describe("translate", () => {
    it("re-emits a flat error as an envelope, keeping its meaning", () => {
      const gateway = Dialect.translate(Flat.dialect, Envelope.dialect)
      const out = gateway({
        status: 429,
        headers: { "retry-after": "30" },
        body: JSON.stringify({ error: "rate_limit_exceeded", error_description: "Slow down", retry_after: 30 })
      })
      assert.strictEqual(out.status, 429)
      assert.strictEqual(out.headers["retry-after"], "30")
      assert.deepStrictEqual(JSON.parse(out.body).error.code, "rate_limit_exceeded")
    })

    it("falls back to the generic code of the status where the target has no code for the class", () => {
      const gateway = Dialect.translate(Flat.dialect, Envelope.dialect)
      const out = gateway({
        status: 401,
        body: JSON.stringify({ error: "token_expired", error_description: "Expired" })
      })
      assert.deepStrictEqual([out.status, JSON.parse(out.body).error.code], [401, "unauthorized"])
      const suspended = gateway({
        status: 403,
        body: JSON.stringify({ error: "user_suspended", error_description: "x" })
      })
      assert.deepStrictEqual([suspended.status, JSON.parse(suspended.body).error.code], [403, "forbidden"])
      const job = gateway({ status: 400, body: JSON.stringify({ error: "job_cancelled", error_description: "x" }) })
      assert.deepStrictEqual([job.status, JSON.parse(job.body).error.code], [400, "bad_request"])
    })

    it("keeps a resource through dialects that name it", () => {
      const out = Dialect.translate(Flat.dialect, CodeDescription.dialect)({
        status: 404,
        body: JSON.stringify({ error: "user_not_found", error_description: "No such user" })
      })
      assert.deepStrictEqual(JSON.parse(out.body), { code: "USER_NOT_EXIST", description: "No such user" })
    })

    it("turns an unknown upstream code into the target's code for its status", () => {
      const out = Dialect.translate(CodeDescription.dialect, OAuth.dialect)({
        status: 404,
        body: JSON.stringify({ code: "SOMETHING_NEW", description: "?" })
      })
      assert.strictEqual(out.status, 404)
      assert.strictEqual(JSON.parse(out.body).error, "SOMETHING_NEW")
    })
  })
})

const memberNames = [
  "error",
  "error_description",
  "error_uri",
  "code",
  "message",
  "description",
  "details",
  "request_id",
  "status",
  "path",
  "check",
  "inner",
  "retry_after",
  "type",
  "title",
  "detail",
  "instance",
  "errors"
] as const

const wireBody = (dialect: string, code: string, status: number): unknown => {
  switch (dialect) {
    case "oauth":
      return { error: code, error_description: "described" }
    case "envelope":
      return { error: { code, message: "described", details: null, request_id: null } }
    case "flat":
      return { error: code, error_description: "described" }
    case "message-description":
      return { message: code, description: "described" }
    case "nested":
      return { error: { code, status, message: "described" } }
    default:
      return { code, description: "described" }
  }
}

const codeIn = (dialect: string, body: any): string => {
  switch (dialect) {
    case "oauth":
    case "flat":
      return body.error
    case "envelope":
    case "nested":
      return body.error.code
    case "message-description":
      return body.message
    default:
      return body.code
  }
}

import { assert, describe, it } from "@effect/vitest"
import { ApiError, Catalog, Family } from "@faultline/errors"
import {
  Bearer,
  CodeDescription,
  Detect,
  Dialect,
  Envelope,
  Flat,
  MessageDescription,
  Nested,
  OAuth,
  Problem
} from "@faultline/wire"
import { DateTime, Duration, Schema } from "effect"
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

    it("9110-02: header names that differ only in case are one field, its lines joined in order", () => {
      const parsed = Dialect.parse({
        status: 429,
        headers: {
          "x-request-id": "a",
          "Retry-After": "5",
          "X-Request-ID": "b",
          "WWW-Authenticate": ["Basic", "Bearer"]
        }
      })
      assert.deepStrictEqual({ ...parsed.headers }, {
        "x-request-id": "a, b",
        "retry-after": "5",
        "www-authenticate": "Basic, Bearer"
      })
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

    it("is the same data-first and data-last, options included", () => {
      const response = { status: 404, body: JSON.stringify({ error: "user_not_found", error_description: "No" }) }
      const first = Dialect.translate(Flat.dialect, Envelope.dialect, { encode: { requestId: "r1" } })
      const last = Flat.dialect.pipe(Dialect.translate(Envelope.dialect, { encode: { requestId: "r1" } }))
      assert.deepStrictEqual(last(response), first(response))
      assert.strictEqual(JSON.parse(last(response).body).error.request_id, "r1")
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

// ---------------------------------------------------------------------------
// A user's own errors, codes and dialects
// ---------------------------------------------------------------------------

class CardDeclined extends ApiError.Class<CardDeclined>()("CardDeclined", { declineCode: Schema.String }, {
  status: 402,
  title: "Payment Required",
  description: "The card was declined",
  source: "Payments API §4"
}) {}

class CardExpired extends ApiError.Class<CardExpired>()("CardExpired", {}, {
  status: 402,
  title: "Card Expired",
  description: "The card has expired",
  source: "Payments API §4",
  refines: CardDeclined
}) {}

const declined = () =>
  new CardDeclined({ declineCode: "insufficient_funds", message: "Your card has insufficient funds." })

describe("a status no vocabulary has a code for", () => {
  for (const dialect of jsonDialects) {
    it(`${dialect.name}: an UnknownError keeps its status (423, 451, 507), never traded for the x00's`, () => {
      for (const status of [423, 451, 507]) {
        const encoded = dialect.encode(new ApiError.UnknownError({ code: "", status, message: "x" }))
        assert.strictEqual(encoded.status, status)
      }
    })
  }

  it("9457-13: problem details at such a status carry its registered reason phrase as the title", () => {
    const titles = [423, 451, 507, 418].map((status) =>
      JSON.parse(Problem.encode(new ApiError.UnknownError({ code: "", status, message: "x" })).body).title
    )
    assert.deepStrictEqual(titles, ["Locked", "Unavailable For Legal Reasons", "Insufficient Storage", "Bad Request"])
  })

  it("9110-17: a client reads an unrecognised status with no code as the x00 of its class, the raw status kept", () => {
    const read = Envelope.dialect.decode({ status: 471, body: "" })
    assert.deepStrictEqual([read._tag, read.status, read.response?.status], ["BadRequest", 400, 471])
    const server = Envelope.dialect.decode({ status: 598, body: "" })
    assert.deepStrictEqual([server._tag, server.status, server.response?.status], ["InternalError", 500, 598])
  })
})

describe("Dialect.make: a user's own errors, codes and dialects", () => {
  describe("a class no vocabulary names", () => {
    // how each built-in dialect spells a class it has no code for: its convention
    const spelled: ReadonlyArray<readonly [Dialect.Any, string, (body: any) => unknown]> = [
      [OAuth.dialect, "card_declined", (body) => body.error],
      [Envelope.dialect, "card_declined", (body) => body.error.code],
      [Flat.dialect, "card_declined", (body) => body.error],
      [MessageDescription.dialect, "402", (body) => body.message],
      [Nested.dialect, "card_declined", (body) => body.error.code],
      [CodeDescription.dialect, "CARD_DECLINED", (body) => body.code],
      [Problem.dialect, "tag:faultline.dev,2026:problem:card-declined", (body) => body.type]
    ]
    for (const [dialect, code, codeOf] of spelled) {
      it(`${dialect.name}: keeps its status (402) and is spelled ${code}, never a silent 400`, () => {
        const encoded = dialect.encode(declined())
        assert.strictEqual(encoded.status, 402)
        assert.strictEqual(codeOf(JSON.parse(encoded.body)), code)
        assert.deepStrictEqual(dialect.codeFor(declined()), { code, status: 402 })
      })

      if (dialect === MessageDescription.dialect) {
        // seed 001's code is the status: a 402 means what 402 means, and no second class can take it
        it(`${dialect.name}: a client reads what 402 means, PaymentRequired, keeping the message`, () => {
          const error = dialect.decode(dialect.encode(declined()))
          assert.deepStrictEqual([error._tag, error.status, error.message], [
            "PaymentRequired",
            402,
            "Your card has insufficient funds."
          ])
          assert.throws(() => dialect.pipe(Dialect.withCodes([{ class: CardDeclined }])), /would mean both/)
        })
        continue
      }

      it(`${dialect.name}: a client without the class reads an UnknownError keeping code, status and message`, () => {
        const error = dialect.decode(dialect.encode(declined()))
        assert.strictEqual(error._tag, "UnknownError")
        const unknown = error as ApiError.UnknownError
        assert.deepStrictEqual([unknown.code, unknown.status, unknown.message], [
          code,
          402,
          "Your card has insufficient funds."
        ])
      })

      it(`${dialect.name}: a client given the class reads it back, its own field from the wire`, () => {
        const payments = dialect.pipe(Dialect.withCodes([{ class: CardDeclined }]))
        const error = payments.decode(dialect.encode(declined()))
        assert.instanceOf(error, CardDeclined)
        const card = error as CardDeclined
        assert.deepStrictEqual([card.declineCode, card.status, card.message], [
          "insufficient_funds",
          402,
          "Your card has insufficient funds."
        ])
        assert.isTrue(Schema.is(CardDeclined)(card))
        // and writes what it read exactly as the dialect wrote it
        assert.strictEqual(payments.encode(card).body, dialect.encode(declined()).body)
      })
    }

    it("problem: its title is the class's title", () => {
      const body = JSON.parse(Problem.encode(declined()).body)
      assert.deepStrictEqual([body.title, body.status, body.decline_code], [
        "Payment Required",
        402,
        "insufficient_funds"
      ])
    })

    it("bearer: a challenge carries no code for it, and it keeps its status", () => {
      const encoded = Bearer.encode(declined())
      assert.strictEqual(encoded.status, 402)
      assert.notInclude(encoded.headers["www-authenticate"]!, "error=")
    })

    it("a class that refines another is written with the broader class's code where it has none of its own", () => {
      const payments = Envelope.dialect.pipe(Dialect.withCodes([{ code: "card_declined", class: CardDeclined }]))
      const body = JSON.parse(payments.encode(new CardExpired({ message: "Expired in 2019" })).body)
      assert.strictEqual(body.error.code, "card_declined")
      assert.strictEqual(payments.encode(new CardExpired()).status, 402)
    })
  })

  describe("withCodes", () => {
    const Payments = Envelope.dialect.pipe(
      Dialect.withCodes([{ code: "card_declined", status: 402, class: CardDeclined }])
    )

    it("writes a user's class with the user's code, its own fields in details (story 1)", () => {
      const encoded = Payments.encode(
        new CardDeclined({ declineCode: "insufficient_funds", message: "Insufficient funds" })
      )
      assert.strictEqual(encoded.status, 402)
      assert.strictEqual(
        encoded.body,
        `{"error":{"code":"card_declined","message":"Insufficient funds","details":{"decline_code":"insufficient_funds"},"request_id":null}}`
      )
    })

    it("keeps every code of the dialect it extends", () => {
      assert.strictEqual(
        Payments.decode({ status: 404, body: `{"error":{"code":"not_found","message":"x"}}` })._tag,
        "NotFound"
      )
      assert.strictEqual(Payments.codes.length, Envelope.dialect.codes.length + 1)
      assert.strictEqual(Payments.name, "envelope")
      assert.isTrue(Dialect.isDialect(Payments))
    })

    it("is the same data-first and data-last", () => {
      const first = Dialect.withCodes(Envelope.dialect, [{ code: "card_declined", status: 402, class: CardDeclined }])
      assert.strictEqual(first.encode(declined()).body, Payments.encode(declined()).body)
    })

    it("reads a wire whose own field is missing or wrong as an UnknownError, never as an invalid instance", () => {
      for (const details of [null, { decline_code: 5 }, { other: "x" }]) {
        const error = Payments.decode({
          status: 402,
          body: JSON.stringify({ error: { code: "card_declined", message: "x", details } })
        })
        assert.strictEqual(error._tag, "UnknownError", JSON.stringify(details))
        assert.strictEqual((error as ApiError.UnknownError).code, "card_declined")
      }
    })

    it("keeps the rest of details beside a class's own fields", () => {
      const error = Payments.decode({
        status: 402,
        body: JSON.stringify({
          error: { code: "card_declined", message: "x", details: { decline_code: "lost", hint: "call" } }
        })
      }) as CardDeclined
      assert.deepStrictEqual([error.declineCode, error.details], ["lost", { hint: "call" }])
      assert.deepStrictEqual(JSON.parse(Payments.encode(error).body).error.details, {
        decline_code: "lost",
        hint: "call"
      })
    })

    it("own fields of every kind round trip in every dialect: a number that may be NaN, a date, literals, an optional list", () => {
      class QuotaWindow extends ApiError.Class<QuotaWindow>()("QuotaWindow", {
        limit: Schema.Number,
        resetsAt: Schema.DateTimeUtcFromString,
        plan: Schema.Literals(["free", "pro"]),
        tags: Schema.optionalKey(Schema.Array(Schema.String))
      }, { status: 418, title: "Quota Window", description: "The quota window is spent", source: "test" }) {}
      const windows = [
        new QuotaWindow({ limit: 100, resetsAt: DateTime.makeUnsafe("2026-12-01T00:00:00Z"), plan: "free" }),
        new QuotaWindow({
          limit: Number.NaN,
          resetsAt: DateTime.makeUnsafe(0),
          plan: "pro",
          tags: ["a", "b"]
        })
      ]
      for (const dialect of jsonDialects) {
        const extended = dialect.pipe(Dialect.withCodes([{ class: QuotaWindow }]))
        for (const window of windows) {
          const encoded = extended.encode(window)
          assert.notInclude(encoded.body, "null,", `${dialect.name}: NaN is written as JSON can carry it`)
          const read = extended.decode(encoded) as QuotaWindow
          assert.instanceOf(read, QuotaWindow, `${dialect.name}: ${encoded.body}`)
          assert.deepStrictEqual(
            [read.limit, DateTime.toEpochMillis(read.resetsAt), read.plan, read.tags],
            [window.limit, DateTime.toEpochMillis(window.resetsAt), window.plan, window.tags],
            dialect.name
          )
          assert.strictEqual(extended.encode(read).body, encoded.body, dialect.name)
        }
      }
    })

    it("an encode-only code writes a class and reads back as the code's own class", () => {
      const quiet = Envelope.dialect.pipe(
        Dialect.withCodes([{ code: "forbidden", status: 403, class: ApiError.UserSuspended, encodeOnly: true }])
      )
      const encoded = quiet.encode(new ApiError.UserSuspended())
      assert.strictEqual(JSON.parse(encoded.body).error.code, "forbidden")
      assert.strictEqual(quiet.decode(encoded)._tag, "Forbidden")
    })
  })

  describe("a dialect of the user's own shape (story 3)", () => {
    const Acme = Dialect.make({
      name: "acme",
      contentType: "application/json",
      shape: {
        code: ["error", "code"],
        message: ["error", "message"],
        details: ["error", "param"],
        requestId: ["error", "request_id"]
      },
      codes: [{ code: "card_declined", status: 402, class: CardDeclined }, ...Dialect.genericCodes("snake_case")],
      detect: (json) =>
        typeof json === "object" && json !== null && !Array.isArray(json) &&
        typeof (json as any).error === "object" && typeof (json as any).error?.type === "string"
    })

    it("reads a Stripe-like body: the code, the message, details and members it does not name", () => {
      const error = Acme.decode({
        status: 404,
        headers: { "x-request-id": "h1" },
        body: JSON.stringify({
          error: { type: "invalid_request_error", code: "not_found", message: "No such customer", param: "id" }
        })
      })
      assert.strictEqual(error._tag, "NotFound")
      assert.deepStrictEqual(fieldsOf(error), {
        _tag: "NotFound",
        message: "No such customer",
        status: 404,
        details: "id",
        requestId: "h1",
        extensions: { type: "invalid_request_error" }
      })
    })

    it("writes strictly: its members in its shape's order, the rest of the error's members after them", () => {
      const body = Acme.encode(
        new ApiError.NotFound({
          message: "No such customer",
          details: "id",
          extensions: { type: "invalid_request_error" }
        }),
        { requestId: "r1" }
      ).body
      assert.strictEqual(
        body,
        `{"error":{"code":"not_found","message":"No such customer","param":"id","request_id":"r1","type":"invalid_request_error"}}`
      )
    })

    it("decodes a code it does not know to UnknownError, and a body not of its shape to Undecodable", () => {
      const unknown = Acme.decode({ status: 400, body: `{"error":{"code":"mystery","message":"?"}}` })
      assert.deepStrictEqual([unknown._tag, (unknown as ApiError.UnknownError).code], ["UnknownError", "mystery"])
      const other = Acme.decode({ status: 400, body: `{"message":"?"}` })
      assert.deepStrictEqual([other._tag, (other as ApiError.Undecodable).reason], ["Undecodable", "Shape"])
    })

    it.prop("never throws, whatever the body", { json: Schema.Json, text: Schema.String }, ({ json, text }) => {
      assert.isTrue(isTyped(Acme.decode({ status: 402, body: JSON.stringify(json) })))
      assert.isTrue(isTyped(Acme.decode({ status: 402, body: text })))
      assert.isTrue(isTyped(Acme.decode({ status: 402, body: JSON.stringify({ error: json }) })))
    }, { arbitrary: { runs: 300 } })

    const AcmeErrors = Schema.Union([CardDeclined, ...Dialect.genericCodes().map((entry) => entry.class)])
    const AcmeDecoded = Schema.toCodecJson(Schema.Union([AcmeErrors, ApiError.UnknownError, ApiError.Undecodable]))
    const asAcmeJson = (error: unknown) => JSON.stringify(Schema.encodeSync(AcmeDecoded)(error as never))
    it.prop("round-trips every error of its union", { error: AcmeErrors }, ({ error }) => {
      const expressible = Acme.decode(Acme.encode(error as ApiError.ApiError))
      assert.notStrictEqual(expressible._tag, "Undecodable")
      const wire = Acme.encode(expressible)
      assert.strictEqual(asAcmeJson(Acme.decode(wire)), asAcmeJson(expressible))
      assert.strictEqual(Acme.encode(Acme.decode(wire)).body, wire.body)
    }, { arbitrary: { runs: 200 } })

    it("joins a detector, before the built-in dialects", () => {
      const detector = Detect.make([Acme, ...Detect.dialects])
      const detection = detector.decode({
        status: 402,
        body: JSON.stringify({
          error: { type: "card_error", code: "card_declined", message: "x", param: { decline_code: "lost" } }
        })
      })
      assert.strictEqual(detection.dialect, "acme")
      assert.strictEqual(detection.code, "card_declined")
      assert.instanceOf(detection.error, CardDeclined)
      // the built-in detector does not know it
      assert.notStrictEqual(
        Detect.decodeAny({ status: 402, body: JSON.stringify({ error: { type: "x", code: "y" } }) }).dialect,
        "acme"
      )
    })

    it("gives an HttpApi error schema with the user's code as a literal and its status", () => {
      const schema = Acme.schema(CardDeclined)
      assert.strictEqual(schema.ast.annotations?.["httpApiStatus"], 402)
      const wire = Schema.encodeSync(schema as Schema.Codec<CardDeclined, unknown>)(declined())
      assert.deepStrictEqual(wire, {
        error: {
          code: "card_declined",
          message: "Your card has insufficient funds.",
          param: { decline_code: "insufficient_funds" }
        }
      })
      const back = Schema.decodeUnknownSync(schema as Schema.Codec<CardDeclined, unknown>)(wire)
      assert.strictEqual(back.declineCode, "insufficient_funds")
      assert.throws(() => Schema.decodeUnknownSync(schema)({ error: { code: "not_found", message: "x" } }))
    })
  })

  describe("the built-in dialects are declared with the same builder", () => {
    const builtIn = [...jsonDialects, Bearer.dialect as Dialect.Any]
    for (const dialect of builtIn) {
      it.prop(`${dialect.name}: made again from its own declaration, it writes and reads every error alike`, {
        error: Family.Any
      }, ({ error }) => {
        const again = Dialect.make(dialect.description as never) as Dialect.Any
        const a = dialect.encode(error)
        const b = again.encode(error)
        assert.deepStrictEqual(b, a)
        assert.strictEqual(asJson(again.decode(a)), asJson(dialect.decode(a)))
      }, { arbitrary: { runs: 100 } })
    }
  })

  describe("declaration mistakes are errors when the dialect is made", () => {
    const base = {
      name: "acme",
      contentType: "application/json",
      shape: { code: ["error"] as const, message: ["message"] as const }
    }
    const cases: ReadonlyArray<readonly [string, () => unknown, RegExp]> = [
      [
        "two classes for one code and status",
        () =>
          Dialect.make({
            ...base,
            codes: [{ code: "x", status: 402, class: CardDeclined }, {
              code: "x",
              status: 402,
              class: CardExpired
            }] as any
          }),
        /"x" at 402 would mean both CardDeclined and CardExpired/
      ],
      [
        "a code that says another class in the dialect it extends",
        () => {
          class Missing extends ApiError.Class<Missing>()("Missing", {}, {
            status: 404,
            title: "Not Found",
            description: "Ours",
            source: "ours"
          }) {}
          return Envelope.dialect.pipe(Dialect.withCodes([{ code: "not_found", status: 404, class: Missing }]))
        },
        /"not_found" at 404 would mean both NotFound and Missing/
      ],
      [
        "a code OAuth's error cannot carry (RFC 6749 Appendix A.7)",
        () => OAuth.dialect.pipe(Dialect.withCodes([{ code: "card \"declined\"", class: CardDeclined }])),
        /cannot carry.*6749/
      ],
      [
        "a status outside 400-599",
        () => Dialect.make({ ...base, codes: [{ code: "x", status: 302, class: CardDeclined }] as any }),
        /status 302, outside 400-599/
      ],
      [
        "a status the class is never sent with",
        () => Dialect.make({ ...base, codes: [{ code: "x", status: 400, class: CardDeclined }] as any }),
        /400, which CardDeclined is never sent with/
      ],
      [
        "a template with an unknown placeholder",
        () => Dialect.make({ ...base, codes: [{ code: "{resourse}_missing", class: ApiError.NotFound }] }),
        /placeholder \{resourse\}/
      ],
      [
        "a template with two placeholders",
        () => Dialect.make({ ...base, codes: [{ code: "{resource}_{resource}", class: ApiError.NotFound }] }),
        /more than one placeholder/
      ],
      [
        "a placeholder left open",
        () => Dialect.make({ ...base, codes: [{ code: "{resource_missing", class: ApiError.NotFound }] }),
        /unbalanced/
      ],
      [
        "a template that also names a resource",
        () =>
          Dialect.make({
            ...base,
            codes: [{ code: "{resource}_missing", resource: "user", class: ApiError.NotFound }]
          }),
        /template, and names the resource "user"/
      ],
      [
        "a resource template for a class with no resource field",
        () => Dialect.make({ ...base, codes: [{ code: "{resource}_declined", class: CardDeclined }] }),
        /CardDeclined has no resource field/
      ],
      [
        "two classes with one tag",
        () => {
          class NotFound extends ApiError.Class<NotFound>()("NotFound", {}, {
            status: 404,
            title: "Not Found",
            description: "Ours",
            source: "ours"
          }) {}
          return Envelope.dialect.pipe(Dialect.withCodes([{ code: "missing", class: NotFound }]))
        },
        /two classes have the tag NotFound/
      ],
      [
        "two parts at one member",
        () => Dialect.make({ ...base, shape: { code: ["error"], message: ["error"] }, codes: [] }),
        /puts code and message at the same member error/
      ],
      [
        "a part inside another's value",
        () => Dialect.make({ ...base, shape: { code: ["error"], message: ["error", "message"] }, codes: [] }),
        /puts message inside code/
      ],
      [
        "something that is not an error class",
        () => Dialect.make({ ...base, codes: [{ code: "x", class: Schema.String as any }] }),
        /no Faultline error class/
      ]
    ]
    for (const [what, declare, message] of cases) {
      it(`refuses ${what}`, () => {
        assert.throws(declare, message)
      })
    }
  })
})

describe("Dialect.lookup", () => {
  const byName: Record<string, Dialect.Any> = {
    "oauth": OAuth.dialect,
    "envelope": Envelope.dialect,
    "flat": Flat.dialect,
    "message-description": MessageDescription.dialect,
    "nested": Nested.dialect,
    "code-description": CodeDescription.dialect
  }

  it("gives the class decoding gives, for every code of the JSON dialects, at its status and at others", () => {
    const disagreements: Array<string> = []
    for (const [name, dialect] of Object.entries(byName)) {
      for (const code of dialect.codes) {
        if (code.encodeOnly || code.template === "path" || code.class.tag === "MultipleErrors") continue
        const written = code.template === "resource" ? Catalog.fillTemplate(code, "payment_method") : code.code
        for (const status of [code.status, 400, 429, 503]) {
          const decoded = dialect.decode({ status, body: JSON.stringify(wireBody(name, written, status)) })
          const looked = Dialect.lookup(dialect, written, status).class?.tag ?? "UnknownError"
          if (looked !== decoded._tag) disagreements.push(`${name} ${written} ${status}: ${looked} ${decoded._tag}`)
        }
      }
    }
    assert.deepStrictEqual(disagreements, [])
  })

  it("without a status, gives every status a code is written with, and a class only where they agree", () => {
    const limit = Dialect.lookup(CodeDescription.dialect, "LIMIT_EXCEEDED")
    assert.deepStrictEqual(limit.codes.map((code) => `${code.status} ${code.class.tag}`), [
      "400 LimitExceeded",
      "403 QuotaExceeded"
    ])
    assert.isUndefined(limit.class)
    assert.strictEqual(Dialect.lookup(CodeDescription.dialect, "LIMIT_EXCEEDED", 403).class, ApiError.QuotaExceeded)
    assert.strictEqual(Dialect.lookup(Envelope.dialect, "not_found").class, ApiError.NotFound)
  })

  it("reads the resource a code names, from a concrete code or a template", () => {
    const concrete = Dialect.lookup(Flat.dialect, "user_not_found", 404)
    assert.deepStrictEqual([concrete.class?.tag, concrete.resource], ["NotFound", "user"])
    const templated = Dialect.lookup(CodeDescription.dialect, "PAYMENT_METHOD_NOT_EXIST")
    assert.deepStrictEqual([templated.class?.tag, templated.resource, templated.codes.map((code) => code.code)], [
      "NotFound",
      "payment_method",
      ["{RESOURCE}_NOT_EXIST"]
    ])
  })

  it("knows nothing of a code the vocabulary does not name", () => {
    assert.deepStrictEqual(Dialect.lookup(Envelope.dialect, "card_declined"), {
      class: undefined,
      resource: undefined,
      codes: []
    })
    assert.deepStrictEqual(Dialect.lookup(Envelope.dialect, "card_declined", 402).codes, [])
  })

  it("reads a user's vocabulary, added with withCodes or declared with make, data-first and data-last", () => {
    const Payments = Envelope.dialect.pipe(
      Dialect.withCodes([{ code: "card_declined", status: 402, class: CardDeclined }])
    )
    assert.strictEqual(Dialect.lookup(Payments, "card_declined", 402).class, CardDeclined)
    assert.strictEqual(Dialect.lookup(Payments, "not_found").class, ApiError.NotFound)
    const Acme = Dialect.make({
      name: "acme",
      contentType: "application/json",
      shape: { code: ["error", "code"] },
      codes: [{ code: "card_declined", class: CardDeclined }, { class: CardExpired }]
    })
    assert.strictEqual(Acme.pipe(Dialect.lookup("card_expired")).class, CardExpired)
    assert.strictEqual(Acme.pipe(Dialect.lookup("card_declined", 402)).class, CardDeclined)
  })

  it("reads the problem dialect's about:blank by the status", () => {
    assert.strictEqual(Dialect.lookup(Problem.dialect, "about:blank", 404).class, ApiError.NotFound)
    assert.strictEqual(Dialect.lookup(Problem.dialect, "about:blank", 409).class, ApiError.Conflict)
  })
})

// ---------------------------------------------------------------------------
// What a shape can say (issue 11: the formats a client meets)
// ---------------------------------------------------------------------------

describe("Dialect.make: shape options", () => {
  const base = { contentType: "application/json", codes: Dialect.genericCodes() } as const

  it("a shape with no code: the status gives the meaning, the body its message and title", () => {
    const codeless = Dialect.make({
      ...base,
      name: "codeless",
      shape: { status: ["statusCode"], title: ["error"], message: ["message"] }
    })
    const error = codeless.decode({
      status: 404,
      body: JSON.stringify({ statusCode: 404, error: "Not Found", message: "No such app" })
    })
    assert.deepStrictEqual([error._tag, error.message], ["NotFound", "No such app"])
    assert.deepStrictEqual(JSON.parse(codeless.encode(error).body), {
      statusCode: 404,
      error: "Not Found",
      message: "No such app"
    })
  })

  it("aliases are read where the member says nothing, and never written", () => {
    const aliased = Dialect.make({
      ...base,
      name: "aliased",
      shape: {
        code: { path: ["code"], aliases: [["Code"]] },
        message: { path: ["message"], aliases: [["Message"]] }
      }
    })
    const error = aliased.decode({ status: 404, body: JSON.stringify({ Code: "not_found", Message: "Gone fishing" }) })
    assert.deepStrictEqual([error._tag, error.message], ["NotFound", "Gone fishing"])
    assert.isUndefined(fieldsOf(error)["extensions"])
    assert.deepStrictEqual(JSON.parse(aliased.encode(error).body), { code: "not_found", message: "Gone fishing" })
  })

  it("a match picks an item of a list, read and not written: the list is written as it came", () => {
    const details = [
      { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "RATE_LIMIT_EXCEEDED" },
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "1.5s" }
    ]
    const picked = Dialect.make({
      ...base,
      name: "picked",
      shape: {
        code: ["code"],
        details: ["details"],
        retryAfter: {
          path: ["details", { "@type": "type.googleapis.com/google.rpc.RetryInfo" }, "retryDelay"],
          format: "duration"
        }
      }
    })
    const error = picked.decode({ status: 429, body: JSON.stringify({ code: "rate_limited", details }) })
    assert.strictEqual(error._tag, "RateLimited")
    assert.strictEqual(Duration.toMillis(error.retryAfter!), 1500)
    assert.deepStrictEqual(JSON.parse(picked.encode(error).body), { code: "rate_limited", details })
  })

  it("a duration wait is written as a protobuf JSON duration, whole seconds rounded up", () => {
    const waiting = Dialect.make({
      ...base,
      name: "waiting",
      shape: { code: ["code"], retryAfter: { path: ["retry"], format: "duration" } }
    })
    const encoded = waiting.encode(new ApiError.RateLimited({ retryAfter: Duration.millis(1500) }))
    assert.deepStrictEqual([JSON.parse(encoded.body).retry, encoded.headers["retry-after"]], ["2s", "2"])
    for (const [value, millis] of [["30s", 30_000], [7, 7000], ["1.5s", 1500], ["30", undefined], [-1, undefined]]) {
      const error = waiting.decode({ status: 429, body: JSON.stringify({ code: "rate_limited", retry: value }) })
      assert.strictEqual(error.retryAfter === undefined ? undefined : Duration.toMillis(error.retryAfter), millis)
    }
  })

  it("a status of digits in a string is read and written as one; a number status keeps RFC 9457's rule", () => {
    const digits = Dialect.make({
      ...base,
      name: "digits",
      shape: { code: ["code"], status: { path: ["status"], format: "string" } }
    })
    const error = digits.decode({ status: 404, body: JSON.stringify({ code: "not_found", status: "410" }) })
    assert.strictEqual(extensionsOf(error)?.["status"], 410)
    assert.strictEqual(JSON.parse(digits.encode(error).body).status, "404")
  })

  it("an item format names where an issue's field, message and check are, read and written", () => {
    const loc = Dialect.make({
      ...base,
      name: "loc",
      shape: {
        message: ["message"],
        issues: {
          path: ["detail"],
          format: "list",
          item: { path: ["loc"], message: ["msg"], check: ["type"], pathFormat: "list" }
        }
      }
    })
    const detail = [{ loc: ["body", "items", 0, "name"], msg: "Field required", type: "missing" }]
    const error = loc.decode({ status: 422, body: JSON.stringify({ detail }) })
    assert.deepStrictEqual(fieldsOf(error)["issues"], [{
      path: "body.items.0.name",
      message: "Field required",
      check: "missing"
    }])
    assert.deepStrictEqual(JSON.parse(loc.encode(error).body).detail, detail)
  })

  it("a map of field issues may group a field's messages in a list (Laravel's errors)", () => {
    const grouped = Dialect.make({
      ...base,
      name: "grouped",
      shape: { message: ["message"], issues: { path: ["errors"], format: "map", grouped: true } }
    })
    const errors = { email: ["The email field is required.", "The email must be valid."], name: ["Too short."] }
    const error = grouped.decode({ status: 422, body: JSON.stringify({ message: "Invalid", errors }) })
    assert.strictEqual((error as ApiError.ValidationError).issues.length, 3)
    assert.deepStrictEqual(JSON.parse(grouped.encode(error).body).errors, errors)
  })

  it("a request id header is read when the body has none, and written", () => {
    const tracked = Dialect.make({
      ...base,
      name: "tracked",
      shape: { code: ["code"], requestId: { header: "X-GitHub-Request-Id" } }
    })
    const error = tracked.decode({
      status: 404,
      headers: { "x-github-request-id": "CAFE:1" },
      body: `{"code":"not_found"}`
    })
    assert.strictEqual(error.requestId, "CAFE:1")
    assert.strictEqual(tracked.encode(error).headers["x-github-request-id"], "CAFE:1")
  })

  it("a qualified name is its bare name, in the body and in a header", () => {
    const qualified = Dialect.make({
      ...base,
      name: "qualified",
      codes: [{ code: "ThrottlingException", class: ApiError.RateLimited }],
      shape: { code: { path: ["__type"], header: "x-amzn-errortype", format: "qualified" }, message: ["message"] }
    })
    const body = JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#ThrottlingException", message: "Slow" })
    assert.strictEqual(qualified.decode({ status: 400, body })._tag, "RateLimited")
    const header = { "x-amzn-errortype": "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral/" }
    assert.strictEqual(
      qualified.decode({ status: 400, headers: header, body: `{"message":"Slow"}` })._tag,
      "RateLimited"
    )
    assert.strictEqual(qualified.decode({ status: 400, headers: header })._tag, "RateLimited")
  })

  it("an open code set: a code no table names means what its status means, kept and written back", () => {
    const open = Dialect.make({
      ...base,
      name: "open",
      unknownCodes: "status",
      shape: { code: ["code"], message: ["message"] }
    })
    const error = open.decode({ status: 404, body: JSON.stringify({ code: "repo_gone", message: "Moved" }) })
    assert.deepStrictEqual([error._tag, extensionsOf(error)?.["code"]], ["NotFound", "repo_gone"])
    assert.deepStrictEqual(JSON.parse(open.encode(error).body), { code: "repo_gone", message: "Moved" })
  })

  describe("a body that is a list of errors", () => {
    const listed = Dialect.make({
      ...base,
      name: "listed",
      unknownCodes: "status",
      shape: {
        list: ["errors"],
        code: ["code"],
        status: { path: ["status"], format: "string" },
        message: ["detail"],
        path: ["source", "pointer"]
      }
    })
    const decode = (status: number, errors: unknown, rest: object = {}) =>
      listed.decode({ status, body: JSON.stringify({ ...rest, errors }) })

    it("one item is that error, the members beside the list its extensions", () => {
      const error = decode(404, [{ status: "404", detail: "No such article" }], { jsonapi: { version: "1.1" } })
      assert.deepStrictEqual([error._tag, error.message], ["NotFound", "No such article"])
      assert.deepStrictEqual(extensionsOf(error)?.["jsonapi"], { version: "1.1" })
    })

    it("several fields that failed are one validation error, written back as one item per field", () => {
      const errors = [
        { status: "422", detail: "is too short", source: { pointer: "/data/attributes/title" } },
        { status: "422", detail: "is missing", source: { pointer: "/data/attributes/body" } }
      ]
      const error = decode(422, errors)
      assert.strictEqual(error._tag, "ValidationError")
      assert.deepStrictEqual(fieldsOf(error)["issues"], [
        { path: "/data/attributes/title", message: "is too short" },
        { path: "/data/attributes/body", message: "is missing" }
      ])
      const items = JSON.parse(listed.encode(error).body).errors
      assert.deepStrictEqual(items.map((item: any) => [item.source.pointer, item.detail]), [
        ["/data/attributes/title", "is too short"],
        ["/data/attributes/body", "is missing"]
      ])
    })

    it("several errors of other kinds: the one the status is about, the others kept and written back after it", () => {
      const errors = [{ status: "403", detail: "Read only" }, { status: "409", detail: "Version conflict" }]
      const error = decode(409, errors)
      assert.deepStrictEqual([error._tag, error.message], ["Conflict", "Version conflict"])
      assert.deepStrictEqual(JSON.parse(listed.encode(error).body).errors[1], errors[0])
      // a status none of them has: what it means, every error kept
      assert.deepStrictEqual(extensionsOf(decode(400, errors))?.["errors"], errors)
    })

    it("no item means what the status means; a body without the list is not this dialect's", () => {
      assert.strictEqual(decode(503, [])._tag, "ServiceUnavailable")
      assert.strictEqual(listed.decode({ status: 400, body: `{"error":"x"}` })._tag, "Undecodable")
    })
  })

  it("a rate limit's headers make a 403 a RateLimited, waiting until the reset", () => {
    const limited = Dialect.make({
      ...base,
      name: "limited",
      shape: { message: ["message"] },
      rateLimit: { remaining: "X-RateLimit-Remaining", reset: "X-RateLimit-Reset" }
    })
    const headers = { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700000060" }
    const error = limited.decode({ status: 403, headers, body: `{"message":"API rate limit exceeded"}` }, {
      now: 1_700_000_000_000
    })
    assert.deepStrictEqual([error._tag, Duration.toSeconds(error.retryAfter!)], ["RateLimited", 60])
    const forbidden = limited.decode({
      status: 403,
      headers: { "x-ratelimit-remaining": "12" },
      body: `{"message":"No"}`
    })
    assert.strictEqual(forbidden._tag, "Forbidden")
  })

  it("a body in another format is parsed to read and printed to write", () => {
    const xml = Dialect.make({
      ...base,
      name: "xml",
      contentType: "application/xml",
      shape: { code: ["Error", "Code"], message: ["Error", "Message"] },
      parse: (text) => {
        const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1]
        const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]
        return code === undefined
          ? undefined
          : { Error: { Code: code, ...(message === undefined ? {} : { Message: message }) } }
      },
      print: (json: any) => `<Error><Code>${json.Error.Code}</Code><Message>${json.Error.Message}</Message></Error>`
    })
    const error = xml.decode({ status: 404, body: "<Error><Code>not_found</Code><Message>No key</Message></Error>" })
    assert.deepStrictEqual([error._tag, error.message], ["NotFound", "No key"])
    assert.strictEqual(xml.encode(error).body, "<Error><Code>not_found</Code><Message>No key</Message></Error>")
  })

  it("a member shared by the message and the issues: a sentence is the message, a list the issues", () => {
    const detail = Dialect.make({
      ...base,
      name: "detail",
      shape: {
        issues: { path: ["detail"], format: "list", item: { path: ["loc"], message: ["msg"], pathFormat: "list" } },
        message: ["detail"]
      }
    })
    const notFound = detail.decode({ status: 404, body: `{"detail":"Item not found"}` })
    assert.deepStrictEqual([notFound._tag, notFound.message, extensionsOf(notFound)], [
      "NotFound",
      "Item not found",
      undefined
    ])
    assert.strictEqual(detail.encode(notFound).body, `{"detail":"Item not found"}`)
    const invalid = detail.decode({ status: 422, body: `{"detail":[{"loc":["query","q"],"msg":"Field required"}]}` })
    assert.deepStrictEqual(fieldsOf(invalid)["issues"], [{ path: "query.q", message: "Field required" }])
    assert.isUndefined(extensionsOf(invalid))
    assert.strictEqual(detail.encode(invalid).body, `{"detail":[{"loc":["query","q"],"msg":"Field required"}]}`)
  })

  it("members every body has are written first, and read as no part", () => {
    const ok = Dialect.make({ ...base, name: "ok", shape: { constants: { ok: false }, code: ["error"] } })
    const error = ok.decode({ status: 404, body: `{"ok":false,"error":"not_found"}` })
    assert.deepStrictEqual([error._tag, extensionsOf(error)], ["NotFound", undefined])
    assert.strictEqual(ok.encode(error).body, `{"ok":false,"error":"not_found"}`)
  })

  it("an absent object on the way to the code holds nothing; one of another type is another shape", () => {
    const nested = Dialect.make({
      ...base,
      name: "nested-code",
      shape: { code: ["extensions", "code"], message: ["message"] }
    })
    assert.deepStrictEqual(
      [
        nested.decode({ status: 404, body: `{"message":"Could not resolve"}` })._tag,
        nested.decode({
          status: 404,
          body: `{"message":"x","extensions":"nope"}`
        })._tag
      ],
      ["NotFound", "Undecodable"]
    )
  })

  it("with retryAfter, a 403 with a Retry-After is a rate limit (GitHub's secondary limits)", () => {
    const limited = Dialect.make({
      ...base,
      name: "secondary",
      shape: { message: ["message"] },
      rateLimit: { remaining: "x-ratelimit-remaining", retryAfter: true }
    })
    const error = limited.decode({ status: 403, headers: { "retry-after": "60" }, body: `{"message":"Slow down"}` })
    assert.deepStrictEqual([error._tag, Duration.toSeconds(error.retryAfter!)], ["RateLimited", 60])
  })

  it("errors on a 2xx are read as a 400's, the true status kept in the response", () => {
    const slackish = Dialect.make({ ...base, name: "ok", errorsOnSuccess: true, shape: { code: ["error"] } })
    const error = slackish.decode({ status: 200, body: `{"ok":false,"error":"what_is_this"}` })
    assert.deepStrictEqual([error._tag, error.status, error.response?.status], ["UnknownError", 400, 200])
  })
})

const extensionsOf = (error: unknown) => fieldsOf(error)["extensions"] as Record<string, unknown> | undefined

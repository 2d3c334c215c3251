/**
 * The code generated per dialect (`internal/jit.ts`) and the interpreters it
 * stands in for must agree: where code cannot be generated (a CSP without
 * `unsafe-eval`) the interpreters run instead, and a user must get the same
 * bytes and the same errors either way.
 */
import { assert, describe, it } from "@effect/vitest"
import { ApiError, Family } from "@faultline/errors"
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
import { Schema } from "effect"
import { makeCodec } from "../../src/internal/codec.ts"
import { compile as compileEncoder, encoder } from "../../src/internal/encoder.ts"
import { compileClassifier } from "../../src/internal/evidence.ts"
import { compileFetch, compileWriter } from "../../src/internal/jit.ts"
import { compile, Mismatch } from "../../src/internal/shape.ts"
import { index, normalize } from "../../src/internal/vocabulary.ts"
import { asJson } from "../fixtures.ts"

/** A shape with every kind of place: aliases, a match in a list, formats, an item format, a header request id. */
const Places = Dialect.make({
  name: "places",
  contentType: "application/json",
  codes: Dialect.genericCodes(),
  shape: {
    code: { path: ["error", "code"], aliases: [["error", "Code"]] },
    message: { path: ["error", "message"], aliases: [["error", "Message"], ["message"]] },
    details: ["error", "details"],
    retryAfter: {
      path: ["error", "details", { "@type": "type.googleapis.com/google.rpc.RetryInfo" }, "retryDelay"],
      format: "duration"
    },
    issues: {
      path: ["error", "violations"],
      format: "list",
      item: { path: ["loc"], message: ["msg"], check: ["type"], pathFormat: "list" }
    },
    status: { path: ["error", "status"], format: "string" },
    requestId: { path: ["error", "request_id"], header: "x-amz-request-id" }
  }
})

/** A body that is a list of error objects, whose code set is open. */
const Listed = Dialect.make({
  name: "listed",
  contentType: "application/vnd.api+json",
  codes: Dialect.genericCodes(),
  unknownCodes: "status",
  shape: {
    list: ["errors"],
    code: ["code"],
    title: ["title"],
    status: { path: ["status"], format: "string" },
    message: ["detail"],
    path: ["source", "pointer"]
  }
})

/** A body that names no code: its status gives the meaning. */
const Codeless = Dialect.make({
  name: "codeless",
  contentType: "application/json",
  codes: Dialect.genericCodes(),
  shape: { status: ["statusCode"], title: ["error"], message: ["message"] }
})

/** A member shared by the message and the issues, and members every body has (FastAPI's, Slack's). */
const Shared = Dialect.make({
  name: "shared",
  contentType: "application/json",
  codes: Dialect.genericCodes(),
  shape: {
    constants: { ok: false },
    code: ["error"],
    issues: { path: ["detail"], format: "list", item: { path: ["loc"], message: ["msg"], pathFormat: "list" } },
    message: ["detail"]
  }
})

/** A list whose items keep their code in an object that may be absent (GraphQL's `extensions`). */
const Extensions = Dialect.make({
  name: "extensions",
  contentType: "application/json",
  codes: Dialect.genericCodes("UPPER_SNAKE"),
  shape: { list: ["errors"], code: { path: ["extensions", "code"], aliases: [["type"]] }, message: ["message"] }
})

/** Member names the built-in dialects' evidence looks at, so that arbitrary bodies hit it. */
const evidenceNames = [
  "type",
  "title",
  "status",
  "detail",
  "error",
  "code",
  "message",
  "details",
  "request_id",
  "inner",
  "__type",
  "ok",
  "errors",
  "source",
  "documentation_url",
  "resource",
  "more_info",
  "statusCode",
  "timestamp",
  "exception",
  "retry_after",
  "description",
  "Code"
] as const

const dialects = [
  OAuth.dialect,
  Envelope.dialect,
  Flat.dialect,
  MessageDescription.dialect,
  Nested.dialect,
  CodeDescription.dialect,
  Problem.dialect,
  Bearer.dialect,
  Places,
  Listed,
  Codeless,
  Shared,
  Extensions
] as const

/** A value for any slot: what writers are given (the code as JSON text, as the codec gives it). */
const SlotValue = Schema.Union([Schema.String, Schema.Number, Schema.Json])

describe("jit", () => {
  it.prop("the generated classifier recognises what the interpreter does, for every built-in dialect's evidence", {
    json: Schema.Json,
    members: Schema.Record(Schema.Literals(evidenceNames), Schema.Json),
    header: Schema.Boolean
  }, ({ header, json, members }) => {
    const recognizers = Detect.dialects.map((dialect) => dialect.description.detect)
    const generated = compileClassifier(recognizers, true)
    const interpreted = compileClassifier(recognizers, false)
    const headers = header ? { "x-amzn-errortype": "ThrottlingException" } : {}
    for (
      const body of [json, members, { error: members }, { errors: [members] }, { Error: members }, {
        ...members,
        error: json
      }]
    ) {
      assert.strictEqual(generated.classify(body, headers), interpreted.classify(body, headers))
    }
  }, { arbitrary: { runs: 300 } })

  for (const dialect of dialects) {
    const description = dialect.description
    const layouts = [compile(description.name, description.shape, description.lenientNames === true)]
    if (layouts[0]!.member !== undefined) layouts.push(layouts[0]!.member)

    for (const [i, layout] of layouts.entries()) {
      const what = i === 0 ? dialect.name : `${dialect.name} members`
      const generated = compileFetch(layout, true)
      const interpreted = compileFetch(layout, false)
      assert.notStrictEqual(generated, interpreted)

      it.prop(`${what}: the generated fetch takes out what the interpreter does`, {
        json: Schema.Record(Schema.String, Schema.Json),
        error: Schema.Json
      }, ({ error, json }) => {
        for (
          const body of [
            json,
            { ...json, error },
            { error: { ...json } },
            {
              ...json,
              error: { ...json, inner: [json] }
            },
            {
              error: {
                ...json,
                details: [json, { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: error }]
              }
            },
            { ...json, extensions: json },
            { ...json, extensions: error },
            { ...json, detail: error }
          ]
        ) {
          const a: Array<unknown> = new Array(15).fill(undefined)
          const b: Array<unknown> = new Array(15).fill(undefined)
          const extensionsA = generated(body, a)
          const extensionsB = interpreted(body, b)
          assert.strictEqual(extensionsA === Mismatch, extensionsB === Mismatch)
          assert.deepStrictEqual(extensionsA, extensionsB)
          assert.deepStrictEqual(a, b)
        }
      }, { arbitrary: { runs: 150 } })

      it.prop(`${what}: the generated writer writes what the interpreter does`, {
        values: Schema.Array(Schema.UndefinedOr(SlotValue)).check(Schema.isMinLength(15), Schema.isMaxLength(15)),
        extensions: Schema.UndefinedOr(Schema.Record(Schema.String, Schema.Json))
      }, ({ extensions, values }) => {
        // the code and the title come as JSON text
        const slots = values.map((value, id) =>
          (id === 0 || id === 2) && value !== undefined
            ? JSON.stringify(typeof value === "string" ? value : "code")
            : value
        )
        assert.strictEqual(
          compileWriter(layout, true)(slots, extensions),
          compileWriter(layout, false)(slots, extensions)
        )
      }, { arbitrary: { runs: 150 } })
    }

    it.prop(`${dialect.name}: encoding and decoding agree with generated code and without`, {
      error: Family.Any
    }, ({ error }) => {
      const rules = {
        name: description.name,
        convention: description.convention ?? "snake_case",
        charset: description.charset ?? "any",
        redirect: description.redirect === true
      } as const
      const vocabulary = index(normalize(rules, description.codes), rules.convention)
      const fast = makeCodec(description, vocabulary, true)
      const slow = makeCodec(description, vocabulary, false)
      const encoded = fast.encode(error as ApiError.ApiError, { debug: {} })
      assert.deepStrictEqual(slow.encode(error as ApiError.ApiError, { debug: {} }), encoded)
      assert.strictEqual(asJson(fast.decode(encoded)), asJson(slow.decode(encoded)))
    }, { arbitrary: { runs: 150 } })
  }
})

describe("encoder copies", () => {
  /** The factory's source with a statement put first in its body. */
  const withStatement = (statement: string) => {
    const text = encoder.toString()
    const body = text.indexOf("{") + 1
    return `${text.slice(0, body)} ${statement}; ${text.slice(body)}`
  }

  it("a copy is made from a source a loader wrapped in __name (tsx, esbuild keepNames), and runs", () => {
    const copied = compileEncoder(withStatement(`const named = __name((x) => x, "named")`))
    assert.isFunction(copied)
    // the factory runs its first statement when called: __name is there for it
    const made = copied!({ slots: {} } as never)
    assert.isFunction(made.encode)
    assert.isFunction(made.fill)
  })

  it("no copy is made from a source that calls any other helper of its module, nor from one that does not compile", () => {
    assert.isUndefined(compileEncoder(withStatement("const spread = __spreadValues({}, d)")))
    assert.isUndefined(compileEncoder("this is not JavaScript ("))
  })
})

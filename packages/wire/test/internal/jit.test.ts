/**
 * The code generated per dialect (`internal/jit.ts`) and the interpreters it
 * stands in for must agree: where code cannot be generated (a CSP without
 * `unsafe-eval`) the interpreters run instead, and a user must get the same
 * bytes and the same errors either way.
 */
import { assert, describe, it } from "@effect/vitest"
import { ApiError, Family } from "@faultline/errors"
import { Bearer, CodeDescription, Envelope, Flat, MessageDescription, Nested, OAuth, Problem } from "@faultline/wire"
import { Schema } from "effect"
import { makeCodec } from "../../src/internal/codec.ts"
import { compile as compileEncoder, encoder } from "../../src/internal/encoder.ts"
import { compileFetch, compileWriter } from "../../src/internal/jit.ts"
import { compile, Mismatch } from "../../src/internal/shape.ts"
import { index, normalize } from "../../src/internal/vocabulary.ts"
import { asJson } from "../fixtures.ts"

const dialects = [
  OAuth.dialect,
  Envelope.dialect,
  Flat.dialect,
  MessageDescription.dialect,
  Nested.dialect,
  CodeDescription.dialect,
  Problem.dialect,
  Bearer.dialect
] as const

/** A value for any slot: what writers are given (the code as JSON text, as the codec gives it). */
const SlotValue = Schema.Union([Schema.String, Schema.Number, Schema.Json])

describe("jit", () => {
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
          const body of [json, { ...json, error }, { error: { ...json } }, {
            ...json,
            error: { ...json, inner: [json] }
          }]
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

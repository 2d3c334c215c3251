/**
 * Helpers the wire tests share: the dialects by name, and equality of typed
 * errors as their JSON encoding (what crosses the wire).
 */
import { assert, it } from "@effect/vitest"
import { ApiError, Family } from "@faultline/errors"
import {
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
import { Duration, Schema } from "effect"

export const jsonDialects: ReadonlyArray<Dialect.Dialect<string, ApiError.ApiError>> = [
  OAuth.dialect,
  Envelope.dialect,
  Flat.dialect,
  MessageDescription.dialect,
  Nested.dialect,
  CodeDescription.dialect,
  Problem.dialect
] as any

const anyJson = Schema.toCodecJson(Family.Any)
const encodeJson = Schema.encodeSync(anyJson)

/** A typed error as JSON text, `_tag` and every field: two errors are equal when these are. */
export const asJson = (error: unknown): string => JSON.stringify(encodeJson(error as Family.Any))

/** The error's own fields as a plain object, for readable assertions. */
export const fieldsOf = (error: unknown): Record<string, unknown> => JSON.parse(asJson(error))

export const isTyped = (u: unknown): boolean => ApiError.isApiError(u)

/**
 * A response from a vendor's documentation, and what reading it gives: the
 * class, some of its fields (`retryAfter` in seconds), and what the
 * detector reports (its dialect, by default the one under test, and code).
 */
export interface VendorVector {
  /** Where the response comes from: the vendor's page, as `"Stripe docs, 'Errors'"`. */
  readonly source: string
  /** What the test claims. */
  readonly what: string
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  /** A JSON value, or text sent as it is. */
  readonly body?: unknown
  readonly tag: string
  readonly fields?: Readonly<Record<string, unknown>>
  readonly code?: string | null
  readonly dialect?: string
}

const responseOf = (vector: VendorVector) => ({
  status: vector.status,
  headers: vector.headers,
  body: vector.body === undefined
    ? undefined
    : typeof vector.body === "string"
    ? vector.body
    : JSON.stringify(vector.body)
})

const assertSubset = (actual: unknown, expected: unknown, at: string): void => {
  if (Array.isArray(expected)) {
    assert.isArray(actual, at)
    assert.strictEqual((actual as Array<unknown>).length, expected.length, at)
    expected.forEach((item, i) => assertSubset((actual as Array<unknown>)[i], item, `${at}[${i}]`))
  } else if (typeof expected === "object" && expected !== null) {
    assert.isObject(actual, at)
    for (const [key, value] of Object.entries(expected)) {
      assertSubset((actual as Record<string, unknown>)[key], value, `${at}.${key}`)
    }
  } else assert.deepStrictEqual(actual, expected, at)
}

/**
 * A dialect's vectors, read alone and through the detector; its totality
 * (any JSON, any text, any body of its members, never a throw, always a
 * typed error); and, where it encodes, its round trip.
 */
export const vendorSuite = (
  dialect: Dialect.Any,
  vectors: ReadonlyArray<VendorVector>,
  options: { readonly bodies: (json: Schema.Json) => ReadonlyArray<Schema.Json> }
): void => {
  for (const vector of vectors) {
    it(`${vector.source}: ${vector.what}`, () => {
      const response = responseOf(vector)
      const error = dialect.decode(response)
      assert.strictEqual(error._tag, vector.tag)
      const fields = fieldsOf(error)
      for (const [key, value] of Object.entries(vector.fields ?? {})) {
        if (key === "retryAfter") {
          const wait = (error as ApiError.ApiError).retryAfter
          assert.strictEqual(wait === undefined ? undefined : Duration.toSeconds(wait), value, key)
        } else assertSubset(fields[key], value, key)
      }
      const detection = Detect.decodeAny(response)
      assert.deepStrictEqual([detection.dialect, detection.error._tag], [vector.dialect ?? dialect.name, vector.tag])
      if (vector.code !== undefined) assert.strictEqual(detection.code, vector.code)
    })
  }

  it.prop(`${dialect.name}: any JSON, text or body of its members decodes to a typed error, alone and detected`, {
    json: Schema.Json,
    text: Schema.String,
    status: Schema.Int.check(Schema.isBetween({ minimum: 100, maximum: 599 }))
  }, ({ json, status, text }) => {
    for (const body of [text, JSON.stringify(json), ...options.bodies(json).map((value) => JSON.stringify(value))]) {
      assert.isTrue(isTyped(dialect.decode({ status, body })))
      assert.isTrue(isTyped(Detect.decodeAny({ status, body }).error))
    }
  }, { arbitrary: { runs: 100 } })

  it.prop(`${dialect.name}: decode(encode(e)) is e for every error the dialect can express`, {
    error: Family.Any
  }, ({ error }) => {
    const expressible = dialect.decode(dialect.encode(error, { debug: {} }))
    assert.notStrictEqual(expressible._tag, "Undecodable")
    const wire = dialect.encode(expressible, { debug: {} })
    const back = dialect.decode(wire)
    assert.strictEqual(asJson(back), asJson(expressible))
    const again = dialect.encode(back, { debug: {} })
    assert.deepStrictEqual([again.status, again.headers, again.body], [wire.status, wire.headers, wire.body])
  }, { arbitrary: { runs: 100 } })
}

import { assert, describe, it } from "@effect/vitest"
import { RequestId } from "@faultline/platform-http"
import { Effect, Random } from "effect"

describe("RequestId", () => {
  const accepted = ["req_abc123xyz", "4c9b58ff-69a7-4ccf-840d-a0f1ec9f9d77", "a", "trace:1/2=3@x+y~z.", "x".repeat(128)]
  for (const value of accepted) {
    it(`accepts ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`, () => {
      assert.strictEqual(RequestId.accept(value), value)
    })
  }

  const refused: ReadonlyArray<readonly [string, string | undefined]> = [
    ["absent", undefined],
    ["empty", ""],
    ["too long", "x".repeat(129)],
    ["CR LF (header injection)", "abc\r\nset-cookie: x=1"],
    ["a space", "abc def"],
    ["a quote", "abc\"def"],
    ["markup", "<script>alert(1)</script>"],
    ["non-ASCII", "réq-1"],
    ["a control character", "abc\u0000"]
  ]
  for (const [what, value] of refused) {
    it(`refuses ${what}`, () => {
      assert.isUndefined(RequestId.accept(value))
    })
  }

  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

  it.effect("generates version 4 UUIDs, a new one each time", () =>
    Effect.gen(function*() {
      const id = yield* RequestId.generate
      assert.match(id, uuid)
      assert.notStrictEqual(yield* RequestId.generate, id)
      assert.strictEqual(RequestId.accept(id), id)
    }))

  it.effect("under a seeded Random, the same ids on every run, still version 4 UUIDs", () =>
    Effect.gen(function*() {
      const run = Effect.all([RequestId.generate, RequestId.generate]).pipe(Random.withSeed("faultline"))
      const [first, second] = yield* run
      assert.match(first, uuid)
      assert.notStrictEqual(first, second)
      assert.deepStrictEqual(yield* run, [first, second])
    }))

  it("an id from a random source of all ones or all zeros is still a version 4 UUID", () => {
    for (const value of [0, 0.9999999999]) {
      assert.match(RequestId.fromRandom({ nextDoubleUnsafe: () => value, nextIntUnsafe: () => 0 }), uuid)
    }
  })

  it("a policy that does not trust incoming ids replaces even a safe one; a policy's header is the one read", () => {
    assert.notStrictEqual(
      RequestId.fromHeaders({ "x-request-id": "req_8f14e45f" }, { trustIncoming: false }),
      "req_8f14e45f"
    )
    assert.strictEqual(
      RequestId.fromHeaders({ "x-correlation-id": "corr-1" }, { header: "x-correlation-id" }),
      "corr-1"
    )
    assert.notStrictEqual(RequestId.fromHeaders({ "x-request-id": "corr-1" }, { header: "x-correlation-id" }), "corr-1")
  })

  it("takes a request's own safe id, and makes a new one for an unsafe or missing id", () => {
    assert.strictEqual(RequestId.fromHeaders({ "x-request-id": "req_8f14e45f" }), "req_8f14e45f")
    const replaced = RequestId.fromHeaders({ "x-request-id": "bad id\r\nx-injected: 1" })
    assert.notInclude(replaced, "injected")
    assert.strictEqual(RequestId.accept(replaced), replaced)
    assert.notStrictEqual(RequestId.fromHeaders({}), RequestId.fromHeaders({}))
  })
})

import { assert, describe, it } from "@effect/vitest"
import { ApiError, Catalog, Family } from "@faultline/errors"
import { Duration, Effect, ErrorReporter, Schema } from "effect"

describe("ApiError", () => {
  it("constructs every class with no input, with its declared status and description as message", () => {
    for (const [tag, declared] of Object.entries(Catalog.classes)) {
      if (tag === "MultipleErrors") continue
      const error = new (declared as new() => ApiError.ApiError)()
      assert.strictEqual(error._tag, tag)
      assert.strictEqual(error.status, declared.status)
      assert.strictEqual(error.message, declared.description)
      assert.isTrue(ApiError.isApiError(error))
      assert.instanceOf(error, Error)
    }
  })

  it("shows the message of a 4xx and hides that of a 5xx; only 5xx are reported", () => {
    const notFound = new ApiError.NotFound({ message: "App not found" })
    const internal = new ApiError.InternalError({ message: "connection refused 10.0.0.3:5432" })
    assert.deepStrictEqual([notFound.exposeMessage, internal.exposeMessage], [true, false])
    assert.deepStrictEqual([notFound[ErrorReporter.ignore], internal[ErrorReporter.ignore]], [true, false])
  })

  it("knows which failures are retryable", () => {
    const retryable = Object.values(Catalog.classes).filter((declared) => declared.retryable).map((c) => c.tag).sort()
    assert.deepStrictEqual(retryable, [
      "AuthorizationPending",
      "BadGateway",
      "DatabaseError",
      "GatewayTimeout",
      "InternalError",
      "RateLimited",
      "RequestTimeout",
      "ServiceUnavailable",
      "SlowDown",
      "UseDpopNonce"
    ])
    assert.isTrue(new ApiError.UnknownError({ code: "x", status: 503 }).retryable)
    assert.isFalse(new ApiError.UnknownError({ code: "x", status: 409 }).retryable)
    assert.isTrue(new ApiError.Undecodable({ status: 502, reason: "NotJson" }).retryable)
  })

  it("skips the stack of a 4xx and keeps the stack of a 5xx raised in user code", () => {
    const notFound = new ApiError.NotFound()
    assert.strictEqual(notFound.stack, "NotFound: The requested route or resource does not exist")
    const raiseInUserCode = () => new ApiError.InternalError({ message: "boom" })
    const internal = raiseInUserCode()
    assert.include(internal.stack, "raiseInUserCode")
    assert.include(internal.stack, "ApiError.test.ts")
  })

  it("validates its input when constructed", () => {
    assert.throws(() => new ApiError.NotFound({ resource: "Not A Resource" }))
    assert.throws(() => new ApiError.InsufficientScope({ scope: ["has\"quote"] }))
    assert.strictEqual(new ApiError.NotFound({ resource: "payment_method" }).resource, "payment_method")
  })

  it("is yieldable and caught by tag", () =>
    Effect.gen(function*() {
      const result = yield* Effect.gen(function*() {
        return yield* new ApiError.RateLimited({ retryAfter: Duration.seconds(60) })
      }).pipe(Effect.catchTag("RateLimited", (error) => Effect.succeed(Duration.toSeconds(error.retryAfter!))))
      assert.strictEqual(result, 60)
    }))

  it("guards by type id, not by _tag", () => {
    assert.isFalse(ApiError.isApiError({ _tag: "NotFound", status: 404, message: "" }))
    assert.isFalse(ApiError.isApiError(new Error("x")))
    assert.isTrue(ApiError.isApiError(new ApiError.Undecodable({ status: 502, reason: "NotJson" })))
  })

  it("keeps the response a decoder saw out of equality and encoding", () => {
    const error = ApiError.withResponse(new ApiError.NotFound(), { status: 404, headers: {}, body: "{}" })
    assert.strictEqual(error.response?.body, "{}")
    assert.deepStrictEqual(Object.keys(Schema.encodeSync(ApiError.NotFound)(error)).sort(), [
      "_tag",
      "message",
      "status"
    ])
  })

  describe("makeUnsafe", () => {
    const rebuild = <E extends ApiError.ApiError>(error: E, response?: ApiError.ResponseSnapshot): E =>
      ApiError.makeUnsafe(
        error.constructor as new() => E,
        { ...(error as unknown as Record<string, unknown>), _tag: error._tag, message: error.message },
        response
      )

    it.prop("gives what the constructor gives: class, schema, JSON, tag", { error: Family.Any }, ({ error }) => {
      const decoded = rebuild(error)
      assert.strictEqual(decoded.constructor, error.constructor)
      assert.instanceOf(decoded, Error)
      assert.isTrue(ApiError.isApiError(decoded))
      assert.isTrue(Schema.is(Family.Any)(decoded))
      const codec = Schema.toCodecJson(Family.Any)
      assert.strictEqual(
        JSON.stringify(Schema.encodeSync(codec)(decoded)),
        JSON.stringify(Schema.encodeSync(codec)(error))
      )
      assert.deepStrictEqual(
        [decoded.status, decoded.exposeMessage, decoded.retryable],
        [error.status, error.exposeMessage, error.retryable]
      )
    }, { arbitrary: { runs: 200 } })

    it("is caught by catchTag and carries no stack but its own name and message", () =>
      Effect.gen(function*() {
        const decoded = rebuild(new ApiError.InternalError({ message: "upstream said no" }), {
          status: 500,
          headers: {},
          body: "{}"
        })
        // a stack captured in a decoder would point only into the decoder: the response says where it came from
        assert.strictEqual(decoded.stack, "InternalError: upstream said no")
        assert.strictEqual(decoded.response?.status, 500)
        const isError = (Error as { readonly isError?: (u: unknown) => boolean }).isError
        if (isError !== undefined) assert.isFalse(isError(decoded))
        const caught = yield* Effect.fail(decoded).pipe(
          Effect.catchTag("InternalError", (error) => Effect.succeed(error.message))
        )
        assert.strictEqual(caught, "upstream said no")
      }))

    it("lets message and stack be assigned, as an Error's are", () => {
      const decoded = rebuild(new ApiError.NotFound({ message: "App not found" }))
      ;(decoded as { stack?: string }).stack = "NotFound: App not found\n    at proxy"
      assert.strictEqual(decoded.stack, "NotFound: App not found\n    at proxy")
      assert.strictEqual(decoded.message, "App not found")
    })
  })

  describe("aggregateStatus", () => {
    const cases: ReadonlyArray<readonly [ReadonlyArray<number>, number, string]> = [
      [[], 422, "no members: seed 003's status for multiple"],
      [[404, 422, 404], 422, "seed 003's example"],
      [[404, 404], 404, "all the same"],
      [[401, 404], 400, "mixed 4xx without 422"],
      [[422, 500, 503], 503, "the greatest 5xx"]
    ]
    for (const [statuses, expected, why] of cases) {
      it(`${statuses.join(",") || "none"} -> ${expected} (${why})`, () => {
        assert.strictEqual(ApiError.aggregateStatus(statuses), expected)
      })
    }

    it("derives the status of MultipleErrors from its members", () => {
      const aggregate = new ApiError.MultipleErrors({
        errors: [
          new ApiError.NotFound({ path: "userId", message: "User not found" }),
          new ApiError.ValidationError({ issues: [{ path: "address.street", message: "Invalid street" }] })
        ]
      })
      assert.strictEqual(aggregate.status, 422)
      assert.isTrue(aggregate.exposeMessage)
    })
  })

  it.prop("round-trips every error through its JSON codec", { error: Family.Any }, ({ error }) => {
    const codec = Schema.toCodecJson(Family.Any)
    const text = JSON.stringify(Schema.encodeSync(codec)(error))
    const decoded = Schema.decodeUnknownSync(codec)(JSON.parse(text))
    // Compared as JSON text: what crosses the wire (JSON has no -0).
    assert.strictEqual(JSON.stringify(Schema.encodeSync(codec)(decoded)), text)
    assert.strictEqual(decoded.constructor, error.constructor)
  }, { arbitrary: { runs: 200 } })
})

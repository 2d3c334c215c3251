import { assert, describe, it } from "@effect/vitest"
import { ApiError, Catalog, Family } from "@faultline/errors"
import { Duration, Effect, ErrorReporter, Schema } from "effect"
import { HttpRouter } from "effect/http"

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

    it.prop("finishUnsafe, on the class's prototype filled field by field, gives what makeUnsafe gives", {
      error: Family.Any
    }, ({ error }) => {
      const made = rebuild(error)
      const built = Object.create(error.constructor.prototype) as Record<string, unknown>
      for (const [key, value] of Object.entries(error)) if (key !== "message") built[key] = value
      const finished = ApiError.finishUnsafe(built as unknown as ApiError.ApiError, error.message)
      assert.strictEqual(finished.constructor, error.constructor)
      assert.isTrue(Schema.is(Family.Any)(finished))
      assert.strictEqual(finished.message, error.message)
      // the message is read through the prototype, as makeUnsafe's is: no own property
      assert.isFalse(Object.hasOwn(finished, "message"))
      assert.strictEqual(JSON.stringify(finished), JSON.stringify(made))
    }, { arbitrary: { runs: 200 } })

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

  it("9457-13: reasonPhrase is the registered phrase of a status, else its class's x00", () => {
    assert.deepStrictEqual(
      [423, 451, 507, 418, 499, 599, 42].map(ApiError.reasonPhrase),
      [
        "Locked",
        "Unavailable For Legal Reasons",
        "Insufficient Storage",
        "Bad Request",
        "Bad Request",
        "Internal Server Error",
        "Internal Server Error"
      ]
    )
  })

  describe("rendered by an Effect server with no dialect (HttpServerRespondable)", () => {
    const serve = (failure: unknown) =>
      Effect.gen(function*() {
        const { dispose, handler } = HttpRouter.toWebHandler(
          HttpRouter.add("GET", "/", Effect.fail(failure)),
          { disableLogger: true }
        )
        yield* Effect.addFinalizer(() => Effect.promise(dispose))
        return yield* Effect.promise(async () => {
          const response = await handler(new Request("http://localhost/"))
          return { status: response.status, headers: response.headers, text: await response.text() }
        })
      })

    it.effect("a 4xx answers with its status, an RFC 9457 problem with its message, and the fields its status needs", () =>
      Effect.gen(function*() {
        const limited = yield* serve(
          new ApiError.RateLimited({ message: "Slow down", retryAfter: Duration.seconds(30) })
        )
        assert.strictEqual(limited.status, 429)
        assert.strictEqual(limited.headers.get("content-type"), "application/problem+json")
        assert.strictEqual(limited.headers.get("retry-after"), "30")
        assert.deepStrictEqual(JSON.parse(limited.text), {
          type: "about:blank",
          title: "Too Many Requests",
          status: 429,
          code: "RateLimited",
          detail: "Slow down"
        })
        const method = yield* serve(new ApiError.MethodNotAllowed({ allow: ["GET", "HEAD"] }))
        assert.deepStrictEqual([method.status, method.headers.get("allow")], [405, "GET, HEAD"])
        const unauthorized = yield* serve(new ApiError.InvalidToken())
        assert.deepStrictEqual([unauthorized.status, unauthorized.headers.get("www-authenticate")], [401, "Bearer"])
      }))

    it.effect("a 5xx answers with its status and says nothing of its message", () =>
      Effect.gen(function*() {
        const internal = yield* serve(new ApiError.InternalError({ message: "password=hunter2 at db:5432" }))
        assert.strictEqual(internal.status, 500)
        assert.notInclude(internal.text, "hunter2")
        assert.deepStrictEqual(JSON.parse(internal.text), {
          type: "about:blank",
          title: "Internal Server Error",
          status: 500,
          code: "InternalError"
        })
        // a status no error can have is a server's fault (RFC 9110 §15)
        const odd = yield* serve(new ApiError.UnknownError({ code: "x", status: 999, message: "leak" }))
        assert.strictEqual(odd.status, 500)
        assert.notInclude(odd.text, "leak")
      }))
  })
})

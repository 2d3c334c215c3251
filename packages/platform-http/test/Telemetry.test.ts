import { assert, describe, it } from "@effect/vitest"
import { ApiError } from "@faultline/errors"
import { Cause, Duration, Effect } from "effect"
import * as Telemetry from "../src/Telemetry.ts"
import { counted, observed, recording } from "./telemetry.ts"

describe("Telemetry", () => {
  it.effect("a rendered 5xx annotates the span (OpenTelemetry names), records its cause as an exception event, and is counted", () => {
    const { layer, spans } = recording()
    return Effect.gen(function*() {
      const cause = Cause.die(new Error("connection reset by peer"))
      yield* Telemetry.recordRendered({
        error: new ApiError.InternalError(),
        status: 500,
        dialect: "envelope",
        family: "management",
        code: "internal_error",
        requestId: "req-1",
        cause
      }).pipe(Effect.withSpan("request"))
      const span = spans.find((span) => span.name === "request")!
      assert.deepStrictEqual(Object.fromEntries(span.attributes), {
        "error.type": "InternalError",
        "http.response.status_code": 500,
        "faultline.dialect": "envelope",
        "faultline.family": "management",
        "faultline.code": "internal_error",
        "faultline.request_id": "req-1"
      })
      const [name, , exception] = span.events[0]!
      assert.strictEqual(name, "exception")
      assert.strictEqual(exception["exception.type"], "Error")
      assert.strictEqual(exception["exception.message"], "connection reset by peer")
      assert.include(exception["exception.stacktrace"] as string, "connection reset by peer")
      assert.strictEqual(
        yield* counted("faultline.server.errors", {
          "error.type": "InternalError",
          "http.response.status_code": "500",
          "faultline.dialect": "envelope",
          "faultline.family": "management"
        }),
        1
      )
    }).pipe(Effect.provide(layer))
  })

  it.effect("a rendered 4xx records no exception, even given a cause, and each series counts its own", () => {
    const { layer, spans } = recording()
    return Effect.gen(function*() {
      const notFound = { error: new ApiError.NotFound(), status: 404, dialect: "flat", family: "oauth" } as const
      yield* Telemetry.recordRendered({ ...notFound, cause: Cause.fail("missing") }).pipe(Effect.withSpan("a"))
      yield* Telemetry.recordRendered(notFound)
      yield* Telemetry.recordRendered({ ...notFound, family: "management" })
      assert.deepStrictEqual(spans[0]!.events, [])
      assert.strictEqual(yield* counted("faultline.server.errors", { "faultline.family": "oauth" }), 2)
      assert.strictEqual(yield* counted("faultline.server.errors", { "faultline.family": "management" }), 1)
      assert.strictEqual(yield* counted("faultline.server.errors", { "error.type": "NotFound" }), 3)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a decoded error is an event on the client's span and counted by tag, status and dialect", () => {
    const { layer, spans } = recording()
    return Effect.gen(function*() {
      yield* Telemetry.recordDecoded({
        error: new ApiError.InvalidToken(),
        status: 401,
        dialect: "bearer",
        code: "invalid_token"
      }).pipe(Effect.withSpan("client"))
      const [name, , attributes] = spans[0]!.events[0]!
      assert.strictEqual(name, "faultline.decoded")
      assert.deepStrictEqual(attributes, {
        "error.type": "InvalidToken",
        "http.response.status_code": 401,
        "faultline.dialect": "bearer",
        "faultline.code": "invalid_token"
      })
      assert.strictEqual(
        yield* counted("faultline.client.errors", {
          "error.type": "InvalidToken",
          "http.response.status_code": "401",
          "faultline.dialect": "bearer"
        }),
        1
      )
    }).pipe(Effect.provide(layer))
  })

  it.effect("a retry decision is an event with reason, attempt and delay; retries and waits are counted, stops are not", () => {
    const { layer, spans } = recording()
    return Effect.gen(function*() {
      const error = new ApiError.RateLimited()
      yield* Effect.gen(function*() {
        yield* Telemetry.recordRetry({
          error,
          decision: "retry",
          reason: "retry-after",
          attempt: 1,
          delay: Duration.seconds(2)
        })
        yield* Telemetry.recordRetry({ error, decision: "stop", reason: "attempts-exhausted", attempt: 2 })
      }).pipe(Effect.withSpan("client"))
      assert.deepStrictEqual(spans[0]!.events.map(([name, , attributes]) => [name, attributes]), [
        ["faultline.retry", {
          "error.type": "RateLimited",
          "faultline.retry.decision": "retry",
          "faultline.retry.reason": "retry-after",
          "faultline.retry.attempt": 1,
          "faultline.retry.delay_ms": 2000
        }],
        ["faultline.retry", {
          "error.type": "RateLimited",
          "faultline.retry.decision": "stop",
          "faultline.retry.reason": "attempts-exhausted",
          "faultline.retry.attempt": 2
        }]
      ])
      assert.strictEqual(yield* counted("faultline.client.retries", { "faultline.retry.reason": "retry-after" }), 1)
      assert.strictEqual(yield* counted("faultline.client.retries"), 1)
      const [waits] = yield* observed("faultline.client.retry_wait", { "faultline.retry.reason": "retry-after" })
      assert.deepStrictEqual([waits!.count, waits!.sum], [1, 2000])
    }).pipe(Effect.provide(layer))
  })

  it.effect("without a span nothing is annotated and the counters still count", () =>
    Effect.gen(function*() {
      yield* Telemetry.recordDecoded({ error: new ApiError.NotFound(), status: 404, dialect: "flat" })
      assert.strictEqual(yield* counted("faultline.client.errors", { "error.type": "NotFound" }), 1)
    }).pipe(Effect.provide(recording().layer)))
})

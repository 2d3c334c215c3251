import { assert, describe, it } from "@effect/vitest"
import { ApiError } from "@faultline/errors"
import { ClientErrors, Retry } from "@faultline/platform-http"
import { Flat, OAuth } from "@faultline/wire"
import { Clock, ConfigProvider, Duration, Effect, Exit, Fiber, Result } from "effect"
import { HttpClient, HttpClientError, HttpClientRequest, HttpClientResponse } from "effect/http"
import { TestClock } from "effect/testing"
import { counted, observed, recording } from "./telemetry.ts"

interface Scripted {
  readonly status: number
  readonly headers?: Record<string, string>
  readonly body?: string
}

/**
 * A client that answers from a script, one response per request, and records
 * when (on the test clock) each request came and with which headers.
 */
const scripted = (script: ReadonlyArray<Scripted>) => {
  const calls: Array<{ readonly at: number; readonly headers: Readonly<Record<string, string>> }> = []
  const client = HttpClient.make((request) =>
    Effect.map(Clock.currentTimeMillis, (at) => {
      const reply = script[Math.min(calls.length, script.length - 1)]!
      calls.push({ at, headers: request.headers })
      return HttpClientResponse.fromWeb(request, new Response(reply.body ?? null, reply))
    })
  )
  return { client, calls }
}

const ok: Scripted = { status: 200, body: "{\"ok\":true}", headers: { "content-type": "application/json" } }
const flat = (
  status: number,
  error: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {}
) => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify({ error, error_description: error, ...extra })
})

/** Runs a request through decode + retry, moves the test clock far ahead, and gives the outcome and the call times. */
const run = (
  script: ReadonlyArray<Scripted>,
  options: Retry.Options,
  request = HttpClientRequest.get("http://api.test/resource"),
  dialect: typeof Flat.dialect | typeof OAuth.dialect = Flat.dialect
) =>
  Effect.gen(function*() {
    const { calls, client } = scripted(script)
    const retrying = client.pipe(ClientErrors.decode({ dialect }), Retry.retry({ jitter: false, ...options }))
    const fiber = yield* Effect.forkChild(Effect.result(retrying.execute(request)))
    yield* TestClock.adjust("1 hour")
    const result = yield* Fiber.join(fiber)
    // times from the first request, since a test may run several requests on one clock
    return { result, times: calls.map((call) => call.at - calls[0]!.at), calls }
  })

describe("Retry", () => {
  it.effect("429 with Retry-After waits as told, then succeeds (6585-02, 9110-15)", () =>
    Effect.gen(function*() {
      const { result, times } = yield* run([flat(429, "rate_limit_exceeded", {}, { "retry-after": "7" }), ok], {})
      assert.isTrue(Result.isSuccess(result))
      assert.deepStrictEqual(times, [0, 7_000])
    }))

  it.effect("429 with only seed 002's body hint waits retry_after seconds", () =>
    Effect.gen(function*() {
      const { times } = yield* run([flat(429, "rate_limit_exceeded", { retry_after: 12 }), ok], {})
      assert.deepStrictEqual(times, [0, 12_000])
    }))

  it.effect("503 with an HTTP-date waits until that date; a date in the past means now (9110-16)", () =>
    Effect.gen(function*() {
      const in30s = new Date(Date.UTC(1970, 0, 1, 0, 0, 30)).toUTCString()
      const { times } = yield* run([flat(503, "service_unavailable", {}, { "retry-after": in30s }), ok], {})
      assert.deepStrictEqual(times, [0, 30_000])
      const past = "Sun, 06 Nov 1994 08:49:37 GMT"
      yield* TestClock.setTime(Date.UTC(2026, 10, 23))
      const now = yield* run([flat(503, "service_unavailable", {}, { "retry-after": past }), ok], {})
      assert.deepStrictEqual(now.times, [0, 0])
    }))

  it.effect("repeated 500s back off exponentially, then the error is returned (seed 002's strategy)", () =>
    Effect.gen(function*() {
      const { result, times } = yield* run([flat(500, "internal_error")], { times: 3 })
      assert.deepStrictEqual(times, [0, 1_000, 3_000, 7_000])
      assert.isTrue(Result.isFailure(result))
      assert.strictEqual((result as Result.Failure<unknown, ApiError.ApiError>).failure._tag, "InternalError")
    }))

  it.effect("jitter spreads backoff over ×0.8 to ×1.2 and never touches a server's hint", () =>
    Effect.gen(function*() {
      const { times } = yield* run([flat(500, "internal_error")], { times: 3, jitter: true })
      const waits = times.slice(1).map((t, i) => t - times[i]!)
      waits.forEach((wait, i) => {
        const nominal = 1_000 * 2 ** i
        assert.isTrue(wait >= nominal * 0.8 && wait <= nominal * 1.2, `${wait} around ${nominal}`)
      })
      const hinted = yield* run([flat(429, "rate_limit_exceeded", {}, { "retry-after": "7" }), ok], { jitter: true })
      assert.deepStrictEqual(hinted.times, [0, 7_000])
    }))

  it.effect("a POST is not retried; with an Idempotency-Key or the opt-in it is", () =>
    Effect.gen(function*() {
      const post = HttpClientRequest.post("http://api.test/resource")
      const plain = yield* run([flat(503, "service_unavailable"), ok], {}, post)
      assert.deepStrictEqual(plain.times, [0])
      const keyed = yield* run(
        [flat(503, "service_unavailable"), ok],
        {},
        HttpClientRequest.setHeader(post, "idempotency-key", "k1")
      )
      assert.deepStrictEqual(keyed.times, [0, 1_000])
      const optedIn = yield* run([flat(503, "service_unavailable"), ok], { retryNonIdempotent: true }, post)
      assert.deepStrictEqual(optedIn.times, [0, 1_000])
    }))

  it.effect("a wait above the cap is not obeyed: the error comes back at once, with its hint", () =>
    Effect.gen(function*() {
      const { result, times } = yield* run([flat(429, "rate_limit_exceeded", {}, { "retry-after": "3600" }), ok], {
        maxWait: "60 seconds"
      })
      assert.deepStrictEqual(times, [0])
      const error = (result as Result.Failure<unknown, ApiError.RateLimited>).failure
      assert.strictEqual(error._tag, "RateLimited")
      assert.strictEqual(Duration.toSeconds(error.retryAfter!), 3600)
    }))

  it.effect("never retries a 4xx that is not 408 or 429 (6749-19: invalid_grant is final)", () =>
    Effect.gen(function*() {
      for (
        const [status, code] of [[400, "invalid_request"], [401, "unauthorized"], [404, "not_found"], [
          409,
          "conflict"
        ]] as const
      ) {
        const { times } = yield* run([flat(status, code), ok], {})
        assert.deepStrictEqual(times, [0], code)
      }
      const grant = yield* run([flat(400, "invalid_grant"), ok], {}, undefined, OAuth.dialect)
      assert.deepStrictEqual(grant.times, [0])
      const timeout = yield* run([flat(408, "x"), ok], {})
      assert.deepStrictEqual(timeout.times, [0, 1_000])
    }))

  it.effect("stops when the total wait would pass maxElapsed", () =>
    Effect.gen(function*() {
      const { times } = yield* run([flat(500, "internal_error")], { times: 10, maxElapsed: "5 seconds" })
      assert.deepStrictEqual(times, [0, 1_000, 3_000])
    }))

  it.effect("8628-01, 8628-02, 8628-05: device polling keeps the interval; slow_down adds 5 s for good; other codes stop", () =>
    Effect.gen(function*() {
      const token = HttpClientRequest.post("http://auth.test/token")
      const pending = flat(400, "authorization_pending")
      const slowDown = flat(400, "slow_down")
      const granted = { status: 200, body: JSON.stringify({ access_token: "t", token_type: "Bearer" }) }
      const polled = yield* run(
        [pending, slowDown, slowDown, pending, granted],
        { polling: true, interval: "5 seconds" },
        token,
        OAuth.dialect
      )
      const waits = polled.times.slice(1).map((t, i) => t - polled.times[i]!)
      assert.deepStrictEqual(waits, [5_000, 10_000, 15_000, 15_000])
      assert.isTrue(Result.isSuccess(polled.result))
      const denied = yield* run([pending, flat(400, "access_denied"), granted], { polling: true }, token, OAuth.dialect)
      assert.deepStrictEqual(denied.times, [0, 5_000])
      assert.strictEqual((denied.result as Result.Failure<unknown, ApiError.ApiError>).failure._tag, "AccessDenied")
      const expired = yield* run(
        [pending, flat(400, "expired_token"), granted],
        { polling: true },
        token,
        OAuth.dialect
      )
      assert.strictEqual(
        (expired.result as Result.Failure<unknown, ApiError.ApiError>).failure._tag,
        "DeviceCodeExpired"
      )
    }))

  it.effect("8628-06: only a caller that polls polls: a server's authorization_pending or slow_down re-sends nothing", () =>
    Effect.gen(function*() {
      const token = HttpClientRequest.post("http://auth.test/token")
      for (const code of ["authorization_pending", "slow_down"]) {
        for (const request of [token, HttpClientRequest.get("http://auth.test/token")]) {
          const { result, times } = yield* run([flat(400, code), ok], {}, request, OAuth.dialect)
          assert.deepStrictEqual(times, [0], `${request.method} ${code}`)
          assert.isTrue(Result.isFailure(result))
        }
        // not even a request the caller lets be retried: these 400s are the poller's loop, not the retry layer's
        const optedIn = yield* run([flat(400, code), ok], { retryNonIdempotent: true }, token, OAuth.dialect)
        assert.deepStrictEqual(optedIn.times, [0], code)
      }
    }))

  it.effect("9449-05: use_dpop_nonce retries once, with the request rebuilt for the new nonce", () =>
    Effect.gen(function*() {
      const nonce = (value: string) => ({
        ...flat(400, "use_dpop_nonce"),
        headers: { "content-type": "application/json", "dpop-nonce": value }
      })
      const dpopNonce = (request: HttpClientRequest.HttpClientRequest, value: string) =>
        Effect.succeed(HttpClientRequest.setHeader(request, "dpop", `proof-with-${value}`))
      const token = HttpClientRequest.post("http://auth.test/token")
      const once = yield* run([nonce("n1"), ok], { dpopNonce }, token, OAuth.dialect)
      assert.isTrue(Result.isSuccess(once.result))
      assert.deepStrictEqual(once.calls.map((call) => call.headers["dpop"]), [undefined, "proof-with-n1"])
      const twice = yield* run([nonce("n1"), nonce("n2"), ok], { dpopNonce }, token, OAuth.dialect)
      assert.strictEqual(twice.calls.length, 2)
      assert.isTrue(Result.isFailure(twice.result))
      const without = yield* run([nonce("n1"), ok], {}, token, OAuth.dialect)
      assert.strictEqual(without.calls.length, 1)
    }))

  describe("a wait the server asked for, whatever its body (issue 10, item 9)", () => {
    /** A client that fails with the given errors in turn, then answers 200: errors a decoder gives, made here. */
    const failing = (errors: ReadonlyArray<unknown>) => {
      const calls: Array<number> = []
      const client = HttpClient.make((request) =>
        Effect.flatMap(Clock.currentTimeMillis, (at) => {
          calls.push(at)
          const error = errors[calls.length - 1]
          return error === undefined
            ? Effect.succeed(HttpClientResponse.fromWeb(request, new Response("{}", { status: 200 })))
            : Effect.fail(error as HttpClientError.HttpClientError)
        })
      )
      return { calls, client }
    }

    const retried = (errors: ReadonlyArray<unknown>, options: Retry.Options = {}) =>
      Effect.gen(function*() {
        const { calls, client } = failing(errors)
        const fiber = yield* Effect.forkChild(
          Effect.result(client.pipe(Retry.retry({ jitter: false, ...options })).get("http://api.test/x"))
        )
        yield* TestClock.adjust("2 hours")
        const result = yield* Fiber.join(fiber)
        return { result, times: calls.map((at) => at - calls[0]!) }
      })

    it.effect("a 503 whose body is a proxy's HTML waits its Retry-After, not the backoff", () =>
      Effect.gen(function*() {
        const html = new ApiError.Undecodable({ status: 503, reason: "NotJson", retryAfter: Duration.seconds(7) })
        const { result, times } = yield* retried([html])
        assert.isTrue(Result.isSuccess(result))
        assert.deepStrictEqual(times, [0, 7_000])
      }))

    it.effect("a 429 with no body and Retry-After: 3600 is not obeyed past maxWait: the error comes back at once", () =>
      Effect.gen(function*() {
        const empty = new ApiError.Undecodable({ status: 429, reason: "Empty", retryAfter: Duration.seconds(3600) })
        const { result, times } = yield* retried([empty], { maxWait: "60 seconds" })
        assert.deepStrictEqual(times, [0])
        assert.strictEqual((result as unknown as Result.Failure<unknown, ApiError.Undecodable>).failure, empty)
      }))

    it.effect("a code no table names waits its Retry-After too", () =>
      Effect.gen(function*() {
        const unknown = new ApiError.UnknownError({ code: "overloaded", status: 503, retryAfter: Duration.seconds(2) })
        const { times } = yield* retried([unknown, unknown])
        assert.deepStrictEqual(times, [0, 2_000, 4_000])
        assert.deepStrictEqual(Retry.decide(unknown, Retry.initialState())[0], {
          _tag: "Retry",
          delay: Duration.millis(2_000),
          reason: "RetryAfter"
        })
      }))

    it.effect("7009-03: a revocation refused with 503 is tried again after its Retry-After: the token still exists", () =>
      Effect.gen(function*() {
        const revoke = HttpClientRequest.post("http://auth.test/revoke")
        const unavailable = flat(503, "temporarily_unavailable", {}, { "retry-after": "4" })
        const { result, times } = yield* run([unavailable, ok], { retryNonIdempotent: true }, revoke, OAuth.dialect)
        assert.isTrue(Result.isSuccess(result))
        assert.deepStrictEqual(times, [0, 4_000])
        const empty = new ApiError.Undecodable({ status: 503, reason: "Empty", retryAfter: Duration.seconds(4) })
        assert.deepStrictEqual(Retry.decide(empty, Retry.initialState())[0], {
          _tag: "Retry",
          delay: Duration.millis(4_000),
          reason: "RetryAfter"
        })
      }))
  })

  describe("what is never retried", () => {
    it.effect("9110-12: a 403 is final, whatever says it: the class, a challenge, an unknown code, no body at all", () =>
      Effect.gen(function*() {
        const forbidden: ReadonlyArray<Scripted> = [
          flat(403, "forbidden"),
          flat(403, "insufficient_scope", {}, { "www-authenticate": "Bearer error=\"insufficient_scope\"" }),
          flat(403, "account_on_hold"),
          { status: 403 },
          { status: 403, body: "<html>Forbidden</html>", headers: { "content-type": "text/html" } }
        ]
        for (const reply of forbidden) {
          for (const options of [{}, { retryNonIdempotent: true, times: 5 }]) {
            const { result, times } = yield* run([reply, ok], options)
            assert.deepStrictEqual(times, [0], reply.body ?? "no body")
            assert.strictEqual((result as Result.Failure<unknown, ApiError.ApiError>).failure.status, 403)
          }
        }
        for (const error of [new ApiError.Forbidden(), new ApiError.InsufficientScope()]) {
          assert.isFalse(Retry.isRetryable(error), error._tag)
        }
      }))

    it.effect("9110-12: a 401 after the credentials were sent is surfaced, not retried", () =>
      Effect.gen(function*() {
        const challenged = flat(401, "invalid_token", {}, { "www-authenticate": "Bearer error=\"invalid_token\"" })
        for (const reply of [challenged, flat(401, "unauthorized"), { status: 401 }]) {
          const { times } = yield* run([reply, ok], { times: 5 })
          assert.deepStrictEqual(times, [0])
        }
      }))

    it.effect("9110-17: a status outside 100–599 is retried as a 500 would be", () =>
      Effect.gen(function*() {
        for (const status of [42, 999]) {
          let calls = 0
          const client = HttpClient.make((request) =>
            Effect.sync(() =>
              HttpClientResponse.fromWeb(
                request,
                ++calls === 1
                  ? ({ status, url: "", headers: new Headers(), body: null } as unknown as Response)
                  : new Response("{}", { status: 200 })
              )
            )
          )
          const fiber = yield* Effect.forkChild(
            client.pipe(ClientErrors.decode({ dialect: Flat.dialect }), Retry.retry({ jitter: false })).get(
              "http://api.test/x"
            )
          )
          yield* TestClock.adjust("1 minute")
          const response = yield* Fiber.join(fiber)
          assert.deepStrictEqual([response.status, calls], [200, 2], String(status))
        }
      }))
  })

  describe("a timeout per attempt (issue 10, item 11)", () => {
    /** A client whose first response never comes, or comes with a body that never does; then 200. */
    const stalling = (stall: "response" | "body") => {
      const signals: Array<AbortSignal> = []
      const client = HttpClient.make((request, _url, signal) =>
        Effect.suspend(() => {
          signals.push(signal)
          if (signals.length > 1) {
            return Effect.succeed(HttpClientResponse.fromWeb(request, new Response("{}", { status: 200 })))
          }
          if (stall === "response") return Effect.never
          const body = new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => undefined) })
          return Effect.succeed(
            HttpClientResponse.fromWeb(
              request,
              new Response(body, { status: 503, headers: { "content-type": "application/json" } })
            )
          )
        })
      )
      return { client, signals }
    }

    for (const stall of ["response", "body"] as const) {
      it.effect(`an attempt whose ${stall} never comes is cut at the timeout, aborted, and retried when it may be`, () =>
        Effect.gen(function*() {
          const { client, signals } = stalling(stall)
          const retrying = client.pipe(
            ClientErrors.decode({ dialect: Flat.dialect }),
            Retry.retry({ jitter: false, timeout: "5 seconds" })
          )
          const fiber = yield* Effect.forkChild(retrying.get("http://api.test/x"))
          yield* TestClock.adjust("1 minute")
          const response = yield* Fiber.join(fiber)
          assert.strictEqual(response.status, 200)
          assert.strictEqual(signals.length, 2)
          assert.isTrue(signals[0]!.aborted, "the cut attempt's request was aborted")
        }))
    }

    it.effect("a POST that times out fails with a transport error, sent once", () =>
      Effect.gen(function*() {
        const { client, signals } = stalling("response")
        const fiber = yield* Effect.forkChild(
          Effect.flip(client.pipe(Retry.retry({ timeout: "5 seconds" })).post("http://api.test/x"))
        )
        yield* TestClock.adjust("1 minute")
        const error = yield* Fiber.join(fiber)
        assert.strictEqual(signals.length, 1)
        assert.isTrue(HttpClientError.isHttpClientError(error))
        assert.strictEqual((error as HttpClientError.HttpClientError).reason._tag, "TransportError")
      }))

    it.effect("the timeout is 30 seconds unless set", () =>
      Effect.gen(function*() {
        const { client, signals } = stalling("response")
        const fiber = yield* Effect.forkChild(Effect.flip(client.pipe(Retry.retry()).post("http://api.test/x")))
        yield* TestClock.adjust("29 seconds")
        assert.isFalse(signals[0]!.aborted)
        yield* TestClock.adjust("1 second")
        yield* Fiber.join(fiber)
        assert.isTrue(signals[0]!.aborted)
      }))
  })

  describe("decide", () => {
    it("is what the schedule runs: a pure decision per failure", () => {
      const state = Retry.initialState()
      const [decision, next] = Retry.decide(new ApiError.RateLimited({ retryAfter: Duration.seconds(2) }), state)
      assert.deepStrictEqual(decision, { _tag: "Retry", delay: Duration.millis(2_000), reason: "RetryAfter" })
      assert.strictEqual(next.retries, 1)
      assert.deepStrictEqual(Retry.decide(new ApiError.InvalidGrant(), state)[0], {
        _tag: "Stop",
        reason: "NotRetryable"
      })
      assert.deepStrictEqual(
        Retry.decide(new ApiError.BadGateway(), { ...state, retryable: false })[0],
        { _tag: "Stop", reason: "NotRetryable" }
      )
    })

    it("retries transport failures the way Effect's HttpClient.isTransientError sees them", () => {
      const transport = new Error("socket hang up")
      assert.strictEqual(Retry.decide(transport, Retry.initialState())[0]._tag, "Stop")
      assert.isTrue(Retry.isRetryable(new ApiError.Undecodable({ status: 502, reason: "NotJson" })))
      assert.isFalse(Retry.isRetryable(new ApiError.Undecodable({ status: 404, reason: "NotJson" })))
    })
  })
})

describe("Retry, Effect-native", () => {
  it.effect("each decision is a faultline.retry event on the caller's span (reason, attempt, delay); retries and waits are counted", () => {
    const recorder = recording()
    return Effect.gen(function*() {
      const { client } = scripted([
        flat(503, "service_unavailable", {}, { "retry-after": "2" }),
        flat(500, "internal_error")
      ])
      const retrying = client.pipe(
        ClientErrors.decode({ dialect: Flat.dialect }),
        Retry.retry({ times: 2, jitter: false })
      )
      const fiber = yield* Effect.forkChild(
        Effect.result(retrying.execute(HttpClientRequest.get("http://api.test/resource"))).pipe(
          Effect.withSpan("caller")
        )
      )
      yield* TestClock.adjust("1 hour")
      yield* Fiber.join(fiber)
      const caller = recorder.spans.find((span) => span.name === "caller")!
      const retries = caller.events.filter(([name]) => name === "faultline.retry").map(([, , attributes]) => attributes)
      assert.deepStrictEqual(retries, [
        {
          "error.type": "ServiceUnavailable",
          "faultline.retry.decision": "retry",
          "faultline.retry.reason": "RetryAfter",
          "faultline.retry.attempt": 1,
          "faultline.retry.delay_ms": 2_000
        },
        {
          "error.type": "InternalError",
          "faultline.retry.decision": "retry",
          "faultline.retry.reason": "Backoff",
          "faultline.retry.attempt": 2,
          "faultline.retry.delay_ms": 2_000
        },
        {
          "error.type": "InternalError",
          "faultline.retry.decision": "stop",
          "faultline.retry.reason": "Attempts",
          "faultline.retry.attempt": 3
        }
      ])
      // every decoded error response is an event too
      assert.strictEqual(caller.events.filter(([name]) => name === "faultline.decoded").length, 3)
      assert.strictEqual(yield* counted("faultline.client.retries", { "faultline.retry.reason": "RetryAfter" }), 1)
      assert.strictEqual(yield* counted("faultline.client.retries", { "faultline.retry.reason": "Backoff" }), 1)
      assert.strictEqual(yield* counted("faultline.client.errors", { "error.type": "InternalError" }), 2)
      const waits = yield* observed("faultline.client.retry_wait")
      assert.deepStrictEqual(waits.map((state) => state.sum).sort(), [2_000, 2_000])
    }).pipe(Effect.provide(recorder.layer))
  })

  it.effect("the backoff is Effect's exponential schedule: base × factor^n, capped at maxWait", () =>
    Effect.gen(function*() {
      const { times } = yield* run([flat(500, "internal_error")], {
        times: 4,
        base: "1 second",
        factor: 3,
        maxWait: "5 seconds"
      })
      assert.deepStrictEqual(times.slice(1).map((t, i) => t - times[i]!), [1_000, 3_000, 5_000, 5_000])
    }))

  it.effect("retry and decode are the same data-first and data-last", () =>
    Effect.gen(function*() {
      const script = [flat(429, "rate_limit_exceeded", {}, { "retry-after": "3" }), flat(404, "not_found")]
      const first = scripted(script)
      const piped = scripted(script)
      const dataFirst = Retry.retry(ClientErrors.decode(first.client, { dialect: Flat.dialect }), { jitter: false })
      const dataLast = piped.client.pipe(ClientErrors.decode({ dialect: Flat.dialect }), Retry.retry({ jitter: false }))
      const outcomes = []
      for (const [client, calls] of [[dataFirst, first.calls], [dataLast, piped.calls]] as const) {
        const fiber = yield* Effect.forkChild(Effect.result(client.execute(HttpClientRequest.get("http://api.test/x"))))
        yield* TestClock.adjust("1 hour")
        const result = yield* Fiber.join(fiber)
        outcomes.push([Result.isFailure(result) ? (result.failure as ApiError.ApiError)._tag : "ok", calls.length])
      }
      assert.deepStrictEqual(outcomes, [["NotFound", 2], ["NotFound", 2]])
    }))

  it.effect("the operator's options come from Config: FAULTLINE_RETRY_* and FAULTLINE_CLIENT_MAX_BYTES", () =>
    Effect.gen(function*() {
      const provider = ConfigProvider.fromUnknown({
        FAULTLINE_RETRY_TIMES: "5",
        FAULTLINE_RETRY_MAX_WAIT: "10 seconds",
        FAULTLINE_RETRY_TIMEOUT: "2 seconds",
        FAULTLINE_CLIENT_MAX_BYTES: "4096"
      })
      const retry = yield* Retry.config.parse(provider)
      assert.deepStrictEqual(
        [
          retry.times,
          Duration.toMillis(Duration.fromInputUnsafe(retry.maxWait!)),
          Duration.toMillis(Duration.fromInputUnsafe(retry.timeout!))
        ],
        [5, 10_000, 2_000]
      )
      assert.strictEqual(Duration.toMillis(Duration.fromInputUnsafe(retry.maxElapsed!)), 120_000)
      assert.deepStrictEqual(yield* ClientErrors.config.parse(provider), { maxBytes: 4096 })
      const bad = yield* Effect.exit(Retry.config.parse(ConfigProvider.fromUnknown({ FAULTLINE_RETRY_TIMES: "often" })))
      assert.isTrue(Exit.isFailure(bad))
    }))
})

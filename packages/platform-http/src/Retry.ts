/**
 * Retries that listen to the error: how long to wait comes from the error the
 * server sent — `Retry-After` (delay-seconds or HTTP-date), a body hint such
 * as seed 002's `retry_after`, the device flow's interval and `slow_down`, a
 * DPoP nonce — and whether to retry at all from its class, never from the
 * status alone.
 *
 * @since 0.1.0
 */
import { ApiError } from "@faultline/errors"
import { Cause, Config, Duration, Effect, Function, Schedule } from "effect"
import { HttpClient, HttpClientError, type HttpClientRequest } from "effect/http"
import * as Telemetry from "./Telemetry.ts"

/**
 * The retry settings. Every default is safe: few attempts, a cap on each
 * wait and on the total, idempotent requests only.
 *
 * @category models
 * @since 0.1.0
 */
export interface Options {
  /** Retries of failures (not counting device-flow polls). Default 3. */
  readonly times?: number | undefined
  /**
   * The longest single wait obeyed. A server asking for longer is not obeyed
   * blindly: the error is returned, with its hint, for the caller to decide.
   * Default 60 seconds.
   */
  readonly maxWait?: Duration.Input | undefined
  /** The most time spent waiting in all. Default 2 minutes (give a device flow its `expires_in`). */
  readonly maxElapsed?: Duration.Input | undefined
  /** The first backoff delay for a transient failure without a hint; doubled each time. Default 1 second. */
  readonly base?: Duration.Input | undefined
  /** Backoff growth. Default 2 (seed 002's strategy: 1, 2, 4 s). */
  readonly factor?: number | undefined
  /** Spread backoff delays over ×0.8 to ×1.2, so that clients do not retry in step. Default `true`. */
  readonly jitter?: boolean | undefined
  /**
   * The request polls a token endpoint (the device flow, RFC 8628 §3.4, or
   * CIBA's poll mode): `authorization_pending` and `slow_down` are then
   * polled at `interval`, POST as it is. Default `false`: those codes stop,
   * whatever the method — a server's answer never makes a client re-send a
   * request it did not ask to poll.
   */
  readonly polling?: boolean | undefined
  /** The device flow's polling interval (RFC 8628 §3.2 `interval`). Default 5 seconds. */
  readonly interval?: Duration.Input | undefined
  /**
   * The longest an attempt may take: to the response and, for an error, to
   * its decoded body — so that a server dripping a body a byte at a time
   * cannot hold the client. An attempt that runs out fails with a transport
   * error (retried as one). The body of a success is the caller's to read,
   * and to time. Default 30 seconds; `Duration.infinity` for none.
   */
  readonly timeout?: Duration.Input | undefined
  /**
   * Retry requests of non-idempotent methods too (POST, PATCH). Default
   * `false`; a request with an `Idempotency-Key` header is retried anyway.
   */
  readonly retryNonIdempotent?: boolean | undefined
  /**
   * Rebuilds a request with the nonce of a `use_dpop_nonce` error (a new DPoP
   * proof carrying it, RFC 9449 §8/§9). Without it, that error is not retried.
   */
  readonly dpopNonce?:
    | ((
      request: HttpClientRequest.HttpClientRequest,
      nonce: string
    ) => Effect.Effect<HttpClientRequest.HttpClientRequest>)
    | undefined
}

/**
 * What the policy decided for one failure.
 *
 * - `Retry`: wait `delay`, for `reason`: the server's `RetryAfter` (header or
 *   body hint), `Backoff` (transient, no hint), `Polling` (RFC 8628
 *   `authorization_pending`), `SlowDown` (its `slow_down`: the interval grows
 *   by 5 seconds for good), `DpopNonce` (retry once with the nonce).
 * - `Stop`: return the error, because it is `NotRetryable` (its class says so,
 *   or the method is not idempotent), `Attempts` ran out, the server asks for
 *   a wait over `maxWait` (`WaitTooLong`), the `TimeBudget` is spent, or a
 *   `use_dpop_nonce` came with no nonce or twice (`NoNonce`).
 *
 * @category models
 * @since 0.1.0
 */
export type Decision =
  | {
    readonly _tag: "Retry"
    readonly delay: Duration.Duration
    readonly reason: "RetryAfter" | "Backoff" | "Polling" | "SlowDown" | "DpopNonce"
  }
  | {
    readonly _tag: "Stop"
    readonly reason: "NotRetryable" | "Attempts" | "WaitTooLong" | "TimeBudget" | "NoNonce"
  }

/**
 * The state a policy keeps across the failures of one request.
 *
 * @category models
 * @since 0.1.0
 */
export interface State {
  /** Retries of failures so far (polls excluded). */
  readonly retries: number
  /** Milliseconds waited so far. */
  readonly waited: number
  /** The current polling interval in milliseconds. */
  readonly interval: number
  /** Whether a DPoP nonce retry was made. */
  readonly nonceUsed: boolean
  /** Whether the request may be retried at all (its method, or an idempotency key). */
  readonly retryable: boolean
}

interface Settings {
  readonly times: number
  readonly maxWait: number
  readonly maxElapsed: number
  readonly base: number
  readonly factor: number
  readonly jitter: boolean
  readonly interval: number
  readonly polling: boolean
  readonly timeout: Duration.Duration
  readonly dpop: boolean
}

const readSettings = (options: Options | undefined): Settings => ({
  times: options?.times ?? 3,
  maxWait: Duration.toMillis(Duration.fromInputUnsafe(options?.maxWait ?? "60 seconds")),
  maxElapsed: Duration.toMillis(Duration.fromInputUnsafe(options?.maxElapsed ?? "2 minutes")),
  base: Duration.toMillis(Duration.fromInputUnsafe(options?.base ?? "1 second")),
  factor: options?.factor ?? 2,
  jitter: options?.jitter ?? true,
  interval: Duration.toMillis(Duration.fromInputUnsafe(options?.interval ?? "5 seconds")),
  polling: options?.polling === true,
  timeout: Duration.fromInputUnsafe(options?.timeout ?? "30 seconds"),
  dpop: options?.dpopNonce !== undefined
})

const defaultSettings = readSettings(undefined)

// `decide` runs on every failed response: durations such as "60 seconds" are parsed once per options object
const settingsCache = new WeakMap<Options, Settings>()

const settingsOf = (options: Options | undefined): Settings => {
  if (options === undefined) return defaultSettings
  let settings = settingsCache.get(options)
  if (settings === undefined) {
    settings = readSettings(options)
    settingsCache.set(options, settings)
  }
  return settings
}

/**
 * The first state of a request's retries.
 *
 * @category constructors
 * @since 0.1.0
 */
export const initialState = (options?: Options, retryable = true): State => ({
  retries: 0,
  waited: 0,
  interval: settingsOf(options).interval,
  nonceUsed: false,
  retryable
})

const stop = (reason: Extract<Decision, { _tag: "Stop" }>["reason"]): Decision => ({ _tag: "Stop", reason })

/**
 * Decides about one failure, and the state for the next: pure and cheap, so
 * it can run on every response. The delay before jitter; `policy` applies
 * jitter to backoff delays only, never to a server's hint.
 *
 * The rules, in order:
 *
 * 1. A `use_dpop_nonce` with a nonce, when a rebuild is configured, retries at
 *    once, once (RFC 9449 §8, §9).
 * 2. When the caller polls (`polling`), `authorization_pending` waits the
 *    interval; `slow_down` grows it by 5 seconds for this and every later
 *    poll (RFC 8628 §3.5). Polls do not count against `times`. When it does
 *    not, both stop: the poller owns that loop, never the retry layer (8628-06).
 * 3. Anything the error's class does not call retryable stops: 4xx other than
 *    408/429 and the cases above (a 401 or 403 is final: RFC 9110 §15.5.2,
 *    §15.5.4); every other error of a non-idempotent request.
 * 4. After `times` retries, stop.
 * 5. A server hint — the `retryAfter` of any Faultline error, which decoders
 *    fill from `Retry-After` (delay-seconds or HTTP-date, a past date being
 *    now, RFC 9110 §10.2.3) whatever the body, `UnknownError` and
 *    `Undecodable` included, or from a body hint — is obeyed if at most
 *    `maxWait`, else the error is returned with it.
 * 6. Otherwise exponential backoff: `base × factor^retries`, capped at `maxWait`.
 * 7. No wait may take the total over `maxElapsed`.
 *
 * @category models
 * @since 0.1.0
 */
export const decide = (
  error: unknown,
  state: State,
  options?: Options
): readonly [Decision, State] => {
  const settings = settingsOf(options)
  const tag = ApiError.isApiError(error) ? error._tag : undefined
  let decision: Decision
  let next = state
  if (tag === "UseDpopNonce") {
    const nonce = (error as ApiError.UseDpopNonce).nonce
    decision = !settings.dpop || nonce === undefined || state.nonceUsed
      ? stop("NoNonce")
      : { _tag: "Retry", delay: Duration.zero, reason: "DpopNonce" }
    next = { ...state, nonceUsed: true }
  } else if (tag === "AuthorizationPending" || tag === "SlowDown") {
    // RFC 8628 §3.5: the poller's loop, only when the caller said it polls (8628-06)
    if (!settings.polling) return [stop("NotRetryable"), state]
    const interval = tag === "SlowDown" ? state.interval + 5_000 : state.interval
    decision = { _tag: "Retry", delay: Duration.millis(interval), reason: tag === "SlowDown" ? "SlowDown" : "Polling" }
    next = { ...state, interval }
  } else if (!isRetryable(error) || !state.retryable) {
    return [stop("NotRetryable"), state]
  } else if (state.retries >= settings.times) {
    return [stop("Attempts"), state]
  } else {
    // every Faultline error may carry the response's Retry-After, the unreadable ones too
    const hint = (error as { readonly retryAfter?: Duration.Duration }).retryAfter
    let millis: number
    if (hint !== undefined) {
      millis = Duration.toMillis(hint)
      if (millis > settings.maxWait) return [stop("WaitTooLong"), state]
      // a wait in the past is none; the server's own Duration otherwise (this runs on every failed response)
      if (millis < 0) millis = 0
      decision = { _tag: "Retry", delay: millis === 0 ? Duration.zero : hint, reason: "RetryAfter" }
    } else {
      millis = Math.min(settings.base * settings.factor ** state.retries, settings.maxWait)
      decision = { _tag: "Retry", delay: Duration.millis(millis), reason: "Backoff" }
    }
    const waited = state.waited + millis
    if (waited > settings.maxElapsed) return [stop("TimeBudget"), state]
    return [decision, {
      retries: state.retries + 1,
      waited,
      interval: state.interval,
      nonceUsed: state.nonceUsed,
      retryable: state.retryable
    }]
  }
  if (decision._tag === "Retry") {
    const waited = next.waited + Duration.toMillis(decision.delay)
    if (waited > settings.maxElapsed) return [stop("TimeBudget"), state]
    next = { ...next, waited }
  }
  return [decision, next]
}

/**
 * Whether a failure may be retried at all: a Faultline error by its class
 * (and, for `UnknownError` and `Undecodable`, by its status: 408, 429, 5xx);
 * anything else when Effect's `HttpClient.isTransientError` says so (transport
 * errors, timeouts).
 *
 * @category models
 * @since 0.1.0
 */
export const isRetryable = (error: unknown): boolean =>
  ApiError.isApiError(error) ? error.retryable : HttpClient.isTransientError(error)

/**
 * The backoff of transient failures without a hint, as Effect's schedules
 * compute it: `Schedule.exponential(base, factor)`, each delay capped at
 * `maxWait`, then `Schedule.jittered` (×0.8 to ×1.2) when `jitter` is on.
 */
const backoffOf = (settings: Settings): Schedule.Schedule<Duration.Duration> => {
  const cap = Duration.millis(settings.maxWait)
  const capped = Schedule.exponential(Duration.millis(settings.base), settings.factor).pipe(
    Schedule.modifyDelay(({ duration }) => Effect.succeed(Duration.min(duration, cap)))
  )
  return settings.jitter ? Schedule.jittered(capped) : capped
}

/** What a decision is called in traces and metrics (`faultline.retry.reason`). */
const reasonOf = (decision: Decision): string => decision.reason

/**
 * The policy as a `Schedule` over failures, for `Effect.retry`: it outputs
 * each decision and ends on the first `Stop`. The error-driven rules are
 * {@link decide}'s; the backoff between attempts is Effect's own
 * `Schedule.exponential` and `Schedule.jittered`. Each decision, a stop
 * included, is a `faultline.retry` event on the current span, and each retry
 * is counted with its wait (`Telemetry.retries`, `Telemetry.retryWaits`).
 *
 * Effect's `HttpClient.retryTransient` decides from the status and treats
 * `Retry-After` as a minimum delay; this policy decides from the typed error
 * (so `authorization_pending`, `slow_down` and `use_dpop_nonce` are retried
 * and a 4xx such as `invalid_grant` never is), reads body hints too, and caps
 * what it obeys — which is why it is not built on `retryTransient`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const policy = (
  options?: Options,
  retryable = true
): Schedule.Schedule<Decision, unknown> =>
  Schedule.fromStep(Effect.map(Schedule.toStep(backoffOf(settingsOf(options))), (backoff) => {
    let state = initialState(options, retryable)
    let attempt = 0
    return (now: number, error: unknown) => {
      attempt++
      const [decided, next] = decide(error, state, options)
      const failed = ApiError.isApiError(error) ? error : { _tag: errorType(error) }
      if (decided._tag === "Stop") {
        const recorded = Telemetry.recordRetry({ error: failed, decision: "stop", reason: reasonOf(decided), attempt })
        return Effect.andThen(recorded, Cause.done(decided))
      }
      // a retry of a failure (not a poll, not a nonce) steps the backoff, which gives the wait when no hint did
      const counted = next.retries > state.retries
      state = next
      const delayed: Effect.Effect<Decision> = !counted
        ? Effect.succeed(decided)
        : Effect.map(
          Effect.orDie(backoff(now, undefined)),
          ([, delay]) => decided.reason === "Backoff" ? { ...decided, delay } : decided
        )
      return Effect.flatMap(delayed, (decision) =>
        Effect.as(
          Telemetry.recordRetry({
            error: failed,
            decision: "retry",
            reason: reasonOf(decision),
            attempt,
            delay: decision._tag === "Retry" ? decision.delay : undefined
          }),
          [decision, decision._tag === "Retry" ? decision.delay : Duration.zero] as [Decision, Duration.Duration]
        ))
    }
  }))

/** A failure that is not a Faultline error, named as OpenTelemetry's `error.type` would name it. */
const errorType = (error: unknown): string =>
  typeof error === "object" && error !== null && typeof (error as { readonly _tag?: unknown })._tag === "string"
    ? (error as { readonly _tag: string })._tag
    : error instanceof Error
    ? error.name
    : "unknown"

const idempotent = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"])

/**
 * Whether a request may be repeated safely: an idempotent method
 * (RFC 9110 §9.2.2), or an `Idempotency-Key` header.
 *
 * @category models
 * @since 0.1.0
 */
export const isIdempotent = (request: HttpClientRequest.HttpClientRequest): boolean =>
  idempotent.has(request.method) || request.headers["idempotency-key"] !== undefined

/**
 * Retries a client's failed requests by the policy. Put it after
 * `ClientErrors.decode`, so that it sees typed errors.
 *
 * A request of a non-idempotent method is retried only for the protocol
 * cases the caller opted into (`polling` for the device flow, `dpopNonce`),
 * unless `retryNonIdempotent` is set or it carries an `Idempotency-Key`. A
 * `use_dpop_nonce` error is retried once, with the request `dpopNonce`
 * rebuilds. Each attempt has `timeout` to give its response.
 *
 * @example
 * ```ts
 * import { ClientErrors, Retry } from "@faultline/platform-http"
 * import { Flat } from "@faultline/wire"
 * import { Effect } from "effect"
 * import { HttpClient } from "effect/http"
 *
 * const getUser = (id: string) =>
 *   Effect.gen(function*() {
 *     const client = (yield* HttpClient.HttpClient).pipe(
 *       ClientErrors.decode({ dialect: Flat.dialect }),
 *       // waits what a 429 or 503 asks (Retry-After, seed 002's retry_after), at most 30 s, 3 times in all
 *       Retry.retry({ times: 3, maxWait: "30 seconds" })
 *     )
 *     const response = yield* client.get(`http://localhost:3000/api/admin/users/${id}`)
 *     return yield* response.json
 *   }).pipe(
 *     // what is left once the retries are spent, or the wait asked for is too long
 *     Effect.catchTag("RateLimited", (error) => Effect.succeed({ retryAfter: error.retryAfter }))
 *   )
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const retry: {
  (options?: Options): <E, R>(
    client: HttpClient.HttpClient.With<E, R>
  ) => HttpClient.HttpClient.With<E | HttpClientError.HttpClientError, R>
  <E, R>(
    client: HttpClient.HttpClient.With<E, R>,
    options?: Options
  ): HttpClient.HttpClient.With<E | HttpClientError.HttpClientError, R>
} = Function.dual(
  (args) => HttpClient.isHttpClient(args[0]),
  <E, R>(
    client: HttpClient.HttpClient.With<E, R>,
    options?: Options
  ): HttpClient.HttpClient.With<E | HttpClientError.HttpClientError, R> =>
    HttpClient.transform(client, (effect, request) => {
      const rebuild = options?.dpopNonce
      let nonce: string | undefined
      const attempt = withTimeout(
        rebuild === undefined
          ? effect
          : Effect.suspend(() =>
            nonce === undefined ? effect : Effect.flatMap(rebuild(request, nonce), client.execute)
          ),
        request,
        settingsOf(options).timeout
      )
      const allowed = options?.retryNonIdempotent === true || isIdempotent(request)
      const schedule = policy(options, allowed).pipe(Schedule.tap(({ input, output }) =>
        Effect.sync(() => {
          // the next attempt carries the nonce the server asked for
          if (output.reason === "DpopNonce") nonce = (input as ApiError.UseDpopNonce).nonce
        })
      ))
      return Effect.retry(attempt, schedule)
    })
)

/**
 * The client's retry options from Effect `Config`, each with `Options`'
 * default: `FAULTLINE_RETRY_TIMES` (a number), `FAULTLINE_RETRY_MAX_WAIT`,
 * `FAULTLINE_RETRY_MAX_ELAPSED` and `FAULTLINE_RETRY_TIMEOUT` (durations:
 * `30 seconds`, `2 minutes`). Yield it and pass it on, with the options only
 * code knows: `Retry.retry({ ...(yield* Retry.config), dpopNonce })`.
 *
 * @category config
 * @since 0.2.0
 */
export const config: Config.Config<Pick<Options, "times" | "maxWait" | "maxElapsed" | "timeout">> = Config.all({
  times: Config.Int("FAULTLINE_RETRY_TIMES").pipe(Config.withDefault(defaultSettings.times)),
  maxWait: Config.Duration("FAULTLINE_RETRY_MAX_WAIT").pipe(
    Config.withDefault(Duration.millis(defaultSettings.maxWait))
  ),
  maxElapsed: Config.Duration("FAULTLINE_RETRY_MAX_ELAPSED").pipe(
    Config.withDefault(Duration.millis(defaultSettings.maxElapsed))
  ),
  timeout: Config.Duration("FAULTLINE_RETRY_TIMEOUT").pipe(Config.withDefault(defaultSettings.timeout))
})

/**
 * An attempt cut at `timeout`: interrupted, which aborts its request, and
 * failed as a transport failure, which is what a response that never comes
 * is (and `HttpClient.isTransientError` retries).
 */
const withTimeout = <A, E, R>(
  attempt: Effect.Effect<A, E, R>,
  request: HttpClientRequest.HttpClientRequest,
  timeout: Duration.Duration
): Effect.Effect<A, E | HttpClientError.HttpClientError, R> =>
  Duration.isFinite(timeout)
    ? Effect.timeoutOrElse(attempt, {
      duration: timeout,
      orElse: () =>
        Effect.fail(
          new HttpClientError.HttpClientError({
            reason: new HttpClientError.TransportError({
              request,
              description: `No response within ${Duration.format(timeout)}`
            })
          })
        )
    })
    : attempt

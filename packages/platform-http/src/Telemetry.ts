/**
 * Traces and metrics for the errors a server renders and a client reads.
 *
 * Attribute names follow OpenTelemetry's semantic conventions where one exists
 * (`error.type`, `http.response.status_code`, the `exception` event); the rest
 * are Faultline's own, under `faultline.`. Spans are the ones Effect opens
 * (`HttpMiddleware.tracer` on the server, the client's request span): this
 * module annotates them rather than opening its own, so a failing request is
 * one span with everything on it. Metrics are Effect `Metric`s, read back with
 * `Metric.snapshot` and exported by whatever exporter the application installs.
 *
 * @since 0.2.0
 */
import type { ApiError } from "@faultline/errors"
import { Cause, Clock, Context, Duration, Effect, type Fiber, Metric, Tracer } from "effect"

/**
 * The attribute names this module writes on spans and metrics.
 *
 * @since 0.2.0
 */
export const Attribute = {
  /** The error's tag (OpenTelemetry `error.type`). */
  errorType: "error.type",
  /** The response's status (OpenTelemetry `http.response.status_code`). */
  statusCode: "http.response.status_code",
  /** The dialect the error was written or read in. */
  dialect: "faultline.dialect",
  /** The code on the wire (`invalid_token`, `USER_NOT_EXIST`, a problem type…). */
  code: "faultline.code",
  /** The route family whose dialect the server answered in. */
  family: "faultline.family",
  /** The request id the response carries. */
  requestId: "faultline.request_id",
  /** Why a client retries, or why it stops. */
  retryReason: "faultline.retry.reason",
  /** Whether a client retries (`retry`) or gives the error back (`stop`). */
  retryDecision: "faultline.retry.decision",
  /** Which attempt failed, from 1. */
  retryAttempt: "faultline.retry.attempt",
  /** How long the client waits before the next attempt, in milliseconds. */
  retryDelay: "faultline.retry.delay_ms"
} as const

/**
 * Errors a server rendered, by `error.type`, `http.response.status_code`,
 * `faultline.dialect` and `faultline.family`.
 *
 * @since 0.2.0
 */
export const errorsRendered = Metric.counter("faultline.server.errors", {
  description: "Error responses rendered by ServerErrors, by tag, status, dialect and route family",
  incremental: true
})

/**
 * Error responses a client decoded, by `error.type`, `http.response.status_code`
 * and `faultline.dialect`.
 *
 * @since 0.2.0
 */
export const errorsDecoded = Metric.counter("faultline.client.errors", {
  description: "Error responses decoded by ClientErrors, by tag, status and dialect",
  incremental: true
})

/**
 * Retries a client decided, by `faultline.retry.reason`.
 *
 * @since 0.2.0
 */
export const retries = Metric.counter("faultline.client.retries", {
  description: "Requests retried because of the error they answered, by reason",
  incremental: true
})

/**
 * How long a client waited before each retry, by `faultline.retry.reason`.
 *
 * @since 0.2.0
 */
export const retryWaits = Metric.timer("faultline.client.retry_wait", {
  description: "The wait before a retry, by reason"
})

/**
 * What a server rendered, for {@link recordRendered}.
 *
 * @since 0.2.0
 */
export interface Rendered {
  readonly error: Pick<ApiError.ApiError, "_tag">
  readonly status: number
  readonly dialect: string
  readonly family: string
  /**
   * The code written on the wire, `undefined` when the dialect wrote none;
   * a function is called only when a span records it.
   */
  readonly code?: string | (() => string | undefined) | undefined
  readonly requestId?: string | undefined
  /** The failure behind a 5xx, recorded on the span as an `exception` event (never in the response). */
  readonly cause?: Cause.Cause<unknown> | undefined
}

/**
 * What a client decoded, for {@link recordDecoded}.
 *
 * @since 0.2.0
 */
export interface Decoded {
  readonly error: Pick<ApiError.ApiError, "_tag">
  readonly status: number
  readonly dialect: string
  /** The code read; a function is called only when a span records it. */
  readonly code?: string | (() => string | undefined) | undefined
}

/**
 * A client's decision about one failed attempt, for {@link recordRetry}.
 *
 * @since 0.2.0
 */
export interface RetryDecision {
  readonly error: Pick<ApiError.ApiError, "_tag">
  readonly decision: "retry" | "stop"
  /** Why: `retry-after`, `transient`, `polling`, `slow-down`, `dpop-nonce`, `not-retryable`, `attempts-exhausted`… */
  readonly reason: string
  /** The attempt that failed, from 1. */
  readonly attempt: number
  /** The wait before the next attempt, when there is one. */
  readonly delay?: Duration.Duration | undefined
}

// One metric per series, its attributes built in: an update then costs a map
// lookup. (`Metric.withAttributes` merges the attributes into the context and
// keys the series anew on every update.) Bounded, as input is: past
// `seriesLimit` series, a series is made for each update and not kept.
const seriesLimit = 4096

const seriesOf = <State>(
  make: (attributes: Record<string, string>) => Metric.Metric<any, State>
) => {
  const cache = new Map<string, Metric.Metric<any, State>>()
  return (attributes: Record<string, string>): Metric.Metric<any, State> => {
    let key = ""
    for (const name in attributes) key += attributes[name] + "\u0000"
    let series = cache.get(key)
    if (series === undefined) {
      series = make(attributes)
      if (cache.size < seriesLimit) cache.set(key, series)
    }
    return series
  }
}

const counterOptions = (metric: Metric.Metric<any, any>, attributes: Record<string, string>) => ({
  description: metric.description,
  incremental: true,
  attributes
})

const decodedSeries = seriesOf((attributes) =>
  Metric.counter(errorsDecoded.id, counterOptions(errorsDecoded, attributes))
)
const retrySeries = seriesOf((attributes) => Metric.counter(retries.id, counterOptions(retries, attributes)))
const waitSeries = seriesOf((attributes) =>
  Metric.timer(retryWaits.id, { description: retryWaits.description, attributes })
)

/** The span the current fiber runs in, when it is one this process records. */
const currentSpan = (fiber: Fiber.Fiber<unknown, unknown>): Tracer.Span | undefined => {
  const span = Context.getOrUndefined(fiber.context, Tracer.ParentSpan)
  return span !== undefined && span._tag === "Span" && span.sampled ? span : undefined
}

const now = (fiber: Fiber.Fiber<unknown, unknown>): bigint => fiber.getRef(Clock.Clock).currentTimeNanosUnsafe()

/**
 * Records an error response a server rendered: the request's span gets
 * `error.type`, `http.response.status_code`, the dialect, family, wire code
 * and request id, and for a 5xx the cause as an OpenTelemetry `exception`
 * event (type, message, stack trace: the span is the operator's, the response
 * never carries them); {@link errorsRendered} counts it.
 *
 * @since 0.2.0
 */
export const recordRendered = (rendered: Rendered): Effect.Effect<void> =>
  Effect.withFiber((fiber) => {
    recordRenderedUnsafe(rendered, fiber)
    return Effect.void
  })

/**
 * {@link recordRendered} at once, in a fiber the caller is running in: for
 * a renderer that answers without another effect.
 *
 * @since 0.2.0
 */
export const recordRenderedUnsafe = (rendered: Rendered, fiber: Fiber.Fiber<unknown, unknown>): void => {
  const span = currentSpan(fiber)
  if (span !== undefined) {
    span.attribute(Attribute.errorType, rendered.error._tag)
    span.attribute(Attribute.statusCode, rendered.status)
    span.attribute(Attribute.dialect, rendered.dialect)
    span.attribute(Attribute.family, rendered.family)
    const code = typeof rendered.code === "function" ? rendered.code() : rendered.code
    if (code !== undefined) span.attribute(Attribute.code, code)
    if (rendered.requestId !== undefined) span.attribute(Attribute.requestId, rendered.requestId)
    if (rendered.cause !== undefined && rendered.status >= 500) {
      span.event("exception", now(fiber), exceptionAttributes(rendered.cause))
    }
  }
  renderedSeriesOf(rendered).updateUnsafe(1, fiber.context)
}

type Counter = Metric.Metric<number, Metric.CounterState<number>>

/**
 * The rendered-errors series, by family, dialect, tag and status: maps keyed
 * by the strings the server already has (their hashes are cached on them),
 * so that an update on the server's path builds no key and no object.
 */
const renderedByFamily = new Map<string, Map<string, Map<string, Map<number, Counter>>>>()
let renderedCount = 0

const renderedSeriesOf = (rendered: Rendered): Counter => {
  let byDialect = renderedByFamily.get(rendered.family)
  if (byDialect === undefined) renderedByFamily.set(rendered.family, byDialect = new Map())
  let byTag = byDialect.get(rendered.dialect)
  if (byTag === undefined) byDialect.set(rendered.dialect, byTag = new Map())
  let byStatus = byTag.get(rendered.error._tag)
  if (byStatus === undefined) byTag.set(rendered.error._tag, byStatus = new Map())
  let series = byStatus.get(rendered.status)
  if (series === undefined) {
    series = Metric.counter(
      errorsRendered.id,
      counterOptions(errorsRendered, {
        [Attribute.errorType]: rendered.error._tag,
        [Attribute.statusCode]: String(rendered.status),
        [Attribute.dialect]: rendered.dialect,
        [Attribute.family]: rendered.family
      })
    )
    // bounded, as input is: past the limit a series is made for the update and not kept
    if (renderedCount < seriesLimit) {
      byStatus.set(rendered.status, series)
      renderedCount++
    }
  }
  return series
}

/**
 * Records an error response a client decoded: a `faultline.decoded` event on
 * the current span with its tag, status, dialect and code;
 * {@link errorsDecoded} counts it.
 *
 * @since 0.2.0
 */
export const recordDecoded = (decoded: Decoded): Effect.Effect<void> =>
  Effect.withFiber((fiber) => {
    const span = currentSpan(fiber)
    if (span !== undefined) {
      const attributes: Record<string, unknown> = {
        [Attribute.errorType]: decoded.error._tag,
        [Attribute.statusCode]: decoded.status,
        [Attribute.dialect]: decoded.dialect
      }
      const code = typeof decoded.code === "function" ? decoded.code() : decoded.code
      if (code !== undefined) attributes[Attribute.code] = code
      span.event("faultline.decoded", now(fiber), attributes)
    }
    return Metric.update(
      decodedSeries({
        [Attribute.errorType]: decoded.error._tag,
        [Attribute.statusCode]: String(decoded.status),
        [Attribute.dialect]: decoded.dialect
      }),
      1
    )
  })

/**
 * Records a client's decision about a failed attempt: a `faultline.retry`
 * event on the current span (decision, reason, attempt, delay); a retry is
 * counted in {@link retries} and its wait in {@link retryWaits}.
 *
 * @since 0.2.0
 */
export const recordRetry = (decision: RetryDecision): Effect.Effect<void> =>
  Effect.withFiber((fiber) => {
    const span = currentSpan(fiber)
    if (span !== undefined) {
      const attributes: Record<string, unknown> = {
        [Attribute.errorType]: decision.error._tag,
        [Attribute.retryDecision]: decision.decision,
        [Attribute.retryReason]: decision.reason,
        [Attribute.retryAttempt]: decision.attempt
      }
      if (decision.delay !== undefined) attributes[Attribute.retryDelay] = Duration.toMillis(decision.delay)
      span.event("faultline.retry", now(fiber), attributes)
    }
    if (decision.decision === "stop") return Effect.void
    const series = { [Attribute.retryReason]: decision.reason }
    const counted = Metric.update(retrySeries(series), 1)
    return decision.delay === undefined
      ? counted
      : Effect.andThen(counted, Metric.update(waitSeries(series), decision.delay))
  })

/** OpenTelemetry's exception attributes for a cause: its first error's type and message, the whole cause pretty-printed. */
const exceptionAttributes = (cause: Cause.Cause<unknown>): Record<string, unknown> => {
  const squashed = Cause.squash(cause)
  const type = squashed instanceof Error
    ? ((squashed as { readonly _tag?: unknown })._tag as string | undefined) ?? squashed.name
    : typeof squashed
  const message = squashed instanceof Error ? squashed.message : String(squashed)
  return {
    "exception.type": type,
    "exception.message": message,
    "exception.stacktrace": Cause.pretty(cause)
  }
}

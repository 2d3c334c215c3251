/**
 * The client side: every error response an `HttpClient` receives becomes the
 * typed error its API meant — the same classes a Faultline server raises —
 * in the client's failure channel, with a union precise enough for an
 * exhaustive `catchTags`.
 *
 * @since 0.1.0
 */
import type { Family } from "@faultline/errors"
import { ApiError } from "@faultline/errors"
import { Detect, type Dialect } from "@faultline/wire"
import { Clock, Config, Effect, Function } from "effect"
import { HttpClient, type HttpClientError, type HttpClientResponse } from "effect/http"
import { peek, readBounded } from "./internal/body.ts"
import * as Telemetry from "./Telemetry.ts"

/**
 * How to read error responses.
 *
 * @category models
 * @since 0.1.0
 */
export interface Options<E> {
  /**
   * The dialect of the API; without one, each response's dialect is detected
   * (`Detect.decodeAny`).
   */
  readonly dialect?: Dialect.Dialect<string, E> | undefined
  /**
   * Without a dialect, the detector that reads each response: a user's
   * (`Detect.make([Acme, ...Detect.dialects])`), else the built-in one.
   */
  readonly detector?: Detect.Detector<E> | undefined
  /**
   * The most bytes of an error body read, counted as they arrive and after
   * decompression: a longer body is read no further — the rest is cancelled
   * and the connection released — and is `Undecodable` (`TooLarge`), keeping
   * the start of what was read. Default 1 MiB.
   */
  readonly maxBytes?: number | undefined
}

/**
 * What decoding with the given options can give: the dialect's union, the
 * errors a `WWW-Authenticate` challenge carries, `UnknownError` and
 * `Undecodable` (see `Dialect.Decoded`); every Faultline error when detecting.
 *
 * @category models
 * @since 0.1.0
 */
export type Decoded<O> = O extends { readonly dialect: Dialect.Dialect<string, infer E> } ? Dialect.Decoded<E>
  : O extends { readonly detector: Detect.Detector<infer E> } ? E
  : Family.Any

const defaultMaxBytes = 1_048_576

/**
 * The client's operator option from Effect `Config`:
 * `FAULTLINE_CLIENT_MAX_BYTES`, the most bytes of an error body read (a
 * number, default 1 MiB). Yield it and pass it on:
 * `client.pipe(ClientErrors.decode({ ...(yield* ClientErrors.config), dialect }))`.
 *
 * @category config
 * @since 0.2.0
 */
export const config: Config.Config<{ readonly maxBytes: number }> = Config.all({
  maxBytes: Config.Int("FAULTLINE_CLIENT_MAX_BYTES").pipe(Config.withDefault(defaultMaxBytes))
})

/**
 * Reads a response as the error it carries. Never fails: a body that cannot
 * be read — HTML from a gateway, an empty body, plain text, truncated JSON,
 * a read that broke, a body over `maxBytes` (counted as it streams in,
 * decompressed, the rest cancelled) — is `Undecodable` with the status, the
 * headers and the text it got. The error keeps the response (status, headers, body cut to
 * 16 KiB) in `response`, and the request id from `X-Request-ID` or the body.
 *
 * When the response carries both a `WWW-Authenticate` challenge with an
 * `error` and a body, the challenge decides (RFC 6750 §3): a body that says
 * the same thing more precisely (seed 002's `token_expired` under
 * `error="invalid_token"`) is kept as the error, challenges attached;
 * otherwise the challenge's class is the error and the body's message,
 * details and request id are kept on it.
 *
 * @category decoding
 * @since 0.1.0
 */
export const fromResponse = <const O extends Options<any> = {}>(
  response: HttpClientResponse.HttpClientResponse,
  options?: O
): Effect.Effect<Decoded<O>> => {
  const maxBytes = options?.maxBytes ?? defaultMaxBytes
  return Effect.flatMap(readBounded(response, maxBytes), (read) => decodeBody(response, read.bytes, maxBytes, options))
}

const decodeBody = <O extends Options<any>>(
  response: HttpClientResponse.HttpClientResponse,
  body: Uint8Array,
  maxBytes: number,
  options: O | undefined
): Effect.Effect<Decoded<O>> =>
  // the clock of the fiber, so that a Retry-After date reads right under TestClock too
  Effect.flatMap(Clock.currentTimeMillis, (now) => {
    const wire = { status: response.status, headers: response.headers, body }
    // the request's URL resolves a problem's relative type (RFC 9457 §3.1.1)
    const decodeOptions = { maxBytes, now, url: response.request.url }
    const dialect = options?.dialect
    let error: ApiError.ApiError
    let decoded: Telemetry.Decoded
    if (dialect === undefined) {
      const detection = options?.detector === undefined
        ? Detect.decodeAny(wire, decodeOptions)
        : options.detector.decode(wire, decodeOptions)
      error = detection.error
      decoded = { error, status: response.status, dialect: detection.dialect, code: detection.code ?? undefined }
    } else {
      error = dialect.decode(wire, decodeOptions) as ApiError.ApiError
      const read = error
      decoded = {
        error,
        status: response.status,
        dialect: dialect.name,
        // the code as the dialect spells the error: its own code when no table names it
        code: () => read instanceof ApiError.UnknownError ? read.code : dialect.codeFor(read)?.code
      }
    }
    // the client's span and metrics learn what was read
    return Effect.as(Telemetry.recordDecoded(decoded), error as Decoded<O>)
  })

/**
 * How much of a 2xx or 3xx body is read to tell an error in it: an error body
 * is a few hundred bytes, and a success body longer than this is not one.
 */
const successErrorMaxBytes = 16_384

/** The detectors of single dialects, for the errors they send on a 2xx (made once per dialect). */
const ownDetectors = new WeakMap<Dialect.Any, Detect.Detector<unknown>>()

/**
 * What reads errors sent on a success status, or `undefined` when nothing
 * the client reads sends any: the dialect's own when it says its errors may
 * come on a 2xx or a redirect (`Description.errorsOnSuccess`, `redirect`),
 * else the detector's, when one of its dialects does.
 */
const successReader = (options: Options<any> | undefined): Detect.Detector<unknown> | undefined => {
  const dialect = options?.dialect
  if (dialect !== undefined) {
    if (dialect.description.errorsOnSuccess !== true) return undefined
    let detector = ownDetectors.get(dialect)
    if (detector === undefined) ownDetectors.set(dialect, detector = Detect.make([dialect]))
    return detector
  }
  const detector = options?.detector
  const dialects = detector?.dialects ?? Detect.dialects
  if (!dialects.some((known) => known.description.errorsOnSuccess === true)) return undefined
  return detector ?? builtInDetector
}

const builtInDetector: Detect.Detector<unknown> = Detect.make(Detect.dialects)

/** The media types an error sent with a success status comes in (GitHub's token endpoint: JSON or a form). */
const errorMediaType = /^(?:application\/(?:[\w.+-]+\+)?json|application\/x-www-form-urlencoded|text\/plain)\b/i

/**
 * The error a 2xx or 3xx response carries, if it does (Slack's `ok: false`,
 * an OAuth error on a 200, an authorization error in a redirect's
 * `Location`), reading at most the first {@link successErrorMaxBytes} of its
 * body; and the response to go on with, its body whole.
 */
const errorOnSuccess = <O extends Options<any>>(
  response: HttpClientResponse.HttpClientResponse,
  reader: Detect.Detector<unknown>
): Effect.Effect<HttpClientResponse.HttpClientResponse, Decoded<O>> => {
  if (response.status === 204 || response.status === 205 || response.status === 304) return Effect.succeed(response)
  const redirect = response.status >= 300 && response.headers["location"] !== undefined
  // only a body that can be an error body is looked at: JSON, a form, plain text, or none said
  const contentType = response.headers["content-type"]
  if (!redirect && contentType !== undefined && !errorMediaType.test(contentType)) return Effect.succeed(response)
  return Effect.flatMap(
    peek(response, successErrorMaxBytes),
    ({ response: whole, whole: body }) => {
      // a body cut at the limit is no error body: the response goes on as it is
      if (body === undefined && !redirect) return Effect.succeed(whole)
      return Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const detection = reader.decodeIfError(
          { status: whole.status, headers: whole.headers, body: body ?? new Uint8Array(0) },
          { now, url: whole.request.url }
        )
        if (detection === undefined) return Effect.succeed(whole)
        const error = detection.error as ApiError.ApiError
        return Effect.andThen(
          Telemetry.recordDecoded({
            error,
            status: whole.status,
            dialect: detection.dialect,
            code: detection.code ?? undefined
          }),
          Effect.fail(error as Decoded<O>)
        )
      })
    }
  )
}

/**
 * Fails every error response with its typed error: any status from 400 up,
 * or under 100 (RFC 9110 §15: outside 100–599 is a server error); and, where
 * a dialect the client reads sends errors with a success status — OAuth's on
 * a 200, Slack's `ok: false`, an authorization error in a redirect's
 * `Location` (`Description.errorsOnSuccess`, `Detect.decodeIfError`) — a 2xx
 * or 3xx that carries one, told from the first 16 KiB of a JSON, form or
 * text body, the response going on with its body whole otherwise. Without a
 * dialect, the `detector` (by default the built-in one) reads each response.
 * The failure channel gains exactly the dialect's union, so `catchTags` over
 * it is exhaustive.
 *
 * @example
 * ```ts
 * import { ClientErrors } from "@faultline/platform-http"
 * import { Envelope } from "@faultline/wire"
 * import { Effect } from "effect"
 * import { HttpClient } from "effect/http"
 *
 * const getApp = (id: string) =>
 *   Effect.gen(function*() {
 *     const client = (yield* HttpClient.HttpClient).pipe(ClientErrors.decode({ dialect: Envelope.dialect }))
 *     return yield* client.get(`http://localhost:3000/api/v2/apps/${id}`)
 *   }).pipe(Effect.catchTag("NotFound", () => Effect.succeed(undefined)))
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const decode: {
  <const O extends Options<any> = {}>(
    options?: O
  ): <E, R>(client: HttpClient.HttpClient.With<E, R>) => HttpClient.HttpClient.With<E | Decoded<O>, R>
  <E, R, const O extends Options<any> = {}>(
    client: HttpClient.HttpClient.With<E, R>,
    options?: O
  ): HttpClient.HttpClient.With<E | Decoded<O>, R>
} = Function.dual(
  (args) => HttpClient.isHttpClient(args[0]),
  <E, R, O extends Options<any>>(
    client: HttpClient.HttpClient.With<E, R>,
    options?: O
  ): HttpClient.HttpClient.With<E | Decoded<O>, R> => {
    const reader = successReader(options)
    return HttpClient.transformResponse(client, (effect) =>
      Effect.flatMap(effect, (response) => {
        // RFC 9110 §15: a status outside 100–599 is no status at all, which a client treats as a server error
        if (response.status >= 400 || response.status < 100) {
          return Effect.flatMap(fromResponse(response, options), Effect.fail)
        }
        // errors some APIs send with a success status, read only where a dialect the client reads sends them
        if (reader !== undefined && response.status >= 200) return errorOnSuccess<O>(response, reader)
        return Effect.succeed(response)
      }))
  }
)

/**
 * The transport failures a decoding client can still fail with, besides the
 * decoded errors.
 *
 * @category models
 * @since 0.1.0
 */
export type TransportError = HttpClientError.HttpClientError

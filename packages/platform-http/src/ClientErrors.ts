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
    const decodeOptions = { maxBytes, now }
    const dialect = options?.dialect
    let error: ApiError.ApiError
    let decoded: Telemetry.Decoded
    if (dialect === undefined) {
      const detection = Detect.decodeAny(wire, decodeOptions)
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
 * How much of a 2xx body is read to tell an OAuth error in it: an error body
 * is a few hundred bytes, and a success body longer than this is not one.
 */
const oauthErrorMaxBytes = 16_384

/** The media types an OAuth error on a 2xx comes in (GitHub's: JSON or a form), or none said. */
const oauthErrorMediaType = /^(?:application\/(?:[\w.+-]+\+)?json|application\/x-www-form-urlencoded|text\/plain)\b/i

/** An OAuth error sent with a 2xx status (GitHub's token endpoint does): a JSON object with a string `error`. */
const isOAuthError = (body: Uint8Array): boolean => {
  const text = new TextDecoder().decode(body)
  if (!/"error"\s*:\s*"/.test(text) && !/(?:^|&)error=/.test(text)) return false
  try {
    const json = JSON.parse(text)
    return typeof json === "object" && json !== null && typeof json.error === "string"
  } catch {
    return /(?:^|&)error=/.test(text)
  }
}

/**
 * The OAuth error a 2xx response carries, if it does, reading at most the
 * first {@link oauthErrorMaxBytes} of its body; and the response to go on
 * with, its body whole.
 */
const oauthErrorOnSuccess = <O extends Options<any>>(
  response: HttpClientResponse.HttpClientResponse,
  options: O | undefined
): Effect.Effect<HttpClientResponse.HttpClientResponse, Decoded<O>> => {
  const contentType = response.headers["content-type"]
  if (response.status === 204 || response.status === 205) return Effect.succeed(response)
  if (contentType !== undefined && !oauthErrorMediaType.test(contentType)) return Effect.succeed(response)
  return Effect.flatMap(
    peek(response, oauthErrorMaxBytes),
    ({ response: whole, whole: body }) =>
      body !== undefined && isOAuthError(body)
        ? Effect.flatMap(decodeBody(whole, body, options?.maxBytes ?? defaultMaxBytes, options), Effect.fail)
        : Effect.succeed(whole)
  )
}

/**
 * Fails every error response with its typed error: any status from 400 up,
 * or under 100 (RFC 9110 §15: outside 100–599 is a server error), and, when the dialect is OAuth, a 2xx whose body is an OAuth error — told
 * from the first 16 KiB of a JSON or form body, the response going on with
 * its body whole otherwise. The failure channel gains exactly the dialect's
 * union, so `catchTags` over it is exhaustive.
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
    const oauth = options?.dialect?.name === "oauth"
    return HttpClient.transformResponse(client, (effect) =>
      Effect.flatMap(effect, (response) => {
        // RFC 9110 §15: a status outside 100–599 is no status at all, which a client treats as a server error
        if (response.status >= 400 || response.status < 100) {
          return Effect.flatMap(fromResponse(response, options), Effect.fail)
        }
        if (oauth && response.status >= 200 && response.status < 300) return oauthErrorOnSuccess(response, options)
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

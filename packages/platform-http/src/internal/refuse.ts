import type { ApiError } from "@faultline/errors"
import { Effect, Inspectable, Stream } from "effect"
import type { Option } from "effect"
import {
  type Headers,
  HttpIncomingMessage,
  HttpServerError,
  HttpServerRequest,
  Multipart,
  type UrlParams
} from "effect/http"

/**
 * A request whose body readers fail with `error` and read nothing, the rest
 * of it being the request it wraps.
 *
 * The failure comes when a handler reads the body, not before the handler
 * runs: whatever the handler checks first — authentication above all — is
 * answered first, and a handler that never reads the body is not refused for
 * a body it ignores. Effect's own `HttpMiddleware.decompression` swaps the
 * request the same way to change what its body readers give.
 *
 * Readers fail as Effect's do when a body cannot be parsed, a
 * `RequestParseError` (a `MultipartError` for multipart), with `error` as the
 * cause: the server middleware answers that cause.
 *
 * @internal
 */
export class RefusedBodyRequest extends Inspectable.Class implements HttpServerRequest.HttpServerRequest {
  readonly [HttpServerRequest.TypeId]: typeof HttpServerRequest.TypeId
  readonly [HttpIncomingMessage.TypeId]: typeof HttpIncomingMessage.TypeId
  readonly inner: HttpServerRequest.HttpServerRequest
  readonly error: ApiError.ApiError

  constructor(inner: HttpServerRequest.HttpServerRequest, error: ApiError.ApiError) {
    super()
    this[HttpServerRequest.TypeId] = HttpServerRequest.TypeId
    this[HttpIncomingMessage.TypeId] = HttpIncomingMessage.TypeId
    this.inner = inner
    this.error = error
  }

  toJSON(): unknown {
    return this.inner.toJSON()
  }

  modify(
    options: {
      readonly url?: string
      readonly headers?: Headers.Headers
      readonly remoteAddress?: Option.Option<string>
      readonly peerAddress?: Option.Option<string>
      readonly protocol?: "http" | "https"
    }
  ): HttpServerRequest.HttpServerRequest {
    return new RefusedBodyRequest(this.inner.modify(options), this.error)
  }

  get source(): object {
    return this.inner.source
  }

  get url(): string {
    return this.inner.url
  }

  get originalUrl(): string {
    return this.inner.originalUrl
  }

  get method(): string {
    return this.inner.method
  }

  get headers(): Headers.Headers {
    return this.inner.headers
  }

  get cookies() {
    return this.inner.cookies
  }

  get remoteAddress(): Option.Option<string> {
    return this.inner.remoteAddress
  }

  get peerAddress(): Option.Option<string> {
    return this.inner.peerAddress
  }

  get protocol(): "http" | "https" | undefined {
    return this.inner.protocol
  }

  get upgrade() {
    return this.inner.upgrade
  }

  upgradeWith(options: { readonly headers?: Headers.Input | undefined }) {
    return this.inner.upgradeWith(options)
  }

  // Platform accessors such as `NodeHttpServerRequest.toServerResponse` read the response handle from the request.
  get response(): unknown {
    return (this.inner as unknown as { readonly response?: unknown }).response
  }

  private get refusal(): HttpServerError.HttpServerError {
    return new HttpServerError.HttpServerError({
      reason: new HttpServerError.RequestParseError({
        request: this,
        description: this.error.message,
        cause: this.error
      })
    })
  }

  get text(): Effect.Effect<string, HttpServerError.HttpServerError> {
    return Effect.fail(this.refusal)
  }

  get json(): Effect.Effect<never, HttpServerError.HttpServerError> {
    return Effect.fail(this.refusal)
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpServerError.HttpServerError> {
    return Effect.fail(this.refusal)
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpServerError.HttpServerError> {
    return Effect.fail(this.refusal)
  }

  get stream(): Stream.Stream<Uint8Array, HttpServerError.HttpServerError> {
    return Stream.fail(this.refusal)
  }

  get multipart(): HttpServerRequest.HttpServerRequest["multipart"] {
    return Effect.fail(Multipart.MultipartError.fromReason("Parse", this.error))
  }

  get multipartStream(): Stream.Stream<Multipart.Part, Multipart.MultipartError> {
    return Stream.fail(Multipart.MultipartError.fromReason("Parse", this.error))
  }
}

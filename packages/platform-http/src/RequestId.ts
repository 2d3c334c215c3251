/**
 * The request id: taken from an incoming `X-Request-ID` when it is a safe
 * token, generated otherwise, echoed on every response and written into the
 * body where the dialect has a slot (seed 000's `request_id`).
 *
 * @since 0.1.0
 */
import { Context } from "effect"

/**
 * The id of the request being handled, provided to handlers by the server
 * middleware.
 *
 * @category services
 * @since 0.1.0
 */
export class RequestId extends Context.Service<RequestId, string>()("@faultline/platform-http/RequestId") {}

/**
 * The header that carries it, lower-cased as Effect stores header names.
 *
 * @see seed 002 "Request ID"
 * @category models
 * @since 0.1.0
 */
export const header = "x-request-id"

/**
 * The longest incoming id accepted.
 *
 * @category models
 * @since 0.1.0
 */
export const maxLength = 128

const safe = /^[A-Za-z0-9._~:+/=@-]+$/

/**
 * An incoming id when it is safe to echo and log: 1 to 128 characters of
 * letters, digits and `._~:+/=@-` — no spaces, no CR/LF or other control
 * characters, nothing to inject into a header, a log line or a body.
 *
 * @category constructors
 * @since 0.1.0
 */
export const accept = (value: string | undefined): string | undefined =>
  value !== undefined && value.length > 0 && value.length <= maxLength && safe.test(value) ? value : undefined

/**
 * A new id: a random UUID (RFC 9562 version 4).
 *
 * @category constructors
 * @since 0.1.0
 */
export const generate = (): string => globalThis.crypto.randomUUID()

/**
 * The id of a request: its `X-Request-ID` when {@link accept} takes it, else
 * a new one.
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromHeaders = (headers: Readonly<Record<string, string | undefined>>): string =>
  accept(headers[header]) ?? generate()

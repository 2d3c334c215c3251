/**
 * The request id: taken from an incoming `X-Request-ID` when it is a safe
 * token, generated otherwise, echoed on every response and written into the
 * body where the dialect has a slot (seed 000's `request_id`).
 *
 * @since 0.1.0
 */
import { Context, Effect, type Fiber, Random } from "effect"

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
 * How a server treats request ids: the header that carries them (default
 * `x-request-id`; a gateway's `x-correlation-id`, say), and whether an
 * incoming one is trusted — taken when {@link accept} finds it safe — or
 * always replaced (a server at the edge, whose clients' ids mean nothing).
 *
 * @category models
 * @since 0.2.0
 */
export interface Policy {
  readonly header?: string | undefined
  readonly trustIncoming?: boolean | undefined
}

/**
 * A new id: an RFC 9562 version 4 UUID from a random source, 122 of its bits
 * random (four draws of 32 bits).
 *
 * @category constructors
 * @since 0.2.0
 */
export const fromRandom = (random: Random.Random): string => {
  const word = () => Math.floor(random.nextDoubleUnsafe() * 0x1_0000_0000)
  const hex = (value: number, digits: number) => value.toString(16).padStart(digits, "0")
  const a = word()
  const b = word()
  const c = word()
  const d = word()
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-${hex(0x4000 | (b & 0x0fff), 4)}-${hex(0x8000 | ((c >>> 16) & 0x3fff), 4)}-${
    hex(c & 0xffff, 4)
  }${hex(d, 8)}`
}

/**
 * A new id from the current fiber's `Random`: where none was provided
 * (Effect's default, `Math.random`), the platform's `crypto.randomUUID()`,
 * unpredictable and faster; where a program or a test provided one —
 * `Random.withSeed` — an id from it, so that ids are the same on every run.
 *
 * @category constructors
 * @since 0.2.0
 */
export const generate: Effect.Effect<string> = Effect.withFiber((fiber) => Effect.succeed(generateIn(randomOf(fiber))))

/**
 * The random service a fiber was given, `undefined` when it runs on Effect's default.
 *
 * @category constructors
 * @since 0.2.0
 */
export const randomOf = (fiber: Fiber.Fiber<unknown, unknown>): Random.Random | undefined =>
  Context.getOrUndefined(fiber.context, Random.Random)

/**
 * A new id from the given random service, or from `crypto.randomUUID()` when
 * there is none (see {@link generate}).
 *
 * @category constructors
 * @since 0.2.0
 */
export const generateIn = (random: Random.Random | undefined): string =>
  random === undefined ? globalThis.crypto.randomUUID() : fromRandom(random)

/**
 * The id of a request: its id header's value when the policy trusts incoming
 * ids and {@link accept} takes it, else a new one (see {@link generateIn}).
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromHeaders = (
  headers: Readonly<Record<string, string | undefined>>,
  policy?: Policy,
  random?: Random.Random
): string =>
  (policy?.trustIncoming === false ? undefined : accept(headers[policy?.header ?? header])) ?? generateIn(random)

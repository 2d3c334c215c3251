import type { Schema } from "effect"

/**
 * Limits on what a decoder reads. A body over `maxBytes`, or nested deeper than
 * `maxDepth`, is not parsed further and becomes a typed `Undecodable`.
 *
 * @internal
 */
export interface Limits {
  readonly maxBytes: number
  readonly maxDepth: number
  readonly keepBytes: number
}

/** @internal */
export const defaultLimits: Limits = { maxBytes: 1_048_576, maxDepth: 32, keepBytes: 16_384 }

/**
 * The outcome of reading a body: JSON, or why not.
 *
 * @internal
 */
export type Parsed =
  | { readonly _tag: "Json"; readonly value: Schema.Json; readonly text: string }
  | { readonly _tag: "Failed"; readonly reason: "Empty" | "NotJson" | "TooLarge" | "TooDeep"; readonly text: string }

const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false })

/**
 * The body as text: bytes are read as UTF-8, invalid sequences become U+FFFD
 * (WHATWG Encoding), so invalid UTF-8 never stops a decode.
 *
 * @internal
 */
export const bodyText = (body: string | Uint8Array | null | undefined, limits: Limits): string | undefined => {
  if (body === undefined || body === null) return ""
  if (typeof body === "string") return body.length > limits.maxBytes ? undefined : body
  if (body.byteLength > limits.maxBytes) return undefined
  return decoder.decode(body)
}

/**
 * Cuts kept text to the limit: a decoded error keeps the raw body for
 * diagnosis, never an unbounded one.
 *
 * @internal
 */
export const keep = (text: string, limits: Limits): string =>
  text.length > limits.keepBytes ? text.slice(0, limits.keepBytes) : text

const rawPrefix = (body: string | Uint8Array, limits: Limits): string =>
  typeof body === "string"
    ? keep(body, limits)
    : decoder.decode(body.subarray(0, Math.min(body.byteLength, limits.keepBytes)))

/**
 * Parses a body as JSON within the limits. `JSON.parse` in V8 is iterative,
 * so depth is checked after parsing, by a walk that stops at the limit; keys
 * such as `__proto__` stay own data properties (`JSON.parse` defines, never
 * assigns).
 *
 * @internal
 */
export const parseJson = (body: string | Uint8Array | null | undefined, limits: Limits): Parsed => {
  const text = bodyText(body, limits)
  if (text === undefined) return { _tag: "Failed", reason: "TooLarge", text: rawPrefix(body!, limits) }
  let start = text.charCodeAt(0) === 0xFEFF ? 1 : 0
  while (start < text.length && text.charCodeAt(start) <= 32) start++
  if (start === text.length) return { _tag: "Failed", reason: "Empty", text }
  const first = text.charCodeAt(start)
  // Only objects and arrays can be error bodies: skip parsing HTML, plain text and bare values.
  if (first !== 123 && first !== 91) return { _tag: "Failed", reason: "NotJson", text: keep(text, limits) }
  let value: Schema.Json
  try {
    value = JSON.parse(start === 0 ? text : text.slice(start))
  } catch {
    return { _tag: "Failed", reason: "NotJson", text: keep(text, limits) }
  }
  // nesting deeper than the limit takes two characters a level: a shorter text cannot, and is not walked
  if (text.length > 2 * limits.maxDepth && !withinDepth(value, limits.maxDepth)) {
    return { _tag: "Failed", reason: "TooDeep", text: keep(text, limits) }
  }
  return { _tag: "Json", value, text }
}

const withinDepth = (value: unknown, remaining: number): boolean => {
  if (typeof value !== "object" || value === null) return true
  if (remaining === 0) return false
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!withinDepth(value[i], remaining - 1)) return false
    return true
  }
  for (const key in value) {
    if (!withinDepth((value as Record<string, unknown>)[key], remaining - 1)) return false
  }
  return true
}

/**
 * Tells whether a JSON value is an object (not an array, not null).
 *
 * @internal
 */
export const isObject = (value: unknown): value is { readonly [key: string]: Schema.Json } =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * Copies the members of `object` not named in `known` into a fresh record, or
 * returns `undefined` when there are none. Members are defined, not assigned,
 * so `__proto__` stays a member.
 *
 * @internal
 */
export const otherMembers = (
  object: { readonly [key: string]: Schema.Json },
  known: ReadonlySet<string>,
  trimmed = false
): Record<string, Schema.Json> | undefined => {
  let out: Record<string, Schema.Json> | undefined
  for (const key in object) {
    // `trimmed`: a known name with stray whitespace (seed 003's `" message"`) is known too
    if (known.has(key) || (trimmed && known.has(key.trim()))) continue
    out ??= {}
    Object.defineProperty(out, key, { value: object[key], enumerable: true, writable: true, configurable: true })
  }
  return out
}

/**
 * Adds an error's extension members to a body being written, except those
 * the dialect owns (`owned`) or has already written. Assigned, which is cheap,
 * except `__proto__`, which is defined so that it stays a member.
 *
 * @internal
 */
export const addMembers = (
  body: Record<string, unknown>,
  extensions: { readonly [key: string]: unknown } | undefined,
  owned: ReadonlySet<string>
): void => {
  if (extensions === undefined) return
  for (const key in extensions) {
    if (owned.has(key) || Object.hasOwn(body, key)) continue
    if (key === "__proto__") {
      Object.defineProperty(body, key, { value: extensions[key], enumerable: true, writable: true, configurable: true })
    } else body[key] = extensions[key]
  }
}

/**
 * Header input as callers have it: a record (Node's `IncomingHttpHeaders`,
 * Effect's `Headers`), or anything with `forEach` (the Fetch API's `Headers`).
 *
 * @internal
 */
export type HeadersInput =
  | { readonly [name: string]: string | ReadonlyArray<string> | undefined }
  | { forEach(callback: (value: string, name: string) => void): void }

const empty: Readonly<Record<string, string>> = Object.freeze({})

/**
 * A record whose prototype has no members and no prototype of its own: no
 * name (`__proto__`, `constructor`) reaches `Object.prototype`, and, unlike
 * `Object.create(null)`, V8 keeps it a fast object.
 */
const HeaderRecord = function HeaderRecord() {} as unknown as new() => Record<string, string>
HeaderRecord.prototype = Object.create(null)

/** A field value has no leading or trailing whitespace (RFC 9110 §5.5), as every HTTP parser gives it. */
const trimmed = (raw: string): string =>
  raw.length > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32) ? raw.trim() : raw

const add = (out: Record<string, string>, name: string, raw: string): void => {
  const value = trimmed(raw)
  const key = isLowerCase(name) ? name : name.toLowerCase()
  const previous = out[key]
  out[key] = previous === undefined ? value : `${previous}, ${value}`
}

const inherited: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype))

/**
 * Names found in lower case and not `Object.prototype`'s: a client sees the
 * same few names on response after response, and a lookup here is cheaper
 * than looking at each character again. Bounded, so that hostile names
 * cannot grow it.
 */
const normalNames = new Set<string>()

/**
 * Whether a record is already what normalizing would give: names in lower
 * case, none of them a name `Object.prototype` has, values single strings
 * with no surrounding whitespace.
 */
const isNormal = (input: Record<string, unknown>): boolean => {
  for (const name in input) {
    const value = input[name]
    if (typeof value !== "string") return false
    if (value.length > 0 && (value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32)) return false
    if (normalNames.has(name)) continue
    if (!isLowerCase(name) || inherited.has(name)) return false
    if (normalNames.size < 256) normalNames.add(name)
  }
  return true
}

// Most clients (Node, Effect, Fetch) give names in lower case already: checking is cheaper than converting.
const isLowerCase = (name: string): boolean => {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i)
    if (c >= 65 && c <= 90) return false
  }
  return true
}

/**
 * Lower-cases names and joins repeated field lines with `", "` (RFC 9110
 * §5.3), into a record no name can reach a prototype through.
 *
 * @internal
 */
export const normalizeHeaders = (input: HeadersInput | undefined): Readonly<Record<string, string>> => {
  if (input === undefined || input === null) return empty
  // a record made as a literal (or with no prototype) has no inherited names for `for…in` to list
  const proto = Object.getPrototypeOf(input)
  const plain = proto === Object.prototype || proto === null
  // most clients (Node, Effect) give a record already in this form: it is read as it is, not copied
  if (plain && isNormal(input as Record<string, unknown>)) return input as Readonly<Record<string, string>>
  const out = new HeaderRecord()
  if (typeof (input as { forEach?: unknown }).forEach === "function" && !Array.isArray(input)) {
    ;(input as { forEach(callback: (value: string, name: string) => void): void }).forEach((value, name) =>
      add(out, name, value)
    )
    return out
  }
  // A record's names are distinct: until one needs lower-casing (or a list of lines is joined), no two can meet, and
  // no name needs looking up before it is set, which, on a record with no prototype chain to speak of, is the cost.
  let merging = false
  for (const name in input) {
    if (!plain && !Object.hasOwn(input, name)) continue
    const value = (input as Record<string, string | ReadonlyArray<string> | undefined>)[name]
    if (typeof value === "string") {
      if (!merging && isLowerCase(name)) out[name] = trimmed(value)
      else {
        merging = true
        add(out, name, value)
      }
    } else if (Array.isArray(value)) {
      merging = true
      for (const line of value) if (typeof line === "string") add(out, name, line)
    }
  }
  return out
}

/**
 * A header value that can be sent: no CR, LF or other control characters
 * (RFC 9110 §5.5), and nothing outside Latin-1, which Node refuses to send.
 *
 * @internal
 */
export const safeHeaderValue = (value: string): string =>
  isSafeHeaderValue(value) ? value : value.replace(/[\x00-\x08\x0A-\x1F\x7F]+/g, " ").replace(
    /[^\t\x20-\x7E\x80-\xFF]/g,
    "?"
  )

// A loop rather than a regular expression: this runs on every error response's
// request id, and for short values a loop is several times faster.
const isSafeHeaderValue = (value: string): boolean => {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code === 0x09) continue
    if (code < 0x20 || code === 0x7f || code > 0xff) return false
  }
  return true
}

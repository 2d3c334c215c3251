const nqschar = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/
const nqchar = /^[\x21\x23-\x5B\x5D-\x7E]+$/

/**
 * Makes a human-readable OAuth value fit `1*NQSCHAR` (RFC 6749 Appendix A.7,
 * A.8; RFC 6750 §3): printable ASCII and space, no `"` and no `\`. Accents
 * are stripped, quotes become `'`, backslashes `/`, control characters and
 * line breaks a space, anything else `?`. Returns `undefined` when nothing is
 * left, since the grammar allows no empty value.
 *
 * @internal
 */
export const toNqschar = (value: string): string | undefined => {
  if (nqschar.test(value)) return value.length === 0 ? undefined : value
  const cleaned = value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/"/g, "'")
    .replace(/\\/g, "/")
    .replace(/[\x00-\x1F\x7F\s]+/g, " ")
    .replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, "?")
    .trim()
  return cleaned.length === 0 ? undefined : cleaned
}

/**
 * Tells whether a value is `1*NQSCHAR`.
 *
 * @internal
 */
export const isNqschar = (value: string): boolean => value.length > 0 && nqschar.test(value)

/**
 * Tells whether a value is `1*NQCHAR` (scope tokens, DPoP nonces, URI references).
 *
 * @internal
 */
export const isNqchar = (value: string): boolean => nqchar.test(value)

/** The longest whole body read as a sentence; a longer text (a stack trace, a page) stays unreadable. */
const maxProse = 1024

/**
 * A whole body that is a sentence — Go's `404 page not found`, Express's
 * `Not Found`, Envoy's `upstream connect error…` in `text/plain`, or a JSON
 * string (`"Internal Server Error"`) — as the message it is, whitespace
 * collapsed; `undefined` for anything else: markup, a JSON structure, a
 * media type that is not text or JSON, a text longer than 1 KiB.
 *
 * @internal
 */
export const proseOf = (text: string, mediaType: string | undefined): string | undefined => {
  const json = mediaType === "application/json" || mediaType?.endsWith("+json") === true
  if (mediaType !== undefined && mediaType !== "text/plain" && !json) return undefined
  let sentence = text.trim()
  if (sentence.charCodeAt(0) === 0xFEFF) sentence = sentence.slice(1).trimStart()
  if (sentence.length === 0 || sentence.length > maxProse) return undefined
  const first = sentence[0]
  if (first === "<" || first === "{" || first === "[") return undefined
  if (first === "\"") {
    let value: unknown
    try {
      value = JSON.parse(sentence)
    } catch {
      return undefined
    }
    if (typeof value !== "string") return undefined
    sentence = value
  } else if (json) {
    // `null`, `true`, a number: JSON, but no sentence
    return undefined
  }
  const collapsed = sentence.replace(/[\x00-\x1F\x7F\s]+/g, " ").trim()
  return collapsed.length === 0 ? undefined : collapsed
}

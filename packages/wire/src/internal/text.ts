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

/**
 * The `WWW-Authenticate` field: a lenient parser and a strict writer of
 * authentication challenges (RFC 9110 §11), the carrier of RFC 6750 Bearer
 * and RFC 9449 DPoP errors.
 *
 * @since 0.1.0
 */
import type { Challenge } from "@faultline/errors"
import { safeHeaderValue } from "./internal/headers.ts"

const isTchar = (code: number): boolean =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5A) || (code >= 0x61 && code <= 0x7A) ||
  code === 0x21 || (code >= 0x23 && code <= 0x27) || code === 0x2A || code === 0x2B || code === 0x2D ||
  code === 0x2E || code === 0x5E || code === 0x5F || code === 0x60 || code === 0x7C || code === 0x7E

const isToken68Char = (code: number): boolean =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5A) || (code >= 0x61 && code <= 0x7A) ||
  code === 0x2D || code === 0x2E || code === 0x5F || code === 0x7E || code === 0x2B || code === 0x2F

const isWhitespace = (code: number): boolean => code === 0x20 || code === 0x09

/** What a line break folds together with: spaces, tabs, CR, LF and the other controls no field value may hold. */
const isFoldable = (code: number): boolean => code <= 0x20 || code === 0x7F

/**
 * Replaces each line break (CR or LF) and the blanks around it with one space, as a recipient must do with obs-fold
 * before it reads the value (RFC 9112 §5.2); a lone CR or LF, which only a caller's own string can hold, is read the
 * same way rather than as the end of a challenge. Linear: a character is looked at at most twice.
 */
const unfold = (input: string): string => {
  let out = ""
  let copied = 0
  let i = 0
  while (i < input.length) {
    const code = input.charCodeAt(i)
    if (code !== 0x0D && code !== 0x0A) {
      i++
      continue
    }
    let start = i
    while (start > copied && isFoldable(input.charCodeAt(start - 1))) start--
    let end = i + 1
    while (end < input.length && isFoldable(input.charCodeAt(end))) end++
    out += input.slice(copied, start) + " "
    copied = end
    i = end
  }
  return out + input.slice(copied)
}

const tokenEnd = (input: string, j: number): number => {
  while (j < input.length && isTchar(input.charCodeAt(j))) j++
  return j
}

const whitespaceEnd = (input: string, j: number): number => {
  while (j < input.length && isWhitespace(input.charCodeAt(j))) j++
  return j
}

/**
 * Does `name BWS "=" BWS value` begin at `j`, its value beginning as a token or a quoted-string does? Where a comma is
 * missing this can only be an auth-param: a scheme is never followed by "=", and a token68 only ever follows its
 * scheme (see `parse`).
 */
const paramAt = (input: string, j: number): boolean => {
  const name = tokenEnd(input, j)
  if (name === j) return false
  const equals = whitespaceEnd(input, name)
  if (equals >= input.length || input.charCodeAt(equals) !== 0x3D) return false
  const value = whitespaceEnd(input, equals + 1)
  return value < input.length && (input.charCodeAt(value) === 0x22 || isTchar(input.charCodeAt(value)))
}

/** Does `scheme 1*SP name = value` begin at `j`: a challenge, which its first auth-param tells from prose? */
const challengeAt = (input: string, j: number): boolean => {
  const scheme = tokenEnd(input, j)
  if (scheme === j) return false
  const next = whitespaceEnd(input, scheme)
  return next > scheme && paramAt(input, next)
}

/**
 * Parses a `WWW-Authenticate` field value (several field lines may be passed
 * as a list, or already joined with `", "`) into its challenges. It never
 * throws: what cannot be read is skipped up to the next comma.
 *
 * Lenient where servers are (RFC 9110 §5.6.1.2, §5.6.3; oauth4webapi's
 * vectors): empty list elements, whitespace around `=` and commas, no space
 * after commas, unterminated quoted strings (read to the end), unquoted
 * values with spaces (read to the next comma), an auth-param after an empty
 * element (`Scheme , realm="x"`: it belongs to the challenge before it).
 *
 * Missing commas. Several servers separate auth-params with spaces only
 * (`Bearer realm="x" error="insufficient_scope"`). Where whitespace alone
 * stands between two elements (or nothing, after a closing quote), a comma
 * is inferred only where that one repair makes the text read as the grammar
 * has it and no other reading does as well. That takes an auth-param with
 * its value, `name = value`, which nothing else can be: a scheme is never
 * followed by `=`, and a token68 only ever follows its scheme.
 * - After a parameter's value (a quoted-string, or a token), `name = value`
 *   is another parameter of the same challenge, and `scheme name = value` a
 *   new challenge (`Basic realm="a" Bearer error="invalid_token"`): a second
 *   challenge is never read as parameters of the first.
 * - After a token68 or a bare scheme, `scheme name = value` is a new
 *   challenge (`Bearer DPoP algs="ES256"`).
 * - Nothing else is inferred, and the text is skipped up to the next comma:
 *   a bare word or a token68 after a value (`realm="x" abc==`), a parameter
 *   after a token68 (`Negotiate abc== realm="x"`: a token68 challenge has no
 *   parameters), `name=` with no value, a challenge without a parameter
 *   (`please retry` reads like `Negotiate abc`). An unquoted value of several
 *   words is already a repair (it should be a quoted-string), and any word
 *   after it might be one more word of it, so nothing is inferred inside it:
 *   it reads on to the next comma (`error_description=The token expired`).
 *
 * Only `"` quotes: `'` is a token character (RFC 9110 §5.6.2), so
 * `realm='x'` is the value `'x'`, quotes included. A folded line (CR LF
 * then a space or tab, RFC 9112 §5.2's obs-fold), or any CR or LF, is one
 * space with the blanks around it, in a quoted string too: it never ends a
 * challenge.
 * Parameter names are lower-cased; quoted-pairs are unescaped (§5.6.4).
 * Every challenge returned satisfies `Challenge.Challenge`.
 *
 * Repeated parameters. RFC 9110 §11.2 says each name MUST occur only once
 * per challenge, so a repeat has no right answer; the rule here is one: the
 * first occurrence wins, and every later one in the same challenge is
 * ignored, whatever its case (`error`, `ERROR`), its form (token or
 * quoted-string), its value (an empty first value still wins) or how it was
 * reached (after a comma, an empty element or an inferred comma). First,
 * because what a challenge says first cannot then be overridden by text
 * further along the field, which is where a reflected or appended value
 * would sit. Each challenge keeps its own names: `Bearer error="a", DPoP
 * error="b"` is legal (RFC 9449 §7.2).
 *
 * @example
 * ```ts
 * import { WwwAuthenticate } from "@faultline/wire"
 *
 * WwwAuthenticate.parse('Bearer realm="api", error="invalid_token", DPoP algs="ES256"')
 * // [{ scheme: "Bearer", params: { realm: "api", error: "invalid_token" } },
 * //  { scheme: "DPoP", params: { algs: "ES256" } }]
 * ```
 *
 * @see RFC 9110 §11.2, §11.3, §11.6.1, §5.6.4; RFC 9112 §5.2
 * @category decoding
 * @since 0.1.0
 */
export const parse = (field: string | ReadonlyArray<string>): Array<Challenge.Challenge> => {
  const joined = typeof field === "string" ? field : field.join(", ")
  const input = joined.indexOf("\n") === -1 && joined.indexOf("\r") === -1 ? joined : unfold(joined)
  const challenges: Array<Challenge.Challenge> = []
  const length = input.length
  let i = 0

  const skipWhitespace = () => {
    while (i < length && isWhitespace(input.charCodeAt(i))) i++
  }
  const readToken = (): string => {
    const start = i
    while (i < length && isTchar(input.charCodeAt(i))) i++
    return input.slice(start, i)
  }
  const skipToComma = () => {
    while (i < length && input.charCodeAt(i) !== 0x2C) {
      if (input.charCodeAt(i) === 0x22) readQuoted()
      else i++
    }
  }
  const readQuoted = (): string => {
    // at the opening quote
    i++
    let out = ""
    let start = i
    while (i < length) {
      const code = input.charCodeAt(i)
      if (code === 0x5C && i + 1 < length) {
        out += input.slice(start, i) + input[i + 1]
        i += 2
        start = i
      } else if (code === 0x22) {
        out += input.slice(start, i)
        i++
        return out
      } else {
        i++
      }
    }
    return out + input.slice(start, i)
  }
  /** At a token: is it `name BWS "="`? */
  const atParam = (): boolean => {
    const j = tokenEnd(input, i)
    if (j === i) return false
    const k = whitespaceEnd(input, j)
    return k < length && input.charCodeAt(k) === 0x3D
  }
  /**
   * An unquoted value: a token, after which a missing comma is inferred as after any value (see `parse`); or, leniently,
   * several words a server forgot to quote, read up to the next comma with nothing inferred inside them, since a word
   * that follows might be one more word of the value.
   */
  const readUnquoted = (): string => {
    const start = i
    let code = 0
    while (i < length && !isWhitespace(code = input.charCodeAt(i)) && code !== 0x2C) i++
    let end = i
    const next = whitespaceEnd(input, i)
    if (next < length && input.charCodeAt(next) !== 0x2C && !paramAt(input, next) && !challengeAt(input, next)) {
      for (i = next; i < length && (code = input.charCodeAt(i)) !== 0x2C; i++) if (!isWhitespace(code)) end = i + 1
    }
    i = end
    return input.slice(start, end)
  }
  /**
   * At a scheme's argument: a token68 is followed only by padding, whitespace, then a comma or the end, so
   * `Bearer error=` is a token68 (`error=`), not an `error` parameter (RFC 9110 §11.2).
   */
  const atToken68 = (): boolean => {
    let j = i
    while (j < length && isToken68Char(input.charCodeAt(j))) j++
    if (j === i) return false
    const padding = j
    while (j < length && input.charCodeAt(j) === 0x3D) j++
    // no auth-param value starts with "=", so `abc== junk` is a token68 with junk after it, not `abc` = "= junk"
    if (j - padding > 1) return true
    while (j < length && isWhitespace(input.charCodeAt(j))) j++
    return j === length || input.charCodeAt(j) === 0x2C
  }
  /** Reads auth-params into `params` (or past them, when `undefined`) up to the next challenge or the end. */
  const readParams = (params: Record<string, string> | undefined) => {
    while (i < length) {
      const name = readToken().toLowerCase()
      skipWhitespace()
      i++ // "="
      skipWhitespace()
      // a field line cannot carry controls or characters above U+00FF: what only a caller's string can hold is
      // made header-safe, so every value satisfies `Challenge.Challenge` (and re-encodes)
      const value = safeHeaderValue(i < length && input.charCodeAt(i) === 0x22 ? readQuoted() : readUnquoted())
      if (params !== undefined && !Object.hasOwn(params, name)) {
        // assigned, which is fast, except `__proto__`: defined, so that it stays a parameter
        if (name === "__proto__") {
          Object.defineProperty(params, name, { value, enumerable: true, writable: true, configurable: true })
        } else params[name] = value
      }
      skipWhitespace()
      if (i < length && input.charCodeAt(i) !== 0x2C) {
        // a missing comma, inferred only before what can be nothing else (see `parse`)
        if (paramAt(input, i)) continue
        if (challengeAt(input, i)) break
        skipToComma()
      }
      // past the comma(s): another param of this challenge, or the next challenge
      let j = i
      while (j < length && (isWhitespace(input.charCodeAt(j)) || input.charCodeAt(j) === 0x2C)) j++
      const saved = i
      i = j
      if (i < length && atParam()) continue
      i = saved
      break
    }
  }

  while (i < length) {
    // empty list elements are tolerated (RFC 9110 §5.6.1.2)
    while (i < length && (isWhitespace(input.charCodeAt(i)) || input.charCodeAt(i) === 0x2C)) i++
    if (i >= length) break
    if (atParam()) {
      // `Scheme , realm="x"`: after an empty list element an auth-param still belongs to the challenge before it
      // (RFC 9110 §5.6.1.2), and `name=` is never a scheme; with no such challenge it is skipped
      const previous = challenges[challenges.length - 1]
      readParams(previous !== undefined && previous.token68 === undefined ? previous.params : undefined)
      continue
    }
    const scheme = readToken()
    if (scheme.length === 0) {
      skipToComma()
      continue
    }
    const params: Record<string, string> = {}
    const challenge: { scheme: string; token68?: string; params: Record<string, string> } = { scheme, params }
    challenges.push(challenge)
    skipWhitespace()
    if (i >= length) break
    if (input.charCodeAt(i) === 0x2C) continue
    if (atToken68()) {
      const start = i
      while (i < length && isToken68Char(input.charCodeAt(i))) i++
      while (i < length && input.charCodeAt(i) === 0x3D) i++
      challenge.token68 = input.slice(start, i)
      // a token68 challenge has no params: after it, a missing comma is inferred only before another challenge
      if (!challengeAt(input, whitespaceEnd(input, i))) skipToComma()
      continue
    }
    if (!atParam()) {
      // `Bearer DPoP algs="ES256"` is two challenges with a missing comma; Facebook's
      // `OAuth "Facebook Platform" "invalid_token"` has nothing readable as params
      if (!challengeAt(input, i)) skipToComma()
      continue
    }
    readParams(params)
  }
  return challenges
}

const isToken = (value: string): boolean => {
  if (value.length === 0) return false
  for (let i = 0; i < value.length; i++) if (!isTchar(value.charCodeAt(i))) return false
  return true
}

/**
 * Writes a value as a quoted-string, escaping only `"` and `\` (RFC 9110
 * §5.6.4); characters no header may carry (CR, LF, other controls) become a
 * space first.
 *
 * @category encoding
 * @since 0.1.0
 */
export const quote = (value: string): string => `"${safeHeaderValue(value).replace(/["\\]/g, "\\$&")}"`

/**
 * Writes challenges as one field value: `scheme`, then a token68 or the
 * params as `name="value"` (always quoted, which every recipient must accept,
 * RFC 9110 §11.2; `realm` must be, §11.5), one space after each comma and
 * none around `=` (RFC 9110 §5.6.3).
 *
 * @see RFC 9110 §11.3, §11.6.1
 * @category encoding
 * @since 0.1.0
 */
export const format = (challenges: ReadonlyArray<Challenge.Challenge>): string =>
  challenges.map(formatChallenge).join(", ")

const formatChallenge = (challenge: Challenge.Challenge): string => {
  const scheme = isToken(challenge.scheme) ? challenge.scheme : "Bearer"
  if (challenge.token68 !== undefined && /^[A-Za-z0-9\-._~+/]+=*$/.test(challenge.token68)) {
    return `${scheme} ${challenge.token68}`
  }
  const params = Object.keys(challenge.params)
    .filter(isToken)
    .map((name) => `${name}=${quote(challenge.params[name]!)}`)
  return params.length === 0 ? scheme : `${scheme} ${params.join(", ")}`
}

/**
 * Finds the first challenge of a scheme, compared case-insensitively
 * (RFC 9110 §11.1).
 *
 * @category decoding
 * @since 0.1.0
 */
export const find = (
  challenges: ReadonlyArray<Challenge.Challenge>,
  scheme: string
): Challenge.Challenge | undefined => {
  const wanted = scheme.toLowerCase()
  return challenges.find((challenge) => challenge.scheme.toLowerCase() === wanted)
}

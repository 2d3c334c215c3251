/**
 * The `Retry-After` field (RFC 9110 §10.2.3): how long a server asks a
 * client to wait, as delay-seconds or an HTTP-date. A strict, total reader of
 * both, for the decoders and the retry policies alike; it runs on every 429
 * and 503, so it scans characters itself rather than parse dates with
 * `new Date(string)` (lenient, and different from one engine to the next).
 *
 * Effect's `Headers.parseRetryAfter` is not used: it reads an RFC 850
 * two-digit year with a fixed pivot (`70`-`99` as 19xx, `00`-`69` as 20xx),
 * where RFC 9110 §5.6.7 asks for the year relative to the current time, and
 * it refuses the common `UTC` spelling of `GMT`.
 *
 * @since 0.2.0
 */
import { Duration } from "effect"

const maxDelaySeconds = 2_147_483_647
const maxDelayMillis = maxDelaySeconds * 1000

/**
 * The longest wait `parse` gives: 2^31 − 1 seconds, about 68 years. A
 * server asking for longer asks for never, and no client waits that long;
 * the cap keeps the number exact and in the range timers and 32-bit peers
 * handle (RFC 9111 §1.2.2 caps delta-seconds the same way, at 2^31). A retry
 * policy sets its own, shorter, maximum.
 *
 * @see RFC 9111 §1.2.2
 * @category decoding
 * @since 0.2.0
 */
export const maxDelay: Duration.Duration = Duration.seconds(maxDelaySeconds)

const isBlank = (code: number): boolean => code === 0x20 || code === 0x09
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39
const isLetter = (code: number): boolean => (code >= 0x41 && code <= 0x5A) || (code >= 0x61 && code <= 0x7A)

/** Three lower-case letters packed into one number: how names are compared without making a string. */
const pack = (name: string): number => (name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2)

const dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
/** What follows the three letters in a day name's long form (RFC 850's `Sunday`). */
const dayNameRests = ["day", "day", "sday", "nesday", "rsday", "day", "urday"]
const dayIndex = new Map(dayNames.map((name, index) => [pack(name), index]))
const monthIndex = new Map(
  ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map((name, index) => [
    pack(name),
    index
  ])
)
const gmt = pack("gmt")
const utc = pack("utc")

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
const daysInMonth = (year: number, month: number): number =>
  month === 1 ? (isLeapYear(year) ? 29 : 28) : month === 3 || month === 5 || month === 8 || month === 10 ? 30 : 31

// Date.UTC reads years 0-99 as 1900-1999; 400 Gregorian years are exactly 146,097 days, so shift and shift back
const fourHundredYears = 146_097 * 86_400_000
const epochMillis = (year: number, month: number, day: number, hour: number, minute: number, second: number) =>
  year >= 0 && year < 100
    ? Date.UTC(year + 400, month, day, hour, minute, second) - fourHundredYears
    : Date.UTC(year, month, day, hour, minute, second)

/**
 * RFC 9110 §5.6.7: a two-digit year that would be more than 50 years after
 * `now` is the most recent past year with the same last two digits. So the
 * year is the one with those digits that falls in the 100 years up to 50
 * years after `now`: never more than 50 years ahead, never 50 or more behind.
 */
const rfc850Year = (
  twoDigits: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  now: number
): number => {
  const fiftyYearsOn = new Date(now)
  const latest = fiftyYearsOn.getUTCFullYear() + 50
  fiftyYearsOn.setUTCFullYear(latest)
  // the last year up to `latest` that ends in `twoDigits`, then a century earlier if its instant is still too late
  const year = latest - (((latest - twoDigits) % 100) + 100) % 100
  return epochMillis(year, month, day, hour, minute, second) > fiftyYearsOn.getTime() ? year - 100 : year
}

// The scanner's position in the text it reads. Module state rather than a closure per call, so that reading a date
// allocates nothing; nothing it calls can call back into it.
let cursor = 0

const readBlanks = (text: string, end: number): boolean => {
  const from = cursor
  while (cursor < end && text.charCodeAt(cursor) === 0x20) cursor++
  return cursor > from
}

const readChar = (text: string, end: number, code: number): boolean => {
  if (cursor >= end || text.charCodeAt(cursor) !== code) return false
  cursor++
  return true
}

/** `least` to `most` digits, and no digit after them, as a number; -1 otherwise. */
const readDigits = (text: string, end: number, least: number, most: number): number => {
  let value = 0
  let count = 0
  let code = 0
  while (cursor < end && isDigit(code = text.charCodeAt(cursor))) {
    if (++count > most) return -1
    value = value * 10 + code - 0x30
    cursor++
  }
  return count < least ? -1 : value
}

/** The three letters at the cursor, folded to lower case and packed (see `pack`), or -1; the cursor stays. */
const peekName = (text: string, end: number): number => {
  if (cursor + 3 > end) return -1
  let packed = 0
  for (let k = cursor; k < cursor + 3; k++) {
    const code = text.charCodeAt(k)
    if (!isLetter(code)) return -1
    packed = (packed << 8) | code | 0x20
  }
  return packed
}

const atLetter = (text: string, end: number): boolean => cursor < end && isLetter(text.charCodeAt(cursor))

/** A name of three letters and no more (a month, a zone), packed; -1 otherwise. */
const readName = (text: string, end: number): number => {
  const packed = peekName(text, end)
  if (packed < 0) return -1
  cursor += 3
  return atLetter(text, end) ? -1 : packed
}

/** A day name, short (`Sun`) or long (`Sunday`), in any case. */
const readDayName = (text: string, end: number): boolean => {
  const day = dayIndex.get(peekName(text, end))
  if (day === undefined) return false
  cursor += 3
  if (!atLetter(text, end)) return true
  const rest = dayNameRests[day]!
  if (cursor + rest.length > end) return false
  for (let k = 0; k < rest.length; k++) if ((text.charCodeAt(cursor + k) | 0x20) !== rest.charCodeAt(k)) return false
  cursor += rest.length
  return !atLetter(text, end)
}

/**
 * Reads `text[start, end)` as an HTTP-date: the epoch milliseconds it names, or `undefined`. One pass, no allocation.
 */
const scanHttpDate = (text: string, start: number, end: number, now: number): number | undefined => {
  cursor = start
  // the day name is redundant with the date and is not checked against it; either length is taken in any form
  if (!readDayName(text, end)) return undefined
  let year: number
  let month: number
  let day: number
  let hour: number
  let minute: number
  let second: number
  if (readChar(text, end, 0x2C)) {
    // IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT` or RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`
    if (!readBlanks(text, end) || (day = readDigits(text, end, 1, 2)) < 0) return undefined
    const twoDigitYear = readChar(text, end, 0x2D)
    if (twoDigitYear) {
      month = monthIndex.get(readName(text, end)) ?? -1
      if (!readChar(text, end, 0x2D)) return undefined
      year = readDigits(text, end, 2, 2)
    } else {
      if (!readBlanks(text, end)) return undefined
      month = monthIndex.get(readName(text, end)) ?? -1
      if (!readBlanks(text, end)) return undefined
      year = readDigits(text, end, 4, 4)
    }
    if (year < 0 || !readBlanks(text, end)) return undefined
    if ((hour = readDigits(text, end, 2, 2)) < 0 || !readChar(text, end, 0x3A)) return undefined
    if ((minute = readDigits(text, end, 2, 2)) < 0 || !readChar(text, end, 0x3A)) return undefined
    if ((second = readDigits(text, end, 2, 2)) < 0 || !readBlanks(text, end)) return undefined
    // `GMT`, or what many servers write instead for the same instant: `UTC`, or RFC 5322's `+0000` (and `-0000`)
    const zone = readName(text, end)
    const numeric = zone < 0 && (readChar(text, end, 0x2B) || readChar(text, end, 0x2D)) &&
      readDigits(text, end, 4, 4) === 0
    if ((zone !== gmt && zone !== utc && !numeric) || cursor !== end) return undefined
    if (month < 0 || hour > 23 || minute > 59 || second > 60) return undefined
    if (twoDigitYear) {
      if (!Number.isFinite(now)) return undefined
      year = rfc850Year(year, month, day, hour, minute, second, now)
    }
  } else {
    // asctime `Sun Nov  6 08:49:37 1994`: no zone, read as GMT
    if (!readBlanks(text, end)) return undefined
    month = monthIndex.get(readName(text, end)) ?? -1
    if (!readBlanks(text, end) || (day = readDigits(text, end, 1, 2)) < 0 || !readBlanks(text, end)) return undefined
    if ((hour = readDigits(text, end, 2, 2)) < 0 || !readChar(text, end, 0x3A)) return undefined
    if ((minute = readDigits(text, end, 2, 2)) < 0 || !readChar(text, end, 0x3A)) return undefined
    if ((second = readDigits(text, end, 2, 2)) < 0 || !readBlanks(text, end)) return undefined
    year = readDigits(text, end, 4, 4)
    if (year < 0 || cursor !== end) return undefined
    if (month < 0 || hour > 23 || minute > 59 || second > 60) return undefined
  }
  if (day < 1 || day > daysInMonth(year, month)) return undefined
  // a leap second (`23:59:60`, which RFC 9110 §5.6.7 allows) reads as the second after
  return epochMillis(year, month, day, hour, minute, second)
}

/** delay-seconds = 1*DIGIT over `text[start, end)`, capped at `maxDelaySeconds`; `undefined` for anything else. */
const scanDelaySeconds = (text: string, start: number, end: number): number | undefined => {
  if (start >= end) return undefined
  let value = 0
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (!isDigit(code)) return undefined
    // past the cap, the digits are still checked but no longer counted
    if (value <= maxDelaySeconds) value = value * 10 + code - 0x30
  }
  return Math.min(value, maxDelaySeconds)
}

const waitFor = (text: string, start: number, end: number, now: number): Duration.Duration | undefined => {
  const seconds = scanDelaySeconds(text, start, end)
  if (seconds !== undefined) return Duration.seconds(seconds)
  if (!Number.isFinite(now)) return undefined
  const date = scanHttpDate(text, start, end, now)
  // a date in the past means no wait
  return date === undefined ? undefined : Duration.millis(Math.min(Math.max(0, date - now), maxDelayMillis))
}

const trimStart = (text: string, start: number, end: number): number => {
  while (start < end && isBlank(text.charCodeAt(start))) start++
  return start
}
const trimEnd = (text: string, start: number, end: number): number => {
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--
  return end
}

/** Is `text[start, end)` a day name alone, the part of an IMF-fixdate or RFC 850 date before its comma? */
const isDayName = (text: string, start: number, end: number): boolean => {
  cursor = start
  return readDayName(text, end) && cursor === end
}

/**
 * Reads an HTTP-date in any of its three forms, as epoch milliseconds, or
 * `undefined` when it is not one: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37
 * GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6
 * 08:49:37 1994`).
 *
 * RFC 850's two-digit year is relative to `now` (default `Date.now()`), not
 * a fixed pivot: a year more than 50 years after `now` is the most recent
 * past year with the same last two digits (a MUST of RFC 9110 §5.6.7), so
 * the year read is the one within 50 years of `now`, ahead or behind.
 *
 * Robust where senders are (§5.6.7 asks recipients to be): names in any case
 * and either length, `UTC` or `+0000` for `GMT`, a one-digit day, runs of spaces,
 * blanks around the value. Strict where the date would be wrong: an
 * impossible date (`30 Feb`, hour `25`) is `undefined`, never rolled over; a
 * leap second (`23:59:60`) is the second after. The day name is not checked
 * against the date.
 *
 * @example
 * ```ts
 * import { RetryAfter } from "@faultline/wire"
 *
 * RetryAfter.parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT") // 784111777000
 * RetryAfter.parseHttpDate("Sun Nov  6 08:49:37 1994") // 784111777000
 * RetryAfter.parseHttpDate("Sun, 30 Feb 1994 08:49:37 GMT") // undefined
 * ```
 *
 * @see RFC 9110 §5.6.7
 * @category decoding
 * @since 0.2.0
 */
export const parseHttpDate = (text: string, now: number = Date.now()): number | undefined => {
  const start = trimStart(text, 0, text.length)
  const end = trimEnd(text, start, text.length)
  return scanHttpDate(text, start, end, now)
}

/**
 * Reads a `Retry-After` field as the wait it asks for, measured from `now`
 * (epoch milliseconds), or `undefined` when it says nothing valid, so the
 * caller falls back to its own backoff.
 *
 * - delay-seconds is `1*DIGIT` and nothing else: `-5`, `1.5`, `5s`, `+5`,
 *   `1e3`, an empty or blank value are `undefined` (RFC 9110 §10.2.3).
 * - An HTTP-date in any of its three forms (see `parseHttpDate`); one in the
 *   past means no wait (`Duration.zero`); `undefined` when `now` is not a
 *   finite number.
 * - Waits are capped at `maxDelay` (2^31 − 1 seconds).
 * - Several field lines (a list, or joined with `", "`, RFC 9110 §5.3): the
 *   first valid value wins. The field is not a list and a server should send
 *   one line; the commas inside IMF-fixdate and RFC 850 dates are told from
 *   the ones between lines by the day name before them.
 *
 * @example
 * ```ts
 * import { RetryAfter } from "@faultline/wire"
 * import { Duration } from "effect"
 *
 * const now = Date.UTC(1994, 10, 6, 8, 49, 0)
 * RetryAfter.parse("120", now) // Duration.seconds(120)
 * RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now) // Duration.seconds(37)
 * RetryAfter.parse(["soon", "Sunday, 06-Nov-94 08:49:37 GMT"], now) // Duration.seconds(37)
 * RetryAfter.parse("1.5", now) // undefined
 * Duration.toSeconds(RetryAfter.parse("99999999999", now)!) // 2147483647
 * ```
 *
 * @see RFC 9110 §10.2.3, §5.6.7, §5.3
 * @category decoding
 * @since 0.2.0
 */
export const parse = (
  value: string | ReadonlyArray<string> | undefined,
  now: number
): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  const field = typeof value === "string" ? value : value.join(", ")
  let start = 0
  while (start <= field.length) {
    let comma = field.indexOf(",", start)
    if (comma === -1) comma = field.length
    const from = trimStart(field, start, comma)
    const to = trimEnd(field, from, comma)
    if (from < to) {
      if (comma < field.length && isDayName(field, from, to)) {
        let next = field.indexOf(",", comma + 1)
        if (next === -1) next = field.length
        const wait = waitFor(field, from, trimEnd(field, comma + 1, next), now)
        if (wait !== undefined) return wait
      }
      const wait = waitFor(field, from, to, now)
      if (wait !== undefined) return wait
    }
    start = comma + 1
  }
  return undefined
}

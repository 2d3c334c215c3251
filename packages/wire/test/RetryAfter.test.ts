import { assert, describe, it } from "@effect/vitest"
import { RetryAfter } from "@faultline/wire"
import { Arbitrary, Duration, Schema } from "effect"

/** RFC 9110 §5.6.7's example instant, Sun, 06 Nov 1994 08:49:37 GMT, and a `now` 37 seconds before it. */
const example = Date.UTC(1994, 10, 6, 8, 49, 37)
const before = example - 37_000

const cap = 2_147_483_647

/** A wait in seconds, so that vectors read as the field does. */
const secondsOf = (wait: Duration.Duration | undefined): number | undefined =>
  wait === undefined ? undefined : Duration.toMillis(wait) / 1000

interface Vector {
  readonly source: string
  readonly name: string
  readonly value: string | ReadonlyArray<string> | undefined
  readonly now?: number
  /** Seconds to wait, or `undefined`: fall back to the client's own backoff. */
  readonly expected: number | undefined
}

const delaySeconds: ReadonlyArray<Vector> = [
  { source: "RFC 9110 §10.2.3", name: "its example", value: "120", expected: 120 },
  { source: "RFC 9110 §10.2.3", name: "zero", value: "0", expected: 0 },
  { source: "RFC 9110 §10.2.3 (1*DIGIT)", name: "leading zeros", value: "007", expected: 7 },
  { source: "RFC 9110 §5.5 (OWS is not part of the value)", name: "blanks around", value: " \t120\t ", expected: 120 },
  { source: "RFC 9110 §10.2.3", name: "a sign is not a digit: -5", value: "-5", expected: undefined },
  { source: "RFC 9110 §10.2.3", name: "a fraction: 1.5", value: "1.5", expected: undefined },
  { source: "RFC 9110 §10.2.3", name: "a unit: 5s", value: "5s", expected: undefined },
  { source: "RFC 9110 §10.2.3", name: "the empty value", value: "", expected: undefined },
  { source: "RFC 9110 §10.2.3", name: "a blank value", value: " \t ", expected: undefined },
  { source: "RFC 9110 §10.2.3", name: "a plus sign: +5", value: "+5", expected: undefined },
  { source: "RFC 9110 §10.2.3", name: "an exponent: 1e3", value: "1e3", expected: undefined },
  { source: "RFC 9110 §10.2.3", name: "hexadecimal: 0x10", value: "0x10", expected: undefined },
  { source: "RFC 9110 §10.2.3", name: "a space inside: 5 0", value: "5 0", expected: undefined },
  { source: "RFC 9110 §10.2.3", name: "words: 120 seconds", value: "120 seconds", expected: undefined },
  { source: "RFC 9110 §10.2.3", name: "Infinity", value: "Infinity", expected: undefined },
  {
    source: "RFC 9110 §5.6.1 (DIGIT is ASCII)",
    name: "other digits: ١٢٠",
    value: "\u0661\u0662\u0660",
    expected: undefined
  },
  { source: "RFC 9111 §1.2.2 (the same cap)", name: "2^31 - 1 is kept", value: "2147483647", expected: cap },
  { source: "RFC 9111 §1.2.2", name: "2^31 is capped", value: "2147483648", expected: cap },
  { source: "RFC 9111 §1.2.2", name: "more digits than a number holds", value: "9".repeat(400), expected: cap },
  { source: "RFC 9110 §10.2.3", name: "a thousand leading zeros", value: "0".repeat(1000) + "5", expected: 5 }
]

const httpDates: ReadonlyArray<Vector> = [
  { source: "RFC 9110 §5.6.7", name: "IMF-fixdate", value: "Sun, 06 Nov 1994 08:49:37 GMT", expected: 37 },
  { source: "RFC 9110 §5.6.7", name: "RFC 850", value: "Sunday, 06-Nov-94 08:49:37 GMT", expected: 37 },
  { source: "RFC 9110 §5.6.7", name: "asctime", value: "Sun Nov  6 08:49:37 1994", expected: 37 },
  {
    source: "RFC 9110 §5.6.7",
    name: "asctime with a two-digit day",
    value: "Wed Nov 16 08:49:37 1994",
    expected: 864_037
  },
  {
    source: "Go's time.RFC1123 on a UTC time writes `UTC` (why net/http has TimeFormat)",
    name: "UTC for GMT",
    value: "Sun, 06 Nov 1994 08:49:37 UTC",
    expected: 37
  },
  {
    source: "Go's time.RFC850 on a UTC time",
    name: "UTC for GMT in an RFC 850 date",
    value: "Sunday, 06-Nov-94 08:49:37 UTC",
    expected: 37
  },
  {
    source: "RFC 5322 §3.3 (+0000 is universal time), as email-date formatters write it",
    name: "+0000 for GMT",
    value: "Sun, 06 Nov 1994 08:49:37 +0000",
    expected: 37
  },
  {
    source: "RFC 5322 §3.3",
    name: "-0000 for GMT",
    value: "Sun, 06 Nov 1994 08:49:37 -0000",
    expected: 37
  },

  {
    source: "RFC 9110 §5.6.7 (recipients are encouraged to be robust)",
    name: "names in another case",
    value: "sun, 06 NOV 1994 08:49:37 gmt",
    expected: 37
  },
  {
    source: "RFC 5322 §3.3 (day = 1*2DIGIT), which §5.6.7 asks recipients to be robust to",
    name: "a one-digit day",
    value: "Sun, 6 Nov 1994 08:49:37 GMT",
    expected: 37
  },
  {
    source: "RFC 9110 §5.6.7",
    name: "the day name is not checked against the date",
    value: "Mon, 06 Nov 1994 08:49:37 GMT",
    expected: 37
  },
  {
    source: "RFC 9110 §5.6.7 (second may be 60)",
    name: "a leap second is the second after",
    value: "Sun, 06 Nov 1994 08:49:60 GMT",
    expected: 60
  },
  {
    source: "RFC 9110 §10.2.3; standards 9110-16 (a past date means retry now)",
    name: "a date in the past is no wait",
    value: "Sun, 06 Nov 1994 08:49:37 GMT",
    now: example + 3_600_000,
    expected: 0
  },
  {
    source: "RFC 9110 §10.2.3",
    name: "the date itself is no wait",
    value: "Sun, 06 Nov 1994 08:49:37 GMT",
    now: example,
    expected: 0
  },
  {
    source: "RFC 9110 §10.2.3",
    name: "a wait measured to the millisecond",
    value: "Sun, 06 Nov 1994 08:49:37 GMT",
    now: example - 1_500,
    expected: 1.5
  },
  {
    source: "RFC 9111 §1.2.2 (the same cap)",
    name: "a date thousands of years on is capped",
    value: "Fri, 31 Dec 9999 23:59:59 GMT",
    expected: cap
  },
  {
    source: "RFC 9110 §5.6.7 (a leap year)",
    name: "29 Feb of a leap year",
    value: "Thu, 29 Feb 1996 00:00:00 GMT",
    now: Date.UTC(1996, 1, 28),
    expected: 86_400
  },
  {
    source: "RFC 9110 §5.6.7 (2000 is a leap year: divisible by 400)",
    name: "29 Feb 2000",
    value: "Tue, 29 Feb 2000 00:00:00 GMT",
    now: Date.UTC(2000, 1, 28),
    expected: 86_400
  }
]

/** Not HTTP-dates: an impossible date is refused, never rolled over into the next month or day. */
const notHttpDates: ReadonlyArray<readonly [string, string]> = [
  ["30 Feb", "Wed, 30 Feb 1994 08:49:37 GMT"],
  ["29 Feb of a common year", "Wed, 29 Feb 1995 08:49:37 GMT"],
  ["29 Feb 1900 (divisible by 100, not by 400)", "Thu, 29 Feb 1900 08:49:37 GMT"],
  ["31 Apr", "Sun, 31 Apr 1994 08:49:37 GMT"],
  ["day 00", "Sun, 00 Nov 1994 08:49:37 GMT"],
  ["day 32", "Sun, 32 Nov 1994 08:49:37 GMT"],
  ["hour 25", "Sun, 06 Nov 1994 25:49:37 GMT"],
  ["hour 24", "Sun, 06 Nov 1994 24:00:00 GMT"],
  ["minute 60", "Sun, 06 Nov 1994 08:60:37 GMT"],
  ["second 61", "Sun, 06 Nov 1994 08:49:61 GMT"],
  ["an unknown month", "Sun, 06 Nvm 1994 08:49:37 GMT"],
  ["an unknown day name", "Sol, 06 Nov 1994 08:49:37 GMT"],
  ["a three-digit year", "Sun, 06 Nov 994 08:49:37 GMT"],
  ["a five-digit year", "Sun, 06 Nov 19940 08:49:37 GMT"],
  ["a two-digit year in IMF-fixdate", "Sun, 06 Nov 94 08:49:37 GMT"],
  ["a three-digit day", "Sun, 006 Nov 1994 08:49:37 GMT"],
  ["a one-digit hour", "Sun, 06 Nov 1994 8:49:37 GMT"],
  ["no zone", "Sun, 06 Nov 1994 08:49:37"],
  ["another zone", "Sun, 06 Nov 1994 08:49:37 PST"],
  ["an offset other than +0000", "Sun, 06 Nov 1994 08:49:37 +0100"],
  ["an offset without its digits", "Sun, 06 Nov 1994 08:49:37 +00"],
  ["junk after the zone", "Sun, 06 Nov 1994 08:49:37 GMT+1"],
  ["no time", "Sun, 06 Nov 1994"],
  ["no day name", "06 Nov 1994 08:49:37 GMT"],
  ["no space after the comma", "Sun,06 Nov 1994 08:49:37 GMT"],
  ["a zone after asctime", "Sun Nov  6 08:49:37 1994 GMT"],
  ["asctime with a two-digit year", "Sun Nov  6 08:49:37 94"],
  ["ISO 8601", "1994-11-06T08:49:37Z"],
  ["what `new Date(string)` would take", "November 6, 1994 08:49:37"],
  ["a day name alone", "Sunday"]
]

/** Formats an epoch second as asctime, `Sun Nov  6 08:49:37 1994`, from its UTC parts. */
const asctime = (millis: number): string => {
  const date = new Date(millis)
  const [day, , month, year, time] = date.toUTCString().split(" ")
  return `${day!.slice(0, 3)} ${month} ${String(date.getUTCDate()).padStart(2, " ")} ${time} ${year}`
}

const longDayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

/** Formats an instant as an RFC 850 date, `Sunday, 06-Nov-94 08:49:37 GMT`, from its UTC parts. */
const rfc850 = (millis: number): string => {
  const date = new Date(millis)
  const [, dd, month, year, time] = date.toUTCString().split(" ")
  return `${longDayNames[date.getUTCDay()]}, ${dd}-${month}-${year!.slice(-2)} ${time} GMT`
}

const secondsPerYear = 31_556_952 // a mean Gregorian year

/** Text that looks like a Retry-After value or an HTTP-date, and the pieces that break date parsers. */
const dateish = Arbitrary.array(
  Arbitrary.schema(Schema.Literals([
    "Sun",
    "Sunday",
    "Nov",
    "Feb",
    ",",
    ", ",
    " ",
    "  ",
    "\t",
    "-",
    "06",
    "6",
    "30",
    "94",
    "1994",
    "08:49:37",
    "25:00:00",
    ":",
    "GMT",
    "UTC",
    "120",
    "-5",
    "1.5",
    "5s",
    "9999999999",
    "\u0000",
    "\u0661"
  ])),
  { maxLength: 16 }
).pipe(Arbitrary.map((pieces) => pieces.join("")))

/** A result `parse` may give: nothing, or a wait from zero to the cap. */
const assertWait = (wait: Duration.Duration | undefined, input: unknown): void => {
  if (wait === undefined) return
  const millis = Duration.toMillis(wait)
  assert.isTrue(millis >= 0 && millis <= cap * 1000, JSON.stringify(input))
}

describe("RetryAfter", () => {
  describe("parse", () => {
    for (const vector of delaySeconds) {
      it(`9110-15: delay-seconds, ${vector.name} (${vector.source})`, () => {
        assert.strictEqual(secondsOf(RetryAfter.parse(vector.value, vector.now ?? before)), vector.expected)
      })
    }

    for (const vector of httpDates) {
      it(`9110-16: HTTP-date, ${vector.name} (${vector.source})`, () => {
        assert.strictEqual(secondsOf(RetryAfter.parse(vector.value, vector.now ?? before)), vector.expected)
      })
    }

    for (const [name, value] of notHttpDates) {
      it(`9110-16: not an HTTP-date: ${name} (RFC 9110 §5.6.7)`, () => {
        assert.isUndefined(RetryAfter.parse(value, before))
        assert.isUndefined(RetryAfter.parseHttpDate(value, before))
      })
    }

    it("9110-15: no field is no wait, and a date needs a finite now (RFC 9110 §10.2.3)", () => {
      assert.isUndefined(RetryAfter.parse(undefined, before))
      assert.isUndefined(RetryAfter.parse([], before))
      assert.isUndefined(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", Number.NaN))
      assert.strictEqual(secondsOf(RetryAfter.parse("120", Number.NaN)), 120)
    })

    it("9110-16: caps every wait at maxDelay, 2^31 - 1 seconds (RFC 9111 §1.2.2)", () => {
      assert.strictEqual(Duration.toSeconds(RetryAfter.maxDelay), cap)
      assert.isTrue(Duration.equals(RetryAfter.parse("99999999999", before)!, RetryAfter.maxDelay))
    })
  })

  describe("RFC 850 two-digit years (9110-16, RFC 9110 §5.6.7)", () => {
    // a `now` chosen so that the boundary is a known instant: 2076-06-15T12:00:00Z is exactly 50 years on
    const now = Date.UTC(2026, 5, 15, 12, 0, 0)
    const cases: ReadonlyArray<readonly [string, string, number, number]> = [
      [
        "exactly 50 years ahead is not more than 50: 2076",
        "Monday, 15-Jun-76 12:00:00 GMT",
        now,
        Date.UTC(2076, 5, 15, 12)
      ],
      [
        "one second more than 50 years ahead is the past: 1976",
        "Tuesday, 15-Jun-76 12:00:01 GMT",
        now,
        Date.UTC(1976, 5, 15, 12, 0, 1)
      ],
      [
        "`70` in 2026 is 2070, 44 years ahead (a fixed pivot at 70 says 1970)",
        "Thursday, 01-Jan-70 00:00:00 GMT",
        now,
        Date
          .UTC(2070, 0, 1)
      ],
      ["`99` in 2026 is 1999", "Friday, 01-Jan-99 00:00:00 GMT", now, Date.UTC(1999, 0, 1)],
      ["`26` in 2026 is 2026", "Monday, 15-Jun-26 12:00:01 GMT", now, Date.UTC(2026, 5, 15, 12, 0, 1)],
      [
        "the same `70`, a second before 2020, is 1970: 2070 would be 50 years and a second ahead",
        "Thursday, 01-Jan-70 00:00:00 GMT",
        Date.UTC(2019, 11, 31, 23, 59, 59),
        Date.UTC(1970, 0, 1)
      ],
      [
        "`99` in 2080 is 2099 (a fixed pivot says 1999)",
        "Thursday, 01-Jan-99 00:00:00 GMT",
        Date.UTC(2080, 0, 1),
        Date.UTC(2099, 0, 1)
      ],
      [
        "`10` in 2080 is 2110, 30 years ahead, not 2010, 70 years behind",
        "Wednesday, 01-Jan-10 00:00:00 GMT",
        Date.UTC(2080, 0, 1),
        Date.UTC(2110, 0, 1)
      ],
      ["29 Feb of the year the rule picks, a leap year", "Thursday, 29-Feb-24 00:00:00 GMT", now, Date.UTC(2024, 1, 29)]
    ]
    for (const [name, text, at, expected] of cases) {
      it(`9110-16: ${name}`, () => {
        assert.strictEqual(RetryAfter.parseHttpDate(text, at), expected)
      })
    }

    it("9110-16: 29 Feb of a year the rule makes common is not a date", () => {
      assert.isUndefined(RetryAfter.parseHttpDate("Saturday, 29-Feb-25 00:00:00 GMT", now))
    })

    it("9110-16: the wait follows the year the rule picks: 50 years and a second ahead is the past, no wait", () => {
      assert.strictEqual(secondsOf(RetryAfter.parse("Tuesday, 15-Jun-76 12:00:01 GMT", now)), 0)
      assert.strictEqual(
        secondsOf(RetryAfter.parse("Monday, 15-Jun-76 12:00:00 GMT", now)),
        (Date.UTC(2076, 5, 15, 12) - now) / 1000
      )
    })

    it.prop("9110-16: any instant within 50 years of now, written as an RFC 850 date, reads back exactly", {
      now: Schema.Int.check(Schema.isBetween({ minimum: -2_208_988_800, maximum: 4_102_444_800 })),
      offset: Schema.Int.check(Schema.isBetween({ minimum: -49 * secondsPerYear, maximum: 49 * secondsPerYear }))
    }, ({ now, offset }) => {
      const instant = (now + offset) * 1000
      assert.strictEqual(RetryAfter.parseHttpDate(rfc850(instant), now * 1000), instant, rfc850(instant))
    }, { arbitrary: { runs: 1000 } })
  })

  describe("several field lines (RFC 9110 §5.3): the first valid value", () => {
    const cases: ReadonlyArray<readonly [string, string | ReadonlyArray<string>, number | undefined]> = [
      ["two delays", ["120", "60"], 120],
      ["an invalid one, then a delay", ["soon", "60"], 60],
      ["the same, joined", "soon, 60", 60],
      ["a date then a delay: the date's comma does not split it", "Sun, 06 Nov 1994 08:49:37 GMT, 120", 37],
      ["a delay then a date", "120, Sun, 06 Nov 1994 08:49:37 GMT", 120],
      ["an invalid one, then an RFC 850 date", "5s, Sunday, 06-Nov-94 08:49:37 GMT", 37],
      ["an invalid one, then an asctime date", "-5, Sun Nov  6 08:49:37 1994", 37],
      ["dates as lines", ["Sun, 06 Nov 1994 08:49:37 GMT", "120"], 37],
      ["a day name with nothing after its comma", "Sun, 60", 60],
      ["empty lines", ["", " ", "30"], 30],
      ["nothing valid", ["-5", "1.5", "5s"], undefined],
      ["only commas", " , ,", undefined]
    ]
    for (const [name, value, expected] of cases) {
      it(`9110-15: ${name}`, () => {
        assert.strictEqual(secondsOf(RetryAfter.parse(value, before)), expected)
      })
    }

    it.prop("9110-15: lines read as their combination with \", \"", {
      lines: Arbitrary.array(dateish, { maxLength: 4 })
    }, ({ lines }) => {
      assert.deepStrictEqual(
        secondsOf(RetryAfter.parse(lines, before)),
        secondsOf(RetryAfter.parse(lines.join(", "), before))
      )
    }, { arbitrary: { runs: 500 } })
  })

  describe("parseHttpDate", () => {
    it("9110-16: reads the three forms as the same epoch milliseconds (RFC 9110 §5.6.7)", () => {
      for (
        const text of ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"]
      ) {
        assert.strictEqual(RetryAfter.parseHttpDate(text, before), example, text)
      }
    })

    it("9110-16: reads years before 100 as themselves (Date.UTC would add 1900)", () => {
      assert.strictEqual(RetryAfter.parseHttpDate("Mon, 01 Jan 0001 00:00:00 GMT"), Date.parse("0001-01-01T00:00:00Z"))
      assert.strictEqual(RetryAfter.parseHttpDate("Sat, 31 Dec 0099 23:59:59 GMT"), Date.parse("0099-12-31T23:59:59Z"))
    })

    it.prop("9110-16: any epoch second from year 1 to 9999, as IMF-fixdate and as asctime, reads back exactly", {
      second: Schema.Int.check(Schema.isBetween({ minimum: -62_135_596_800, maximum: 253_402_300_799 }))
    }, ({ second }) => {
      const millis = second * 1000
      // the engine's own IMF-fixdate writer, independent of the reader under test
      const imf = new Date(millis).toUTCString()
      assert.strictEqual(RetryAfter.parseHttpDate(imf), millis, imf)
      assert.strictEqual(RetryAfter.parseHttpDate(asctime(millis)), millis, asctime(millis))
    }, { arbitrary: { runs: 1000 } })
  })

  describe("totality", () => {
    it.prop("never throws on arbitrary text, and gives no wait or one within the cap", { text: Schema.String }, ({
      text
    }) => {
      assertWait(RetryAfter.parse(text, before), text)
      const date = RetryAfter.parseHttpDate(text, before)
      assert.isTrue(date === undefined || Number.isFinite(date), JSON.stringify(text))
    }, { arbitrary: { runs: 1000 } })

    it.prop("never throws on date-like garbage, and gives no wait or one within the cap", { text: dateish }, ({
      text
    }) => {
      assertWait(RetryAfter.parse(text, before), text)
      assertWait(RetryAfter.parse([text, text], before), text)
      const date = RetryAfter.parseHttpDate(text, before)
      assert.isTrue(date === undefined || Number.isFinite(date), JSON.stringify(text))
    }, { arbitrary: { runs: 2000 } })

    it("reads a 100 KB field of commas, digits or day names without trouble", () => {
      for (
        const field of [",".repeat(100_000), "9".repeat(100_000), "Sun, ".repeat(20_000), "Sun,".repeat(25_000) + "5"]
      ) {
        assertWait(RetryAfter.parse(field, before), field.slice(0, 20))
      }
      assert.strictEqual(secondsOf(RetryAfter.parse("Sun,".repeat(25_000) + "5", before)), 5)
    })
  })
})

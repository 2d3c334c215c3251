import { assert, describe, it } from "@effect/vitest"
import { ApiError, Catalog } from "@faultline/errors"
import { Bearer, Detect, Dialect, Envelope, OAuth } from "@faultline/wire"
import { Schema } from "effect"
import { readFileSync } from "node:fs"
import { builtIn, render } from "../src/Catalog.ts"

const page = readFileSync(new URL("../catalog.md", import.meta.url), "utf8")

/** The cells of the rows of a page's section, by their first cell. */
const rowsOf = (markdown: string, section: string): ReadonlyArray<ReadonlyArray<string>> => {
  const start = markdown.indexOf(`\n## ${section}\n`)
  assert.isAtLeast(start, 0, `no section ${section}`)
  const end = markdown.indexOf("\n## ", start + 1)
  return markdown.slice(start, end === -1 ? undefined : end).split("\n")
    .filter((line) =>
      line.startsWith("| ") && !line.startsWith("| ---") && !line.startsWith("| Code ") &&
      !line.startsWith("| Class ")
    )
    .map((line) => line.slice(2, -2).split(" | "))
}

class CardDeclined extends ApiError.Class<CardDeclined>()("CardDeclined", { declineCode: Schema.String }, {
  status: 402,
  title: "Payment Required",
  description: "The card was declined",
  source: "Payments API §4"
}) {}

describe("the catalog page", () => {
  it("docs/catalog.md is the page the dialects give now (pnpm run docs writes it)", () => {
    assert.strictEqual(page, render(builtIn()))
  })

  it("lists every dialect of @faultline/wire: the detector's, the challenge dialect and the redirect dialect", () => {
    const listed = builtIn().map(({ dialect }) => dialect)
    for (const dialect of [...Detect.dialects, Bearer.dialect, OAuth.redirectDialect]) {
      assert.include(listed, dialect, dialect.name)
    }
    assert.strictEqual(new Set(listed).size, listed.length)
  })

  it("has a row for every entry of Catalog.entries, in a dialect whose vocabulary holds it", () => {
    const missing: Array<string> = []
    for (const entry of Catalog.entries as ReadonlyArray<Catalog.Entry>) {
      const holder = builtIn().find(({ dialect }) =>
        dialect.codes.some((code) =>
          code.code === entry.code && code.status === entry.status && code.class === entry.class &&
          code.encodeOnly === (entry.encodeOnly === true)
        )
      )
      const tag = `${entry.class.tag}${entry.encodeOnly === true ? " (written only)" : ""}`
      const row = holder === undefined ?
        undefined :
        rowsOf(page, holder.dialect.name).find((cells) =>
          cells[0] === `\`${entry.code}\`` && cells[1] === String(entry.status) && cells[2] === tag
        )
      if (row === undefined) missing.push(`${entry.dialect} ${entry.code} ${entry.status} ${tag}`)
    }
    assert.deepStrictEqual(missing, [])
  })

  it("says a 5xx's message is not shown and a rate limit is retryable, as the errors themselves do", () => {
    const envelope = rowsOf(page, "envelope")
    const internal = envelope.find((cells) => cells[0] === "`internal_error`")!
    const limited = envelope.find((cells) => cells[0] === "`rate_limit_exceeded`")!
    assert.deepStrictEqual([internal[2], internal[3], internal[4]], ["InternalError", "yes", "no"])
    assert.deepStrictEqual([limited[2], limited[3], limited[4]], ["RateLimited", "yes", "yes"])
    assert.deepStrictEqual(
      [new ApiError.InternalError().exposeMessage, new ApiError.RateLimited().retryable],
      [false, true]
    )
  })

  it("spells each class as the dialect's codeFor does, marking a code that reads back as another class", () => {
    const classes = rowsOf(page, "Classes")
    const names = builtIn().map(({ dialect }) => dialect.name)
    const expired = classes.find((cells) => cells[0] === "TokenExpired")!
    assert.strictEqual(expired[4 + names.indexOf("envelope")], "`unauthorized` → Unauthorized")
    assert.strictEqual(expired[4 + names.indexOf("flat")], "`token_expired`")
  })

  it("renders a user's vocabulary the same way", () => {
    const Payments = Envelope.dialect.pipe(
      Dialect.withCodes([{ code: "card_declined", status: 402, class: CardDeclined }])
    )
    const rendered = render([{ name: "Payments", dialect: Payments }])
    assert.deepStrictEqual(rowsOf(rendered, "envelope").find((cells) => cells[0] === "`card_declined`"), [
      "`card_declined`",
      "402",
      "CardDeclined",
      "no",
      "yes",
      "The card was declined",
      "Payments API §4"
    ])
    assert.deepStrictEqual(rowsOf(rendered, "Classes").find((cells) => cells[0] === "CardDeclined"), [
      "CardDeclined",
      "402",
      "no",
      "yes",
      "`card_declined`"
    ])
  })
})

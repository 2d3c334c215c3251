import type { Schema } from "effect"
import { keepMember } from "./shape.ts"

type Element = { [name: string]: Schema.Json }

const maxDepth = 8

const entities: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: "\"", apos: "'" }

/** Character references and the five predefined entities; anything else is left as written (no DTD is read). */
const decodeText = (text: string): string =>
  text.indexOf("&") === -1 ?
    text :
    text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, name: string) => {
      if (name.charCodeAt(0) !== 35) return entities[name] ?? whole
      const code = name.charCodeAt(1) === 120 ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10)
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : "\ufffd"
    })

/**
 * Reads an XML document of elements and text into JSON: an element with
 * child elements is an object of them (the first of a repeated name kept),
 * one without is its text. Attributes, comments, processing instructions and
 * the declaration are skipped; a document with a DOCTYPE, or malformed, is
 * `undefined`. Linear in the text's length.
 *
 * @internal
 */
export const readXml = (text: string): Element | undefined => {
  let at = 0
  const length = text.length
  const root: Element = {}
  const stack: Array<
    { readonly name: string; readonly children: Element; readonly textStart: number; elements: number }
  > = []
  while (at < length) {
    const open = text.indexOf("<", at)
    if (open === -1) break
    const next = text.charCodeAt(open + 1)
    if (next === 63 /* ? */) {
      const end = text.indexOf("?>", open + 2)
      if (end === -1) return undefined
      at = end + 2
      continue
    }
    if (next === 33 /* ! */) {
      if (text.startsWith("<!--", open)) {
        const end = text.indexOf("-->", open + 4)
        if (end === -1) return undefined
        at = end + 3
        continue
      }
      if (text.startsWith("<![CDATA[", open)) {
        const end = text.indexOf("]]>", open + 9)
        if (end === -1) return undefined
        at = end + 3
        continue
      }
      // a DOCTYPE could declare entities: such a document is not read at all
      return undefined
    }
    const close = text.indexOf(">", open + 1)
    if (close === -1) return undefined
    if (next === 47 /* / */) {
      const name = text.slice(open + 2, close).trim()
      const element = stack.pop()
      if (element === undefined || element.name !== name) return undefined
      const parent = stack.length === 0 ? root : stack[stack.length - 1]!.children
      if (!Object.hasOwn(parent, name)) {
        const value: Schema.Json = element.elements > 0 ? element.children : textOf(text.slice(element.textStart, open))
        keepMember(parent as Record<string, Schema.Json>, name, value)
      }
      if (stack.length > 0) stack[stack.length - 1]!.elements++
      at = close + 1
      continue
    }
    const tag = text.slice(open + 1, close)
    const selfClosing = tag.endsWith("/")
    const name = /^[A-Za-z_][\w.-]*/.exec(tag)?.[0]
    if (name === undefined) return undefined
    if (selfClosing) {
      const parent = stack.length === 0 ? root : stack[stack.length - 1]!.children
      if (!Object.hasOwn(parent, name)) keepMember(parent as Record<string, Schema.Json>, name, "")
      if (stack.length > 0) stack[stack.length - 1]!.elements++
    } else {
      if (stack.length === maxDepth) return undefined
      stack.push({ name, children: {}, textStart: close + 1, elements: 0 })
    }
    at = close + 1
  }
  return stack.length === 0 ? root : undefined
}

const textOf = (raw: string): string => {
  // CDATA sections keep their text as written
  if (raw.indexOf("<![CDATA[") === -1) return decodeText(raw)
  return raw.replace(
    /<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g,
    (_, cdata: string | undefined, plain: string | undefined) => cdata ?? decodeText(plain ?? "")
  )
}

const isName = (name: string): boolean => /^[A-Za-z_][\w.-]*$/.test(name) && !/^xml/i.test(name)

/** Text as XML: the markup characters escaped, characters XML 1.0 cannot carry replaced (U+FFFD). */
const escapeText = (text: string): string =>
  text.replace(/[&<>\r]/g, (c) => c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&#13;")
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      "\ufffd"
    )

/**
 * Writes JSON as XML elements: an object's members as child elements, a
 * list as its items repeated, text escaped; `null` and members whose names
 * cannot be XML names are left out.
 *
 * @internal
 */
export const writeXml = (name: string, value: Schema.Json): string => {
  if (value === null || !isName(name)) return ""
  if (Array.isArray(value)) return value.map((item) => writeXml(name, item)).join("")
  if (typeof value === "object") {
    let inner = ""
    const members = value as { readonly [key: string]: Schema.Json }
    for (const key in members) inner += writeXml(key, members[key]!)
    return `<${name}>${inner}</${name}>`
  }
  return `<${name}>${escapeText(String(value))}</${name}>`
}

import type { Schema } from "effect"
import { isObject } from "./json.ts"
import {
  type Fetch,
  interpretFetch,
  keepMember,
  type Layout,
  type Match,
  memberOf,
  Mismatch,
  noMembers,
  pick,
  quote,
  type Segment,
  Slot,
  textOf,
  write
} from "./shape.ts"

/**
 * Code generated per dialect: the parts of encoding and decoding that depend
 * on a dialect's member names — taking a body's parts out, and writing a body
 * — as functions of their own, with the names as literals. Each dialect then
 * has its own type feedback (shared functions go megamorphic once several
 * dialects run in one process) and no loop over its shape runs per response.
 * This is what Effect's `SchemaJITCompiler` does for schemas; where code
 * cannot be generated at run time (a CSP without `unsafe-eval`), the layout's
 * interpreters (`interpretFetch`, `write`) are used instead: the same results,
 * slower. The generated functions and the interpreters are tested to agree.
 *
 * @internal
 */
export type Writer = (
  values: ReadonlyArray<unknown>,
  extensions: { readonly [key: string]: unknown } | undefined
) => string

type Node = Layout["tree"]

/**
 * Whether code may be generated here: `false` under a CSP that forbids it.
 *
 * @internal
 */
export const canGenerate: boolean = (() => {
  try {
    return new Function("return 1")() === 1
  } catch {
    return false
  }
})()

let serial = 0

/** A JavaScript string literal. */
const literal = (text: string): string => JSON.stringify(text)

/** Names `Object.prototype` has: read with an own-property check, never with a plain lookup. */
const inherited = (name: string): boolean => name in Object.prototype || name === "__proto__"

/**
 * The writer of a layout: generated when code can be, else the interpreter.
 *
 * @internal
 */
export const compileWriter = (layout: Layout, generate = canGenerate): Writer => {
  const interpreted: Writer = (values, extensions) => write(layout, values, extensions)
  if (!generate) return interpreted
  try {
    return generateWriter(layout)
  } catch {
    return interpreted
  }
}

const generateWriter = (layout: Layout): Writer => {
  const lines: Array<string> = []
  let variables = 0
  const comma = (out: string) => `(${out}.length === 1 ? "" : ",")`
  const emit = (node: Node, out: string): void => {
    for (const child of node.children) {
      if (child._tag === "Leaf") {
        const value = `v${variables++}`
        const prefix = literal(child.prefix)
        const text = child.id === Slot.code || child.id === Slot.title ? value : `text(${value})`
        lines.push(`let ${value} = values[${child.id}];`)
        for (const other of child.others) lines.push(`if (${value} === undefined) ${value} = values[${other}];`)
        let otherwise = ""
        if (node.container && !layout.owned.has(child.key)) {
          // a member the slot left free is the error's extension's, in the slot's place
          otherwise += ` else if (extensions !== undefined && hasOwn(extensions, ${literal(child.key)})) ` +
            `${out} += ${comma(out)} + ${prefix} + JSON.stringify(extensions[${literal(child.key)}]);`
        }
        if (child.absent === "null") otherwise += ` else ${out} += ${comma(out)} + ${literal(child.prefix + "null")};`
        lines.push(`if (${value} !== undefined) ${out} += ${comma(out)} + ${prefix} + ${text};${otherwise}`)
      } else {
        const inner = `o${variables++}`
        lines.push(`let ${inner} = "{";`)
        emit(child, inner)
        lines.push(
          child.container
            ? `${out} += ${comma(out)} + ${literal(child.prefix)} + ${inner} + "}";`
            : `if (${inner}.length > 1) ${out} += ${comma(out)} + ${literal(child.prefix)} + ${inner} + "}";`
        )
      }
    }
    if (node.container) {
      lines.push(
        `if (extensions !== undefined) ${out} += rest(extensions, ${
          literal(JSON.stringify(Array.from(node.byKey.keys())))
        }, ${out}.length === 1);`
      )
    }
  }
  emit(layout.tree, "out")
  const source = `return function write_${serial++}(values, extensions) {\nlet out = ${
    literal(`{${layout.constants}`)
  };\n${lines.join("\n")}\nreturn out + "}";\n}`
  const taken = new Map<string, ReadonlySet<string>>()
  const owned = layout.owned
  const rest = (extensions: { readonly [key: string]: unknown }, names: string, first: boolean): string => {
    let set = taken.get(names)
    if (set === undefined) {
      set = new Set(JSON.parse(names) as Array<string>)
      taken.set(names, set)
    }
    let out = ""
    for (const key in extensions) {
      if (set.has(key) || owned.has(key)) continue
      out += `${first && out.length === 0 ? "" : ","}${quote(key)}:${JSON.stringify(extensions[key])}`
    }
    return out
  }
  return new Function("text", "hasOwn", "rest", source)(textOf, Object.hasOwn, rest) as Writer
}

/**
 * The fetch of a layout: generated when code can be, else the interpreter.
 *
 * @internal
 */
export const compileFetch = (layout: Layout, generate = canGenerate): Fetch => {
  const interpreted = interpretFetch(layout)
  if (!generate) return interpreted
  try {
    return generateFetch(layout)
  } catch {
    return interpreted
  }
}

const generateFetch = (layout: Layout): Fetch => {
  const lenient = layout.lenientNames
  const lines: Array<string> = []
  let variables = 0
  /** A member of an object known to be one. */
  const member = (object: string, name: string) =>
    lenient ? `member(${object}, ${literal(name)}, true)` : inherited(name)
      ? `(hasOwn(${object}, ${literal(name)}) ? ${object}[${literal(name)}] : undefined)`
      : `${object}[${literal(name)}]`
  const claimedTest = (names: ReadonlySet<string>, key: string) => {
    const tests = Array.from(names, (name) => `${key} === ${literal(name)}`)
    if (lenient) tests.push(`claimed(${key}, ${literal(JSON.stringify(Array.from(names)))})`)
    return tests.length === 0 ? "false" : tests.join(" || ")
  }
  // down the code's path, keeping what no slot claims
  const objects: Array<string> = ["json"]
  for (let depth = 0; depth <= layout.container.length; depth++) {
    const object = objects[depth]!
    lines.push(
      `for (const key in ${object}) { if (${
        claimedTest(layout.claimed[depth]!, "key")
      }) continue; extensions = keep(extensions, key, ${object}[key]); }`
    )
    if (depth === layout.container.length) break
    const next = `c${variables++}`
    lines.push(`let ${next} = ${member(object, layout.container[depth]!)};`)
    lines.push(`if (${next} === undefined) ${next} = noMembers; else if (!isObject(${next})) return Mismatch;`)
    objects.push(next)
  }
  // the matches that pick items of lists, as constants of the generated function
  const matches: Array<Match> = []
  /** The lines that read a place into a fresh variable, from the deepest object of the code's path above it. */
  const place = (path: ReadonlyArray<Segment>, out: Array<string>): string => {
    let common = 0
    while (common < layout.container.length && common < path.length - 1 && path[common] === layout.container[common]) {
      common++
    }
    let expression = objects[common]!
    for (let i = common; i < path.length; i++) {
      const value = `p${variables++}`
      const segment = path[i]!
      if (typeof segment !== "string") {
        matches.push(segment)
        out.push(`let ${value} = pick(${expression}, matches[${matches.length - 1}]);`)
      } else {
        out.push(
          i === common
            ? `let ${value} = ${member(expression, segment)};`
            : `let ${value} = isObject(${expression}) ? ${member(expression, segment)} : undefined;`
        )
      }
      expression = value
    }
    return expression
  }
  // each slot's raw value; an alias is read only where the member itself says nothing
  layout.paths.forEach((path, id) => {
    if (path === undefined) {
      lines.push(`raw[${id}] = undefined;`)
      return
    }
    const value = place(path, lines)
    for (const alias of layout.aliases[id] ?? []) {
      const block: Array<string> = []
      const other = place(alias, block)
      lines.push(`if (${value} === undefined || ${value} === null) { ${block.join(" ")} ${value} = ${other}; }`)
    }
    lines.push(`raw[${id}] = ${value};`)
  })
  const source = `return function fetch_${serial++}(json, raw) {\nlet extensions;\n${
    lines.join("\n")
  }\nreturn extensions;\n}`
  const claimedSets = new Map<string, ReadonlySet<string>>()
  const claimed = (key: string, names: string): boolean => {
    let set = claimedSets.get(names)
    if (set === undefined) {
      set = new Set(JSON.parse(names) as Array<string>)
      claimedSets.set(names, set)
    }
    return set.has(key.trim())
  }
  return new Function(
    "isObject",
    "hasOwn",
    "member",
    "keep",
    "claimed",
    "Mismatch",
    "pick",
    "matches",
    "noMembers",
    source
  )(
    isObject,
    Object.hasOwn,
    memberOf,
    keepMember,
    claimed,
    Mismatch,
    pick,
    matches,
    noMembers
  ) as (json: { readonly [key: string]: Schema.Json }, raw: Array<unknown>) => ReturnType<Fetch>
}

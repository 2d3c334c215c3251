import type { Schema } from "effect"
import { canGenerate } from "./jit.ts"
import { isObject } from "./json.ts"
import type { Path } from "./shape.ts"
import { isCodeToken } from "./vocabulary.ts"

/**
 * The JSON type of a value, as evidence tests it; `token` is a string that
 * can be a code (no whitespace), not prose.
 *
 * @internal
 */
export type JsonType = "string" | "number" | "boolean" | "object" | "array" | "null" | "token"

/**
 * A member of a body, and what its value must be: of a JSON type (any of
 * several), one of some values, or only present.
 *
 * @internal
 */
export interface Signal {
  readonly path: Path
  readonly is?: JsonType | ReadonlyArray<JsonType> | undefined
  readonly in?: ReadonlyArray<string | number | boolean | null> | undefined
}

/**
 * One way a dialect's responses show themselves: members the body has,
 * members it lacks, header fields the response carries. Every part must hold.
 *
 * @internal
 */
export interface Evidence {
  readonly has?: ReadonlyArray<Path | Signal> | undefined
  readonly lacks?: ReadonlyArray<Path | Signal> | undefined
  /** Header field names, lower case. */
  readonly headers?: ReadonlyArray<string> | undefined
}

/**
 * A predicate, for what evidence cannot say; it is called in its turn, on
 * every body that reaches it.
 *
 * @internal
 */
export type Predicate = (json: Schema.Json, headers?: Readonly<Record<string, string>>) => boolean

/**
 * How a dialect recognises its responses: evidence, alternatives of
 * evidence (any may hold), or a predicate.
 *
 * @internal
 */
export type Recognizer = Evidence | ReadonlyArray<Evidence> | Predicate

const typeBits: Record<JsonType, number> = {
  string: 1,
  number: 2,
  boolean: 4,
  object: 8,
  array: 16,
  null: 32,
  token: 64
}

/** The type bits of a value; whether a string is a token is looked at only where evidence asks. */
const bitsOf = (value: Schema.Json, token: boolean): number => {
  switch (typeof value) {
    case "string":
      return token && isCodeToken(value) ? 65 : 1
    case "number":
      return 2
    case "boolean":
      return 4
    default:
      return value === null ? 32 : Array.isArray(value) ? 16 : 8
  }
}

interface Feature {
  readonly id: number
  /** The type bits any of which the value must have; 0 for any value. */
  readonly bits: number
  readonly values: ReadonlySet<unknown> | undefined
}

interface Node {
  readonly children: Map<string, Node>
  readonly features: Array<Feature>
  /** Whether a signal here asks for a token. */
  token: boolean
  /** Whether a signal here asks for more than presence (a type or a value). */
  typed: boolean
}

const newNode = (): Node => ({ children: new Map(), features: [], token: false, typed: false })

interface Alternative {
  readonly has: ReadonlyArray<number>
  readonly lacks: ReadonlyArray<number>
  readonly headers: ReadonlyArray<string>
}

type Rule = { readonly _tag: "Evidence"; readonly alternatives: ReadonlyArray<Alternative> } | {
  readonly _tag: "Predicate"
  readonly predicate: Predicate
}

/**
 * A compiled set of recognizers: `classify` walks a body once — each object
 * on a path some evidence names, each of its members once — marking the
 * signals that hold, then gives the index of the first recognizer whose
 * evidence holds (`-1` for none). The order of the recognizers is the order
 * of preference; no recognizer is tried by running it over the body.
 *
 * @internal
 */
export interface Classifier {
  readonly classify: (json: Schema.Json, headers: Readonly<Record<string, string>>) => number
}

const isSignal = (signal: Path | Signal): signal is Signal => !Array.isArray(signal)

/**
 * Compiles recognizers (`undefined` recognises nothing).
 *
 * @internal
 */
export const compile = (recognizers: ReadonlyArray<Recognizer | undefined>): Classifier => {
  const root = newNode()
  const features = new Map<string, number>()
  let count = 0
  const featureOf = (signal: Path | Signal): number => {
    const path = isSignal(signal) ? signal.path : signal
    const types = isSignal(signal) && signal.is !== undefined
      ? (typeof signal.is === "string" ? [signal.is] : signal.is)
      : []
    const bits = types.reduce((all, type) => all | typeBits[type], 0)
    const values = isSignal(signal) && signal.in !== undefined ? new Set<unknown>(signal.in) : undefined
    const key = JSON.stringify([path, bits, values === undefined ? null : Array.from(values)])
    const known = features.get(key)
    if (known !== undefined) return known
    const id = count++
    features.set(key, id)
    let node = root
    for (const segment of path) {
      let next = node.children.get(segment)
      if (next === undefined) {
        next = newNode()
        node.children.set(segment, next)
      }
      node = next
    }
    node.features.push({ id, bits, values })
    if ((bits & typeBits.token) !== 0) node.token = true
    if (bits !== 0) node.typed = true
    return id
  }
  const rules: Array<Rule | undefined> = recognizers.map((recognizer) => {
    if (recognizer === undefined) return undefined
    if (typeof recognizer === "function") return { _tag: "Predicate", predicate: recognizer }
    const alternatives = (Array.isArray(recognizer) ? recognizer : [recognizer]) as ReadonlyArray<Evidence>
    return {
      _tag: "Evidence",
      alternatives: alternatives.map((evidence) => ({
        has: (evidence.has ?? []).map(featureOf),
        lacks: (evidence.lacks ?? []).map(featureOf),
        headers: (evidence.headers ?? []).map((name) => name.toLowerCase())
      }))
    }
  })

  // a signal holds in this pass when its mark is the pass's number: nothing is cleared between passes
  const marks = new Int32Array(Math.max(count, 1))
  let pass = 0
  // the signals marked in this pass, in the order the walk found them
  const marked = new Int32Array(Math.max(count, 1))
  let markedCount = 0

  // Each alternative waits on the first signal it needs: only the alternatives of signals the walk marked are
  // weighed, so a body costs the members it has, not the number of dialects. Alternatives that need no member
  // (header evidence alone) and predicates are weighed in their turn.
  const bySignal: Array<Array<readonly [rule: number, alternative: Alternative]>> = Array.from(
    { length: count },
    () => []
  )
  const unkeyed: Array<readonly [rule: number, alternative: Alternative | undefined]> = []
  rules.forEach((rule, index) => {
    if (rule === undefined) return
    if (rule._tag === "Predicate") {
      unkeyed.push([index, undefined])
      return
    }
    for (const alternative of rule.alternatives) {
      if (alternative.has.length > 0) bySignal[alternative.has[0]!]!.push([index, alternative])
      else unkeyed.push([index, alternative])
    }
  })

  const visit = (node: Node, value: Schema.Json): void => {
    const nodeFeatures = node.features
    if (nodeFeatures.length > 0) {
      const bits = node.typed ? bitsOf(value, node.token) : 0
      for (let i = 0; i < nodeFeatures.length; i++) {
        const feature = nodeFeatures[i]!
        if (feature.bits !== 0 && (feature.bits & bits) === 0) continue
        if (feature.values !== undefined && !feature.values.has(value)) continue
        if (marks[feature.id] !== pass) {
          marks[feature.id] = pass
          marked[markedCount++] = feature.id
        }
      }
    }
    if (node.children.size === 0) return
    // a path through a list looks at its first item (`errors[0].detail`)
    const object = Array.isArray(value) ? value[0] : value
    if (!isObject(object)) return
    walk(node, object)
  }

  const walk = (node: Node, object: { readonly [key: string]: Schema.Json }): void => {
    const children = node.children
    for (const key in object) {
      const child = children.get(key)
      if (child !== undefined) visit(child, object[key]!)
    }
  }

  const holds = (alternative: Alternative, headers: Readonly<Record<string, string>>): boolean => {
    const { has, lacks } = alternative
    for (let i = 0; i < has.length; i++) if (marks[has[i]!] !== pass) return false
    for (let i = 0; i < lacks.length; i++) if (marks[lacks[i]!] === pass) return false
    const names = alternative.headers
    for (let i = 0; i < names.length; i++) if (headers[names[i]!] === undefined) return false
    return true
  }

  const classify = (json: Schema.Json, headers: Readonly<Record<string, string>>): number => {
    pass = pass === 0x3fffffff ? 1 : pass + 1
    if (pass === 1) marks.fill(0)
    markedCount = 0
    if (isObject(json)) walk(root, json)
    // the first recognizer, in order, whose evidence holds
    let best = -1
    for (let i = 0; i < markedCount; i++) {
      const waiting = bySignal[marked[i]!]!
      for (let j = 0; j < waiting.length; j++) {
        const [rule, alternative] = waiting[j]!
        if ((best === -1 || rule < best) && holds(alternative, headers)) best = rule
      }
    }
    for (let i = 0; i < unkeyed.length; i++) {
      const [rule, alternative] = unkeyed[i]!
      if (best !== -1 && rule >= best) break
      const held = alternative === undefined
        ? safely((rules[rule] as { readonly predicate: Predicate }).predicate, json, headers)
        : holds(alternative, headers)
      if (held) return rule
    }
    return best
  }
  return { classify }
}

/**
 * Compiles recognizers into a generated function where code can be
 * generated (the interpreter above where it cannot, a CSP without
 * `unsafe-eval`; the two are tested to agree): the walk as a `switch` over
 * the body's member names per object, each signal a local flag, each
 * recognizer a test of flags, in order.
 *
 * @internal
 */
export const compileClassifier = (
  recognizers: ReadonlyArray<Recognizer | undefined>,
  generate: boolean = canGenerate
): Classifier => {
  const interpreted = compile(recognizers)
  if (!generate) return interpreted
  try {
    return generateClassifier(recognizers)
  } catch {
    return interpreted
  }
}

const generateClassifier = (recognizers: ReadonlyArray<Recognizer | undefined>): Classifier => {
  interface GenNode {
    readonly children: Map<string, GenNode>
    readonly features: Array<{ readonly id: number; readonly bits: number; readonly values: ReadonlyArray<unknown> }>
  }
  const root: GenNode = { children: new Map(), features: [] }
  const features = new Map<string, number>()
  const constants: Array<unknown> = []
  const featureOf = (signal: Path | Signal): number => {
    const path = isSignal(signal) ? signal.path : signal
    const types = isSignal(signal) && signal.is !== undefined
      ? (typeof signal.is === "string" ? [signal.is] : signal.is)
      : []
    const bits = types.reduce((all, type) => all | typeBits[type], 0)
    const values = isSignal(signal) && signal.in !== undefined ? Array.from(new Set<unknown>(signal.in)) : []
    const key = JSON.stringify([path, bits, values])
    const known = features.get(key)
    if (known !== undefined) return known
    const id = features.size
    features.set(key, id)
    let node = root
    for (const segment of path) {
      let next = node.children.get(segment)
      if (next === undefined) {
        next = { children: new Map(), features: [] }
        node.children.set(segment, next)
      }
      node = next
    }
    node.features.push({ id, bits, values })
    return id
  }
  const constant = (value: unknown): string => {
    constants.push(value)
    return `c[${constants.length - 1}]`
  }
  const tests: Array<string> = []
  recognizers.forEach((recognizer, index) => {
    if (recognizer === undefined) return
    if (typeof recognizer === "function") {
      tests.push(`if (safely(${constant(recognizer)}, json, headers)) return ${index};`)
      return
    }
    const alternatives = (Array.isArray(recognizer) ? recognizer : [recognizer]) as ReadonlyArray<Evidence>
    const conditions = alternatives.map((evidence) => {
      const parts = [
        ...(evidence.has ?? []).map((signal) => `f${featureOf(signal)}`),
        ...(evidence.lacks ?? []).map((signal) => `!f${featureOf(signal)}`),
        ...(evidence.headers ?? []).map((name) => `headers[${JSON.stringify(name.toLowerCase())}] !== undefined`)
      ]
      return parts.length === 0 ? "true" : parts.join(" && ")
    })
    tests.push(`if (${conditions.map((condition) => `(${condition})`).join(" || ")}) return ${index};`)
  })
  const typeTest = (bits: number, value: string): string => {
    const parts: Array<string> = []
    if ((bits & typeBits.string) !== 0) parts.push(`typeof ${value} === "string"`)
    else if ((bits & typeBits.token) !== 0) parts.push(`(typeof ${value} === "string" && isToken(${value}))`)
    if ((bits & typeBits.number) !== 0) parts.push(`typeof ${value} === "number"`)
    if ((bits & typeBits.boolean) !== 0) parts.push(`typeof ${value} === "boolean"`)
    if ((bits & typeBits.null) !== 0) parts.push(`${value} === null`)
    if ((bits & typeBits.array) !== 0) parts.push(`Array.isArray(${value})`)
    if ((bits & typeBits.object) !== 0) parts.push(`isObject(${value})`)
    return parts.length === 0 ? "true" : parts.join(" || ")
  }
  const valueTest = (values: ReadonlyArray<unknown>, value: string): string =>
    values.length === 0
      ? "true"
      : values.length <= 4
      ? values.map((literal) => `${value} === ${JSON.stringify(literal)}`).join(" || ")
      : `${constant(new Set(values))}.has(${value})`
  let depth = 0
  const walk = (node: GenNode, object: string): string => {
    const level = depth++
    const cases = Array.from(node.children, ([name, child]) => {
      const value = `v${level}`
      const marks = child.features.map((feature) =>
        `if ((${typeTest(feature.bits, value)}) && (${valueTest(feature.values, value)})) f${feature.id} = true;`
      )
      let inner = ""
      if (child.children.size > 0) {
        // a path through a list looks at its first item
        const item = `o${level}`
        inner = `{ const ${item} = Array.isArray(${value}) ? ${value}[0] : ${value}; if (isObject(${item})) { ${
          walk(child, item)
        } } }`
      }
      return `case ${JSON.stringify(name)}: { ${marks.join(" ")} ${inner} break; }`
    })
    // one keyed read per member, before the switch: a read in each case would be a site with no type feedback until
    // its case is hit, and an optimized walk would keep giving way on it
    return `for (const k${level} in ${object}) { const v${level} = ${object}[k${level}]; switch (k${level}) { ${
      cases.join(" ")
    } } }`
  }
  const walked = walk(root, "json")
  const flags = Array.from({ length: features.size }, (_, id) => `f${id} = false`)
  const source = `return function classify_${serial++}(json, headers) {
${flags.length === 0 ? "" : `let ${flags.join(", ")};`}
if (isObject(json)) { ${walked} }
${tests.join("\n")}
return -1;
}`
  const classify = new Function("isObject", "isToken", "safely", "c", source)(isObject, isCodeToken, safely, constants)
  return { classify }
}

let serial = 0

/** A user's predicate that throws recognises nothing: detection never throws. */
const safely = (predicate: Predicate, json: Schema.Json, headers: Readonly<Record<string, string>>): boolean => {
  try {
    return predicate(json, headers) === true
  } catch {
    return false
  }
}

/**
 * One recognizer as a predicate, for a dialect's own `detect`.
 *
 * @internal
 */
export const predicateOf = (recognizer: Recognizer | undefined): Predicate | undefined => {
  if (recognizer === undefined) return undefined
  if (typeof recognizer === "function") return recognizer
  const classifier = compileClassifier([recognizer])
  return (json, headers) => classifier.classify(json, headers ?? noHeaders) === 0
}

const noHeaders: Readonly<Record<string, string>> = Object.freeze({})

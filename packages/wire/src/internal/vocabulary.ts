import { ApiError, Catalog } from "@faultline/errors"
import { isNqschar } from "./text.ts"

/**
 * A code of a dialect's vocabulary as declared: `code` and `status` may be
 * left out (the dialect's convention spells the class; the class's own status
 * is used).
 *
 * @internal
 */
export interface CodeEntry {
  readonly code?: string | undefined
  readonly status?: number | undefined
  readonly class: ApiError.AnyClass
  readonly resource?: string | undefined
  readonly encodeOnly?: boolean | undefined
  readonly source?: string | undefined
  readonly description?: string | undefined
}

/**
 * A code of a dialect's vocabulary, every fact filled in.
 *
 * @internal
 */
export interface Code {
  readonly code: string
  readonly status: number
  readonly class: ApiError.AnyClass
  readonly resource: string | undefined
  readonly template: Catalog.Template | undefined
  readonly encodeOnly: boolean
  readonly source: string
  readonly description: string
}

/**
 * How a dialect spells a class it has no code for.
 *
 * @internal
 */
export type Convention =
  | "snake_case"
  | "UPPER_SNAKE"
  | "kebab-case"
  | "status"
  | ((errorClass: ApiError.AnyClass, status: number) => string)

const words = (tag: string): Array<string> =>
  tag.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").split(/[\s_-]+/)
    .filter((word) => word.length > 0)

/**
 * A class's tag written by a named convention (`CardDeclined` → `card_declined`, `CARD_DECLINED`,
 * `card-declined`), or the status in digits.
 *
 * @internal
 */
export const spell = (convention: Convention, errorClass: ApiError.AnyClass, status: number): string => {
  switch (convention) {
    case "snake_case":
      return words(errorClass.tag).join("_").toLowerCase()
    case "UPPER_SNAKE":
      return words(errorClass.tag).join("_").toUpperCase()
    case "kebab-case":
      return words(errorClass.tag).join("-").toLowerCase()
    case "status":
      return String(status)
    default:
      return convention(errorClass, status)
  }
}

/**
 * What a dialect may carry and check at declaration.
 *
 * @internal
 */
export interface Rules {
  readonly name: string
  readonly convention: Convention | undefined
  /** `oauth`: codes are `1*NQSCHAR` (RFC 6749 Appendix A.7). */
  readonly charset: "any" | "oauth"
  /** Whether codes are sent with a redirect (302) rather than an error status. */
  readonly redirect: boolean
}

const placeholders = /\{([^{}]*)\}/g

/**
 * Fills in and checks the entries of a vocabulary: a mistake is an `Error`
 * thrown now, naming the dialect and the entry, never a silent override.
 *
 * @internal
 */
export const normalize = (rules: Rules, entries: ReadonlyArray<CodeEntry>): Array<Code> => {
  const out: Array<Code> = []
  const fail = (entry: CodeEntry, why: string): never => {
    const code = entry.code === undefined ? "" : ` "${entry.code}"`
    throw new Error(`Dialect "${rules.name}": the code${code} of ${entry.class?.tag ?? "an entry"} ${why}`)
  }
  for (const entry of entries) {
    const errorClass = entry.class
    if (
      typeof errorClass !== "function" || typeof errorClass.tag !== "string" ||
      !Array.isArray(errorClass.statuses)
    ) fail(entry, "has no Faultline error class (declare it with ApiError.Class)")
    const status = entry.status ?? errorClass.status
    if (!Number.isInteger(status)) fail(entry, `has a status that is not an integer: ${String(status)}`)
    if (rules.redirect) {
      if (status !== 302) fail(entry, `is sent with ${status}, but this dialect sends codes with a 302 redirect`)
    } else if (status < 400 || status > 599) {
      fail(entry, `has the status ${status}, outside 400-599: an error is a client or a server error`)
    }
    if (!rules.redirect && entry.encodeOnly !== true && !errorClass.statuses.includes(status)) {
      fail(entry, `has the status ${status}, which ${errorClass.tag} is never sent with (${errorClass.statuses})`)
    }
    let code = entry.code
    if (code === undefined) {
      if (rules.convention === undefined) fail(entry, "is missing, and this dialect has no convention to spell it")
      code = spell(rules.convention!, errorClass, status)
    }
    if (typeof code !== "string" || code.length === 0) fail(entry, "is empty")
    const found = Array.from(code.matchAll(placeholders), (match) => match[1])
    if (found.length > 1) fail(entry, "has more than one placeholder")
    if (found.length === 1 && !["resource", "RESOURCE", "path"].includes(found[0]!)) {
      fail(entry, `has the placeholder {${found[0]}}: a template takes {resource}, {RESOURCE} or {path}`)
    }
    if (/[{}]/.test(code.replace(placeholders, ""))) fail(entry, "has an unbalanced { or }")
    const template = Catalog.templateOf(code)
    if (template !== undefined && entry.resource !== undefined) {
      fail(entry, `is a template, and names the resource "${entry.resource}" too: a template reads it from the code`)
    }
    const fields = fieldsOf(errorClass)
    if ((template === "resource" || entry.resource !== undefined) && !("resource" in fields)) {
      fail(entry, `names a resource, and ${errorClass.tag} has no resource field to hold it`)
    }
    if (template === "path" && !("path" in fields) && !("issues" in fields)) {
      fail(entry, `is a property path, and ${errorClass.tag} has neither a path nor issues field to hold it`)
    }
    if (rules.charset === "oauth" && !isNqschar(code.replace(placeholders, "x"))) {
      fail(entry, "has characters an OAuth error code cannot carry (RFC 6749 Appendix A.7: 1*NQSCHAR)")
    }
    out.push({
      code,
      status,
      class: errorClass,
      resource: entry.resource,
      template,
      encodeOnly: entry.encodeOnly === true,
      source: entry.source ?? errorClass.source,
      description: entry.description ?? errorClass.description
    })
  }
  checkConflicts(rules, out)
  return out
}

const checkConflicts = (rules: Rules, codes: ReadonlyArray<Code>): void => {
  const byPair = new Map<string, Code>()
  const byTag = new Map<string, ApiError.AnyClass>()
  for (const code of codes) {
    const sameTag = byTag.get(code.class.tag)
    if (sameTag !== undefined && sameTag !== code.class) {
      throw new Error(
        `Dialect "${rules.name}": two classes have the tag ${code.class.tag}; catchTag could not tell them apart`
      )
    }
    byTag.set(code.class.tag, code.class)
    const key = code.encodeOnly ? `${code.class.tag} encode` : `${code.code} ${code.status}`
    const other = byPair.get(key)
    if (other !== undefined && (other.class !== code.class || other.resource !== code.resource)) {
      throw new Error(
        code.encodeOnly
          ? `Dialect "${rules.name}": ${code.class.tag} is written two ways (${other.code}, ${code.code})`
          : `Dialect "${rules.name}": the code "${code.code}" at ${code.status} would mean both ${other.class.tag}` +
            ` and ${code.class.tag}; a code means one class (replace the entry rather than add one)`
      )
    }
    byPair.set(key, code)
  }
}

/**
 * The fields of a class's schema.
 *
 * @internal
 */
export const fieldsOf = (errorClass: unknown): Readonly<Record<string, unknown>> =>
  (errorClass as { readonly fields?: Readonly<Record<string, unknown>> }).fields ?? {}

/**
 * The codes and status a class is written with, indexed so that choosing one
 * costs the same whatever the number of codes.
 *
 * @internal
 */
export interface ClassCodes {
  /** Concrete codes that name no resource. */
  readonly plain: Array<Selection>
  /** Concrete codes that name a resource (`user_not_found`), by resource. */
  readonly byResource: Map<string, Selection>
  readonly templates: Array<Code>
  readonly paths: Array<Code>
}

/**
 * The code and status an error is sent with.
 *
 * @internal
 */
export interface Selection {
  readonly code: string
  readonly status: number
  /** The class the code reads back as, when it is the dialect's own; `undefined` for a derived or foreign code. */
  readonly entry: Code | undefined
}

/**
 * A vocabulary indexed for O(1) decoding and encoding whatever its size.
 *
 * @internal
 */
export interface Vocabulary {
  readonly codes: ReadonlyArray<Code>
  readonly convention: Convention | undefined
  /** code → status → entry, for codes whose meaning depends on the status (LIMIT_EXCEEDED at 400 and 403). */
  readonly byCodeAndStatus: ReadonlyMap<string, ReadonlyMap<number, Code>>
  /** code → its first entry. */
  readonly byCode: ReadonlyMap<string, Code>
  /** The codes read with more than one status. */
  readonly multiStatus: ReadonlySet<string>
  readonly resourceTemplates: ReadonlyArray<Template>
  /** status → the path template entry (seed 003). */
  readonly pathByStatus: ReadonlyMap<number, Code>
  /** status → the entry that means no more than the status, for a body that names no code. */
  readonly byStatus: ReadonlyMap<number, Code>
  /** class → how it is written. */
  readonly byClass: ReadonlyMap<ApiError.AnyClass, ClassCodes>
  /** The classes codes decode to, once each, in order. */
  readonly classes: ReadonlyArray<ApiError.AnyClass>
}

/**
 * A resource template taken apart once: what comes before and after its
 * placeholder, and the case its resource is written in.
 *
 * @internal
 */
export interface Template {
  readonly entry: Code
  readonly prefix: string
  readonly suffix: string
  readonly upper: boolean
}

const templateOf = (entry: Code): Template => {
  const upper = entry.code.includes("{RESOURCE}")
  const at = entry.code.indexOf(upper ? "{RESOURCE}" : "{resource}")
  return { entry, prefix: entry.code.slice(0, at), suffix: entry.code.slice(at + 10), upper }
}

/**
 * The resource a code spells in a template (`USER_NOT_EXIST` in
 * `{RESOURCE}_NOT_EXIST` is `user`), lower snake case, or `undefined`; as
 * `Catalog.matchTemplate`, without a regular expression per code read.
 *
 * @internal
 */
export const matchResource = (template: Template, code: string): string | undefined => {
  const { prefix, suffix } = template
  if (code.length <= prefix.length + suffix.length || !code.startsWith(prefix) || !code.endsWith(suffix)) {
    return undefined
  }
  const value = code.slice(prefix.length, code.length - suffix.length)
  // [a-z][a-z0-9]*(?:_[a-z0-9]+)*, in the template's case
  const a = template.upper ? 0x41 : 0x61
  const z = template.upper ? 0x5a : 0x7a
  let previous = 0x5f
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    const letter = c >= a && c <= z
    const digit = c >= 0x30 && c <= 0x39
    if (i === 0 ? !letter : c === 0x5f ? previous === 0x5f : !letter && !digit) return undefined
    previous = c
  }
  if (previous === 0x5f) return undefined
  return template.upper ? value.toLowerCase() : value
}

/**
 * Indexes a vocabulary.
 *
 * @internal
 */
export const index = (codes: ReadonlyArray<Code>, convention: Convention | undefined): Vocabulary => {
  const byCodeAndStatus = new Map<string, Map<number, Code>>()
  const byCode = new Map<string, Code>()
  const multiStatus = new Set<string>()
  const resourceTemplates: Array<Template> = []
  const pathByStatus = new Map<number, Code>()
  const byStatus = new Map<number, Code>()
  const byClass = new Map<ApiError.AnyClass, ClassCodes>()
  const classes = new Set<ApiError.AnyClass>()
  for (const code of codes) {
    let ofClass = byClass.get(code.class)
    if (ofClass === undefined) {
      ofClass = { plain: [], byResource: new Map(), templates: [], paths: [] }
      byClass.set(code.class, ofClass)
    }
    if (code.template === "resource") ofClass.templates.push(code)
    else if (code.template === "path") ofClass.paths.push(code)
    else {
      const selection = { code: code.code, status: code.status, entry: code.encodeOnly ? undefined : code }
      if (code.resource === undefined) ofClass.plain.push(selection)
      else if (!ofClass.byResource.has(code.resource)) ofClass.byResource.set(code.resource, selection)
    }
    if (code.encodeOnly) continue
    classes.add(code.class)
    if (code.template === "resource") resourceTemplates.push(templateOf(code))
    else if (code.template === "path") {
      if (!pathByStatus.has(code.status)) pathByStatus.set(code.status, code)
    } else {
      let statuses = byCodeAndStatus.get(code.code)
      if (statuses === undefined) {
        statuses = new Map()
        byCodeAndStatus.set(code.code, statuses)
      }
      if (!statuses.has(code.status)) statuses.set(code.status, code)
      if (byCode.has(code.code)) {
        if (byCode.get(code.code)!.status !== code.status) multiStatus.add(code.code)
      } else byCode.set(code.code, code)
      // the code a status means on its own: the status's generic class if the vocabulary has it, else the first
      if (code.resource === undefined) {
        const current = byStatus.get(code.status)
        if (
          current === undefined || (current.class !== genericOf(code.status) && code.class === genericOf(code.status))
        ) {
          byStatus.set(code.status, code)
        }
      }
    }
  }
  return {
    codes,
    convention,
    byCodeAndStatus,
    byCode,
    multiStatus,
    resourceTemplates,
    pathByStatus,
    byStatus,
    byClass,
    classes: Array.from(classes)
  }
}

const genericOf = Catalog.genericClassOf

/**
 * The `x00` of a status's class (RFC 9110 §15: a client treats a status it
 * does not know as the `x00` of its class).
 *
 * @internal
 */
export const classStatus = (status: number): number => status >= 500 || status < 400 ? 500 : 400

/**
 * What a code sent with a status means: its entry at that status, else at
 * the `x00` of the status's class, else its first entry, else a resource
 * template it fits; `undefined` for a code the vocabulary does not know.
 *
 * @internal
 */
export const resolve = (
  vocabulary: Vocabulary,
  code: string,
  status: number
): { readonly entry: Code; readonly resource: string | undefined } | undefined => {
  let entry = vocabulary.byCode.get(code)
  // most codes have one status: only a code with several (LIMIT_EXCEEDED, about:blank) needs the pair
  if (entry !== undefined && vocabulary.multiStatus.has(code)) {
    const statuses = vocabulary.byCodeAndStatus.get(code)!
    entry = statuses.get(status) ?? statuses.get(classStatus(status)) ?? entry
  }
  if (entry !== undefined) return { entry, resource: entry.resource }
  for (const template of vocabulary.resourceTemplates) {
    const resource = matchResource(template, code)
    if (resource !== undefined) return { entry: template.entry, resource }
  }
  return undefined
}

/**
 * The entry a status means when a body names no code: the status's own; for
 * a status no HTTP class is known for, the `x00` of its class's (RFC 9110
 * §15, 9110-17); `undefined` otherwise — a known status the vocabulary has no
 * class for stays an `UnknownError` that keeps it.
 *
 * @internal
 */
export const statusEntry = (vocabulary: Vocabulary, status: number): Code | undefined =>
  vocabulary.byStatus.get(status) ??
    (genericOf(status) === undefined ? vocabulary.byStatus.get(classStatus(status)) : undefined)

/** An error status: outside 400-599 is a server's fault (RFC 9110 §15). */
const errorStatus = (status: number): number =>
  Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500

/**
 * Chooses the code and status an error is sent with. In order:
 *
 * 1. an `UnknownError` keeps its own code and status (a blank code goes as
 *    the vocabulary's code for the status);
 * 2. the vocabulary's codes for the error's class: the property path (seed
 *    003), the code naming its resource, a template that can write its
 *    resource (unless that spells a code of another meaning), a plain code
 *    at the error's status;
 * 3. the same for each broader class it refines (`TokenExpired` →
 *    `InvalidToken` → `Unauthorized`);
 * 4. the convention's spelling of the class, at the error's own status —
 *    never a generic 400 that would lose both.
 *
 * @internal
 */
export const select = (vocabulary: Vocabulary, error: ApiError.ApiError): Selection => {
  if (error._tag === "UnknownError") {
    return selectUnknown(vocabulary, (error as ApiError.UnknownError).code, error.status)
  }
  // a response nobody could read says no more than its status
  if (error._tag === "Undecodable") return selectUnknown(vocabulary, "", error.status)
  const found = find(vocabulary, error)
  if (found !== undefined) return found
  const errorClass = error.constructor as ApiError.AnyClass
  const status = errorStatus(error.status)
  const convention = vocabulary.convention
  return {
    code: convention === undefined ? String(status) : spell(convention, errorClass, status),
    status,
    entry: undefined
  }
}

/**
 * Steps 2 and 3 of {@link select}: the vocabulary's own code for the error's
 * class or a broader one, or `undefined` when it has none.
 *
 * @internal
 */
export const find = (vocabulary: Vocabulary, error: ApiError.ApiError): Selection | undefined => {
  const errorClass = error.constructor as ApiError.AnyClass
  for (let current: ApiError.ClassFacts<string, number> | undefined = errorClass; current !== undefined;) {
    const ofClass = vocabulary.byClass.get(current as ApiError.AnyClass)
    if (ofClass !== undefined) {
      const picked = pick(vocabulary, ofClass, error, current === errorClass ? errorClass : undefined)
      if (picked !== undefined) return picked
    }
    current = current.refines
  }
  return undefined
}

/**
 * Whether a value can be a code: a token, not prose (`401 Unauthorized`, a
 * sentence), which is a message.
 *
 * @internal
 */
export const isCodeToken = (value: string): boolean => {
  if (value.length === 0 || value.length > 256) return false
  // a loop rather than /\s/: this runs on every code read
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    // printable ASCII, what codes are made of, is decided by one comparison
    if (c > 0x20 && c < 0x7f) continue
    if (
      c <= 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 ||
      c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
    ) return false
  }
  return true
}

const selectUnknown = (vocabulary: Vocabulary, code: string, errorStatusValue: number): Selection => {
  const status = errorStatus(errorStatusValue)
  if (isCodeToken(code)) return { code, status, entry: undefined }
  // a code has to say something, and prose says it as a message: such a code goes as the code of its status
  const entry = statusEntry(vocabulary, status)
  if (entry !== undefined) return { code: entry.code, status, entry: undefined }
  const generic = genericOf(status) ?? genericOf(classStatus(status))!
  const convention = vocabulary.convention
  return {
    code: convention === undefined ? String(status) : spell(convention, generic, status),
    status,
    entry: undefined
  }
}

/**
 * A class's code for an error, best first. `own` is the error's class when
 * these are its own codes (its status choices apply), `undefined` when they
 * are a broader class's.
 */
const pick = (
  vocabulary: Vocabulary,
  ofClass: ClassCodes,
  error: ApiError.ApiError,
  own: ApiError.AnyClass | undefined
): Selection | undefined => {
  const path = (error as { readonly path?: string }).path
  if (path !== undefined && path.length > 0 && ofClass.paths.length > 0) {
    const entry = ofClass.paths.find((candidate) => candidate.status === error.status) ?? ofClass.paths[0]!
    return { code: path, status: entry.status, entry }
  }
  const resource = (error as { readonly resource?: string }).resource
  if (resource !== undefined) {
    const named = ofClass.byResource.get(resource)
    if (named !== undefined) return own === undefined ? named : withStatusOf(named, error, own)
    for (const template of ofClass.templates) {
      const code = Catalog.fillTemplate(template, resource)
      const taken = vocabulary.byCode.get(code)
      if (taken === undefined || (taken.class === template.class && taken.resource === resource)) {
        const selection = { code, status: template.status, entry: template }
        return own === undefined ? selection : withStatusOf(selection, error, own)
      }
    }
  }
  const plain = ofClass.plain
  // a class written only by templates or paths, with no resource or path to fill them: a broader class's code
  if (plain.length === 0) return undefined
  const selection = plain.length === 1
    ? plain[0]!
    : plain.find((candidate) => candidate.status === error.status) ?? plain[0]!
  return own === undefined ? selection : withStatusOf(selection, error, own)
}

/**
 * A status chosen among the class's others is kept, where the vocabulary has
 * no code at that status: the default gives way to the vocabulary's (the DPoP
 * classes default to the token endpoint's 400, where a resource server's
 * challenge is a 401, RFC 9449 §7.1, §9).
 */
const withStatusOf = (selection: Selection, error: ApiError.ApiError, own: ApiError.AnyClass): Selection =>
  selection.status !== error.status && error.status !== own.status && own.statuses.includes(error.status)
    ? { code: selection.code, status: error.status, entry: selection.entry }
    : selection

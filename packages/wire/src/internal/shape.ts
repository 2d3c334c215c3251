import type { FieldIssue } from "@faultline/errors"
import type { Schema } from "effect"
import { isObject } from "./json.ts"
import { isCodeToken } from "./vocabulary.ts"

/**
 * A member's place in a body: the names from the root to it.
 *
 * @internal
 */
export type Path = readonly [string, ...Array<string>]

/**
 * In a list, the first object item whose members have these values (AIP-193's
 * `{"@type": "type.googleapis.com/google.rpc.RetryInfo"}` among `details`).
 *
 * @internal
 */
export interface Match {
  readonly [member: string]: string
}

/**
 * A place a part is read from: names, and items of lists picked by a
 * {@link Match}. A part at a place with a match is read, never written (it
 * lies inside another part's value, which is written as it came).
 *
 * @internal
 */
export type Place = readonly [string, ...Array<string | Match>]

/**
 * A member and how an absent value is written: left out (default) or `null`;
 * and other places it is read from when it is absent (`Message` beside
 * `message`), never written.
 *
 * @internal
 */
export interface MemberOptions {
  readonly path: Place
  readonly absent?: "omit" | "null" | undefined
  readonly aliases?: ReadonlyArray<Place> | undefined
}

/**
 * A member given as its path or with options.
 *
 * @internal
 */
export type Member = Path | MemberOptions

/**
 * How a code is written: a token (`not_found`), a number (Cloudflare's and
 * Twilio's `20404`: a code of digits is written as a JSON number, and read
 * from a number or a string alike), an HTTP status in digits
 * that reads back from a number or digits (seed 001; a reason phrase or a
 * sentence is prose, a message whose meaning the HTTP status gives), a URI
 * (RFC 9457's `type`), resolved against the request URL when relative, or a
 * name qualified by a namespace (AWS's `aws.protocols#ThrottlingException`,
 * `ThrottlingException:http://…`), whose code is the bare name.
 *
 * @internal
 */
export type CodeFormat = "token" | "number" | "status" | "uri" | "qualified"

/**
 * Where a code lives: a body member (and others read when it is absent), a
 * header field read before it, its format, and the code a body that has none
 * states by default.
 *
 * @internal
 */
export interface CodeOptions {
  readonly path?: Path | undefined
  readonly aliases?: ReadonlyArray<Path> | undefined
  /** A response header field that carries the code (read first; lower case). */
  readonly header?: string | undefined
  readonly format?: CodeFormat | undefined
  /** The code of a body whose member is missing or not a string (RFC 9457's `about:blank`). */
  readonly default?: string | undefined
}

/**
 * The message member; `omitDefault` leaves it out when it is the class's own
 * description (the code already says it, as OAuth's `error_description` may).
 *
 * @internal
 */
export interface MessageOptions extends MemberOptions {
  readonly omitDefault?: boolean | undefined
}

/**
 * Where, in each item of a list of field issues, the field, the message and
 * the failed check are (JSON:API's `source.pointer` and `detail`, FastAPI's
 * `loc`, `msg` and `type`), and how a field is written: `"a.b"` or, as
 * FastAPI's `loc`, `["a", "b"]`. An item's field is read from either form.
 *
 * @internal
 */
export interface IssueItem {
  readonly path?: Path | undefined
  readonly message?: Path | undefined
  readonly check?: Path | undefined
  readonly pathFormat?: "string" | "list" | undefined
}

/**
 * Where field issues live, and as what: a `list` of items (`{path, message,
 * check?}` unless `item` says otherwise), a `map` of field to message (or to
 * a list of messages), or the `members` of an aggregate (seed 003: one error
 * object per field). A list or a map is read from either form; the format is
 * what is written.
 *
 * @internal
 */
export type IssuesOptions =
  | {
    readonly path: Place
    readonly format: "list" | "map"
    readonly item?: IssueItem | undefined
    /** A map's messages for one field are written as a list (Laravel's `{"email": ["…"]}`). */
    readonly grouped?: boolean | undefined
  }
  | { readonly format: "members"; readonly path?: undefined }

/**
 * A wait before retrying: whole `seconds` (seed 002's `retry_after`, the
 * default), or a `duration`: a protobuf JSON duration (`"30s"`, `"1.5s"`,
 * AIP-193's `RetryInfo.retryDelay`) or a number of seconds.
 *
 * @internal
 */
export interface RetryAfterOptions extends MemberOptions {
  readonly format?: "seconds" | "duration" | undefined
}

/**
 * A status member: a JSON `number` (RFC 9457; a string there is of the wrong
 * type and ignored), or a `string` of digits (JSON:API's `"422"`).
 *
 * @internal
 */
export interface StatusOptions extends MemberOptions {
  readonly format?: "number" | "string" | undefined
}

/**
 * Where a request id is: a body member, response header fields (the first
 * present read when the body has none, the first written with every
 * response; `X-Request-ID` else), or both.
 *
 * @internal
 */
export type RequestIdOptions = Member | {
  readonly path?: Place | undefined
  readonly absent?: "omit" | "null" | undefined
  readonly aliases?: ReadonlyArray<Place> | undefined
  /** The header field, or fields, first present read; the first written. */
  readonly header: string | ReadonlyArray<string>
}

/**
 * A body that is a list of error objects (JSON:API's and GraphQL's
 * `errors`), each of the shape: one reads as that error; several as an
 * aggregate (`MultipleErrors`, or one `ValidationError` when each is a field
 * that failed), or as the first, the others kept.
 *
 * @internal
 */
export type ListOptions = Path | { readonly path: Path; readonly several?: "aggregate" | "first" | undefined }

/**
 * Where each part of an error lives in a body. Every part is optional — a
 * body with no code means what its status means; parts may share a path
 * only as `details` and `issues` do (the issues are the details of a
 * validation error), and as `issues` and an aggregate's `members` do.
 *
 * @internal
 */
export interface Shape {
  readonly code?: Path | CodeOptions | undefined
  readonly message?: Member | MessageOptions | undefined
  /** A short title: the class's title when written, kept when a body says another. */
  readonly title?: Member | undefined
  readonly details?: Member | undefined
  readonly issues?: IssuesOptions | undefined
  readonly requestId?: RequestIdOptions | undefined
  readonly errorUri?: Member | undefined
  /** A wait (seed 002's `retry_after`); the `Retry-After` field decides when both are present. */
  readonly retryAfter?: Member | RetryAfterOptions | undefined
  /** The status, stated in the body; the HTTP status decides, a disagreeing member is kept. */
  readonly status?: Member | StatusOptions | undefined
  readonly path?: Member | undefined
  readonly check?: Member | undefined
  /** Space-delimited scope tokens (RFC 6749 §3.3). */
  readonly scope?: Member | undefined
  readonly resource?: Member | undefined
  /** The operator's debug output (seed 002): `stack_trace`, `request_body`, `timestamp`; written only on request. */
  readonly debug?: Member | undefined
  /** Where an aggregate's members live; each is an error object of this shape, read from the code's object down. */
  readonly members?: Path | undefined
  /** The body is a list of error objects at this member, each of the other parts' shape. */
  readonly list?: ListOptions | undefined
  /** Members every body has, with these values (Slack's `"ok": false`): written first, read as no part. */
  readonly constants?: Readonly<Record<string, Schema.Json>> | undefined
}

/**
 * The parts of an error a shape places.
 *
 * @internal
 */
export const slotNames = [
  "code",
  "message",
  "title",
  "details",
  "issues",
  "requestId",
  "errorUri",
  "retryAfter",
  "status",
  "path",
  "check",
  "scope",
  "resource",
  "debug",
  "members"
] as const

/**
 * @internal
 */
export type SlotName = typeof slotNames[number]

/** Slot ids, so that values travel in an array rather than a keyed record. */
export const Slot = {
  code: 0,
  message: 1,
  title: 2,
  details: 3,
  issues: 4,
  requestId: 5,
  errorUri: 6,
  retryAfter: 7,
  status: 8,
  path: 9,
  check: 10,
  scope: 11,
  resource: 12,
  debug: 13,
  members: 14
} as const satisfies Record<SlotName, number>

interface Leaf {
  readonly _tag: "Leaf"
  readonly id: number
  /** The slots that share the member, written when `id` has no value (FastAPI's `detail`: a message or issues). */
  readonly others: Array<number>
  readonly key: string
  /** `"key":`, written once. */
  readonly prefix: string
  readonly absent: "omit" | "null"
}

interface Node {
  readonly _tag: "Node"
  readonly key: string
  readonly prefix: string
  readonly children: Array<Leaf | Node>
  readonly byKey: Map<string, Leaf | Node>
  /** Whether the code's object is this one (extensions are written here). */
  container: boolean
}

/**
 * A segment of a place: a member name, or a match in a list.
 *
 * @internal
 */
export type Segment = string | Match

/**
 * A shape compiled once: where each slot is, which members each object on the
 * way to the code's object claims, and the tree bodies are written from.
 *
 * @internal
 */
export interface Layout {
  readonly paths: ReadonlyArray<ReadonlyArray<Segment> | undefined>
  /** For each slot, the other places it is read from when its own has nothing. */
  readonly aliases: ReadonlyArray<ReadonlyArray<ReadonlyArray<Segment>> | undefined>
  /** The path of the object that holds the code (the error object); `[]` for the root. */
  readonly container: ReadonlyArray<string>
  /** For each object from the root to the container, the member names a slot or a deeper object takes. */
  readonly claimed: ReadonlyArray<ReadonlySet<string>>
  readonly tree: Node
  readonly codeFormat: CodeFormat
  readonly codeHeader: string | undefined
  readonly codeDefault: string | undefined
  readonly omitDefaultMessage: boolean
  readonly issuesFormat: "list" | "map" | "members" | undefined
  readonly issueItem: IssueItem | undefined
  readonly issuesGrouped: boolean
  /** Whether issues and details share a member. */
  readonly issuesInDetails: boolean
  /** The shape each aggregate member has, relative to itself. */
  readonly member: Layout | undefined
  /** The slot whose member an aggregate's members are written in: its own, or the issues' it shares. */
  readonly membersAt: number
  /** Whether the message and the issues share a member, each reading the values of its own type. */
  readonly messageInIssues: boolean
  /** The members every body has, as JSON text written first (`"ok":false`), or `""`; a list body's are in `listConstants`. */
  readonly constants: string
  /** A list body's constant members, written in the object that holds the list (Cloudflare's `"success":false`), or `""`. */
  readonly listConstants: string
  /** The names of a list body's constant members: read as no part, as constants are. */
  readonly listConstantNames: ReadonlySet<string>
  readonly retryFormat: "seconds" | "duration"
  readonly statusFormat: "number" | "string"
  /** The header fields a request id is read from, the first also written to, lower case. */
  readonly requestIdHeaders: ReadonlyArray<string>
  /** Where the body's list of error objects is, when it is one. */
  readonly list: { readonly path: ReadonlyArray<string>; readonly several: "aggregate" | "first" } | undefined
  readonly lenientNames: boolean
  /** Member names an error's extensions may never write (the operator's `debug`). */
  readonly owned: ReadonlySet<string>
  /** The slots it places, other than the code, in order. */
  readonly present: ReadonlyArray<number>
  /** The raw values of a body being read, by slot id: one array per layout, reused (reading does not nest). */
  readonly scratch: Array<unknown>
}

type AnyMember = Member | CodeOptions | IssuesOptions | RequestIdOptions | undefined

const pathOf = (member: AnyMember): ReadonlyArray<Segment> | undefined => {
  if (member === undefined) return undefined
  if (Array.isArray(member)) return member as ReadonlyArray<string>
  return (member as { readonly path?: Place }).path
}

const aliasesOf = (member: AnyMember): ReadonlyArray<ReadonlyArray<Segment>> | undefined => {
  if (member === undefined || Array.isArray(member)) return undefined
  const aliases = (member as { readonly aliases?: ReadonlyArray<Place> }).aliases
  return aliases === undefined || aliases.length === 0 ? undefined : aliases
}

const absentOf = (member: AnyMember): "omit" | "null" =>
  member !== undefined && !Array.isArray(member) ? (member as MemberOptions).absent ?? "omit" : "omit"

/**
 * A place as a key, for comparing places.
 *
 * @internal
 */
export const placeKey = (path: ReadonlyArray<Segment>): string => JSON.stringify(path)

/**
 * Whether a place picks an item of a list (and is then read, never written).
 *
 * @internal
 */
export const hasMatch = (path: ReadonlyArray<Segment>): boolean => path.some((segment) => typeof segment !== "string")

const isPlace = (path: unknown): boolean =>
  Array.isArray(path) && path.length > 0 && typeof path[0] === "string" &&
  path.every((segment) =>
    (typeof segment === "string" && segment.length > 0) ||
    (isObject(segment) && Object.values(segment).every((value) => typeof value === "string"))
  ) && typeof path[path.length - 1] === "string"

/**
 * Compiles a shape; a mistake in it (two parts at one path, an empty path, a
 * part inside another's value) is an `Error` naming the dialect.
 *
 * @internal
 */
export const compile = (name: string, shape: Shape, lenientNames: boolean): Layout => {
  const fail = (why: string): never => {
    throw new Error(`Dialect "${name}": its shape ${why}`)
  }
  const code: CodeOptions = shape.code === undefined
    ? {}
    : Array.isArray(shape.code)
    ? { path: shape.code as Path }
    : shape.code as CodeOptions
  const members = shape as unknown as Record<string, AnyMember>
  const paths: Array<ReadonlyArray<Segment> | undefined> = slotNames.map((slot) =>
    slot === "code" ? code.path : pathOf(members[slot])
  )
  const aliases = slotNames.map((slot) => slot === "code" ? aliasesOf(code) : aliasesOf(members[slot]))
  const seen = new Map<string, SlotName>()
  paths.forEach((path, id) => {
    if (path === undefined) return
    if (!isPlace(path)) fail(`gives ${slotNames[id]} an empty path, or one that ends in a match`)
    if (hasMatch(path) && (id === Slot.code || id === Slot.members)) fail(`gives ${slotNames[id]} a match in a list`)
    for (const alias of aliases[id] ?? []) if (!isPlace(alias)) fail(`gives ${slotNames[id]} an empty alias`)
    const key = placeKey(path)
    const other = seen.get(key)
    // issues may be the details (seed 000) or share their member with an aggregate's members (RFC 9457's `errors`)
    // and the message may share its member with issues (FastAPI's `detail`: a sentence, or a list of issues)
    const pair = other === undefined ? "" : [other, slotNames[id]].sort().join()
    const shared = pair === "details,issues" || pair === "issues,members" || pair === "issues,message"
    if (other !== undefined && !shared) fail(`puts ${other} and ${slotNames[id]} at the same member ${path.join(".")}`)
    seen.set(key, slotNames[id]!)
  })
  // no slot may sit inside another's value, except one read from an item of a list there (it is never written)
  for (const [a, idA] of paths.map((path, id) => [path, id] as const)) {
    for (const [b, idB] of paths.map((path, id) => [path, id] as const)) {
      if (a === undefined || b === undefined || idA === idB || a.length >= b.length || hasMatch(b)) continue
      if (a.every((segment, i) => b[i] === segment)) {
        fail(`puts ${slotNames[idB]} inside ${slotNames[idA]} (${b.join(".")} is within ${a.join(".")})`)
      }
    }
  }
  const stringPath = (path: ReadonlyArray<Segment> | undefined) =>
    path !== undefined && !hasMatch(path) ? path as ReadonlyArray<string> : undefined
  const anchor = code.path ?? stringPath(pathOf(shape.message)) ?? []
  const container = code.path === undefined ? anchor.slice(0, -1) : code.path.slice(0, -1)

  const tree: Node = { _tag: "Node", key: "", prefix: "", children: [], byKey: new Map(), container: false }
  const nodeAt = (path: ReadonlyArray<string>): Node => {
    let node = tree
    for (const segment of path) {
      let next = node.byKey.get(segment)
      if (next === undefined) {
        next = {
          _tag: "Node",
          key: segment,
          prefix: `${JSON.stringify(segment)}:`,
          children: [],
          byKey: new Map(),
          container: false
        }
        node.children.push(next)
        node.byKey.set(segment, next)
      } else if (next._tag === "Leaf") fail(`puts a part inside ${segment}, which another part is`)
      node = next as Node
    }
    return node
  }
  nodeAt(container).container = true
  // members are written in the order the shape declares them
  const declared = (Object.keys(shape) as Array<SlotName>).filter((slot) => slotNames.includes(slot))
  declared.forEach((slot) => {
    const id = Slot[slot]
    const path = paths[id]
    // a part read from an item of a list is never written: the list is written as it came
    if (path === undefined || hasMatch(path)) return
    const written = path as ReadonlyArray<string>
    const parent = nodeAt(written.slice(0, -1))
    const key = written[written.length - 1]!
    const existing = parent.byKey.get(key)
    if (existing !== undefined) {
      // parts that share one member: the first declared with a value is written
      if (existing._tag === "Leaf") {
        existing.others.push(id)
        return
      }
      fail(`puts ${slot} at ${written.join(".")}, which is an object of other parts`)
    }
    const leaf: Leaf = {
      _tag: "Leaf",
      id,
      others: [],
      key,
      prefix: `${JSON.stringify(key)}:`,
      absent: slot === "code" ? "omit" : absentOf(members[slot])
    }
    parent.children.push(leaf)
    parent.byKey.set(key, leaf)
  })

  const claimed: Array<Set<string>> = []
  const places = paths.flatMap((path, id) => path === undefined ? [] : [path, ...(aliases[id] ?? [])])
  for (let depth = 0; depth <= container.length; depth++) {
    const prefix = container.slice(0, depth)
    const names = new Set<string>()
    for (const path of places) {
      if (path.length <= depth) continue
      const segment = path[depth]
      if (typeof segment === "string" && prefix.every((name, i) => path[i] === name)) names.add(segment)
    }
    if (depth < container.length) names.add(container[depth]!)
    if (depth === 0) { for (const name of Object.keys(shape.constants ?? {})) names.add(name) }
    claimed.push(names)
  }

  const membersPath = paths[Slot.members]
  let member: Layout | undefined
  if (membersPath !== undefined) {
    // an aggregate's members are error objects of this shape, taken from the code's object down
    const relative = (path: ReadonlyArray<Segment> | undefined) =>
      path !== undefined && path.length > container.length && container.every((segment, i) => path[i] === segment)
        ? path.slice(container.length) as unknown as Place
        : undefined
    const memberShape: Record<string, unknown> = {}
    // in the order the shape declares its parts, as the body's are written
    for (const slot of declared) {
      if (slot === "members" || slot === "debug") continue
      const original = slot === "code" ? code : members[slot]
      const path = relative(slot === "code" ? code.path : pathOf(original))
      if (path === undefined) continue
      memberShape[slot] = Array.isArray(original) || original === undefined ? path : { ...original, path }
    }
    if (memberShape.code === undefined) fail("puts aggregate members where their code cannot be")
    member = compile(name, memberShape as unknown as Shape, lenientNames)
  }
  const list = shape.list === undefined
    ? undefined
    : Array.isArray(shape.list)
    ? { path: shape.list as ReadonlyArray<string>, several: "aggregate" as const }
    : {
      path: (shape.list as { readonly path: Path }).path,
      several: (shape.list as { readonly several?: "aggregate" | "first" }).several ?? "aggregate"
    }
  if (list !== undefined && (list.path.length === 0 || list.path.some((segment) => typeof segment !== "string"))) {
    fail("gives its list an empty path")
  }
  const issues = shape.issues
  const requestId = shape.requestId
  const header = requestId !== undefined && !Array.isArray(requestId)
    ? (requestId as { readonly header?: string | ReadonlyArray<string> }).header
    : undefined
  return {
    paths,
    aliases,
    container,
    claimed,
    tree,
    codeFormat: code.format ?? "token",
    codeHeader: code.header?.toLowerCase(),
    codeDefault: code.default,
    omitDefaultMessage: shape.message !== undefined && !Array.isArray(shape.message) &&
      (shape.message as MessageOptions).omitDefault === true,
    issuesFormat: issues?.format,
    issueItem: issues?.format === "members" ? undefined : issues?.item,
    issuesGrouped: issues?.format === "map" && issues.grouped === true,
    issuesInDetails: issues?.path !== undefined && paths[Slot.details] !== undefined &&
      placeKey(paths[Slot.details]!) === placeKey(issues.path),
    member,
    membersAt: membersPath !== undefined && paths[Slot.issues] !== undefined &&
        placeKey(paths[Slot.issues]!) === placeKey(membersPath)
      ? Slot.issues
      : Slot.members,
    messageInIssues: paths[Slot.message] !== undefined && paths[Slot.issues] !== undefined &&
      placeKey(paths[Slot.message]!) === placeKey(paths[Slot.issues]!),
    constants: shape.list === undefined ? constantsText(shape.constants) : "",
    listConstants: shape.list === undefined ? "" : constantsText(shape.constants),
    listConstantNames: new Set(shape.list === undefined ? [] : Object.keys(shape.constants ?? {})),
    retryFormat: (shape.retryAfter !== undefined && !Array.isArray(shape.retryAfter)
      ? (shape.retryAfter as RetryAfterOptions).format
      : undefined) ?? "seconds",
    statusFormat: (shape.status !== undefined && !Array.isArray(shape.status)
      ? (shape.status as StatusOptions).format
      : undefined) ?? "number",
    requestIdHeaders: [...(header === undefined ? [] : typeof header === "string" ? [header] : header), "x-request-id"]
      .map((name) => name.toLowerCase()),
    list,
    lenientNames,
    owned: new Set(paths[Slot.debug] === undefined ? [] : [lastName(paths[Slot.debug]!)]),
    present: paths.flatMap((path, id) => path === undefined || id === Slot.code ? [] : [id]),
    scratch: new Array(slotNames.length).fill(undefined)
  }
}

/**
 * The member name a place ends in.
 *
 * @internal
 */
export const lastName = (path: ReadonlyArray<Segment>): string => path[path.length - 1] as string

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

type JsonObject = { readonly [key: string]: Schema.Json }

/**
 * A member by name; with lenient names, one with stray whitespace (seed 003's
 * own example has `" message"`) matches too.
 *
 * @internal
 */
export const memberOf = (object: JsonObject, name: string, lenient: boolean): Schema.Json | undefined => {
  if (Object.hasOwn(object, name)) return object[name]
  if (lenient) { for (const key in object) if (key.trim() === name) return object[key] }
  return undefined
}

/**
 * The first object item of a list whose members have a match's values.
 *
 * @internal
 */
export const pick = (list: Schema.Json | undefined, match: Match): Schema.Json | undefined => {
  if (!Array.isArray(list)) return undefined
  for (const item of list) {
    if (!isObject(item)) continue
    let matches = true
    for (const key in match) {
      if (!Object.hasOwn(item, key) || item[key] !== match[key]) {
        matches = false
        break
      }
    }
    if (matches) return item
  }
  return undefined
}

const at = (root: JsonObject, path: ReadonlyArray<Segment>, lenient: boolean): Schema.Json | undefined => {
  let value: Schema.Json | undefined = root
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!
    if (typeof segment !== "string") {
      value = pick(value, segment)
      continue
    }
    if (!isObject(value)) return undefined
    value = memberOf(value, segment, lenient)
  }
  return value
}

/**
 * What a shape read from a body, before a vocabulary gives it a meaning.
 * Values are checked for their JSON type; one of the wrong type is not read
 * but kept, with every member no part claims, in `extensions`.
 *
 * @internal
 */
export interface Reading {
  /** The code, `undefined` when the body names none (or names prose: then it is the message). */
  code: string | undefined
  /** A status the body states. */
  status: number | undefined
  message: string | undefined
  title: string | undefined
  details: Schema.Json | undefined
  requestId: string | undefined
  errorUri: string | undefined
  issues: Array<FieldIssue.FieldIssue> | undefined
  /** The issues member as it came, when issues have a member of their own: kept as it was where it is no issues. */
  issuesRaw: Schema.Json | undefined
  retryAfterSeconds: number | undefined
  path: string | undefined
  check: string | undefined
  scope: Array<string> | undefined
  resource: string | undefined
  members: ReadonlyArray<Schema.Json> | undefined
  extensions: Record<string, Schema.Json> | undefined
  /** Typed fields of a particular class (RFC 9470's `acrValues`, `maxAge`), set when the class has them. */
  fields: Readonly<Record<string, unknown>> | undefined
}

/**
 * A reading with nothing in it.
 *
 * @internal
 */
export const emptyReading = (): Reading => ({
  code: undefined,
  status: undefined,
  message: undefined,
  title: undefined,
  details: undefined,
  requestId: undefined,
  errorUri: undefined,
  issues: undefined,
  issuesRaw: undefined,
  retryAfterSeconds: undefined,
  path: undefined,
  check: undefined,
  scope: undefined,
  resource: undefined,
  members: undefined,
  extensions: undefined,
  fields: undefined
})

/**
 * Defines a member on a record (so `__proto__` stays a member), creating the
 * record when there is none.
 *
 * @internal
 */
export const keepMember = (
  extensions: Record<string, Schema.Json> | undefined,
  key: string,
  value: Schema.Json
): Record<string, Schema.Json> => {
  const out = extensions ?? {}
  if (key === "__proto__") {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
  } else out[key] = value
  return out
}

const constantsText = (constants: Readonly<Record<string, Schema.Json>> | undefined): string =>
  Object.entries(constants ?? {}).map(([key, value]) => `${quote(key)}:${JSON.stringify(value)}`).join(",")

/** RFC 9110 §15's reason phrases, and the older ones servers still send, to their statuses. */
const statusOfPhrase: ReadonlyMap<string, number> = new Map([
  ["bad request", 400],
  ["unauthorized", 401],
  ["payment required", 402],
  ["forbidden", 403],
  ["not found", 404],
  ["method not allowed", 405],
  ["not acceptable", 406],
  ["request timeout", 408],
  ["conflict", 409],
  ["gone", 410],
  ["length required", 411],
  ["precondition failed", 412],
  ["content too large", 413],
  ["payload too large", 413],
  ["request entity too large", 413],
  ["uri too long", 414],
  ["unsupported media type", 415],
  ["unprocessable content", 422],
  ["unprocessable entity", 422],
  ["locked", 423],
  ["too many requests", 429],
  ["internal server error", 500],
  ["not implemented", 501],
  ["bad gateway", 502],
  ["service unavailable", 503],
  ["gateway timeout", 504]
])

/** The phrases of each status, for a code compared with its response's status alone. */
const phrasesOfStatus: ReadonlyMap<number, ReadonlyArray<string>> = (() => {
  const out = new Map<number, Array<string>>()
  for (const [phrase, status] of statusOfPhrase) out.set(status, [...(out.get(status) ?? []), phrase])
  return out
})()

/**
 * Whether a code states `status` (as {@link statusCodeOf} would read it):
 * its digits, alone or before a space (`404 Not Found`), or one of its
 * reason phrases. Every code read that no table names is asked this, so the
 * answer comes from the code's length and first characters, with no regular
 * expression and no lower-cased copy unless a phrase of the same length may
 * match.
 *
 * @internal
 */
export const statesStatus = (code: string, status: number): boolean => {
  const text = code.length > 0 && (code.charCodeAt(0) <= 32 || code.charCodeAt(code.length - 1) <= 32)
    ? code.trim()
    : code
  if (!Number.isInteger(status) || status < 100 || status > 599) return false
  const first = text.charCodeAt(0)
  if (first >= 0x30 && first <= 0x39) {
    return text.length >= 3 && first === 0x30 + Math.floor(status / 100) &&
      text.charCodeAt(1) === 0x30 + (Math.floor(status / 10) % 10) && text.charCodeAt(2) === 0x30 + (status % 10) &&
      (text.length === 3 || /\s/.test(text[3]!))
  }
  const phrases = phrasesOfStatus.get(status)
  if (phrases === undefined) return false
  for (const phrase of phrases) if (phrase.length === text.length && text.toLowerCase() === phrase) return true
  return false
}

/**
 * The status a value states: a number, digits, `404 Not Found`, or a reason
 * phrase; `undefined` for anything else.
 *
 * @internal
 */
export const statusCodeOf = (value: unknown): string | undefined => {
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 100 && value <= 599
      ? String(value)
      : undefined
  }
  if (typeof value !== "string") return undefined
  const trimmed = value.trim()
  const leading = /^([1-5]\d\d)(?:\s|$)/.exec(trimmed)
  if (leading !== null) return leading[1]
  const status = statusOfPhrase.get(trimmed.toLowerCase())
  return status === undefined ? undefined : String(status)
}

const isDigits = (text: string): boolean => /^\d{3}$/.test(text)

/** The bare name of a qualified one: `ns#Name` and `Name:uri` are `Name` (AWS's error types). */
const qualifiedName = (text: string): string => {
  const colon = text.indexOf(":")
  const name = colon === -1 ? text : text.slice(0, colon)
  return name.slice(name.lastIndexOf("#") + 1).trim()
}

const wholeSeconds = (value: Schema.Json): number | undefined =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : undefined

/** A protobuf JSON duration (`"30s"`, `"1.5s"`) or a number, in seconds; `undefined` for anything else. */
const durationSeconds = (value: Schema.Json): number | undefined => {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined
  if (typeof value !== "string" || !/^\d{1,12}(?:\.\d{1,9})?s$/.test(value)) return undefined
  return Number(value.slice(0, -1))
}
const resolveUri = (value: string, base: string | undefined): string => {
  if (base === undefined || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) || !URL.canParse(value, base)) return value
  return new URL(value, base).href
}

/**
 * An object with no members, for an absent object on the way to the code.
 *
 * @internal
 */
export const noMembers: { readonly [key: string]: Schema.Json } = Object.freeze({})

/**
 * What a fetch returns for a body that is not the layout's shape.
 *
 * @internal
 */
export const Mismatch: unique symbol = Symbol.for("@faultline/wire/Mismatch")

/**
 * Takes a body's parts out by a layout: each slot's raw value into `raw`, by
 * slot id (`undefined` where absent), and the members no slot claims, from
 * every object on the way to the code's, as the result — or `Mismatch` when
 * an object the code's path goes through is missing. The only part of
 * reading that depends on a layout's member names: `jit.ts` generates one per
 * dialect, and this interprets the layout where code cannot be generated.
 *
 * @internal
 */
export type Fetch = (
  json: JsonObject,
  raw: Array<unknown>
) => Record<string, Schema.Json> | undefined | typeof Mismatch

/**
 * The interpreted {@link Fetch} of a layout.
 *
 * @internal
 */
export const interpretFetch = (layout: Layout): Fetch => (json, raw) => {
  const lenient = layout.lenientNames
  const container = layout.container
  let object: JsonObject = json
  let extensions: Record<string, Schema.Json> | undefined
  for (let depth = 0; depth <= container.length; depth++) {
    const claimed = layout.claimed[depth]!
    for (const key in object) {
      if (claimed.has(key) || (lenient && claimed.has(key.trim()))) continue
      extensions = keepMember(extensions, key, object[key]!)
    }
    if (depth === container.length) break
    const next = memberOf(object, container[depth]!, lenient)
    // an absent object holds nothing (a GraphQL error without `extensions`); one of another type is another shape
    if (next === undefined) object = noMembers
    else if (!isObject(next)) return Mismatch
    else object = next
  }
  const paths = layout.paths
  for (let id = 0; id < paths.length; id++) {
    const path = paths[id]
    let value = path === undefined ? undefined : at(json, path, lenient)
    const others = layout.aliases[id]
    if (others !== undefined) {
      // an alias is read only where the member itself says nothing
      for (let i = 0; i < others.length && (value === undefined || value === null); i++) {
        value = at(json, others[i]!, lenient)
      }
    }
    raw[id] = value
  }
  return extensions
}

const keyOf = (layout: Layout, id: number): string => lastName(layout.paths[id]!)

/**
 * Reads a body by a layout, with the layout's fetch: `undefined` when it is
 * not this shape (not an object, no object where the code's object should
 * be, none of its parts).
 *
 * @internal
 */
export const read = (
  layout: Layout,
  fetch: Fetch,
  json: Schema.Json | undefined,
  headers: Readonly<Record<string, string>>,
  url: string | undefined
): Reading | undefined => {
  if (!isObject(json)) return undefined
  const raw = layout.scratch
  const fetched = fetch(json, raw)
  if (fetched === Mismatch) return undefined
  let extensions = fetched
  const reading = emptyReading()
  let found = false

  // the code: a header, then the member, in its format
  let prose: string | undefined
  if (layout.codeHeader !== undefined) {
    const fromHeader = headers[layout.codeHeader]
    if (fromHeader !== undefined && fromHeader.length > 0) {
      // AWS writes `Type:namespace` in x-amzn-ErrorType: the code is the bare name
      const name = qualifiedName(fromHeader)
      if (name.length > 0) reading.code = name
    }
  }
  const codeValue = raw[Slot.code] as Schema.Json | undefined
  // a member that is null says nothing: it neither is a part nor shows the body is this shape
  if (codeValue !== undefined && codeValue !== null) {
    found = true
    let wrong = false
    switch (layout.codeFormat) {
      case "token":
      case "number":
        if (typeof codeValue === "string") {
          if (isCodeToken(codeValue)) reading.code ??= codeValue
          else if (codeValue.trim().length > 0) prose = codeValue
        } else if (typeof codeValue === "number" && Number.isInteger(codeValue)) reading.code ??= String(codeValue)
        else wrong = true
        break
      case "status": {
        // a number or digits: a phrase or a sentence (`404 Not Found`) is prose, whose meaning the HTTP status gives
        const status = typeof codeValue === "number" || (typeof codeValue === "string" && isDigits(codeValue.trim()))
          ? statusCodeOf(codeValue)
          : undefined
        if (status !== undefined) reading.code ??= status
        else if (typeof codeValue === "string" && codeValue.trim().length > 0) prose = codeValue
        else wrong = true
        break
      }
      case "uri":
        if (typeof codeValue === "string" && codeValue.length > 0) reading.code ??= resolveUri(codeValue, url)
        else wrong = true
        break
      case "qualified": {
        const name = typeof codeValue === "string" ? qualifiedName(codeValue) : ""
        if (name.length > 0 && isCodeToken(name)) reading.code ??= name
        else if (typeof codeValue === "string" && codeValue.trim().length > 0) prose = codeValue
        else wrong = true
        break
      }
    }
    if (wrong) extensions = keepMember(extensions, keyOf(layout, Slot.code), codeValue)
  }
  if (reading.code === undefined && layout.codeDefault !== undefined) reading.code = layout.codeDefault

  // every other part: a value of its JSON type is read; one of another type is kept under its member's name
  const present = layout.present
  for (let i = 0; i < present.length; i++) {
    const id = present[i]!
    const value = raw[id] as Schema.Json | undefined
    if (value === undefined || value === null) continue
    found = true
    switch (id) {
      case Slot.message:
        if (typeof value !== "string") {
          // a member shared with the issues: a list is theirs to read
          if (layout.messageInIssues) continue
          break
        }
        reading.message = value
        continue
      case Slot.title:
        if (typeof value !== "string") break
        reading.title = value
        continue
      case Slot.requestId:
        if (typeof value !== "string") break
        reading.requestId = value
        continue
      case Slot.errorUri:
        if (typeof value !== "string") break
        reading.errorUri = value
        continue
      case Slot.path:
        if (typeof value !== "string") break
        reading.path = value
        continue
      case Slot.check:
        if (typeof value !== "string") break
        reading.check = value
        continue
      case Slot.resource:
        if (typeof value !== "string") break
        reading.resource = value
        continue
      case Slot.scope: {
        if (typeof value !== "string") break
        const tokens = value.split(" ").filter((token) => token.length > 0)
        if (tokens.length > 0) reading.scope = tokens
        continue
      }
      case Slot.details:
        reading.details = value
        continue
      case Slot.issues: {
        if (layout.issuesInDetails) continue
        const issues = issuesFrom(value, layout.issuesFormat!, layout.issueItem)
        if (issues !== undefined) reading.issues = issues
        // a member shared with the message: a sentence is the message's
        else if (layout.messageInIssues && typeof value === "string") continue
        reading.issuesRaw = value
        continue
      }
      case Slot.retryAfter: {
        const seconds = layout.retryFormat === "duration" ? durationSeconds(value) : wholeSeconds(value)
        if (seconds === undefined) break
        reading.retryAfterSeconds = seconds
        continue
      }
      case Slot.status: {
        const status = layout.statusFormat === "string" && typeof value === "string" && /^\d{3}$/.test(value)
          ? Number(value)
          : value
        if (typeof status !== "number" || !Number.isInteger(status)) break
        reading.status = status
        continue
      }
      case Slot.members:
        if (!Array.isArray(value)) {
          // a member shared with the issues: a map is theirs to read
          if (layout.membersAt === Slot.issues) continue
          break
        }
        reading.members = value
        continue
      case Slot.debug:
        // the operator's output a server sent is kept as it came, never read as the error's
        break
    }
    extensions = keepMember(extensions, keyOf(layout, id), value)
  }
  if (prose !== undefined) {
    // prose is no code: it is the message, and the status gives the meaning
    if (reading.message === undefined) reading.message = prose
    else extensions = keepMember(extensions, keyOf(layout, Slot.code), prose)
  }
  if (!found && reading.code === undefined) return undefined
  reading.extensions = extensions
  return reading
}

/**
 * Reads field issues, or `undefined` when the value is not issues. A list's
 * items name their field, message and check where `item` says; by default
 * the field is `path`, `field`, `name`, `pointer` or `loc` (a list of
 * segments is joined with `.`), the message `message`, `detail`, `msg` or
 * `description`, the check `check`. With a declared item, an item with no
 * message has its check as its message (GitHub's `{"field","code"}`). A map's
 * values may be a message or a list of messages (Laravel's `errors`).
 *
 * @internal
 */
export const issuesFrom = (
  value: Schema.Json,
  format: "list" | "map" | "members",
  item?: IssueItem
): Array<FieldIssue.FieldIssue> | undefined => {
  if (Array.isArray(value)) {
    const issues: Array<FieldIssue.FieldIssue> = []
    for (const entry of value) {
      if (!isObject(entry)) return undefined
      const issue = item === undefined ? defaultIssue(entry) : declaredIssue(entry, item)
      if (issue === undefined) return undefined
      issues.push(issue)
    }
    return issues
  }
  if (isObject(value) && format !== "members") {
    const issues: Array<FieldIssue.FieldIssue> = []
    for (const key in value) {
      const message = value[key]
      if (typeof message === "string") issues.push({ path: key, message })
      else if (Array.isArray(message) && message.length > 0 && message.every((item) => typeof item === "string")) {
        for (const item of message) issues.push({ path: key, message: item as string })
      } else return undefined
    }
    return issues
  }
  return undefined
}

const defaultIssue = (entry: JsonObject): FieldIssue.FieldIssue | undefined => {
  const path = issuePath(entry["path"] ?? entry["field"] ?? entry["name"] ?? entry["pointer"] ?? entry["loc"])
  const message = entry["message"] ?? entry["detail"] ?? entry["msg"] ?? entry["description"]
  if (path === undefined || typeof message !== "string") return undefined
  const check = entry["check"]
  return typeof check === "string" ? { path, message, check } : { path, message }
}

const declaredIssue = (entry: JsonObject, item: IssueItem): FieldIssue.FieldIssue | undefined => {
  // an item that names no field is about the request as a whole
  const named = item.path === undefined ? undefined : at(entry, item.path, false)
  const path = named === undefined || named === null ? "" : issuePath(named)
  const check = item.check === undefined ? undefined : at(entry, item.check, false)
  const message = item.message === undefined ? undefined : at(entry, item.message, false)
  const text = typeof message === "string" ? message : check
  if (path === undefined || typeof text !== "string") return undefined
  return typeof check === "string" ? { path, message: text, check } : { path, message: text }
}

const issuePath = (value: Schema.Json | undefined): string | undefined => {
  if (typeof value === "string") return value
  if (Array.isArray(value) && value.every((segment) => typeof segment === "string" || typeof segment === "number")) {
    return value.join(".")
  }
  return undefined
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/**
 * A string as JSON text: quoted directly when nothing in it needs escaping,
 * which is most messages and codes, and by `JSON.stringify` otherwise.
 *
 * @internal
 */
export const quote = (text: string): string => needsEscape.test(text) ? JSON.stringify(text) : `"${text}"`

const needsEscape = /[\u0000-\u001f"\\\ud800-\udfff]/

/**
 * A slot's value as JSON text; a value written already (an aggregate's
 * members) goes in as it is.
 *
 * @internal
 */
export const textOf = (value: unknown): string =>
  typeof value === "string"
    ? quote(value)
    : typeof value === "number"
    ? Number.isFinite(value) ? String(value) : "null"
    : value === null
    ? "null"
    : value instanceof RawJson
    ? value.text
    : JSON.stringify(value)

/**
 * Writes a body: each slot's value from `values`, by slot id (the code's
 * and the title's already as JSON text),
 * in the order the shape declared them, and the error's extensions in the
 * code's object after them — except members a slot wrote, or the operator
 * owns. Written as text directly: no object is built to be stringified.
 *
 * @internal
 */
export const write = (
  layout: Layout,
  values: ReadonlyArray<unknown>,
  extensions: { readonly [key: string]: unknown } | undefined
): string => writeNode(layout, layout.tree, values, extensions) ?? "{}"

const writeNode = (
  layout: Layout,
  node: Node,
  values: ReadonlyArray<unknown>,
  extensions: { readonly [key: string]: unknown } | undefined
): string | undefined => {
  let out = node === layout.tree ? layout.constants : ""
  const children = node.children
  // the code's object takes the error's extensions: a member a slot left free is written in that slot's place
  const free = node.container ? extensions : undefined
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!
    let text: string | undefined
    if (child._tag === "Leaf") {
      let value = values[child.id]
      for (let j = 0; j < child.others.length && value === undefined; j++) value = values[child.others[j]!]
      text = value === undefined
        ? free !== undefined && Object.hasOwn(free, child.key) && !layout.owned.has(child.key)
          ? JSON.stringify(free[child.key])
          : child.absent === "null"
          ? "null"
          : undefined
        : child.id === Slot.code || child.id === Slot.title
        ? value as string
        : textOf(value)
    } else {
      text = writeNode(layout, child, values, extensions)
    }
    if (text === undefined) continue
    out = out.length === 0 ? child.prefix + text : out + "," + child.prefix + text
  }
  if (free !== undefined) {
    for (const key in free) {
      // a slot's member is the slot's, written above; the operator's are never an extension's
      if (node.byKey.has(key) || layout.owned.has(key)) continue
      const member = `${quote(key)}:${JSON.stringify(free[key])}`
      out = out.length === 0 ? member : `${out},${member}`
    }
  }
  if (out.length === 0 && !node.container && node !== layout.tree) return undefined
  return `{${out}}`
}

class RawJson {
  readonly text: string
  constructor(text: string) {
    this.text = text
  }
}

/**
 * A value already written as JSON text (an aggregate's members), which the
 * writer puts in as it is.
 *
 * @internal
 */
export const rawJson = (text: string): unknown => new RawJson(text)

import { ApiError, Catalog, type Challenge, type FieldIssue } from "@faultline/errors"
import { Duration, Option, Schema, SchemaAST } from "effect"
import { SchemaJITCompiler } from "effect/schema"
import * as RetryAfter from "../RetryAfter.ts"
import * as WwwAuthenticate from "../WwwAuthenticate.ts"
import { isObject } from "./json.ts"
import {
  emptyReading,
  type Fetch,
  issuesFrom,
  keepMember,
  lastName,
  type Layout,
  read,
  type Reading,
  Slot,
  statesStatus
} from "./shape.ts"
import {
  type Code,
  fieldsOf,
  index,
  isCodeToken,
  normalize,
  resolve,
  statusEntry,
  type Vocabulary
} from "./vocabulary.ts"

// ---------------------------------------------------------------------------
// Challenges
// ---------------------------------------------------------------------------

const isOAuthScheme = (challenge: Challenge.Challenge) => {
  const scheme = challenge.scheme.toLowerCase()
  return scheme === "bearer" || scheme === "dpop"
}

/**
 * The challenge whose error decides: the first Bearer or DPoP challenge with
 * an `error` (RFC 9449 §7.2 puts the error on the scheme the client used),
 * else the first Bearer or DPoP challenge; `undefined` when there is none.
 * Only those schemes define `error` (RFC 6750 §3, RFC 9449 §7.1): a `Basic`,
 * `Digest` or `Newauth` challenge says that authentication is required, in
 * its own scheme, and never carries an OAuth error, whatever its parameters.
 *
 * @internal
 */
export const decisive = (challenges: ReadonlyArray<Challenge.Challenge>): Challenge.Challenge | undefined =>
  challenges.find((challenge) => isOAuthScheme(challenge) && challengeError(challenge.params) !== undefined) ??
    challenges.find(isOAuthScheme)

/**
 * A challenge's `error` when it is a code: a sentence there (hapi's
 * `Bearer error="Missing authentication"`, from `Boom.unauthorized(message,
 * "Bearer")`) is prose, which names no error (RFC 6750 §3.1 codes are
 * tokens); the challenge is then kept as it came, and the status and the
 * body decide.
 *
 * @internal
 */
export const challengeError = (params: Readonly<Record<string, string>>): string | undefined => {
  const error = params["error"]
  // a code with stray spaces around it is still a code, kept as it came (an unknown one, RFC 6749 §8.5)
  return error !== undefined && isCodeToken(error.trim()) ? error : undefined
}

/** The parameters that become the error's own fields; the encoder writes them back from those fields. */
const liftedParams = new Set(["error", "error_description", "error_uri", "scope", "acr_values", "max_age"])

let lastField: string | undefined
let lastChallenges: ReadonlyArray<Challenge.Challenge> = []
let lastDecisive: Challenge.Challenge | undefined

/**
 * `WwwAuthenticate.parse`, remembering the last field it read: decoding one
 * response reads its challenge up to three times (the body's error, the
 * challenge rule, the error the challenge makes), and a client sees the same
 * field on response after response. The result is frozen, since errors
 * decoded from the same field share it.
 *
 * @internal
 */
export const parseChallenges = (field: string): ReadonlyArray<Challenge.Challenge> => {
  if (field === lastField) return lastChallenges
  const challenges = WwwAuthenticate.parse(field)
  for (const challenge of challenges) {
    Object.freeze(challenge.params)
    Object.freeze(challenge)
  }
  lastField = field
  lastChallenges = Object.freeze(challenges)
  lastDecisive = decisive(lastChallenges)
  return lastChallenges
}

/**
 * The decisive challenge of a field (see {@link decisive}), remembered with
 * the field's parse.
 *
 * @internal
 */
export const decisiveOf = (field: string): Challenge.Challenge | undefined => {
  parseChallenges(field)
  return lastDecisive
}

interface Lifted {
  /** The challenges an error keeps. */
  readonly kept: ReadonlyArray<Challenge.Challenge>
  /** The decisive challenge's parameters, when it carries an error. */
  readonly params: Readonly<Record<string, string>> | undefined
}

let lastLiftedField: string | undefined
let lastLifted: Lifted = { kept: [], params: undefined }

/**
 * What a field's challenges give an error, worked out once per field (as
 * `parseChallenges` is): the challenges to keep — all of them, the decisive
 * one without the parameters its typed fields now hold, so that writing the
 * error back gives the same field — and those parameters.
 */
const liftedOf = (field: string): Lifted => {
  if (field === lastLiftedField) return lastLifted
  const challenges = parseChallenges(field)
  const chosen = lastDecisive
  const params = chosen?.params
  let lifted: Lifted
  if (params === undefined || challengeError(params) === undefined) lifted = { kept: challenges, params: undefined }
  else {
    const remaining = Object.freeze(
      Object.fromEntries(Object.entries(params).filter(([name]) => !liftedParams.has(name)))
    )
    // A bare Bearer challenge added after challenges of other schemes is what the encoder writes for an error that
    // came with only those (challenge.ts): it is dropped here so that writing the error back adds it once again.
    const regenerated = challenges.length > 1 && chosen === challenges[challenges.length - 1] &&
      /^bearer$/i.test(chosen!.scheme) &&
      chosen!.token68 === undefined && Object.keys(remaining).length === 0 &&
      challenges.filter((challenge) => /^(bearer|dpop)$/i.test(challenge.scheme)).length === 1
    const kept = regenerated
      ? challenges.slice(0, -1)
      : challenges.map((challenge) =>
        challenge !== chosen ? challenge : Object.freeze({ ...challenge, params: remaining })
      )
    lifted = { kept: Object.freeze(kept), params }
  }
  lastLiftedField = field
  lastLifted = lifted
  return lifted
}

/**
 * Sets the challenges an error keeps — all of them, the decisive one without
 * the parameters its typed fields now hold, so that writing the error back
 * gives the same field — and fills those fields from it where the body left
 * them empty. Gives the decisive challenge's description, the message where
 * the body said none.
 */
const liftChallenge = (
  input: Record<string, unknown>,
  has: Readonly<Record<string, boolean>>,
  field: string
): string | undefined => {
  const lifted = liftedOf(field)
  input.challenges = lifted.kept
  const params = lifted.params
  if (params === undefined) return undefined
  if (input.errorUri === undefined) setIfDefined(input, "errorUri", params["error_uri"])
  if (has.scope && input.scope === undefined) setIfDefined(input, "scope", spaceList(params["scope"]))
  if (has.acrValues && input.acrValues === undefined) {
    setIfDefined(input, "acrValues", spaceList(params["acr_values"]))
  }
  if (has.maxAge && input.maxAge === undefined) {
    const maxAge = params["max_age"]?.trim()
    if (maxAge !== undefined && /^\d+$/.test(maxAge) && Number.isSafeInteger(Number(maxAge))) {
      input.maxAge = Number(maxAge)
    }
  }
  return params["error_description"]
}

/** @internal */
export const spaceList = (value: string | undefined): Array<string> | undefined => {
  const list = value?.split(" ").filter((token) => token.length > 0)
  return list === undefined || list.length === 0 ? undefined : list
}

// ---------------------------------------------------------------------------
// Retry-After
// ---------------------------------------------------------------------------

/**
 * The longest wait a decoded error states: 2^31 - 1 seconds (68 years). A
 * server asking for more asks for forever; the raw field stays in `response`.
 */
const capped = (wait: Duration.Duration): Duration.Duration => Duration.min(wait, RetryAfter.maxDelay)

/**
 * `Retry-After` as RFC 9110 §10.2.3 has it (see `RetryAfter.parse`); the
 * clock is read only when there is a field to read it for.
 *
 * @internal
 */
export const parseRetryAfter = (value: string | undefined, now: number | undefined): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  // delay-seconds, the common form, needs no clock (nine digits are under the cap)
  if (value.length <= 9 && delaySeconds.test(value)) return Duration.seconds(Number(value))
  return RetryAfter.parse(value, now ?? Date.now())
}

const delaySeconds = /^\d+$/

const splitList = (value: string | undefined): Array<string> | undefined => {
  const list = value?.split(",").map((item) => item.trim()).filter((item) => item.length > 0)
  return list === undefined || list.length === 0 ? undefined : list
}

const setIfDefined = (target: Record<string, unknown>, key: string, value: unknown): void => {
  if (value !== undefined) target[key] = value
}

// ---------------------------------------------------------------------------
// What a decoder knows of a class
// ---------------------------------------------------------------------------

const optionalFields = [
  "resource",
  "path",
  "issues",
  "scope",
  "allow",
  "accept",
  "nonce",
  "challenges",
  "errors",
  "acrValues",
  "maxAge"
] as const

/** The fields Faultline maps itself, from slots and headers; every other field of a class is its own. */
const mappedFields: ReadonlySet<string> = new Set([
  "_tag",
  "message",
  "status",
  "details",
  "requestId",
  "errorUri",
  "retryAfter",
  "extensions",
  ...optionalFields
])

/**
 * A class's own fields (a user's `declineCode`): written, by their schema's
 * JSON codec, as snake_case members of `details` (or of the error object when
 * the dialect has no `details`), and read back the same way.
 *
 * @internal
 */
export interface OwnFields {
  readonly names: ReadonlyArray<readonly [field: string, member: string]>
  readonly encode: ReadonlyArray<(value: unknown) => Option.Option<unknown>>
  readonly decode: ReadonlyArray<(value: unknown) => Option.Option<unknown>>
  /** How many own fields there are: when each was read, no default has to be applied. */
  readonly required: number
  /** Applies constructor defaults and checks the whole: `None` when a required field is missing or wrong. */
  readonly make: (input: Record<string, unknown>) => Option.Option<Record<string, unknown>>
}

/**
 * What a decoder needs to know of a class, read once: which optional fields
 * it has, its statuses, the values its constructor would default, and its own
 * fields.
 *
 * @internal
 */
export interface ClassShape {
  readonly errorClass: ApiError.AnyClass
  readonly statuses: ReadonlyArray<number> | undefined
  /** The fields the constructor gives a value when none is passed, the message apart (the class's description). */
  readonly defaults: ReadonlyArray<readonly [string, unknown]>
  readonly has: Readonly<Record<string, boolean>>
  readonly own: OwnFields | undefined
}

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase()

/** AST kinds whose JSON form is the value itself (not Number: its JSON codec writes NaN and Infinity as strings). */
const plainKinds = new Set(["String", "Boolean", "Literal", "TemplateLiteral", "Enum"])

const isPlain = (ast: SchemaAST.AST): boolean =>
  ast.encoding === undefined &&
  (plainKinds.has(ast._tag) || (ast._tag === "Union" && ast.types.every((member) => isPlain(member))))

/**
 * How an own field is written: its value as it is when its JSON form is the
 * value itself (a string, a number, a literal), else by its schema's JSON
 * codec, compiled (Effect's `SchemaJITCompiler`).
 */
const fieldEncoder = (schema: Schema.Top): (value: unknown) => Option.Option<unknown> => {
  if (isPlain(schema.ast)) return Option.some
  const codec = Schema.toCodecJson(schema as Schema.Codec<unknown>)
  SchemaJITCompiler.enable(SchemaAST.flip(codec.ast))
  return Schema.encodeUnknownOption(codec)
}

/** How an own field is read: the value checked by its schema (compiled), decoded by its JSON codec if it has one. */
const fieldDecoder = (schema: Schema.Top): (value: unknown) => Option.Option<unknown> => {
  const codec = Schema.toCodecJson(schema as Schema.Codec<unknown>)
  SchemaJITCompiler.enable(codec.ast)
  return Schema.decodeUnknownOption(codec)
}

const shapes = new WeakMap<object, ClassShape>()

/**
 * The shape of a class, computed on first use and kept by class identity (a
 * user's class that reuses a built-in tag has its own).
 *
 * @internal
 */
export const shapeOf = (errorClass: ApiError.AnyClass): ClassShape => {
  let shape = shapes.get(errorClass)
  if (shape !== undefined) return shape
  const fields = fieldsOf(errorClass)
  // what no vocabulary names keeps its own members (code, body, reason…) as they are: none travels in details
  const unnamed = (errorClass as unknown) === ApiError.UnknownError || (errorClass as unknown) === ApiError.Undecodable
  const ownNames = unnamed ? [] : Object.keys(fields).filter((name) => !mappedFields.has(name))
  const own: OwnFields | undefined = ownNames.length === 0 ? undefined : {
    names: ownNames.map((name) => [name, snake(name)] as const),
    encode: ownNames.map((name) => fieldEncoder(fields[name] as Schema.Top)),
    decode: ownNames.map((name) => fieldDecoder(fields[name] as Schema.Top)),
    required: ownNames.length,
    make: (() => {
      const struct = Schema.Struct(Object.fromEntries(ownNames.map((name) => [name, fields[name] as Schema.Top])))
      return (input) => struct.makeOption(input as never) as Option.Option<Record<string, unknown>>
    })()
  }
  // the defaults are what the constructor gives (an aggregate has no members; own fields are the wire's)
  const defaults: Array<readonly [string, unknown]> = [["_tag", errorClass.tag]]
  if ("status" in fields) defaults.push(["status", errorClass.status])
  if ("issues" in fields) defaults.push(["issues", []])
  if ("allow" in fields) defaults.push(["allow", []])
  if ("errors" in fields) defaults.push(["errors", []])
  const has: Record<string, boolean> = {}
  for (const name of optionalFields) has[name] = name in fields
  shape = { errorClass, statuses: "status" in fields ? errorClass.statuses : undefined, defaults, has, own }
  shapes.set(errorClass, shape)
  return shape
}

// ---------------------------------------------------------------------------
// Building a decoded error
// ---------------------------------------------------------------------------

/**
 * What building an error needs of its dialect.
 *
 * @internal
 */
export interface DecodeContext {
  readonly name: string
  readonly vocabulary: Vocabulary
  readonly layout: Layout
  /** The layout's fetch (see `shape.ts`). */
  readonly fetch: Fetch
  /** The context an aggregate's members are read with, when the layout has them. */
  readonly members: DecodeContext | undefined
  /** Whether own fields travel in `details` (else as members of the error object). */
  readonly ownInDetails: boolean
  /** The title a class is written with, to tell a body's own title from it. */
  readonly titleOf: (errorClass: ApiError.AnyClass | undefined, status: number) => string
  /**
   * Whether a body that names no code means its status's generic class (the detector's reading, whose union is
   * every class), rather than what this vocabulary gives the status (a dialect's own decode, whose union is its own).
   */
  readonly generic: boolean
  /** What a code no vocabulary names is: an `UnknownError`, or what its status means, the code kept. */
  readonly unknownCodes: "unknown" | "status"
  /** The header fields of a rate limit that says a 403 or a 429 is one (GitHub's `x-ratelimit-remaining: 0`). */
  readonly rateLimit: {
    readonly remaining: string
    readonly reset: string | undefined
    readonly retryAfter: boolean
  } | undefined
}

const genericBadRequest = Catalog.genericClassOf(400)

/** The vocabulary's code for `ValidationError`, else (for the detector) the generic one. */
const validationEntry = (context: DecodeContext): Code | undefined =>
  context.vocabulary.codes.find((code) => code.class === ApiError.ValidationError && !code.encodeOnly) ??
    (context.generic ? genericVocabulary.byStatus.get(422) : undefined)

/**
 * A 403 or 429 whose rate-limit header says nothing remains is a rate limit
 * (GitHub's primary limit is a 403), its wait until the reset (epoch seconds);
 * so is one with a `Retry-After` where the API says so (GitHub's secondary
 * limits).
 */
const rateLimitOf = (
  context: DecodeContext,
  status: number,
  headers: Readonly<Record<string, string>>,
  now: number | undefined
): { readonly entry: Code | undefined; readonly wait: Duration.Duration | undefined } | undefined => {
  const { remaining, reset, retryAfter } = context.rateLimit!
  if (status !== 403 && status !== 429) return undefined
  if (headers[remaining]?.trim() !== "0" && !(retryAfter && headers["retry-after"] !== undefined)) return undefined
  const entry = context.vocabulary.codes.find((code) => code.class === ApiError.RateLimited && !code.encodeOnly) ??
    (context.generic ? genericVocabulary.byStatus.get(429) : undefined)
  const at = reset === undefined ? undefined : headers[reset]?.trim()
  const epoch = at !== undefined && /^\d{1,12}$/.test(at) ? Number(at) * 1000 : undefined
  const wait = epoch === undefined
    ? undefined
    : capped(Duration.millis(Math.max(0, epoch - (now ?? Date.now()))))
  return { entry, wait }
}

const codeKey = (context: DecodeContext): string => {
  const path = context.layout.paths[Slot.code]
  return path === undefined ? "code" : lastName(path)
}

/** The classes that mean no more than a status, as a vocabulary (RFC 9110 §15). */
const genericVocabulary = index(
  normalize(
    { name: "generic", convention: "status", charset: "any", redirect: false },
    Catalog.vocabulary("message-description")
  ),
  "status"
)

/**
 * Whether a code says no more than the status it came with: its reason
 * phrase (`"Unauthorized"` on a 401) or its digits. The detector reads such
 * a code, when the vocabulary does not know it, as no code at all.
 *
 * @internal
 */
export const restatesStatus = (code: string, status: number): boolean => statesStatus(code, status)

let lastRestated = false

/**
 * Whether the last error built read its code as only restating the status
 * (the detector then reports no code).
 *
 * @internal
 */
export const restatedLast = (): boolean => lastRestated

const noHeaders: Readonly<Record<string, string>> = Object.freeze({})

/** How deep aggregates may nest (an aggregate's members are read with no further aggregates below this). */
const maxAggregateDepth = 4

/**
 * Builds the typed error a reading means. Fields the class does not have go
 * to `extensions`, so nothing read is dropped. The instance is made with
 * `ApiError.makeUnsafe`: every value here came out of `JSON.parse` or a reader
 * that checked its type, and constructing through the schema would cost far
 * more than parsing the body did.
 *
 * @internal
 */
export const buildError = (
  context: DecodeContext,
  reading: Reading,
  status: number,
  headers: Readonly<Record<string, string>>,
  now: number | undefined,
  body: Schema.Json | undefined,
  depth = 0
): ApiError.ApiError => {
  const vocabulary = context.vocabulary
  let entry: Code | undefined
  let resource: string | undefined = reading.resource
  let path: string | undefined = reading.path
  let extensions = reading.extensions
  const code = reading.code
  const resolved = code === undefined ? undefined : resolve(vocabulary, code, status)
  const restates = code !== undefined && resolved === undefined && restatesStatus(code, status)
  lastRestated = restates && context.generic
  // an open code set's code no table names means what its status means (JSON:API's application codes); kept
  const byStatus = code !== undefined && resolved === undefined &&
    (context.unknownCodes === "status" || lastRestated)
  if (code !== undefined && !byStatus) {
    if (resolved !== undefined) {
      entry = resolved.entry
      if (resolved.resource !== undefined) resource = resolved.resource
    } else {
      // seed 003: a code no table names is the path of the property that failed
      const pathEntry = vocabulary.pathByStatus.get(status)
      if (pathEntry === undefined) return unknown(context, reading, status, headers, now, body)
      entry = pathEntry
      path = code
    }
  } else {
    // no code: the status says what it means (RFC 9110 §15)
    entry = statusEntry(context.generic ? genericVocabulary : vocabulary, status)
    if (entry === undefined) return unknown(context, reading, status, headers, now, body)
    if (byStatus && !restates) extensions = keepMember(extensions, codeKey(context), code!)
  }
  // field issues say more than a bare 400: a validation error (AIP-193's BadRequest.fieldViolations)
  if (entry.class === genericBadRequest && reading.issues !== undefined && reading.issues.length > 0) {
    entry = validationEntry(context) ?? entry
  }
  const limited = context.rateLimit === undefined ? undefined : rateLimitOf(context, status, headers, now)
  if (limited !== undefined) entry = limited.entry ?? entry
  const shape = shapeOf(entry.class)
  const has = shape.has
  // the instance itself, filled as the reading is: no fields object between (see `ApiError.finishUnsafe`)
  const input = Object.create(shape.errorClass.prototype) as Record<string, unknown>
  for (const [key, value] of shape.defaults) input[key] = value
  let message = shape.errorClass.description
  let details = reading.details
  if (shape.own !== undefined) {
    const taken = takeOwnFields(shape.own, context.ownInDetails ? details : extensions)
    if (taken === undefined) return unknown(context, reading, status, headers, now, body)
    for (const key in taken.values) input[key] = taken.values[key]
    if (context.ownInDetails) details = taken.rest
    else extensions = taken.rest as Record<string, Schema.Json> | undefined
  }
  if (reading.message !== undefined) message = reading.message
  if (reading.title !== undefined && reading.title !== context.titleOf(entry.class, status)) {
    // a title of the body's own is part of what it said (RFC 9457 §3.1.3): kept, to be written back
    extensions = keepMember(extensions, "title", reading.title)
  }
  if (reading.status !== undefined && reading.status !== status) {
    extensions = keepMember(extensions, "status", reading.status)
  }
  const requestId = reading.requestId ?? requestIdOf(context.layout, headers)
  if (requestId !== undefined) input.requestId = requestId
  if (reading.errorUri !== undefined) input.errorUri = reading.errorUri
  if (shape.statuses !== undefined && shape.statuses.includes(status)) input.status = status
  if (resource !== undefined) {
    if (has.resource) input.resource = resource
    else extensions = keepMember(extensions, "resource", resource)
  }
  if (path !== undefined) {
    if (has.path) input.path = path
    else if (!has.issues) extensions = keepMember(extensions, "path", path)
  }
  // an aggregate that shares the issues' member (RFC 9457's `errors`) took it as its members
  const membersTaken = has.errors && reading.members !== undefined && context.layout.membersAt === Slot.issues
  if (has.issues) {
    const fromDetails = reading.issues === undefined && context.layout.issuesInDetails && details !== undefined
      ? issuesFrom(details, context.layout.issuesFormat ?? "list", context.layout.issueItem)
      : undefined
    if (fromDetails !== undefined) details = undefined
    const issues = reading.issues ?? fromDetails ?? (path === undefined ? undefined : [{
      path,
      message: reading.message ?? "",
      ...(reading.check === undefined ? {} : { check: reading.check })
    }])
    if (issues !== undefined) input.issues = issues
    if (reading.issues === undefined && reading.issuesRaw !== undefined) {
      extensions = keepMember(extensions, lastKey(context, "issues"), reading.issuesRaw)
    }
  } else {
    // a class with no issues keeps the member as it came (RFC 9457 §3.2: an extension survives a re-encode)
    if (reading.issuesRaw !== undefined && !membersTaken) {
      extensions = keepMember(extensions, lastKey(context, "issues"), reading.issuesRaw)
    }
    if (reading.check !== undefined) extensions = keepMember(extensions, "check", reading.check)
  }
  if (details !== undefined) input.details = details
  const retryAfter = retryAfterOf(reading, headers, now) ?? limited?.wait
  if (retryAfter !== undefined) input.retryAfter = retryAfter
  if (has.scope) setIfDefined(input, "scope", reading.scope)
  else if (reading.scope !== undefined) extensions = keepMember(extensions, "scope", reading.scope.join(" "))
  if (has.allow) setIfDefined(input, "allow", splitList(headers["allow"]))
  if (has.accept) setIfDefined(input, "accept", splitList(headers["accept"]))
  if (has.nonce) setIfDefined(input, "nonce", headers["dpop-nonce"] || undefined)
  const field = headers["www-authenticate"]
  if (has.challenges && field !== undefined) {
    const described = liftChallenge(input, has, field)
    if (reading.message === undefined && described !== undefined) message = described
  }
  if (has.errors) {
    const members = reading.members === undefined ? [] : buildMembers(context, reading.members, depth)
    const issues = context.layout.issuesFormat === "members" ? fieldIssues(members) : undefined
    if (issues !== undefined) return validationError(context, issues, reading, status, headers, now, body)
    input.errors = members
  }
  if (reading.fields !== undefined) {
    for (const key of Object.keys(reading.fields)) if (has[key]) setIfDefined(input, key, reading.fields[key])
  }
  if (extensions !== undefined) input.extensions = extensions
  return ApiError.finishUnsafe(input as unknown as ApiError.ApiError, message)
}

/** The request id of a response's header: the dialect's field, else `X-Request-ID`. */
const requestIdOf = (layout: Layout, headers: Readonly<Record<string, string>>): string | undefined => {
  for (const name of layout.requestIdHeaders) {
    const value = headers[name]
    if (value !== undefined && value.length > 0) return value
  }
  return undefined
}

const lastKey = (context: DecodeContext, slot: "issues" | "members"): string => {
  const path = context.layout.paths[Slot[slot]]
  return path === undefined ? slot : lastName(path)
}

const retryAfterOf = (reading: Reading, headers: Readonly<Record<string, string>>, now: number | undefined) =>
  parseRetryAfter(headers["retry-after"], now) ??
    (reading.retryAfterSeconds === undefined ? undefined : capped(Duration.seconds(reading.retryAfterSeconds)))

/** Takes a class's own fields out of a JSON object; `undefined` when they do not make a valid instance. */
const takeOwnFields = (
  own: OwnFields,
  from: Schema.Json | Record<string, Schema.Json> | undefined
): { readonly values: Record<string, unknown>; readonly rest: Schema.Json | undefined } | undefined => {
  const object = isObject(from) ? from : undefined
  const values: Record<string, unknown> = {}
  let rest: Record<string, Schema.Json> | undefined = object === undefined ? undefined : { ...object }
  let read = 0
  own.names.forEach(([field, member], i) => {
    if (object === undefined || !Object.hasOwn(object, member)) return
    const decoded = own.decode[i]!(object[member])
    if (Option.isSome(decoded)) {
      values[field] = decoded.value
      delete rest![member]
      read++
    }
  })
  // every field read and checked: nothing to default; else the class's constructor defaults, and its checks
  let complete = values
  if (read < own.required) {
    const made = own.make(values)
    if (Option.isNone(made)) return undefined
    complete = made.value
  }
  if (rest !== undefined && Object.keys(rest).length === 0) rest = undefined
  return { values: complete, rest: object === undefined ? from as Schema.Json | undefined : rest }
}

/**
 * A class's own fields and the members they are written as, or `undefined`.
 *
 * @internal
 */
export const ownFieldNames = (errorClass: ApiError.AnyClass): OwnFields["names"] | undefined =>
  shapeOf(errorClass).own?.names

/**
 * Whether a class has fields of its own (see {@link OwnFields}).
 *
 * @internal
 */
export const ownMembersOf = (errorClass: ApiError.AnyClass): boolean => shapeOf(errorClass).own !== undefined

/**
 * A class's own fields as the JSON members they are written as, or
 * `undefined` when it has none.
 *
 * @internal
 */
export const ownMembers = (error: ApiError.ApiError): Record<string, unknown> | undefined => {
  const own = shapeOf(error.constructor as ApiError.AnyClass).own
  if (own === undefined) return undefined
  let out: Record<string, unknown> | undefined
  own.names.forEach(([field, member], i) => {
    const value = (error as unknown as Record<string, unknown>)[field]
    if (value === undefined) return
    const encoded = own.encode[i]!(value)
    if (Option.isSome(encoded)) (out ??= {})[member] = encoded.value
  })
  return out
}

/**
 * The error of a body that is a list of error objects (JSON:API's and
 * GraphQL's `errors`), each of the layout's shape, with `undefined` for a body
 * that is not one. No item: what the status means. One: that error. Several:
 * one `ValidationError` when each is a field that failed; else an aggregate
 * (`MultipleErrors`) when the list is declared so and the vocabulary has one;
 * else the first error the HTTP status is about (the first, on a 2xx), the
 * others kept under the list's member — or, when the status is about none of
 * them, what the status means, every item kept. Members beside the list are
 * the error's extensions.
 *
 * @internal
 */
export const buildList = (
  context: DecodeContext,
  json: Schema.Json,
  status: number,
  headers: Readonly<Record<string, string>>,
  now: number | undefined,
  url: string | undefined
): { readonly error: ApiError.ApiError; readonly code: string | undefined } | undefined => {
  const list = context.layout.list!
  if (!isObject(json)) return undefined
  let listed: Schema.Json | undefined = json
  for (const name of list.path) listed = isObject(listed) && Object.hasOwn(listed, name) ? listed[name] : undefined
  if (!Array.isArray(listed)) return undefined
  const listKey = list.path[0]!
  let rest: Record<string, Schema.Json> | undefined
  const constants = context.layout.listConstantNames
  for (const key in json) if (key !== listKey && !constants.has(key)) rest = keepMember(rest, key, json[key]!)
  const readings = listed.map((item) => read(context.layout, context.fetch, item, headers, url))
  const withRest = (reading: Reading): Reading => {
    for (const key in rest) reading.extensions = keepMember(reading.extensions, key, rest[key]!)
    return reading
  }
  if (listed.length === 0) {
    return { error: buildError(context, withRest(emptyReading()), status, headers, now, json), code: undefined }
  }
  const firstIndex = readings.findIndex((reading) => reading !== undefined)
  if (firstIndex === -1) return undefined
  // each item as an error of its own: the member's own status decides its class, and is not kept as a disagreement
  // with the response's
  const members = listed.length === 1 ? [] : readings.map((reading, i) =>
    reading === undefined
      ? undefined
      : buildError(context, { ...reading, status: undefined }, reading.status ?? status, noHeaders, now, listed[i], 1)
  )
  if (listed.length > 1) {
    // every item a field that failed: one validation error, an issue per item
    const issues = fieldIssues(members.filter((member) => member !== undefined) as Array<ApiError.AggregateMember>)
    if (issues !== undefined && members.every((member) => member !== undefined)) {
      return {
        error: validationError(context, issues, withRest(emptyReading()), status, headers, now, json),
        code: undefined
      }
    }
    const aggregate = context.vocabulary.codes.find((code) => code.class === ApiError.MultipleErrors as unknown)
    if (list.several === "aggregate" && aggregate !== undefined) {
      const input: Record<string, unknown> = {
        _tag: "MultipleErrors",
        message: ApiError.MultipleErrors.description,
        errors: members.map((member, i) => member ?? unreadableMember(context, listed[i]!))
      }
      setIfDefined(input, "requestId", requestIdOf(context.layout, headers))
      setIfDefined(input, "retryAfter", parseRetryAfter(headers["retry-after"], now))
      setIfDefined(input, "extensions", rest)
      return { error: ApiError.makeUnsafe(ApiError.MultipleErrors, input as never), code: undefined }
    }
  }
  // one error: the first the status is about (a 2xx is about none: the first), the others kept where they were; when
  // the status is about none of them, it says what they are, every one kept (RFC 9457 §3.1.2's policy: the HTTP
  // status decides)
  const errorStatus = status >= 400 && status <= 599
  if (listed.length === 1) {
    const only = readings[0]!
    // an error object that states no status of its own is the response's error, whatever class its code gives
    const stated = only.status
    const error = buildError(context, withRest(only), status, headers, now, json)
    if (stated === undefined || error.status === status || !errorStatus || error._tag === "UnknownError") {
      return { error, code: only.code }
    }
    const summary = withRest(emptyReading())
    summary.extensions = keepMember(summary.extensions, listKey, listed)
    return { error: buildError(context, summary, status, headers, now, json), code: undefined }
  }
  let chosen = members.findIndex((member) => member?.status === status)
  if (chosen === -1 && !errorStatus) chosen = firstIndex
  if (chosen === -1) {
    const summary = withRest(emptyReading())
    summary.extensions = keepMember(summary.extensions, listKey, listed)
    return { error: buildError(context, summary, status, headers, now, json), code: undefined }
  }
  const picked = withRest(read(context.layout, context.fetch, listed[chosen]!, headers, url)!)
  const others = listed.filter((_, i) => i !== chosen)
  if (others.length > 0) picked.extensions = keepMember(picked.extensions, listKey, others)
  return { error: buildError(context, picked, status, headers, now, json), code: picked.code }
}

const unreadableMember = (context: DecodeContext, item: Schema.Json): ApiError.UnknownError =>
  ApiError.makeUnsafe(ApiError.UnknownError, {
    _tag: "UnknownError",
    code: "",
    status: 422,
    message: ApiError.UnknownError.description,
    dialect: context.name,
    body: item
  })

const buildMembers = (
  context: DecodeContext,
  members: ReadonlyArray<Schema.Json>,
  depth: number
): Array<ApiError.AggregateMember> =>
  members.map((item): ApiError.AggregateMember => {
    const inner = context.members
    const reading = inner === undefined ? undefined : read(inner.layout, inner.fetch, item, noHeaders, undefined)
    if (reading === undefined || depth >= maxAggregateDepth) {
      return ApiError.makeUnsafe(ApiError.UnknownError, {
        _tag: "UnknownError",
        code: "",
        status: 422,
        message: ApiError.UnknownError.description,
        dialect: context.name,
        body: item
      })
    }
    // The members of an aggregate answer to the body alone: the response's fields (its challenge, its
    // Retry-After, its request id) belong to the aggregate, so members are built with no headers.
    const memberStatus = reading.status ?? 422
    reading.status = undefined
    return buildError(inner!, reading, memberStatus, noHeaders, 0, item, depth + 1) as ApiError.AggregateMember
  })

/**
 * Every member of several a single-field validation failure: their issues,
 * else `undefined`. One member stays an aggregate of one: a validation error
 * of one field is written as that field's error, whose message is the
 * field's, and could not say the aggregate's too.
 */
const fieldIssues = (
  members: ReadonlyArray<ApiError.AggregateMember | ApiError.ApiError>
): Array<FieldIssue.FieldIssue> | undefined => {
  if (members.length < 2) return undefined
  const issues: Array<FieldIssue.FieldIssue> = []
  for (const member of members) {
    if (member._tag !== "ValidationError") return undefined
    const own = (member as ApiError.ValidationError).issues
    if (own.length !== 1) return undefined
    issues.push(own[0]!)
  }
  return issues
}

/** An aggregate of field failures read as what it is: one validation error with an issue per field (seed 003). */
const validationError = (
  context: DecodeContext,
  issues: Array<FieldIssue.FieldIssue>,
  reading: Reading,
  status: number,
  headers: Readonly<Record<string, string>>,
  now: number | undefined,
  body: Schema.Json | undefined
): ApiError.ApiError => {
  const entry = context.vocabulary.codes.find((code) => code.class === ApiError.ValidationError && !code.encodeOnly)
  if (entry === undefined) return unknown(context, reading, status, headers, now, body)
  const shape = shapeOf(ApiError.ValidationError as unknown as ApiError.AnyClass)
  const input = Object.create(ApiError.ValidationError.prototype) as Record<string, unknown>
  for (const [key, value] of shape.defaults) input[key] = value
  input.issues = issues
  const requestId = reading.requestId ?? requestIdOf(context.layout, headers)
  if (requestId !== undefined) input.requestId = requestId
  const retryAfter = retryAfterOf(reading, headers, now)
  if (retryAfter !== undefined) input.retryAfter = retryAfter
  let extensions = reading.extensions
  if (reading.status !== undefined && reading.status !== status) {
    extensions = keepMember(extensions, "status", reading.status)
  }
  if (extensions !== undefined) input.extensions = extensions
  return ApiError.finishUnsafe(
    input as unknown as ApiError.ValidationError,
    reading.message ?? ApiError.ValidationError.description
  )
}

/**
 * An error no vocabulary documents, keeping everything that came.
 *
 * @internal
 */
export const unknown = (
  context: DecodeContext,
  reading: Reading,
  status: number,
  headers: Readonly<Record<string, string>>,
  now: number | undefined,
  body: Schema.Json | undefined
): ApiError.UnknownError => {
  const input = Object.create(ApiError.UnknownError.prototype) as Record<string, unknown>
  input._tag = "UnknownError"
  input.code = reading.code ?? ""
  input.status = status
  input.dialect = context.name
  let extensions = reading.extensions
  if (reading.title !== undefined && reading.title !== context.titleOf(undefined, status)) {
    extensions = keepMember(extensions, "title", reading.title)
  }
  if (reading.status !== undefined && reading.status !== status) {
    extensions = keepMember(extensions, "status", reading.status)
  }
  if (reading.resource !== undefined) extensions = keepMember(extensions, "resource", reading.resource)
  if (reading.path !== undefined) extensions = keepMember(extensions, "path", reading.path)
  if (reading.check !== undefined) extensions = keepMember(extensions, "check", reading.check)
  if (reading.scope !== undefined) extensions = keepMember(extensions, "scope", reading.scope.join(" "))
  // what no vocabulary names keeps its members as they came, to be written back as they were
  if (reading.issuesRaw !== undefined) {
    extensions = keepMember(extensions, lastKey(context, "issues"), reading.issuesRaw)
  }
  if (reading.members !== undefined && context.layout.membersAt === Slot.members) {
    extensions = keepMember(extensions, lastKey(context, "members"), reading.members as Schema.Json)
  }
  setIfDefined(input, "details", reading.details)
  setIfDefined(input, "requestId", reading.requestId ?? requestIdOf(context.layout, headers))
  setIfDefined(input, "errorUri", reading.errorUri)
  setIfDefined(input, "retryAfter", retryAfterOf(reading, headers, now))
  setIfDefined(input, "extensions", extensions)
  setIfDefined(input, "body", body)
  return ApiError.finishUnsafe(
    input as unknown as ApiError.UnknownError,
    reading.message ?? reading.title ?? ApiError.UnknownError.description
  )
}

/**
 * A body that is not the dialect's: it keeps the status, the headers, the raw
 * text, and the wait the response asked for.
 *
 * @internal
 */
export const undecodable = (
  status: number,
  reason: ApiError.UndecodableReason,
  headers: Readonly<Record<string, string>>,
  text: string,
  dialect: string,
  now: number | undefined
): ApiError.Undecodable => {
  const requestId = headers["x-request-id"] || undefined
  const message = reason === "Empty"
    ? `Empty ${status} response`
    : reason === "Shape"
    ? `A ${status} response that is not ${dialect}`
    : reason === "NotJson"
    ? `A ${status} response whose body is not JSON`
    : reason === "TooLarge"
    ? `A ${status} response over the size limit`
    : `A ${status} response nested over the depth limit`
  const input: Record<string, unknown> = {
    _tag: "Undecodable",
    status,
    reason,
    message,
    headers: { ...headers },
    body: text
  }
  if (requestId !== undefined) input.requestId = requestId
  const retryAfter = parseRetryAfter(headers["retry-after"], now)
  if (retryAfter !== undefined) input.retryAfter = retryAfter
  return ApiError.makeUnsafe(ApiError.Undecodable, input as { _tag: string; message: string })
}

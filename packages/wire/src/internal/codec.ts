import { ApiError, Catalog, FieldIssue } from "@faultline/errors"
import { Duration, Schema, SchemaTransformation } from "effect"
import { HttpApiSchema } from "effect/http-api"
import type * as Dialect from "../Dialect.ts"
import { buildError, type DecodeContext, ownFieldNames, ownMembers, ownMembersOf, undecodable } from "./build.ts"
import { challengeCodeOf, type ChallengeOptions, challengesFor, withChallenge } from "./challenge.ts"
import { type Encoder, instantiate } from "./encoder.ts"
import { normalizeHeaders, safeHeaderValue } from "./headers.ts"
import { canGenerate, compileFetch, compileWriter } from "./jit.ts"
import { defaultLimits, isObject, keep, type Limits, type Parsed, parseJson } from "./json.ts"
import { compile, emptyReading, type Layout, quote, rawJson, read, type Reading, Slot } from "./shape.ts"
import { isNqchar, toNqschar } from "./text.ts"
import { type Code, fieldsOf, select, type Selection, spell, type Vocabulary } from "./vocabulary.ts"

/**
 * The message an encoder may send: a 4xx's own, a 5xx's only under operator
 * debug (else its class's description: no message, stack or input leaks).
 *
 * @internal
 */
export const publicMessage = (error: ApiError.ApiError, options: Dialect.EncodeOptions | undefined): string =>
  error.exposeMessage !== false || options?.debug !== undefined ? error.message : hiddenMessage(error)

const hiddenMessage = (error: ApiError.ApiError): string =>
  (error.constructor as { readonly description?: string }).description ?? ApiError.InternalError.description

/**
 * Whole seconds of a wait, rounded up: `Retry-After` is the least time to
 * wait (RFC 9110 §10.2.3), capped at 2^31 - 1 seconds, as decoding is.
 *
 * @internal
 */
export const retryAfterSeconds = (error: ApiError.ApiError): number | undefined => {
  const retryAfter = error.retryAfter
  if (retryAfter === undefined) return undefined
  const seconds = Math.ceil(Duration.toMillis(retryAfter) / 1000)
  return Number.isFinite(seconds) ? Math.min(Math.max(0, seconds), 2_147_483_647) : 2_147_483_647
}

/** A request id as a header value: trimmed (RFC 9110 §5.5), made safe, absent when empty. */
const headerRequestId = (requestId: string): string | undefined => {
  const id = requestId.trim()
  return id.length === 0 ? undefined : safeHeaderValue(id)
}

/**
 * What encoding needs to know of a class in one dialect, worked out on the
 * class's first encode and kept by class identity: its code and status when
 * they do not depend on the instance, the header fields its fields carry, its
 * challenge code, and the description a hidden message is replaced by.
 *
 * @internal
 */
export interface ClassPlan {
  /**
   * The code and status of every instance with no resource and no path, at the class's status (`undefined` for an
   * `UnknownError` or an `Undecodable`, whose own code and status decide).
   */
  readonly selection: Selection | undefined
  /** The class's default status. */
  readonly status: number
  readonly allow: boolean
  readonly accept: boolean
  readonly nonce: boolean
  /** The challenge code of its instances (RFC 6750 §3.1), `undefined` for none; an `UnknownError` decides per instance. */
  readonly challengeCode: string | undefined
  /** Whether no header beyond the content type and request id can depend on anything but `retryAfter`. */
  readonly plainHeaders: boolean
  readonly description: string
  /** Whether the class has fields of its own to write. */
  readonly ownFields: boolean
  /** The code of `selection` as JSON text, as the dialect writes it, when the selection is fixed. */
  codeJson: string | undefined
  /** The class's title as JSON text. */
  readonly titleJson: string
}

/**
 * Whether a code is a class's own name: the class it means first (OAuth's
 * `invalid_request` names InvalidRequest; read at 404 or 429 it stands for
 * NotFound or RateLimited, and says nothing of them).
 */
const namesOwnClass = (vocabulary: Vocabulary, selection: Selection, errorClass: ApiError.AnyClass): boolean =>
  selection.entry?.class === errorClass && vocabulary.byCode.get(selection.code)?.class === errorClass

const makePlan = (vocabulary: Vocabulary, errorClass: ApiError.AnyClass): ClassPlan => {
  const fields = fieldsOf(errorClass)
  const unnamed = (errorClass as unknown) === ApiError.UnknownError || (errorClass as unknown) === ApiError.Undecodable
  const facts = errorClass as Partial<ApiError.ClassFacts<string, number>>
  let selection: Selection | undefined
  let challengeCode: string | undefined
  if (!unnamed && typeof facts.status === "number") {
    // an instance with no field but its class's: what it is written with is what every instance with no resource
    // or path, at the class's status, is written with
    const sample = Object.create(errorClass.prototype, { _tag: { value: facts.tag }, status: { value: facts.status } })
    selection = select(vocabulary, sample as ApiError.ApiError)
    challengeCode = challengeCodeOf(sample as ApiError.ApiError)
  }
  const allow = "allow" in fields
  const accept = "accept" in fields
  const nonce = "nonce" in fields
  return {
    selection,
    status: facts.status ?? 0,
    allow,
    accept,
    nonce,
    challengeCode,
    plainHeaders: !unnamed && !allow && !accept && !nonce && challengeCode === undefined && !("challenges" in fields),
    description: facts.description ?? ApiError.InternalError.description,
    ownFields: !unnamed && ownMembersOf(errorClass),
    codeJson: undefined,
    titleJson: quote(facts.title ?? "")
  }
}

/**
 * The header fields of an encoded error, by the rules every dialect shares:
 * the fields its class's fields carry, `Retry-After`, a 429's `no-store`, the
 * challenges.
 *
 * @see RFC 9110 §10.2.1 (Allow), §10.2.3 (Retry-After), §11.6.1 (WWW-Authenticate), §12.5.1 (Accept);
 *   RFC 6585 §4; RFC 9449 §8
 * @internal
 */
export const encodeHeaders = (
  error: ApiError.ApiError,
  plan: ClassPlan,
  status: number,
  contentType: string | undefined,
  fixed: Readonly<Record<string, string>> | undefined,
  requestId: string | undefined,
  challenge: ChallengeOptions | undefined,
  challengeCode: string | undefined,
  always: boolean
): Record<string, string> => {
  const headers: Record<string, string> = contentType === undefined
    ? { ...fixed }
    : fixed === undefined
    ? { "content-type": contentType }
    : { "content-type": contentType, ...fixed }
  const id = requestId === undefined ? undefined : headerRequestId(requestId)
  if (id !== undefined) headers["x-request-id"] = id
  if (plan.allow) {
    // RFC 9110 §15.5.6: a 405 MUST carry Allow, even when empty
    headers["allow"] = ((error as { readonly allow?: ReadonlyArray<string> }).allow ?? []).join(", ")
  }
  if (plan.accept) {
    const accept = (error as { readonly accept?: ReadonlyArray<string> }).accept
    if (accept !== undefined && accept.length > 0) headers["accept"] = safeHeaderValue(accept.join(", "))
  }
  if (plan.nonce) {
    const nonce = (error as { readonly nonce?: string }).nonce
    if (nonce !== undefined) {
      headers["dpop-nonce"] = safeHeaderValue(nonce)
      headers["cache-control"] = "no-store"
    }
  }
  const seconds = retryAfterSeconds(error)
  if (seconds !== undefined) headers["retry-after"] = String(seconds)
  // RFC 6585 §4: a 429 must not be stored by a cache
  if (status === 429) headers["cache-control"] = "no-store"
  const field = challengesFor(error, status, challenge, error.exposeMessage !== false, challengeCode)
  if (field !== undefined) headers["www-authenticate"] = field
  else if (always) {
    headers["www-authenticate"] = challengesFor(new ApiError.Unauthorized(), 401, challenge ?? {}, false)!
  }
  return headers
}

/**
 * The limits a decode runs with.
 *
 * @internal
 */
export const limitsOf = (options: Dialect.DecodeOptions | undefined): Limits =>
  options === undefined ? defaultLimits : {
    maxBytes: options.maxBytes ?? defaultLimits.maxBytes,
    maxDepth: options.maxDepth ?? defaultLimits.maxDepth,
    keepBytes: options.keepBytes ?? defaultLimits.keepBytes
  }

/** The title a class is written with; a code no vocabulary names has its status's reason phrase. */
export const titleOf = (errorClass: ApiError.AnyClass | undefined, status: number): string =>
  errorClass?.title ?? reasonPhrase(status)

/**
 * The reason phrase of a status, as the generic class of the status has it
 * (`Not Found`), else the registered one (`Locked`), else that of its class
 * (`Bad Request`, `Internal Server Error`).
 *
 * @internal
 */
export const reasonPhrase = (status: number): string =>
  Catalog.genericClassOf(status)?.title ?? ApiError.reasonPhrase(status)

/**
 * A compiled dialect: what `Dialect.make` builds from a description.
 *
 * @internal
 */
export interface Codec {
  readonly layout: Layout
  readonly select: (error: ApiError.ApiError) => Selection
  readonly encode: (error: ApiError.ApiError, options?: Dialect.EncodeOptions) => Dialect.Encoded
  readonly decodeParsed: (response: Dialect.ParsedResponse, options?: Dialect.DecodeOptions) => ApiError.ApiError
  readonly decode: (response: Dialect.WireResponse, options?: Dialect.DecodeOptions) => ApiError.ApiError
  readonly readCode: (response: Dialect.ParsedResponse) => string | undefined
  readonly schema: (errorClass: ApiError.AnyClass, options?: { readonly status?: number | undefined }) => Schema.Top
  readonly errors: Schema.Top
}

/**
 * Compiles a dialect: its layout once, a plan per class on first use, and
 * encode and decode functions that read them.
 *
 * @internal
 */
export const makeCodec = (
  description: Dialect.Description<string, ReadonlyArray<Dialect.CodeEntry>>,
  vocabulary: Vocabulary,
  generate: boolean = canGenerate
): Codec => {
  const name = description.name
  const layout = compile(name, description.shape, description.lenientNames === true)
  const oauthText = description.charset === "oauth"
  const contentType = description.contentType
  const fixed = description.headers
  const bodyMode = description.body ?? "always"
  const challenge = description.challenge
  const alwaysChallenge = challenge?.always === true
  const paths = layout.paths
  const fieldsInDetails = paths[Slot.details] !== undefined && description.fields !== "members"
  // the header fields every response with a body starts from, copied (a copy of one object is V8's fastest)
  const headerTemplate: Readonly<Record<string, string>> = { "content-type": contentType, ...fixed }
  const writeBody = compileWriter(layout, generate)
  const writeMember = layout.member === undefined ? undefined : compileWriter(layout.member, generate)
  const aggregateCode = vocabulary.codes.find((code) => !code.encodeOnly && "errors" in fieldsOf(code.class))
  const memberContext: DecodeContext | undefined = layout.member === undefined ? undefined : {
    name,
    vocabulary,
    layout: layout.member,
    fetch: compileFetch(layout.member, generate),
    members: undefined,
    ownInDetails: false,
    titleOf
  }
  const fetch = compileFetch(layout, generate)
  const context: DecodeContext = {
    name,
    vocabulary,
    layout,
    fetch,
    members: memberContext,
    ownInDetails: fieldsInDetails,
    titleOf
  }

  // -------------------------------------------------------------------------
  // encode
  // -------------------------------------------------------------------------

  /** The code as the dialect writes it: in its format and charset. */
  const codeText = (code: string, status: number): string => {
    switch (layout.codeFormat) {
      case "status":
        return /^[1-5]\d\d$/.test(code) ? code : String(status)
      case "uri":
        // a code that is no URI cannot be a type: it goes as the default (and is kept beside it, see `fill`)
        return code.includes(":") ? code : layout.codeDefault ?? code
      default:
        return oauthText ? toNqschar(code) ?? "server_error" : code
    }
  }

  // The vocabulary's codes as JSON text, once each: most responses write one of them.
  const quotedCodes = new Map<Selection, string>()
  for (const ofClass of vocabulary.byClass.values()) {
    for (const selection of [...ofClass.plain, ...ofClass.byResource.values()]) {
      quotedCodes.set(selection, quote(codeText(selection.code, selection.status)))
    }
  }
  const codeJson = (selection: Selection): string =>
    quotedCodes.get(selection) ?? quote(codeText(selection.code, selection.status))

  // the parts the dialect's body has, looked up once
  const slots = {
    message: paths[Slot.message] !== undefined,
    title: paths[Slot.title] !== undefined,
    details: paths[Slot.details] !== undefined,
    issues: paths[Slot.issues] !== undefined,
    requestId: paths[Slot.requestId] !== undefined,
    errorUri: paths[Slot.errorUri] !== undefined,
    retryAfter: paths[Slot.retryAfter] !== undefined,
    status: paths[Slot.status] !== undefined,
    path: paths[Slot.path] !== undefined,
    scope: paths[Slot.scope] !== undefined,
    resource: paths[Slot.resource] !== undefined,
    debug: paths[Slot.debug] !== undefined
  }
  const selectIn = (error: ApiError.ApiError) => select(vocabulary, error)
  const encoders = new Map<unknown, Encoder>()
  /** The encoder of an error's class, made on the class's first encode. */
  const encoderOf = (error: ApiError.ApiError): Encoder => {
    const errorClass = error.constructor
    let found = encoders.get(errorClass)
    if (found === undefined) {
      const plan = makePlan(vocabulary, errorClass as ApiError.AnyClass)
      const fields = fieldsOf(errorClass)
      found = instantiate({
        selection: plan.selection,
        status: plan.status,
        codeJson: plan.selection === undefined ? undefined : codeJson(plan.selection),
        titleJson: plan.titleJson,
        description: plan.description,
        challengeCode: plan.challengeCode,
        plainHeaders: plan.plainHeaders,
        ownFields: plan.ownFields,
        unknown: plan.selection === undefined,
        hasResource: "resource" in fields,
        hasPath: "path" in fields,
        hasIssues: "issues" in fields,
        hasScope: "scope" in fields,
        slots,
        oauthText,
        codeIsUri: layout.codeFormat === "uri",
        // a default message goes unsaid only where the code says it all: a code of the class's own, not a shared
        // one (OAuth's invalid_request at 404, 413 or 429 says nothing of why: RFC 6585 §4 wants the 429 explained)
        omitDefaultMessage: layout.omitDefaultMessage
          ? (selection: Selection) =>
            plan.selection === undefined || namesOwnClass(vocabulary, selection, errorClass as ApiError.AnyClass)
          : undefined,
        issuesFormat: layout.issuesFormat,
        issuesInDetails: layout.issuesInDetails,
        fieldsInDetails,
        headerTemplate,
        contentType,
        fixed,
        alwaysBody: bodyMode === "always",
        alwaysChallenge,
        challenge,
        hasMembers: layout.member !== undefined,
        select: selectIn,
        codeJsonOf: codeJson,
        quote,
        toNqschar,
        isNqchar,
        isObject,
        titleOf,
        issuesValue,
        ownMembers,
        retryAfterSeconds,
        headerRequestId,
        encodeHeaders: (
          error: ApiError.ApiError,
          status: number,
          type: string | undefined,
          fixedHeaders: Readonly<Record<string, string>> | undefined,
          requestId: string | undefined,
          configured: ChallengeOptions | undefined,
          challengeCode: string | undefined,
          always: boolean
        ) => encodeHeaders(error, plan, status, type, fixedHeaders, requestId, configured, challengeCode, always),
        write: writeBody,
        members
      }, generate)
      encoders.set(errorClass, found)
    }
    return found
  }
  /** An error object written as an aggregate's member (seed 003's `inner`). */
  const memberText = (member: ApiError.ApiError, options: Dialect.EncodeOptions | undefined): string => {
    const issues = (member as { readonly issues?: ReadonlyArray<FieldIssue.FieldIssue> }).issues
    const values = emptyValues()
    const extensions = encoderOf(member).fill(
      values,
      member,
      select(vocabulary, member),
      publicMessage(member, options),
      undefined,
      options,
      false
    )
    if (issues !== undefined && issues.length === 1) singleIssue(values, issues[0]!)
    return writeMember!(values, extensions)
  }

  /** A validation error of one field, written as that field's error: its path is the code (seed 003). */
  const singleIssue = (values: Array<unknown>, issue: FieldIssue.FieldIssue) => {
    if (issue.path !== "") values[Slot.code] = quote(issue.path)
    values[Slot.path] = issue.path
    if (issue.check !== undefined) values[Slot.check] = issue.check
  }

  /** An aggregate's members (seed 003's `inner`), or a validation error's issues as members, into `values`. */
  function members(
    error: ApiError.ApiError,
    selection: Selection,
    message: string,
    values: Array<unknown>,
    options: Dialect.EncodeOptions | undefined
  ): void {
    const aggregate = (error as { readonly errors?: ReadonlyArray<ApiError.ApiError> }).errors
    const issues = layout.issuesFormat === "members"
      ? (error as { readonly issues?: ReadonlyArray<FieldIssue.FieldIssue> }).issues
      : undefined
    if (aggregate !== undefined && Array.isArray(aggregate)) {
      if (message === (error.constructor as { readonly description?: string }).description) {
        values[Slot.message] = undefined
      }
      values[Slot.members] = rawJson(`[${aggregate.map((member) => memberText(member, options)).join(",")}]`)
    } else if (issues !== undefined && issues.length > 1 && aggregateCode !== undefined) {
      // several failed fields are several errors: an aggregate of one per field (seed 003)
      values[Slot.code] = quote(codeText(aggregateCode.code, selection.status))
      if (message === ApiError.ValidationError.description) values[Slot.message] = undefined
      values[Slot.members] = rawJson(`[${
        issues.map((issue) => {
          const member = emptyValues()
          member[Slot.code] = quote(issue.path === "" ? selection.code : issue.path)
          member[Slot.path] = issue.path
          member[Slot.status] = selection.status
          member[Slot.message] = issue.message
          if (issue.check !== undefined) member[Slot.check] = issue.check
          return writeMember!(member, undefined)
        }).join(",")
      }]`)
    } else if (issues !== undefined && issues.length === 1) singleIssue(values, issues[0]!)
  }

  /** A body for an error, as `encode` writes it (for the HttpApi schema's encoding). */
  const body = (error: ApiError.ApiError): string => encode(error).body

  const encode = (error: ApiError.ApiError, options?: Dialect.EncodeOptions): Dialect.Encoded =>
    encoderOf(error).encode(error, options)

  // -------------------------------------------------------------------------
  // decode
  // -------------------------------------------------------------------------

  const decodeParsed = (response: Dialect.ParsedResponse, options?: Dialect.DecodeOptions): ApiError.ApiError => {
    const { headers, status } = response
    // the clock is read only if a Retry-After date needs it
    const now = options?.now
    let json = response.json
    let failure = response.failure
    if (json === undefined && failure === "NotJson" && description.parse !== undefined) {
      const parsed = description.parse(response.text)
      if (parsed !== undefined) {
        json = parsed
        failure = undefined
      }
    }
    // what the body says: an error, an unreadable body, or nothing at all (no body)
    let fromBody: ApiError.ApiError | undefined
    if (json !== undefined) {
      let reading: Reading | undefined
      try {
        reading = read(layout, fetch, json, headers, options?.url)
      } catch {
        // a reader is written not to throw; if one ever does, the response is still a typed case
        reading = undefined
      }
      fromBody = reading === undefined
        ? undecodable(status, "Shape", headers, response.text, name, now)
        : buildError(context, reading, status, headers, now, json)
    } else if (failure !== "Empty" && failure !== undefined) {
      fromBody = undecodable(status, failure, headers, response.text, name, now)
    }
    let result: ApiError.ApiError | undefined = fromBody
    if (headers["www-authenticate"] !== undefined) {
      result = withChallenge(fromBody, status, headers, now, json)?.error ?? fromBody
    } else if (challenge?.required === true) {
      result = undecodable(status, "Shape", headers, response.text, "a WWW-Authenticate challenge", now)
    }
    // no body and no challenge that decides: the status says what it means (RFC 9110 §15.5.2: a body is not required)
    if (result === undefined) result = buildError(context, emptyReading(), status, headers, now, undefined)
    return ApiError.withResponse(result, { status, headers, body: response.text })
  }

  const decode = (response: Dialect.WireResponse, options?: Dialect.DecodeOptions): ApiError.ApiError =>
    decodeParsed(parsedResponse(response, limitsOf(options)), options)

  // -------------------------------------------------------------------------
  // schemas
  // -------------------------------------------------------------------------

  const schemas = new Map<ApiError.AnyClass, Map<number, Schema.Top>>()
  const schema = (errorClass: ApiError.AnyClass, options?: { readonly status?: number | undefined }): Schema.Top => {
    const codes = codesOf(vocabulary, errorClass)
    const status = options?.status ?? codes[0]?.status ?? errorClass.status
    // one schema per class and status, so that an OpenAPI document names each once
    let byStatus = schemas.get(errorClass)
    const cached = byStatus?.get(status)
    if (cached !== undefined) return cached
    const derived = codes.length === 0 ? [spell(vocabulary.convention ?? "snake_case", errorClass, status)] : []
    const ownFields = ownWireFields(errorClass)
    const wire = wireSchema(
      layout,
      codeSchema(codes, derived, layout),
      bodyMode !== "always",
      ownFields === undefined ? undefined : { fields: ownFields, inDetails: fieldsInDetails },
      "issues" in fieldsOf(errorClass)
    )
    const made = wire.pipe(
      Schema.decodeTo(
        Schema.toType(errorClass),
        SchemaTransformation.transform({
          decode: (json: unknown) =>
            decodeParsed({ status, headers: noHeaders, text: "", json: json as Schema.Json }) as never,
          encode: (error: unknown) => JSON.parse(body(error as ApiError.ApiError))
        })
      )
    ).annotate({
      httpApiStatus: status,
      identifier: `${name}/${errorClass.tag}`,
      description: errorClass.description
    })
    // an error of this dialect is sent with the dialect's media type (application/problem+json…)
    const sent = contentType === "application/json" ? made : made.pipe(HttpApiSchema.asJson({ contentType }))
    if (byStatus === undefined) {
      byStatus = new Map()
      schemas.set(errorClass, byStatus)
    }
    byStatus.set(status, sent)
    return sent
  }

  const readCode = (response: Dialect.ParsedResponse): string | undefined => {
    let json = response.json
    if (json === undefined && response.failure === "NotJson" && description.parse !== undefined) {
      json = description.parse(response.text)
    }
    try {
      return json === undefined ? undefined : read(layout, fetch, json, response.headers, undefined)?.code
    } catch {
      return undefined
    }
  }

  return {
    layout,
    select: (error) => select(vocabulary, error),
    readCode,
    encode,
    decode,
    decodeParsed,
    schema,
    errors: Schema.Union([...vocabulary.classes, ApiError.UnknownError] as Array<Schema.Top>)
  }
}

const noHeaders: Readonly<Record<string, string>> = Object.freeze({})

/** A fresh array of slot values, packed (a literal, not `new Array(n)`, which would be holey). */
const emptyValues = (): Array<unknown> => [
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined
]

/**
 * A response read and parsed within the limits, as `decodeParsed` takes it.
 *
 * @internal
 */
export const parsedResponse = (response: Dialect.WireResponse, limits: Limits): Dialect.ParsedResponse => {
  const parsed: Parsed = parseJson(response.body, limits)
  const text = keep(parsed.text, limits)
  return parsed._tag === "Json"
    ? { status: response.status, headers: normalizeHeaders(response.headers), text, json: parsed.value }
    : {
      status: response.status,
      headers: normalizeHeaders(response.headers),
      text,
      json: undefined,
      failure: parsed.reason
    }
}

/** The codes a class is written with in a vocabulary: its own, else a broader class's. */
const codesOf = (vocabulary: Vocabulary, errorClass: ApiError.AnyClass): ReadonlyArray<Code> => {
  for (let current: ApiError.ClassFacts<string, number> | undefined = errorClass; current !== undefined;) {
    const own = vocabulary.codes.filter((code) => code.class === current)
    if (own.length > 0) return own
    current = current.refines
  }
  return []
}

/**
 * The schema of the code member for a class's codes: concrete codes as
 * literals (each once), resource templates as patterns, a path template as
 * any string.
 */
const codeSchema = (codes: ReadonlyArray<Code>, derived: ReadonlyArray<string>, layout: Layout): Schema.Top => {
  const concrete = Array.from(
    new Set([...codes.filter((code) => code.template === undefined).map((code) => code.code), ...derived])
  )
    .map((code) => layout.codeFormat === "uri" && !code.includes(":") ? layout.codeDefault ?? code : code)
  const unique = Array.from(new Set(concrete))
  const members: Array<Schema.Top> = unique.length === 0
    ? []
    : [unique.length === 1 ? Schema.Literal(unique[0]!) : Schema.Literals(unique)]
  for (const code of codes) {
    if (code.template === "path") return Schema.String
    if (code.template === "resource") members.push(Schema.String.check(Schema.isPattern(templatePattern(code.code))))
  }
  return members.length === 0 ? Schema.String : members.length === 1 ? members[0]! : Schema.Union(members)
}

const templatePattern = (code: string): RegExp => {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  const [prefix, suffix] = code.split(/\{(?:RESOURCE|resource)\}/) as [string, string]
  const resource = code.includes("{RESOURCE}") ? "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*" : "[a-z][a-z0-9]*(?:_[a-z0-9]+)*"
  return new RegExp(`^${escape(prefix)}${resource}${escape(suffix)}$`)
}

const slotSchema: Partial<Record<number, Schema.Top>> = {
  [Slot.message]: Schema.String,
  [Slot.title]: Schema.String,
  [Slot.details]: Schema.Json,
  [Slot.requestId]: Schema.String,
  [Slot.errorUri]: Schema.String,
  [Slot.retryAfter]: Schema.Int,
  [Slot.status]: Schema.Int,
  [Slot.path]: Schema.String,
  [Slot.check]: Schema.String,
  [Slot.scope]: Schema.String,
  [Slot.resource]: Schema.String,
  [Slot.debug]: Schema.Record(Schema.String, Schema.Json)
}

/** Slots every body has, whatever the error. */
const alwaysWritten = new Set<number>([Slot.code, Slot.title, Slot.status])

/**
 * The JSON shape a layout writes, as a `Schema` for `HttpApiEndpoint` error
 * lists and OpenAPI: the code as `code`, every other part as the layout has
 * it, optional unless every body has it.
 */
const wireSchema = (
  layout: Layout,
  code: Schema.Top,
  optionalBody: boolean,
  own?: { readonly fields: Record<string, Schema.Top>; readonly inDetails: boolean } | undefined,
  issues = false
): Schema.Top => {
  const build = (node: Layout["tree"]): Schema.Top => {
    const fields: Record<string, Schema.Top> = {}
    // a class's own fields, as its members: beside the code, or as the details they travel in
    if (node.container && own !== undefined && !own.inDetails) Object.assign(fields, own.fields)
    for (const child of node.children) {
      if (child._tag === "Node") {
        fields[child.key] = build(child)
        continue
      }
      let member: Schema.Top
      if (child.id === Slot.code) member = code
      else if (child.id === Slot.issues) {
        member = layout.issuesFormat === "map"
          ? Schema.Record(Schema.String, Schema.String)
          : Schema.Array(FieldIssue.FieldIssue)
      } else if (child.id === Slot.details && layout.issuesInDetails && issues) {
        // a class with field issues writes them as its details (any other JSON is what the others write)
        member = layout.issuesFormat === "map"
          ? Schema.Record(Schema.String, Schema.String)
          : Schema.Array(FieldIssue.FieldIssue)
      } else if (child.id === Slot.details && own !== undefined && own.inDetails) {
        fields[child.key] = Schema.Struct(own.fields)
        continue
      } else if (child.id === Slot.members) {
        member = Schema.Array(
          layout.member === undefined ? Schema.Json : wireSchema(layout.member, Schema.String, false)
        )
      } else member = slotSchema[child.id] ?? Schema.Json
      // written as null when absent: any JSON has null already
      if (child.absent === "null") fields[child.key] = member === Schema.Json ? member : Schema.NullOr(member)
      else if (alwaysWritten.has(child.id) || (child.id === Slot.message && !layout.omitDefaultMessage)) {
        fields[child.key] = member
      } else fields[child.key] = Schema.optionalKey(member)
    }
    return Schema.Struct(fields)
  }
  const struct = build(layout.tree)
  return optionalBody ? Schema.Union([struct, Schema.Json]) : struct
}

/** A class's own fields as the JSON members they are written as (see `build.ts`), for its wire schema. */
const ownWireFields = (errorClass: ApiError.AnyClass) => {
  const fields = fieldsOf(errorClass)
  const names = ownFieldNames(errorClass)
  if (names === undefined) return undefined
  const wire: Record<string, Schema.Top> = {}
  for (const [field, member] of names) {
    const schema = fields[field] as Schema.Top
    const encoded = Schema.toEncoded(Schema.toCodecJson(schema as Schema.Codec<unknown>))
    wire[member] = schema.ast.context?.isOptional === true ? Schema.optionalKey(encoded) : encoded
  }
  return wire
}

/**
 * Field issues in a member's format.
 *
 * @internal
 */
export const issuesValue = (
  issues: ReadonlyArray<FieldIssue.FieldIssue>,
  format: "list" | "map" | "members"
): unknown => {
  if (format === "map") {
    const map: Record<string, string> = {}
    for (const issue of issues) {
      if (Object.hasOwn(map, issue.path)) continue
      // assigned, which is fast, except `__proto__`: defined, so it stays a member
      if (issue.path === "__proto__") {
        Object.defineProperty(map, issue.path, {
          value: issue.message,
          enumerable: true,
          writable: true,
          configurable: true
        })
      } else map[issue.path] = issue.message
    }
    return map
  }
  return issues.map((issue) =>
    issue.check === undefined
      ? { path: issue.path, message: issue.message }
      : { path: issue.path, message: issue.message, check: issue.check }
  )
}

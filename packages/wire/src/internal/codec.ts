import { ApiError, Catalog, FieldIssue } from "@faultline/errors"
import { Duration, Schema, SchemaTransformation } from "effect"
import { HttpApiSchema } from "effect/http-api"
import type * as Dialect from "../Dialect.ts"
import {
  buildError,
  buildList,
  type DecodeContext,
  ownFieldNames,
  ownMembers,
  ownMembersOf,
  restatedLast,
  undecodable
} from "./build.ts"
import { challengeCodeOf, type ChallengeOptions, challengesFor, withChallenge } from "./challenge.ts"
import { type Encoder, instantiate } from "./encoder.ts"
import { normalizeHeaders, safeHeaderValue } from "./headers.ts"
import { canGenerate, compileFetch, compileWriter } from "./jit.ts"
import { defaultLimits, isObject, keep, type Limits, type Parsed, parseJson } from "./json.ts"
import {
  compile,
  emptyReading,
  hasMatch,
  type IssueItem,
  lastName,
  type Layout,
  type Match,
  pick,
  placeKey,
  quote,
  rawJson,
  read,
  type Reading,
  Slot
} from "./shape.ts"
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
  always: boolean,
  requestIdHeader = "x-request-id"
): Record<string, string> => {
  const headers: Record<string, string> = contentType === undefined
    ? { ...fixed }
    : fixed === undefined
    ? { "content-type": contentType }
    : { "content-type": contentType, ...fixed }
  const id = requestId === undefined ? undefined : headerRequestId(requestId)
  if (id !== undefined) headers[requestIdHeader] = id
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
 * (`Not Found`), else that of its class (`Bad Request`, `Internal Server Error`).
 *
 * @internal
 */
export const reasonPhrase = (status: number): string =>
  Catalog.genericClassOf(status)?.title ?? ApiError.reasonPhrase(status)

/**
 * Where a dialect keeps its compiled codec, for the detector (every dialect is
 * made by `Dialect.make`).
 *
 * @internal
 */
export const CodecId: unique symbol = Symbol.for("@faultline/wire/Codec")

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
  /** `decodeParsed` as the detector reads: the generic meaning of a status where the body names no code. */
  readonly decodeDetected: (response: Dialect.ParsedResponse, options?: Dialect.DecodeOptions) => ApiError.ApiError
  /** The code the last decode read off the body (`undefined` for none, prose, or a restated status). */
  readonly lastCode: () => string | undefined
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
  const memberHasIssues = layout.member?.paths[Slot.issues] !== undefined
  const aggregateCode = vocabulary.codes.find((code) => !code.encodeOnly && "errors" in fieldsOf(code.class))
  const unknownCodes = description.unknownCodes ?? "unknown"
  const rateLimit = description.rateLimit === undefined ? undefined : {
    remaining: description.rateLimit.remaining.toLowerCase(),
    reset: description.rateLimit.reset?.toLowerCase(),
    retryAfter: description.rateLimit.retryAfter === true
  }
  const memberContext: DecodeContext | undefined = layout.member === undefined ? undefined : {
    name,
    vocabulary,
    layout: layout.member,
    fetch: compileFetch(layout.member, generate),
    members: undefined,
    ownInDetails: false,
    titleOf,
    generic: false,
    unknownCodes,
    rateLimit
  }
  const fetch = compileFetch(layout, generate)
  const context: DecodeContext = {
    name,
    vocabulary,
    layout,
    fetch,
    members: memberContext,
    ownInDetails: fieldsInDetails,
    titleOf,
    generic: false,
    unknownCodes,
    rateLimit
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

  /** A code's text as JSON: a string, or in the `number` format a number where the code is one. */
  const quoteCode = layout.codeFormat === "number"
    ? (text: string): string => isJsonInteger(text) ? text : quote(text)
    : quote

  // The vocabulary's codes as JSON text, once each: most responses write one of them.
  const quotedCodes = new Map<Selection, string>()
  for (const ofClass of vocabulary.byClass.values()) {
    for (const selection of [...ofClass.plain, ...ofClass.byResource.values()]) {
      quotedCodes.set(selection, quoteCode(codeText(selection.code, selection.status)))
    }
  }
  const codeJson = (selection: Selection): string =>
    quotedCodes.get(selection) ?? quoteCode(codeText(selection.code, selection.status))

  const hasIssuesSlot = paths[Slot.issues] !== undefined
  const hasPathSlot = paths[Slot.path] !== undefined
  const hasCheck = paths[Slot.check] !== undefined
  const keepsCodes = unknownCodes === "status"
  const codeMember = paths[Slot.code] === undefined ? undefined : lastName(paths[Slot.code]!)

  // Parts read from an item of the details list (AIP-193's RetryInfo, BadRequest): written as such an item, added to
  // the details when the error has the part and its details have no such item yet.
  const detailsKey = paths[Slot.details] === undefined ? undefined : placeKey(paths[Slot.details]!)
  const itemWrites = [Slot.issues, Slot.retryAfter].flatMap((id) => {
    const path = paths[id]
    if (path === undefined || detailsKey === undefined) return []
    const at = path.findIndex((segment) => typeof segment !== "string")
    if (at === -1 || placeKey(path.slice(0, at)) !== detailsKey || hasMatch(path.slice(at + 1))) return []
    return [{ id, match: path[at] as Match, rest: path.slice(at + 1) as ReadonlyArray<string> }]
  })
  const withItems = (details: unknown, values: ReadonlyArray<unknown>, error: ApiError.ApiError): unknown => {
    let list = Array.isArray(details) ? details : details === undefined || details === null ? [] : undefined
    if (list === undefined) return details
    for (const { id, match, rest } of itemWrites) {
      const value = values[id]
      if (value === undefined || (id === Slot.retryAfter && error.retryAfter === undefined)) continue
      if (pick(list, match) !== undefined) continue
      let item: unknown = value
      for (let i = rest.length - 1; i >= 0; i--) item = { [rest[i]!]: item }
      list = [...list, { ...match, ...(item as object) }]
    }
    return list.length === 0 ? details : list
  }
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
  const print = description.print

  // a list body's member, as text around its items
  const listOpen = layout.list === undefined
    ? ""
    : layout.list.path.map((name, i) =>
      `{${i === 0 && layout.listConstants.length > 0 ? `${layout.listConstants},` : ""}${quote(name)}:`
    ).join("") + "["
  const listClose = layout.list === undefined ? "" : "]" + "}".repeat(layout.list.path.length)
  const listKey = layout.list?.path[0]

  /**
   * A list body: an aggregate's members as its items; a validation error of
   * several fields, one item per field (JSON:API's `source.pointer`) when the
   * items have no issues of their own; else the error as one item, and the
   * others it was read with after it.
   */
  /**
   * A list body, from the error's values as its encoder filled them: an
   * aggregate's members as its items; a validation error of several fields,
   * one item per field (JSON:API's `source.pointer`) when the items have no
   * issues of their own; else the error as one item, and the others it was
   * read with after it.
   */
  const listText = (
    error: ApiError.ApiError,
    message: string,
    options: Dialect.EncodeOptions | undefined,
    values: Array<unknown>,
    filled: Record<string, unknown> | undefined
  ): string => {
    const aggregate = (error as { readonly errors?: ReadonlyArray<ApiError.ApiError> }).errors
    if (aggregate !== undefined && Array.isArray(aggregate)) {
      return listOpen + aggregate.map((member) => {
        const memberValues = emptyValues()
        const extensions = encoderOf(member).fill(
          memberValues,
          member,
          select(vocabulary, member),
          publicMessage(member, options),
          member.requestId,
          options,
          false
        )
        return writeBody(memberValues, extensions)
      }).join(",") + listClose
    }
    let extensions = filled
    const issues = (error as { readonly issues?: ReadonlyArray<FieldIssue.FieldIssue> }).issues
    if (issues !== undefined && issues.length > 0 && !hasIssuesSlot && hasPathSlot) {
      return listOpen + issues.map((issue) => {
        const item = values.slice()
        item[Slot.path] = issue.path === "" ? undefined : issue.path
        if (issues.length > 1 || message === ApiError.ValidationError.description) item[Slot.message] = issue.message
        if (issue.check !== undefined && hasCheck) item[Slot.check] = issue.check
        return writeBody(item, extensions)
      }).join(",") + listClose
    }
    const others = listKey === undefined ? undefined : extensions?.[listKey]
    let after = ""
    if (Array.isArray(others)) {
      // the errors read beside this one go back beside it
      const { [listKey!]: _, ...rest } = extensions!
      extensions = Object.keys(rest).length === 0 ? undefined : rest
      after = others.map((other) => "," + JSON.stringify(other)).join("")
    }
    return listOpen + writeBody(values, extensions) + after + listClose
  }

  /** How a body other than one JSON object is finished: a list body, or a printed one (XML). */
  const finish = layout.list === undefined && print === undefined ? undefined : (
    error: ApiError.ApiError,
    message: string,
    options: Dialect.EncodeOptions | undefined,
    values: Array<unknown>,
    extensions: Record<string, unknown> | undefined
  ): string => {
    const text = layout.list === undefined
      ? writeBody(values, extensions)
      : listText(error, message, options, values, extensions)
    return print === undefined ? text : print(JSON.parse(text))
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
        issueItem: layout.issueItem,
        issuesGrouped: layout.issuesGrouped,
        retryFormat: layout.retryFormat,
        statusFormat: layout.statusFormat,
        keepsCodes,
        codeMember,
        codeText,
        withItems: itemWrites.length === 0 ? undefined : withItems,
        requestIdHeader: layout.requestIdHeaders[0]!,
        finish,
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
        quoteCode,
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
        ) =>
          encodeHeaders(
            error,
            plan,
            status,
            type,
            fixedHeaders,
            requestId,
            configured,
            challengeCode,
            always,
            layout.requestIdHeaders[0]
          ),
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
    // a member that cannot list its issues is the error of its one field (seed 003); one that can lists them
    if (issues !== undefined && issues.length === 1 && !memberHasIssues) singleIssue(values, issues[0]!)
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
      values[layout.membersAt] = rawJson(`[${aggregate.map((member) => memberText(member, options)).join(",")}]`)
    } else if (issues !== undefined && issues.length > 1 && aggregateCode !== undefined) {
      // several failed fields are several errors: an aggregate of one per field (seed 003)
      values[Slot.code] = quoteCode(codeText(aggregateCode.code, selection.status))
      if (message === ApiError.ValidationError.description) values[Slot.message] = undefined
      values[layout.membersAt] = rawJson(`[${
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

  const encode = (error: ApiError.ApiError, options?: Dialect.EncodeOptions): Dialect.Encoded => {
    // in a list body, an aggregate of one error is written as that error is — its status, its challenge — since
    // the body cannot tell them apart (JSON:API: the status of the one problem), with the aggregate's request id
    if (layout.list !== undefined && error._tag === "MultipleErrors") {
      const members = (error as ApiError.MultipleErrors).errors
      if (members.length === 1) return encode(soleMember(error, members[0]!), options)
    }
    return encoderOf(error).encode(error, options)
  }

  // -------------------------------------------------------------------------
  // decode
  // -------------------------------------------------------------------------

  // the code the last decode read, for the detector (decoding does not nest: one variable serves)
  let lastCode: string | undefined
  const errorsOnSuccess = description.errorsOnSuccess === true
  const codeHeader = layout.codeHeader

  const decodeIn = (
    context: DecodeContext,
    response: Dialect.ParsedResponse,
    options: Dialect.DecodeOptions | undefined
  ): ApiError.ApiError => {
    const { headers } = response
    const status = response.status
    // an error sent with a 2xx names no status of its own (Slack's `ok:false` on a 200): the generic client error's
    const meant = errorsOnSuccess && status >= 200 && status < 300 ? 400 : status
    // the clock is read only if a Retry-After date needs it
    const now = options?.now
    lastCode = undefined
    let json = response.json
    let failure = response.failure
    if (json === undefined && failure === "NotJson" && description.parse !== undefined) {
      const parsed = description.parse(response.text)
      if (parsed !== undefined) {
        json = parsed
        failure = undefined
      }
    }
    // no body, and the code in a header (AWS's x-amzn-ErrorType): the header says what the error is
    if (json === undefined && failure === "Empty" && codeHeader !== undefined && headers[codeHeader] !== undefined) {
      json = emptyBody
      failure = undefined
    }
    // what the body says: an error, an unreadable body, or nothing at all (no body)
    let fromBody: ApiError.ApiError | undefined
    if (json !== undefined && layout.list !== undefined) {
      let built: ReturnType<typeof buildList>
      try {
        built = buildList(context, json, meant, headers, now, options?.url)
      } catch {
        built = undefined
      }
      fromBody = built?.error ?? undecodable(status, "Shape", headers, response.text, name, now)
      lastCode = built?.code !== undefined && restatedLast() ? undefined : built?.code
    } else if (json !== undefined) {
      let reading: Reading | undefined
      try {
        reading = read(layout, fetch, json, headers, options?.url)
      } catch {
        // a reader is written not to throw; if one ever does, the response is still a typed case
        reading = undefined
      }
      if (reading === undefined) fromBody = undecodable(status, "Shape", headers, response.text, name, now)
      else {
        fromBody = buildError(context, reading, meant, headers, now, json)
        lastCode = reading.code !== undefined && restatedLast() ? undefined : reading.code
      }
    } else if (failure !== "Empty" && failure !== undefined) {
      fromBody = undecodable(status, failure, headers, response.text, name, now)
    }
    let result: ApiError.ApiError | undefined = fromBody
    if (headers["www-authenticate"] !== undefined) {
      result = withChallenge(fromBody, status, headers, now, json)?.error ?? fromBody
    } else if (challenge?.required === true) {
      result = undecodable(status, "Shape", headers, response.text, "a WWW-Authenticate challenge", now)
    }
    // no body and no challenge that decides: the status says what it means (RFC 9110 §15.5.2: a body is not required),
    // unless the dialect reads only challenges, and none of them was a Bearer or DPoP one
    if (result === undefined) {
      result = challenge?.required === true
        ? undecodable(status, "Shape", headers, response.text, "a Bearer or DPoP challenge", now)
        : buildError(context, emptyReading(), meant, headers, now, undefined)
    }
    return ApiError.withResponse(result, { status, headers, body: response.text })
  }

  const decodeParsed = (response: Dialect.ParsedResponse, options?: Dialect.DecodeOptions): ApiError.ApiError =>
    decodeIn(context, response, options)

  // the detector's reading: a body that names no code (or only restates its status) means what its status means
  // among all classes, not only this dialect's
  const detectContext: DecodeContext = { ...context, generic: true }
  const decodeDetected = (response: Dialect.ParsedResponse, options?: Dialect.DecodeOptions): ApiError.ApiError =>
    decodeIn(detectContext, response, options)

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
    decodeDetected,
    lastCode: () => lastCode,
    encode,
    decode,
    decodeParsed,
    schema,
    errors: Schema.Union([...vocabulary.classes, ApiError.UnknownError] as Array<Schema.Top>)
  }
}

const noHeaders: Readonly<Record<string, string>> = Object.freeze({})

const emptyBody: Schema.Json = Object.freeze({})

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

/** An aggregate's one member, with the aggregate's request id where it has none. */
const soleMember = (aggregate: ApiError.ApiError, member: ApiError.ApiError): ApiError.ApiError =>
  member.requestId !== undefined || aggregate.requestId === undefined
    ? member
    : ApiError.makeUnsafe(member.constructor as new() => ApiError.ApiError, {
      ...member,
      message: member.message,
      requestId: aggregate.requestId
    })

/**
 * A response read and parsed within the limits, as `decodeParsed` takes it.
 *
 * @internal
 */
export const parsedResponse = (response: Dialect.WireResponse, limits: Limits): Dialect.ParsedResponse => {
  const parsed: Parsed = parseJson(response.body, limits)
  const text = keep(parsed.text, limits)
  // one shape for both outcomes: what reads it stays monomorphic
  return {
    status: response.status,
    headers: normalizeHeaders(response.headers),
    text,
    json: parsed._tag === "Json" ? parsed.value : undefined,
    failure: parsed._tag === "Json" ? undefined : parsed.reason
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
  // in the number format, a code of digits is written as a number
  const unique = Array.from(new Set(concrete)).map((code) =>
    layout.codeFormat === "number" && isJsonInteger(code) ? Number(code) : code
  )
  const members: Array<Schema.Top> = unique.length === 0
    ? []
    : [unique.length === 1 ? Schema.Literal(unique[0]!) : Schema.Literals(unique)]
  for (const code of codes) {
    if (code.template === "path") return Schema.String
    if (code.template === "resource") members.push(Schema.String.check(Schema.isPattern(templatePattern(code.code))))
  }
  return members.length === 0 ? Schema.String : members.length === 1 ? members[0]! : Schema.Union(members)
}

/** Digits that JSON writes as the same number: no leading zero, exact as a double. */
const isJsonInteger = (text: string): boolean => /^(?:0|[1-9]\d{0,14})$/.test(text)

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
  hasIssues = false
): Schema.Top => {
  const members = layout.member === undefined ? Schema.Json : wireSchema(layout.member, Schema.String, false)
  const issues = (): Schema.Top => {
    const written = layout.issuesFormat === "map"
      ? Schema.Record(Schema.String, Schema.Union([Schema.String, Schema.Array(Schema.String)]))
      : layout.issueItem !== undefined
      ? Schema.Array(Schema.Record(Schema.String, Schema.Json))
      : Schema.Array(FieldIssue.FieldIssue)
    // an aggregate's members may take the issues' member (RFC 9457's `errors`)
    return layout.membersAt === Slot.issues ? Schema.Union([written, Schema.Array(members)]) : written
  }
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
      else if (child.id === Slot.issues) member = issues()
      // a class with field issues writes them as its details (any other JSON is what the others write)
      else if (child.id === Slot.details && layout.issuesInDetails && hasIssues) member = issues()
      else if (child.id === Slot.details && own !== undefined && own.inDetails) {
        fields[child.key] = Schema.Struct(own.fields)
        continue
      } else if (child.id === Slot.members) member = Schema.Array(members)
      else if (child.id === Slot.status && layout.statusFormat === "string") member = Schema.String
      else if (child.id === Slot.retryAfter && layout.retryFormat === "duration") member = Schema.String
      else member = slotSchema[child.id] ?? Schema.Json
      // a member shared with the issues holds either (FastAPI's `detail`)
      // (only a class with field issues writes them)
      const issuesHere = child.id === Slot.issues || (child.id === Slot.details && layout.issuesInDetails)
      if (!issuesHere && child.others.includes(Slot.issues) && hasIssues) {
        member = member === Schema.Json ? issues() : Schema.Union([member, issues()])
      }
      // written as null when absent: any JSON has null already
      if (child.absent === "null") fields[child.key] = member === Schema.Json ? member : Schema.NullOr(member)
      else if (alwaysWritten.has(child.id) || (child.id === Slot.message && !layout.omitDefaultMessage)) {
        fields[child.key] = member
      } else fields[child.key] = Schema.optionalKey(member)
    }
    if (node === layout.tree) Object.assign(fields, constantFields(layout.constants))
    return Schema.Struct(fields)
  }
  let body = build(layout.tree)
  if (layout.list !== undefined) {
    // a list body: its items are error objects of the shape (and, read back, any others the error came with)
    body = Schema.Array(Schema.Union([body, Schema.Json]))
    const names = Array.from(layout.list.path).reverse()
    names.forEach((name, i) => {
      body = Schema.Struct({ ...(i === names.length - 1 ? constantFields(layout.listConstants) : {}), [name]: body })
    })
  }
  return optionalBody ? Schema.Union([body, Schema.Json]) : body
}

/** The schemas of constant members, from their JSON text: a literal for a primitive, any JSON otherwise. */
const constantFields = (text: string): Record<string, Schema.Top> => {
  const fields: Record<string, Schema.Top> = {}
  if (text.length === 0) return fields
  for (const [key, value] of Object.entries(JSON.parse(`{${text}}`) as Record<string, Schema.Json>)) {
    fields[key] = typeof value === "string" || typeof value === "number" || typeof value === "boolean"
      ? Schema.Literal(value)
      : Schema.Json
  }
  return fields
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
  format: "list" | "map" | "members",
  item?: IssueItem,
  grouped = false
): unknown => {
  if (format === "map") {
    const map: Record<string, string | Array<string>> = {}
    for (const issue of issues) {
      if (Object.hasOwn(map, issue.path)) {
        if (grouped) (map[issue.path] as Array<string>).push(issue.message)
        continue
      }
      const value = grouped ? [issue.message] : issue.message
      // assigned, which is fast, except `__proto__`: defined, so it stays a member
      if (issue.path === "__proto__") {
        Object.defineProperty(map, issue.path, { value, enumerable: true, writable: true, configurable: true })
      } else map[issue.path] = value
    }
    return map
  }
  if (item !== undefined) return issues.map((issue) => declaredItem(issue, item))
  return issues.map((issue) =>
    issue.check === undefined
      ? { path: issue.path, message: issue.message }
      : { path: issue.path, message: issue.message, check: issue.check }
  )
}

/** An issue as an item of a declared format: each part at its place, objects made on the way. */
const declaredItem = (issue: FieldIssue.FieldIssue, item: IssueItem): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  const put = (path: ReadonlyArray<string>, value: unknown) => {
    let object = out
    for (let i = 0; i < path.length - 1; i++) {
      const next = object[path[i]!]
      object = (isObject(next) ? next : (object[path[i]!] = {})) as Record<string, unknown>
    }
    object[path[path.length - 1]!] = value
  }
  if (item.path !== undefined && issue.path !== "") {
    put(
      item.path,
      item.pathFormat === "list"
        ? issue.path.split(".").map((segment) => /^(?:0|[1-9]\d{0,8})$/.test(segment) ? Number(segment) : segment)
        : issue.path
    )
  }
  put(item.message ?? ["message"], issue.message)
  if (item.check !== undefined && issue.check !== undefined) put(item.check, issue.check)
  return out
}

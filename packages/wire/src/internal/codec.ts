import { ApiError, Catalog, FieldIssue } from "@faultline/errors"
import { Duration, Schema, SchemaTransformation } from "effect"
import { HttpApiSchema } from "effect/http-api"
import type * as Dialect from "../Dialect.ts"
import { buildError, type DecodeContext, ownMembers, undecodable } from "./build.ts"
import { challengeCodeOf, type ChallengeOptions, challengesFor, withChallenge } from "./challenge.ts"
import { normalizeHeaders, safeHeaderValue } from "./headers.ts"
import { defaultLimits, isObject, keep, type Limits, type Parsed, parseJson } from "./json.ts"
import { compile, emptyReading, type Layout, rawJson, read, type Reading, Slot, write } from "./shape.ts"
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

/** The protocol header fields a class's fields carry, read once per class. */
interface ClassHeaders {
  readonly allow: boolean
  readonly accept: boolean
  readonly nonce: boolean
}

const classHeaders = new WeakMap<object, ClassHeaders>()

const headersOf = (errorClass: object): ClassHeaders => {
  let found = classHeaders.get(errorClass)
  if (found === undefined) {
    const fields = fieldsOf(errorClass)
    found = { allow: "allow" in fields, accept: "accept" in fields, nonce: "nonce" in fields }
    classHeaders.set(errorClass, found)
  }
  return found
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
  status: number,
  contentType: string | undefined,
  fixed: Readonly<Record<string, string>> | undefined,
  requestId: string | undefined,
  challenge: ChallengeOptions | undefined,
  always: boolean
): Record<string, string> => {
  const headers: Record<string, string> = contentType === undefined
    ? { ...fixed }
    : fixed === undefined
    ? { "content-type": contentType }
    : { "content-type": contentType, ...fixed }
  const id = requestId === undefined ? undefined : headerRequestId(requestId)
  if (id !== undefined) headers["x-request-id"] = id
  const ofClass = headersOf(error.constructor)
  if (ofClass.allow) {
    // RFC 9110 §15.5.6: a 405 MUST carry Allow, even when empty
    headers["allow"] = ((error as { readonly allow?: ReadonlyArray<string> }).allow ?? []).join(", ")
  }
  if (ofClass.accept) {
    const accept = (error as { readonly accept?: ReadonlyArray<string> }).accept
    if (accept !== undefined && accept.length > 0) headers["accept"] = safeHeaderValue(accept.join(", "))
  }
  if (ofClass.nonce) {
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
  const field = challengesFor(error, status, challenge, true)
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
  Catalog.genericClassOf(status)?.title ?? (status >= 500 || status < 400 ? "Internal Server Error" : "Bad Request")

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
  vocabulary: Vocabulary
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
  const aggregateCode = vocabulary.codes.find((code) => !code.encodeOnly && "errors" in fieldsOf(code.class))
  const context: DecodeContext = { name, vocabulary, layout, ownInDetails: fieldsInDetails, titleOf }

  // -------------------------------------------------------------------------
  // encode
  // -------------------------------------------------------------------------

  const codeText = (code: string, status: number, extensions: Record<string, unknown> | undefined) => {
    switch (layout.codeFormat) {
      case "status":
        return { code: /^[1-5]\d\d$/.test(code) ? code : String(status), extensions }
      case "uri":
        // a code that is no URI cannot be a type: it goes as the default, and is kept beside it
        return code.includes(":")
          ? { code, extensions }
          : { code: layout.codeDefault ?? code, extensions: { ...extensions, code } }
      default:
        return { code: oauthText ? toNqschar(code) ?? "server_error" : code, extensions }
    }
  }

  const messageText = (error: ApiError.ApiError, message: string): string | undefined => {
    if (layout.omitDefaultMessage && message === (error.constructor as { readonly description?: string }).description) {
      return undefined
    }
    return oauthText ? toNqschar(message) : message
  }

  /** The values of one error object, by slot id. */
  const valuesOf = (
    error: ApiError.ApiError,
    selection: Selection,
    message: string | undefined,
    requestId: string | undefined,
    options: Dialect.EncodeOptions | undefined,
    on: Layout
  ): [Array<unknown>, Record<string, unknown> | undefined] => {
    const values: Array<unknown> = new Array(15)
    const onPaths = on.paths
    let extensions = error.extensions as Record<string, unknown> | undefined
    const written = codeText(selection.code, selection.status, extensions)
    extensions = written.extensions
    values[Slot.code] = written.code
    if (onPaths[Slot.message] !== undefined && message !== undefined) values[Slot.message] = messageText(error, message)
    if (onPaths[Slot.title] !== undefined) {
      const own = extensions?.["title"]
      values[Slot.title] = typeof own === "string"
        ? own
        : titleOf(error._tag === "UnknownError" ? undefined : error.constructor as ApiError.AnyClass, selection.status)
    }
    const issues = (error as { readonly issues?: ReadonlyArray<FieldIssue.FieldIssue> }).issues
    const hasIssues = issues !== undefined && issues.length > 0 && on.issuesFormat !== "members"
    let details: unknown = error.details
    const own = ownMembers(error)
    if (own !== undefined) {
      if (fieldsInDetails && on === layout && (details === undefined || isObject(details))) {
        details = { ...own, ...(details as object | undefined) }
      } else {
        extensions = { ...own, ...extensions }
      }
    }
    if (hasIssues && on.issuesInDetails) details = issuesValue(issues!, on.issuesFormat!)
    else if (hasIssues && onPaths[Slot.issues] !== undefined) {
      values[Slot.issues] = issuesValue(issues!, on.issuesFormat!)
    }
    // `null` details are no details: written as the member's absent value
    if (details !== undefined && details !== null && onPaths[Slot.details] !== undefined) values[Slot.details] = details
    if (requestId !== undefined && onPaths[Slot.requestId] !== undefined) values[Slot.requestId] = requestId
    if (error.errorUri !== undefined && onPaths[Slot.errorUri] !== undefined) {
      // RFC 6749 Appendix A.9: no space, no `"`, no `\`
      if (!oauthText || isNqchar(error.errorUri)) values[Slot.errorUri] = error.errorUri
    }
    if (onPaths[Slot.retryAfter] !== undefined) values[Slot.retryAfter] = retryAfterSeconds(error)
    if (onPaths[Slot.status] !== undefined) values[Slot.status] = selection.status
    if (onPaths[Slot.path] !== undefined) values[Slot.path] = (error as { readonly path?: string }).path
    if (onPaths[Slot.scope] !== undefined) {
      const scope = (error as { readonly scope?: ReadonlyArray<string> }).scope
      if (scope !== undefined) values[Slot.scope] = scope.join(" ")
    }
    if (onPaths[Slot.resource] !== undefined) values[Slot.resource] = (error as { readonly resource?: string }).resource
    const debug = options?.debug
    if (
      onPaths[Slot.debug] !== undefined && debug !== undefined &&
      (debug.stack ?? debug.requestBody ?? debug.timestamp) !== undefined
    ) {
      values[Slot.debug] = {
        ...(debug.stack === undefined ? {} : { stack_trace: debug.stack }),
        ...(debug.requestBody === undefined ? {} : { request_body: debug.requestBody }),
        ...(debug.timestamp === undefined ? {} : { timestamp: debug.timestamp })
      }
    }
    return [values, extensions]
  }

  /** An error object written as an aggregate's member (seed 003's `inner`). */
  const memberText = (member: ApiError.ApiError, options: Dialect.EncodeOptions | undefined): string => {
    const memberLayout = layout.member!
    const issues = (member as { readonly issues?: ReadonlyArray<FieldIssue.FieldIssue> }).issues
    const selection = select(vocabulary, member)
    const [values, extensions] = valuesOf(
      member,
      selection,
      publicMessage(member, options),
      undefined,
      options,
      memberLayout
    )
    if (issues !== undefined && issues.length === 1) singleIssue(values, issues[0]!, selection)
    return write(memberLayout, values, extensions)
  }

  /** A validation error of one field, written as that field's error: its path is the code (seed 003). */
  const singleIssue = (values: Array<unknown>, issue: FieldIssue.FieldIssue, selection: Selection) => {
    values[Slot.code] = issue.path === "" ? selection.code : issue.path
    values[Slot.path] = issue.path
    if (issue.check !== undefined) values[Slot.check] = issue.check
  }

  const body = (
    error: ApiError.ApiError,
    selection: Selection,
    message: string,
    requestId: string | undefined,
    options: Dialect.EncodeOptions | undefined
  ): string => {
    const [values, extensions] = valuesOf(error, selection, message, requestId, options, layout)
    if (layout.member !== undefined) {
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
        values[Slot.code] = codeText(aggregateCode.code, selection.status, undefined).code
        if (message === ApiError.ValidationError.description) values[Slot.message] = undefined
        values[Slot.members] = rawJson(`[${
          issues.map((issue) => {
            const member: Array<unknown> = new Array(15)
            member[Slot.code] = issue.path === "" ? selection.code : issue.path
            member[Slot.path] = issue.path
            member[Slot.status] = selection.status
            member[Slot.message] = issue.message
            if (issue.check !== undefined) member[Slot.check] = issue.check
            return write(layout.member!, member, undefined)
          }).join(",")
        }]`)
      } else if (issues !== undefined && issues.length === 1) singleIssue(values, issues[0]!, selection)
    }
    return write(layout, values, extensions)
  }

  const encode = (error: ApiError.ApiError, options?: Dialect.EncodeOptions): Dialect.Encoded => {
    const selection = select(vocabulary, error)
    const requestId = error.requestId ?? options?.requestId
    const configured = options?.challenge ?? challenge?.defaults?.(error) ?? (challenge?.protected ? {} : undefined)
    const writeBody = bodyMode === "always" ||
      ((options as { readonly body?: string } | undefined)?.body === "json" && challengeCodeOf(error) !== undefined)
    const headers = encodeHeaders(
      error,
      selection.status,
      writeBody ? contentType : undefined,
      writeBody ? fixed : undefined,
      requestId,
      configured,
      alwaysChallenge
    )
    return {
      status: selection.status,
      headers,
      body: writeBody ? body(error, selection, publicMessage(error, options), requestId, options) : ""
    }
  }

  // -------------------------------------------------------------------------
  // decode
  // -------------------------------------------------------------------------

  const decodeParsed = (response: Dialect.ParsedResponse, options?: Dialect.DecodeOptions): ApiError.ApiError => {
    const { headers, status } = response
    const now = options?.now ?? Date.now()
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
        reading = read(layout, json, headers, options?.url)
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
    const wire = wireSchema(layout, codeSchema(codes, derived, layout), bodyMode !== "always")
    const made = wire.pipe(
      Schema.decodeTo(
        Schema.toType(errorClass),
        SchemaTransformation.transform({
          decode: (json: unknown) =>
            decodeParsed({ status, headers: noHeaders, text: "", json: json as Schema.Json }) as never,
          encode: (error: unknown) =>
            JSON.parse(
              body(
                error as ApiError.ApiError,
                select(vocabulary, error as ApiError.ApiError),
                publicMessage(error as ApiError.ApiError, undefined),
                (error as ApiError.ApiError).requestId,
                undefined
              )
            )
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
      return json === undefined ? undefined : read(layout, json, response.headers, undefined)?.code
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
const wireSchema = (layout: Layout, code: Schema.Top, optionalBody: boolean): Schema.Top => {
  const build = (node: Layout["tree"]): Schema.Top => {
    const fields: Record<string, Schema.Top> = {}
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
      } else if (child.id === Slot.details && layout.issuesInDetails) {
        member = Schema.Union([
          layout.issuesFormat === "map"
            ? Schema.Record(Schema.String, Schema.String)
            : Schema.Array(FieldIssue.FieldIssue),
          Schema.Json
        ])
      } else if (child.id === Slot.members) {
        member = Schema.Array(
          layout.member === undefined ? Schema.Json : wireSchema(layout.member, Schema.String, false)
        )
      } else member = slotSchema[child.id] ?? Schema.Json
      if (child.absent === "null") fields[child.key] = Schema.NullOr(member)
      else if (alwaysWritten.has(child.id) || (child.id === Slot.message && !layout.omitDefaultMessage)) {
        fields[child.key] = member
      } else fields[child.key] = Schema.optionalKey(member)
    }
    return Schema.Struct(fields)
  }
  const struct = build(layout.tree)
  return optionalBody ? Schema.Union([struct, Schema.Json]) : struct
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

/**
 * A dialect is how errors are written on the wire: a JSON shape, a code
 * vocabulary from the catalog, and rules for status and headers. This module
 * holds what every dialect shares — the response models, the options, the
 * strict encoder's header rules and the total decoder's reading of a body —
 * and `translate`, which re-emits one dialect's errors in another.
 *
 * @since 0.1.0
 */
import { ApiError, type Catalog, Catalog as CatalogTable, type Family } from "@faultline/errors"
import { Duration, Schema, SchemaTransformation } from "effect"
import { buildError, type Reading, undecodable } from "./internal/build.ts"
import { challengeCodes, type ChallengeOptions, challengesFor, withChallenge } from "./internal/challenge.ts"
import { type HeadersInput, normalizeHeaders, safeHeaderValue } from "./internal/headers.ts"
import { defaultLimits, keep, type Limits, type Parsed, parseJson } from "./internal/json.ts"
import { makeTableFrom, select, type Selection, type Table } from "./internal/table.ts"

/**
 * The code and status an encoder chose for an error.
 *
 * @internal
 */
export type { Selection }

/**
 * What a dialect's shape read from a body, before the table gives it a meaning.
 *
 * @internal
 */
export type { Reading }

export {
  /** @internal */
  buildError,
  /** @internal */
  makeTableFrom,
  /** @internal */
  undecodable
}

/**
 * A response as a decoder reads it. `headers` may be a record (Node, Effect)
 * or a Fetch `Headers`; `body` text or bytes (read as UTF-8).
 *
 * @category models
 * @since 0.1.0
 */
export interface WireResponse {
  readonly status: number
  readonly headers?: HeadersInput | undefined
  readonly body?: string | Uint8Array | null | undefined
}

/**
 * A response as an encoder writes it: the status, the header fields (names
 * lower-cased) and the body text (`""` for none).
 *
 * @category models
 * @since 0.1.0
 */
export interface Encoded {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/**
 * Operator-controlled debug output. Passing it (and only passing it) makes an
 * encoder show the message of a 5xx, and seed 002's dialect add its `debug`
 * member. A server passes it only when its operator turned debug on.
 *
 * @see seed 002 "Debug Mode"
 * @category models
 * @since 0.1.0
 */
export interface Debug {
  readonly stack?: string | undefined
  readonly requestBody?: Schema.Json | undefined
  /** ISO 8601. */
  readonly timestamp?: string | undefined
}

/**
 * @category models
 * @since 0.1.0
 */
export interface EncodeOptions {
  /** Operator debug: see {@link Debug}. Absent by default, and then a 5xx says only its class's description. */
  readonly debug?: Debug | undefined
  /** The scheme and realm of this route's challenges, for a 401 (and a protected resource's 400/403). */
  readonly challenge?: ChallengeOptions | undefined
  /** The request id, when the error does not carry one: sent as `X-Request-ID` and in the body where there is a slot. */
  readonly requestId?: string | undefined
}

/**
 * Limits and context for decoding.
 *
 * @category models
 * @since 0.1.0
 */
export interface DecodeOptions {
  /** A body over this many bytes (UTF-16 units for text) is `Undecodable` `TooLarge`. Default 1 MiB. */
  readonly maxBytes?: number | undefined
  /** A body nested deeper than this is `Undecodable` `TooDeep`. Default 32. */
  readonly maxDepth?: number | undefined
  /** How much raw text a decoded error keeps. Default 16 KiB. */
  readonly keepBytes?: number | undefined
  /** The current time in epoch milliseconds, for `Retry-After` dates. Default `Date.now()`. */
  readonly now?: number | undefined
}

/**
 * What decoding in a dialect of errors `E` can give: `E`, the errors a
 * `WWW-Authenticate` challenge carries (they decide over the body, RFC 6750
 * §3), a code no table names, and a body that could not be read.
 *
 * @category models
 * @since 0.1.0
 */
export type Decoded<E> = E | Family.Bearer | ApiError.UnknownError | ApiError.Undecodable

/**
 * A dialect: one declaration that serves the server encoder, the client
 * decoder and the `HttpApi` schemas.
 *
 * @category models
 * @since 0.1.0
 */
export interface Dialect<Name extends string, E> {
  readonly name: Name
  /** The media type of its bodies. */
  readonly contentType: string
  /** Writes an error: strict, only what the dialect's rules allow. Never throws. */
  readonly encode: (error: ApiError.ApiError, options?: EncodeOptions) => Encoded
  /**
   * Reads a response: total, never throws; unknown codes and unreadable
   * bodies are typed cases. A `WWW-Authenticate` challenge with an `error`
   * decides over the body (RFC 6750 §3), so the result is the dialect's union
   * or one of the errors a challenge carries (`Family.Bearer`).
   */
  readonly decode: (response: WireResponse, options?: DecodeOptions) => Decoded<E>
  /** Every error the dialect's table names, and `UnknownError`, as a `Schema` union. */
  readonly errors: Schema.Codec<E | ApiError.UnknownError, unknown>
  /**
   * The `HttpApiEndpoint` error schema of a class in this dialect: its wire
   * body with the codes the table gives the class, the class's status in this
   * dialect, the dialect's content type.
   */
  readonly schema: <C extends ApiError.ClassFacts<string, number> & Schema.Top>(
    errorClass: C,
    options?: { readonly status?: number | undefined }
  ) => Schema.Codec<C["Type"], unknown>
}

// ---------------------------------------------------------------------------
// Shared machinery of the JSON dialects
// ---------------------------------------------------------------------------

/**
 * A JSON dialect's parts: its table, its shape, and its last resort.
 *
 * @internal
 */
export interface JsonSpec<Name extends string> {
  readonly name: Name
  readonly table: Table
  readonly contentType: string
  /** Reads the dialect's shape, or `undefined` when the JSON is not that shape. */
  readonly read: (json: Schema.Json, status: number, context: ReadContext) => Reading | ApiError.ApiError | undefined
  /** Writes the body for a selected code, or `undefined` for no body. */
  readonly write: (
    error: ApiError.ApiError,
    selection: Selection,
    message: string,
    requestId: string | undefined,
    options: EncodeOptions | undefined
  ) => unknown
  /** The entry a status falls back to when neither the class nor its status has one. */
  readonly lastResort: (status: number) => Catalog.Entry
  /** Extra header fields every response carries (RFC 6749 §5.1's no-store, for OAuth). */
  readonly fixedHeaders?: Readonly<Record<string, string>> | undefined
  /** Reads a body that is not JSON (OAuth servers that answer form-encoded), or `undefined`. */
  readonly readText?: ((text: string) => Schema.Json | undefined) | undefined
  /** The challenge to send when the caller configured none (OAuth's `invalid_client` answers in `Basic`). */
  readonly defaultChallenge?: ((error: ApiError.ApiError) => ChallengeOptions | undefined) | undefined
  /** Whether a challenge repeats the error's description (it may be omitted when it is the class's default). */
  readonly describeInChallenge?: boolean | undefined
  /** The JSON shape the wire carries, given the schema of the code member, for OpenAPI. */
  readonly wireSchema: (code: Schema.Top) => Schema.Top
}

/**
 * What a `read` may use to build nested errors.
 *
 * @internal
 */
export interface ReadContext {
  readonly build: (reading: Reading, status: number) => ApiError.ApiError
}

/**
 * The message an encoder may send: a 4xx's own, a 5xx's only under operator
 * debug (else its class's description: no message, stack or input leaks).
 *
 * @internal
 */
export const publicMessage = (error: ApiError.ApiError, options: EncodeOptions | undefined): string =>
  error.exposeMessage !== false || options?.debug !== undefined ? error.message : hiddenMessage(error)

const hiddenMessage = (error: ApiError.ApiError): string =>
  (error.constructor as { readonly description?: string }).description ?? ApiError.InternalError.description

/** A request id as a header value: trimmed (RFC 9110 §5.5), made safe, absent when empty. */
const headerRequestId = (requestId: string): string | undefined => {
  const id = requestId.trim()
  return id.length === 0 ? undefined : safeHeaderValue(id)
}

const retryAfterOf = (error: ApiError.ApiError): Duration.Duration | undefined =>
  (error as { readonly retryAfter?: Duration.Duration }).retryAfter

/**
 * Whole seconds of a wait, rounded up: `Retry-After` is the least time to
 * wait (RFC 9110 §10.2.3).
 *
 * @internal
 */
export const retryAfterSeconds = (error: ApiError.ApiError): number | undefined => {
  const retryAfter = retryAfterOf(error)
  if (retryAfter === undefined) return undefined
  // capped at 2^31 - 1 seconds, as decoding is: delay-seconds stays plain digits (RFC 9110 §10.2.3)
  const seconds = Math.ceil(Duration.toMillis(retryAfter) / 1000)
  return Number.isFinite(seconds) ? Math.min(Math.max(0, seconds), 2_147_483_647) : 2_147_483_647
}

/** The header fields some classes add of their own, by class. */
const classHeaders: Readonly<Record<string, (error: ApiError.ApiError, headers: Record<string, string>) => void>> = {
  MethodNotAllowed: (error, headers) => {
    // RFC 9110 §15.5.6: a 405 MUST carry Allow, even when empty
    headers["allow"] = (error as ApiError.MethodNotAllowed).allow.join(", ")
  },
  UnsupportedMediaType: (error, headers) => {
    const accept = (error as ApiError.UnsupportedMediaType).accept
    if (accept !== undefined && accept.length > 0) headers["accept"] = safeHeaderValue(accept.join(", "))
  },
  UseDpopNonce: (error, headers) => {
    const nonce = (error as ApiError.UseDpopNonce).nonce
    if (nonce !== undefined) {
      headers["dpop-nonce"] = safeHeaderValue(nonce)
      headers["cache-control"] = "no-store"
    }
  }
}

/**
 * The header fields of an encoded error, by the rules every dialect shares.
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
  options: EncodeOptions | undefined,
  describeInChallenge: boolean
): Record<string, string> => {
  const headers: Record<string, string> = contentType === undefined
    ? { ...fixed }
    : fixed === undefined
    ? { "content-type": contentType }
    : { "content-type": contentType, ...fixed }
  const id = requestId === undefined ? undefined : headerRequestId(requestId)
  if (id !== undefined) headers["x-request-id"] = id
  const ofClass = classHeaders[error._tag]
  const retryAfter = retryAfterOf(error)
  // most error responses need nothing more: this runs on every one of them
  if (
    ofClass === undefined && retryAfter === undefined && status !== 401 && status !== 429 &&
    challengeCodes[error._tag] === undefined
  ) return headers
  ofClass?.(error, headers)
  const seconds = retryAfterSeconds(error)
  if (seconds !== undefined) headers["retry-after"] = String(seconds)
  // RFC 6585 §4: a 429 must not be stored by a cache
  if (status === 429) headers["cache-control"] = "no-store"
  const challenge = challengesFor(error, status, options?.challenge, describeInChallenge)
  if (challenge !== undefined) headers["www-authenticate"] = challenge
  return headers
}

/**
 * The limits a decode runs with.
 *
 * @internal
 */
export const limitsOf = (options: DecodeOptions | undefined): Limits =>
  options === undefined ? defaultLimits : {
    maxBytes: options.maxBytes ?? defaultLimits.maxBytes,
    maxDepth: options.maxDepth ?? defaultLimits.maxDepth,
    keepBytes: options.keepBytes ?? defaultLimits.keepBytes
  }

/**
 * The key of a JSON dialect's decoder over an already parsed body, so that a
 * detector parses once.
 *
 * @internal
 */
export const ParsedDecoder: unique symbol = Symbol.for("@faultline/wire/Dialect/ParsedDecoder")

/**
 * A decoder over an already parsed body.
 *
 * @internal
 */
export type ParsedDecoder = (
  status: number,
  headers: Readonly<Record<string, string>>,
  parsed: Parsed,
  options: DecodeOptions | undefined,
  challenges?: boolean
) => ApiError.ApiError

/**
 * Builds a JSON dialect from its parts.
 *
 * @internal
 */
export const makeJson = <Name extends string, E>(spec: JsonSpec<Name>): Dialect<Name, E> => {
  // The members of an aggregate answer to the body alone: the response's fields (its challenge, its
  // Retry-After, its request id) belong to the aggregate, so members are built with no headers.
  const context: ReadContext = {
    build: (reading, innerStatus) => buildError(spec.name, spec.table, reading, innerStatus, noHeaders, 0, undefined)
  }
  const encode = (error: ApiError.ApiError, options?: EncodeOptions): Encoded => {
    const selection = selectIn(spec.table, error, spec.lastResort)
    const requestId = error.requestId ?? options?.requestId
    const body = spec.write(error, selection, publicMessage(error, options), requestId, options)
    const challenge = options?.challenge ?? spec.defaultChallenge?.(error)
    const headers = encodeHeaders(
      error,
      selection.status,
      spec.contentType,
      spec.fixedHeaders,
      requestId,
      challenge === options?.challenge ? options : { ...options, challenge },
      spec.describeInChallenge ?? true
    )
    return { status: selection.status, headers, body: body === undefined ? "" : JSON.stringify(body) }
  }

  const decode = (
    response: WireResponse,
    options?: DecodeOptions
  ): Decoded<E> => {
    const limits = limitsOf(options)
    return decodeParsed(response.status, normalizeHeaders(response.headers), parseJson(response.body, limits), options)
  }

  const decodeParsed = (
    status: number,
    headers: Readonly<Record<string, string>>,
    parsedBody: Parsed,
    options: DecodeOptions | undefined,
    challenges = true
  ): Decoded<E> => {
    const limits = limitsOf(options)
    let parsed = parsedBody
    if (parsed._tag === "Failed" && parsed.reason === "NotJson" && spec.readText !== undefined) {
      const value = spec.readText(parsed.text)
      if (value !== undefined) parsed = { _tag: "Json", value, text: parsed.text }
    }
    const now = options?.now ?? Date.now()
    const text = keep(parsed.text, limits)
    const json = parsed._tag === "Json" ? parsed.value : undefined
    let result = parsed._tag === "Failed"
      ? undecodable(status, parsed.reason, headers, text, spec.name)
      : readBody(parsed.value, status, headers, now, text)
    if (challenges && headers["www-authenticate"] !== undefined) {
      result = withChallenge(result, status, headers, now, json)?.error ?? result
    }
    return ApiError.withResponse(result, { status, headers, body: text }) as any
  }

  const readBody = (
    value: Schema.Json,
    status: number,
    headers: Readonly<Record<string, string>>,
    now: number,
    text: string
  ): ApiError.ApiError => {
    try {
      const reading = spec.read(value, status, context)
      if (reading === undefined) return undecodable(status, "Shape", headers, text, spec.name)
      return ApiError.isApiError(reading)
        ? reading
        : buildError(spec.name, spec.table, reading, status, headers, now, value)
    } catch {
      // a reader is written not to throw; if one ever does, the response is still a typed case
      return undecodable(status, "Shape", headers, text, spec.name)
    }
  }

  const schemas = new Map<string, any>()
  const dialect: Dialect<Name, E> = {
    name: spec.name,
    contentType: spec.contentType,
    encode,
    decode,
    errors: Schema.Union([...tagsClasses(spec.table), ApiError.UnknownError] as Array<any>) as any,
    schema: (errorClass, options) => {
      const entries = spec.table.byTag.get(errorClass.tag) ?? []
      const status = options?.status ?? entries[0]?.status ?? errorClass.status
      // one schema per class and status, so that an OpenAPI document names each once
      const key = `${errorClass.tag} ${status}`
      const cached = schemas.get(key)
      if (cached !== undefined) return cached

      const wire = spec.wireSchema(codeSchema(entries))
      const schema = wire.pipe(
        Schema.decodeTo(
          Schema.toType(errorClass),
          SchemaTransformation.transform({
            decode: (body: unknown) => decode({ status, body: JSON.stringify(body) }) as any,
            encode: (error: any) => JSON.parse(encode(error).body)
          })
        )
      ).annotate({
        httpApiStatus: status,
        identifier: `${spec.name}/${errorClass.tag}`,
        description: errorClass.description
      }) as any
      schemas.set(key, schema)
      return schema
    }
  }
  return Object.assign(dialect, { [ParsedDecoder]: decodeParsed })
}

/**
 * The schema of the code member for a class's entries: its concrete codes as
 * literals, its resource templates as patterns, a path template as any string.
 */
const codeSchema = (entries: ReadonlyArray<Catalog.Entry>): Schema.Top => {
  const concrete = entries.filter((entry) => entry.template === undefined).map((entry) => entry.code)
  const members: Array<Schema.Top> = concrete.length === 0 ? [] : [Schema.Literals(concrete)]
  for (const entry of entries) {
    if (entry.template === "path") return Schema.String
    if (entry.template === "resource") members.push(Schema.String.check(Schema.isPattern(templatePattern(entry))))
  }
  return members.length === 0 ? Schema.String : members.length === 1 ? members[0]! : Schema.Union(members)
}

const templatePattern = (entry: Catalog.Entry): RegExp => {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  const [prefix, suffix] = entry.code.split(/\{(?:RESOURCE|resource)\}/) as [string, string]
  const resource = entry.code.includes("{RESOURCE}") ? "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*" : "[a-z][a-z0-9]*(?:_[a-z0-9]+)*"
  return new RegExp(`^${escape(prefix)}${resource}${escape(suffix)}$`)
}

const noHeaders: Readonly<Record<string, string>> = Object.freeze({})

const tagsClasses = (table: Table): Array<Schema.Top> =>
  Array.from(table.byTag.keys(), (tag) => CatalogTable.classes[tag as Catalog.Tag] as unknown as Schema.Top)

/**
 * The code and status an error is sent with in a table: an `UnknownError`
 * keeps its own; every other error follows the table's fallback order.
 *
 * @internal
 */
export const selectIn = (
  table: Table,
  error: ApiError.ApiError,
  lastResort: (status: number) => Catalog.Entry
): Selection => {
  if (error._tag === "UnknownError") {
    // an error status, whatever came: outside 400-599 is a server's fault (RFC 9110 §15)
    const unknownError = error as ApiError.UnknownError
    const status = unknownError.status >= 400 && unknownError.status <= 599 ? unknownError.status : 500
    // a code has to say something: a blank one goes as the generic code of its status
    if (unknownError.code.trim().length > 0) return { code: unknownError.code, status, entry: undefined }
  }
  const selection = select(table, error, lastResort)
  // an aggregate's status is derived from its members, whatever its code
  return error._tag === "MultipleErrors" ? { ...selection, status: error.status } : selection
}

/**
 * Re-emits a response of one dialect in another, keeping the typed meaning:
 * decode with `from`, encode with `to`. Where `to` has no code for the class,
 * its fallback applies (the generic code of the status, then of the status
 * class, then the dialect's last resort; see each dialect's table).
 *
 * @example
 * ```ts
 * import { Dialect, Envelope, Flat } from "@faultline/wire"
 *
 * const gateway = Dialect.translate(Flat.dialect, Envelope.dialect)
 * gateway({ status: 404, body: '{"error":"user_not_found","error_description":"No such user"}' })
 * // { status: 404, body: '{"error":{"code":"not_found","message":"No such user",...}}' }
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const translate = <E extends ApiError.ApiError>(
  from: Dialect<string, E>,
  to: Dialect<string, unknown>,
  options?: { readonly decode?: DecodeOptions; readonly encode?: EncodeOptions }
) =>
(response: WireResponse): Encoded => to.encode(from.decode(response, options?.decode), options?.encode)

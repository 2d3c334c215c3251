/**
 * A dialect is how errors are written on the wire: a JSON shape, a code
 * vocabulary, and rules for status and headers. `make` is the one builder:
 * every built-in dialect is declared with it, and a user's own API is
 * declared the same way — encode strict, decode total, the `HttpApi` error
 * schemas, the typed union — as is `withCodes`, which adds a user's codes to
 * any dialect.
 *
 * @since 0.1.0
 */
import { type ApiError, Catalog, type Family } from "@faultline/errors"
import type { Schema } from "effect"
import { dual } from "effect/Function"
import { type Pipeable, pipeArguments } from "effect/Pipeable"
import type { ChallengeOptions as InternalChallengeOptions } from "./internal/challenge.ts"
import { type Codec, CodecId, limitsOf, makeCodec, parsedResponse } from "./internal/codec.ts"
import type * as Evidences from "./internal/evidence.ts"
import { predicateOf } from "./internal/evidence.ts"
import type { HeadersInput } from "./internal/headers.ts"
import type * as Shapes from "./internal/shape.ts"
import * as Vocabularies from "./internal/vocabulary.ts"

/**
 * Marks a dialect; `isDialect` checks it.
 *
 * @category type IDs
 * @since 0.2.0
 */
export const TypeId = "~@faultline/wire/Dialect" as const

/**
 * The type of {@link TypeId}.
 *
 * @category type IDs
 * @since 0.2.0
 */
export type TypeId = typeof TypeId

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
 * A response whose body was already read and parsed, as `Detect` hands it
 * to the dialect it chose: header names lower-cased (repeated fields joined
 * with `", "`), the body's text (cut to the kept size), its JSON when it is
 * JSON, else why not.
 *
 * @category models
 * @since 0.2.0
 */
export interface ParsedResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
  readonly json: Schema.Json | undefined
  readonly failure?: ApiError.UndecodableReason | undefined
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
 * encoder show the message of a 5xx, and a dialect with a `debug` member
 * (seed 002's) write it. A server passes it only when its operator turned
 * debug on.
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
 * Where a resource server's challenges come from when an error carries none:
 * the scheme the client used or should use (`Bearer` by default, RFC 6750
 * §3) and the realm.
 *
 * @category models
 * @since 0.2.0
 */
export type ChallengeOptions = InternalChallengeOptions

/**
 * What an encoder may be told beyond the error: operator debug, the route's challenge, the request id.
 *
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
  /** The request's URL, against which a relative URI in the body (RFC 9457's `type`) is resolved. */
  readonly url?: string | undefined
}

/**
 * What decoding in a dialect of errors `E` can give: `E`, the errors a
 * `WWW-Authenticate` challenge carries (they decide over the body, RFC 6750
 * §3), a code no vocabulary names, and a body that could not be read.
 *
 * @category models
 * @since 0.1.0
 */
export type Decoded<E> = E | Family.Bearer | ApiError.UnknownError | ApiError.Undecodable

// ---------------------------------------------------------------------------
// Declarations
// ---------------------------------------------------------------------------

/**
 * A member's place in a body: the member names from the root to it
 * (`["error", "code"]`).
 *
 * @category models
 * @since 0.2.0
 */
export type Path = Shapes.Path

/**
 * A member, given as its path, or with how an absent value is written
 * (`absent: "null"` writes `null`, as seed 000's envelope does).
 *
 * @category models
 * @since 0.2.0
 */
export type Member = Shapes.Member

/**
 * Where each part of an error lives in a body: `code`, `message`, `title`,
 * `details`, `issues`, `requestId`, `errorUri`, `retryAfter`, `status`,
 * `path`, `check`, `scope`, `resource`, `debug` and an aggregate's
 * `members`. Members no part claims are the error's `extensions`, read from
 * every object on the way to the code and written beside it.
 *
 * - Every part is optional: a body with no code (hapi's, Spring's) means
 *   what its status means.
 * - A part may be read from other places too (`aliases`: AWS's `Message`
 *   beside `message`), and from an item of a list picked by a
 *   {@link Match} (AIP-193's `RetryInfo` among `details`): those are read,
 *   never written.
 * - Formats: a code may be a `token`, a `number` (digits written as a JSON
 *   number), a `status`, a `uri` or a `qualified` name (`ns#Name`), and come
 *   from a `header`; a wait in `seconds` or as a
 *   `duration` (`"30s"`); a status as a `number` or a `string` of digits;
 *   field issues as a `list` whose `item` format is declared (JSON:API's
 *   `source.pointer`, FastAPI's `loc`), or a `map` (`grouped` as Laravel's).
 * - A request id may come from a header (`{ header: "x-github-request-id" }`).
 * - `list`: the body is a list of error objects (JSON:API's and GraphQL's
 *   `errors`), each of the shape's other parts.
 *
 * @example
 * ```ts
 * import type { Dialect } from "@faultline/wire"
 *
 * // {"error":{"type":"card_error","code":"card_declined","message":"…","param":"number"}}
 * const shape: Dialect.Shape = {
 *   code: ["error", "code"],
 *   message: ["error", "message"],
 *   details: ["error", "param"],
 *   requestId: ["error", "request_id"]
 * }
 * ```
 *
 * @category models
 * @since 0.2.0
 */
export type Shape = Shapes.Shape

/**
 * In a list, the first object item whose members have these values: a
 * segment of a part's place (`["error", "details", { "@type": "…RetryInfo" },
 * "retryDelay"]`).
 *
 * @see https://google.aip.dev/193
 * @category models
 * @since 0.2.0
 */
export type Match = Shapes.Match

/**
 * A place a part is read from: member names, and items of lists picked by a
 * {@link Match}.
 *
 * @category models
 * @since 0.2.0
 */
export type Place = Shapes.Place

/**
 * Where, in each item of a list of field issues, the field, the message and
 * the failed check are, and whether a field is written `"a.b"` or as a list
 * of segments (FastAPI's `loc`).
 *
 * @category models
 * @since 0.2.0
 */
export type IssueItem = Shapes.IssueItem

/**
 * How a dialect spells a class it has no code for: `snake_case`
 * (`card_declined`), `UPPER_SNAKE` (`CARD_DECLINED`), `kebab-case`, the
 * `status` in digits (seed 001), or a function of the class and the status.
 *
 * @category models
 * @since 0.2.0
 */
export type Convention = Vocabularies.Convention

/**
 * A code of a vocabulary as declared: the class it means, and optionally the
 * code (spelled by the dialect's convention when left out), the status (the
 * class's own when left out), the resource a concrete code names, and
 * `encodeOnly` for a code that writes the class but reads back as another's.
 * A code may hold one placeholder: `{resource}` / `{RESOURCE}` (a resource
 * template) or `{path}` (a property path, seed 003).
 *
 * @category models
 * @since 0.2.0
 */
export interface CodeEntry extends Vocabularies.CodeEntry {}

/**
 * A code of a dialect's vocabulary with every fact filled in.
 *
 * @category models
 * @since 0.2.0
 */
export interface Code extends Vocabularies.Code {}

type StatusOf<C> = C extends { readonly statuses: ReadonlyArray<infer S extends number> } ? S : never
type TagOf<C> = C extends { readonly tag: infer T extends string } ? T : never

type CheckStatus<E> = E extends { readonly encodeOnly: true } ? E
  : E extends { readonly status: infer S extends number; readonly class: infer C } ? [S] extends [StatusOf<C>] ? E
    : Omit<E, "status"> & { readonly status: `${S} is not a status of ${TagOf<C>}` }
  : E

type KeyOf<E> = E extends { readonly code: infer Code extends string } ?
  `${Code} ${E extends { readonly status: infer S extends number } ? S : "default"}`
  : never

// an encode-only code reads as another class: it takes no code from the ones that decode
type OtherKeys<Es extends ReadonlyArray<unknown>, I> = {
  [J in keyof Es]: J extends I ? never
    : Es[J] extends { readonly encodeOnly: true } ? never
    : string extends KeyOf<Es[J]> ? never
    : KeyOf<Es[J]>
}[number]

type CheckEntry<E, Others> = E extends { readonly encodeOnly: true } ? E
  : [KeyOf<E>] extends [never] ? CheckStatus<E>
  : KeyOf<E> extends Others ? Omit<E, "code"> & { readonly code: `duplicate code: ${KeyOf<E>}` }
  : CheckStatus<E>

/**
 * The entries of a declaration, checked where the types can see: a status
 * the class is never sent with, or the same code twice at one status, is a
 * type error that says so. Everything else (and arrays the types cannot
 * see into) is checked when the dialect is made.
 *
 * @category models
 * @since 0.2.0
 */
export type Checked<Es extends ReadonlyArray<CodeEntry>> = number extends Es["length"] ? Es
  : { readonly [I in keyof Es]: CheckEntry<Es[I], OtherKeys<Es, I>> }

type DecodesTo<C> = C extends { readonly encodeOnly: true } ? never
  : C extends { readonly class: infer K extends Schema.Top } ? K["Type"]
  : never

/**
 * The errors a vocabulary's codes decode to (its `encodeOnly` codes excluded).
 *
 * @category models
 * @since 0.2.0
 */
export type ErrorOf<Codes extends ReadonlyArray<CodeEntry>> = DecodesTo<Codes[number]>

/**
 * A dialect's declaration: what `make` takes, and what a dialect keeps so
 * that `withCodes` can make another from it.
 *
 * @category models
 * @since 0.2.0
 */
export interface Description<Name extends string, Codes extends ReadonlyArray<CodeEntry>> {
  readonly name: Name
  /** The media type of its bodies. */
  readonly contentType: string
  /** The vocabulary: the codes the dialect writes and reads, and the classes they mean. */
  readonly codes: Codes
  /** Where each part of an error lives in a body. */
  readonly shape: Shape
  /**
   * Where a class's own fields (a user's `declineCode`) travel, as snake_case members: in `details` (default, when
   * the shape has it), or as `members` of the error object (as RFC 9457's extension members are).
   */
  readonly fields?: "details" | "members" | undefined
  /** How a class the vocabulary has no code for is spelled. Default `snake_case`. */
  readonly convention?: Convention | undefined
  /** Header fields every response carries (RFC 6749 §5.1's `no-store`, for OAuth). */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /**
   * `oauth`: codes, messages and URIs keep to RFC 6749 Appendix A's characters (others are replaced, never sent
   * raw), and a code that cannot is refused at declaration.
   */
  readonly charset?: "any" | "oauth" | undefined
  /** Reads a body that is not JSON (form-encoded, XML) into JSON, or `undefined`. */
  readonly parse?: ((text: string) => Schema.Json | undefined) | undefined
  /** Challenge rules beyond the shared ones (a 401 always has a challenge). */
  readonly challenge?: {
    /** Every route is a protected resource: a 400 or 403 with a challenge code carries a challenge. */
    readonly protected?: boolean | undefined
    /** Every response carries a challenge (one with no error information where the error has no code). */
    readonly always?: boolean | undefined
    /** A response without a `WWW-Authenticate` field is not this dialect's (`Undecodable`). */
    readonly required?: boolean | undefined
    /** The challenge of an error when the route configured none (OAuth's `invalid_client` answers in `Basic`). */
    readonly defaults?: ((error: ApiError.ApiError) => ChallengeOptions | undefined) | undefined
  } | undefined
  /**
   * `always` (default) writes a body; `with-challenge` writes none unless asked (`body: "json"`), and then only
   * for an error a challenge carries (the challenge dialect's body repeats its challenge).
   */
  readonly body?: "always" | "with-challenge" | undefined
  /** Codes are sent with a 302 redirect (OAuth's authorization endpoint) rather than an error status. */
  readonly redirect?: boolean | undefined
  /** Member names match with stray whitespace around them (seed 003's own example has `" message"`). */
  readonly lenientNames?: boolean | undefined
  /**
   * How `Detect` recognises this dialect's responses: evidence no other dialect would show (a member only it has,
   * a discriminating value, a header field), read in the detector's one pass over the body; or alternatives of
   * evidence; or, for what evidence cannot say, a predicate, called in its turn on each body that reaches it.
   */
  readonly detect?: Recognizer | undefined
  /**
   * Media types beside `contentType` that name this dialect (RFC 7807's predecessor's
   * `application/api-problem+json`). A response whose `Content-Type` is one of these, or `contentType`, is read
   * in this dialect by the detector, whatever its body — except the generic types (`application/json`,
   * `application/xml`, `text/xml`, `application/x-www-form-urlencoded`), which name no dialect.
   */
  readonly mediaTypes?: ReadonlyArray<string> | undefined
  /**
   * Its errors may come with a 2xx status (Slack's `{"ok":false}` on a 200, GitHub's token endpoint's OAuth
   * errors): such a status names no meaning, and the error is read as a 400's, the generic client error, its true
   * status kept in `response`. `Detect.make(…).decodeIfError` reads a 2xx as an error when such a dialect
   * recognises it.
   */
  readonly errorsOnSuccess?: boolean | undefined
  /**
   * What a code the vocabulary does not name is: an `UnknownError` that keeps it (`unknown`, the default: RFC 6749
   * §8.5's open registry), or, for a code set that is the API's own and open (JSON:API's application codes,
   * Stripe's), what its status means (`status`), the code kept in `extensions` and written back.
   */
  readonly unknownCodes?: "unknown" | "status" | undefined
  /**
   * The header fields of the API's rate limit: a 403 or a 429 whose `remaining` field is `0` is `RateLimited`,
   * waiting until `reset` (epoch seconds) when no `Retry-After` says otherwise (GitHub's primary rate limit); with
   * `retryAfter`, a 403 with a `Retry-After` field is one too (GitHub's secondary rate limits).
   */
  readonly rateLimit?: {
    readonly remaining: string
    readonly reset?: string | undefined
    readonly retryAfter?: boolean | undefined
  } | undefined
  /**
   * Writes a body that is not JSON (XML) from the JSON the shape describes; `parse` reads it back. The body is
   * written as JSON when there is none.
   */
  readonly print?: ((json: Schema.Json) => string) | undefined
}

/**
 * The JSON type evidence tests a value for; `token` is a string that can be
 * a code (no whitespace), not prose.
 *
 * @category models
 * @since 0.2.0
 */
export type JsonType = Evidences.JsonType

/**
 * A member of a body as evidence: its path (through a list, the path looks
 * at its first item: `["errors", "title"]`), and optionally the JSON type
 * its value must have (`is`) or the values it may have (`in`).
 *
 * @category models
 * @since 0.2.0
 */
export interface Signal extends Evidences.Signal {}

/**
 * One way a dialect's responses show themselves, every part of which must
 * hold: members the body `has` (a path, or a {@link Signal}), members it
 * `lacks`, and header fields the response carries.
 *
 * @example
 * ```ts
 * import type { Dialect } from "@faultline/wire"
 *
 * // Stripe: an error object with a string type
 * const stripe: Dialect.Evidence = { has: [{ path: ["error", "type"], is: "string" }] }
 * // Slack: `"ok": false` with a string error
 * const slack: Dialect.Evidence = { has: [{ path: ["ok"], in: [false] }, { path: ["error"], is: "string" }] }
 * ```
 *
 * @see Detect.make
 * @category models
 * @since 0.2.0
 */
export interface Evidence extends Evidences.Evidence {}

/**
 * How a dialect is recognised: evidence, alternatives of evidence (any may
 * hold), or a predicate over the parsed body and the response's headers.
 *
 * @category models
 * @since 0.2.0
 */
export type Recognizer = Evidence | ReadonlyArray<Evidence> | Evidences.Predicate

/**
 * A dialect: one declaration that serves the server encoder, the client
 * decoder and the `HttpApi` schemas.
 *
 * @category models
 * @since 0.1.0
 */
export interface Dialect<out Name extends string, out E> extends Pipeable {
  readonly [TypeId]: TypeId
  /** The errors its codes decode to, as a type only. */
  readonly "~Error": (_: never) => E
  readonly name: Name
  /** The media type of its bodies. */
  readonly contentType: string
  /** Its declaration. */
  readonly description: Description<Name, ReadonlyArray<CodeEntry>>
  /** Its vocabulary, every code's facts filled in, in order. */
  readonly codes: ReadonlyArray<Code>
  /** Writes an error: strict, only what the dialect's rules allow. Never throws. */
  readonly encode: (error: ApiError.ApiError, options?: EncodeOptions) => Encoded
  /**
   * Reads a response: total, never throws; unknown codes and unreadable
   * bodies are typed cases. A `WWW-Authenticate` challenge with an `error`
   * decides over the body (RFC 6750 §3), so the result is the dialect's union
   * or one of the errors a challenge carries (`Family.Bearer`).
   */
  readonly decode: (response: WireResponse, options?: DecodeOptions) => Decoded<E>
  /** `decode`, of a response already read and parsed (see {@link ParsedResponse}). */
  readonly decodeParsed: (response: ParsedResponse, options?: DecodeOptions) => Decoded<E>
  /** The code a response states, as this dialect reads it; `undefined` when it states none (or prose). */
  readonly readCode: (response: ParsedResponse) => string | undefined
  /** The code and status an error is written with (see {@link codeFor}). */
  readonly codeFor: (error: ApiError.ApiError) => { readonly code: string; readonly status: number }
  /** Recognises a parsed body of this dialect, as `Detect` does (see {@link Description.detect}). */
  readonly detect: ((json: Schema.Json, headers?: Readonly<Record<string, string>>) => boolean) | undefined
  /** Every error its codes decode to, and `UnknownError`, as a `Schema` union. */
  readonly errors: Schema.Codec<E | ApiError.UnknownError, unknown>
  /**
   * The `HttpApiEndpoint` error schema of a class in this dialect: its wire
   * body with the codes the vocabulary gives the class, the class's status in
   * this dialect, the dialect's content type.
   */
  readonly schema: <C extends ApiError.AnyClass>(
    errorClass: C,
    options?: { readonly status?: number | undefined }
  ) => Schema.Codec<C["Type"], unknown>
}

/**
 * Any dialect.
 *
 * @category models
 * @since 0.2.0
 */
export interface Any extends Dialect<string, any> {}

/**
 * The errors a dialect's codes decode to.
 *
 * @category models
 * @since 0.2.0
 */
export type Error<D> = D extends Dialect<string, infer E> ? E : never

/**
 * Tells whether a value is a dialect, by its type id.
 *
 * @category guards
 * @since 0.2.0
 */
export const isDialect = (u: unknown): u is Any =>
  typeof u === "object" && u !== null && (u as { readonly [TypeId]?: unknown })[TypeId] === TypeId

const Proto = {
  [TypeId]: TypeId,
  pipe() {
    return pipeArguments(this, arguments)
  }
}

/**
 * Makes a dialect from its declaration: the vocabulary is checked and
 * indexed, the shape compiled, once; encode and decode read what was built.
 * A mistake in the declaration — two classes for one code and status, a
 * status outside 400–599, a code the dialect's charset cannot carry, a
 * template without its placeholder or with two, two classes with one tag,
 * two parts at one member — throws here, naming the dialect and the entry.
 *
 * @example
 * ```ts
 * import { ApiError } from "@faultline/errors"
 * import { Dialect } from "@faultline/wire"
 * import { Schema } from "effect"
 *
 * class CardDeclined extends ApiError.Class<CardDeclined>()("CardDeclined", { declineCode: Schema.String }, {
 *   status: 402, title: "Payment Required", description: "The card was declined", source: "Acme API §4"
 * }) {}
 *
 * const Acme = Dialect.make({
 *   name: "acme",
 *   contentType: "application/json",
 *   shape: { code: ["error", "code"], message: ["error", "message"], details: ["error", "param"] },
 *   codes: [{ code: "card_declined", class: CardDeclined }, ...Dialect.genericCodes("snake_case")]
 * })
 *
 * Acme.encode(new CardDeclined({ declineCode: "insufficient_funds", message: "Insufficient funds" })).body
 * // {"error":{"code":"card_declined","message":"Insufficient funds","param":{"decline_code":"insufficient_funds"}}}
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const make = <const Name extends string, const Codes extends ReadonlyArray<CodeEntry>>(
  description: Description<Name, Codes> & { readonly codes: Checked<Codes> }
): Dialect<Name, ErrorOf<Codes>> => {
  const rules: Vocabularies.Rules = {
    name: description.name,
    convention: description.convention ?? "snake_case",
    charset: description.charset ?? "any",
    redirect: description.redirect === true
  }
  const codes = Vocabularies.normalize(rules, description.codes as ReadonlyArray<CodeEntry>)
  const vocabulary = Vocabularies.index(codes, rules.convention)
  const codec: Codec = makeCodec(description as Description<string, ReadonlyArray<CodeEntry>>, vocabulary)
  const dialect = Object.create(Proto)
  dialect.name = description.name
  dialect.contentType = description.contentType
  dialect.description = description
  dialect.codes = codes
  dialect.encode = codec.encode
  dialect.decode = codec.decode
  dialect.decodeParsed = codec.decodeParsed
  dialect.readCode = codec.readCode
  dialect.detect = predicateOf(description.detect)
  dialect[CodecId] = codec
  dialect.codeFor = (error: ApiError.ApiError) => {
    const selection = codec.select(error)
    return { code: selection.code, status: selection.status }
  }
  dialect.errors = codec.errors
  dialect.schema = codec.schema
  return dialect
}

/**
 * Adds codes to a dialect: a new dialect with the same shape and rules, whose
 * vocabulary is the old one's and these, and whose union gains their classes.
 * A code already meaning another class at that status is refused (a code
 * means one class: declare a new dialect to change a meaning).
 *
 * @example
 * ```ts
 * import { ApiError } from "@faultline/errors"
 * import { Dialect, Envelope } from "@faultline/wire"
 * import { Schema } from "effect"
 *
 * class CardDeclined extends ApiError.Class<CardDeclined>()("CardDeclined", { declineCode: Schema.String }, {
 *   status: 402, title: "Payment Required", description: "The card was declined", source: "Payments API §4"
 * }) {}
 *
 * const Payments = Envelope.dialect.pipe(Dialect.withCodes([{ code: "card_declined", status: 402, class: CardDeclined }]))
 * ```
 *
 * @category combinators
 * @since 0.2.0
 */
export const withCodes: {
  <const Es extends ReadonlyArray<CodeEntry>>(
    entries: Checked<Es>
  ): <Name extends string, E>(self: Dialect<Name, E>) => Dialect<Name, E | ErrorOf<Es>>
  <Name extends string, E, const Es extends ReadonlyArray<CodeEntry>>(
    self: Dialect<Name, E>,
    entries: Checked<Es>
  ): Dialect<Name, E | ErrorOf<Es>>
} = dual(2, (self: Any, entries: ReadonlyArray<CodeEntry>): Any =>
  make({
    ...self.description,
    codes: [...self.description.codes, ...entries]
  } as never))

/**
 * The code and status a dialect writes an error with: the vocabulary's code
 * for its class (the one naming its resource, at its status), else for the
 * nearest broader class it refines, else the convention's spelling of the
 * class at the error's own status.
 *
 * @category encoding
 * @since 0.2.0
 */
export const codeFor: {
  (error: ApiError.ApiError): (self: Any) => { readonly code: string; readonly status: number }
  (self: Any, error: ApiError.ApiError): { readonly code: string; readonly status: number }
} = dual(2, (self: Any, error: ApiError.ApiError) => self.codeFor(error))

/**
 * What a code means in a dialect: see {@link lookup}.
 *
 * @category models
 * @since 0.2.0
 */
export interface Meaning {
  /**
   * The class the code is read as: at the status, when one is given, the one decoding gives; without one, the
   * class every code of the vocabulary spelled so means, `undefined` when they differ by status. `undefined` for a
   * code the vocabulary does not know, which decodes to an `UnknownError`.
   */
  readonly class: ApiError.AnyClass | undefined
  /** The resource the code names (`user_not_found`, `USER_NOT_EXIST`: `user`). */
  readonly resource: string | undefined
  /** The codes of the vocabulary it is read as: at the status, the one decoding picks; without one, each status's. */
  readonly codes: ReadonlyArray<Code>
}

const vocabularies = new WeakMap<Any, Vocabularies.Vocabulary>()

// the index `make` builds for decoding, built again from what a dialect keeps: the same codes, the same rules
const vocabularyOf = (self: Any): Vocabularies.Vocabulary => {
  let vocabulary = vocabularies.get(self)
  if (vocabulary === undefined) {
    vocabulary = Vocabularies.index(self.codes, self.description.convention ?? "snake_case")
    vocabularies.set(self, vocabulary)
  }
  return vocabulary
}

/**
 * What a code means in a dialect — a built-in one or a user's — as its
 * decoder reads it: its own code (at the status, else at the `x00` of the
 * status's class, else its first), else a resource template it fits. The
 * status is the one the code came with; without it, every status the code is
 * written with is given. Property paths (seed 003's `{path}`) are not codes
 * to look up.
 *
 * @example
 * ```ts
 * import { ApiError } from "@faultline/errors"
 * import { CodeDescription, Dialect, Envelope } from "@faultline/wire"
 * import { Schema } from "effect"
 *
 * Dialect.lookup(CodeDescription.dialect, "USER_NOT_EXIST").class?.tag // "NotFound", resource "user"
 * Dialect.lookup(CodeDescription.dialect, "LIMIT_EXCEEDED", 403).class?.tag // "QuotaExceeded"
 * Dialect.lookup(CodeDescription.dialect, "LIMIT_EXCEEDED").codes.map((code) => code.status) // [400, 403]
 *
 * class CardDeclined extends ApiError.Class<CardDeclined>()("CardDeclined", { declineCode: Schema.String }, {
 *   status: 402, title: "Payment Required", description: "The card was declined", source: "Payments API §4"
 * }) {}
 * const Payments = Envelope.dialect.pipe(Dialect.withCodes([{ code: "card_declined", class: CardDeclined }]))
 * Dialect.lookup(Payments, "card_declined").class === CardDeclined // true
 * ```
 *
 * @category decoding
 * @since 0.2.0
 */
export const lookup: {
  (code: string, status?: number): (self: Any) => Meaning
  (self: Any, code: string, status?: number): Meaning
} = dual(
  (args) => isDialect(args[0]),
  (self: Any, code: string, status?: number): Meaning => {
    const vocabulary = vocabularyOf(self)
    if (status !== undefined) {
      const found = Vocabularies.resolve(vocabulary, code, status)
      return found === undefined
        ? { class: undefined, resource: undefined, codes: [] }
        : { class: found.entry.class, resource: found.resource, codes: [found.entry] }
    }
    const own = vocabulary.byCodeAndStatus.get(code)
    if (own !== undefined) {
      const codes = Array.from(own.values())
      const classes = new Set(codes.map((entry) => entry.class))
      const resources = new Set(codes.map((entry) => entry.resource))
      return {
        class: classes.size === 1 ? codes[0]!.class : undefined,
        resource: resources.size === 1 ? codes[0]!.resource : undefined,
        codes
      }
    }
    // no code of its own: the template it fits means the same at every status
    const found = Vocabularies.resolve(vocabulary, code, 0)
    return found === undefined
      ? { class: undefined, resource: undefined, codes: [] }
      : { class: found.entry.class, resource: found.resource, codes: [found.entry] }
  }
)

/**
 * The classes that mean no more than an HTTP status (`BadRequest`,
 * `NotFound`, `RateLimited`…), each with a code in a convention: a user's
 * vocabulary usually starts from them.
 *
 * @example
 * ```ts
 * import { Dialect } from "@faultline/wire"
 *
 * Dialect.genericCodes("UPPER_SNAKE").map((entry) => entry.code) // ["BAD_REQUEST", "UNAUTHORIZED", …]
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const genericCodes = (
  convention: Exclude<Convention, "status"> = "snake_case"
): ReadonlyArray<{
  readonly code: string
  readonly status: number
  readonly class: Catalog.EntriesOf<"message-description">["class"]
}> =>
  genericEntries.map((entry) => ({
    code: Vocabularies.spell(convention, entry.class, entry.status),
    status: entry.status,
    class: entry.class
  }))

const genericEntries = Catalog.vocabulary("message-description")

/**
 * Reads a response with the limits of the options, as `decode` does, for a
 * dialect's `decodeParsed` (what `Detect` does once for all dialects).
 *
 * @category decoding
 * @since 0.2.0
 */
export const parse = (response: WireResponse, options?: DecodeOptions): ParsedResponse =>
  parsedResponse(response, limitsOf(options))

/**
 * Re-emits a response of one dialect in another, keeping the typed meaning:
 * decode with `from`, encode with `to`. Where `to` has no code for the class,
 * it writes the code of the nearest broader class it has one for, else the
 * class spelled by its convention, with its own status.
 *
 * @example
 * ```ts
 * import { Dialect, Envelope, Flat } from "@faultline/wire"
 *
 * const gateway = Dialect.translate(Flat.dialect, Envelope.dialect)
 * gateway({ status: 404, body: '{"error":"user_not_found","error_description":"No such user"}' })
 * // { status: 404, body: '{"error":{"code":"not_found","message":"No such user",...}}' }
 *
 * // the same, data-last
 * const alike = Flat.dialect.pipe(Dialect.translate(Envelope.dialect))
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const translate: {
  (
    to: Dialect<string, unknown>,
    options?: TranslateOptions
  ): <E>(from: Dialect<string, E>) => (response: WireResponse) => Encoded
  <E>(
    from: Dialect<string, E>,
    to: Dialect<string, unknown>,
    options?: TranslateOptions
  ): (response: WireResponse) => Encoded
} = dual(
  (args) => isDialect(args[0]) && isDialect(args[1]),
  (from: Any, to: Any, options?: TranslateOptions) => (response: WireResponse): Encoded =>
    to.encode(from.decode(response, options?.decode), options?.encode)
)

/**
 * The options of {@link translate}: how to read, and how to write.
 *
 * @category models
 * @since 0.2.0
 */
export interface TranslateOptions {
  readonly decode?: DecodeOptions | undefined
  readonly encode?: EncodeOptions | undefined
}

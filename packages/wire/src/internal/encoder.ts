import type { ApiError, FieldIssue } from "@faultline/errors"
import type * as Dialect from "../Dialect.ts"
import type { ChallengeOptions } from "./challenge.ts"
import { canGenerate } from "./jit.ts"
import type { IssueItem } from "./shape.ts"
import type { Selection } from "./vocabulary.ts"

/**
 * What the encoder of one class in one dialect is made from. The factory
 * below refers to nothing else — no module binding, only this and JavaScript's
 * globals — because it is copied per class (see {@link instantiate}).
 *
 * @internal
 */
export interface EncoderInput {
  // the class
  /** The selection of an instance with no resource and no path, at the class's status. */
  readonly selection: Selection | undefined
  readonly status: number
  readonly codeJson: string | undefined
  readonly titleJson: string
  readonly description: string
  readonly challengeCode: string | undefined
  readonly plainHeaders: boolean
  readonly ownFields: boolean
  readonly unknown: boolean
  readonly hasResource: boolean
  readonly hasPath: boolean
  readonly hasIssues: boolean
  readonly hasScope: boolean
  // the dialect
  readonly slots: {
    readonly message: boolean
    readonly title: boolean
    readonly details: boolean
    readonly issues: boolean
    readonly requestId: boolean
    readonly errorUri: boolean
    readonly retryAfter: boolean
    readonly status: boolean
    readonly path: boolean
    readonly scope: boolean
    readonly resource: boolean
    readonly debug: boolean
  }
  readonly oauthText: boolean
  readonly codeIsUri: boolean
  /** Whether a message that is the class's description goes unsaid with this code; `undefined`: never. */
  readonly omitDefaultMessage: ((selection: Selection) => boolean) | undefined
  readonly issuesFormat: "list" | "map" | "members" | undefined
  readonly issuesInDetails: boolean
  readonly issueItem: IssueItem | undefined
  readonly issuesGrouped: boolean
  readonly retryFormat: "seconds" | "duration"
  readonly statusFormat: "number" | "string"
  /** The API's own codes that no table names are kept (the code set is open) and written back where they came from. */
  readonly keepsCodes: boolean
  readonly codeMember: string | undefined
  /** The header the request id goes out in. */
  readonly requestIdHeader: string
  readonly fieldsInDetails: boolean
  readonly headerTemplate: Readonly<Record<string, string>>
  readonly contentType: string
  readonly fixed: Readonly<Record<string, string>> | undefined
  readonly alwaysBody: boolean
  readonly alwaysChallenge: boolean
  readonly challenge: Dialect.Description<string, ReadonlyArray<Dialect.CodeEntry>>["challenge"]
  readonly hasMembers: boolean
  // the functions it calls
  readonly select: (error: ApiError.ApiError) => Selection
  readonly codeJsonOf: (selection: Selection) => string
  /** A code's text as JSON in the dialect's format (a number where the format writes one). */
  readonly quoteCode: (code: string) => string
  readonly quote: (text: string) => string
  readonly toNqschar: (text: string) => string | undefined
  readonly isNqchar: (text: string) => boolean
  readonly isObject: (value: unknown) => boolean
  readonly titleOf: (errorClass: undefined, status: number) => string
  readonly issuesValue: (
    issues: ReadonlyArray<FieldIssue.FieldIssue>,
    format: "list" | "map" | "members",
    item: IssueItem | undefined,
    grouped: boolean
  ) => unknown
  readonly codeText: (code: string, status: number) => string
  /** Parts written as items of the details list (AIP-193's RetryInfo), when the dialect has such parts. */
  readonly withItems:
    | ((details: unknown, values: ReadonlyArray<unknown>, error: ApiError.ApiError) => unknown)
    | undefined
  /** Finishes a body that is not one JSON object of the layout: a list body, or a printed one (XML). */
  readonly finish:
    | ((
      error: ApiError.ApiError,
      message: string,
      options: Dialect.EncodeOptions | undefined,
      values: Array<unknown>,
      extensions: Record<string, unknown> | undefined
    ) => string)
    | undefined
  readonly ownMembers: (error: ApiError.ApiError) => Record<string, unknown> | undefined
  readonly retryAfterSeconds: (error: ApiError.ApiError) => number | undefined
  readonly headerRequestId: (requestId: string) => string | undefined
  readonly encodeHeaders: (
    error: ApiError.ApiError,
    status: number,
    contentType: string | undefined,
    fixed: Readonly<Record<string, string>> | undefined,
    requestId: string | undefined,
    challenge: ChallengeOptions | undefined,
    challengeCode: string | undefined,
    always: boolean
  ) => Record<string, string>
  readonly write: (
    values: ReadonlyArray<unknown>,
    extensions: { readonly [key: string]: unknown } | undefined
  ) => string
  /** Writes an aggregate's members (seed 003) into `values`, for a dialect with members. */
  readonly members: (
    error: ApiError.ApiError,
    selection: Selection,
    message: string,
    values: Array<unknown>,
    options: Dialect.EncodeOptions | undefined
  ) => void
}

/**
 * The encoder of one class in one dialect: `encode` for a body's own error,
 * `fill` for an aggregate's member.
 *
 * @internal
 */
export interface Encoder {
  readonly encode: (error: ApiError.ApiError, options: Dialect.EncodeOptions | undefined) => Dialect.Encoded
  /** Puts an error's values in `values` by slot id and returns the extensions to write beside them. */
  readonly fill: (
    values: Array<unknown>,
    error: ApiError.ApiError,
    selection: Selection,
    message: string | undefined,
    requestId: string | undefined,
    options: Dialect.EncodeOptions | undefined,
    top: boolean
  ) => Record<string, unknown> | undefined
}

/**
 * Makes the encoder of one class in one dialect. Slot ids are the numbers of
 * `shape.ts`'s `Slot`, written out: the factory may refer to no module
 * binding.
 *
 * @internal
 */
export const encoder = (d: EncoderInput): Encoder => {
  const slots = d.slots
  const fill: Encoder["fill"] = (values, error, selection, message, requestId, options, top) => {
    let extensions = error.extensions as Record<string, unknown> | undefined
    // code (0)
    values[0] = top && selection === d.selection ? d.codeJson : d.codeJsonOf(selection)
    if (d.codeIsUri && !selection.code.includes(":")) extensions = { ...extensions, code: selection.code }
    if (d.keepsCodes && d.codeMember !== undefined && extensions !== undefined) {
      // a code of the API's own that no table names came back as an extension: it is written where it came from
      const own = extensions[d.codeMember]
      if (typeof own === "string" && own.length > 0) values[0] = d.quoteCode(d.codeText(own, selection.status))
    }
    // message (1)
    if (slots.message && message !== undefined) {
      let said = d.oauthText ? d.toNqschar(message) : message
      // where an unsaid message reads back as the class's description, an empty one is that description
      if ((said === undefined || said === "") && d.omitDefaultMessage !== undefined) said = d.description
      values[1] = said === d.description && d.omitDefaultMessage !== undefined && d.omitDefaultMessage(selection)
        ? undefined
        : said
    }
    // title (2), as JSON text, as the code is: a class's title is quoted once
    if (slots.title) {
      const own = extensions === undefined ? undefined : extensions["title"]
      if (error._tag === "UnknownError") {
        const title = typeof own === "string" ? own : d.titleOf(undefined, selection.status)
        values[2] = d.quote(title)
        // a body with a title and no message reads its title as the message: it is not written twice
        if (message === title) values[1] = undefined
      } else {
        values[2] = typeof own === "string"
          ? d.quote(own)
          : d.unknown
          ? d.quote(d.titleOf(undefined, selection.status))
          : d.titleJson
      }
    }
    let details: unknown = error.details
    if (d.ownFields) {
      const own = d.ownMembers(error)
      if (own !== undefined) {
        if (d.fieldsInDetails && top && (details === undefined || d.isObject(details))) {
          details = { ...own, ...(details as object | undefined) }
        } else {
          extensions = { ...own, ...extensions }
        }
      }
    }
    // issues (4), in details (3) or a member of their own
    if (d.hasIssues && d.issuesFormat !== "members") {
      const issues = (error as { readonly issues?: ReadonlyArray<FieldIssue.FieldIssue> }).issues
      if (issues !== undefined && issues.length > 0) {
        const written = d.issuesValue(issues, d.issuesFormat!, d.issueItem, d.issuesGrouped)
        if (d.issuesInDetails) details = written
        else if (slots.issues) values[4] = written
      }
    }
    // retry after (7), before the details: a dialect may write it as an item of them
    if (slots.retryAfter && error.retryAfter !== undefined) {
      const seconds = d.retryAfterSeconds(error)!
      values[7] = d.retryFormat === "duration" ? `${seconds}s` : seconds
    }
    if (d.withItems !== undefined) details = d.withItems(details, values, error)
    // `null` details are no details: written as the member's absent value
    if (slots.details && details !== undefined && details !== null) values[3] = details
    // request id (5)
    if (slots.requestId && requestId !== undefined) values[5] = requestId
    // error URI (6): RFC 6749 Appendix A.9 has no space, no `"`, no `\`
    if (slots.errorUri) {
      const errorUri = error.errorUri
      if (errorUri !== undefined && (!d.oauthText || d.isNqchar(errorUri))) values[6] = errorUri
    }
    // status (8), path (9), scope (11), resource (12)
    if (slots.status) values[8] = d.statusFormat === "string" ? String(selection.status) : selection.status
    if (slots.path && d.hasPath) values[9] = (error as { readonly path?: string }).path
    if (slots.scope && d.hasScope) {
      const scope = (error as { readonly scope?: ReadonlyArray<string> }).scope
      if (scope !== undefined) values[11] = scope.join(" ")
    }
    if (slots.resource && d.hasResource) values[12] = (error as { readonly resource?: string }).resource
    // debug (13): the operator's, written only when asked
    const debug = options === undefined ? undefined : options.debug
    if (slots.debug && debug !== undefined && (debug.stack ?? debug.requestBody ?? debug.timestamp) !== undefined) {
      values[13] = {
        ...(debug.stack === undefined ? {} : { stack_trace: debug.stack }),
        ...(debug.requestBody === undefined ? {} : { request_body: debug.requestBody }),
        ...(debug.timestamp === undefined ? {} : { timestamp: debug.timestamp })
      }
    }
    return extensions
  }

  const encode = (error: ApiError.ApiError, options: Dialect.EncodeOptions | undefined): Dialect.Encoded => {
    const plain = d.selection
    const selection = plain !== undefined && error.status === d.status &&
        (!d.hasResource || (error as { readonly resource?: string }).resource === undefined) &&
        (!d.hasPath || (error as { readonly path?: string }).path === undefined)
      ? plain
      : d.select(error)
    const status = selection.status
    const requestId = error.requestId ?? (options === undefined ? undefined : options.requestId)
    // an unknown code is a challenge's only in the challenge dialect (RFC 6749 §8.5: the code set is open)
    const challengeCode = d.unknown
      ? d.alwaysChallenge && error._tag === "UnknownError" ? (error as ApiError.UnknownError).code : undefined
      : d.challengeCode
    const withBody = d.alwaysBody ||
      ((options as { readonly body?: string } | undefined)?.body === "json" && challengeCode !== undefined)
    let headers: Record<string, string>
    if (d.plainHeaders && withBody && !d.alwaysChallenge && error.retryAfter === undefined && status !== 401) {
      // most error responses need nothing more than these: this runs on every one of them
      headers = { ...d.headerTemplate }
      if (requestId !== undefined) {
        const id = d.headerRequestId(requestId)
        if (id !== undefined) headers[d.requestIdHeader] = id
      }
      // RFC 6585 §4: a 429 must not be stored by a cache
      if (status === 429) headers["cache-control"] = "no-store"
    } else {
      const challenge = d.challenge
      const configured = (options === undefined ? undefined : options.challenge) ??
        (challenge === undefined || challenge.defaults === undefined ? undefined : challenge.defaults(error)) ??
        (challenge !== undefined && challenge.protected ? {} : undefined)
      headers = d.encodeHeaders(
        error,
        status,
        withBody ? d.contentType : undefined,
        withBody ? d.fixed : undefined,
        requestId,
        configured,
        challengeCode,
        d.alwaysChallenge
      )
    }
    if (!withBody) return { status, headers, body: "" }
    const message = error.exposeMessage !== false || (options !== undefined && options.debug !== undefined)
      ? error.message
      : d.description
    const values: Array<unknown> = [
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
    const extensions = fill(values, error, selection, message, requestId, options, true)
    if (d.hasMembers) d.members(error, selection, message, values, options)
    return {
      status,
      headers,
      body: d.finish === undefined ? d.write(values, extensions) : d.finish(error, message, options, values, extensions)
    }
  }

  return { encode, fill }
}

const keepName = <F>(fn: F): F => fn

/**
 * A factory compiled from source, when it can run alone; `undefined` where it
 * cannot. A bundler or a TypeScript loader may have rewritten the source to
 * call helpers of its module — esbuild's `keepNames` (tsx, docgen) wraps
 * functions in `__name(…)` — which a copy cannot see: `__name` only names a
 * function, so a copy gets one that does nothing; any other helper
 * (`__spreadValues`…) and there is no copy. So is a CSP that forbids `new Function`.
 *
 * @internal
 */
export const compile = (text: string): typeof encoder | undefined => {
  const helpers = new Set(text.match(/\b__[A-Za-z$_]+(?=\()/g) ?? [])
  helpers.delete("__name")
  if (helpers.size > 0) return undefined
  try {
    return new Function("__name", `return (${text})`)(keepName) as typeof encoder
  } catch {
    return undefined
  }
}

const source = encoder.toString()

/** A copy of the factory, compiled anew from its source, or the factory itself where no copy can be made. */
const copy = (): typeof encoder => compile(source) ?? encoder

/**
 * The encoder of one class in one dialect, from a copy of the factory of its
 * own: the same source, compiled anew, so that each copy keeps type feedback
 * for one class only. Shared, one function would see every class of every
 * dialect and go megamorphic — measured at 1.5× the time of the same encode
 * run alone. Where code cannot be generated (`generate` false, or a CSP that
 * forbids it), the factory itself: slower, the same result.
 *
 * @internal
 */
export const instantiate = (input: EncoderInput, generate: boolean = canGenerate): Encoder =>
  (generate ? copy() : encoder)(input)

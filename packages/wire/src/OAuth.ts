/**
 * OAuth 2.0 errors: the JSON body of the token endpoint and its relatives
 * (registration, revocation, device flow, PAR, DPoP), and the authorization
 * endpoint's error redirect, in the query or in the fragment.
 *
 * @since 0.1.0
 */
import type { ApiError, Catalog, Family } from "@faultline/errors"
import { Schema } from "effect"
import * as Dialect from "./Dialect.ts"
import { addMembers, isObject, otherMembers } from "./internal/json.ts"
import { makeTable } from "./internal/table.ts"
import { isNqchar, toNqschar } from "./internal/text.ts"

const table = makeTable("oauth", (entry) => entry.status !== 302)
const redirectTable = makeTable("oauth", (entry) => entry.status === 302)
const known = new Set(["error", "error_description", "error_uri"])

/**
 * The JSON body.
 *
 * @see RFC 6749 §5.2
 * @category schemas
 * @since 0.1.0
 */
export const Wire = Schema.Struct({
  error: Schema.String,
  error_description: Schema.optionalKey(Schema.String),
  error_uri: Schema.optionalKey(Schema.String)
})

/**
 * `error_description` as RFC 6749 allows it (Appendix A.8): `1*NQSCHAR`, or
 * nothing when the description is the class's own (the code already says it).
 */
const descriptionOf = (error: ApiError.ApiError, message: string | undefined): string | undefined =>
  message === undefined || message === (error.constructor as { readonly description?: string }).description
    ? undefined
    : toNqschar(message)

/** `error_uri` as RFC 6749 allows it (Appendix A.9): no space, no `"`, no `\`. */
const uriOf = (error: ApiError.ApiError): string | undefined =>
  error.errorUri !== undefined && isNqchar(error.errorUri) ? error.errorUri : undefined

const readFields = (json: { readonly [key: string]: Schema.Json }): Dialect.Reading | undefined =>
  typeof json.error !== "string" ? undefined : {
    code: json.error,
    message: typeof json.error_description === "string" ? json.error_description : undefined,
    errorUri: typeof json.error_uri === "string" ? json.error_uri : undefined,
    extensions: otherMembers(json, known)
  }

/**
 * The OAuth JSON dialect.
 *
 * - Every response carries `Cache-Control: no-store` and `Pragma: no-cache`
 *   (RFC 6749 §5.1, and the §5.2 and RFC 7591 §3.2.2 examples).
 * - `error_description` and `error_uri` keep to RFC 6749's character sets:
 *   other characters are replaced, never sent raw (6749-12, 6749-13, 6749-14).
 *   A description equal to the class's own is left out.
 * - `invalid_client` is 401 with a challenge for the scheme the client used
 *   when its `status` is 401 (`Basic` unless `challenge` says otherwise), 400
 *   otherwise (6749-09).
 * - HTTP-level failures on auth routes (404, 405, 413, 415, 429) go as
 *   `invalid_request` with their own status, as node-oidc-provider does.
 * - Decoding also reads a form-encoded body (`error=…&error_description=…`,
 *   as GitHub's token endpoint sends), and an error sent with a 2xx status.
 *
 * @see RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 7009 §2.2.1, RFC 8628 §3.5, RFC 9449 §5
 * @category models
 * @since 0.1.0
 */
export const dialect: Dialect.Dialect<"oauth", Family.OAuthToken> = Dialect.makeJson({
  name: "oauth",
  table,
  contentType: "application/json",
  fixedHeaders: { "cache-control": "no-store", "pragma": "no-cache" },
  describeInChallenge: true,
  read: (json) => isObject(json) ? readFields(json) : undefined,
  readText: (text) => {
    if (!/(?:^|&)error=/.test(text)) return undefined
    const params = new URLSearchParams(text.trim())
    const out: Record<string, string> = {}
    for (const [name, value] of params) {
      if (!Object.hasOwn(out, name)) {
        Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true })
      }
    }
    return out
  },
  write: (error, selection, message) => {
    const description = descriptionOf(error, message)
    const uri = uriOf(error)
    const body: Record<string, unknown> = { error: toNqschar(selection.code) ?? "server_error" }
    if (description !== undefined) body.error_description = description
    if (uri !== undefined) body.error_uri = uri
    // members a vendor added (RFC 6749 §5.2 lets clients ignore them) travel on, after the standard ones
    addMembers(body, error.extensions, known)
    return body
  },
  // RFC 7617 §2 requires a realm on Basic challenges
  defaultChallenge: (error) => error._tag === "InvalidClient" ? { scheme: "Basic", realm: "oauth" } : undefined,
  lastResort: (status) =>
    status === 401 ? table.byCodeAndStatus.get("invalid_token 401")! : status >= 500 ? serverError : invalidRequest,
  wireSchema: (code) => Wire.mapFields((fields) => ({ ...fields, error: code }))
})

const invalidRequest = table.byCodeAndStatus.get("invalid_request 400")!
const serverError = table.byCodeAndStatus.get("server_error 500")!

/**
 * Writes an error as an OAuth JSON body.
 *
 * @category encoding
 * @since 0.1.0
 */
export const encode = dialect.encode

/**
 * Reads an OAuth error response: total, see `Dialect.Dialect.decode`.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decode = dialect.decode

// ---------------------------------------------------------------------------
// The authorization endpoint's error redirect
// ---------------------------------------------------------------------------

/**
 * Where an error redirect goes and what it echoes.
 *
 * @category models
 * @since 0.1.0
 */
export interface RedirectOptions {
  /** The client's redirection URI, already matched against its registration by the caller. */
  readonly redirectUri: string
  /** The request's `state`, echoed exactly (RFC 6749 §4.1.2.1). */
  readonly state?: string | undefined
  /** The authorization server's issuer, sent as `iss` (RFC 9207 §2). */
  readonly issuer?: string | undefined
  /** `query` for the code flow (default), `fragment` for implicit and hybrid flows (RFC 6749 §4.2.2.1, OIDC §3.2.2.6). */
  readonly responseMode?: "query" | "fragment" | undefined
}

const redirectLastResort = (status: number): Catalog.Entry => {
  const code = status === 403 || status === 401
    ? "access_denied"
    : status === 503
    ? "temporarily_unavailable"
    : status >= 500
    ? "server_error"
    : "invalid_request"
  return redirectTable.byCode.get(code)!
}

const acceptableRedirect = (uri: string): URL | undefined => {
  if (!URL.canParse(uri)) return undefined
  const url = new URL(uri)
  if (url.hash !== "" || url.protocol === "javascript:" || url.protocol === "data:") return undefined
  return url
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * Writes an authorization error as a redirect to the client: `302` with the
 * error in the query (code flow) or the fragment (implicit flow), `state`
 * echoed byte for byte, and `iss` when given; the description and URI as
 * `encode` writes them (`server_error` and `temporarily_unavailable` carry
 * a 500's and a 503's meaning, which no redirect can).
 *
 * A redirection URI that is not an absolute URL without a fragment is never
 * redirected to: the response is a `400` page for the resource owner
 * (RFC 6749 §4.1.2.1, 6749-01). Matching the URI against the client's
 * registration is the caller's job.
 *
 * @see RFC 6749 §4.1.2.1, §4.2.2.1; RFC 9207 §2; OpenID Connect Core 1.0 §3.1.2.6
 * @category encoding
 * @since 0.1.0
 */
export const encodeRedirect = (
  error: ApiError.ApiError,
  options: RedirectOptions,
  encodeOptions?: Dialect.EncodeOptions
): Dialect.Encoded => {
  // an UnknownError keeps its code (RFC 6749 §8.5: the code set is open), as `encode` does
  const selection = Dialect.selectIn(redirectTable, error, redirectLastResort)
  const url = acceptableRedirect(options.redirectUri)
  if (url === undefined) {
    return {
      status: 400,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
      body: `<!doctype html><title>Authorization error</title><p>The redirection URI is invalid, so the error ${
        escapeHtml(selection.code)
      } cannot be returned to the application.</p>`
    }
  }
  const params = new URLSearchParams()
  params.set("error", toNqschar(selection.code) ?? "server_error")
  const description = descriptionOf(error, Dialect.publicMessage(error, encodeOptions))
  if (description !== undefined) params.set("error_description", description)
  const uri = uriOf(error)
  if (uri !== undefined) params.set("error_uri", uri)
  if (options.state !== undefined) params.set("state", options.state)
  if (options.issuer !== undefined) params.set("iss", options.issuer)
  if (options.responseMode === "fragment") {
    url.hash = params.toString()
  } else {
    for (const [name, value] of params) url.searchParams.append(name, value)
  }
  return {
    status: 302,
    headers: { "location": url.href, "cache-control": "no-store" },
    body: ""
  }
}

/**
 * What an authorization response at the redirection URI says.
 *
 * - `Success`: no `error` parameter; `params` holds the rest (`code`, …).
 * - `Failure`: an error, typed, with the `state` and `iss` it came with.
 * - `Rejected`: the response does not belong to this request — its `state`
 *   (RFC 6749 §10.12, 6749-21) or its issuer (RFC 9207 §2.4) is not the one
 *   expected — and must not be acted on, error or not.
 *
 * @category models
 * @since 0.1.0
 */
export type RedirectOutcome =
  | { readonly _tag: "Success"; readonly params: Readonly<Record<string, string>> }
  | {
    readonly _tag: "Failure"
    readonly error: Family.OAuthRedirect
    readonly state: string | undefined
    readonly issuer: string | undefined
  }
  | { readonly _tag: "Rejected"; readonly reason: "StateMismatch" | "IssuerMismatch" | "InvalidUrl" }

/**
 * Reads an authorization response from the URL the client was sent to.
 *
 * @example
 * ```ts
 * import { OAuth } from "@faultline/wire"
 *
 * const outcome = OAuth.decodeRedirect("https://app.example/cb?error=access_denied&state=xyz", { state: "xyz" })
 * // { _tag: "Failure", error: AccessDenied { … }, state: "xyz", issuer: undefined }
 * ```
 *
 * @see RFC 6749 §4.1.2.1, §4.2.2.1, §10.12; RFC 9207 §2.4; OpenID Connect Core 1.0 §3.1.2.6
 * @category decoding
 * @since 0.1.0
 */
export const decodeRedirect = (
  location: string | URL,
  options?: {
    /** Where the parameters are: `query` (default) or `fragment`. */
    readonly responseMode?: "query" | "fragment" | undefined
    /** The `state` this client sent; a response with another (or none) is `Rejected`. */
    readonly state?: string | undefined
    /** The issuer expected in `iss` (RFC 9207); a response with another, or none, is `Rejected`. */
    readonly issuer?: string | undefined
  }
): RedirectOutcome => {
  const href = typeof location === "string" ? location : location.href
  if (!URL.canParse(href)) return { _tag: "Rejected", reason: "InvalidUrl" }
  const url = new URL(href)
  const params = options?.responseMode === "fragment" ? new URLSearchParams(url.hash.slice(1)) : url.searchParams
  const values: Record<string, string> = {}
  for (const [name, value] of params) {
    if (!Object.hasOwn(values, name)) {
      Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true })
    }
  }
  const state = values["state"]
  const issuer = values["iss"]
  if (options?.state !== undefined && state !== options.state) return { _tag: "Rejected", reason: "StateMismatch" }
  if (options?.issuer !== undefined && issuer !== options.issuer) return { _tag: "Rejected", reason: "IssuerMismatch" }
  const code = values["error"]
  if (code === undefined) return { _tag: "Success", params: values }
  const reading = readFields(values)!
  const extensions = otherMembers(values, new Set([...known, "state", "iss"]))
  const error = Dialect.buildError("oauth", redirectTable, { ...reading, extensions }, 302, {}, Date.now(), values)
  return { _tag: "Failure", error: error as Family.OAuthRedirect, state, issuer }
}

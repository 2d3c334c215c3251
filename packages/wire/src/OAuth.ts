/**
 * OAuth 2.0 errors: the JSON body of the token endpoint and its relatives
 * (registration, revocation, device flow, PAR, DPoP), and the authorization
 * endpoint's error redirect, in the query or in the fragment.
 *
 * @since 0.1.0
 */
import { type ApiError, Catalog, type Family } from "@faultline/errors"
import type { Schema } from "effect"
import * as Dialect from "./Dialect.ts"
import { firstValues, hasResult, redirectError, redirectParams } from "./internal/redirect.ts"

/** A form-encoded body (`error=…&error_description=…`, as GitHub's token endpoint sends), first value of each name. */
const parseForm = (text: string): Schema.Json | undefined => {
  if (!/(?:^|&)error=/.test(text)) return undefined
  return readForm(text.trim()) ?? firstValues(new URLSearchParams(text.trim()))
}

/**
 * `application/x-www-form-urlencoded` as URLSearchParams reads it, for the
 * bodies it reads alike: `+` is a space, `%XX` its byte, first value of each
 * name; `undefined` for one with a malformed escape (URLSearchParams keeps
 * those as written, and reads it instead).
 */
const readForm = (text: string): Record<string, string> | undefined => {
  const out: Record<string, string> = {}
  // as a USVString, a lone surrogate is U+FFFD
  const wellFormed = surrogate.test(text) ? text.replace(loneSurrogate, "\ufffd") : text
  for (const pair of wellFormed.split("&")) {
    if (pair.length === 0) continue
    const equals = pair.indexOf("=")
    const name = formText(equals === -1 ? pair : pair.slice(0, equals))
    const value = formText(equals === -1 ? "" : pair.slice(equals + 1))
    if (name === undefined || value === undefined) return undefined
    if (Object.hasOwn(out, name)) continue
    // assigned, which is fast, except `__proto__`: defined, so that it stays a member
    if (name === "__proto__") {
      Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true })
    } else out[name] = value
  }
  return out
}

const plus = /\+/g
const surrogate = /[\ud800-\udfff]/
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

const formText = (raw: string): string | undefined => {
  const spaced = raw.indexOf("+") === -1 ? raw : raw.replace(plus, " ")
  if (spaced.indexOf("%") === -1) return spaced
  try {
    return decodeURIComponent(spaced)
  } catch {
    return undefined
  }
}

const isTokenEndpointCode = <E extends { readonly status: number }>(entry: E): entry is Exclude<E, { status: 302 }> =>
  entry.status !== 302

const shape: Dialect.Shape = {
  code: ["error"],
  message: { path: ["error_description"], omitDefault: true },
  errorUri: ["error_uri"]
}

/**
 * The OAuth JSON dialect.
 *
 * - Every response carries `Cache-Control: no-store` and `Pragma: no-cache`
 *   (RFC 6749 §5.1, and the §5.2 and RFC 7591 §3.2.2 examples).
 * - `error`, `error_description` and `error_uri` keep to RFC 6749's character
 *   sets: other characters are replaced, never sent raw (6749-12, 6749-13,
 *   6749-14). A description equal to the class's own is left out.
 * - `invalid_client` is 401 with a challenge for the scheme the client used
 *   when its `status` is 401 (`Basic` unless `challenge` says otherwise), 400
 *   otherwise (6749-09).
 * - HTTP-level failures on auth routes (404, 405, 413, 415, 429) go as
 *   `invalid_request` with their own status, as node-oidc-provider does; a
 *   malformed request or a validation failure as `invalid_request` at 400
 *   (RFC 6749 §5.2); a class RFC 6749 has no code for, in snake case with
 *   its own status (an extension code, RFC 6749 §8.5).
 * - Decoding also reads a form-encoded body (`error=…&error_description=…`,
 *   as GitHub's token endpoint sends), and an error sent with a 2xx status
 *   (read as a 400's: the status says nothing, standards.md §17).
 *
 * @see RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 7009 §2.2.1, RFC 8628 §3.5, RFC 9449 §5
 * @category models
 * @since 0.1.0
 */
export const dialect = Dialect.make({
  name: "oauth",
  contentType: "application/json",
  codes: Catalog.vocabulary("oauth").filter(isTokenEndpointCode),
  shape,
  headers: { "cache-control": "no-store", "pragma": "no-cache" },
  charset: "oauth",
  parse: parseForm,
  // RFC 7617 §2 requires a realm on Basic challenges
  challenge: {
    defaults: (error) => error._tag === "InvalidClient" ? { scheme: "Basic", realm: "oauth" } : undefined
  },
  // a string error: RFC 6749's code set is open (§8.5), so any code is OAuth's
  detect: { has: [{ path: ["error"], is: "string" }] },
  errorsOnSuccess: true
})

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

/**
 * What an authorization-endpoint redirect can say: RFC 6749 §4.1.2.1's codes
 * and their registered extensions. A class with no code of its own goes as
 * the code of its meaning there (`access_denied` for a 401 or a 403,
 * `temporarily_unavailable` for a 503, `server_error` for another 5xx,
 * `invalid_request` for the rest): a redirect has no status to carry it.
 *
 * @see RFC 6749 §4.1.2.1, §4.2.2.1; OpenID Connect Core 1.0 §3.1.2.6
 * @category models
 * @since 0.2.0
 */
export const redirectDialect = Dialect.make({
  name: "oauth-redirect",
  contentType: "application/x-www-form-urlencoded",
  codes: Catalog.vocabulary("oauth").filter((entry) => entry.status === 302),
  shape,
  charset: "oauth",
  redirect: true,
  convention: (_, status) =>
    status === 403 || status === 401
      ? "access_denied"
      : status === 503
      ? "temporarily_unavailable"
      : status >= 500
      ? "server_error"
      : "invalid_request"
})

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
  // the code, description and URI as the redirect dialect writes them (an UnknownError keeps its code, RFC 6749
  // §8.5: the code set is open); its body is not sent, its members are the redirect's parameters
  const written = JSON.parse(redirectDialect.encode(error, encodeOptions).body) as Record<string, unknown>
  const code = typeof written.error === "string" ? written.error : "server_error"
  const url = acceptableRedirect(options.redirectUri)
  if (url === undefined) {
    return {
      status: 400,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
      body: `<!doctype html><title>Authorization error</title><p>The redirection URI is invalid, so the error ${
        escapeHtml(code)
      } cannot be returned to the application.</p>`
    }
  }
  const params = new URLSearchParams()
  params.set("error", code)
  if (typeof written.error_description === "string") params.set("error_description", written.error_description)
  if (typeof written.error_uri === "string") params.set("error_uri", written.error_uri)
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
 * - `Success`: no `error` parameter, and a result: a `code` (RFC 6749
 *   §4.1.2), tokens (§4.2.2, OpenID Connect Core §3.2.2.5) or a signed
 *   `response` (JARM); `params` holds them all.
 * - `Failure`: an error, typed, with the `state` and `iss` it came with; a
 *   response with neither an error nor a result is a failure too (the
 *   server's: `InternalError`, what `server_error` means), never a success
 *   without a code.
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
  const values = redirectParams(href, undefined, options?.responseMode ?? "query")!
  const state = values["state"]
  const issuer = values["iss"]
  if (options?.state !== undefined && state !== options.state) return { _tag: "Rejected", reason: "StateMismatch" }
  if (options?.issuer !== undefined && issuer !== options.issuer) return { _tag: "Rejected", reason: "IssuerMismatch" }
  if (values["error"] === undefined && hasResult(values)) return { _tag: "Success", params: values }
  const error = redirectError(redirectDialect, values, { status: 302, headers: noHeaders, body: href })
  return { _tag: "Failure", error: error as Family.OAuthRedirect, state, issuer }
}

const noHeaders: Readonly<Record<string, string>> = Object.freeze({})

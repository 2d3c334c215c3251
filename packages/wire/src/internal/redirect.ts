import { ApiError } from "@faultline/errors"
import type * as Dialect from "../Dialect.ts"

/**
 * The parameters of an authorization response at the redirection URI, first
 * value of each name (RFC 6749 §4.1.2, §4.2.2; OpenID Connect Core 1.0
 * §3.1.2.5), from the query or the fragment; `undefined` for a URL that
 * cannot be parsed.
 *
 * @internal
 */
export const redirectParams = (
  location: string,
  base: string | undefined,
  mode: "query" | "fragment" | "either"
): Record<string, string> | undefined => {
  if (!URL.canParse(location, base ?? fallbackBase)) return undefined
  const url = new URL(location, base ?? fallbackBase)
  if (mode === "fragment") return firstValues(new URLSearchParams(url.hash.slice(1)))
  const query = firstValues(url.searchParams)
  // the code flow answers in the query, the implicit and hybrid flows in the fragment (RFC 6749 §4.2.2.1)
  if (mode === "query" || isAuthorizationResponse(query) || url.hash.length <= 1) return query
  return firstValues(new URLSearchParams(url.hash.slice(1)))
}

const fallbackBase = "http://localhost/"

/**
 * Parameters by name, first value of each, as own members (`__proto__` too).
 *
 * @internal
 */
export const firstValues = (params: URLSearchParams): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [name, value] of params) {
    if (!Object.hasOwn(out, name)) {
      Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true })
    }
  }
  return out
}

/**
 * Whether parameters are an authorization response's: an `error`, a result,
 * or the `state` and `iss` an authorization server echoes (RFC 6749
 * §4.1.2, RFC 9207 §2).
 *
 * @internal
 */
export const isAuthorizationResponse = (params: Readonly<Record<string, string>>): boolean =>
  params["error"] !== undefined || params["state"] !== undefined || params["iss"] !== undefined ||
  hasResult(params)

/**
 * Whether an authorization response carries a result: a `code` (RFC 6749
 * §4.1.2), tokens (§4.2.2; OpenID Connect Core §3.2.2.5) or a signed
 * `response` (JARM).
 *
 * @internal
 */
export const hasResult = (params: Readonly<Record<string, string>>): boolean =>
  params["code"] !== undefined || params["access_token"] !== undefined || params["id_token"] !== undefined ||
  params["response"] !== undefined

/**
 * The error of an authorization response: its `error`, read in the redirect
 * dialect, or, when it has neither an error nor a result, the server's
 * failure to give one (`InternalError`, what `server_error` means).
 *
 * @internal
 */
export const redirectError = (
  dialect: Dialect.Any,
  params: Readonly<Record<string, string>>,
  response: ApiError.ResponseSnapshot
): ApiError.ApiError => {
  if (params["error"] === undefined) {
    return ApiError.makeUnsafe(ApiError.InternalError, {
      _tag: "InternalError",
      message: "The authorization response carries neither a result nor an error",
      status: 500
    }, response)
  }
  // `state` and `iss` are the response's, not the error's
  const { iss: _iss, state: _state, ...members } = params
  return dialect.decodeParsed({
    status: response.status,
    headers: response.headers,
    text: response.body,
    json: members
  })
}

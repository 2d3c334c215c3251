/**
 * Route families: which dialect each part of an API speaks. One table, read
 * by the server middleware for every failure — handler errors, the router's
 * own 404 and 405, body-parse errors and defects alike.
 *
 * @since 0.1.0
 */
import type { ApiError } from "@faultline/errors"
import type { Dialect } from "@faultline/wire"
import { Problem } from "@faultline/wire"
import type { ByteSize } from "effect"
import { FindMyWay } from "effect/http"
import Negotiator from "negotiator"
import { decodablePath, pathOnly } from "./internal/path.ts"

/**
 * A family of routes that share a dialect.
 *
 * @category models
 * @since 0.1.0
 */
export interface Family {
  readonly name: string
  /** Path patterns: exact (`/api/v2/me`), with parameters (`/api/v2/apps/:id`) or a trailing `*` (`/.well-known/*`). */
  readonly paths: ReadonlyArray<string>
  readonly dialect: Dialect.Dialect<string, ApiError.ApiError>
  /** Whether a client sending `Accept: application/problem+json` gets RFC 9457 instead. Default `false`. */
  readonly problem?: boolean | undefined
  /** The problem dialect used when negotiated. Default `Problem.dialect`. */
  readonly problemDialect?: Dialect.Dialect<string, ApiError.ApiError> | undefined
  /** The scheme and realm of this family's challenges (401, and protected 400/403). */
  readonly challenge?: Dialect.EncodeOptions["challenge"]
  /**
   * Request body media types the family accepts; a request with a body of
   * another type gets 415 with `Accept` (RFC 9110 §15.5.16). Default:
   * `application/json` and any `+json` type.
   */
  readonly accept?: ReadonlyArray<string> | undefined
  /**
   * The largest request body the family's routes read, counted as it streams
   * in: past it, the read stops and the request gets 413 (RFC 9110 §15.5.14).
   * Default: the server's (`ServerErrors.Options.maxBodySize`, 1 MiB).
   */
  readonly maxBodySize?: ByteSize.Input | undefined
}

/**
 * The families of a server, in order, and the one for paths none matches.
 *
 * @category models
 * @since 0.1.0
 */
export interface Table {
  readonly families: ReadonlyArray<Family>
  readonly fallback: Family
  /**
   * The family of a request path (the query is ignored). A path whose
   * percent-escapes do not decode (`/oauth/%`) keeps the family of its
   * prefix.
   */
  readonly match: (path: string) => Family
}

/**
 * Builds the table. The first family whose pattern matches wins; `fallback`
 * speaks for every other path (a router 404 on `/nowhere` included).
 *
 * @example
 * ```ts
 * import { RouteFamily } from "@faultline/platform-http"
 * import { Envelope, OAuth } from "@faultline/wire"
 *
 * // seed 000: which route family failed decides the format
 * const families = RouteFamily.table([
 *   { name: "oauth", paths: ["/.well-known/*", "/oauth/*"], dialect: OAuth.dialect },
 *   { name: "resource", paths: ["/api/v2/me", "/api/v2/apps/*"], dialect: Envelope.dialect, problem: true }
 * ], { fallback: "resource" })
 * families.match("/api/v2/apps/app_1").name // "resource"
 * ```
 *
 * @see seed 000 "First Question: Which Route Family Failed?"
 * @category constructors
 * @since 0.1.0
 */
export const table = (
  families: ReadonlyArray<Family>,
  options?: { readonly fallback?: string | Family | undefined }
): Table => {
  const router = FindMyWay.make<Family>({ ignoreTrailingSlash: true, ignoreDuplicateSlashes: true })
  for (const family of families) {
    for (const path of family.paths) {
      router.all(path as FindMyWay.PathInput, family)
      // `/apps/*` also covers `/apps` itself
      if (path.endsWith("/*")) router.all(path.slice(0, -2) as FindMyWay.PathInput, family)
    }
  }
  const fallback = typeof options?.fallback === "object"
    ? options.fallback
    : families.find((family) => family.name === options?.fallback) ?? families[0]
  if (fallback === undefined) throw new Error("RouteFamily.table needs at least one family")
  return {
    families,
    fallback,
    match: (path) => router.find("GET", decodablePath(pathOnly(path)))?.handler ?? fallback
  }
}

/**
 * The dialect to answer a request of this family in, by the request's
 * `Accept` (RFC 9110 §12.5.1): RFC 9457 when the family allows it and the
 * client prefers `application/problem+json` to the family's own media type by
 * its q-values; the family's own dialect otherwise — with no `Accept`, when
 * neither is acceptable (a server may then disregard the field), and when
 * `q=0` refuses problem details.
 *
 * The negotiation is `negotiator`'s (the `jshttp` package behind Express and
 * Koa): q-values, specificity and wildcards by the RFC, in plain JavaScript
 * that runs on any runtime.
 *
 * @see RFC 9110 §12.5.1, RFC 9457 §3
 * @category models
 * @since 0.1.0
 */
export const dialectFor = (family: Family, accept: string | undefined): Dialect.Dialect<string, ApiError.ApiError> => {
  if (family.problem !== true || accept === undefined) return family.dialect
  let chosen = negotiated.get(family)?.get(accept)
  if (chosen === undefined) {
    const problem = family.problemDialect ?? (Problem.dialect as Dialect.Dialect<string, ApiError.ApiError>)
    // the family's own type first: among equals, the negotiator keeps the order of what is offered
    const preferred = new Negotiator({ headers: { accept } }).mediaType([
      family.dialect.contentType,
      problem.contentType
    ])
    chosen = preferred === problem.contentType && preferred !== family.dialect.contentType ? problem : family.dialect
    remember(family, accept, chosen)
  }
  return chosen
}

/**
 * Whether the format of this family's error responses depends on the
 * request's `Accept`, so that they must say `Vary: Accept` (RFC 9110 §12.5.5).
 *
 * @category models
 * @since 0.1.0
 */
export const negotiates = (family: Family): boolean => family.problem === true

// Clients send few distinct `Accept` values, and parsing one is most of the cost of negotiating: the choice is kept
// per family and value, in a map bounded so that a client sending a new value with each request cannot grow it.
const negotiated = new WeakMap<Family, Map<string, Dialect.Dialect<string, ApiError.ApiError>>>()
const maxRemembered = 64

const remember = (family: Family, accept: string, dialect: Dialect.Dialect<string, ApiError.ApiError>): void => {
  let choices = negotiated.get(family)
  if (choices === undefined) negotiated.set(family, choices = new Map())
  if (choices.size >= maxRemembered) choices.clear()
  choices.set(accept, dialect)
}

/**
 * Whether a request's `Content-Type` is one the family accepts (media type
 * only, parameters and case ignored).
 *
 * @category models
 * @since 0.1.0
 */
export const accepts = (family: Family, contentType: string): boolean => {
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase()
  if (family.accept === undefined) return mediaType === "application/json" || mediaType.endsWith("+json")
  return family.accept.some((accepted) => accepted.toLowerCase() === mediaType)
}

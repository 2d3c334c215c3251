/**
 * Every documented HTTP API error as a typed Effect error, and the catalog of their codes.
 *
 * @since 0.1.0
 */

/**
 * The error classes, one per meaning, with their HTTP facts.
 *
 * @since 0.1.0
 */
export * as ApiError from "./ApiError.ts"

/**
 * The table of every documented (dialect, code, status).
 *
 * @since 0.1.0
 */
export * as Catalog from "./Catalog.ts"

/**
 * The model of a `WWW-Authenticate` challenge.
 *
 * @since 0.1.0
 */
export * as Challenge from "./Challenge.ts"

/**
 * The errors each dialect can give, as types and schemas.
 *
 * @since 0.1.0
 */
export * as Family from "./Family.ts"

/**
 * A field that failed validation.
 *
 * @since 0.1.0
 */
export * as FieldIssue from "./FieldIssue.ts"

/**
 * Helpers the wire tests share: the dialects by name, and equality of typed
 * errors as their JSON encoding (what crosses the wire).
 */
import { ApiError, Family } from "@faultline/errors"
import { CodeDescription, Dialect, Envelope, Flat, MessageDescription, Nested, OAuth, Problem } from "@faultline/wire"
import { Schema } from "effect"

export const jsonDialects: ReadonlyArray<Dialect.Dialect<string, ApiError.ApiError>> = [
  OAuth.dialect,
  Envelope.dialect,
  Flat.dialect,
  MessageDescription.dialect,
  Nested.dialect,
  CodeDescription.dialect,
  Problem.dialect
] as any

const anyJson = Schema.toCodecJson(Family.Any)
const encodeJson = Schema.encodeSync(anyJson)

/** A typed error as JSON text, `_tag` and every field: two errors are equal when these are. */
export const asJson = (error: unknown): string => JSON.stringify(encodeJson(error as Family.Any))

/** The error's own fields as a plain object, for readable assertions. */
export const fieldsOf = (error: unknown): Record<string, unknown> => JSON.parse(asJson(error))

export const isTyped = (u: unknown): boolean => ApiError.isApiError(u)

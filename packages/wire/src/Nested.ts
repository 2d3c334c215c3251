/**
 * Seed 003's nested form: `{"error":{"code","path","status","message","check"}}`,
 * where `code` is the path of the property that failed or a default message,
 * and several errors at once as `{"error":{"code":"multiple","status":422,"inner":[…]}}`.
 *
 * @since 0.1.0
 */
import { ApiError, type Family, type FieldIssue } from "@faultline/errors"
import { Schema } from "effect"
import * as Dialect from "./Dialect.ts"
import { addMembers, isObject, otherMembers } from "./internal/json.ts"
import { makeTable } from "./internal/table.ts"

const table = makeTable("nested")
const known = new Set(["code", "path", "status", "message", "check", "inner"])

/**
 * One error object, as the seed documents its properties.
 *
 * @see seed 003 "The format of the error response"
 * @category schemas
 * @since 0.1.0
 */
export const WireError = Schema.Struct({
  code: Schema.String,
  path: Schema.optionalKey(Schema.String),
  status: Schema.Number,
  message: Schema.String,
  check: Schema.optionalKey(Schema.String)
})

/**
 * The wire form: one error, or an aggregate with `inner`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Wire = Schema.Struct({
  error: Schema.Struct({
    ...WireError.fields,
    message: Schema.optionalKey(Schema.String),
    inner: Schema.optionalKey(Schema.Array(WireError))
  })
})

/**
 * A member by name, tolerating the stray whitespace real documents carry
 * (seed 003's own example has `" message"`).
 */
const member = (object: { readonly [key: string]: Schema.Json }, name: string): Schema.Json | undefined => {
  if (Object.hasOwn(object, name)) return object[name]
  for (const key of Object.keys(object)) if (key.trim() === name) return object[key]
  return undefined
}

const readSingle = (object: { readonly [key: string]: Schema.Json }, outerStatus: number) => {
  const code = member(object, "code")
  const status = member(object, "status")
  const message = member(object, "message")
  const path = member(object, "path")
  const check = member(object, "check")
  const reading: Dialect.Reading = {
    code: typeof code === "string" ? code : typeof code === "number" ? String(code) : "",
    message: typeof message === "string" ? message : undefined,
    path: typeof path === "string" ? path : undefined,
    check: typeof check === "string" ? check : undefined,
    extensions: otherMembers(object, known, true)
  }
  return { reading, status: typeof status === "number" && Number.isInteger(status) ? status : outerStatus }
}

/**
 * The nested dialect.
 *
 * - A code the table does not name is the property path, and the class is
 *   the one the table gives the status (`{"code":"userId","status":404}` is a
 *   `NotFound` with `path: "userId"`); the HTTP status decides, a `status`
 *   member that disagrees is kept in `extensions`.
 * - `multiple` decodes to `MultipleErrors`, whose status follows
 *   `ApiError.aggregateStatus` — except when every member is a field that
 *   failed validation (status 422 with a path): that is one `ValidationError`
 *   with an issue per member, and a `ValidationError` with several issues is
 *   written that way.
 * - Without a path, a class is written with its default code (`not_found`…).
 *
 * @see seed 003
 * @category models
 * @since 0.1.0
 */
export const dialect: Dialect.Dialect<"nested", Family.Nested> = Dialect.makeJson({
  name: "nested",
  table,
  contentType: "application/json",
  read: (json, status, context) => {
    if (!isObject(json) || !isObject(json.error)) return undefined
    const error = json.error
    const { reading } = readSingle(error, status)
    if (reading.code === "") return undefined
    const inner = member(error, "inner")
    const stated = member(error, "status")
    const extensions = stated !== undefined && stated !== status
      ? { ...reading.extensions, status: stated }
      : reading.extensions
    if (reading.code !== "multiple" || !Array.isArray(inner)) return { ...reading, extensions }
    const members = inner.map((item): ApiError.AggregateMember => {
      if (!isObject(item)) {
        return ApiError.makeUnsafe(ApiError.UnknownError, {
          _tag: "UnknownError",
          code: "",
          status: 422,
          message: ApiError.UnknownError.description,
          dialect: "nested",
          body: item
        })
      }
      const single = readSingle(item, 422)
      return context.build(single.reading, single.status) as ApiError.AggregateMember
    })
    const issues = fieldIssues(members)
    return issues === undefined
      ? { ...reading, extensions, members }
      : { code: "validation_error", message: reading.message, issues, extensions }
  },
  write: (error, selection, message, _requestId, options) => {
    if (error._tag === "MultipleErrors") {
      const aggregate = error as ApiError.MultipleErrors
      return {
        error: {
          ...error.extensions,
          code: "multiple",
          status: aggregate.status,
          ...(message === ApiError.MultipleErrors.description ? {} : { message }),
          inner: aggregate.errors.map((member) =>
            writeSingle(member, Dialect.selectIn(table, member, lastResort), Dialect.publicMessage(member, options))
          )
        }
      }
    }
    const issues = (error as { readonly issues?: ReadonlyArray<FieldIssue.FieldIssue> }).issues
    if (issues !== undefined && issues.length > 1) {
      return {
        error: {
          ...error.extensions,
          code: "multiple",
          status: 422,
          ...(message === ApiError.ValidationError.description ? {} : { message }),
          inner: issues.map((issue) => ({
            code: issue.path === "" ? "validation_error" : issue.path,
            path: issue.path,
            status: 422,
            message: issue.message,
            ...checkOf(issue)
          }))
        }
      }
    }
    return { error: writeSingle(error, selection, message) }
  },
  lastResort,
  wireSchema: (code) => Schema.Struct({ error: Wire.fields.error.mapFields((fields) => ({ ...fields, code })) })
})

function lastResort(status: number) {
  return status >= 500 ? internalError : badRequest
}

const badRequest = table.byCode.get("bad_request")!
const internalError = table.byCode.get("internal_error")!

const checkOf = (issue: FieldIssue.FieldIssue) => issue.check === undefined ? {} : { check: issue.check }

/** One error object; a `ValidationError` of one issue is that field's error. */
const writeSingle = (error: ApiError.ApiError, selection: Dialect.Selection, message: string | undefined) => {
  const issues = (error as { readonly issues?: ReadonlyArray<FieldIssue.FieldIssue> }).issues
  if (issues !== undefined && issues.length === 1) {
    const issue = issues[0]!
    // a field with no path still needs a code: the default one, its empty path beside it
    const code = issue.path === "" ? "validation_error" : issue.path
    return { ...single(error, code, 422, message), path: issue.path, ...checkOf(issue) }
  }
  return single(error, selection.code, selection.status, message)
}

const single = (error: ApiError.ApiError, code: string, status: number, message: string | undefined) => {
  const path = (error as { readonly path?: string }).path
  const body: Record<string, unknown> = { code }
  if (path !== undefined) body.path = path
  body.status = status
  if (message !== undefined) body.message = message
  addMembers(body, error.extensions, noMembers)
  return body
}

const noMembers: ReadonlySet<string> = new Set()

/** Every member a single-field validation failure: their issues, else `undefined`. */
const fieldIssues = (
  members: ReadonlyArray<ApiError.AggregateMember>
): Array<FieldIssue.FieldIssue> | undefined => {
  if (members.length === 0) return undefined
  const issues: Array<FieldIssue.FieldIssue> = []
  for (const member of members) {
    if (member._tag !== "ValidationError" || member.issues.length !== 1) return undefined
    issues.push(member.issues[0]!)
  }
  return issues
}

/**
 * Writes an error in seed 003's form.
 *
 * @category encoding
 * @since 0.1.0
 */
export const encode = dialect.encode

/**
 * Reads a seed 003 response: total, see `Dialect.Dialect.decode`.
 *
 * @category decoding
 * @since 0.1.0
 */
export const decode = dialect.decode

import type { FieldIssue } from "@faultline/errors"
import type { Schema } from "effect"
import { isObject } from "./json.ts"

/**
 * Reads field issues out of a `details` value, in the forms APIs send them:
 * seed 002's map of field to message (`{"email": "Please enter a valid email
 * address"}`), or a list of `{path | field | name | pointer, message | detail,
 * check?}` (RFC 9457's `errors` example, Effect's `BadRequestProblem`). A path
 * given as a list of segments is joined with `.`. `undefined` when the value
 * is neither.
 *
 * @internal
 */
export const issuesFromDetails = (details: Schema.Json | undefined): Array<FieldIssue.FieldIssue> | undefined => {
  if (Array.isArray(details)) {
    const issues: Array<FieldIssue.FieldIssue> = []
    for (const item of details) {
      if (!isObject(item)) return undefined
      const path = pathOf(item["path"] ?? item["field"] ?? item["name"] ?? item["pointer"])
      const message = item["message"] ?? item["detail"]
      if (path === undefined || typeof message !== "string") return undefined
      const check = item["check"]
      issues.push(typeof check === "string" ? { path, message, check } : { path, message })
    }
    return issues
  }
  if (isObject(details)) {
    const issues: Array<FieldIssue.FieldIssue> = []
    for (const key of Object.keys(details)) {
      const message = details[key]
      if (typeof message !== "string") return undefined
      issues.push({ path: key, message })
    }
    return issues
  }
  return undefined
}

const pathOf = (value: Schema.Json | undefined): string | undefined => {
  if (typeof value === "string") return value
  if (Array.isArray(value) && value.every((segment) => typeof segment === "string" || typeof segment === "number")) {
    return value.join(".")
  }
  return undefined
}

/**
 * Writes field issues as a list of `{path, message, check?}`.
 *
 * @internal
 */
export const issuesToList = (issues: ReadonlyArray<FieldIssue.FieldIssue>): Array<Record<string, string>> =>
  issues.map((issue) =>
    issue.check === undefined
      ? { path: issue.path, message: issue.message }
      : { path: issue.path, message: issue.message, check: issue.check }
  )

/**
 * Writes field issues as seed 002's map of field to message. A field that
 * failed twice keeps its first message.
 *
 * @internal
 */
export const issuesToMap = (issues: ReadonlyArray<FieldIssue.FieldIssue>): Record<string, string> => {
  const map: Record<string, string> = {}
  for (const issue of issues) {
    if (Object.hasOwn(map, issue.path)) continue
    // assigned, which is fast, except `__proto__`: defined, so it stays a member
    if (issue.path === "__proto__") {
      Object.defineProperty(map, issue.path, {
        value: issue.message,
        enumerable: true,
        writable: true,
        configurable: true
      })
    } else map[issue.path] = issue.message
  }
  return map
}

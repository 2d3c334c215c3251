import type { FieldIssue } from "@faultline/errors"
import { SchemaIssue } from "effect"

/**
 * The most field issues a validation error reports. A body of a few hundred
 * kilobytes can fail a schema in hundreds of thousands of places (one per
 * element of a long array); the response names the first ones and says how
 * many there were.
 *
 * @internal
 */
export const maxIssues = 100

/** The longest path or message of a field issue: a message may quote the input, which the client chose. */
const maxText = 256

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1()

/**
 * The field issues of a schema failure, at most `limit` of them, formatted as
 * Effect's Standard Schema formatter does, and how many there were in all.
 *
 * Formatting is most of the cost (a message per leaf, each quoting its input),
 * so the tree is first cut to its first `limit` leaves and only those are
 * formatted; counting the rest is a walk.
 *
 * @internal
 */
export const boundedIssues = (
  issue: SchemaIssue.Issue,
  slot: string | undefined,
  limit = maxIssues
): { readonly issues: Array<FieldIssue.FieldIssue>; readonly total: number } => {
  const total = countLeaves(issue)
  const kept = total > limit ? prune(issue, limit).issue : issue
  const issues = formatIssues(kept).issues.slice(0, limit).map((failure) => {
    const path = pathOf(failure.path)
    return {
      path: cut(slot === undefined ? path : path.length === 0 ? slot : `${slot}.${path}`),
      message: cut(failure.message)
    }
  })
  return { issues, total }
}

const cut = (text: string): string => text.length > maxText ? `${text.slice(0, maxText - 1)}…` : text

const pathOf = (segments: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined): string =>
  (segments ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".")

/** The issues the formatter gives for a tree: one per leaf, as `makeFormatterStandardSchemaV1` flattens it. */
const countLeaves = (issue: SchemaIssue.Issue): number => {
  switch (issue._tag) {
    case "Filter":
    case "Encoding":
    case "Pointer":
      return countLeaves(issue.issue)
    case "Composite":
    case "AnyOf": {
      if (issue._tag === "AnyOf" && issue.issues.length === 0) return 1
      let count = 0
      for (const child of issue.issues) count += countLeaves(child)
      return count
    }
    default:
      return 1
  }
}

/** The tree with only its first `budget` leaves: nodes are copied with fewer children, never changed. */
const prune = (
  issue: SchemaIssue.Issue,
  budget: number
): { readonly issue: SchemaIssue.Issue; readonly count: number } => {
  switch (issue._tag) {
    case "Filter":
    case "Encoding":
    case "Pointer": {
      const inner = prune(issue.issue, budget)
      return { issue: copy(issue, { issue: inner.issue }), count: inner.count }
    }
    case "Composite":
    case "AnyOf": {
      if (issue._tag === "AnyOf" && issue.issues.length === 0) return { issue, count: 1 }
      const children: Array<SchemaIssue.Issue> = []
      let count = 0
      for (const child of issue.issues) {
        if (count >= budget) break
        const pruned = prune(child, budget - count)
        children.push(pruned.issue)
        count += pruned.count
      }
      return { issue: copy(issue, { issues: children }), count }
    }
    default:
      return { issue, count: 1 }
  }
}

const copy = <I extends SchemaIssue.Issue>(issue: I, fields: Partial<Record<"issue" | "issues", unknown>>): I =>
  Object.assign(Object.create(Object.getPrototypeOf(issue)), issue, fields)

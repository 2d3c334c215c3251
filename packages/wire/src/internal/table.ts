import { type ApiError, Catalog } from "@faultline/errors"

/**
 * A dialect's slice of the catalog, indexed for O(1) decoding and encoding
 * whatever the number of codes.
 *
 * @internal
 */
export interface Table {
  readonly dialect: Catalog.Dialect
  /** `code status` → entry, for codes whose meaning depends on the status (LIMIT_EXCEEDED at 400 and 403). */
  readonly byCodeAndStatus: ReadonlyMap<string, Catalog.Entry>
  /** code → its first entry, when the status is one the table does not pair with it. */
  readonly byCode: ReadonlyMap<string, Catalog.Entry>
  readonly resourceTemplates: ReadonlyArray<Catalog.Entry>
  /** status → the path template entry (seed 003). */
  readonly pathByStatus: ReadonlyMap<number, Catalog.Entry>
  readonly byTag: ReadonlyMap<string, ReadonlyArray<Catalog.Entry>>
}

/**
 * What a wire code means in a dialect: its entry, and the resource or path a
 * template read out of it.
 *
 * @internal
 */
export interface Resolved {
  readonly entry: Catalog.Entry
  readonly resource?: string | undefined
}

/**
 * Builds a table from the catalog entries of a dialect that `include` keeps.
 *
 * @internal
 */
export const makeTable = (
  dialect: Catalog.Dialect,
  include: (entry: Catalog.Entry) => boolean = () => true
): Table => {
  const byCodeAndStatus = new Map<string, Catalog.Entry>()
  const byCode = new Map<string, Catalog.Entry>()
  const resourceTemplates: Array<Catalog.Entry> = []
  const pathByStatus = new Map<number, Catalog.Entry>()
  const byTag = new Map<string, Array<Catalog.Entry>>()
  for (const entry of Catalog.entriesOf(dialect)) {
    if (!include(entry)) continue
    const list = byTag.get(entry.tag) ?? []
    list.push(entry)
    byTag.set(entry.tag, list)
    if (entry.template === "resource") resourceTemplates.push(entry)
    else if (entry.template === "path") pathByStatus.set(entry.status, entry)
    else {
      byCodeAndStatus.set(`${entry.code} ${entry.status}`, entry)
      if (!byCode.has(entry.code)) byCode.set(entry.code, entry)
    }
  }
  return { dialect, byCodeAndStatus, byCode, resourceTemplates, pathByStatus, byTag }
}

/**
 * What a code sent with a status means: the entry for that pair, else the
 * code's first entry, else a resource template it fits; `undefined` for a
 * code the table does not know.
 *
 * @internal
 */
export const resolve = (table: Table, code: string, status: number): Resolved | undefined => {
  const entry = table.byCodeAndStatus.get(`${code} ${status}`) ?? table.byCode.get(code)
  if (entry !== undefined) return entry.resource === undefined ? { entry } : { entry, resource: entry.resource }
  for (const template of table.resourceTemplates) {
    const resource = Catalog.matchTemplate(template, code)
    if (resource !== undefined) return { entry: template, resource }
  }
  return undefined
}

/**
 * The code and status to send an error with.
 *
 * @internal
 */
export interface Selection {
  readonly code: string
  readonly status: number
  readonly entry: Catalog.Entry | undefined
}

/**
 * The generic class of a status (see `Catalog.genericTagOf`).
 *
 * @internal
 */
export const genericTagOf = Catalog.genericTagOf

/**
 * Chooses the entry an error is sent with. In order:
 *
 * 1. an entry for the error's own class — the one naming its resource (or a
 *    template that can write it), at its status when the class has several;
 * 2. the entry of the generic class of its status (a `TokenExpired` goes as
 *    the dialect's 401, a `UserSuspended` as its 403);
 * 3. the entry of the generic class of its status class (`x00`);
 * 4. the dialect's last resort for 4xx or 5xx.
 *
 * Steps 2 to 4 lose the class's specifics; that is the documented fallback
 * for translating between dialects.
 *
 * @internal
 */
export const select = (
  table: Table,
  error: ApiError.ApiError,
  lastResort: (status: number) => Catalog.Entry
): Selection => {
  const own = pick(table, table.byTag.get(error._tag), error)
  if (own !== undefined) return own
  const status = statusOf(error)
  for (const tag of [genericTagOf(status), genericTagOf(status >= 500 ? 500 : 400)]) {
    if (tag === undefined) continue
    const generic = pick(table, table.byTag.get(tag), error)
    if (generic !== undefined) return generic
  }
  const entry = lastResort(status)
  return { code: entry.code, status: entry.status, entry }
}

const statusOf = (error: ApiError.ApiError): number =>
  typeof error.status === "number" && error.status >= 400 && error.status <= 599 ? error.status : 500

const pick = (
  table: Table,
  candidates: ReadonlyArray<Catalog.Entry> | undefined,
  error: ApiError.ApiError
): Selection | undefined => {
  if (candidates === undefined) return undefined
  const resource = (error as { readonly resource?: string }).resource
  const path = (error as { readonly path?: string }).path
  let best: Selection | undefined
  let bestScore = -1
  for (const entry of candidates) {
    let code: string | undefined
    let score = 0
    if (entry.template === "path") {
      if (path === undefined || path.length === 0) continue
      code = path
      score = 4
    } else if (entry.template === "resource") {
      if (resource === undefined) continue
      code = Catalog.fillTemplate(entry, resource)
      // a template must not write a code the table gives another meaning
      const taken = table.byCode.get(code)
      if (taken !== undefined && (taken.tag !== entry.tag || taken.resource !== resource)) continue
      score = 2
    } else {
      code = entry.code
      if (entry.resource !== undefined) {
        if (entry.resource !== resource) continue
        score = 3
      } else {
        score = resource === undefined ? 2 : 1
      }
    }
    if (entry.status === error.status) score += 0.5
    if (score > bestScore) {
      best = { code, status: entry.status, entry }
      bestScore = score
    }
  }
  return best
}

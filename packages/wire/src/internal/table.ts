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
  /** The codes sent with more than one status. */
  readonly multiStatus: ReadonlySet<string>
  /** code → status → entry, for those codes. */
  readonly statusesByCode: ReadonlyMap<string, ReadonlyMap<number, Catalog.Entry>>
  readonly resourceTemplates: ReadonlyArray<Catalog.Entry>
  /** status → the path template entry (seed 003). */
  readonly pathByStatus: ReadonlyMap<number, Catalog.Entry>
  readonly byTag: ReadonlyMap<string, ReadonlyArray<Catalog.Entry>>
  readonly tags: ReadonlyMap<string, TagIndex>
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
): Table => makeTableFrom(dialect, Catalog.entriesOf(dialect).filter(include))

/**
 * Builds a table from entries.
 *
 * @internal
 */
export const makeTableFrom = (dialect: Catalog.Dialect, entries: ReadonlyArray<Catalog.Entry>): Table => {
  const byCodeAndStatus = new Map<string, Catalog.Entry>()
  const byCode = new Map<string, Catalog.Entry>()
  const multiStatus = new Set<string>()
  const statusesByCode = new Map<string, Map<number, Catalog.Entry>>()
  const resourceTemplates: Array<Catalog.Entry> = []
  const pathByStatus = new Map<number, Catalog.Entry>()
  const byTag = new Map<string, Array<Catalog.Entry>>()
  const tags = new Map<string, TagIndex>()
  for (const entry of entries) {
    const list = byTag.get(entry.tag) ?? []
    list.push(entry)
    byTag.set(entry.tag, list)
    let index = tags.get(entry.tag)
    if (index === undefined) {
      index = { plain: [], byResource: new Map(), templates: [], paths: [] }
      tags.set(entry.tag, index)
    }
    if (entry.template === "resource") {
      resourceTemplates.push(entry)
      index.templates.push(entry)
    } else if (entry.template === "path") {
      pathByStatus.set(entry.status, entry)
      index.paths.push(entry)
    } else {
      byCodeAndStatus.set(`${entry.code} ${entry.status}`, entry)
      if (byCode.has(entry.code)) multiStatus.add(entry.code)
      else byCode.set(entry.code, entry)
      const statuses = statusesByCode.get(entry.code) ?? new Map<number, Catalog.Entry>()
      if (!statuses.has(entry.status)) statuses.set(entry.status, entry)
      statusesByCode.set(entry.code, statuses)
      const selection = { code: entry.code, status: entry.status, entry }
      if (entry.resource === undefined) index.plain.push(selection)
      else if (!index.byResource.has(entry.resource)) index.byResource.set(entry.resource, selection)
    }
  }
  return {
    dialect,
    byCodeAndStatus,
    byCode,
    multiStatus,
    statusesByCode,
    resourceTemplates,
    pathByStatus,
    byTag,
    tags
  }
}

/**
 * The entries of one class in a table, indexed so that choosing the code to
 * send costs the same whatever the number of codes.
 *
 * @internal
 */
export interface TagIndex {
  /** Concrete codes that name no resource, as ready selections. */
  readonly plain: Array<Selection>
  /** Concrete codes that name a resource (`user_not_found`), by resource. */
  readonly byResource: Map<string, Selection>
  readonly templates: Array<Catalog.Entry>
  readonly paths: Array<Catalog.Entry>
}

/**
 * What a code sent with a status means: the entry for that pair, else the
 * code's first entry, else a resource template it fits; `undefined` for a
 * code the table does not know.
 *
 * @internal
 */
export const resolve = (table: Table, code: string, status: number): Resolved | undefined => {
  const first = table.byCode.get(code)
  // most codes have one status: only a code with several (LIMIT_EXCEEDED) needs the pair
  const entry = first === undefined || !table.multiStatus.has(code)
    ? first
    : table.statusesByCode.get(code)?.get(status) ?? first
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
  const own = pick(table, error._tag, error)
  if (own !== undefined) return own
  const status = statusOf(error)
  const generic = genericTagOf(status)
  const atStatus = generic === undefined ? undefined : pick(table, generic, error)
  if (atStatus !== undefined) return atStatus
  const ofClass = genericTagOf(status >= 500 ? 500 : 400)
  const atClass = ofClass === undefined ? undefined : pick(table, ofClass, error)
  if (atClass !== undefined) return atClass
  const entry = lastResort(status)
  return { code: entry.code, status: entry.status, entry }
}

const statusOf = (error: ApiError.ApiError): number =>
  typeof error.status === "number" && error.status >= 400 && error.status <= 599 ? error.status : 500

/**
 * A class's code for an error, best first: the property path (seed 003); the
 * code naming its resource; a template that can write its resource, unless
 * that spells a code the table gives another meaning; a plain code — at the
 * error's status when the class has codes at several.
 */
const pick = (table: Table, tag: string, error: ApiError.ApiError): Selection | undefined => {
  const index = table.tags.get(tag)
  if (index === undefined) return undefined
  const path = (error as { readonly path?: string }).path
  if (path !== undefined && path.length > 0 && index.paths.length > 0) {
    const entry = index.paths.find((candidate) => candidate.status === error.status) ?? index.paths[0]!
    return { code: path, status: entry.status, entry }
  }
  const resource = (error as { readonly resource?: string }).resource
  if (resource !== undefined) {
    const named = index.byResource.get(resource)
    if (named !== undefined) return named
    for (const template of index.templates) {
      const code = Catalog.fillTemplate(template, resource)
      const taken = table.byCode.get(code)
      if (taken === undefined || (taken.tag === template.tag && taken.resource === resource)) {
        return { code, status: template.status, entry: template }
      }
    }
  }
  const plain = index.plain
  if (plain.length === 0) return undefined
  if (plain.length === 1) return plain[0]
  return plain.find((selection) => selection.status === error.status) ?? plain[0]
}

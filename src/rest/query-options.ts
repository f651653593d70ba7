// OData query options as Graph's clients send them: `$select` narrows an
// answer to the listed properties (plus `id`); every other option is refused
// by name, since answering it by ignoring it would hand a script a wrong
// result it cannot tell from a right one. On /beta Graph lets the `$` be
// left out, so `select=` there means `$select=`.
import { RestError } from './graph-error.ts'
import type { Version } from './routes.ts'

const SUPPORTED = new Set(['select'])
/** Options Graph knows: refused by name on /beta even without their `$`. */
const KNOWN = new Set(['select', 'top', 'skip', 'filter', 'count', 'expand', 'orderby', 'search', 'format', 'skiptoken', 'apply', 'compute'])

export interface QueryOptions {
  /** The property names `$select` lists, as sent; absent without `$select`. */
  readonly select?: readonly string[]
}

/** The option a query parameter is, or undefined for a parameter that is none (ignored, as Graph does). */
function optionOf(key: string, version: Version): string | undefined {
  const lower = key.toLowerCase()
  if (lower.startsWith('$')) return lower.slice(1)
  return version === 'beta' && KNOWN.has(lower) ? lower : undefined
}

export function queryOptionsOf(url: URL, version: Version): QueryOptions {
  const refused = new Set<string>()
  let select: string[] | undefined
  for (const [key, value] of url.searchParams) {
    const option = optionOf(key, version)
    if (option === undefined) continue
    if (!SUPPORTED.has(option)) {
      refused.add(key)
      continue
    }
    select = [...(select ?? []), ...value.split(',').map((name) => name.trim()).filter(Boolean)]
  }
  if (refused.size > 0) {
    throw new RestError(400, 'BAD_REQUEST', `OData query options other than $select are not supported: ${[...refused].join(', ')}`)
  }
  return select === undefined ? {} : { select }
}

/** What a resource answers, for `$select`: its type's name (for messages) and its properties. */
export interface ResourceShape {
  readonly type: string
  readonly properties: readonly string[]
}

/**
 * The properties `$select` asks of a resource, in the resource's spelling
 * (matched case-insensitively, like Graph), or undefined for all of them
 * (no `$select`, or `*`). An unknown name is the client's mistake.
 */
export function selectedProperties(select: readonly string[] | undefined, shape: ResourceShape): readonly string[] | undefined {
  if (select === undefined || select.length === 0 || select.includes('*')) return undefined
  const chosen = new Set<string>()
  for (const name of select) {
    const property = shape.properties.find((candidate) => candidate.toLowerCase() === name.toLowerCase())
    if (!property) {
      const known = shape.properties.join(', ')
      throw new RestError(400, 'BAD_REQUEST', `$select: ${shape.type} has no property "${name}"; it has ${known}`)
    }
    chosen.add(property)
  }
  return [...chosen]
}

/** An entity narrowed to the selected properties; its `id` and `@odata.*` annotations always stay. */
export function projected<T extends Record<string, unknown>>(entity: T, selected: readonly string[] | undefined): Partial<T> {
  if (!selected) return entity
  return Object.fromEntries(Object.entries(entity).filter(([key]) => key === 'id' || key.startsWith('@odata.') || selected.includes(key))) as Partial<T>
}

/** The `@odata.context` path of a selection: `phoneMethods(phoneNumber,phoneType)`, as OData writes it. */
export const selectedPath = (path: string, selected: readonly string[] | undefined) => (selected ? `${path}(${selected.join(',')})` : path)

// The contract guard: breaking and dangerous changes of the schema, compared
// with the last released schema.graphql, must be acknowledged in
// SCHEMA_CHANGES.md. graphql-inspector decides what is breaking or dangerous.
import { CriticalityLevel, diff } from '@graphql-inspector/core'
import { printSchemaWithDirectives } from '@graphql-tools/utils'
import { buildSchema, type GraphQLSchema } from 'graphql'

export type ChangeRisk = 'breaking' | 'dangerous'

export interface RiskyChange {
  /** The schema coordinate, e.g. "Query.user" or "PhoneType.office". */
  path: string
  message: string
  risk: ChangeRisk
}

const RISK_OF: Partial<Record<CriticalityLevel, ChangeRisk>> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
}

/**
 * The changes from `previousSdl` to `current` that can break a client: the
 * breaking ones (a field removed) and the dangerous ones (an enum value added,
 * which a client's exhaustive switch does not handle; a default changed).
 */
export async function riskyChanges(previousSdl: string, current: GraphQLSchema): Promise<RiskyChange[]> {
  // As published: the cost directives are applied in the SDL, while the code's schema holds them in extensions.
  const changes = await diff(buildSchema(previousSdl), buildSchema(printSchemaWithDirectives(current)))
  return changes.flatMap((change) => {
    const risk = RISK_OF[change.criticality.level]
    return risk ? [{ path: change.path ?? '(schema)', message: change.message, risk }] : []
  })
}

/**
 * A change is acknowledged when SCHEMA_CHANGES.md names its path in
 * backquotes (`Query.user`), in an entry that says why it was acceptable.
 */
export function unacknowledged(changes: RiskyChange[], changelog: string): RiskyChange[] {
  const named = new Set([...changelog.matchAll(/`([^`\s]+)`/g)].map((match) => match[1]))
  return changes.filter((change) => !named.has(change.path))
}

// A line of SCHEMA_CHANGES.md, outside its entries: "Released at <commit>".
const RELEASED_AT = /^Released at ([0-9a-f]{7,40})\b/m

/** The commit whose schema.graphql clients have: what schema:check compares with by default. */
export function releasedCommit(changelog: string): string | undefined {
  return RELEASED_AT.exec(changelog)?.[1]
}

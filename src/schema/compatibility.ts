// The contract guard: breaking changes of the schema, compared with an
// earlier schema.graphql, must be acknowledged in SCHEMA_CHANGES.md.
import { CriticalityLevel, diff } from '@graphql-inspector/core'
import { buildSchema, type GraphQLSchema } from 'graphql'

export interface BreakingChange {
  /** The schema coordinate, e.g. "Query.user" or "PhoneType.office". */
  path: string
  message: string
}

/** The breaking changes from `previousSdl` to `current`. */
export async function breakingChanges(previousSdl: string, current: GraphQLSchema): Promise<BreakingChange[]> {
  const changes = await diff(buildSchema(previousSdl), current)
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .map((change) => ({ path: change.path ?? '(schema)', message: change.message }))
}

/**
 * A breaking change is acknowledged when SCHEMA_CHANGES.md names its path in
 * backquotes (`Query.user`), in an entry that says why it was acceptable.
 */
export function unacknowledged(changes: BreakingChange[], changelog: string): BreakingChange[] {
  const named = new Set([...changelog.matchAll(/`([^`\s]+)`/g)].map((match) => match[1]))
  return changes.filter((change) => !named.has(change.path))
}

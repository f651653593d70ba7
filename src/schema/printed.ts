// The SDL as committed in schema.graphql: sorted, so that diffs stay small,
// with the applied cost directives (graphql-js's printer leaves them out).
import { printSchemaWithDirectives } from '@graphql-tools/utils'
import { projectPath } from '../paths.ts'
import { schema } from './index.ts'

export const SCHEMA_FILE = projectPath('schema.graphql')

export function printedSchema(): string {
  return `${printSchemaWithDirectives(schema)}\n`
}

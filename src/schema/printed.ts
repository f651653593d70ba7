// The SDL as committed in schema.graphql: sorted, so that diffs stay small.
import { printSchema } from 'graphql'
import { projectPath } from '../paths.ts'
import { schema } from './index.ts'

export const SCHEMA_FILE = projectPath('schema.graphql')

export function printedSchema(): string {
  return `${printSchema(schema)}\n`
}

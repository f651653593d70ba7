// The SDL as committed in schema.graphql: sorted, so that diffs stay small.
import { fileURLToPath } from 'node:url'
import { printSchema } from 'graphql'
import { schema } from './index.ts'

export const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url))

export function printedSchema(): string {
  return `${printSchema(schema)}\n`
}

// The SDL as committed in schema.graphql: sorted, so that diffs stay small,
// with the applied cost directives (graphql-js's printer leaves them out).
import { printSchemaWithDirectives } from '@graphql-tools/utils'
import { projectPath } from '../paths.ts'
import { schema } from './index.ts'

export const SCHEMA_FILE = projectPath('schema.graphql')

export function printedSchema(): string {
  return `${spacedAsGraphqlJs(printSchemaWithDirectives(schema))}\n`
}

/**
 * graphql-tools' printer puts no blank line between described fields, values
 * and arguments; graphql-js's does (a blank line before each description but
 * the first of its block). Keeping graphql-js's layout keeps the file as
 * clients have always diffed it.
 */
function spacedAsGraphqlJs(sdl: string): string {
  const out: string[] = []
  let inDescription = false
  for (const line of sdl.split('\n')) {
    const text = line.trim()
    const indented = line.startsWith(' ')
    if (!inDescription && indented && text.startsWith('"""')) {
      const previous = out[out.length - 1]?.trimEnd() ?? ''
      if (!previous.endsWith('{') && !previous.endsWith('(')) out.push('')
      inDescription = text === '"""'
    } else if (inDescription && text === '"""') {
      inDescription = false
    }
    out.push(line)
  }
  return out.join('\n')
}

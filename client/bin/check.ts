#!/usr/bin/env node
// phone-methods-check [--schema <file or URL>] [--header "Name: value"] <file or directory>...
// Validates a client's operation files (.graphql, .gql; directories are
// searched) against the gateway's schema: by default the schema this kit was
// built for; --schema names a schema file (SDL or introspection JSON) or a
// gateway URL. Quiet when every operation validates; otherwise one line per
// operation that does not, and exit code 1.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { invalidOperations, loadSchema } from '../check-operations.ts'

const USAGE = 'usage: phone-methods-check [--schema <file or URL>] [--header "Name: value"] <file or directory>...'

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

let parsed
try {
  parsed = parseArgs({ allowPositionals: true, options: { schema: { type: 'string' }, header: { type: 'string', multiple: true } } })
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`)
}
const { values, positionals } = parsed
if (positionals.length === 0) fail(USAGE)

const OPERATION_FILE = /\.(graphql|gql)$/
const operationFiles = (path: string): string[] => {
  if (!statSync(path, { throwIfNoEntry: false })) fail(`phone-methods-check: ${path} does not exist`)
  if (!statSync(path).isDirectory()) return [path]
  return (readdirSync(path, { recursive: true }) as string[])
    .filter((entry) => OPERATION_FILE.test(entry) && !entry.split(/[\\/]/).includes('node_modules'))
    .sort()
    .map((entry) => join(path, entry))
}
const files = positionals.flatMap(operationFiles)
if (files.length === 0) fail(`phone-methods-check: no .graphql or .gql file in ${positionals.join(', ')}: nothing was checked`)

const headers = Object.fromEntries(
  (values.header ?? []).map((header) => {
    const colon = header.indexOf(':')
    if (colon < 1) fail(`phone-methods-check: --header must be "Name: value"`)
    return [header.slice(0, colon).trim(), header.slice(colon + 1).trim()]
  }),
)
const schemaLocation = values.schema ?? new URL('../../schema.graphql', import.meta.url).pathname
let schema
try {
  schema = await loadSchema(schemaLocation, (path) => readFileSync(path, 'utf8'), headers)
} catch (error) {
  fail(`phone-methods-check: could not read the schema ${schemaLocation}: ${(error as Error).message}`)
}

const invalid = invalidOperations(
  schema,
  files.map((name) => ({ name, body: readFileSync(name, 'utf8') })),
)
for (const { operation, errors } of invalid) process.stderr.write(`INVALID  ${operation}: ${errors.join('; ')}\n`)
if (invalid.length > 0) {
  process.stderr.write(`${invalid.length} operation(s) no longer validate against ${schemaLocation}\n`)
  process.exit(1)
}

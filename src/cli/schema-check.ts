// npm run schema:check [-- --ref <git ref>] — compares the code's schema with
// schema.graphql as of a git ref (default: the previous commit) and fails on
// a breaking change that SCHEMA_CHANGES.md does not acknowledge.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { breakingChanges, unacknowledged } from '../schema/compatibility.ts'
import { schema } from '../schema/index.ts'
import { fail, options } from './arguments.ts'

const args = options('npm run schema:check -- [--ref <git ref>]', { ref: { type: 'string', default: 'HEAD~1' } })
const CHANGELOG = 'SCHEMA_CHANGES.md'

function schemaAt(ref: string): string | undefined {
  try {
    return execFileSync('git', ['show', `${ref}:schema.graphql`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  } catch {
    return undefined
  }
}

const previous = schemaAt(args.ref)
if (previous === undefined) {
  process.stdout.write(`no schema.graphql at ${args.ref}: nothing to compare with\n`)
  process.exit(0)
}
const breaking = await breakingChanges(previous, schema)
const open = unacknowledged(breaking, existsSync(CHANGELOG) ? readFileSync(CHANGELOG, 'utf8') : '')
for (const change of breaking) {
  process.stdout.write(`${open.includes(change) ? 'BREAKING' : 'acknowledged'}  ${change.path}: ${change.message}\n`)
}
if (open.length > 0) {
  fail(`${open.length} breaking change(s) since ${args.ref} are not in ${CHANGELOG}: add an entry naming each path in backquotes, with the reason`)
}
process.stdout.write(`no unacknowledged breaking change since ${args.ref}\n`)

// npm run schema:check [-- --ref <git ref>] [--documents <glob>] [--verbose] —
// compares the code's schema with schema.graphql as released
// (SCHEMA_CHANGES.md's "Released at <commit>" line, or --ref) and fails on a
// breaking or dangerous change that SCHEMA_CHANGES.md does not acknowledge;
// with --documents, also fails on each client operation that no longer
// validates (the client kit's own check, which client repositories run as
// `phone-methods-check`). It never passes without having compared: a ref it
// cannot read is a failure. One line when all is well; --verbose also lists
// the acknowledged changes.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { glob } from 'tinyglobby'
import { invalidOperations } from '../../client/check-operations.ts'
import { releasedCommit, riskyChanges, unacknowledged } from '../schema/compatibility.ts'
import { schema } from '../schema/index.ts'
import { fail, options } from './arguments.ts'

const USAGE = 'npm run schema:check -- [--ref <git ref>] [--documents <glob>] [--verbose]'
const args = options(USAGE, { ref: { type: 'string' }, documents: { type: 'string' }, verbose: { type: 'boolean' } })
const CHANGELOG = 'SCHEMA_CHANGES.md'
const changelog = existsSync(CHANGELOG) ? readFileSync(CHANGELOG, 'utf8') : ''

const ref = args.ref ?? releasedCommit(changelog)
if (ref === undefined) fail(`no --ref given and no "Released at <commit>" line in ${CHANGELOG}: nothing to compare with`)

function schemaAt(at: string): string {
  try {
    return execFileSync('git', ['show', `${at}:schema.graphql`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch {
    fail(
      isCommit(at)
        ? `schema:check: ${at} has no schema.graphql: nothing to compare with`
        : `schema:check: ${at} is not a commit of this clone (a shallow or partial clone? run git fetch --unshallow): nothing was compared`,
    )
  }
}

function isCommit(at: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${at}^{commit}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

let failures = 0
const changes = await riskyChanges(schemaAt(ref), schema)
const open = unacknowledged(changes, changelog)
for (const change of changes) {
  if (open.includes(change)) process.stdout.write(`${change.risk.toUpperCase()}  ${change.path}: ${change.message}\n`)
  else if (args.verbose) process.stdout.write(`acknowledged  ${change.path}: ${change.message}\n`)
}
if (open.length > 0) {
  process.stderr.write(`${open.length} breaking or dangerous change(s) since ${ref} are not in ${CHANGELOG}: add an entry naming each path in backquotes, with the reason\n`)
  failures++
}

if (args.documents !== undefined) {
  const files = await glob(args.documents, { absolute: false })
  if (files.length === 0) fail(`schema:check: --documents ${args.documents} matches no file: nothing was validated`)
  const invalid = invalidOperations(schema, files.map((name) => ({ name, body: readFileSync(name, 'utf8') })))
  for (const { operation, errors } of invalid) process.stdout.write(`INVALID  ${operation}: ${errors.join('; ')}\n`)
  if (invalid.length > 0) {
    process.stderr.write(`${invalid.length} client operation(s) in ${args.documents} no longer validate against the schema\n`)
    failures++
  }
}

if (failures > 0) process.exit(1)
const documents = args.documents === undefined ? '' : `; every operation in ${args.documents} validates`
process.stdout.write(`schema:check: no unacknowledged breaking or dangerous change since ${ref}${documents}\n`)

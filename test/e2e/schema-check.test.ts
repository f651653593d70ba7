// npm run schema:check against real git history in a scratch repository: it
// compares with the released schema named in SCHEMA_CHANGES.md (not the
// previous commit), fails on breaking and dangerous changes nobody
// acknowledged, never passes when it could not compare, and names each
// client operation that no longer validates.
import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { printedSchema } from '../../src/schema/printed.ts'

const CHECK = fileURLToPath(new URL('../../src/cli/schema-check.ts', import.meta.url))
const TSX = import.meta.resolve('tsx')

const current = printedSchema()
/** The schema as it was before `PhoneType.office` existed: today's adds an enum value (dangerous). */
const withoutOffice = current.replace('\n\n  """An office phone."""\n  office\n', '\n')
/** The schema with an enum value that today's has removed (breaking). */
const withPager = `${current}\nextend enum PhoneType { pager }\n`

const changelog = (released: string, entries = 'No breaking changes.') =>
  `# Schema changes\n\nReleased at ${released}\n\n## Unreleased\n\n${entries}\n`

async function schemaCheck(cwd: string, args: string[] = []) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', TSX, CHECK, ...args], { cwd })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('npm run schema:check', () => {
  let dir: string
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()
  const commit = (files: Record<string, string>, message: string) => {
    for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body)
    git(dir, 'add', '-A')
    git(dir, '-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', message)
    return git(dir, 'rev-parse', 'HEAD')
  }
  let released: string
  let releasedWithoutOffice: string

  beforeAll(() => {
    expect(withoutOffice).not.toBe(current)
    dir = mkdtempSync(join(tmpdir(), 'schema-check-'))
    git(dir, 'init', '-q', '-b', 'main')
    releasedWithoutOffice = commit({ 'schema.graphql': withoutOffice }, 'a release before office phones')
    released = commit({ 'schema.graphql': withPager }, 'the release: PhoneType has pager')
    // Two commits in one push: pager removed, then something else; HEAD~1 already lacks pager.
    commit({ 'schema.graphql': current }, 'remove pager')
    commit({ 'README.md': 'unrelated\n', 'SCHEMA_CHANGES.md': changelog(released) }, 'unrelated')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('compares with the released schema, so a breaking change two commits back fails', async () => {
    const result = await schemaCheck(dir)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('BREAKING  PhoneType.pager:')
    expect(result.stderr).toContain('1 breaking or dangerous change(s) since')
  })

  it('passes once SCHEMA_CHANGES.md acknowledges the change', async () => {
    writeFileSync(join(dir, 'SCHEMA_CHANGES.md'), changelog(released, '- `PhoneType.pager` removed: no pager was ever stored.'))
    const result = await schemaCheck(dir)
    const verbose = await schemaCheck(dir, ['--verbose'])
    writeFileSync(join(dir, 'SCHEMA_CHANGES.md'), changelog(released))
    expect(result).toMatchObject({ code: 0, stderr: '' })
    // One line when all is well; the acknowledged history only when asked for.
    expect(result.stdout).toBe(`schema:check: no unacknowledged breaking or dangerous change since ${released}\n`)
    expect(verbose.stdout).toContain('acknowledged  PhoneType.pager:')
  })

  it('fails on a dangerous change (an enum value added) unless acknowledged', async () => {
    const open = await schemaCheck(dir, ['--ref', releasedWithoutOffice])
    expect(open.code).toBe(1)
    expect(open.stdout).toContain('DANGEROUS  PhoneType.office:')
    writeFileSync(join(dir, 'SCHEMA_CHANGES.md'), changelog(released, '- `PhoneType.office` added: office phones.'))
    const acknowledged = await schemaCheck(dir, ['--ref', releasedWithoutOffice, '--verbose'])
    writeFileSync(join(dir, 'SCHEMA_CHANGES.md'), changelog(released))
    expect(acknowledged.code).toBe(0)
    expect(acknowledged.stdout).toContain('acknowledged  PhoneType.office:')
  })

  it('fails, saying so, when the ref does not exist', async () => {
    const result = await schemaCheck(dir, ['--ref', 'does-not-exist'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('does-not-exist is not a commit of this clone')
  })

  it('fails in a shallow clone that lacks the released commit', async () => {
    const shallow = mkdtempSync(join(tmpdir(), 'schema-check-shallow-'))
    try {
      git(shallow, 'clone', '-q', '--depth', '1', `file://${dir}`, 'clone')
      const result = await schemaCheck(join(shallow, 'clone'))
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(`${released} is not a commit of this clone`)
    } finally {
      rmSync(shallow, { recursive: true, force: true })
    }
  })

  it('fails without a released commit to compare with', async () => {
    writeFileSync(join(dir, 'SCHEMA_CHANGES.md'), '# Schema changes\n')
    const result = await schemaCheck(dir)
    writeFileSync(join(dir, 'SCHEMA_CHANGES.md'), changelog(released))
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('no "Released at <commit>" line')
  })

  it('names each client operation that no longer validates, and passes valid ones', async () => {
    writeFileSync(join(dir, 'SCHEMA_CHANGES.md'), changelog(released, '- `PhoneType.pager` removed: no pager was ever stored.'))
    mkdirSync(join(dir, 'client'), { recursive: true })
    writeFileSync(join(dir, 'client', 'phones.graphql'), 'query MyPhones { me { ...Phones } }\nfragment Phones on User { phoneMethods { phoneNumber phoneType } }\n')
    writeFileSync(join(dir, 'client', 'old.graphql'), 'query StillFine { me { id } }\nquery Pagers { me { pagers { id } } }\nmutation AddPager { addPhoneMethod(input: { userId: "kim", phoneNumber: "+1 2065555555", phoneType: pager }) { phoneType } }\n')
    const invalid = await schemaCheck(dir, ['--documents', 'client/*.graphql'])
    expect(invalid.code).toBe(1)
    const named = invalid.stdout.split('\n').filter((line) => line.startsWith('INVALID')).map((line) => line.split(':').slice(0, 2).join(':'))
    expect(named).toEqual(['INVALID  client/old.graphql: Pagers', 'INVALID  client/old.graphql: AddPager'])
    expect(invalid.stderr).toContain('2 client operation(s) in client/*.graphql no longer validate')

    const valid = await schemaCheck(dir, ['--documents', 'client/phones.graphql'])
    expect(valid.code).toBe(0)
    expect(valid.stdout).toBe(`schema:check: no unacknowledged breaking or dangerous change since ${released}; every operation in client/phones.graphql validates\n`)

    const none = await schemaCheck(dir, ['--documents', 'client/*.gql'])
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('matches no file')
  })
})

// A start that fails says why in one line on stderr — the underlying reason,
// never a blank one (Prisma's messages begin with a newline), never a stack —
// for the gateway and for every command that opens the database.
import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { scratchDatabase } from '../support/harness/databases.ts'
import { GATEWAY_BUNDLE, productionEnv } from '../support/harness/process.ts'
import { describeOnPostgres } from '../support/vitest/database-suites.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

function missingDatabaseUrl(): string {
  const url = new URL(process.env.TEST_POSTGRES_URL!)
  url.pathname = '/no_such_gateway_database'
  return url.toString()
}

async function run(command: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { cwd: ROOT, env: { ...process.env, ...env } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

function expectOneClearLine(stderr: string, prefix: string, reason: RegExp = /no_such_gateway_database|does not exist/) {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '')
  expect(lines, stderr).toHaveLength(1)
  expect(lines[0]).toMatch(new RegExp(`^${prefix}\\S`))
  expect(lines[0]).toMatch(reason)
  expect(stderr).not.toMatch(/^\s+at /m)
}

async function gatewayStart(databaseUrl: string) {
  const child = spawn(process.execPath, [GATEWAY_BUNDLE], { cwd: ROOT, env: { ...process.env, ...productionEnv(databaseUrl) }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdout.resume()
  const code = await new Promise((resolve) => child.once('exit', resolve))
  return { code, stderr }
}

describeOnPostgres('start-up errors on PostgreSQL', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'start-up-errors-'))
    writeFileSync(join(dir, 'users.json'), JSON.stringify({ tenants: [{ id: 'contoso', users: [] }] }))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('the gateway says why it could not start, in one line', async () => {
    const { code, stderr } = await gatewayStart(missingDatabaseUrl())
    expect(code).toBe(1)
    expectOneClearLine(stderr, 'the gateway could not start: ')
  })

  it('a migration that fails is named by its reason, for the gateway and db:migrate (Prisma heads its message with a blank line)', async () => {
    const clash = await scratchDatabase('postgres')
    try {
      const client = new pg.Client({ connectionString: clash.url })
      await client.connect()
      await client.query('CREATE TABLE "User" (x int)')
      await client.end()
      const started = await gatewayStart(clash.url)
      expect(started.code).toBe(1)
      expectOneClearLine(started.stderr, 'the gateway could not start: ', /relation "User" already exists/)
      const migrated = await run('npm', ['run', '-s', 'db:migrate'], { DATABASE_URL: clash.url })
      expectOneClearLine(migrated.stderr, 'db:migrate failed: ', /relation "User" already exists/)
    } finally {
      await clash.drop()
    }
  })

  it.each([
    ['db:migrate', []],
    ['db:seed', ['--file', 'users.json']],
    ['audit:purge', []],
  ])('npm run %s says why it failed, in one line', async (script, args) => {
    const result = await run('npm', ['run', '-s', script, '--', ...args.map((arg) => (arg.endsWith('.json') ? join(dir, arg) : arg))], {
      DATABASE_URL: missingDatabaseUrl(),
    })
    expect(result.code).not.toBe(0)
    expectOneClearLine(result.stderr, `${script} failed: `)
  })
})

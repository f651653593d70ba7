// .ci/summary.mjs after real vitest runs of deliberately broken test files
// (test/fixtures/run-outcome): the closing line never says "0 failed" when
// vitest failed, counts tests whose setup failed as failed, and shows the
// PostgreSQL half as skipped, with the reason, when TEST_POSTGRES_URL is unset.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const FIXTURES = join(ROOT, 'test/fixtures/run-outcome')
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs')
const SUMMARY = join(ROOT, '.ci/summary.mjs')
const scratch = mkdtempSync(join(tmpdir(), 'ci-summary-'))

/** Runs a node script; an `undefined` in `env` removes that variable. */
async function run(file: string, args: string[], env: Record<string, string | undefined>) {
  const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, value]) => value !== undefined))
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [file, ...args], { cwd: ROOT, env: merged })
    return { code: 0, stdout }
  } catch (error) {
    const failed = error as { code: number; stdout: string }
    return { code: failed.code, stdout: failed.stdout }
  }
}

/** Runs one fixture file with vitest as .ci/run does, then the summary; returns the summary's lines and exit code. */
async function summarise(fixture: string, env: Record<string, string | undefined> = {}) {
  const outcome = join(scratch, `${fixture}-${env.TEST_POSTGRES_URL ? 'both' : 'sqlite'}.json`)
  const vitest = await run(VITEST, ['run', '--config', join(FIXTURES, 'vitest.config.ts'), fixture], { ...env, OUTCOME_FILE: outcome, CI: 'true' })
  const summary = await run(SUMMARY, [outcome, String(vitest.code)], {})
  return { vitestCode: vitest.code, code: summary.code, lines: summary.stdout.trim().split('\n') }
}

describe('.ci/summary.mjs', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('counts an unhandled rejection as a failure although every test passed', async () => {
    const result = await summarise('unhandled-rejection.fixture.ts')
    expect(result.vitestCode).toBe(1)
    expect(result.lines).toEqual(['errors outside any test (unhandled) (1):', '  Error: nobody handles this rejection', '1 passed, 1 failed, 0 skipped'])
    expect(result.code).toBe(1)
  })

  it('counts the tests whose beforeAll failed as failed, and a deliberate skip as skipped', async () => {
    const result = await summarise('failed-setup.fixture.ts')
    expect(result.vitestCode).toBe(1)
    expect(result.lines).toEqual([
      'never ran: their setup failed (2):',
      '  failed-setup.fixture.ts > a suite whose setup fails > never runs',
      '  failed-setup.fixture.ts > a suite whose setup fails > never runs either',
      'skipped 1: skipped in the code',
      '1 passed, 2 failed, 1 skipped',
    ])
    expect(result.code).toBe(1)
  })

  it('shows the PostgreSQL half as skipped, with the reason, without TEST_POSTGRES_URL', async () => {
    const result = await summarise('providers.fixture.ts', { TEST_POSTGRES_URL: undefined })
    expect(result.vitestCode).toBe(0)
    expect(result.lines).toEqual(['skipped 2: TEST_POSTGRES_URL is not set: the PostgreSQL half did not run', '2 passed, 0 failed, 2 skipped'])
    expect(result.code).toBe(0)
  })

  it('runs both halves with TEST_POSTGRES_URL', async () => {
    const result = await summarise('providers.fixture.ts', { TEST_POSTGRES_URL: 'postgresql://postgres@127.0.0.1:5432/postgres' })
    expect(result.lines).toEqual(['4 passed, 0 failed, 0 skipped'])
    expect(result.code).toBe(0)
  })

  it('never says "0 failed" when vitest exited non-zero without a report of why', async () => {
    const outcome = join(scratch, 'providers.fixture.ts-sqlite.json')
    const result = await run(SUMMARY, [outcome, '1'], {})
    expect(result.stdout.trim().split('\n').slice(-1)).toEqual(['2 passed, 1 failed, 2 skipped'])
    expect(result.code).toBe(1)
    const missing = await run(SUMMARY, [join(scratch, 'absent.json'), '1'], {})
    expect(missing.stdout.trim()).toBe('0 passed, 1 failed, 0 skipped')
    expect(missing.code).toBe(1)
  })
})

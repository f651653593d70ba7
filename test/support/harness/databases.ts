// Real databases for tests: a temporary SQLite file, and (when
// TEST_POSTGRES_URL is set) a fresh PostgreSQL database created for the test
// file on that server and dropped afterwards.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

export type Provider = 'sqlite' | 'postgres'

/**
 * Both databases, always: without TEST_POSTGRES_URL the PostgreSQL suites are
 * still collected and reported as skipped, with POSTGRES_ABSENT as the
 * reason (test/support/vitest/database-suites.ts), so a run says what it did not test.
 */
export const providers: Provider[] = ['sqlite', 'postgres']

/** Why the PostgreSQL half does not run, or undefined when it does. */
export const POSTGRES_ABSENT = process.env.TEST_POSTGRES_URL ? undefined : 'TEST_POSTGRES_URL is not set: the PostgreSQL half did not run'

export interface ScratchDatabase {
  url: string
  drop(): Promise<void>
}

export interface ScratchOptions {
  /** PostgreSQL: the database's LC_COLLATE and LC_CTYPE (default: the server's). */
  locale?: 'C' | 'C.UTF-8'
}

export async function scratchDatabase(provider: Provider, options: ScratchOptions = {}): Promise<ScratchDatabase> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'phone-gateway-'))
    return { url: `file:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const serverUrl = process.env.TEST_POSTGRES_URL
  if (!serverUrl) throw new Error('TEST_POSTGRES_URL is not set')
  const name = `gateway_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(
    options.locale
      ? `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE '${options.locale}' LC_CTYPE '${options.locale}'`
      : `CREATE DATABASE "${name}"`,
  )
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await client.end()
    },
  }
}

// What a start does with the database's migrations: a database a newer
// release migrated is refused by the gateway and by every command that opens
// it; a migration too long for a start is rolled back with one line that
// names `npm run db:migrate`, and leaves nothing running on the server.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/client.ts'
import { migrate } from '../../src/db/migrate.ts'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { migrateBefore } from '../support/harness/old-database.ts'
import { launchGateway, productionEnv, runNpmScript, type LaunchedGateway } from '../support/harness/process.ts'
import { describeOnEachDatabase, describeOnPostgres } from '../support/vitest/database-suites.ts'

const FUTURE = '20991231000000_from_a_newer_release'

const npmRun = runNpmScript

/** Starts the gateway and waits for it to exit: it must not listen. */
async function refusedStart(env: Record<string, string>) {
  let gateway: LaunchedGateway | undefined
  try {
    gateway = await launchGateway({ env })
  } catch (error) {
    return (error as Error).message
  }
  await gateway.kill9()
  throw new Error('the gateway started')
}

describeOnEachDatabase('a database migrated by a newer release on %s', (provider) => {
  let scratch: ScratchDatabase
  let seedDir: string
  beforeAll(async () => {
    scratch = await scratchDatabase(provider)
    const db = await openDatabase({ url: scratch.url })
    await migrate(db)
    await db.client.$transaction((tx) =>
      tx.$executeRaw`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
        VALUES (${randomUUID()}, ${'0'.repeat(64)}, ${FUTURE}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)`,
    )
    await db.close()
    seedDir = mkdtempSync(join(tmpdir(), 'newer-'))
    writeFileSync(join(seedDir, 'users.json'), JSON.stringify({ tenants: [{ id: 't', users: [] }] }))
  })
  afterAll(async () => {
    rmSync(seedDir, { recursive: true, force: true })
    await scratch.drop()
  })

  it('is refused by the gateway at start, in one line naming the unknown migration', async () => {
    const output = await refusedStart(productionEnv(scratch.url))
    const lines = output.split('\n').slice(1).filter(Boolean)
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^the gateway could not start: the database has migrations this release does not know \\(${FUTURE}\\)`))])
  })

  it.each([
    ['db:migrate', []],
    ['db:seed', ['--file', 'users.json']],
    ['audit:purge', []],
  ])('is refused by npm run %s, in one line naming it', async (script, args) => {
    const { code, stdout, stderr } = await npmRun(script, args.map((arg) => (arg.endsWith('.json') ? join(seedDir, arg) : arg)), { DATABASE_URL: scratch.url })
    expect(code).not.toBe(0)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining(`migrations this release does not know (${FUTURE})`)])
  })
})

// 200 000 users make the user search migration's statements take seconds on
// PostgreSQL: more than the one second a start is given here.
describeOnPostgres('a migration too long for a start on PostgreSQL', () => {
  let scratch: ScratchDatabase
  const USERS = 200_000
  beforeAll(async () => {
    scratch = await scratchDatabase('postgres')
    const db = await openDatabase({ url: scratch.url })
    await migrateBefore(db, '20261129100000_user_search')
    await db.client.$executeRawUnsafe(`INSERT INTO "Tenant" ("id") VALUES ('big')`)
    await db.client.$executeRawUnsafe(
      `INSERT INTO "User" ("tenantId", "id", "userPrincipalName", "userPrincipalNameKey", "displayName")
       SELECT 'big', 'u-' || g, 'user.' || g || '@big.example', 'user.' || g || '@big.example', 'Émilie ' || g FROM generate_series(1, ${USERS}) AS g`,
    )
    await db.close()
  })
  afterAll(async () => {
    await scratch.drop()
  })

  it('is rolled back with one line naming npm run db:migrate, leaves no statement on the server, and db:migrate then runs it', { timeout: 120_000 }, async () => {
    const output = await refusedStart(productionEnv(scratch.url, { MIGRATE_AT_START_SECONDS: '1' }))
    expect(output.split('\n').slice(1).filter(Boolean)).toEqual([
      expect.stringMatching(/^the gateway could not start: the migration 20261129100000_user_search did not finish within the 1 s .*run `npm run db:migrate`/),
    ])

    const server = new pg.Client({ connectionString: scratch.url })
    await server.connect()
    try {
      // The gateway has exited: no statement of it still runs, nor holds a lock, on its database.
      const { rows: running } = await server.query(
        `SELECT query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
      )
      expect(running).toEqual([])
      const { rows: locks } = await server.query(
        `SELECT l.locktype FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = current_database() AND l.pid <> pg_backend_pid()`,
      )
      expect(locks).toEqual([])
      // Nothing of the migration was kept.
      const { rows: recorded } = await server.query(`SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`)
      expect(recorded.map((row) => row.migration_name)).toEqual(['20261127000000_init'])
    } finally {
      await server.end()
    }

    const migrated = await npmRun('db:migrate', [], { DATABASE_URL: scratch.url })
    expect(migrated).toMatchObject({ code: 0, stdout: expect.stringContaining('applied: 20261129100000_user_search') })
    const gateway = await launchGateway({ env: productionEnv(scratch.url, { MIGRATE_AT_START_SECONDS: '1' }) })
    await gateway.terminate()
  })
})

// PostgreSQL behind PgBouncer in transaction pooling mode (Debian's 1.18,
// which keeps no prepared statement across transactions), and the wait limits
// every PostgreSQL session has, through the pooler and without it:
//   - the gateway serves concurrent reads and writes through it without an error,
//   - db:migrate, db:seed and audit:purge work through it,
//   - a write that waits on a row lock past lock_timeout is CONFLICT_RETRY (409), never 503,
//   - a transaction left idle (a frozen process) loses its session after idle_in_transaction_session_timeout.
// Skipped (with the reason) without PgBouncer or TEST_POSTGRES_URL, except in CI, where it fails.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, Prisma } from '../../src/db/client.ts'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { pgbouncerAbsent, startPgBouncer, type TestPgBouncer } from '../support/harness/pgbouncer.ts'
import { people, scopes, tokenFor } from '../support/personas/tenants.ts'
import { describeOnPostgres } from '../support/vitest/database-suites.ts'
import { runNpmScript } from '../support/harness/process.ts'

const ABSENT = pgbouncerAbsent()
const WAIT_LIMITS = { statementMs: 5000, lockMs: 300, idleInTransactionMs: 500 }

const npmRun = runNpmScript

const addMobile = (userId: string, phoneNumber: string) =>
  `mutation { addPhoneMethod(input: { userId: "${userId}", phoneNumber: "${phoneNumber}", phoneType: mobile }) { phoneNumber smsSignInState } }`

describeOnPostgres('PostgreSQL through PgBouncer in transaction mode', () => {
  let bouncer: TestPgBouncer | undefined
  beforeAll(async () => {
    if (ABSENT && process.env.CI) throw new Error(`CI must run the pooler tests: ${ABSENT}`)
    if (!ABSENT) bouncer = await startPgBouncer({ poolSize: 4 })
  })
  beforeEach(({ skip }) => {
    if (ABSENT) skip(ABSENT)
  })
  afterAll(() => bouncer?.stop())

  describe.each(['direct', 'through PgBouncer'] as const)('a gateway connected %s', (route) => {
    let gateway: TestGateway
    beforeAll(async () => {
      if (ABSENT) return
      gateway = await startGateway('postgres', {
        servedThrough: route === 'direct' ? undefined : (url) => bouncer!.pooled(url),
        waitLimits: WAIT_LIMITS,
        // As the gateway process sets it: a statement that does not answer in time is "the database is unreachable".
        queryTimeoutMs: 5000,
      })
    })
    afterAll(() => gateway?.close())

    it('serves concurrent reads and writes with no error', async () => {
      const token = await tokenFor({ sub: `pooler-app-${route}`, roles: [scopes.writeAll] })
      const users = [people.kim, people.lee, people.authAdmin, people.reader]
      const rounds = await Promise.all(
        Array.from({ length: 40 }, (_, i) => {
          const user = users[i % users.length]!
          return i % 3 === 0
            ? gateway.graphql(token, `{ user(id: "${user.id}") { phoneMethods { phoneNumber } } users(first: 5) { edges { node { id } } } }`)
            : gateway.graphql(token, i % 3 === 1 ? addMobile(user.id, '+1 2065550123') : `mutation { deletePhoneMethod(input: { userId: "${user.id}", methodId: "3179e48a-750b-4051-897c-87b9720928f7" }) { methodId } }`)
        }),
      )
      const unexpected = rounds.flatMap(codes).filter((code) => !['PHONE_TYPE_ALREADY_EXISTS', 'NOT_FOUND', 'CONFLICT_RETRY'].includes(code!))
      expect(unexpected).toEqual([])
      expect(rounds.map((response) => response.status).filter((status) => status >= 500)).toEqual([])
    })

    it('answers a write kept waiting on a row lock past lock_timeout with CONFLICT_RETRY, not 503', async () => {
      const token = await tokenFor({ sub: `pooler-lock-${route}`, roles: [scopes.writeAll] })
      const holder = new pg.Client({ connectionString: gateway.url })
      await holder.connect()
      try {
        await holder.query('BEGIN')
        await holder.query(`SELECT 1 FROM "User" WHERE "tenantId" = 'contoso' AND "id" = $1 FOR UPDATE`, [people.globalAdmin.id])
        const response = await gateway.graphql(token, addMobile(people.globalAdmin.id, '+1 2065550124'))
        expect(codes(response)).toEqual(['CONFLICT_RETRY'])
        expect(response.status).toBe(200)
      } finally {
        await holder.query('ROLLBACK').catch(() => {})
        await holder.end()
      }
      // Nothing was written: the same write now succeeds.
      expect(codes(await gateway.graphql(token, addMobile(people.globalAdmin.id, '+1 2065550124')))).toEqual([])
    })

    it('ends a transaction left idle (a frozen process) after idle_in_transaction_session_timeout, releasing its locks', async () => {
      // A write transaction as the gateway runs them: directly connected, the
      // session has its limits from the start; behind the pooler, the transaction sets them first.
      const attempt = gateway.db.transaction(async (tx) => {
        await tx.query(Prisma.sql`SELECT 1 FROM "User" WHERE "tenantId" = 'contoso' AND "id" = ${people.policyAdmin.id} FOR UPDATE`)
        await new Promise((resolve) => setTimeout(resolve, WAIT_LIMITS.idleInTransactionMs * 4))
        return tx.query(Prisma.sql`SELECT 1`)
      })
      await expect(attempt).rejects.toThrow()
      // The lock is gone: another session takes it at once.
      const other = new pg.Client({ connectionString: gateway.url })
      await other.connect()
      try {
        await other.query(`SET lock_timeout = '100ms'`)
        await other.query('BEGIN')
        await expect(other.query(`SELECT 1 FROM "User" WHERE "tenantId" = 'contoso' AND "id" = $1 FOR UPDATE`, [people.policyAdmin.id])).resolves.toBeDefined()
        await other.query('ROLLBACK')
      } finally {
        await other.end()
      }
    })
  })

  describe('the commands', () => {
    let scratch: ScratchDatabase
    let dir: string
    beforeAll(async () => {
      if (ABSENT) return
      scratch = await scratchDatabase('postgres')
      dir = mkdtempSync(join(tmpdir(), 'pooler-seed-'))
    })
    afterAll(async () => {
      await scratch?.drop()
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    it('db:migrate, db:seed and audit:purge work through the pooler, in one line each', async () => {
      const env = { DATABASE_URL: bouncer!.pooled(scratch.url) }
      const migrated = await npmRun('db:migrate', [], env)
      expect(migrated.stderr).toBe('')
      expect(migrated.code).toBe(0)
      const file = join(dir, 'users.json')
      const users = Array.from({ length: 30 }, (_, i) => ({ id: `pooled-${i}`, userPrincipalName: `pooled-${i}@contoso.com`, displayName: `Pooled ${i}` }))
      writeFileSync(file, JSON.stringify({ tenants: [{ id: 'contoso', users }] }))
      for (const round of [1, 2]) {
        const seeded = await npmRun('db:seed', ['--file', file], env)
        expect(seeded.stderr, `round ${round}`).toBe('')
        expect(seeded.stdout).toBe('seeded 1 tenant(s), 30 user(s)\n')
      }
      const purged = await npmRun('audit:purge', [], env)
      expect(purged.stderr).toBe('')
      expect(purged.stdout).toMatch(/^deleted 0 audit events/)
      const db = await openDatabase({ url: scratch.url })
      try {
        expect(await db.client.user.count()).toBe(30)
      } finally {
        await db.close()
      }
    })

    it('db:migrate takes DIRECT_DATABASE_URL over DATABASE_URL', async () => {
      const other = await scratchDatabase('postgres')
      try {
        const migrated = await npmRun('db:migrate', [], { DATABASE_URL: bouncer!.pooled(scratch.url), DIRECT_DATABASE_URL: other.url })
        expect(migrated.stdout).toMatch(/^applied: /)
      } finally {
        await other.drop()
      }
    })
  })
})

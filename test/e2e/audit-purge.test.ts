// Retention of the audit trail: `npm run audit:purge` and the gateway's own
// periodic purge delete the events older than AUDIT_RETENTION_DAYS, and only those.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import pg from 'pg'
import { v7 as timeOrderedId } from 'uuid'
import { insertAuditEvent, PURGE_LOCK } from '../../src/db/audit-store.ts'
import { openDatabase, type Database } from '../../src/db/client.ts'
import { migrate } from '../../src/db/migrate.ts'
import { createLogger } from '../../src/logger.ts'
import { purgeExpiredAuditEvents, startAuditRetention } from '../../src/services/audit-retention.ts'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { launchGateway, productionEnv, runNpmScript } from '../support/harness/process.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const DAY_MS = 24 * 60 * 60 * 1000

const purgeCommand = (env: Record<string, string>) => runNpmScript('audit:purge', [], env)

describeOnEachDatabase('audit retention on %s', (provider) => {
  let scratch: ScratchDatabase
  let db: Database

  // An event's id is a UUIDv7 of its time, as the gateway makes it (the purge deletes by id range);
  // `names` maps the ids back to the names the assertions use.
  const names = new Map<string, string>()
  const eventAged = (name: string, days: number) => {
    const at = Date.now() - days * DAY_MS
    const id = timeOrderedId({ msecs: at })
    names.set(id, name)
    return db.transaction((tx) =>
      insertAuditEvent(tx, db.provider, {
        id,
        tenantId: 'contoso',
        activityDateTime: new Date(at),
        activityDisplayName: 'Admin registered security info',
        category: 'UserManagement',
        result: 'success',
        resultReason: null,
        initiatedByUserId: null,
        initiatedByAppId: 'app-0001',
        targetUserId: 'u-1',
        targetUserPrincipalName: 'kim@contoso.com',
        methodId: null,
        phoneType: 'mobile',
        oldPhoneNumber: null,
        newPhoneNumber: '+1 XXXXXXXX55',
        requestId: `request-${name}`,
        correlationId: null,
      }),
    )
  }
  const remaining = async () =>
    (await db.client.auditEvent.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((event) => names.get(event.id) ?? event.id)

  beforeAll(async () => {
    scratch = await scratchDatabase(provider)
    db = await openDatabase({ url: scratch.url })
    await migrate(db)
  })
  beforeEach(async () => {
    await db.client.$transaction((tx) => tx.auditEvent.deleteMany({}))
    await eventAged('a-100-days', 100)
    await eventAged('b-31-days', 31)
    await eventAged('c-29-days', 29)
    await eventAged('d-today', 0)
  })
  afterAll(async () => {
    await db.close()
    await scratch.drop()
  })

  it('npm run audit:purge deletes what is older than AUDIT_RETENTION_DAYS, and nothing the second time', async () => {
    const first = await purgeCommand({ DATABASE_URL: scratch.url, AUDIT_RETENTION_DAYS: '30' })
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/^deleted 2 audit events older than \d{4}-\d\d-\d\dT[\d:.]+Z \(AUDIT_RETENTION_DAYS=30\)\n$/)
    expect(await remaining()).toEqual(['c-29-days', 'd-today'])
    const second = await purgeCommand({ DATABASE_URL: scratch.url, AUDIT_RETENTION_DAYS: '30' })
    expect(second.stdout).toMatch(/^deleted 0 audit events/)
    expect(await remaining()).toEqual(['c-29-days', 'd-today'])
  })

  it('keeps 90 days by default', async () => {
    const { code, stdout } = await purgeCommand({ DATABASE_URL: scratch.url })
    expect(code).toBe(0)
    expect(stdout).toMatch(/^deleted 1 audit events .*AUDIT_RETENTION_DAYS=90/)
    expect(await remaining()).toEqual(['b-31-days', 'c-29-days', 'd-today'])
  })

  it('refuses a bad AUDIT_RETENTION_DAYS in one line, deleting nothing', async () => {
    const { code, stdout, stderr } = await purgeCommand({ DATABASE_URL: scratch.url, AUDIT_RETENTION_DAYS: 'forever' })
    expect(code).not.toBe(0)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('AUDIT_RETENTION_DAYS')])
    expect(await remaining()).toHaveLength(4)
  })

  it('deletes a large backlog in bounded batches, one short DELETE each', async () => {
    const backlog = 2500
    const at = new Date(Date.now() - 100 * DAY_MS)
    await db.client.auditEvent.createMany({
      data: Array.from({ length: backlog }, (_, i) => ({
        id: timeOrderedId({ msecs: at.getTime() }),
        tenantId: 'contoso',
        activityDateTime: at,
        activityDisplayName: 'Admin registered security info',
        category: 'UserManagement',
        result: 'success' as const,
        requestId: `old-request-${i}`,
      })),
    })
    const deletes: string[] = []
    const counted = await openDatabase({ url: scratch.url, onQuery: (sql) => void (/^\s*DELETE/i.test(sql) && deletes.push(sql)) })
    try {
      const outcome = await purgeExpiredAuditEvents(counted, 30, new Date(), 1000)
      expect(outcome).toMatchObject({ deleted: backlog + 2, busy: false })
    } finally {
      await counted.close()
    }
    expect(deletes).toHaveLength(3)
    expect(deletes.every((sql) => /LIMIT/i.test(sql))).toBe(true)
    expect(await remaining()).toEqual(['c-29-days', 'd-today'])
  })

  // SQLite has one process per file, so nothing to take turns with: the test exists on PostgreSQL only.
  if (provider === 'postgres')
    it('lets one process purge at a time: another one skips its turn while the purge lock is held', async () => {
    const holder = new pg.Client({ connectionString: scratch.url })
    await holder.connect()
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [PURGE_LOCK])
      expect(await purgeExpiredAuditEvents(db, 30)).toMatchObject({ deleted: 0, busy: true })
      expect(await remaining()).toHaveLength(4)
      const command = await purgeCommand({ DATABASE_URL: scratch.url, AUDIT_RETENTION_DAYS: '30' })
      expect(command.stdout).toMatch(/^deleted 0 audit events .*\nanother process is purging this database right now/)
    } finally {
      await holder.end()
    }
    expect(await purgeExpiredAuditEvents(db, 30)).toMatchObject({ deleted: 2, busy: false })
  })

  it('is left to npm run audit:purge with AUDIT_PURGE=off', async () => {
    const off = await launchGateway({ env: productionEnv(scratch.url, { AUDIT_PURGE: 'off', AUDIT_RETENTION_DAYS: '30' }) })
    try {
      expect((await fetch(`${off.url}/ready`)).status).toBe(200)
      await off.terminate()
    } finally {
      await off.kill9()
    }
    expect(await remaining()).toHaveLength(4)
    const on = await launchGateway({ env: productionEnv(scratch.url, { AUDIT_RETENTION_DAYS: '30' }) })
    try {
      while ((await remaining()).length > 2) await new Promise((resolve) => setTimeout(resolve, 50))
    } finally {
      await on.kill9()
    }
    expect(await remaining()).toEqual(['c-29-days', 'd-today'])
  })

  it('is also done by the gateway itself, by several processes at once', async () => {
    const logger = createLogger('silent')
    const stops = [startAuditRetention(db, 30, logger), startAuditRetention(db, 30, logger)]
    try {
      while ((await remaining()).length > 2) await new Promise((resolve) => setTimeout(resolve, 20))
    } finally {
      stops.forEach((stop) => stop())
    }
    expect(await remaining()).toEqual(['c-29-days', 'd-today'])
  })
})

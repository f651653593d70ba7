// Retention of the audit trail: `npm run audit:purge` and the gateway's own
// periodic purge delete the events older than AUDIT_RETENTION_DAYS, and only those.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { insertAuditEvent } from '../../src/db/audit-store.ts'
import { openDatabase, type Database } from '../../src/db/client.ts'
import { migrate } from '../../src/db/migrate.ts'
import { createLogger } from '../../src/logger.ts'
import { startAuditRetention } from '../../src/services/audit-retention.ts'
import { providers, scratchDatabase, type ScratchDatabase } from '../support/databases.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const DAY_MS = 24 * 60 * 60 * 1000

async function purgeCommand(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '-s', 'audit:purge'], { cwd: ROOT, env: { ...process.env, ...env } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe.each(providers)('audit retention on %s', (provider) => {
  let scratch: ScratchDatabase
  let db: Database

  const eventAged = (id: string, days: number) =>
    db.client.$transaction((tx) =>
      insertAuditEvent(tx, db.provider, {
        id,
        tenantId: 'contoso',
        activityDateTime: new Date(Date.now() - days * DAY_MS),
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
        requestId: `request-${id}`,
        correlationId: null,
      }),
    )
  const remaining = async () => (await db.client.auditEvent.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((event) => event.id)

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

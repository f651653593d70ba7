// npm run audit:purge — deletes the audit events of DATABASE_URL older than AUDIT_RETENTION_DAYS, now.
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/client.ts'
import { refuseUnknownMigrations } from '../db/migrate.ts'
import { purgeExpiredAuditEvents } from '../services/audit-retention.ts'
import { runCommand } from './arguments.ts'

await runCommand('audit:purge', async () => {
  const config = loadConfig()
  const db = await openDatabase({ url: config.database.url, waitLimits: config.database.waitLimits })
  try {
    await refuseUnknownMigrations(db)
    const { deleted, cutoff, busy } = await purgeExpiredAuditEvents(db, config.auditRetentionDays)
    process.stdout.write(`deleted ${deleted} audit events older than ${cutoff.toISOString()} (AUDIT_RETENTION_DAYS=${config.auditRetentionDays})\n`)
    if (busy) process.stdout.write('another process is purging this database right now: it deletes the rest\n')
  } finally {
    await db.close()
  }
})

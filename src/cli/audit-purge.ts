// npm run audit:purge — deletes the audit events of DATABASE_URL older than AUDIT_RETENTION_DAYS, now.
import { ConfigError, loadConfig } from '../config.ts'
import { openDatabase } from '../db/client.ts'
import { MigrationError, refuseUnknownMigrations } from '../db/migrate.ts'
import { purgeExpiredAuditEvents } from '../services/audit-retention.ts'
import { fail } from './arguments.ts'

try {
  const config = loadConfig()
  const db = await openDatabase({ url: config.database.url })
  try {
    await refuseUnknownMigrations(db)
    const { deleted, cutoff } = await purgeExpiredAuditEvents(db, config.auditRetentionDays)
    process.stdout.write(`deleted ${deleted} audit events older than ${cutoff.toISOString()} (AUDIT_RETENTION_DAYS=${config.auditRetentionDays})\n`)
  } finally {
    await db.close()
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof MigrationError) fail(error.message)
  throw error
}

// Retention of the audit trail: events older than AUDIT_RETENTION_DAYS are
// deleted, by the gateway periodically and by `npm run audit:purge` on demand.
// The purge is one idempotent DELETE by age, so any number of gateway
// processes sharing a database may run it at the same time.
import { purgeAuditEventsBefore } from '../db/audit-store.ts'
import type { Database } from '../db/client.ts'
import type { Logger } from '../logger.ts'

const DAY_MS = 24 * 60 * 60 * 1000
/** Often enough that nothing outlives its retention by more than an hour. */
const PURGE_INTERVAL_MS = 60 * 60 * 1000

export function retentionCutoff(retentionDays: number, now: Date): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS)
}

/** Deletes the events older than the retention; returns how many and the cutoff used. */
export async function purgeExpiredAuditEvents(db: Database, retentionDays: number, now = new Date()): Promise<{ deleted: number; cutoff: Date }> {
  const cutoff = retentionCutoff(retentionDays, now)
  return { deleted: await purgeAuditEventsBefore(db, cutoff), cutoff }
}

/** Purges now and then every hour until the returned function is called. A failed purge is logged and tried again at the next turn. */
export function startAuditRetention(db: Database, retentionDays: number, logger: Logger): () => void {
  const purge = async () => {
    try {
      const { deleted, cutoff } = await purgeExpiredAuditEvents(db, retentionDays)
      if (deleted > 0) logger.info({ deleted, cutoff: cutoff.toISOString() }, 'purged expired audit events')
    } catch (error) {
      logger.warn({ err: error }, 'purging expired audit events failed; retrying at the next turn')
    }
  }
  void purge()
  const timer = setInterval(() => void purge(), PURGE_INTERVAL_MS)
  timer.unref()
  return () => clearInterval(timer)
}

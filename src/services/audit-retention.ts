// Retention of the audit trail: events older than AUDIT_RETENTION_DAYS are
// deleted, by the gateway periodically (unless AUDIT_PURGE=off) and by
// `npm run audit:purge` on demand. The purge deletes in bounded batches, each
// its own short transaction, so a large backlog never becomes one long
// statement; on PostgreSQL one process of the cluster purges at a time, and
// the others skip their turn (see docs/operations.md).
import { purgeAuditBatchBefore } from '../db/audit-store.ts'
import type { Database } from '../db/client.ts'
import type { Logger } from '../logger.ts'

const DAY_MS = 24 * 60 * 60 * 1000
/** Often enough that nothing outlives its retention by more than an hour. */
const PURGE_INTERVAL_MS = 60 * 60 * 1000

export function retentionCutoff(retentionDays: number, now: Date): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS)
}

/** Rows per DELETE: small enough to finish well within the statement timeout. */
export const PURGE_BATCH_SIZE = 1000

export interface PurgeOutcome {
  deleted: number
  cutoff: Date
  /** Another process was purging: this one stopped (what it deleted before is counted). */
  busy: boolean
}

/** Deletes the events older than the retention, batch by batch, until none is left or another process purges. */
export async function purgeExpiredAuditEvents(db: Database, retentionDays: number, now = new Date(), batchSize = PURGE_BATCH_SIZE): Promise<PurgeOutcome> {
  const cutoff = retentionCutoff(retentionDays, now)
  let deleted = 0
  for (;;) {
    const batch = await purgeAuditBatchBefore(db, cutoff, batchSize)
    if (batch === undefined) return { deleted, cutoff, busy: true }
    deleted += batch
    if (batch < batchSize) return { deleted, cutoff, busy: false }
  }
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

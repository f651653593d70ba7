// Every write runs here: one database transaction (db.transaction), retried a bounded number of
// times with jittered backoff when it lost a race to a concurrent writer, and
// audited (docs/audit.md): the change's event is written by the same
// transaction, so it commits or rolls back with the change; a refusal is
// recorded after its rollback, in a transaction of its own.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { v7 as timeOrderedId } from 'uuid'
import { insertAuditEvent } from '../db/audit-store.ts'
import type { Tx } from '../db/client.ts'
import { classifyDatabaseError } from '../db/errors.ts'
import { auditEventOf, AUDITED_REFUSALS, timeOfEventId, type AuditDraft, type AuditEvent, type AuditOutcome } from '../domain/audit.ts'
import { GatewayError } from '../domain/errors.ts'
import { requestScope } from '../logger.ts'
import type { RequestContext } from './context.ts'

const MAX_ATTEMPTS = 5
const BASE_BACKOFF_MS = 4

export interface WriteObserver {
  /** Called before each retry of a transaction that lost a race. */
  onRetry?(): void
  /** Called once per committed audit event (never for a rolled-back attempt). */
  onAudited?(event: AuditEvent): void
}

/**
 * Runs `work` in a transaction, writes its audit event there and commits. The
 * service describes its change in `described` (what it knows before reading
 * anything: the change, the phone, the number asked for); the work fills in
 * its copy of it as it learns more (the target, the old number). A
 * conflict with a concurrent writer (a unique index taken meanwhile, a
 * serialization failure or deadlock, SQLite busy) rolls everything back,
 * event included, and runs `work` again with a fresh draft, which re-reads
 * the state and so decides again: a lost race for a number becomes
 * phoneNumberNotUnique, a lost race for a phone type PHONE_TYPE_ALREADY_EXISTS.
 * A conflict that outlives the retries is CONFLICT_RETRY, with nothing written.
 */
export async function inWriteTransaction<T>(
  ctx: RequestContext,
  described: AuditDraft,
  work: (tx: Tx, draft: AuditDraft) => Promise<T>,
): Promise<T> {
  const observer = ctx.writes
  for (let attempt = 1; ; attempt++) {
    const draft: AuditDraft = { ...described }
    try {
      const { value, event } = await ctx.db.transaction(async (tx) => {
        const value = await work(tx, draft)
        return { value, event: await insertAuditEvent(tx, ctx.db.provider, auditEventOf(ctx.principal, draft, outcome())) }
      })
      observer.onAudited?.(event)
      return value
    } catch (error) {
      if (classifyDatabaseError(error) === 'conflict') {
        if (attempt === MAX_ATTEMPTS) {
          throw new GatewayError('CONFLICT_RETRY', 'The change conflicted with concurrent changes and nothing was written. Retry it.')
        }
        observer.onRetry?.()
        await sleep(Math.random() * BASE_BACKOFF_MS * 2 ** attempt)
        continue
      }
      if (isAuditedRefusal(error, draft)) await recordRefusal(ctx, draft, error.code)
      throw error
    }
  }
}

/** A NOT_FOUND before the target user was found is an unknown user: refused before the change began, so not audited. */
function isAuditedRefusal(error: unknown, draft: AuditDraft): error is GatewayError {
  return error instanceof GatewayError && AUDITED_REFUSALS.has(error.code) && (error.code !== 'NOT_FOUND' || draft.target !== undefined)
}

/**
 * The failure event of a refused change, written once the change's own
 * transaction has rolled back. If it cannot be written, the request fails
 * with that error instead: a refusal is never silently unrecorded.
 */
async function recordRefusal(ctx: RequestContext, draft: AuditDraft, code: GatewayError['code']): Promise<void> {
  const event = await ctx.db.transaction((tx) =>
    insertAuditEvent(tx, ctx.db.provider, auditEventOf(ctx.principal, draft, { ...outcome(), refusedWith: code })),
  )
  ctx.writes.onAudited?.(event)
}

/** A fresh event id (a UUIDv7) and its time. */
function outcome(): AuditOutcome {
  const id = timeOrderedId()
  const scope = requestScope.getStore()
  return {
    id,
    at: timeOfEventId(id),
    requestId: scope?.requestId ?? randomUUID(),
    correlationId: scope?.clientRequestId,
  }
}

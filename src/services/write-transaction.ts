// Every write runs here: one Prisma transaction, retried a bounded number of
// times with jittered backoff when it lost a race to a concurrent writer.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Database, Tx } from '../db/client.ts'
import { classifyDatabaseError } from '../db/errors.ts'
import { GatewayError } from '../domain/errors.ts'

const MAX_ATTEMPTS = 5
const BASE_BACKOFF_MS = 4

export interface WriteObserver {
  /** Called before each retry of a transaction that lost a race. */
  onRetry?(): void
}

/**
 * Runs `work` in a transaction and commits it. A conflict with a concurrent
 * writer (a unique index taken meanwhile, a serialization failure or
 * deadlock, SQLite busy) rolls everything back and runs `work` again, which
 * re-reads the state and so decides again: a lost race for a number becomes
 * phoneNumberNotUnique, a lost race for a phone type PHONE_TYPE_ALREADY_EXISTS.
 * A conflict that outlives the retries is CONFLICT_RETRY, with nothing written.
 */
export async function inWriteTransaction<T>(
  db: Database,
  work: (tx: Tx) => Promise<T>,
  observer: WriteObserver = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.client.$transaction(work, { maxWait: 10_000, timeout: 15_000 })
    } catch (error) {
      if (classifyDatabaseError(error) !== 'conflict') throw error
      if (attempt === MAX_ATTEMPTS) {
        throw new GatewayError('CONFLICT_RETRY', 'the change conflicted with concurrent changes; nothing was written, retry it')
      }
      observer.onRetry?.()
      await sleep(Math.random() * BASE_BACKOFF_MS * 2 ** attempt)
    }
  }
}

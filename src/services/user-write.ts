// The write to one user that phone and sign-in preference changes share:
// refused or authorized, the user's row locked, audited, in one write
// transaction.
import type { Tx } from '../db/client.ts'
import { lockUserForWrite, userKeyOf, userPrincipalNameOf, type LockedUserRow } from '../db/user-store.ts'
import type { AuditDraft } from '../domain/audit.ts'
import type { Operation } from '../domain/permissions.ts'
import { isStorable } from '../domain/text.ts'
import { targetAsWritten, type UserReference } from '../domain/user-reference.ts'
import { authorizeTarget, type TargetUser } from './access.ts'
import type { RequestContext } from './context.ts'
import { userNotFound } from './users.ts'
import { inWriteTransaction } from './write-transaction.ts'

/**
 * The user a write is aimed at, as its row lock read them: their
 * userPrincipalName for the audit event, and their default sign-in method
 * (the phone it names can't be deleted).
 */
export type LockedUser = TargetUser & LockedUserRow

/** What a write does to the locked user, filling in its audit draft as it learns more. */
export type UserWork<T> = (tx: Tx, user: LockedUser, draft: AuditDraft) => Promise<T>

/**
 * One write to one user's phones or sign-in preferences: refuses a caller
 * limited to its own account who names anyone else, before any read of that
 * user (the refusal's event records the target as written); otherwise finds
 * and locks the user's row (the UPDATE's row lock makes concurrent writes to
 * the same user take turns, so every rule is checked against committed state:
 * a delete and a new default naming the same phone never both pass), checks
 * the caller may do this to this user, then runs `work`. Once committed, the request
 * forgets what it had read of that user, so the answer's `user { ... }` (and
 * later fields of the same document) see the change.
 */
export async function writeToUser<T>(ctx: RequestContext, described: AuditDraft & { change: Operation }, reference: UserReference, work: UserWork<T>): Promise<T> {
  let changedUserId: string | undefined
  const result = await inWriteTransaction(ctx, described, async (tx, draft) => {
    // Until a user is found, a refusal names the target as the caller wrote it.
    draft.target = targetAsWritten(reference)
    const user = await authorizeTarget(ctx.principal, described.change, reference, {
      find: async (named) => {
        const found = await lockUser(tx, ctx, named)
        // An unknown user is no change that began: NOT_FOUND for it is not audited.
        draft.target = found ?? undefined
        return found
      },
      callerUserPrincipalName: () => userPrincipalNameOf(tx, ctx.principal.tenantId, ctx.principal.subjectId),
    })
    if (!user) throw userNotFound(reference)
    changedUserId = user.id
    return work(tx, user, draft)
  })
  if (changedUserId) {
    ctx.loaders.phoneMethodsOfUser.clear(changedUserId)
    ctx.loaders.signInPreferencesOfUser.clear(changedUserId)
  }
  return result
}

/** Finds and locks the user; a key no row could hold finds no one. */
function lockUser(tx: Tx, ctx: RequestContext, reference: UserReference): Promise<LockedUser | null> {
  const key = userKeyOf(reference)
  if (!isStorable(key.value)) return Promise.resolve(null)
  return lockUserForWrite(tx, ctx.db.provider, ctx.principal.tenantId, key)
}

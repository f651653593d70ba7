// Asks the domain whether the caller may act on the user they named, with the
// reference as they wrote it, and only then looks the user up. A caller
// limited to its own account is refused for any other target before that
// target is read or locked, so the refusal is the same whether the target
// exists or not (docs/permissions.md). NOT_FOUND only ever answers callers
// who may act on other users.
import { GatewayError } from '../domain/errors.ts'
import { decide, mayActOnOthers, type Operation } from '../domain/permissions.ts'
import type { Principal } from '../domain/principal.ts'
import { namesCaller, userWithId, type UserReference } from '../domain/user-reference.ts'

export interface TargetUser {
  readonly id: string
  /** The directory roles (template ids) the user holds; loaded only where the permission rule depends on it (writes). */
  readonly directoryRoles?: ReadonlySet<string>
}

export const forbidden = (reason: string) => new GatewayError('FORBIDDEN', `Forbidden: ${reason}`)

/** The reads authorizeTarget may make, in the caller's transaction or outside one. */
export interface TargetLookups<U extends TargetUser> {
  /** The user a reference names, or null. Called only once the caller may act on what it names. */
  find(reference: UserReference): Promise<U | null>
  /** The caller's own userPrincipalName (null when the caller is no user of the tenant): a read of the caller, never of the target. */
  callerUserPrincipalName(): Promise<string | null>
}

/**
 * The user a reference names, when the caller may act on them; null when it
 * names no one, for a caller who may act on other users. Throws FORBIDDEN
 * otherwise. A caller who may act only on itself is refused, with no read of
 * the target, for every reference that does not name it.
 */
export async function authorizeTarget<U extends TargetUser>(
  principal: Principal,
  operation: Operation,
  reference: UserReference,
  lookups: TargetLookups<U>,
): Promise<U | null> {
  const onOthers = mayActOnOthers(principal, operation)
  if (!onOthers.allowed) {
    if (!(await referenceNamesCaller(principal, reference, lookups))) throw forbidden(onOthers.reason)
    return authorizedOnSelf(principal, operation, await lookups.find(userWithId(principal.subjectId)))
  }
  const user = await lookups.find(reference)
  if (user && user.id === principal.subjectId) return authorizedOnSelf(principal, operation, user)
  if (!user) return null
  const decision = decide(principal, operation, { kind: 'otherUser', directoryRoles: user.directoryRoles })
  if (!decision.allowed) throw forbidden(decision.reason)
  return user
}

function authorizedOnSelf<U>(principal: Principal, operation: Operation, user: U): U {
  const onSelf = decide(principal, operation, { kind: 'self' })
  if (!onSelf.allowed) throw forbidden(onSelf.reason)
  return user
}

/** Only a user token names anyone; a userPrincipalName is compared with the caller's own, read by the caller's id. */
async function referenceNamesCaller(principal: Principal, reference: UserReference, lookups: TargetLookups<TargetUser>): Promise<boolean> {
  if (principal.kind !== 'user') return false
  const callerUserPrincipalName = reference.by === 'userPrincipalName' ? await lookups.callerUserPrincipalName() : null
  return namesCaller(principal.subjectId, callerUserPrincipalName, reference)
}

/** For operations aimed at the caller's whole tenant: the SMS policy, the list of all users. */
export function authorizeTenant(principal: Principal, operation: Operation): void {
  const decision = decide(principal, operation, { kind: 'tenant' })
  if (!decision.allowed) throw forbidden(decision.reason)
}

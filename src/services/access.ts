// Finds the user an operation is aimed at and asks the domain whether the
// caller may act on them. NOT_FOUND only ever answers callers who may act on
// other users; a caller limited to its own account gets FORBIDDEN for any
// other target, whether it exists or not.
import { GatewayError } from '../domain/errors.ts'
import { decide, mayActOnOthers, type Operation } from '../domain/permissions.ts'
import type { Principal } from '../domain/principal.ts'

export interface TargetUser {
  readonly id: string
  /** The directory roles (template ids) the user holds; loaded only where the permission rule depends on it (writes). */
  readonly directoryRoles?: ReadonlySet<string>
}

export const forbidden = (reason: string) => new GatewayError('FORBIDDEN', `Forbidden: ${reason}`)

/**
 * Looks the target up with `find` (by id or userPrincipalName) and returns
 * it when the caller may act on it, or null when it does not exist for a
 * caller who may act on other users. Throws FORBIDDEN otherwise; for any
 * target that is not the caller, existing or not, the refusal is the same.
 */
export async function authorizeTarget<U extends TargetUser>(
  principal: Principal,
  operation: Operation,
  find: () => Promise<U | null>,
): Promise<U | null> {
  const user = await find()
  if (user && user.id === principal.subjectId) {
    const onSelf = decide(principal, operation, { kind: 'self' })
    if (!onSelf.allowed) throw forbidden(onSelf.reason)
    return user
  }
  const onOthers = mayActOnOthers(principal, operation)
  if (!onOthers.allowed) throw forbidden(onOthers.reason)
  if (!user) return null
  const decision = decide(principal, operation, { kind: 'otherUser', directoryRoles: user.directoryRoles })
  if (!decision.allowed) throw forbidden(decision.reason)
  return user
}

/** For operations aimed at the caller's whole tenant: the SMS policy, the list of all users. */
export function authorizeTenant(principal: Principal, operation: Operation): void {
  const decision = decide(principal, operation, { kind: 'tenant' })
  if (!decision.allowed) throw forbidden(decision.reason)
}

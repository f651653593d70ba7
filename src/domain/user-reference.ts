// How a caller names a user. Graph addresses a user by id or by
// userPrincipalName, and only a userPrincipalName contains "@"; the
// signed-in user (`me`, /me) is always named by the token's id.
import { storableText } from './text.ts'
import { searchKey } from './search-key.ts'

export type UserReference =
  | { readonly by: 'id'; readonly id: string }
  | { readonly by: 'userPrincipalName'; readonly userPrincipalName: string }

/** A reference as a caller wrote it in an argument or a URL. */
export function userReferenceOf(written: string): UserReference {
  return written.includes('@') ? { by: 'userPrincipalName', userPrincipalName: written } : { by: 'id', id: written }
}

export const userWithId = (id: string): UserReference => ({ by: 'id', id })

/** The reference as it was written, for messages. */
export const writtenForm = (reference: UserReference): string =>
  reference.by === 'id' ? reference.id : reference.userPrincipalName

/** userPrincipalNames compare case-insensitively: this is the form they are compared (and stored for lookups) in. */
export const userPrincipalNameKey: (userPrincipalName: string) => string = searchKey

/**
 * Whether the reference names the caller, judged from what was written and
 * never from a lookup of the target: an id against the token's own, a
 * userPrincipalName against the caller's own (null when the caller is not a
 * user of the tenant, and so is named by no userPrincipalName).
 */
export function namesCaller(callerId: string, callerUserPrincipalName: string | null, reference: UserReference): boolean {
  if (reference.by === 'id') return reference.id === callerId
  return callerUserPrincipalName !== null && userPrincipalNameKey(reference.userPrincipalName) === userPrincipalNameKey(callerUserPrincipalName)
}

/**
 * The target of a refused change for its audit event, exactly as the caller
 * wrote it: the id in targetUserId or the userPrincipalName in
 * targetUserPrincipalName, never the other one resolved from the directory.
 */
export function targetAsWritten(reference: UserReference): { id?: string; userPrincipalName?: string } {
  return reference.by === 'id' ? { id: storableText(reference.id) } : { userPrincipalName: storableText(reference.userPrincipalName) }
}

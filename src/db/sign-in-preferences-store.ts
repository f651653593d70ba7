// A user's sign-in preferences as columns of their User row.
import type { SignInPreferences, SignInPreferencesChange } from '../domain/sign-in-preferences.ts'
import type { Tx } from './client.ts'

export const signInPreferencesSelect = {
  userPreferredMethodForSecondaryAuthentication: true,
  isSystemPreferredAuthenticationMethodEnabled: true,
} as const

/** Applies a PATCH to one user's preferences and returns them as stored. */
export function writeSignInPreferences(
  tx: Tx,
  tenantId: string,
  userId: string,
  change: SignInPreferencesChange,
): Promise<SignInPreferences> {
  return tx.user.update({
    where: { tenantId_id: { tenantId, id: userId } },
    data: change,
    select: signInPreferencesSelect,
  })
}

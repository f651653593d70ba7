// A user's sign-in preferences as columns of their User row.
import type { DatabaseProvider } from '../config.ts'
import type { SignInPreferences, SignInPreferencesChange } from '../domain/sign-in-preferences.ts'
import { asEnum, Prisma, type Tx } from './client.ts'

export const signInPreferencesSelect = {
  userPreferredMethodForSecondaryAuthentication: true,
  isSystemPreferredAuthenticationMethodEnabled: true,
} as const

/** Applies a PATCH to one user's preferences and returns them as stored. */
export async function writeSignInPreferences(
  tx: Tx,
  provider: DatabaseProvider,
  tenantId: string,
  userId: string,
  change: SignInPreferencesChange,
): Promise<SignInPreferences> {
  const preferred = change.userPreferredMethodForSecondaryAuthentication
  const systemPreferred = change.isSystemPreferredAuthenticationMethodEnabled
  const assignments = [
    preferred !== undefined &&
      Prisma.sql`"userPreferredMethodForSecondaryAuthentication" = ${asEnum(provider, preferred, 'UserDefaultAuthenticationMethodType')}`,
    systemPreferred !== undefined && Prisma.sql`"isSystemPreferredAuthenticationMethodEnabled" = ${systemPreferred}`,
  ].filter((assignment): assignment is Prisma.Sql => assignment !== false)
  const columns = Prisma.sql`"userPreferredMethodForSecondaryAuthentication", "isSystemPreferredAuthenticationMethodEnabled"`
  const user = Prisma.sql`"tenantId" = ${tenantId} AND "id" = ${userId}`
  const [row] = await tx.query<{ userPreferredMethodForSecondaryAuthentication: SignInPreferences['userPreferredMethodForSecondaryAuthentication']; isSystemPreferredAuthenticationMethodEnabled: boolean | number }>(
    assignments.length === 0
      ? Prisma.sql`SELECT ${columns} FROM "User" WHERE ${user}`
      : Prisma.sql`UPDATE "User" SET ${Prisma.join(assignments)} WHERE ${user} RETURNING ${columns}`,
  )
  // The writer holds the user's row lock: the row is there. SQLite answers booleans as 0 or 1.
  return {
    userPreferredMethodForSecondaryAuthentication: row!.userPreferredMethodForSecondaryAuthentication,
    isSystemPreferredAuthenticationMethodEnabled: Boolean(row!.isSystemPreferredAuthenticationMethodEnabled),
  }
}

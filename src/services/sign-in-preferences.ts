// Reading and changing a user's sign-in preferences (Graph's signInPreferences).
import { writeSignInPreferences } from '../db/sign-in-preferences-store.ts'
import { UserNotFoundError } from '../domain/errors.ts'
import {
  assertDefaultMethodPossible,
  type SignInPreferences,
  type SignInPreferencesChange,
} from '../domain/sign-in-preferences.ts'
import type { UserReference } from '../domain/user-reference.ts'
import type { RequestContext } from './context.ts'
import { phoneTypesOf } from './phone-methods.ts'
import { writeToUser } from './user-write.ts'
import type { User } from './users.ts'

/** A readable user's preferences (batched across users); the user was authorized when it was read. */
export async function signInPreferencesOf(ctx: RequestContext, user: User): Promise<SignInPreferences> {
  const preferences = await ctx.loaders.signInPreferencesOfUser.load(user.id)
  // The user was read in this request: only a concurrent deletion of the user could leave nothing.
  if (!preferences) throw new UserNotFoundError('The user no longer exists in this tenant.', 'input.userId')
  return preferences
}

/**
 * A PATCH of the user's preferences. Takes the same user row lock as the
 * phone writes, so a default naming a phone and that phone's deletion never
 * both succeed.
 */
export function updateSignInPreferences(
  ctx: RequestContext,
  input: { user: UserReference } & SignInPreferencesChange,
): Promise<SignInPreferences> {
  const { user: reference, ...change } = input
  return writeToUser(ctx, { change: 'updateSignInPreferences' }, reference, async (tx, user) => {
    const method = change.userPreferredMethodForSecondaryAuthentication
    if (method) assertDefaultMethodPossible(method, await phoneTypesOf(tx, ctx, user))
    return writeSignInPreferences(tx, ctx.db.provider, ctx.principal.tenantId, user.id, change)
  })
}

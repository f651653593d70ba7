import { findUser, signedInUser, userNotFound, type User } from '../services/users.ts'
import type { RestCall } from './call.ts'

/** The user a read is aimed at: as GraphQL's `me` for /me, as `user(id)` otherwise (absent: 404). */
export async function readableUser(call: RestCall): Promise<User> {
  if (call.me) return signedInUser(call.ctx)
  const user = await findUser(call.ctx, call.user)
  if (!user) throw userNotFound(call.user)
  return user
}

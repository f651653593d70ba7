// Groups as rows: which groups a user is a direct member of (the SMS
// policy's decision needs it), and which group ids exist in a tenant.
import type { Db, Tx } from './client.ts'

/** Each user's group ids, in one statement for all of them. */
export async function groupIdsOfUsers(client: Db | Tx, tenantId: string, userIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const rows = await client.groupMember.findMany({
    where: { tenantId, userId: { in: [...userIds] } },
    select: { userId: true, groupId: true },
  })
  const byUser = new Map(userIds.map((id) => [id, new Set<string>()]))
  for (const row of rows) byUser.get(row.userId)?.add(row.groupId)
  return byUser
}

/** The ids among `groupIds` that name a group of the tenant. */
export async function existingGroupIds(client: Db | Tx, tenantId: string, groupIds: readonly string[]): Promise<Set<string>> {
  const rows = await client.group.findMany({ where: { tenantId, id: { in: [...groupIds] } }, select: { id: true } })
  return new Set(rows.map((row) => row.id))
}

// Groups as rows: which groups a user is a direct member of (the SMS
// policy's decision needs it), and which group ids exist in a tenant.
import { isOneOf, Prisma, type Statements } from './client.ts'

/** Each user's group ids, in one statement for all of them. */
export async function groupIdsOfUsers(statements: Statements, tenantId: string, userIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const byUser = new Map(userIds.map((id) => [id, new Set<string>()]))
  if (userIds.length === 0) return byUser
  const rows = await statements.query<{ userId: string; groupId: string }>(
    Prisma.sql`SELECT "userId", "groupId" FROM "GroupMember" WHERE "tenantId" = ${tenantId} AND ${isOneOf(statements, Prisma.sql`"userId"`, userIds)}`,
  )
  for (const row of rows) byUser.get(row.userId)?.add(row.groupId)
  return byUser
}

/** The ids among `groupIds` that name a group of the tenant. */
export async function existingGroupIds(statements: Statements, tenantId: string, groupIds: readonly string[]): Promise<Set<string>> {
  if (groupIds.length === 0) return new Set()
  const rows = await statements.query<{ id: string }>(
    Prisma.sql`SELECT "id" FROM "Group" WHERE "tenantId" = ${tenantId} AND ${isOneOf(statements, Prisma.sql`"id"`, groupIds)}`,
  )
  return new Set(rows.map((row) => row.id))
}

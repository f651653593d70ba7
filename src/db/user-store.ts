// Users as rows: the read behind user(id) and me, and the prefix search
// behind users(search:).
import type { DatabaseProvider } from '../config.ts'
import type { PhoneMethod } from '../domain/phone-method.ts'
import type { UserDefaultAuthenticationMethodType } from '../domain/sign-in-preferences.ts'
import { searchKey } from '../domain/search-key.ts'
import type { SmsPolicy } from '../domain/sms-policy.ts'
import { userPrincipalNameKey, type UserReference } from '../domain/user-reference.ts'
import { isOneOf, Prisma, type Db, type Statements, type Tx } from './client.ts'
import { smsPolicyOf, smsPolicyRows, type PolicyRow } from './sms-policy-store.ts'

export interface UserRow {
  readonly id: string
  readonly userPrincipalName: string
  readonly displayName: string | null
}

/** The columns of a UserRow. */
const USER_COLUMNS = Prisma.sql`"id", "userPrincipalName", "displayName"`

/** The stored lookup form of a userPrincipalName: Graph matches them case-insensitively. */
export { userPrincipalNameKey }

/** The stored search form of a displayName. */
export const displayNameKey = (displayName: string | null) => (displayName === null ? null : searchKey(displayName))

/** A search term in the form it is compared with the stored keys. */
export { searchKey }

/** How a user is looked up: by id, or by userPrincipalNameKey. */
export interface UserKey {
  readonly column: 'id' | 'userPrincipalNameKey'
  readonly value: string
}

export const userKeyOf = (reference: UserReference): UserKey =>
  reference.by === 'id' ? { column: 'id', value: reference.id } : { column: 'userPrincipalNameKey', value: userPrincipalNameKey(reference.userPrincipalName) }

/** A user's userPrincipalName by their id; null when the tenant has no such user. */
export async function userPrincipalNameOf(statements: Statements, tenantId: string, id: string): Promise<string | null> {
  const [user] = await statements.query<{ userPrincipalName: string }>(
    Prisma.sql`SELECT "userPrincipalName" FROM "User" WHERE "tenantId" = ${tenantId} AND "id" = ${id}`,
  )
  return user?.userPrincipalName ?? null
}

/** The tenant's users after `afterId` (all when null), in id order. */
export function usersInIdOrder(statements: Statements, tenantId: string, afterId: string | null | undefined, take: number): Promise<UserRow[]> {
  return statements.query<UserRow>(Prisma.sql`
    SELECT ${USER_COLUMNS} FROM "User"
    WHERE "tenantId" = ${tenantId} ${afterId ? Prisma.sql`AND "id" > ${afterId}` : Prisma.empty}
    ORDER BY "id" LIMIT ${take}`)
}

/** The users of the tenant among these ids. */
export function usersByIds(statements: Statements, tenantId: string, userIds: readonly string[]): Promise<UserRow[]> {
  if (userIds.length === 0) return Promise.resolve([])
  return statements.query<UserRow>(Prisma.sql`SELECT ${USER_COLUMNS} FROM "User" WHERE "tenantId" = ${tenantId} AND ${isOneOf(statements, Prisma.sql`"id"`, userIds)}`)
}

/** Which of these ids are users of the tenant. */
export async function existingUserIds(statements: Statements, tenantId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set()
  const rows = await statements.query<{ id: string }>(
    Prisma.sql`SELECT "id" FROM "User" WHERE "tenantId" = ${tenantId} AND ${isOneOf(statements, Prisma.sql`"id"`, userIds)}`,
  )
  return new Set(rows.map((row) => row.id))
}

/** A user as a write locked them: what the write's rules and its audit event need. */
export interface LockedUserRow extends Omit<UserRow, 'displayName'> {
  readonly directoryRoles: ReadonlySet<string>
  readonly preferredMethod: UserDefaultAuthenticationMethodType | null
}

/** Each provider's aggregate of a column into a JSON array. */
const JSON_ARRAY_OF = { sqlite: 'json_group_array', postgres: 'json_agg' } as const

/**
 * Finds the user, takes the row lock, and reads the directory roles they hold
 * and their default sign-in method, in one statement (Prisma would take three).
 * The UPDATE's row lock makes concurrent writes to the same user take turns.
 */
export async function lockUserForWrite(tx: Tx, provider: DatabaseProvider, tenantId: string, { column, value }: UserKey): Promise<LockedUserRow | null> {
  const [user] = await tx.query<{ id: string; userPrincipalName: string; roles: string | string[] | null; preferredMethod: UserDefaultAuthenticationMethodType | null }>(Prisma.sql`
    UPDATE "User" SET "version" = "version" + 1
    WHERE "tenantId" = ${tenantId} AND ${Prisma.raw(`"${column}"`)} = ${value}
    RETURNING "id", "userPrincipalName", "userPreferredMethodForSecondaryAuthentication" AS "preferredMethod", (
      SELECT ${Prisma.raw(JSON_ARRAY_OF[provider])}(r."roleTemplateId") FROM "DirectoryRoleAssignment" r
      WHERE r."tenantId" = "User"."tenantId" AND r."userId" = "User"."id"
    ) AS "roles"`)
  if (!user) return null
  // SQLite answers JSON as text; PostgreSQL's json_agg is parsed already, and NULL over no rows.
  const roles: string[] = typeof user.roles === 'string' ? JSON.parse(user.roles) : (user.roles ?? [])
  return { id: user.id, userPrincipalName: user.userPrincipalName, directoryRoles: new Set(roles), preferredMethod: user.preferredMethod }
}

type UserOrPolicyRow =
  | (UserRow & {
      row: 'user'
      phoneType: PhoneMethod['phoneType'] | null
      phoneNumber: string | null
      smsSignInRegistration: PhoneMethod['smsSignInRegistration'] | null
    })
  | (PolicyRow & { row: 'policy' })

/**
 * The user, all their phones, and the tenant's SMS policy (what their
 * phones' smsSignInState derives from) in one statement. A read of one user
 * is the gateway's most frequent request, and each Prisma call costs far more
 * CPU than the SQL it runs (bench/RESULTS.md): Prisma's own form of this (a
 * findFirst with the phones included, then the policy) takes three
 * statements and about five times the CPU. One statement also reads all
 * three at one moment, on PostgreSQL too.
 */
export async function readUserWithPhones(
  statements: Statements,
  tenantId: string,
  key: UserKey,
): Promise<{ user: UserRow; phones: PhoneMethod[]; smsPolicy: SmsPolicy } | null> {
  const rows = await statements.query<UserOrPolicyRow>(Prisma.sql`
    SELECT 'user' AS "row", u."id", u."userPrincipalName", u."displayName", p."phoneType", p."phoneNumber", p."smsSignInRegistration",
      NULL AS "state", NULL AS "list", NULL AS "targetId", NULL AS "targetType", NULL AS "isUsableForSignIn", NULL AS "position"
    FROM "User" u LEFT JOIN "PhoneMethod" p ON p."tenantId" = u."tenantId" AND p."userId" = u."id"
    WHERE u."tenantId" = ${tenantId} AND u.${Prisma.raw(`"${key.column}"`)} = ${key.value}
    UNION ALL
    SELECT 'policy', NULL, NULL, NULL, NULL, NULL, NULL, policy.* FROM (${smsPolicyRows(tenantId)}) AS policy
    ORDER BY "position"`)
  const userRows = rows.filter((row) => row.row === 'user')
  const [first] = userRows
  if (!first) return null
  const user: UserRow = { id: first.id, userPrincipalName: first.userPrincipalName, displayName: first.displayName }
  const phones = userRows.flatMap(({ phoneType, phoneNumber, smsSignInRegistration }) =>
    phoneType === null ? [] : [{ userId: user.id, phoneType, phoneNumber: phoneNumber!, smsSignInRegistration: smsSignInRegistration! }],
  )
  return { user, phones, smsPolicy: smsPolicyOf(rows.filter((row) => row.row === 'policy')) }
}

/** A user found by search, with the key the search is ordered by. */
export interface UserSearchRow extends UserRow {
  readonly userPrincipalNameKey: string
}

// The keys compare as UTF-8 bytes (SQLite's BINARY collation, PostgreSQL's
// "C"), so every key that starts with a prefix p lies in [p, p + U+10FFFF):
// U+10FFFF is the highest code point, and nothing continues a real name with it.
const PAST_EVERY_CONTINUATION = '\u{10FFFF}'
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b))

/**
 * The first `take` users of the tenant, after `afterKey`, whose
 * userPrincipalNameKey or displayNameKey starts with `prefix` (a searchKey),
 * in userPrincipalNameKey order. Each prefix is one index range: the
 * userPrincipalName range stops after `take` rows whatever the table's size;
 * the displayName range reads its matches from an index that holds every
 * column read (it is ordered by another key), and keeps the first `take`. The
 * two are merged without duplicates.
 */
export function userSearchStatement(tenantId: string, prefix: string, afterKey: string | null, take: number): Prisma.Sql {
  const end = prefix + PAST_EVERY_CONTINUATION
  // One lower bound only, so that the planner cannot pick the looser one for the index range.
  const upnFrom =
    afterKey !== null && byteOrder(afterKey, prefix) >= 0
      ? Prisma.sql`"userPrincipalNameKey" > ${afterKey}`
      : Prisma.sql`"userPrincipalNameKey" >= ${prefix}`
  const afterCursor = afterKey === null ? Prisma.empty : Prisma.sql`AND "userPrincipalNameKey" > ${afterKey}`
  return Prisma.sql`
    SELECT * FROM (
      SELECT "id", "userPrincipalName", "displayName", "userPrincipalNameKey" FROM "User"
      WHERE "tenantId" = ${tenantId} AND ${upnFrom} AND "userPrincipalNameKey" < ${end}
      ORDER BY "userPrincipalNameKey" LIMIT ${take}
    ) AS by_user_principal_name
    UNION
    SELECT * FROM (
      SELECT "id", "userPrincipalName", "displayName", "userPrincipalNameKey" FROM "User"
      WHERE "tenantId" = ${tenantId} AND "displayNameKey" >= ${prefix} AND "displayNameKey" < ${end} ${afterCursor}
      ORDER BY "userPrincipalNameKey" LIMIT ${take}
    ) AS by_display_name
    ORDER BY "userPrincipalNameKey" LIMIT ${take}`
}

export function searchUsers(statements: Statements, tenantId: string, prefix: string, afterKey: string | null, take: number): Promise<UserSearchRow[]> {
  return statements.query<UserSearchRow>(userSearchStatement(tenantId, prefix, afterKey, take))
}

// A user and their phones as rows: the read behind user(id) and me.
import type { PhoneMethod } from '../domain/phone-method.ts'
import { Prisma, type Db } from './client.ts'

export interface UserRow {
  readonly id: string
  readonly userPrincipalName: string
  readonly displayName: string | null
}

/** The stored lookup form of a userPrincipalName: Graph matches them case-insensitively. */
export const userPrincipalNameKey = (userPrincipalName: string) => userPrincipalName.toLowerCase()

/** How a user is looked up: by id, or by userPrincipalNameKey. */
export interface UserKey {
  readonly column: 'id' | 'userPrincipalNameKey'
  readonly value: string
}

interface JoinedRow extends UserRow {
  phoneType: PhoneMethod['phoneType'] | null
  phoneNumber: string | null
  smsSignInRegistration: PhoneMethod['smsSignInRegistration'] | null
}

/**
 * The user and all their phones in one statement. A read of one user is the
 * gateway's most frequent request, and Prisma's own form of this (a findFirst
 * with the phones included) costs two statements and about four times the CPU
 * of one raw call (bench/RESULTS.md).
 */
export async function readUserWithPhones(
  client: Db,
  tenantId: string,
  key: UserKey,
): Promise<{ user: UserRow; phones: PhoneMethod[] } | null> {
  const rows = await client.$queryRaw<JoinedRow[]>`
    SELECT u."id", u."userPrincipalName", u."displayName", p."phoneType", p."phoneNumber", p."smsSignInRegistration"
    FROM "User" u LEFT JOIN "PhoneMethod" p ON p."tenantId" = u."tenantId" AND p."userId" = u."id"
    WHERE u."tenantId" = ${tenantId} AND u.${Prisma.raw(`"${key.column}"`)} = ${key.value}`
  const [first] = rows
  if (!first) return null
  const user: UserRow = { id: first.id, userPrincipalName: first.userPrincipalName, displayName: first.displayName }
  const phones = rows.flatMap(({ phoneType, phoneNumber, smsSignInRegistration }) =>
    phoneType === null ? [] : [{ userId: user.id, phoneType, phoneNumber: phoneNumber!, smsSignInRegistration: smsSignInRegistration! }],
  )
  return { user, phones }
}

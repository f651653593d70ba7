// A user's phones as rows, as the writes use them: what a write reads once it
// holds the user's row lock, and its insert, update and delete, in the write's
// transaction (db/statements.ts). The read answers two questions in one statement.
import type { PhoneMethod, PhoneType } from '../domain/phone-method.ts'
import type { SmsSignInRegistration } from '../domain/sms-sign-in.ts'
import { asEnum, isOneOf, Prisma, type Database, type Statements, type Tx } from './client.ts'

type Provider = Database['provider']

/** A phone as stored: a registered mobile also holds its E.164 number for SMS sign-in. */
export interface StoredPhone extends PhoneMethod {
  readonly smsSignInNumber: string | null
}

export interface PhonesOfUser {
  readonly phones: ReadonlyMap<PhoneType, PhoneMethod>
  /** Whether another user of the tenant holds the number asked about for SMS sign-in (false when none was asked about). */
  readonly numberHeldByAnotherUser: boolean
}

interface PhoneOrHolderRow {
  /** 'phone' for a phone of the user, 'holder' for another user holding the number. */
  kind: 'phone' | 'holder'
  phoneType: PhoneType | null
  phoneNumber: string | null
  smsSignInRegistration: SmsSignInRegistration | null
}

/**
 * The user's phones and, when `smsNumber` is given, whether another user of
 * the tenant holds it for SMS sign-in: the two reads every phone write
 * decides with, in one statement.
 */
export async function readPhonesOfUser(tx: Tx, tenantId: string, userId: string, smsNumber?: string): Promise<PhonesOfUser> {
  const rows = await tx.query<PhoneOrHolderRow>(Prisma.sql`
    SELECT 'phone' AS "kind", "phoneType", "phoneNumber", "smsSignInRegistration" FROM "PhoneMethod"
    WHERE "tenantId" = ${tenantId} AND "userId" = ${userId}
    ${smsNumber === undefined ? Prisma.empty : Prisma.sql`UNION ALL SELECT 'holder', NULL, NULL, NULL ${holdersOf(tenantId, userId, smsNumber)}`}`)
  const phones = new Map<PhoneType, PhoneMethod>()
  for (const row of rows) {
    if (row.kind === 'phone') {
      phones.set(row.phoneType!, { userId, phoneType: row.phoneType!, phoneNumber: row.phoneNumber!, smsSignInRegistration: row.smsSignInRegistration! })
    }
  }
  return { phones, numberHeldByAnotherUser: rows.some((row) => row.kind === 'holder') }
}

/** The phones of these users of the tenant, in no particular order (a page of users, batched by the request's loader). */
export function phonesOfUsers(statements: Statements, tenantId: string, userIds: readonly string[]): Promise<PhoneMethod[]> {
  if (userIds.length === 0) return Promise.resolve([])
  return statements.query<PhoneMethod>(Prisma.sql`
    SELECT "userId", "phoneType", "phoneNumber", "smsSignInRegistration" FROM "PhoneMethod"
    WHERE "tenantId" = ${tenantId} AND ${isOneOf(statements, Prisma.sql`"userId"`, userIds)}`)
}

/** Whether another user of the tenant holds the number for SMS sign-in. */
export async function isNumberHeldByAnotherUser(tx: Tx, tenantId: string, userId: string, smsNumber: string): Promise<boolean> {
  const rows = await tx.query(Prisma.sql`SELECT 1 ${holdersOf(tenantId, userId, smsNumber)}`)
  return rows.length > 0
}

/** The number's holder other than the user: at most one row, by the (tenantId, smsSignInNumber) unique index. */
const holdersOf = (tenantId: string, userId: string, smsNumber: string) =>
  Prisma.sql`FROM "PhoneMethod" WHERE "tenantId" = ${tenantId} AND "smsSignInNumber" = ${smsNumber} AND "userId" <> ${userId}`

export async function insertPhone(tx: Tx, provider: Provider, tenantId: string, phone: StoredPhone): Promise<void> {
  await tx.execute(Prisma.sql`
    INSERT INTO "PhoneMethod" ("tenantId", "userId", "phoneType", "phoneNumber", "smsSignInRegistration", "smsSignInNumber")
    VALUES (${tenantId}, ${phone.userId}, ${asEnum(provider, phone.phoneType, 'PhoneType')}, ${phone.phoneNumber},
      ${asEnum(provider, phone.smsSignInRegistration, 'SmsSignInRegistration')}, ${phone.smsSignInNumber})`)
}

/** Writes the phone's number and registration (its key, the user and the type, never changes). */
export async function updatePhone(tx: Tx, provider: Provider, tenantId: string, phone: StoredPhone): Promise<void> {
  await tx.execute(Prisma.sql`
    UPDATE "PhoneMethod" SET "phoneNumber" = ${phone.phoneNumber},
      "smsSignInRegistration" = ${asEnum(provider, phone.smsSignInRegistration, 'SmsSignInRegistration')},
      "smsSignInNumber" = ${phone.smsSignInNumber}
    WHERE "tenantId" = ${tenantId} AND "userId" = ${phone.userId} AND "phoneType" = ${asEnum(provider, phone.phoneType, 'PhoneType')}`)
}

export async function deletePhone(tx: Tx, provider: Provider, tenantId: string, userId: string, phoneType: PhoneType): Promise<void> {
  await tx.execute(Prisma.sql`
    DELETE FROM "PhoneMethod"
    WHERE "tenantId" = ${tenantId} AND "userId" = ${userId} AND "phoneType" = ${asEnum(provider, phoneType, 'PhoneType')}`)
}

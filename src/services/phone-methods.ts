// The phone-method use cases: add, update, delete, enable and disable SMS
// sign-in. Each is one write transaction that locks the target user's row,
// asks the domain for decisions, and writes.
import { Prisma, type Tx } from '../db/client.ts'
import { phoneMethodSelect } from '../db/loaders.ts'
import { readSmsPolicy } from '../db/sms-policy-store.ts'
import { GatewayError } from '../domain/errors.ts'
import { phoneTypeOfMethodId, type PhoneMethod, type PhoneType } from '../domain/phone-method.ts'
import { e164Of, maskPhoneNumber, type PhoneNumber } from '../domain/phone-number.ts'
import { assertCanAdd, assertCanDelete } from '../domain/phone-rules.ts'
import { isStorable } from '../domain/text.ts'
import { seesFullPhoneNumbers, type Operation } from '../domain/permissions.ts'
import { allowsSmsSignIn } from '../domain/sms-policy.ts'
import { registrationOnSave, smsSignInState, type SmsSignInRegistration, type SmsSignInState } from '../domain/sms-sign-in.ts'
import { authorizeTarget, type TargetUser } from './access.ts'
import type { RequestContext } from './context.ts'
import { userKey, userNotFound } from './users.ts'
import { inWriteTransaction } from './write-transaction.ts'

export interface PhoneMethodRef {
  readonly userId: string
  /** One of Graph's fixed phone method ids. */
  readonly methodId: string
}

/** What is left of a deleted phone: enough for a client to evict it and refresh its owner. */
export type DeletedPhoneMethod = Pick<PhoneMethod, 'userId' | 'phoneType'>

/** Whether this caller sees the phone's number masked (§4: some roles see only the last two digits). */
export function isPhoneNumberMaskedFor(ctx: RequestContext, phone: PhoneMethod): boolean {
  return !seesFullPhoneNumbers(ctx.principal, phone.userId)
}

/** The number as this caller may see it. */
export function visiblePhoneNumber(ctx: RequestContext, phone: PhoneMethod): string {
  return isPhoneNumberMaskedFor(ctx, phone) ? maskPhoneNumber(phone.phoneNumber) : phone.phoneNumber
}

/** Derived on every read from the stored registration and the tenant's policy as it is now. */
export async function smsSignInStateOf(ctx: RequestContext, phone: PhoneMethod): Promise<SmsSignInState> {
  if (phone.phoneType !== 'mobile') return smsSignInState(phone, false)
  return smsSignInState(phone, allowsSmsSignIn(await ctx.loaders.smsPolicy(), phone.userId))
}

export function addPhoneMethod(
  ctx: RequestContext,
  input: { userId: string; phoneNumber: PhoneNumber; phoneType: PhoneType },
): Promise<PhoneMethod> {
  return changePhonesOf(ctx, 'addPhoneMethod', input.userId, async (tx, user) => {
    assertCanAdd(await phoneTypesOf(tx, ctx, user), input.phoneType)
    const registration = input.phoneType === 'mobile' ? await registrationOnSaveOf(tx, ctx, user, input.phoneNumber) : 'notEnabled'
    return tx.phoneMethod.create({
      data: {
        tenantId: ctx.principal.tenantId,
        userId: user.id,
        phoneType: input.phoneType,
        phoneNumber: input.phoneNumber.canonical,
        ...registrationColumns(registration, input.phoneNumber.e164),
      },
      select: phoneMethodSelect,
    })
  })
}

/** Changes the number only: Graph never changes a phone's type. A changed mobile tries SMS sign-in registration again. */
export function updatePhoneMethod(
  ctx: RequestContext,
  input: PhoneMethodRef & { phoneNumber: PhoneNumber },
): Promise<PhoneMethod> {
  return changePhonesOf(ctx, 'updatePhoneMethod', input.userId, async (tx, user) => {
    const phone = await storedPhone(tx, ctx, user, input.methodId)
    const registration = phone.phoneType === 'mobile' ? await registrationOnSaveOf(tx, ctx, user, input.phoneNumber) : 'notEnabled'
    return tx.phoneMethod.update({
      where: phoneKey(ctx, user, phone.phoneType),
      data: { phoneNumber: input.phoneNumber.canonical, ...registrationColumns(registration, input.phoneNumber.e164) },
      select: phoneMethodSelect,
    })
  })
}

/** Deleting a mobile frees its number for SMS sign-in. */
export function deletePhoneMethod(ctx: RequestContext, input: PhoneMethodRef): Promise<DeletedPhoneMethod> {
  return changePhonesOf(ctx, 'deletePhoneMethod', input.userId, async (tx, user) => {
    const phoneType = phoneTypeOfMethodId(input.methodId)
    const existing = await phoneTypesOf(tx, ctx, user)
    if (!phoneType || !existing.has(phoneType)) throw phoneNotFound(input.methodId)
    assertCanDelete(existing, phoneType)
    await tx.phoneMethod.delete({ where: phoneKey(ctx, user, phoneType) })
    return { userId: user.id, phoneType }
  })
}

export function enableSmsSignIn(ctx: RequestContext, input: PhoneMethodRef): Promise<PhoneMethod> {
  return changePhonesOf(ctx, 'enableSmsSignIn', input.userId, async (tx, user) => {
    const phone = await storedMobile(tx, ctx, user, input.methodId)
    if (!allowsSmsSignIn(await readSmsPolicy(tx, ctx.principal.tenantId), user.id)) {
      throw new GatewayError('SMS_SIGN_IN_NOT_ALLOWED', "the tenant's SMS authentication method policy does not let this user sign in by SMS")
    }
    if (phone.smsSignInRegistration === 'registered') return phone
    const e164 = e164Of(phone.phoneNumber)
    if (await numberHeldByAnotherUser(tx, ctx, user, e164)) {
      throw new GatewayError('PHONE_NUMBER_NOT_UNIQUE', 'another user of this tenant already uses this number for SMS sign-in')
    }
    return tx.phoneMethod.update({
      where: phoneKey(ctx, user, 'mobile'),
      data: registrationColumns('registered', e164),
      select: phoneMethodSelect,
    })
  })
}

/** Makes the mobile notEnabled and frees its number for other users. */
export function disableSmsSignIn(ctx: RequestContext, input: PhoneMethodRef): Promise<PhoneMethod> {
  return changePhonesOf(ctx, 'disableSmsSignIn', input.userId, async (tx, user) => {
    await storedMobile(tx, ctx, user, input.methodId)
    return tx.phoneMethod.update({
      where: phoneKey(ctx, user, 'mobile'),
      data: registrationColumns('notEnabled', null),
      select: phoneMethodSelect,
    })
  })
}

/**
 * One write to one user's phones: finds and locks the user's row (the
 * UPDATE's row lock makes concurrent writes to the same user's phones take
 * turns, so every rule is checked against committed state), checks the
 * caller may do this to this user, then runs `work`. Once committed, the
 * request forgets the phones it had read of that user, so the answer's
 * `user { phoneMethods }` (and later fields of the same document) see the change.
 */
async function changePhonesOf<T>(
  ctx: RequestContext,
  operation: Operation,
  userRef: string,
  work: (tx: Tx, user: TargetUser) => Promise<T>,
): Promise<T> {
  let changedUserId: string | undefined
  const result = await inWriteTransaction(
    ctx.db,
    async (tx) => {
      const user = await authorizeTarget(ctx.principal, operation, () => lockUser(tx, ctx, userRef))
      if (!user) throw userNotFound(userRef)
      changedUserId = user.id
      return work(tx, user)
    },
    ctx.writes,
  )
  if (changedUserId) ctx.loaders.phoneMethodsOfUser.clear(changedUserId)
  return result
}

/**
 * Finds the user, takes the row lock and learns whether they hold a
 * directory role, in one statement (Prisma would take three).
 */
async function lockUser(tx: Tx, ctx: RequestContext, userRef: string): Promise<TargetUser | null> {
  if (!isStorable(userRef)) return null
  const { column, value } = userKey(userRef)
  const [user] = await tx.$queryRaw<{ id: string; holdsDirectoryRole: boolean | number | bigint }[]>`
    UPDATE "User" SET "version" = "version" + 1
    WHERE "tenantId" = ${ctx.principal.tenantId} AND ${Prisma.raw(`"${column}"`)} = ${value}
    RETURNING "id", EXISTS (
      SELECT 1 FROM "DirectoryRoleAssignment" r WHERE r."tenantId" = "User"."tenantId" AND r."userId" = "User"."id"
    ) AS "holdsDirectoryRole"`
  return user ? { id: user.id, holdsDirectoryRole: Boolean(user.holdsDirectoryRole) } : null
}

const phoneKey = (ctx: RequestContext, user: TargetUser, phoneType: PhoneType) => ({
  tenantId_userId_phoneType: { tenantId: ctx.principal.tenantId, userId: user.id, phoneType },
})

export const phoneNotFound = (id: string) => new GatewayError('NOT_FOUND', `the user has no phone method with id "${id}"`)

async function phoneTypesOf(tx: Tx, ctx: RequestContext, user: TargetUser): Promise<Set<PhoneType>> {
  const phones = await tx.phoneMethod.findMany({
    where: { tenantId: ctx.principal.tenantId, userId: user.id },
    select: { phoneType: true },
  })
  return new Set(phones.map((phone) => phone.phoneType))
}

async function storedPhone(tx: Tx, ctx: RequestContext, user: TargetUser, methodId: string): Promise<PhoneMethod> {
  const phoneType = phoneTypeOfMethodId(methodId)
  const phone =
    phoneType && (await tx.phoneMethod.findUnique({ where: phoneKey(ctx, user, phoneType), select: phoneMethodSelect }))
  if (!phone) throw phoneNotFound(methodId)
  return phone
}

async function storedMobile(tx: Tx, ctx: RequestContext, user: TargetUser, methodId: string): Promise<PhoneMethod> {
  const phone = await storedPhone(tx, ctx, user, methodId)
  if (phone.phoneType !== 'mobile') {
    throw new GatewayError('SMS_SIGN_IN_NOT_SUPPORTED', `SMS sign-in is only supported on the mobile phone, not on ${phone.phoneType}`)
  }
  return phone
}

async function registrationOnSaveOf(tx: Tx, ctx: RequestContext, user: TargetUser, number: PhoneNumber): Promise<SmsSignInRegistration> {
  if (!allowsSmsSignIn(await readSmsPolicy(tx, ctx.principal.tenantId), user.id)) return registrationOnSave(false, false)
  return registrationOnSave(true, await numberHeldByAnotherUser(tx, ctx, user, number.e164))
}

async function numberHeldByAnotherUser(tx: Tx, ctx: RequestContext, user: TargetUser, e164: string): Promise<boolean> {
  const holder = await tx.phoneMethod.findFirst({
    where: { tenantId: ctx.principal.tenantId, smsSignInNumber: e164, userId: { not: user.id } },
    select: { userId: true },
  })
  return holder !== null
}

/** The stored columns for a registration: only a registered mobile holds its number. */
function registrationColumns(registration: SmsSignInRegistration, e164: string | null) {
  return { smsSignInRegistration: registration, smsSignInNumber: registration === 'registered' ? e164 : null }
}

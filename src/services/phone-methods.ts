// The phone-method use cases: add, update, delete, enable and disable SMS
// sign-in. Each is one write transaction that locks the target user's row,
// asks the domain for decisions, and writes.
import type { Tx } from '../db/client.ts'
import { groupIdsOfUsers } from '../db/group-store.ts'
import { deletePhone, insertPhone, isNumberHeldByAnotherUser, readPhonesOfUser, updatePhone, type StoredPhone } from '../db/phone-store.ts'
import { readSmsPolicy } from '../db/sms-policy-store.ts'
import type { AuditDraft } from '../domain/audit.ts'
import { GatewayError } from '../domain/errors.ts'
import { phoneTypeOfMethodId, type PhoneMethod, type PhoneType } from '../domain/phone-method.ts'
import { e164Of, maskPhoneNumber, type PhoneNumber } from '../domain/phone-number.ts'
import { assertCanAdd, assertCanDelete, METHOD_ID_FIELD, phoneTypeNoun } from '../domain/phone-rules.ts'
import type { UserReference } from '../domain/user-reference.ts'
import { seesFullPhoneNumbers, type Operation } from '../domain/permissions.ts'
import { assertNotDefaultMethod } from '../domain/sign-in-preferences.ts'
import { allowsSmsSignIn, groupIdsNamedBy, type PolicySubject, type SmsPolicy } from '../domain/sms-policy.ts'
import { registrationOnSave, smsSignInState, updateKeepsRegistration, type SmsSignInRegistration, type SmsSignInState } from '../domain/sms-sign-in.ts'
import type { TargetUser } from './access.ts'
import type { RequestContext } from './context.ts'
import { writeToUser, type UserWork } from './user-write.ts'

export interface PhoneMethodRef {
  /** The user as the caller named them. */
  readonly user: UserReference
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

/**
 * Derived on every read from the stored registration and the tenant's policy
 * as it is now. The owner's groups are read (batched across phones) only
 * when the policy names groups.
 */
export async function smsSignInStateOf(ctx: RequestContext, phone: PhoneMethod): Promise<SmsSignInState> {
  if (phone.phoneType !== 'mobile') return smsSignInState(phone, false)
  const policy = await ctx.loaders.smsPolicy()
  const groupIds = groupIdsNamedBy(policy).length > 0 ? await ctx.loaders.groupIdsOfUser.load(phone.userId) : NO_GROUPS
  return smsSignInState(phone, allowsSmsSignIn(policy, { id: phone.userId, groupIds }))
}

const NO_GROUPS: ReadonlySet<string> = new Set()

export function addPhoneMethod(
  ctx: RequestContext,
  input: { user: UserReference; phoneNumber: PhoneNumber; phoneType: PhoneType },
): Promise<PhoneMethod> {
  const described = { change: 'addPhoneMethod', phoneType: input.phoneType, newPhoneNumber: input.phoneNumber.canonical } as const
  return changePhonesOf(ctx, described, input.user, async (tx, user) => {
    const mobile = input.phoneType === 'mobile'
    const { phones, numberHeldByAnotherUser } = await readPhonesOfUser(tx, ctx.principal.tenantId, user.id, mobile ? input.phoneNumber.e164 : undefined)
    assertCanAdd(new Set(phones.keys()), input.phoneType)
    const registration = mobile ? await registrationOnSaveOf(tx, ctx, user, numberHeldByAnotherUser) : 'notEnabled'
    const phone = { userId: user.id, phoneType: input.phoneType, phoneNumber: input.phoneNumber.canonical, smsSignInRegistration: registration }
    await insertPhone(tx, ctx.db.provider, ctx.principal.tenantId, stored(phone, input.phoneNumber.e164))
    return phone
  })
}

/**
 * Changes the number only: Graph never changes a phone's type. Whether the
 * phone keeps its SMS sign-in registration is updateKeepsRegistration's call.
 */
export function updatePhoneMethod(
  ctx: RequestContext,
  input: PhoneMethodRef & { phoneNumber: PhoneNumber },
): Promise<PhoneMethod> {
  const phoneType = phoneTypeOfMethodId(input.methodId)
  const described = { change: 'updatePhoneMethod', phoneType, newPhoneNumber: input.phoneNumber.canonical } as const
  return changePhonesOf(ctx, described, input.user, async (tx, user, draft) => {
    const mobile = phoneType === 'mobile'
    const { phones, numberHeldByAnotherUser } = await readPhonesOfUser(tx, ctx.principal.tenantId, user.id, mobile ? input.phoneNumber.e164 : undefined)
    const phone = phoneType && phones.get(phoneType)
    if (!phone) throw phoneNotFound(input.methodId)
    draft.oldPhoneNumber = phone.phoneNumber
    if (updateKeepsRegistration(phone, input.phoneNumber.canonical)) return phone
    const registration = mobile ? await registrationOnSaveOf(tx, ctx, user, numberHeldByAnotherUser) : 'notEnabled'
    const updated = { ...phone, phoneNumber: input.phoneNumber.canonical, smsSignInRegistration: registration }
    await updatePhone(tx, ctx.db.provider, ctx.principal.tenantId, stored(updated, input.phoneNumber.e164))
    return updated
  })
}

/** Deleting a mobile frees its number for SMS sign-in. The phone behind the user's default method stays. */
export function deletePhoneMethod(ctx: RequestContext, input: PhoneMethodRef): Promise<DeletedPhoneMethod> {
  const phoneType = phoneTypeOfMethodId(input.methodId)
  return changePhonesOf(ctx, { change: 'deletePhoneMethod', phoneType }, input.user, async (tx, user, draft) => {
    const { phones } = await readPhonesOfUser(tx, ctx.principal.tenantId, user.id)
    const phone = phoneType && phones.get(phoneType)
    if (!phone) throw phoneNotFound(input.methodId)
    assertCanDelete(new Set(phones.keys()), phone.phoneType)
    assertNotDefaultMethod(user.preferredMethod, phone.phoneType)
    await deletePhone(tx, ctx.db.provider, ctx.principal.tenantId, user.id, phone.phoneType)
    draft.oldPhoneNumber = phone.phoneNumber
    return { userId: user.id, phoneType: phone.phoneType }
  })
}

export function enableSmsSignIn(ctx: RequestContext, input: PhoneMethodRef): Promise<PhoneMethod> {
  const described = { change: 'enableSmsSignIn', phoneType: phoneTypeOfMethodId(input.methodId) } as const
  return changePhonesOf(ctx, described, input.user, async (tx, user) => {
    const phone = await storedMobile(tx, ctx, user, input.methodId)
    if (!(await policyAllows(tx, ctx, user))) {
      throw new GatewayError('SMS_SIGN_IN_NOT_ALLOWED', "The tenant's SMS authentication method policy does not let this user sign in by SMS.")
    }
    if (phone.smsSignInRegistration === 'registered') return phone
    const e164 = e164Of(phone.phoneNumber)
    if (await isNumberHeldByAnotherUser(tx, ctx.principal.tenantId, user.id, e164)) {
      throw new GatewayError('PHONE_NUMBER_NOT_UNIQUE', 'Another user of this tenant already uses this number for SMS sign-in.')
    }
    const registered = { ...phone, smsSignInRegistration: 'registered' as const }
    await updatePhone(tx, ctx.db.provider, ctx.principal.tenantId, stored(registered, e164))
    return registered
  })
}

/** Makes the mobile notEnabled and frees its number for other users. */
export function disableSmsSignIn(ctx: RequestContext, input: PhoneMethodRef): Promise<PhoneMethod> {
  const described = { change: 'disableSmsSignIn', phoneType: phoneTypeOfMethodId(input.methodId) } as const
  return changePhonesOf(ctx, described, input.user, async (tx, user) => {
    const phone = await storedMobile(tx, ctx, user, input.methodId)
    const disabled = { ...phone, smsSignInRegistration: 'notEnabled' as const }
    await updatePhone(tx, ctx.db.provider, ctx.principal.tenantId, stored(disabled, null))
    return disabled
  })
}

/**
 * A write to one user's phones (see writeToUser). The answer's smsSignInState
 * then derives from the policy the write decided with.
 */
async function changePhonesOf<T>(ctx: RequestContext, described: AuditDraft & { change: Operation }, reference: UserReference, work: UserWork<T>): Promise<T> {
  let decidedWith: PolicyDecision | undefined
  const result = await writeToUser(ctx, described, reference, async (tx, user, draft) => {
    const value = await work(tx, user, draft)
    // Set on every attempt that gets here: only the committed one's counts.
    decidedWith = policyDecisions.get(tx)
    return value
  })
  if (decidedWith) answerWithPolicyOf(ctx, decidedWith)
  return result
}

/** The SMS policy a write's transaction read, and the user it judged under it. */
interface PolicyDecision {
  readonly policy: SmsPolicy
  readonly subject: PolicySubject
  /** Whether the user's groups were read (the policy names groups). */
  readonly groupsRead: boolean
}

/** Per transaction, so that a rolled-back attempt's reads are never used. */
const policyDecisions = new WeakMap<Tx, PolicyDecision>()

/** The answer's smsSignInState derives from the policy the write decided with, which is not read again (§6 rule 7). */
function answerWithPolicyOf(ctx: RequestContext, { policy, subject, groupsRead }: PolicyDecision): void {
  ctx.loaders.useSmsPolicy(policy)
  if (groupsRead) ctx.loaders.groupIdsOfUser.clear(subject.id).prime(subject.id, subject.groupIds)
}

export const phoneNotFound = (id: string) => new GatewayError('NOT_FOUND', `The user has no phone method with id "${id}".`, undefined, METHOD_ID_FIELD)

export async function phoneTypesOf(tx: Tx, ctx: RequestContext, user: TargetUser): Promise<Set<PhoneType>> {
  const { phones } = await readPhonesOfUser(tx, ctx.principal.tenantId, user.id)
  return new Set(phones.keys())
}

async function storedMobile(tx: Tx, ctx: RequestContext, user: TargetUser, methodId: string): Promise<PhoneMethod> {
  const phoneType = phoneTypeOfMethodId(methodId)
  const phone = phoneType && (await readPhonesOfUser(tx, ctx.principal.tenantId, user.id)).phones.get(phoneType)
  if (!phone) throw phoneNotFound(methodId)
  if (phone.phoneType !== 'mobile') {
    throw new GatewayError(
      'SMS_SIGN_IN_NOT_SUPPORTED',
      `SMS sign-in works only on the mobile phone, not on ${phoneTypeNoun(phone.phoneType)}.`,
      undefined,
      METHOD_ID_FIELD,
    )
  }
  return phone
}

/** A mobile registers only if the policy allows its user and no other user holds its number. */
async function registrationOnSaveOf(tx: Tx, ctx: RequestContext, user: TargetUser, numberHeldByAnotherUser: boolean): Promise<SmsSignInRegistration> {
  if (!(await policyAllows(tx, ctx, user))) return registrationOnSave(false, false)
  return registrationOnSave(true, numberHeldByAnotherUser)
}

/** Whether the policy, as this transaction reads it, lets the user sign in by SMS. */
async function policyAllows(tx: Tx, ctx: RequestContext, user: TargetUser): Promise<boolean> {
  const policy = await readSmsPolicy(tx, ctx.principal.tenantId)
  const groupsRead = groupIdsNamedBy(policy).length > 0
  const subject = { id: user.id, groupIds: groupsRead ? await groupIdsOf(tx, ctx, user) : NO_GROUPS }
  policyDecisions.set(tx, { policy, subject, groupsRead })
  return allowsSmsSignIn(policy, subject)
}

async function groupIdsOf(tx: Tx, ctx: RequestContext, user: TargetUser): Promise<ReadonlySet<string>> {
  const groups = await groupIdsOfUsers(tx, ctx.principal.tenantId, [user.id])
  return groups.get(user.id)!
}

/** The stored form of a phone: only a registered mobile holds its number. */
function stored(phone: PhoneMethod, e164: string | null): StoredPhone {
  return { ...phone, smsSignInNumber: phone.smsSignInRegistration === 'registered' ? e164 : null }
}

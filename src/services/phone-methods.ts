// The phone-method use cases: add, update, delete, enable and disable SMS
// sign-in. Each is one write transaction that locks the target user's row,
// asks the domain for decisions, and writes.
import { Prisma, type Tx } from '../db/client.ts'
import { userKeyOf, userPrincipalNameOf } from '../db/user-store.ts'
import { groupIdsOfUsers } from '../db/group-store.ts'
import { deletePhone, insertPhone, isNumberHeldByAnotherUser, readPhonesOfUser, updatePhone, type StoredPhone } from '../db/phone-store.ts'
import { readSmsPolicy } from '../db/sms-policy-store.ts'
import type { AuditDraft } from '../domain/audit.ts'
import { GatewayError } from '../domain/errors.ts'
import { phoneTypeOfMethodId, type PhoneMethod, type PhoneType } from '../domain/phone-method.ts'
import { e164Of, maskPhoneNumber, type PhoneNumber } from '../domain/phone-number.ts'
import { assertCanAdd, assertCanDelete, METHOD_ID_FIELD, phoneTypeNoun } from '../domain/phone-rules.ts'
import { isStorable } from '../domain/text.ts'
import { targetAsWritten, type UserReference } from '../domain/user-reference.ts'
import { seesFullPhoneNumbers, type Operation } from '../domain/permissions.ts'
import { assertNotDefaultMethod, type UserDefaultAuthenticationMethodType } from '../domain/sign-in-preferences.ts'
import { allowsSmsSignIn, groupIdsNamedBy, type PolicySubject, type SmsPolicy } from '../domain/sms-policy.ts'
import { registrationOnSave, smsSignInState, type SmsSignInRegistration, type SmsSignInState } from '../domain/sms-sign-in.ts'
import { authorizeTarget, type TargetUser } from './access.ts'
import type { RequestContext } from './context.ts'
import { userNotFound } from './users.ts'
import { inWriteTransaction } from './write-transaction.ts'

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
 * Changes the number only: Graph never changes a phone's type. A mobile whose
 * number changes tries SMS sign-in registration again; one whose number stays
 * keeps its registration, so that an update does not undo a disableSmsSignIn.
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
    if (phone.phoneNumber === input.phoneNumber.canonical) return phone
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

/** The user a write is aimed at, as its row lock read them. */
export interface LockedUser extends TargetUser {
  /** For the audit event. */
  readonly userPrincipalName: string
  readonly directoryRoles: ReadonlySet<string>
  /** Their default sign-in method: the phone it names can't be deleted. */
  readonly preferredMethod: UserDefaultAuthenticationMethodType | null
}

/**
 * One write to one user's phones or sign-in preferences: refuses a caller
 * limited to its own account who names anyone else, before any read of that
 * user (the refusal's event records the target as written); otherwise finds
 * and locks the user's row (the UPDATE's row lock makes concurrent writes to
 * the same user take turns, so every rule is checked against committed state:
 * a delete and a new default naming the same phone never both pass), checks
 * the caller may do this to this user, then runs `work`. Once committed, the request
 * forgets what it had read of that user, so the answer's `user { ... }` (and
 * later fields of the same document) see the change.
 */
export async function changePhonesOf<T>(
  ctx: RequestContext,
  described: AuditDraft & { change: Operation },
  reference: UserReference,
  work: (tx: Tx, user: LockedUser, draft: AuditDraft) => Promise<T>,
): Promise<T> {
  let changedUserId: string | undefined
  let decidedWith: PolicyDecision | undefined
  const result = await inWriteTransaction(ctx, described, async (tx, draft) => {
    // Until a user is found, a refusal names the target as the caller wrote it.
    draft.target = targetAsWritten(reference)
    const user = await authorizeTarget(ctx.principal, described.change, reference, {
      find: async (named) => {
        const found = await lockUser(tx, ctx, named)
        // An unknown user is no change that began: NOT_FOUND for it is not audited.
        draft.target = found ?? undefined
        return found
      },
      callerUserPrincipalName: () => userPrincipalNameOf(tx, ctx.principal.tenantId, ctx.principal.subjectId),
    })
    if (!user) throw userNotFound(reference)
    changedUserId = user.id
    const value = await work(tx, user, draft)
    // Set on every attempt that gets here: only the committed one's counts.
    decidedWith = policyDecisions.get(tx)
    return value
  })
  if (changedUserId) {
    ctx.loaders.phoneMethodsOfUser.clear(changedUserId)
    ctx.loaders.signInPreferencesOfUser.clear(changedUserId)
  }
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

/** Each provider's aggregate of a column into a JSON array. */
const JSON_ARRAY_OF = { sqlite: 'json_group_array', postgres: 'json_agg' } as const

/**
 * Finds the user, takes the row lock, and reads the directory roles they hold
 * and their default sign-in method, in one statement (Prisma would take three).
 */
async function lockUser(tx: Tx, ctx: RequestContext, reference: UserReference): Promise<LockedUser | null> {
  const { column, value } = userKeyOf(reference)
  if (!isStorable(value)) return null
  const [user] = await tx.$queryRaw<{ id: string; userPrincipalName: string; roles: string | string[] | null; preferredMethod: UserDefaultAuthenticationMethodType | null }[]>`
    UPDATE "User" SET "version" = "version" + 1
    WHERE "tenantId" = ${ctx.principal.tenantId} AND ${Prisma.raw(`"${column}"`)} = ${value}
    RETURNING "id", "userPrincipalName", "userPreferredMethodForSecondaryAuthentication" AS "preferredMethod", (
      SELECT ${Prisma.raw(JSON_ARRAY_OF[ctx.db.provider])}(r."roleTemplateId") FROM "DirectoryRoleAssignment" r
      WHERE r."tenantId" = "User"."tenantId" AND r."userId" = "User"."id"
    ) AS "roles"`
  if (!user) return null
  // SQLite answers JSON as text; PostgreSQL's json_agg is parsed already, and NULL over no rows.
  const roles: string[] = typeof user.roles === 'string' ? JSON.parse(user.roles) : (user.roles ?? [])
  return { id: user.id, userPrincipalName: user.userPrincipalName, directoryRoles: new Set(roles), preferredMethod: user.preferredMethod }
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

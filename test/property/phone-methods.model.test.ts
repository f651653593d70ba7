// Model-based test of the phone-method family and the SMS policy (docs/rules.md,
// docs/errors.md): fast-check draws random sequences of mutations and reads, runs them
// against the real gateway (yoga.fetch, real database) and checks every
// response, and the stored state after every command, against a small
// in-memory model of Graph's rules written here, independently of src/.
//
// Kept small on purpose: three users, four valid numbers (two of which are
// the same SMS number, with and without an extension), so that type,
// uniqueness and policy conflicts happen in almost every sequence.
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { AUDITED_REFUSALS } from '../support/personas/contract-examples.ts'
import { seed, type SeedFile } from '../../src/db/seed.ts'
import { codes, startGateway, type GraphQLResponse, type TestGateway } from '../support/harness/gateway.ts'
import { people, personaTokens, testTenants, tokenFor } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

// ---------------------------------------------------------------------------
// The contract's constants (docs/rules.md), written out rather than imported.

const TENANT = 'contoso'
const PHONE_TYPES = ['mobile', 'alternateMobile', 'office'] as const
type PhoneType = (typeof PHONE_TYPES)[number]
const METHOD_ID: Record<PhoneType, string> = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
}
const UNKNOWN_METHOD_ID = '00000000-0000-4000-8000-000000000000'
/** The app-only caller's subject (test/support/personas/tenants.ts personaTokens). */
const APP_ID = 'app-0001'
const typeOfMethodId = (id: string) => PHONE_TYPES.find((type) => METHOD_ID[type] === id)

/** "+1 5555551234" and "+1 5555551234x12" are one SMS number. */
const VALID_NUMBERS = ['+1 2065555555', '+44 2071234567', '+1 5555551234', '+1 5555551234x12'] as const
const INVALID_NUMBERS = ['5555551234', '+1-555-555-1234', '+1 123', '+999 5555551234', '+1 5555551234x'] as const

// The users phones are added to: no role (kim, lee) and a role holder
// (reader, Global Reader): a Privileged Authentication Administrator may act
// on all of them. The admin itself is drawn now and then: it may never add or
// update its own phones.
const TARGETS = { kim: people.kim, lee: people.lee, reader: people.reader } as const
type Name = keyof typeof TARGETS
const NAMES = Object.keys(TARGETS) as Name[]

// Two groups of the tenant (the seed file format of README.md), whose members the sequences change
// by seeding again; policy targets name them, and sometimes a group that does not exist.
const GROUPS = ['group-pilot', 'group-sales'] as const
type GroupId = (typeof GROUPS)[number]
const UNKNOWN_GROUP = 'group-nobody'
type Membership = Record<GroupId, Name[]>
const INITIAL_MEMBERSHIP: Membership = { 'group-pilot': ['kim'], 'group-sales': ['lee', 'reader'] }

/** The test tenants, with the groups and these members. */
const seedFileWith = (membership: Membership): SeedFile => ({
  tenants: testTenants.tenants.map((tenant) =>
    tenant.id === TENANT
      ? { ...tenant, groups: GROUPS.map((id) => ({ id, displayName: id, members: membership[id].map((name) => TARGETS[name].id) })) }
      : tenant,
  ),
})

// Graph's default sign-in methods, and the phone each phone-based one needs.
const DEFAULT_METHODS = ['sms', 'voiceMobile', 'voiceAlternateMobile', 'voiceOffice', 'push', 'oath'] as const
type DefaultMethod = (typeof DEFAULT_METHODS)[number]
const PHONE_OF_METHOD: Partial<Record<DefaultMethod, PhoneType>> = {
  sms: 'mobile',
  voiceMobile: 'mobile',
  voiceAlternateMobile: 'alternateMobile',
  voiceOffice: 'office',
}

type Registration = 'registered' | 'notEnabled' | 'phoneNumberNotUnique'
type SmsSignInState = 'notSupported' | 'notAllowedByPolicy' | 'notEnabled' | 'phoneNumberNotUnique' | 'ready'

interface IncludeTarget {
  id: string
  targetType: 'user' | 'group'
  isUsableForSignIn: boolean
}
interface ExcludeTarget {
  id: string
  targetType: 'user' | 'group'
}
interface Policy {
  state: 'enabled' | 'disabled'
  includeTargets: IncludeTarget[]
  excludeTargets: ExcludeTarget[]
}

const DEFAULT_POLICY: Policy = {
  state: 'enabled',
  includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: true }],
  excludeTargets: [],
}

// ---------------------------------------------------------------------------
// The model.

interface Phone {
  number: string
  /** Only meaningful on a mobile; other phones are never registered. */
  registration: Registration
}

interface Model {
  phones: Record<Name, Partial<Record<PhoneType, Phone>>>
  policy: Policy
  membership: Membership
  /** Each user's default sign-in method (null: not set). */
  preferred: Record<Name, DefaultMethod | null>
  /** The audit trail the commands so far must have left, oldest first (docs/audit.md). */
  events: AuditEvent[]
}

/** Who a command is aimed at, and how it names them. */
interface UserRef {
  who: Name | 'admin' | 'nobody' | 'outsider'
  ref: string
}

const emptyModel = (): Model => ({
  phones: { kim: {}, lee: {}, reader: {} },
  policy: structuredClone(DEFAULT_POLICY),
  membership: structuredClone(INITIAL_MEMBERSHIP),
  preferred: { kim: null, lee: null, reader: null },
  events: [],
})

const isTarget = (who: UserRef['who']): who is Name => (NAMES as string[]).includes(who)

/** The number SMS goes to: the extension is not part of it. */
const smsNumber = (number: string) => number.replace(/x[0-9]*$/, '')

/** A group target covers all_users or a group's direct members; a user target, that user. */
function covers(model: Model, target: { id: string; targetType: string }, name: Name): boolean {
  if (target.targetType === 'user') return target.id === TARGETS[name].id
  return target.id === 'all_users' || (model.membership[target.id as GroupId]?.includes(name) ?? false)
}

function allowedByPolicy(model: Model, name: Name, policy: Policy = model.policy): boolean {
  const viaGroup = (target: { id: string; targetType: string }) => target.targetType === 'group' && target.id !== 'all_users'
  const including = policy.includeTargets.filter((target) => target.isUsableForSignIn && covers(model, target, name))
  const excluding = policy.excludeTargets.filter((target) => covers(model, target, name))
  if (including.length > 0 && including.every(viaGroup)) note('situation: only a group includes the user')
  if (excluding.length > 0 && excluding.every(viaGroup)) note('situation: only a group excludes the user')
  return policy.state === 'enabled' && including.length > 0 && excluding.length === 0
}

/** Another user's registered mobile holds this SMS number (whatever the policy says of that user now). */
function heldByAnother(model: Model, name: Name, number: string): boolean {
  const holder = NAMES.find((other) => {
    const mobile = model.phones[other].mobile
    return other !== name && mobile?.registration === 'registered' && smsNumber(mobile.number) === smsNumber(number)
  })
  if (holder === undefined) return false
  if (model.phones[holder].mobile!.number !== number) note('situation: the number is held under another extension')
  if (!allowedByPolicy(model, holder)) note('situation: the number is held by a user the policy excludes')
  return true
}

function registrationOnSave(model: Model, name: Name, type: PhoneType, number: string): Registration {
  if (type !== 'mobile' || !allowedByPolicy(model, name)) return 'notEnabled'
  return heldByAnother(model, name, number) ? 'phoneNumberNotUnique' : 'registered'
}

function stateOf(model: Model, name: Name, type: PhoneType): SmsSignInState {
  if (type !== 'mobile') return 'notSupported'
  if (!allowedByPolicy(model, name)) return 'notAllowedByPolicy'
  const registration = model.phones[name][type]!.registration
  return registration === 'registered' ? 'ready' : registration
}

function view(model: Model, name: Name, type: PhoneType) {
  return {
    methodId: METHOD_ID[type],
    phoneNumber: model.phones[name][type]!.number,
    phoneType: type,
    smsSignInState: stateOf(model, name, type),
  }
}

const phonesView = (model: Model, name: Name) =>
  PHONE_TYPES.filter((type) => model.phones[name][type]).map((type) => view(model, name, type))

const policyView = (policy: Policy) => ({ id: 'Sms', ...structuredClone(policy) })

/** The outcomes and situations the random sequences reached, per database (checked after the runs). */
const reached = new Map<string, number>()
const note = (label: string) => void reached.set(label, (reached.get(label) ?? 0) + 1)

/** What a command must answer: the field's value, or one error code (and no data). */
type Outcome = { ok: true; value: unknown } | { ok: false; code: string }
const ok = (value: unknown): Outcome => ({ ok: true, value })
const fail = (code: string): Outcome => ({ ok: false, code })

const isValidNumber = (number: string) => (VALID_NUMBERS as readonly string[]).includes(number)

/**
 * The common prefix of every phone mutation: input validation, then the
 * target user (unknown: NOT_FOUND; the admin on itself: FORBIDDEN for add and
 * update, which nobody may do on their own account). The admin has no phones
 * (it can never add one), so the other operations on it find none: NOT_FOUND.
 */
function target(user: UserRef, opts: { number?: string; selfForbidden: boolean }): Name | Outcome {
  if (opts.number !== undefined && !isValidNumber(opts.number)) return fail('BAD_USER_INPUT')
  if (user.who === 'nobody' || user.who === 'outsider') return fail('NOT_FOUND')
  if (user.who === 'admin') return opts.selfForbidden ? fail('FORBIDDEN') : fail('NOT_FOUND')
  return user.who
}

function modelAdd(model: Model, user: UserRef, number: string, type: PhoneType): Outcome {
  const name = target(user, { number, selfForbidden: true })
  if (typeof name === 'object') return name
  const phones = model.phones[name]
  if (phones[type]) return fail('PHONE_TYPE_ALREADY_EXISTS')
  if (type === 'alternateMobile' && !phones.mobile) return fail('MOBILE_REQUIRED')
  phones[type] = { number, registration: registrationOnSave(model, name, type, number) }
  return ok(view(model, name, type))
}

function modelUpdate(model: Model, user: UserRef, methodId: string, number: string): Outcome {
  const name = target(user, { number, selfForbidden: true })
  if (typeof name === 'object') return name
  const type = typeOfMethodId(methodId)
  if (!type || !model.phones[name][type]) return fail('NOT_FOUND')
  const phone = model.phones[name][type]!
  // Graph registers again only when the number changes: a kept number keeps its registration.
  if (phone.number === number) {
    if (type === 'mobile' && phone.registration === 'notEnabled') note('situation: an update that keeps the number keeps a notEnabled mobile')
    return ok(view(model, name, type))
  }
  // Computed before the change: the user's own old number never blocks them.
  model.phones[name][type] = { number, registration: registrationOnSave(model, name, type, number) }
  return ok(view(model, name, type))
}

function modelDelete(model: Model, user: UserRef, methodId: string): Outcome {
  const name = target(user, { selfForbidden: false })
  if (typeof name === 'object') return name
  const type = typeOfMethodId(methodId)
  const phones = model.phones[name]
  if (!type || !phones[type]) return fail('NOT_FOUND')
  if (type === 'mobile' && phones.alternateMobile) return fail('ALTERNATE_MOBILE_EXISTS')
  const preferred = model.preferred[name]
  if (preferred && PHONE_OF_METHOD[preferred] === type) return fail('DEFAULT_METHOD_CANNOT_BE_DELETED')
  delete phones[type]
  return ok({ methodId: METHOD_ID[type] })
}

/** The user's mobile an enable/disable names, or the refusal the gateway must give first. */
function mobileFor(model: Model, user: UserRef, methodId: string): { name: Name; phone: Phone } | Outcome {
  const name = target(user, { selfForbidden: false })
  if (typeof name === 'object') return name
  const type = typeOfMethodId(methodId)
  const phone = type && model.phones[name][type]
  if (!type || !phone) return fail('NOT_FOUND')
  if (type !== 'mobile') return fail('SMS_SIGN_IN_NOT_SUPPORTED')
  return { name, phone }
}

function modelEnable(model: Model, user: UserRef, methodId: string): Outcome {
  const found = mobileFor(model, user, methodId)
  if (!('phone' in found)) return found
  const { name, phone } = found
  if (!allowedByPolicy(model, name)) return fail('SMS_SIGN_IN_NOT_ALLOWED')
  if (phone.registration === 'registered') note('situation: enableSmsSignIn on a registered mobile')
  else {
    if (heldByAnother(model, name, phone.number)) return fail('PHONE_NUMBER_NOT_UNIQUE')
    phone.registration = 'registered'
  }
  return ok(view(model, name, 'mobile'))
}

function modelDisable(model: Model, user: UserRef, methodId: string): Outcome {
  const found = mobileFor(model, user, methodId)
  if (!('phone' in found)) return found
  found.phone.registration = 'notEnabled'
  return ok(view(model, found.name, 'mobile'))
}

type Caller = 'policyAdmin' | 'app' | 'admin'
interface PolicyPatch {
  state?: Policy['state']
  includeTargets?: IncludeTarget[]
  excludeTargets?: ExcludeTarget[]
}

const TENANT_USER_IDS: string[] = Object.values(people)
  .filter((person) => person.userPrincipalName.endsWith('@contoso.com'))
  .map((person) => person.id)
const validTarget = (target: { id: string; targetType: string }) =>
  target.targetType === 'group' ? target.id === 'all_users' || (GROUPS as readonly string[]).includes(target.id) : TENANT_USER_IDS.includes(target.id)

function modelPolicy(model: Model, patch: PolicyPatch, caller: Caller): Outcome {
  // docs/permissions.md first: changing the policy needs Authentication Policy
  // Administrator or Global Administrator (or the app permission); a
  // Privileged Authentication Administrator alone may not.
  // Then the state: user targets must be users of the tenant, group targets all_users or groups of the tenant.
  const targets = [...(patch.includeTargets ?? []), ...(patch.excludeTargets ?? [])]
  if (caller === 'admin') return fail('FORBIDDEN')
  if (!targets.every(validTarget)) return fail('BAD_USER_INPUT')
  return replacePolicy(model, {
    state: patch.state ?? model.policy.state,
    includeTargets: structuredClone(patch.includeTargets ?? model.policy.includeTargets),
    excludeTargets: structuredClone(patch.excludeTargets ?? model.policy.excludeTargets),
  })
}

/** Graph's DELETE on the configuration: the default policy, with the same permission as a change. */
function modelReset(model: Model, caller: Caller): Outcome {
  if (caller === 'admin') return fail('FORBIDDEN')
  return replacePolicy(model, structuredClone(DEFAULT_POLICY))
}

function replacePolicy(model: Model, policy: Policy): Outcome {
  const before = model.policy
  model.policy = policy
  for (const name of NAMES) {
    if (model.phones[name].mobile?.registration !== 'registered') continue
    if (!allowedByPolicy(model, name, before) && allowedByPolicy(model, name)) note('situation: a registered mobile is allowed again')
  }
  return ok(policyView(model.policy))
}

/** A seed that replaces the groups' members: the next read follows them. */
function modelMembership(model: Model, membership: Membership) {
  for (const name of NAMES) {
    const before = allowedByPolicy(model, name)
    const after = allowedByPolicy({ ...model, membership }, name)
    if (before !== after && model.phones[name].mobile) note("situation: a membership change flips a mobile's state")
  }
  model.membership = structuredClone(membership)
}

/** updateSignInPreferences as the admin: a phone-based method whose phone exists, or null. */
function modelSetDefault(model: Model, user: UserRef, method: DefaultMethod | null): Outcome {
  if (method !== null && !PHONE_OF_METHOD[method]) return fail('BAD_USER_INPUT')
  if (user.who === 'nobody' || user.who === 'outsider') return fail('NOT_FOUND')
  // The admin (a user token with the .All scope) may set its own; it has no phones.
  if (user.who === 'admin') return method === null ? ok(preferencesView(null)) : fail('BAD_USER_INPUT')
  const phoneType = method && PHONE_OF_METHOD[method]
  if (phoneType && !model.phones[user.who][phoneType]) return fail('BAD_USER_INPUT')
  model.preferred[user.who] = method
  return ok(preferencesView(method))
}

const preferencesView = (method: DefaultMethod | null) => ({
  userPreferredMethodForSecondaryAuthentication: method,
  isSystemPreferredAuthenticationMethodEnabled: true,
})

// ---------------------------------------------------------------------------
// The audit trail: what each mutation must record.

interface AuditEvent {
  activityDisplayName: string
  category: string
  result: 'success' | 'failure'
  resultReason: string | null
  initiatedByUserId: string | null
  initiatedByAppId: string | null
  targetUserId: string | null
  targetUserPrincipalName: string | null
  methodId: string | null
  phoneType: string | null
  oldPhoneNumber: string | null
  newPhoneNumber: string | null
}

/** docs/permissions.md: every digit of the national number but the last two becomes X, the extension dropped. */
function masked(number: string | undefined): string | null {
  if (number === undefined) return null
  const [, countryCode, national] = /^\+(\d+) (\d+)/.exec(number)!
  return `+${countryCode} ${'X'.repeat(national!.length - 2)}${national!.slice(-2)}`
}

type PhoneChange = 'addPhoneMethod' | 'updatePhoneMethod' | RefOperation | 'updateSignInPreferences'
const PHONE_ACTIVITY: Record<PhoneChange, { admin: string; self: string }> = {
  addPhoneMethod: { admin: 'Admin registered security info', self: 'Admin registered security info' },
  updatePhoneMethod: { admin: 'Admin updated security info', self: 'Admin updated security info' },
  deletePhoneMethod: { admin: 'Admin deleted security info', self: 'User deleted security info' },
  enableSmsSignIn: { admin: 'Admin enabled SMS sign-in', self: 'User enabled SMS sign-in' },
  disableSmsSignIn: { admin: 'Admin disabled SMS sign-in', self: 'User disabled SMS sign-in' },
  updateSignInPreferences: { admin: 'Admin changed default security info', self: 'User changed default security info' },
}

/** The number of the phone a command names, before the command. */
function numberOf(model: Model, user: UserRef, methodId: string): string | undefined {
  const type = typeOfMethodId(methodId)
  return isTarget(user.who) && type ? model.phones[user.who][type]?.number : undefined
}

const isAudited = (outcome: Outcome, user?: UserRef) =>
  outcome.ok || (AUDITED_REFUSALS.has(outcome.code) && !(outcome.code === 'NOT_FOUND' && (user?.who === 'nobody' || user?.who === 'outsider')))

/** A phone command (always by the Privileged Authentication Administrator): its event, if any, joins the model's trail. */
function recordPhoneEvent(
  model: Model,
  change: PhoneChange,
  user: UserRef,
  outcome: Outcome,
  phone: { methodId?: string; oldNumber?: string; newNumber?: string },
) {
  if (!isAudited(outcome, user)) return
  const person = user.who === 'admin' ? people.admin : TARGETS[user.who as Name]
  const type = phone.methodId === undefined ? undefined : typeOfMethodId(phone.methodId)
  model.events.push({
    activityDisplayName: PHONE_ACTIVITY[change][user.who === 'admin' ? 'self' : 'admin'],
    category: 'UserManagement',
    result: outcome.ok ? 'success' : 'failure',
    resultReason: outcome.ok ? null : outcome.code,
    initiatedByUserId: people.admin.id,
    initiatedByAppId: null,
    targetUserId: person.id,
    targetUserPrincipalName: person.userPrincipalName,
    methodId: type ? METHOD_ID[type] : null,
    phoneType: type ?? null,
    oldPhoneNumber: outcome.ok ? masked(phone.oldNumber) : null,
    newPhoneNumber: masked(phone.newNumber),
  })
}

function recordPolicyEvent(model: Model, caller: Caller, outcome: Outcome, activityDisplayName = 'Authentication Methods Policy Update') {
  if (!isAudited(outcome)) return
  const initiator = caller === 'app' ? { initiatedByUserId: null, initiatedByAppId: APP_ID } : { initiatedByUserId: people[caller].id, initiatedByAppId: null }
  model.events.push({
    activityDisplayName,
    category: 'Policy',
    result: outcome.ok ? 'success' : 'failure',
    resultReason: outcome.ok ? null : outcome.code,
    ...initiator,
    targetUserId: null,
    targetUserPrincipalName: null,
    methodId: null,
    phoneType: null,
    oldPhoneNumber: null,
    newPhoneNumber: null,
  })
}

const AUDIT_SELECT = {
  activityDisplayName: true,
  category: true,
  result: true,
  resultReason: true,
  initiatedByUserId: true,
  initiatedByAppId: true,
  targetUserId: true,
  targetUserPrincipalName: true,
  methodId: true,
  phoneType: true,
  oldPhoneNumber: true,
  newPhoneNumber: true,
} as const

/** The stored trail, oldest first, against the model's: one event per audited command, in order. */
async function expectAuditTrail(model: Model, real: Real) {
  const stored = await real.gateway.db.client.auditEvent.findMany({
    where: { tenantId: TENANT },
    orderBy: [{ activityDateTime: 'asc' }, { id: 'asc' }],
    select: AUDIT_SELECT,
  })
  expect(stored, 'audit trail').toEqual(model.events)
}

// ---------------------------------------------------------------------------
// The real system and how responses are compared.

const PHONE_FIELDS = 'methodId phoneNumber phoneType smsSignInState'
const POLICY_FIELDS = 'id state includeTargets { id targetType isUsableForSignIn } excludeTargets { id targetType }'

const ADD = `mutation Add($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { ${PHONE_FIELDS} } }`
const UPDATE = `mutation Update($input: UpdatePhoneMethodInput!) { updatePhoneMethod(input: $input) { ${PHONE_FIELDS} } }`
const DELETE = `mutation Delete($input: PhoneMethodRefInput!) { deletePhoneMethod(input: $input) { methodId } }`
const ENABLE = `mutation Enable($input: PhoneMethodRefInput!) { enableSmsSignIn(input: $input) { ${PHONE_FIELDS} } }`
const DISABLE = `mutation Disable($input: PhoneMethodRefInput!) { disableSmsSignIn(input: $input) { ${PHONE_FIELDS} } }`
const POLICY = `mutation Policy($input: SmsAuthenticationMethodConfigurationInput!) {
  updateSmsAuthenticationMethodConfiguration(input: $input) { ${POLICY_FIELDS} }
}`
const RESET = `mutation Reset { resetSmsAuthenticationMethodConfiguration { ${POLICY_FIELDS} } }`
const PREFERENCE_FIELDS = 'userPreferredMethodForSecondaryAuthentication isSystemPreferredAuthenticationMethodEnabled'
const SET_DEFAULT = `mutation SetDefault($input: UpdateSignInPreferencesInput!) { updateSignInPreferences(input: $input) { ${PREFERENCE_FIELDS} } }`
const READ_ALL = `query State($kim: String!, $lee: String!, $reader: String!) {
  kim: user(id: $kim) { phoneMethods { ${PHONE_FIELDS} } signInPreferences { ${PREFERENCE_FIELDS} } }
  lee: user(id: $lee) { phoneMethods { ${PHONE_FIELDS} } signInPreferences { ${PREFERENCE_FIELDS} } }
  reader: user(id: $reader) { phoneMethods { ${PHONE_FIELDS} } signInPreferences { ${PREFERENCE_FIELDS} } }
  nobody: user(id: "nobody@contoso.com") { id }
  smsAuthenticationMethodConfiguration { ${POLICY_FIELDS} }
}`
const READ_ONE = `query One($userId: String!, $methodId: ID!) { phoneMethod(userId: $userId, methodId: $methodId) { ${PHONE_FIELDS} } }`

interface Real {
  gateway: TestGateway
  tokens: Awaited<ReturnType<typeof personaTokens>>
  /** The admin with Global Reader too, so that one read sees every phone in full and the SMS policy. */
  observer: string
}

function expectOutcome(response: GraphQLResponse, field: string, expected: Outcome) {
  if (expected.ok) {
    expect(response.errors, `${field}: unexpected errors`).toBeUndefined()
    expect(response.data?.[field], `${field}: response`).toEqual(expected.value)
  } else {
    expect(codes(response), `${field}: error codes`).toEqual([expected.code])
    expect(response.data ?? null, `${field}: a failed mutation has no data`).toBeNull()
  }
}

/** Everything a Privileged Authentication Administrator can read, against the model. */
async function expectVisibleState(model: Model, real: Real) {
  const response = await real.gateway.graphql(real.observer, READ_ALL, {
    kim: TARGETS.kim.id,
    lee: TARGETS.lee.userPrincipalName,
    reader: TARGETS.reader.id,
  })
  expect(response.errors, 'read: unexpected errors').toBeUndefined()
  expect(response.data, 'read: visible state').toEqual({
    kim: { phoneMethods: phonesView(model, 'kim'), signInPreferences: preferencesView(model.preferred.kim) },
    lee: { phoneMethods: phonesView(model, 'lee'), signInPreferences: preferencesView(model.preferred.lee) },
    reader: { phoneMethods: phonesView(model, 'reader'), signInPreferences: preferencesView(model.preferred.reader) },
    nobody: null,
    smsAuthenticationMethodConfiguration: policyView(model.policy),
  })
}

const digitsOf = (number: string) => number.replace(/[^0-9]/g, '')

/** The stored rows: the invariants (docs/rules.md), then the model's registrations. */
async function expectStoredState(model: Model, real: Real) {
  const rows = await real.gateway.db.client.phoneMethod.findMany({
    where: { tenantId: TENANT },
    select: { userId: true, phoneType: true, phoneNumber: true, smsSignInRegistration: true, smsSignInNumber: true },
  })
  const held = rows.map((row) => row.smsSignInNumber).filter((number) => number !== null)
  expect(new Set(held).size, `at most one phone per SMS sign-in number: ${held.join(', ')}`).toBe(held.length)
  const keys = rows.map((row) => `${row.userId}/${row.phoneType}`)
  expect(new Set(keys).size, 'at most one phone per user and type').toBe(keys.length)
  for (const row of rows.filter((row) => row.phoneType === 'alternateMobile')) {
    expect(
      rows.some((other) => other.userId === row.userId && other.phoneType === 'mobile'),
      `alternateMobile of ${row.userId} without a mobile`,
    ).toBe(true)
  }

  const key = (row: { userId: string; phoneType: string }) => `${row.userId}/${row.phoneType}`
  const stored = rows
    .map((row) => ({
      userId: row.userId,
      phoneType: row.phoneType as string,
      phoneNumber: row.phoneNumber,
      registration: row.smsSignInRegistration as string,
      // Compared by digits only: the stored format of the held number is the gateway's business.
      heldDigits: row.smsSignInNumber === null ? null : digitsOf(row.smsSignInNumber),
    }))
    .sort((a, b) => key(a).localeCompare(key(b)))
  const expected = NAMES.flatMap((name) =>
    PHONE_TYPES.filter((type) => model.phones[name][type]).map((type) => {
      const phone = model.phones[name][type]!
      return {
        userId: TARGETS[name].id,
        phoneType: type as string,
        phoneNumber: phone.number,
        registration: phone.registration as string,
        heldDigits: phone.registration === 'registered' ? digitsOf(smsNumber(phone.number)) : null,
      }
    }),
  ).sort((a, b) => key(a).localeCompare(key(b)))
  expect(stored, 'stored phones').toEqual(expected)
}

// ---------------------------------------------------------------------------
// Commands.

/** "kim" when named by id, "kim:"KIM@contoso.com"" when by userPrincipalName, the reference itself for unknown users. */
function refText(user: UserRef): string {
  if (user.who === 'nobody' || user.who === 'outsider') return `${user.who}:${JSON.stringify(user.ref)}`
  const person = user.who === 'admin' ? people.admin : TARGETS[user.who]
  return user.ref === person.id ? user.who : `${user.who}:${JSON.stringify(user.ref)}`
}
const idText = (id: string) => typeOfMethodId(id) ?? 'unknownId'

abstract class PhoneCommand implements fc.AsyncCommand<Model, Real> {
  check = () => true
  abstract run(model: Model, real: Real): Promise<void>
  abstract toString(): string
}

/** Runs a mutation, compares its answer with the model's, then the stored state and the audit trail. */
async function mutate(
  model: Model,
  real: Real,
  command: { field: string; query: string; input: unknown; expected: Outcome; audited: boolean; token?: string },
) {
  const { field, expected } = command
  const response = await real.gateway.graphql(command.token ?? real.tokens.admin, command.query, { input: command.input })
  expectOutcome(response, field, expected)
  note(`${field}: ${expected.ok ? ((expected.value as { smsSignInState?: string }).smsSignInState ?? 'ok') : expected.code}`)
  await expectStoredState(model, real)
  await expectAuditTrail(model, real)
  // The command's own event, if it has one, carries the response's request id.
  const requestId = response.headers.get('x-request-id')!
  expect(await real.gateway.db.client.auditEvent.count({ where: { requestId } }), `${field}: events of this request`).toBe(command.audited ? 1 : 0)
}

/** Applies a command to the model, its audit event included; says whether it left one. */
function applied(model: Model, step: (model: Model) => Outcome): { expected: Outcome; audited: boolean } {
  const before = model.events.length
  const expected = step(model)
  return { expected, audited: model.events.length > before }
}

class AddPhone extends PhoneCommand {
  constructor(readonly user: UserRef, readonly number: string, readonly type: PhoneType) {
    super()
  }
  run(model: Model, real: Real) {
    const outcome = applied(model, (model) => {
      const outcome = modelAdd(model, this.user, this.number, this.type)
      recordPhoneEvent(model, 'addPhoneMethod', this.user, outcome, { methodId: METHOD_ID[this.type], newNumber: this.number })
      return outcome
    })
    const input = { userId: this.user.ref, phoneNumber: this.number, phoneType: this.type }
    return mutate(model, real, { field: 'addPhoneMethod', query: ADD, input, ...outcome })
  }
  toString = () => `add(${refText(this.user)}, ${JSON.stringify(this.number)}, ${this.type})`
}

class UpdatePhone extends PhoneCommand {
  constructor(readonly user: UserRef, readonly methodId: string, readonly number: string) {
    super()
  }
  run(model: Model, real: Real) {
    const outcome = applied(model, (model) => {
      const oldNumber = numberOf(model, this.user, this.methodId)
      const outcome = modelUpdate(model, this.user, this.methodId, this.number)
      recordPhoneEvent(model, 'updatePhoneMethod', this.user, outcome, { methodId: this.methodId, oldNumber, newNumber: this.number })
      return outcome
    })
    const input = { userId: this.user.ref, methodId: this.methodId, phoneNumber: this.number }
    return mutate(model, real, { field: 'updatePhoneMethod', query: UPDATE, input, ...outcome })
  }
  toString = () => `update(${refText(this.user)}, ${idText(this.methodId)}, ${JSON.stringify(this.number)})`
}

/** An update that sends the phone's current number again (Graph registers again only when the number changes). */
class UpdateKeepingNumber extends PhoneCommand {
  constructor(readonly name: Name, readonly type: PhoneType) {
    super()
  }
  run(model: Model, real: Real) {
    const number = model.phones[this.name][this.type]?.number ?? VALID_NUMBERS[0]
    return new UpdatePhone({ who: this.name, ref: TARGETS[this.name].id }, METHOD_ID[this.type], number).run(model, real)
  }
  toString = () => `updateKeepingNumber(${this.name}, ${this.type})`
}

/** delete, enableSmsSignIn and disableSmsSignIn: one phone of one user, by its method id. */
type RefOperation = 'deletePhoneMethod' | 'enableSmsSignIn' | 'disableSmsSignIn'
const REF_OPERATIONS: Record<RefOperation, { document: string; model: (model: Model, user: UserRef, methodId: string) => Outcome; label: string }> = {
  deletePhoneMethod: { document: DELETE, model: modelDelete, label: 'delete' },
  enableSmsSignIn: { document: ENABLE, model: modelEnable, label: 'enableSmsSignIn' },
  disableSmsSignIn: { document: DISABLE, model: modelDisable, label: 'disableSmsSignIn' },
}

class PhoneRefCommand extends PhoneCommand {
  constructor(readonly operation: RefOperation, readonly user: UserRef, readonly methodId: string) {
    super()
  }
  run(model: Model, real: Real) {
    const { document, model: apply } = REF_OPERATIONS[this.operation]
    const outcome = applied(model, (model) => {
      // Only a deletion records the number it removed.
      const oldNumber = this.operation === 'deletePhoneMethod' ? numberOf(model, this.user, this.methodId) : undefined
      const outcome = apply(model, this.user, this.methodId)
      recordPhoneEvent(model, this.operation, this.user, outcome, { methodId: this.methodId, oldNumber })
      return outcome
    })
    return mutate(model, real, { field: this.operation, query: document, input: { userId: this.user.ref, methodId: this.methodId }, ...outcome })
  }
  toString = () => `${REF_OPERATIONS[this.operation].label}(${refText(this.user)}, ${idText(this.methodId)})`
}

const personName = (id: string) => Object.entries(people).find(([, person]) => person.id === id)?.[0] ?? id
const includeText = (t: IncludeTarget) => `${t.targetType}:${personName(t.id)}${t.isUsableForSignIn ? '' : '(noSignIn)'}`
const excludeText = (t: ExcludeTarget) => `${t.targetType}:${personName(t.id)}`

class UpdatePolicy extends PhoneCommand {
  constructor(readonly patch: PolicyPatch, readonly caller: Caller) {
    super()
  }
  run(model: Model, real: Real) {
    const outcome = applied(model, (model) => {
      const outcome = modelPolicy(model, this.patch, this.caller)
      recordPolicyEvent(model, this.caller, outcome)
      return outcome
    })
    const token = real.tokens[this.caller]
    return mutate(model, real, { field: 'updateSmsAuthenticationMethodConfiguration', query: POLICY, input: this.patch, ...outcome, token }).then(() =>
      // The change shows in the very next read.
      expectVisibleState(model, real),
    )
  }
  toString = () => {
    const parts: string[] = []
    if (this.patch.state) parts.push(this.patch.state)
    if (this.patch.includeTargets) parts.push(`include [${this.patch.includeTargets.map(includeText).join(', ')}]`)
    if (this.patch.excludeTargets) parts.push(`exclude [${this.patch.excludeTargets.map(excludeText).join(', ')}]`)
    return `policy(${this.caller}: ${parts.join('; ') || 'no change'})`
  }
}

class ResetPolicy extends PhoneCommand {
  constructor(readonly caller: Caller) {
    super()
  }
  async run(model: Model, real: Real) {
    const expected = modelReset(model, this.caller)
    recordPolicyEvent(model, this.caller, expected, 'Authentication Methods Policy Reset')
    const response = await real.gateway.graphql(real.tokens[this.caller], RESET)
    expectOutcome(response, 'resetSmsAuthenticationMethodConfiguration', expected)
    note(`resetSmsAuthenticationMethodConfiguration: ${expected.ok ? 'ok' : expected.code}`)
    await expectVisibleState(model, real)
    await expectAuditTrail(model, real)
  }
  toString = () => `resetPolicy(${this.caller})`
}

/** db:seed again with other members in the groups: the next read follows them. */
class Reseed extends PhoneCommand {
  constructor(readonly membership: Membership) {
    super()
  }
  async run(model: Model, real: Real) {
    modelMembership(model, this.membership)
    await seed(real.gateway.db, seedFileWith(this.membership))
    await expectVisibleState(model, real)
  }
  toString = () => `seed(${GROUPS.map((id) => `${id}: [${this.membership[id].join(', ')}]`).join('; ')})`
}

class SetDefault extends PhoneCommand {
  constructor(readonly user: UserRef, readonly method: DefaultMethod | null) {
    super()
  }
  run(model: Model, real: Real) {
    const outcome = applied(model, (model) => {
      const outcome = modelSetDefault(model, this.user, this.method)
      recordPhoneEvent(model, 'updateSignInPreferences', this.user, outcome, {})
      return outcome
    })
    const input = { userId: this.user.ref, userPreferredMethodForSecondaryAuthentication: this.method }
    return mutate(model, real, { field: 'updateSignInPreferences', query: SET_DEFAULT, input, ...outcome })
  }
  toString = () => `setDefault(${refText(this.user)}, ${this.method})`
}

class ReadAll extends PhoneCommand {
  run = (model: Model, real: Real) => expectVisibleState(model, real)
  toString = () => 'readAll'
}

class ReadOne extends PhoneCommand {
  constructor(readonly user: UserRef, readonly methodId: string) {
    super()
  }
  async run(model: Model, real: Real) {
    const response = await real.gateway.graphql(real.tokens.admin, READ_ONE, { userId: this.user.ref, methodId: this.methodId })
    const type = typeOfMethodId(this.methodId)
    const name = this.user.who
    const expected = isTarget(name) && type && model.phones[name][type] ? view(model, name, type) : null
    expect(response.errors, 'phoneMethod: unexpected errors').toBeUndefined()
    expect(response.data?.phoneMethod, 'phoneMethod').toEqual(expected)
  }
  toString = () => `read(${refText(this.user)}, ${idText(this.methodId)})`
}

// ---------------------------------------------------------------------------
// Arbitraries.

/** Names a user by id, or by userPrincipalName in a random case. */
const userRefOf = (who: Name | 'admin', person: { id: string; userPrincipalName: string }) =>
  fc.oneof(
    fc.constant<UserRef>({ who, ref: person.id }),
    fc.mixedCase(fc.constant(person.userPrincipalName)).map((ref): UserRef => ({ who, ref })),
  )

const userArb: fc.Arbitrary<UserRef> = fc.oneof(
  { arbitrary: userRefOf('kim', TARGETS.kim), weight: 10 },
  { arbitrary: userRefOf('lee', TARGETS.lee), weight: 10 },
  { arbitrary: userRefOf('reader', TARGETS.reader), weight: 10 },
  { arbitrary: userRefOf('admin', people.admin), weight: 1 },
  {
    arbitrary: fc.constantFrom<UserRef>(
      { who: 'nobody', ref: 'nobody@contoso.com' },
      { who: 'nobody', ref: '11111111-aaaa-4aaa-8aaa-0000000000ff' },
      // A user of another tenant does not exist for a caller of contoso.
      { who: 'outsider', ref: people.outsider.id },
      { who: 'outsider', ref: people.outsider.userPrincipalName },
    ),
    weight: 1,
  },
)

const numberArb = fc.oneof(
  { arbitrary: fc.constantFrom(...VALID_NUMBERS), weight: 15 },
  { arbitrary: fc.constantFrom(...INVALID_NUMBERS), weight: 1 },
)
const typeArb = fc.oneof(
  { arbitrary: fc.constant('mobile' as const), weight: 3 },
  { arbitrary: fc.constant('alternateMobile' as const), weight: 2 },
  { arbitrary: fc.constant('office' as const), weight: 1 },
)
const methodIdArb = fc.oneof(
  { arbitrary: typeArb.map((type) => METHOD_ID[type]), weight: 12 },
  { arbitrary: fc.constant(UNKNOWN_METHOD_ID), weight: 1 },
)
const mobileFirstIdArb = fc.oneof(
  { arbitrary: fc.constant(METHOD_ID.mobile), weight: 1 },
  { arbitrary: methodIdArb, weight: 1 },
)

// Policy targets: all_users, the target users and the admin; now and then an
// invalid one (an unknown group, a user of another tenant, all_users as a user).
// Inclusion leans to all_users and exclusion to single users, so that the
// policy often lets some users sign in and not others.
const ALL_USERS_TARGET = { id: 'all_users', targetType: 'group' as const }
const userTargetArb = fc
  .oneof({ arbitrary: fc.constantFrom(...NAMES.map((name) => TARGETS[name].id)), weight: 6 }, { arbitrary: fc.constant(people.admin.id), weight: 1 })
  .map((id) => ({ id, targetType: 'user' as const }))
const groupTargetArb = fc.constantFrom(...GROUPS).map((id) => ({ id, targetType: 'group' as const }))
const invalidTargetArb = fc.constantFrom(
  { id: UNKNOWN_GROUP, targetType: 'group' as const },
  { id: people.outsider.id, targetType: 'user' as const },
  { id: 'all_users', targetType: 'user' as const },
)
const includeTargetsArb = fc.uniqueArray(
  fc
    .tuple(
      fc.oneof(
        { arbitrary: fc.constant(ALL_USERS_TARGET), weight: 4 },
        { arbitrary: userTargetArb, weight: 4 },
        { arbitrary: groupTargetArb, weight: 3 },
        { arbitrary: invalidTargetArb, weight: 1 },
      ),
      fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
    )
    .map(([target, isUsableForSignIn]): IncludeTarget => ({ ...target, isUsableForSignIn })),
  { maxLength: 3, selector: (target) => target.id },
)
const excludeTargetsArb = fc.uniqueArray(
  fc.oneof(
    { arbitrary: userTargetArb, weight: 8 },
    { arbitrary: groupTargetArb, weight: 3 },
    { arbitrary: fc.constant(ALL_USERS_TARGET), weight: 1 },
    { arbitrary: invalidTargetArb, weight: 1 },
  ),
  { maxLength: 2, selector: (target) => target.id },
)
// Let only one group's members sign in by SMS: a seed that changes its members then changes who may.
const oneGroupOnlyArb = fc
  .constantFrom(...GROUPS)
  .map((id): PolicyPatch => ({ state: 'enabled', includeTargets: [{ id, targetType: 'group', isUsableForSignIn: true }], excludeTargets: [] }))
const keepOneOffArb = fc
  .constantFrom(...NAMES)
  .map((name): PolicyPatch => ({ excludeTargets: [{ id: TARGETS[name].id, targetType: 'user' }] }))
const policyPatchArb: fc.Arbitrary<PolicyPatch> = fc.oneof(
  {
    arbitrary: fc.record(
      {
        state: fc.oneof({ arbitrary: fc.constant('enabled' as const), weight: 3 }, { arbitrary: fc.constant('disabled' as const), weight: 1 }),
        includeTargets: includeTargetsArb,
        excludeTargets: excludeTargetsArb,
      },
      { requiredKeys: [] },
    ),
    weight: 2,
  },
  // What administrators do most (src/examples/sms-policy.graphql): keep one
  // user off SMS sign-in, and let everyone sign in again.
  { arbitrary: keepOneOffArb, weight: 1 },
  { arbitrary: oneGroupOnlyArb, weight: 1 },
  { arbitrary: fc.constant<PolicyPatch>({ state: 'enabled', includeTargets: [{ ...ALL_USERS_TARGET, isUsableForSignIn: true }], excludeTargets: [] }), weight: 1 },
)
const callerArb = fc.oneof(
  { arbitrary: fc.constantFrom<Caller>('policyAdmin', 'app'), weight: 12 },
  { arbitrary: fc.constant<Caller>('admin'), weight: 1 },
)

const addArb = fc.tuple(userArb, numberArb, typeArb).map(([user, number, type]) => new AddPhone(user, number, type))
const updateArb = fc.tuple(userArb, mobileFirstIdArb, numberArb).map(([user, id, number]) => new UpdatePhone(user, id, number))
const deleteArb = fc.tuple(userArb, methodIdArb).map(([user, id]) => new PhoneRefCommand('deletePhoneMethod', user, id))
const enableArb = fc.tuple(userArb, mobileFirstIdArb).map(([user, id]) => new PhoneRefCommand('enableSmsSignIn', user, id))
const disableArb = fc.tuple(userArb, mobileFirstIdArb).map(([user, id]) => new PhoneRefCommand('disableSmsSignIn', user, id))
const policyArb = fc.tuple(policyPatchArb, callerArb).map(([patch, caller]) => new UpdatePolicy(patch, caller))
const resetArb = callerArb.map((caller) => new ResetPolicy(caller))
const membershipArb = fc
  .tuple(fc.subarray(NAMES), fc.subarray(NAMES))
  .map(([pilot, sales]) => new Reseed({ 'group-pilot': pilot, 'group-sales': sales }))
const setDefaultArb = fc
  .tuple(
    userArb,
    fc.oneof(
      { arbitrary: fc.constantFrom<DefaultMethod>('sms', 'voiceMobile', 'voiceAlternateMobile', 'voiceOffice'), weight: 8 },
      { arbitrary: fc.constant(null), weight: 2 },
      { arbitrary: fc.constantFrom<DefaultMethod>('push', 'oath'), weight: 1 },
    ),
  )
  .map(([user, method]) => new SetDefault(user, method))
// Deleting a mobile meets most rules at once (an alternateMobile, the default method behind it).
const deleteMobileArb = fc
  .constantFrom(...NAMES)
  .map((name) => new PhoneRefCommand('deletePhoneMethod', { who: name, ref: TARGETS[name].id }, METHOD_ID.mobile))
const updateKeepingArb = fc
  .tuple(fc.constantFrom(...NAMES), fc.oneof({ arbitrary: fc.constant('mobile' as const), weight: 3 }, { arbitrary: typeArb, weight: 1 }))
  .map(([name, type]) => new UpdateKeepingNumber(name, type))
const readOneArb = fc.tuple(userArb, methodIdArb).map(([user, id]) => new ReadOne(user, id))
const readAllArb = fc.constant(new ReadAll())

// Listed once per unit of weight: adds most, so that the users have phones to work on.
const commandArbs = [
  addArb, addArb, addArb,
  updateArb, updateArb, updateArb,
  updateKeepingArb, updateKeepingArb,
  deleteArb, deleteArb, deleteMobileArb,
  enableArb, enableArb,
  disableArb,
  policyArb, policyArb,
  resetArb,
  membershipArb, membershipArb,
  setDefaultArb, setDefaultArb,
  readOneArb,
  readAllArb,
] as fc.Arbitrary<fc.AsyncCommand<Model, Real>>[]

/**
 * Where each sequence starts: a few phones added (and checked) like any
 * other command, so that most commands work on users who have phones, then,
 * often, a policy change (so that some of those phones hold their number
 * while their user is excluded).
 */
const openingPhonesArb = fc
  .tuple(
    fc.shuffledSubarray(NAMES, { minLength: NAMES.length }),
    ...NAMES.map(() =>
      fc.record({
        mobile: fc.option(fc.constantFrom(...VALID_NUMBERS), { freq: 4 }),
        alternateMobile: fc.option(fc.constantFrom(...VALID_NUMBERS), { freq: 2 }),
        office: fc.option(fc.constantFrom(...VALID_NUMBERS), { freq: 2 }),
      }),
    ),
  )
  .map(([order, ...phones]) =>
    order.flatMap((name, index) =>
      PHONE_TYPES.flatMap((type) => {
        const number = phones[index]![type]
        return number === null ? [] : [new AddPhone({ who: name, ref: TARGETS[name].id }, number, type)]
      }),
    ),
  )
const openingArb = fc
  .tuple(
    openingPhonesArb,
    // Often a default method for one user, so that deletes meet the phone behind it.
    fc.option(
      fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom<DefaultMethod>('sms', 'voiceMobile', 'voiceMobile', 'voiceOffice')).map(
        ([name, method]) => new SetDefault({ who: name, ref: TARGETS[name].id }, method),
      ),
      { freq: 4 },
    ),
    fc.oneof(
      { arbitrary: keepOneOffArb.map((patch) => new UpdatePolicy(patch, 'policyAdmin')), weight: 2 },
      { arbitrary: oneGroupOnlyArb.map((patch) => new UpdatePolicy(patch, 'policyAdmin')), weight: 1 },
      { arbitrary: policyPatchArb.map((patch) => new UpdatePolicy(patch, 'policyAdmin')), weight: 1 },
      { arbitrary: fc.constant(null), weight: 1 },
    ),
  )
  .map(([adds, preference, policy]): PhoneCommand[] => [...adds, ...(preference ? [preference] : []), ...(policy ? [policy] : [])])

const REQUIRED_OUTCOMES: string[][] = [
  ['addPhoneMethod: ready'],
  ['addPhoneMethod: notSupported'],
  ['addPhoneMethod: phoneNumberNotUnique'],
  ['addPhoneMethod: notAllowedByPolicy', 'updatePhoneMethod: notAllowedByPolicy'],
  ['addPhoneMethod: PHONE_TYPE_ALREADY_EXISTS'],
  ['addPhoneMethod: MOBILE_REQUIRED'],
  ['addPhoneMethod: BAD_USER_INPUT', 'updatePhoneMethod: BAD_USER_INPUT'],
  ['addPhoneMethod: NOT_FOUND', 'updatePhoneMethod: NOT_FOUND', 'deletePhoneMethod: NOT_FOUND'],
  ['addPhoneMethod: FORBIDDEN', 'updatePhoneMethod: FORBIDDEN'],
  ['updatePhoneMethod: ready'],
  ['updatePhoneMethod: phoneNumberNotUnique'],
  ['deletePhoneMethod: ok'],
  ['deletePhoneMethod: ALTERNATE_MOBILE_EXISTS'],
  ['deletePhoneMethod: DEFAULT_METHOD_CANNOT_BE_DELETED'],
  ['updateSignInPreferences: ok'],
  ['updateSignInPreferences: BAD_USER_INPUT'],
  ['updateSignInPreferences: NOT_FOUND'],
  ['resetSmsAuthenticationMethodConfiguration: ok'],
  ['resetSmsAuthenticationMethodConfiguration: FORBIDDEN'],
  ['enableSmsSignIn: ready'],
  ['enableSmsSignIn: SMS_SIGN_IN_NOT_ALLOWED'],
  ['enableSmsSignIn: PHONE_NUMBER_NOT_UNIQUE'],
  ['enableSmsSignIn: SMS_SIGN_IN_NOT_SUPPORTED', 'disableSmsSignIn: SMS_SIGN_IN_NOT_SUPPORTED'],
  ['disableSmsSignIn: notEnabled'],
  ['disableSmsSignIn: notAllowedByPolicy'],
  ['updateSmsAuthenticationMethodConfiguration: ok'],
  ['updateSmsAuthenticationMethodConfiguration: BAD_USER_INPUT'],
  ['updateSmsAuthenticationMethodConfiguration: FORBIDDEN'],
  ['situation: the number is held under another extension'],
  ['situation: the number is held by a user the policy excludes'],
  ['situation: a registered mobile is allowed again'],
  ['situation: enableSmsSignIn on a registered mobile'],
  ['situation: an update that keeps the number keeps a notEnabled mobile'],
  ['situation: only a group includes the user'],
  ['situation: only a group excludes the user'],
  ["situation: a membership change flips a mobile's state"],
]

const NUM_RUNS = 200
const MAX_COMMANDS = 20

// ---------------------------------------------------------------------------

describeOnEachDatabase('phone methods against a model, on %s', (provider) => {
  let real: Real

  beforeAll(async () => {
    reached.clear()
    const observer = await tokenFor({
      sub: people.admin.id,
      scp: 'UserAuthenticationMethod.Read.All Policy.Read.AuthenticationMethod',
      wids: [...people.admin.directoryRoles, people.reader.directoryRoles[0]],
    })
    real = { gateway: await startGateway(provider, { tenants: seedFileWith(INITIAL_MEMBERSHIP) }), tokens: await personaTokens(), observer }
  })
  afterAll(() => real.gateway.close())

  /** Back to a seeded tenant: no phones and no default methods (straight in the database), the first members, the default policy (through the API). */
  async function reset() {
    await real.gateway.db.client.$transaction(async (tx) => {
      await tx.phoneMethod.deleteMany({ where: { tenantId: TENANT } })
      await tx.user.updateMany({ where: { tenantId: TENANT }, data: { userPreferredMethodForSecondaryAuthentication: null } })
    })
    await seed(real.gateway.db, seedFileWith(INITIAL_MEMBERSHIP))
    const response = await real.gateway.graphql(real.tokens.policyAdmin, POLICY, { input: DEFAULT_POLICY })
    expect(response.errors, 'reset: policy').toBeUndefined()
    await real.gateway.db.client.$transaction((tx) => tx.auditEvent.deleteMany({ where: { tenantId: TENANT } }))
  }

  it('starts from the default policy and no phones', async () => {
    await expectVisibleState(emptyModel(), real)
    await expectStoredState(emptyModel(), real)
  })

  it(
    `keeps every response and the stored state in line with the model (${NUM_RUNS} random sequences)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(openingArb, fc.commands(commandArbs, { maxCommands: MAX_COMMANDS, size: 'max' }), async (opening, commands) => {
          const model = emptyModel()
          await fc.asyncModelRun(async () => {
            await reset()
            for (const command of opening) await command.run(model, real)
            return { model, real }
          }, commands)
          // The final state, as read and as stored, and the whole trail.
          await expectVisibleState(model, real)
          await expectStoredState(model, real)
          await expectAuditTrail(model, real)
        }),
        { numRuns: NUM_RUNS },
      )
      // A model test is only as good as the states it visits: the sequences
      // must have reached every rule (each line: at least one of these).
      if (process.env.MODEL_TEST_STATS) console.log([...reached].sort().map(([label, n]) => `${label}: ${n}`).join('\n'))
      const missing = REQUIRED_OUTCOMES.filter((anyOf) => !anyOf.some((label) => reached.has(label)))
      expect(missing, 'outcomes no random sequence reached').toEqual([])
    },
    600_000,
  )
})

// Fixtures of the authorization matrix (test/integration/authorization.test.ts):
// who is in the database, which phones they hold before every case, how the
// tests put that state back, and one bearer token per persona.
import type { SeedFile } from '../../../src/db/seed.ts'
import { writeSmsPolicy } from '../../../src/db/sms-policy-store.ts'
import { PHONE_METHOD_ID, type PhoneType } from '../../../src/domain/phone-method.ts'
import { DirectoryRole } from '../../../src/domain/principal.ts'
import { DEFAULT_SMS_POLICY, type SmsPolicy } from '../../../src/domain/sms-policy.ts'
import type { TestGateway } from '../harness/gateway.ts'
import { people, testTenants, tokenFor } from './tenants.ts'

/** A directory role that is none of the five the gateway knows: Helpdesk Administrator. */
export const HELPDESK_ADMINISTRATOR = '729827e3-9c14-49f7-bb1b-9608f156bbb8'

const roleHolder = (n: number, name: string, role: string, ...moreRoles: string[]) => ({
  id: `11111111-aaaa-4aaa-8aaa-0000000001${String(n).padStart(2, '0')}`,
  userPrincipalName: `${name.toLowerCase().replaceAll(' ', '')}@contoso.com`,
  displayName: name,
  directoryRoles: [role, ...moreRoles],
})

/**
 * Users who hold a directory role but are no admin of phones, beside the
 * test tenants' people: ray (Helpdesk Administrator, a role off the Authentication
 * Administrator's list), one holder of each other role on that list, and one
 * who holds a listed role and an unlisted one.
 */
export const roleHolders = {
  ray: {
    id: '11111111-aaaa-4aaa-8aaa-000000000008',
    userPrincipalName: 'ray@contoso.com',
    displayName: 'Ray (helpdesk)',
    directoryRoles: [HELPDESK_ADMINISTRATOR],
  },
  directoryReader: roleHolder(1, 'Directory Reader', DirectoryRole.directoryReaders),
  guestInviter: roleHolder(2, 'Guest Inviter', DirectoryRole.guestInviter),
  messageCenterReader: roleHolder(3, 'Message Center Reader', DirectoryRole.messageCenterReader),
  passwordAdmin: roleHolder(4, 'Password Admin', DirectoryRole.passwordAdministrator),
  reportsReader: roleHolder(5, 'Reports Reader', DirectoryRole.reportsReader),
  successManager: roleHolder(6, 'Success Manager', DirectoryRole.userExperienceSuccessManager),
  usageReader: roleHolder(7, 'Usage Reader', DirectoryRole.usageSummaryReportsReader),
  readerAndHelpdesk: roleHolder(8, 'Reader And Helpdesk', DirectoryRole.directoryReaders, HELPDESK_ADMINISTRATOR),
} as const

/** The test tenants' people and the role holders: everyone the authorization matrix seeds. */
export const everyone = { ...people, ...roleHolders }
export type PersonName = keyof typeof everyone

export const authzTenants: SeedFile = {
  tenants: testTenants.tenants.map((tenant) =>
    tenant.id === 'contoso'
      ? { ...tenant, users: [...tenant.users, ...Object.values(roleHolders).map((person) => ({ ...person, directoryRoles: [...person.directoryRoles] }))] }
      : tenant,
  ),
}

export const tenantOf = (name: PersonName): TenantId => (name === 'outsider' ? 'fabrikam' : 'contoso')

interface SeededPhone {
  owner: PersonName
  phoneType: PhoneType
  phoneNumber: string
  /** What Global Readers and Authentication Administrators must read instead (docs/permissions.md), written out by hand. */
  masked: string
  registered: boolean
}

/**
 * The phones every case starts from: every user has a mobile, registered for
 * SMS sign-in (so it reads `ready`); kim also has an office phone with an
 * extension (masking drops it).
 */
export const BASELINE_PHONES: readonly SeededPhone[] = [
  { owner: 'kim', phoneType: 'mobile', phoneNumber: '+1 5555551255', masked: '+1 XXXXXXXX55', registered: true },
  { owner: 'kim', phoneType: 'office', phoneNumber: '+1 4255550199x123', masked: '+1 XXXXXXXX99', registered: false },
  { owner: 'lee', phoneType: 'mobile', phoneNumber: '+44 2071234567', masked: '+44 XXXXXXXX67', registered: true },
  { owner: 'ray', phoneType: 'mobile', phoneNumber: '+1 2065550123', masked: '+1 XXXXXXXX23', registered: true },
  { owner: 'admin', phoneType: 'mobile', phoneNumber: '+1 2065550144', masked: '+1 XXXXXXXX44', registered: true },
  { owner: 'authAdmin', phoneType: 'mobile', phoneNumber: '+1 2065550177', masked: '+1 XXXXXXXX77', registered: true },
  { owner: 'reader', phoneType: 'mobile', phoneNumber: '+1 2065550155', masked: '+1 XXXXXXXX55', registered: true },
  { owner: 'policyAdmin', phoneType: 'mobile', phoneNumber: '+1 2065550188', masked: '+1 XXXXXXXX88', registered: true },
  { owner: 'globalAdmin', phoneType: 'mobile', phoneNumber: '+1 2065550199', masked: '+1 XXXXXXXX99', registered: true },
  { owner: 'outsider', phoneType: 'mobile', phoneNumber: '+1 2065550166', masked: '+1 XXXXXXXX66', registered: true },
  ...(Object.keys(roleHolders) as PersonName[]).slice(1).map((owner, i): SeededPhone => ({
    owner,
    phoneType: 'mobile',
    phoneNumber: `+1 20655502${i}${i}`,
    masked: `+1 XXXXXXXX${i}${i}`,
    registered: true,
  })),
]

/**
 * contoso's policy lets everyone sign in by SMS, but is not the default one
 * (lee is also named), so that resetting it changes something.
 */
export const CONTOSO_POLICY: SmsPolicy = {
  ...DEFAULT_SMS_POLICY,
  includeTargets: [...DEFAULT_SMS_POLICY.includeTargets, { id: everyone.lee.id, targetType: 'user', isUsableForSignIn: true }],
}
/**
 * fabrikam's policy differs from contoso's, so that a response shows whose
 * policy it is. It still lets pat sign in by SMS.
 */
export const FABRIKAM_POLICY: SmsPolicy = {
  state: 'enabled',
  includeTargets: [{ id: everyone.outsider.id, targetType: 'user', isUsableForSignIn: true }],
  excludeTargets: [],
}
export const POLICY_OF = { contoso: CONTOSO_POLICY, fabrikam: FABRIKAM_POLICY } as const

const NO_PREFERENCES = { userPreferredMethodForSecondaryAuthentication: null, isSystemPreferredAuthenticationMethodEnabled: true }

const e164 = (phoneNumber: string) => phoneNumber.replace(' ', '').replace(/x[0-9]*$/, '')

const phoneRow = (phone: SeededPhone) => ({
  tenantId: tenantOf(phone.owner),
  userId: everyone[phone.owner].id,
  phoneType: phone.phoneType,
  phoneNumber: phone.phoneNumber,
  smsSignInRegistration: phone.registered ? ('registered' as const) : ('notEnabled' as const),
  smsSignInNumber: phone.registered ? e164(phone.phoneNumber) : null,
})

/** Puts every phone, every user's sign-in preferences and both SMS policies back to the baseline, straight into the database. */
export async function resetState(gateway: TestGateway): Promise<void> {
  const { db } = gateway
  await db.client.$transaction(async (tx) => {
    await tx.phoneMethod.deleteMany({})
    await tx.phoneMethod.createMany({ data: BASELINE_PHONES.map(phoneRow) })
    await tx.user.updateMany({ data: NO_PREFERENCES })
  })
  await db.transaction(async (tx) => {
    await writeSmsPolicy(tx, db.provider, 'contoso', CONTOSO_POLICY)
    await writeSmsPolicy(tx, db.provider, 'fabrikam', FABRIKAM_POLICY)
  })
}

/**
 * Puts back only what `changed` (keys of `changedKeys`) names: one user's
 * phones and preferences, one tenant's policy; anything else falls back to a full reset.
 */
export async function restore(gateway: TestGateway, changed: readonly string[]): Promise<void> {
  if (changed.length === 0) return
  const users = new Set<string>()
  const policies = new Set<TenantId>()
  for (const key of changed) {
    const [kind, tenant, userId] = key.split('/')
    if (kind === 'phone' && userId) users.add(userId)
    else if (kind === 'policy' && (tenant === 'contoso' || tenant === 'fabrikam')) policies.add(tenant)
    else return resetState(gateway)
  }
  const owners = (Object.keys(everyone) as PersonName[]).filter((name) => users.has(everyone[name].id))
  if (owners.length !== users.size) return resetState(gateway)
  const writer = gateway.db.client
  if (owners.length > 0) {
    await writer.$transaction([
      writer.phoneMethod.deleteMany({ where: { userId: { in: [...users] } } }),
      writer.phoneMethod.createMany({ data: BASELINE_PHONES.filter((phone) => owners.includes(phone.owner)).map(phoneRow) }),
      writer.user.updateMany({ where: { id: { in: [...users] } }, data: NO_PREFERENCES }),
    ])
  }
  for (const tenant of policies) await gateway.db.transaction((tx) => writeSmsPolicy(tx, gateway.db.provider, tenant, POLICY_OF[tenant]))
}

/** Makes a user's mobile notEnabled (so that enableSmsSignIn has something to do). */
export async function unregisterMobileOf(gateway: TestGateway, userId: string): Promise<void> {
  await gateway.db.client.$transaction((tx) =>
    tx.phoneMethod.updateMany({
      where: { userId, phoneType: 'mobile' },
      data: { smsSignInRegistration: 'notEnabled', smsSignInNumber: null },
    }),
  )
}

/** Rows a case could change, one entry per row: "phone/<tenant>/<user>/<type or preferences>", "policy/<tenant>[/<list>/<target>]". */
export type Snapshot = Record<string, string>

/** The phones and sign-in preferences of every user of every tenant. */
export async function phoneSnapshot(gateway: TestGateway): Promise<Snapshot> {
  const rows: Snapshot = {}
  for (const { tenantId, userId, phoneType, ...rest } of await gateway.db.client.phoneMethod.findMany()) {
    rows[`phone/${tenantId}/${userId}/${phoneType}`] = JSON.stringify(rest)
  }
  const users = await gateway.db.client.user.findMany({
    select: { tenantId: true, id: true, userPreferredMethodForSecondaryAuthentication: true, isSystemPreferredAuthenticationMethodEnabled: true },
  })
  for (const { tenantId, id, ...preferences } of users) rows[`phone/${tenantId}/${id}/preferences`] = JSON.stringify(preferences)
  return rows
}

/** The SMS policies of every tenant. */
export async function policySnapshot(gateway: TestGateway): Promise<Snapshot> {
  const reader = gateway.db.client
  const rows: Snapshot = {}
  for (const { tenantId, ...rest } of await reader.smsPolicy.findMany()) rows[`policy/${tenantId}`] = JSON.stringify(rest)
  for (const { tenantId, list, targetId, ...rest } of await reader.smsPolicyTarget.findMany()) {
    rows[`policy/${tenantId}/${list}/${targetId}`] = JSON.stringify(rest)
  }
  return rows
}

/** Everything. */
export async function snapshot(gateway: TestGateway): Promise<Snapshot> {
  return { ...(await phoneSnapshot(gateway)), ...(await policySnapshot(gateway)) }
}

/** The keys whose rows differ between two snapshots (added, removed or changed). */
export function changedKeys(before: Snapshot, after: Snapshot): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...keys].filter((key) => before[key] !== after[key]).sort()
}

/** The part of a snapshot whose keys start with `prefix`. */
export function slice(rows: Snapshot, prefix: string): Snapshot {
  return Object.fromEntries(Object.entries(rows).filter(([key]) => key.startsWith(prefix)))
}

// ---------------------------------------------------------------------------
// Personas: one token each. A persona is a caller with exactly these claims.

const SCOPE = {
  read: 'UserAuthenticationMethod.Read',
  readWrite: 'UserAuthenticationMethod.ReadWrite',
  phoneRead: 'UserAuthMethod-Phone.Read',
  phoneReadWrite: 'UserAuthMethod-Phone.ReadWrite',
  readAll: 'UserAuthenticationMethod.Read.All',
  readWriteAll: 'UserAuthenticationMethod.ReadWrite.All',
  phoneReadAll: 'UserAuthMethod-Phone.Read.All',
  phoneReadWriteAll: 'UserAuthMethod-Phone.ReadWrite.All',
  policyRead: 'Policy.Read.All',
  policyWrite: 'Policy.ReadWrite.AuthenticationMethod',
  policyReadAuthenticationMethod: 'Policy.Read.AuthenticationMethod',
  /** A scope that opens nothing here. */
  unrelated: 'User.Read',
} as const
export { SCOPE }

const APP_ID = '33333333-cccc-4ccc-8ccc-000000000001'
const FABRIKAM_APP_ID = '33333333-cccc-4ccc-8ccc-000000000002'

type PersonaClaims =
  | { anonymous: true }
  | { tid?: string; sub: string; scp: string; wids: string[] }
  | { tid?: string; sub: string; roles: string[] }

const delegated = (person: { id: string; directoryRoles: readonly string[] }, ...scopes: string[]) => ({
  sub: person.id,
  scp: scopes.join(' '),
  wids: [...person.directoryRoles],
})
const asRole = (role: string, person: { id: string }, ...scopes: string[]) => ({ sub: person.id, scp: scopes.join(' '), wids: [role] })
const app = (...roles: string[]) => ({ sub: APP_ID, roles })
const fabrikamApp = (...roles: string[]) => ({ tid: 'fabrikam', sub: FABRIKAM_APP_ID, roles })

/**
 * Every persona of the matrix. Users' wids are the directory roles the seed
 * gives them (kim and lee: none; reader: Global Reader; authAdmin:
 * Authentication Administrator; admin: Privileged Authentication
 * Administrator; policyAdmin: Authentication Policy Administrator;
 * globalAdmin: Global Administrator).
 */
export const PERSONAS = {
  anonymous: { anonymous: true },

  // A plain user (no directory role), one token per scope.
  'kim · Read': delegated(everyone.kim, SCOPE.read),
  'kim · ReadWrite': delegated(everyone.kim, SCOPE.readWrite),
  'kim · Phone.Read': delegated(everyone.kim, SCOPE.phoneRead),
  'kim · Phone.ReadWrite': delegated(everyone.kim, SCOPE.phoneReadWrite),
  'kim · Read.All (no role)': delegated(everyone.kim, SCOPE.readAll),
  'kim · ReadWrite.All (no role)': delegated(everyone.kim, SCOPE.readWriteAll),
  'kim · Phone.Read.All (no role)': delegated(everyone.kim, SCOPE.phoneReadAll),
  'kim · Phone.ReadWrite.All (no role)': delegated(everyone.kim, SCOPE.phoneReadWriteAll),
  'kim · User.Read': delegated(everyone.kim, SCOPE.unrelated),
  'kim · Policy.Read.All': delegated(everyone.kim, SCOPE.policyRead),
  'kim · Policy.ReadWrite.AuthenticationMethod (no role)': delegated(everyone.kim, SCOPE.policyWrite),
  'kim · Policy.Read.AuthenticationMethod (no role)': delegated(everyone.kim, SCOPE.policyReadAuthenticationMethod),

  // Global Reader.
  'GR · Read.All': delegated(everyone.reader, SCOPE.readAll),
  'GR · Phone.Read.All': delegated(everyone.reader, SCOPE.phoneReadAll),
  'GR · ReadWrite.All': delegated(everyone.reader, SCOPE.readWriteAll),
  'GR · Policy.Read.All': delegated(everyone.reader, SCOPE.policyRead),
  'GR · Policy.Read.AuthenticationMethod': delegated(everyone.reader, SCOPE.policyReadAuthenticationMethod),

  // Authentication Administrator.
  'AA · ReadWrite.All': delegated(everyone.authAdmin, SCOPE.readWriteAll),
  'AA · Phone.ReadWrite.All': delegated(everyone.authAdmin, SCOPE.phoneReadWriteAll),
  'AA · Read.All': delegated(everyone.authAdmin, SCOPE.readAll),
  /** Another Authentication Administrator (ray's account, whatever the database says of ray), to act on authAdmin. */
  'AA (ray) · ReadWrite.All': asRole(DirectoryRole.authenticationAdministrator, everyone.ray, SCOPE.readWriteAll),

  // Privileged Authentication Administrator.
  'PAA · ReadWrite.All': delegated(everyone.admin, SCOPE.readWriteAll),
  'PAA · Phone.ReadWrite.All': delegated(everyone.admin, SCOPE.phoneReadWriteAll),
  'PAA · Read.All': delegated(everyone.admin, SCOPE.readAll),
  'PAA · ReadWrite (self scope only)': delegated(everyone.admin, SCOPE.readWrite),
  'PAA · User.Read (role, no scope)': delegated(everyone.admin, SCOPE.unrelated),
  'PAA · Policy.ReadWrite.AuthenticationMethod': delegated(everyone.admin, SCOPE.policyWrite),

  // Authentication Policy Administrator.
  'APA · Policy.ReadWrite.AuthenticationMethod': delegated(everyone.policyAdmin, SCOPE.policyWrite),
  'APA · Policy.Read.All': delegated(everyone.policyAdmin, SCOPE.policyRead),
  'APA · ReadWrite.All': delegated(everyone.policyAdmin, SCOPE.readWriteAll),
  'APA · Policy.Read.AuthenticationMethod': delegated(everyone.policyAdmin, SCOPE.policyReadAuthenticationMethod),

  // Global Administrator.
  'GA · Policy.ReadWrite.AuthenticationMethod': delegated(everyone.globalAdmin, SCOPE.policyWrite),
  'GA · User.Read (role, no scope)': delegated(everyone.globalAdmin, SCOPE.unrelated),
  'GA · ReadWrite.All': delegated(everyone.globalAdmin, SCOPE.readWriteAll),
  'GA · Policy.Read.AuthenticationMethod': delegated(everyone.globalAdmin, SCOPE.policyReadAuthenticationMethod),

  // App-only tokens: `roles`, no `scp`.
  'app · ReadWrite.All': app(SCOPE.readWriteAll),
  'app · Phone.ReadWrite.All': app(SCOPE.phoneReadWriteAll),
  'app · Read.All': app(SCOPE.readAll),
  'app · Phone.Read.All': app(SCOPE.phoneReadAll),
  'app · Policy.ReadWrite.AuthenticationMethod': app(SCOPE.policyWrite),
  'app · Policy.Read.All': app(SCOPE.policyRead),
  'app · Policy.Read.AuthenticationMethod': app(SCOPE.policyReadAuthenticationMethod),
  'app · ReadWrite (a delegated name)': app(SCOPE.readWrite),
  'app · no permission': app(),

  // Callers of the other tenant, fabrikam (pat is its only user).
  'fabrikam PAA · ReadWrite.All + Policy.ReadWrite': {
    tid: 'fabrikam',
    ...asRole(DirectoryRole.privilegedAuthenticationAdministrator, everyone.outsider, SCOPE.readWriteAll, SCOPE.policyWrite),
  },
  'fabrikam GA · Policy.ReadWrite.AuthenticationMethod': {
    tid: 'fabrikam',
    ...asRole(DirectoryRole.globalAdministrator, everyone.outsider, SCOPE.policyWrite),
  },
  'fabrikam app · ReadWrite.All + Policy.ReadWrite': fabrikamApp(SCOPE.readWriteAll, SCOPE.policyWrite),
} as const satisfies Record<string, PersonaClaims>

export type Persona = keyof typeof PERSONAS

const AUDIT_LOG = 'AuditLog.Read.All'

/**
 * Callers of the audit log (docs/permissions.md, its last row), beside every persona
 * above (none of which holds AuditLog.Read.All). reader is the user behind
 * the delegated ones: the roles come from the token's wids.
 */
export const AUDIT_PERSONAS = {
  'RR · AuditLog.Read.All': asRole(DirectoryRole.reportsReader, everyone.reader, AUDIT_LOG),
  'SR · AuditLog.Read.All': asRole(DirectoryRole.securityReader, everyone.reader, AUDIT_LOG),
  'SA · AuditLog.Read.All': asRole(DirectoryRole.securityAdministrator, everyone.reader, AUDIT_LOG),
  'GR · AuditLog.Read.All + Read.All': asRole(DirectoryRole.globalReader, everyone.reader, AUDIT_LOG, SCOPE.readAll),
  'GA · AuditLog.Read.All': asRole(DirectoryRole.globalAdministrator, everyone.globalAdmin, AUDIT_LOG),
  'PAA · AuditLog.Read.All (a role that does not read the log)': delegated(everyone.admin, AUDIT_LOG, SCOPE.readWriteAll),
  'kim · AuditLog.Read.All (no role)': delegated(everyone.kim, AUDIT_LOG, SCOPE.read),
  'app · AuditLog.Read.All': app(AUDIT_LOG),
  'app · AuditLog.Read.All + Read.All': app(AUDIT_LOG, SCOPE.readAll),
  'fabrikam app · AuditLog.Read.All': fabrikamApp(AUDIT_LOG),
} as const satisfies Record<string, PersonaClaims>

export type AuditPersona = keyof typeof AUDIT_PERSONAS

/** The signed-in user of a persona (null for app-only and anonymous callers). */
export function userOfPersona(persona: Persona): PersonName | null {
  const claims: PersonaClaims = PERSONAS[persona]
  if ('anonymous' in claims || 'roles' in claims) return null
  const found = (Object.keys(everyone) as PersonName[]).find((name) => everyone[name].id === claims.sub)
  return found ?? null
}

export type TenantId = 'contoso' | 'fabrikam'

export const tenantOfPersona = (persona: Persona): TenantId => {
  const claims: PersonaClaims = PERSONAS[persona]
  return 'anonymous' in claims || claims.tid !== 'fabrikam' ? 'contoso' : 'fabrikam'
}

/** One HS256 token per persona (undefined for anonymous). */
export function matrixTokens(): Promise<Record<Persona, string | undefined>> {
  return tokensOf(PERSONAS)
}

export function auditMatrixTokens(): Promise<Record<AuditPersona, string>> {
  return tokensOf(AUDIT_PERSONAS) as Promise<Record<AuditPersona, string>>
}

async function tokensOf<P extends string>(personas: Record<P, PersonaClaims>): Promise<Record<P, string | undefined>> {
  const entries = await Promise.all(
    (Object.keys(personas) as P[]).map(async (persona) => {
      const claims: PersonaClaims = personas[persona]
      return [persona, 'anonymous' in claims ? undefined : await tokenFor(claims)] as const
    }),
  )
  return Object.fromEntries(entries) as Record<P, string | undefined>
}

// ---------------------------------------------------------------------------
// What a caller reads: full numbers or masked ones.

export type Visibility = 'full' | 'masked'

export function phoneView(phone: SeededPhone, visibility: Visibility) {
  return {
    methodId: PHONE_METHOD_ID[phone.phoneType],
    phoneNumber: visibility === 'full' ? phone.phoneNumber : phone.masked,
    isPhoneNumberMasked: visibility === 'masked',
    phoneType: phone.phoneType,
    smsSignInState: phone.phoneType === 'mobile' ? (phone.registered ? 'ready' : 'notEnabled') : 'notSupported',
  }
}

const ORDER: PhoneType[] = ['mobile', 'alternateMobile', 'office']

export function phonesOf(owner: PersonName): SeededPhone[] {
  return BASELINE_PHONES.filter((phone) => phone.owner === owner).sort(
    (a, b) => ORDER.indexOf(a.phoneType) - ORDER.indexOf(b.phoneType),
  )
}

export function mobileOf(owner: PersonName): SeededPhone {
  const mobile = phonesOf(owner).find((phone) => phone.phoneType === 'mobile')
  if (!mobile) throw new Error(`${owner} has no mobile in the baseline`)
  return mobile
}

/** A user as the matrix's user/me/users selections return it. */
export function userView(owner: PersonName, visibility: Visibility) {
  const person = everyone[owner]
  return {
    id: person.id,
    userPrincipalName: person.userPrincipalName,
    phoneMethods: phonesOf(owner).map((phone) => phoneView(phone, visibility)),
  }
}

/** Every user of a tenant in id order (the users connection's order); the viewer's own phones are always full. */
export function tenantView(tenant: TenantId, visibility: Visibility, viewer: PersonName | null) {
  const owners = (Object.keys(everyone) as PersonName[])
    .filter((name) => tenantOf(name) === tenant)
    .sort((a, b) => (everyone[a].id < everyone[b].id ? -1 : 1))
  return { edges: owners.map((owner) => ({ node: userView(owner, owner === viewer ? 'full' : visibility) })) }
}

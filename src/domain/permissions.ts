// Who may do what (docs/permissions.md), as one table and one function that reads it.
// Services ask before they touch data; resolvers never decide access.
import { DirectoryRole, DirectoryRoleName, type Principal } from './principal.ts'

export type Operation =
  | 'readPhoneMethods'
  | 'addPhoneMethod'
  | 'updatePhoneMethod'
  | 'deletePhoneMethod'
  | 'enableSmsSignIn'
  | 'disableSmsSignIn'
  | 'updateSignInPreferences'
  | 'readSmsPolicy'
  | 'changeSmsPolicy'
  | 'readAuditLog'

/**
 * What an operation is aimed at. `directoryRoles` (the target's role template
 * ids) is only looked up by the operations whose rule depends on it (writes);
 * when it is unknown, a role whose reach depends on it is refused: the
 * decision fails closed.
 */
export type Target =
  | { kind: 'self' }
  | { kind: 'otherUser'; directoryRoles?: ReadonlySet<string> }
  | { kind: 'tenant' }

export type Decision = { allowed: true } | { allowed: false; reason: string }

/** Which targets a directory role opens, for one operation. */
type RoleReach = 'anyUser' | 'usersAnAuthenticationAdministratorMayReset'

/**
 * The roles whose holders an Authentication Administrator may still reset:
 * the "Auth Admin" column of Entra's "Who can reset passwords" table
 * (https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions#who-can-reset-passwords).
 * A user holding any other role (Global Administrator, Privileged
 * Authentication Administrator, Helpdesk Administrator, User Administrator,
 * custom roles, ...) is out of its reach; a user holding no role is within it.
 */
export const ROLES_AN_AUTHENTICATION_ADMINISTRATOR_MAY_RESET: ReadonlySet<string> = new Set([
  DirectoryRole.authenticationAdministrator,
  DirectoryRole.directoryReaders,
  DirectoryRole.guestInviter,
  DirectoryRole.messageCenterReader,
  DirectoryRole.passwordAdministrator,
  DirectoryRole.reportsReader,
  DirectoryRole.userExperienceSuccessManager,
  DirectoryRole.usageSummaryReportsReader,
])

interface Rule {
  /** Delegated tokens aimed at another user (or at the tenant): a scope, and, where listed, a role. */
  delegated: { scopes: readonly string[]; roles?: Readonly<Record<string, RoleReach>> }
  /** Delegated tokens aimed at the caller's own account; a string is why it is never allowed. */
  delegatedOnSelf: { scopes: readonly string[] } | string
  /** App-only tokens: an application permission. */
  app: { permissions: readonly string[] }
}

const READ_ALL = [
  'UserAuthenticationMethod.Read.All',
  'UserAuthenticationMethod.ReadWrite.All',
  'UserAuthMethod-Phone.Read.All',
  'UserAuthMethod-Phone.ReadWrite.All',
]
const WRITE_ALL = ['UserAuthenticationMethod.ReadWrite.All', 'UserAuthMethod-Phone.ReadWrite.All']
const READ_SELF = [
  'UserAuthenticationMethod.Read',
  'UserAuthenticationMethod.ReadWrite',
  'UserAuthMethod-Phone.Read',
  'UserAuthMethod-Phone.ReadWrite',
  ...READ_ALL,
]
const WRITE_SELF = ['UserAuthenticationMethod.ReadWrite', 'UserAuthMethod-Phone.ReadWrite', ...WRITE_ALL]

const READERS: Record<string, RoleReach> = {
  [DirectoryRole.globalReader]: 'anyUser',
  [DirectoryRole.authenticationAdministrator]: 'anyUser',
  [DirectoryRole.privilegedAuthenticationAdministrator]: 'anyUser',
  [DirectoryRole.globalAdministrator]: 'anyUser',
}
const WRITERS: Record<string, RoleReach> = {
  [DirectoryRole.privilegedAuthenticationAdministrator]: 'anyUser',
  [DirectoryRole.globalAdministrator]: 'anyUser',
  [DirectoryRole.authenticationAdministrator]: 'usersAnAuthenticationAdministratorMayReset',
}
const POLICY_READ = ['Policy.Read.AuthenticationMethod', 'Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod']
const ON_TENANT = 'the SMS policy belongs to the tenant, not to a user'

const write = (onSelf: Rule['delegatedOnSelf']): Rule => ({
  delegated: { scopes: WRITE_ALL, roles: WRITERS },
  delegatedOnSelf: onSelf,
  app: { permissions: WRITE_ALL },
})
const NEVER_ON_SELF = "users can't add or update a phone method on their own account"

// The audit log: its readers in Entra, or a user reading the events about themselves.
const AUDIT_LOG_READERS: Rule = {
  delegated: {
    scopes: ['AuditLog.Read.All'],
    roles: Object.fromEntries(
      [
        DirectoryRole.reportsReader,
        DirectoryRole.securityReader,
        DirectoryRole.securityAdministrator,
        DirectoryRole.globalReader,
        DirectoryRole.globalAdministrator,
      ].map((role) => [role, 'anyUser' as const]),
    ),
  },
  delegatedOnSelf: { scopes: READ_SELF },
  app: { permissions: ['AuditLog.Read.All'] },
}

export const RULES: Readonly<Record<Operation, Rule>> = {
  readPhoneMethods: {
    delegated: { scopes: READ_ALL, roles: READERS },
    delegatedOnSelf: { scopes: READ_SELF },
    app: { permissions: READ_ALL },
  },
  addPhoneMethod: write(NEVER_ON_SELF),
  updatePhoneMethod: write(NEVER_ON_SELF),
  deletePhoneMethod: write({ scopes: WRITE_SELF }),
  enableSmsSignIn: write({ scopes: WRITE_SELF }),
  disableSmsSignIn: write({ scopes: WRITE_SELF }),
  updateSignInPreferences: write({ scopes: WRITE_SELF }),
  readSmsPolicy: {
    delegated: {
      scopes: POLICY_READ,
      roles: {
        [DirectoryRole.globalReader]: 'anyUser',
        [DirectoryRole.authenticationPolicyAdministrator]: 'anyUser',
        [DirectoryRole.globalAdministrator]: 'anyUser',
      },
    },
    delegatedOnSelf: ON_TENANT,
    app: { permissions: POLICY_READ },
  },
  changeSmsPolicy: {
    delegated: {
      scopes: ['Policy.ReadWrite.AuthenticationMethod'],
      roles: { [DirectoryRole.authenticationPolicyAdministrator]: 'anyUser', [DirectoryRole.globalAdministrator]: 'anyUser' },
    },
    delegatedOnSelf: ON_TENANT,
    app: { permissions: ['Policy.ReadWrite.AuthenticationMethod'] },
  },
  readAuditLog: AUDIT_LOG_READERS,
}

const ALLOWED: Decision = { allowed: true }
const deny = (reason: string): Decision => ({ allowed: false, reason })
const oneOf = (names: readonly string[]) => (names.length === 1 ? names[0] : `one of ${names.join(', ')}`)
const hasAny = (held: ReadonlySet<string>, wanted: readonly string[]) => wanted.some((name) => held.has(name))

export function decide(principal: Principal, operation: Operation, target: Target): Decision {
  const rule = RULES[operation]
  if (principal.kind === 'app') {
    return hasAny(principal.appPermissions, rule.app.permissions)
      ? ALLOWED
      : deny(`missing application permission: ${oneOf(rule.app.permissions)}`)
  }
  if (target.kind === 'self') {
    const onSelf = rule.delegatedOnSelf
    if (typeof onSelf === 'string') return deny(onSelf)
    return hasAny(principal.scopes, onSelf.scopes) ? ALLOWED : deny(`missing scope: ${oneOf(onSelf.scopes)}`)
  }
  const { scopes, roles } = rule.delegated
  if (!hasAny(principal.scopes, scopes)) return deny(`missing scope: ${oneOf(scopes)}`)
  if (!roles) return ALLOWED
  const reaches = [...principal.directoryRoles].map((role) => roles[role]).filter((reach) => reach !== undefined)
  if (reaches.includes('anyUser')) return ALLOWED
  const roleNames = Object.keys(roles).map((role) => DirectoryRoleName[role] ?? role)
  if (reaches.length === 0) return deny(`missing directory role: ${oneOf(roleNames)}`)
  if (target.kind === 'otherUser' && !withinAuthenticationAdministratorReach(target.directoryRoles)) {
    return deny(
      `an Authentication Administrator can't change the authentication methods of a user who holds a directory role ` +
        `outside Entra's list of roles it may reset; missing directory role: ` +
        `${DirectoryRoleName[DirectoryRole.privilegedAuthenticationAdministrator]} or ${DirectoryRoleName[DirectoryRole.globalAdministrator]}`,
    )
  }
  return ALLOWED
}

const withinAuthenticationAdministratorReach = (roles: ReadonlySet<string> | undefined) =>
  roles !== undefined && [...roles].every((role) => ROLES_AN_AUTHENTICATION_ADMINISTRATOR_MAY_RESET.has(role))

/**
 * Could this caller act on some other user at all? Its refusal answers every
 * target that is not the caller, whether it exists or not, so that a caller
 * who may act only on itself learns nothing about other users.
 */
export function mayActOnOthers(principal: Principal, operation: Operation): Decision {
  return decide(principal, operation, { kind: 'otherUser', directoryRoles: NO_ROLES })
}

const NO_ROLES: ReadonlySet<string> = new Set()

/** Full numbers for the user themselves, app-only callers, Privileged Authentication and Global Administrators; masked for the others. */
export function seesFullPhoneNumbers(principal: Principal, ownerId: string): boolean {
  return (
    principal.kind === 'app' ||
    principal.subjectId === ownerId ||
    principal.directoryRoles.has(DirectoryRole.privilegedAuthenticationAdministrator) ||
    principal.directoryRoles.has(DirectoryRole.globalAdministrator)
  )
}

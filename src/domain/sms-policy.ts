// The tenant's SMS authentication method policy (Graph's
// smsAuthenticationMethodConfiguration) and who it lets sign in by SMS.

export type AuthenticationMethodState = 'enabled' | 'disabled'
export type AuthenticationMethodTargetType = 'user' | 'group'

export interface SmsIncludeTarget {
  readonly id: string
  readonly targetType: AuthenticationMethodTargetType
  readonly isUsableForSignIn: boolean
}

export interface SmsExcludeTarget {
  readonly id: string
  readonly targetType: AuthenticationMethodTargetType
}

export interface SmsPolicy {
  readonly state: AuthenticationMethodState
  readonly includeTargets: readonly SmsIncludeTarget[]
  readonly excludeTargets: readonly SmsExcludeTarget[]
}

/** The built-in group target: every user of the tenant. Other group targets name groups of the tenant. */
export const ALL_USERS = 'all_users'

/** Graph's id for this method configuration. */
export const SMS_POLICY_ID = 'Sms'

/** Every new tenant starts here. */
export const DEFAULT_SMS_POLICY: SmsPolicy = {
  state: 'enabled',
  includeTargets: [{ id: ALL_USERS, targetType: 'group', isUsableForSignIn: true }],
  excludeTargets: [],
}

/** Who the policy is asked about: a user and the groups they are a direct member of. */
export interface PolicySubject {
  readonly id: string
  readonly groupIds: ReadonlySet<string>
}

type Target = { id: string; targetType: AuthenticationMethodTargetType }

const covers = (target: Target, subject: PolicySubject) =>
  target.targetType === 'user' ? target.id === subject.id : target.id === ALL_USERS || subject.groupIds.has(target.id)

/** The policy is on, includes the user for sign-in (directly or through a group), and does not exclude them. */
export function allowsSmsSignIn(policy: SmsPolicy, subject: PolicySubject): boolean {
  return (
    policy.state === 'enabled' &&
    policy.includeTargets.some((target) => target.isUsableForSignIn && covers(target, subject)) &&
    !policy.excludeTargets.some((target) => covers(target, subject))
  )
}

/** The groups (other than all_users) the policy names: only when there are some does a decision need the user's groups. */
export function groupIdsNamedBy(policy: SmsPolicy): string[] {
  return [...policy.includeTargets, ...policy.excludeTargets]
    .filter((target) => target.targetType === 'group' && target.id !== ALL_USERS)
    .map((target) => target.id)
}

/** The users the policy names by id. */
export function userIdsNamedBy(policy: SmsPolicy): string[] {
  return [...policy.includeTargets, ...policy.excludeTargets].filter((target) => target.targetType === 'user').map((target) => target.id)
}

/** A PATCH: omitted fields keep their value. */
export type SmsPolicyChange = Partial<SmsPolicy>

export function applyChange(policy: SmsPolicy, change: SmsPolicyChange): SmsPolicy {
  return {
    state: change.state ?? policy.state,
    includeTargets: change.includeTargets ?? policy.includeTargets,
    excludeTargets: change.excludeTargets ?? policy.excludeTargets,
  }
}

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

/** The one group target there is: every user of the tenant. */
export const ALL_USERS = 'all_users'

/** Graph's id for this method configuration. */
export const SMS_POLICY_ID = 'Sms'

/** Every new tenant starts here. */
export const DEFAULT_SMS_POLICY: SmsPolicy = {
  state: 'enabled',
  includeTargets: [{ id: ALL_USERS, targetType: 'group', isUsableForSignIn: true }],
  excludeTargets: [],
}

const covers = (target: { id: string; targetType: AuthenticationMethodTargetType }, userId: string) =>
  target.targetType === 'group' ? target.id === ALL_USERS : target.id === userId

/** The policy is on, includes the user for sign-in, and does not exclude them. */
export function allowsSmsSignIn(policy: SmsPolicy, userId: string): boolean {
  return (
    policy.state === 'enabled' &&
    policy.includeTargets.some((target) => target.isUsableForSignIn && covers(target, userId)) &&
    !policy.excludeTargets.some((target) => covers(target, userId))
  )
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

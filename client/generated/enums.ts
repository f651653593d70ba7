/** Whether an authentication method policy is on. */
export const AuthenticationMethodState = {
  /** Nobody can use the method. */
  Disabled: 'disabled',
  /** The method can be used by the users the policy includes. */
  Enabled: 'enabled'
} as const;

export type AuthenticationMethodState = typeof AuthenticationMethodState[keyof typeof AuthenticationMethodState];
/** What a policy target names. */
export const AuthenticationMethodTargetType = {
  /** A group; the only one here is all_users, every user of the tenant. */
  Group: 'group',
  /** One user, by id. */
  User: 'user'
} as const;

export type AuthenticationMethodTargetType = typeof AuthenticationMethodTargetType[keyof typeof AuthenticationMethodTargetType];
/** The type of a phone. A user has at most one phone of each type. */
export const PhoneType = {
  /** A second mobile phone; needs a mobile phone to exist first. */
  AlternateMobile: 'alternateMobile',
  /** A mobile phone: the only type that can be used for SMS sign-in. */
  Mobile: 'mobile',
  /** An office phone. */
  Office: 'office'
} as const;

export type PhoneType = typeof PhoneType[keyof typeof PhoneType];
/** Whether a phone is ready to be used for SMS sign-in, and if not, why. */
export const SmsSignInState = {
  /** The SMS authentication method policy is disabled, does not include the user for sign-in, or excludes them. */
  NotAllowedByPolicy: 'notAllowedByPolicy',
  /** SMS sign-in is not configured for this phone (reserved by Microsoft Graph). */
  NotConfigured: 'notConfigured',
  /** SMS sign-in is not enabled on this phone; enableSmsSignIn turns it on. */
  NotEnabled: 'notEnabled',
  /** SMS sign-in is not supported on this phone type (only mobile phones support it). */
  NotSupported: 'notSupported',
  /** Another user of the tenant already uses this number for SMS sign-in; the phone is saved but cannot sign in. */
  PhoneNumberNotUnique: 'phoneNumberNotUnique',
  /** The phone is registered and ready for SMS sign-in. */
  Ready: 'ready',
  /** Evolvable enumeration sentinel value (reserved by Microsoft Graph). */
  UnknownFutureValue: 'unknownFutureValue'
} as const;

export type SmsSignInState = typeof SmsSignInState[keyof typeof SmsSignInState];
// smsSignInState (docs/rules.md, smsSignInState): what is stored is only whether a
// mobile holds its number for SMS sign-in; the state a client reads is derived
// from that and the policy as it is now, so a policy change shows at once and
// a registration survives a spell of exclusion.
import type { PhoneType } from './phone-method.ts'

export type SmsSignInRegistration = 'registered' | 'notEnabled' | 'phoneNumberNotUnique'

export type SmsSignInState =
  | 'notSupported'
  | 'notAllowedByPolicy'
  | 'notEnabled'
  | 'phoneNumberNotUnique'
  | 'ready'
  | 'notConfigured'
  | 'unknownFutureValue'

export function smsSignInState(
  phone: { phoneType: PhoneType; smsSignInRegistration: SmsSignInRegistration },
  allowedByPolicy: boolean,
): SmsSignInState {
  if (phone.phoneType !== 'mobile') return 'notSupported'
  if (!allowedByPolicy) return 'notAllowedByPolicy'
  return phone.smsSignInRegistration === 'registered' ? 'ready' : phone.smsSignInRegistration
}

/**
 * What a mobile gets when it is added or its number changes: Graph tries to
 * register it when the policy lets the user sign in by SMS, and the number is
 * still saved when another user already holds it.
 */
export function registrationOnSave(allowedByPolicy: boolean, heldByAnotherUser: boolean): SmsSignInRegistration {
  if (!allowedByPolicy) return 'notEnabled'
  return heldByAnotherUser ? 'phoneNumberNotUnique' : 'registered'
}

/**
 * Whether an update of a phone's number keeps the phone as it is, its SMS
 * sign-in registration included: it does when it names the number the phone
 * already has (compared in canonical form), so that an update does not undo a
 * disableSmsSignIn. Any other number is saved anew, and a mobile's
 * registration is decided again as on a save.
 */
export function updateKeepsRegistration(phone: { phoneNumber: string }, newCanonicalNumber: string): boolean {
  return phone.phoneNumber === newCanonicalNumber
}

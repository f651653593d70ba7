// A user's sign-in preferences (Graph's signInPreferences, docs/rules.md, sign-in preferences):
// which phone-based method is their default for multifactor authentication,
// and the rule that ties that default to the phone it names.
import { GatewayError, invalidInput } from './errors.ts'
import type { PhoneType } from './phone-method.ts'
import { METHOD_ID_FIELD, phoneTypeNoun } from './phone-rules.ts'

export const DEFAULT_METHOD_TYPES = ['push', 'oath', 'voiceMobile', 'voiceAlternateMobile', 'voiceOffice', 'sms', 'unknownFutureValue'] as const
export type UserDefaultAuthenticationMethodType = (typeof DEFAULT_METHOD_TYPES)[number]

export interface SignInPreferences {
  /** null when the user has not chosen one. */
  readonly userPreferredMethodForSecondaryAuthentication: UserDefaultAuthenticationMethodType | null
  readonly isSystemPreferredAuthenticationMethodEnabled: boolean
}

/** The phone each phone-based default method needs; the others cannot be set through this gateway. */
export const PHONE_OF_DEFAULT_METHOD: Readonly<Partial<Record<UserDefaultAuthenticationMethodType, PhoneType>>> = {
  sms: 'mobile',
  voiceMobile: 'mobile',
  voiceAlternateMobile: 'alternateMobile',
  voiceOffice: 'office',
}

/** A PATCH: an omitted field keeps its value; a null method clears it. */
export interface SignInPreferencesChange {
  readonly userPreferredMethodForSecondaryAuthentication?: UserDefaultAuthenticationMethodType | null
  readonly isSystemPreferredAuthenticationMethodEnabled?: boolean
}

export const PREFERRED_METHOD_FIELD = 'input.userPreferredMethodForSecondaryAuthentication'

/** A default method can be set only when the user has the phone it names. */
export function assertDefaultMethodPossible(method: UserDefaultAuthenticationMethodType, phones: ReadonlySet<PhoneType>): void {
  const phone = PHONE_OF_DEFAULT_METHOD[method]
  if (!phone) {
    throw badPreferredMethod(`The default method ${method} can't be set here. Use sms, voiceMobile, voiceAlternateMobile or voiceOffice.`)
  }
  if (!phones.has(phone)) throw badPreferredMethod(`The default method ${method} needs ${phoneTypeNoun(phone)}, and the user has none.`)
}

/** As in Graph, the phone behind the user's default method stays until the default changes. */
export function assertNotDefaultMethod(preferred: UserDefaultAuthenticationMethodType | null, phoneType: PhoneType): void {
  if (preferred && PHONE_OF_DEFAULT_METHOD[preferred] === phoneType) {
    throw new GatewayError(
      'DEFAULT_METHOD_CANNOT_BE_DELETED',
      `This phone is the user's default sign-in method (${preferred}). Change the default method first.`,
      undefined,
      METHOD_ID_FIELD,
    )
  }
}

const badPreferredMethod = (message: string) => invalidInput(PREFERRED_METHOD_FIELD, message)

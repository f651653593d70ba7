// Graph's rules for the set of phones one user has (docs/rules.md, rules 1–3;
// rule 4 holds by construction: an update has no type to change).
import { GatewayError } from './errors.ts'
import type { PhoneType } from './phone-method.ts'

/** The input field a refusal of a phone's type, or of the phone a request names, points a form at. */
export const PHONE_TYPE_FIELD = 'input.phoneType'
export const METHOD_ID_FIELD = 'input.methodId'

const NOUNS: Readonly<Record<PhoneType, string>> = {
  mobile: 'a mobile phone',
  alternateMobile: 'an alternate mobile phone',
  office: 'an office phone',
}

/** A phone type as a sentence names it: "an office phone". */
export const phoneTypeNoun = (type: PhoneType): string => NOUNS[type]

export function assertCanAdd(existing: ReadonlySet<PhoneType>, type: PhoneType): void {
  if (existing.has(type)) {
    throw new GatewayError('PHONE_TYPE_ALREADY_EXISTS', `The user already has ${phoneTypeNoun(type)}. Update or delete it instead.`, undefined, PHONE_TYPE_FIELD)
  }
  if (type === 'alternateMobile' && !existing.has('mobile')) {
    throw new GatewayError('MOBILE_REQUIRED', 'The user needs a mobile phone before an alternate mobile phone can be added.', undefined, PHONE_TYPE_FIELD)
  }
}

export function assertCanDelete(existing: ReadonlySet<PhoneType>, type: PhoneType): void {
  if (type === 'mobile' && existing.has('alternateMobile')) {
    throw new GatewayError(
      'ALTERNATE_MOBILE_EXISTS',
      "The mobile phone can't be deleted while the user has an alternate mobile phone. Delete the alternate mobile phone first.",
      undefined,
      METHOD_ID_FIELD,
    )
  }
}

// Graph's rules for the set of phones one user has (CONTRACT §6, rules 1–3;
// rule 4 holds by construction: an update has no type to change).
import { GatewayError } from './errors.ts'
import type { PhoneType } from './phone-method.ts'

export function assertCanAdd(existing: ReadonlySet<PhoneType>, type: PhoneType): void {
  if (existing.has(type)) {
    throw new GatewayError('PHONE_TYPE_ALREADY_EXISTS', `the user already has a ${type} phone; update or delete it instead`)
  }
  if (type === 'alternateMobile' && !existing.has('mobile')) {
    throw new GatewayError('MOBILE_REQUIRED', 'a user must have a mobile phone before an alternateMobile phone can be added')
  }
}

export function assertCanDelete(existing: ReadonlySet<PhoneType>, type: PhoneType): void {
  if (type === 'mobile' && existing.has('alternateMobile')) {
    throw new GatewayError(
      'ALTERNATE_MOBILE_EXISTS',
      "the mobile phone can't be deleted while an alternateMobile phone exists; delete the alternateMobile phone first",
    )
  }
}

// One `it` per rule of the set of phones one user has: a new rule gets its own.
import { describe, expect, it } from 'vitest'
import type { PhoneType } from '../../src/domain/phone-method.ts'
import { assertCanAdd, assertCanDelete, METHOD_ID_FIELD, PHONE_TYPE_FIELD } from '../../src/domain/phone-rules.ts'

const phones = (...types: PhoneType[]) => new Set(types)

/** What `decide` threw, or undefined when it allowed. */
function refusalOf(decide: () => void): unknown {
  try {
    decide()
  } catch (error) {
    return error
  }
  return undefined
}

describe('assertCanAdd', () => {
  it('refuses a second phone of a type the user has', () => {
    expect(refusalOf(() => assertCanAdd(phones('office'), 'office'))).toMatchObject({ code: 'PHONE_TYPE_ALREADY_EXISTS', field: PHONE_TYPE_FIELD })
    expect(refusalOf(() => assertCanAdd(phones('mobile'), 'office'))).toBeUndefined()
  })

  it('refuses an alternate mobile to a user without a mobile', () => {
    expect(refusalOf(() => assertCanAdd(phones('office'), 'alternateMobile'))).toMatchObject({ code: 'MOBILE_REQUIRED', field: PHONE_TYPE_FIELD })
    expect(refusalOf(() => assertCanAdd(phones('mobile'), 'alternateMobile'))).toBeUndefined()
  })
})

describe('assertCanDelete', () => {
  it('refuses to delete the mobile while an alternate mobile exists', () => {
    expect(refusalOf(() => assertCanDelete(phones('mobile', 'alternateMobile'), 'mobile'))).toMatchObject({ code: 'ALTERNATE_MOBILE_EXISTS', field: METHOD_ID_FIELD })
    expect(refusalOf(() => assertCanDelete(phones('mobile', 'alternateMobile'), 'alternateMobile'))).toBeUndefined()
    expect(refusalOf(() => assertCanDelete(phones('mobile', 'office'), 'mobile'))).toBeUndefined()
  })
})

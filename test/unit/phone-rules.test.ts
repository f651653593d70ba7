// One `it` per rule of the set of phones one user has: a new rule gets its own.
import { describe, expect, it } from 'vitest'
import type { PhoneType } from '../../src/domain/phone-method.ts'
import { assertCanAdd, assertCanDelete, METHOD_ID_FIELD, PHONE_TYPE_FIELD } from '../../src/domain/phone-rules.ts'

const phones = (...types: PhoneType[]) => new Set(types)

describe('assertCanAdd', () => {
  it('refuses a second phone of a type the user has', () => {
    expect(() => assertCanAdd(phones('office'), 'office')).toThrow(expect.objectContaining({ code: 'PHONE_TYPE_ALREADY_EXISTS', field: PHONE_TYPE_FIELD }))
    expect(() => assertCanAdd(phones('mobile'), 'office')).not.toThrow()
  })

  it('refuses an alternate mobile to a user without a mobile', () => {
    expect(() => assertCanAdd(phones('office'), 'alternateMobile')).toThrow(expect.objectContaining({ code: 'MOBILE_REQUIRED', field: PHONE_TYPE_FIELD }))
    expect(() => assertCanAdd(phones('mobile'), 'alternateMobile')).not.toThrow()
  })
})

describe('assertCanDelete', () => {
  it('refuses to delete the mobile while an alternate mobile exists', () => {
    expect(() => assertCanDelete(phones('mobile', 'alternateMobile'), 'mobile')).toThrow(expect.objectContaining({ code: 'ALTERNATE_MOBILE_EXISTS', field: METHOD_ID_FIELD }))
    expect(() => assertCanDelete(phones('mobile', 'alternateMobile'), 'alternateMobile')).not.toThrow()
    expect(() => assertCanDelete(phones('mobile', 'office'), 'mobile')).not.toThrow()
  })
})

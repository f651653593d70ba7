// One `it` per rule of a user's default sign-in method: a new rule gets its own.
import { describe, expect, it } from 'vitest'
import type { PhoneType } from '../../src/domain/phone-method.ts'
import { assertDefaultMethodPossible, assertNotDefaultMethod, PREFERRED_METHOD_FIELD } from '../../src/domain/sign-in-preferences.ts'
import { METHOD_ID_FIELD } from '../../src/domain/phone-rules.ts'

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

describe('assertDefaultMethodPossible', () => {
  it('refuses a default method that names no phone', () => {
    expect(refusalOf(() => assertDefaultMethodPossible('push', phones('mobile')))).toMatchObject({ code: 'BAD_USER_INPUT', field: PREFERRED_METHOD_FIELD })
  })

  it('refuses a default method whose phone the user lacks', () => {
    expect(refusalOf(() => assertDefaultMethodPossible('voiceOffice', phones('mobile')))).toMatchObject({ code: 'BAD_USER_INPUT', field: PREFERRED_METHOD_FIELD })
    expect(refusalOf(() => assertDefaultMethodPossible('voiceOffice', phones('office')))).toBeUndefined()
    expect(refusalOf(() => assertDefaultMethodPossible('sms', phones('mobile')))).toBeUndefined()
  })
})

describe('assertNotDefaultMethod', () => {
  it("refuses to delete the phone behind the user's default method", () => {
    expect(refusalOf(() => assertNotDefaultMethod('sms', 'mobile'))).toMatchObject({ code: 'DEFAULT_METHOD_CANNOT_BE_DELETED', field: METHOD_ID_FIELD })
    expect(refusalOf(() => assertNotDefaultMethod('voiceAlternateMobile', 'alternateMobile'))).toMatchObject({ code: 'DEFAULT_METHOD_CANNOT_BE_DELETED' })
    expect(refusalOf(() => assertNotDefaultMethod('sms', 'office'))).toBeUndefined()
    expect(refusalOf(() => assertNotDefaultMethod(null, 'mobile'))).toBeUndefined()
  })
})

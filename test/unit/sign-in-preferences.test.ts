// One `it` per rule of a user's default sign-in method: a new rule gets its own.
import { describe, expect, it } from 'vitest'
import type { PhoneType } from '../../src/domain/phone-method.ts'
import { assertDefaultMethodPossible, assertNotDefaultMethod, PREFERRED_METHOD_FIELD } from '../../src/domain/sign-in-preferences.ts'
import { METHOD_ID_FIELD } from '../../src/domain/phone-rules.ts'

const phones = (...types: PhoneType[]) => new Set(types)

describe('assertDefaultMethodPossible', () => {
  it('refuses a default method that names no phone', () => {
    expect(() => assertDefaultMethodPossible('push', phones('mobile'))).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: PREFERRED_METHOD_FIELD }))
  })

  it('refuses a default method whose phone the user lacks', () => {
    expect(() => assertDefaultMethodPossible('voiceOffice', phones('mobile'))).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: PREFERRED_METHOD_FIELD }))
    expect(() => assertDefaultMethodPossible('voiceOffice', phones('office'))).not.toThrow()
    expect(() => assertDefaultMethodPossible('sms', phones('mobile'))).not.toThrow()
  })
})

describe('assertNotDefaultMethod', () => {
  it("refuses to delete the phone behind the user's default method", () => {
    expect(() => assertNotDefaultMethod('sms', 'mobile')).toThrow(expect.objectContaining({ code: 'DEFAULT_METHOD_CANNOT_BE_DELETED', field: METHOD_ID_FIELD }))
    expect(() => assertNotDefaultMethod('voiceAlternateMobile', 'alternateMobile')).toThrow(expect.objectContaining({ code: 'DEFAULT_METHOD_CANNOT_BE_DELETED' }))
    expect(() => assertNotDefaultMethod('sms', 'office')).not.toThrow()
    expect(() => assertNotDefaultMethod(null, 'mobile')).not.toThrow()
  })
})

// The SMS sign-in state a phone reads, and what a save or an update does to its registration.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { registrationOnSave, smsSignInState, updateKeepsRegistration } from '../../src/domain/sms-sign-in.ts'

describe('smsSignInState', () => {
  it('is notSupported for anything but a mobile, whatever was stored', () => {
    expect(smsSignInState({ phoneType: 'office', smsSignInRegistration: 'registered' }, true)).toBe('notSupported')
    expect(smsSignInState({ phoneType: 'alternateMobile', smsSignInRegistration: 'notEnabled' }, true)).toBe('notSupported')
  })

  it('is notAllowedByPolicy while the policy does not allow the user, and the stored state once it does', () => {
    for (const registration of ['registered', 'notEnabled', 'phoneNumberNotUnique'] as const) {
      expect(smsSignInState({ phoneType: 'mobile', smsSignInRegistration: registration }, false)).toBe('notAllowedByPolicy')
    }
    expect(smsSignInState({ phoneType: 'mobile', smsSignInRegistration: 'registered' }, true)).toBe('ready')
    expect(smsSignInState({ phoneType: 'mobile', smsSignInRegistration: 'notEnabled' }, true)).toBe('notEnabled')
    expect(smsSignInState({ phoneType: 'mobile', smsSignInRegistration: 'phoneNumberNotUnique' }, true)).toBe('phoneNumberNotUnique')
  })
})

describe('registrationOnSave', () => {
  it('registers a saved mobile when allowed and the number is free', () => {
    expect(registrationOnSave(true, false)).toBe('registered')
    expect(registrationOnSave(true, true)).toBe('phoneNumberNotUnique')
    expect(registrationOnSave(false, false)).toBe('notEnabled')
    expect(registrationOnSave(false, true)).toBe('notEnabled')
  })
})

describe('updatePhoneMethod', () => {
  it('keeps the registration when the update names the same number, and decides again for another', () => {
    const registrations = fc.constantFrom('registered' as const, 'notEnabled' as const, 'phoneNumberNotUnique' as const)
    fc.assert(
      fc.property(fc.stringMatching(/^\+[1-9]\d{1,3} \d{4,12}$/), fc.stringMatching(/^\+[1-9]\d{1,3} \d{4,12}$/), registrations, (number, other, registration) => {
        const phone = { phoneNumber: number, smsSignInRegistration: registration }
        expect(updateKeepsRegistration(phone, number)).toBe(true)
        expect(updateKeepsRegistration(phone, other)).toBe(number === other)
      }),
    )
  })
})

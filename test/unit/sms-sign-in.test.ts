// Who the SMS policy lets sign in, and the state a phone reads.
import { describe, expect, it } from 'vitest'
import { allowsSmsSignIn, applyChange, DEFAULT_SMS_POLICY, type SmsPolicy } from '../../src/domain/sms-policy.ts'
import { registrationOnSave, smsSignInState } from '../../src/domain/sms-sign-in.ts'

const policy = (overrides: Partial<SmsPolicy>): SmsPolicy => ({ ...DEFAULT_SMS_POLICY, ...overrides })
const user = (id: string, isUsableForSignIn = true) => ({ id, targetType: 'user' as const, isUsableForSignIn })

describe('allowsSmsSignIn', () => {
  it('lets everyone in by default', () => {
    expect(allowsSmsSignIn(DEFAULT_SMS_POLICY, 'kim')).toBe(true)
  })

  it('lets nobody in when the policy is disabled', () => {
    expect(allowsSmsSignIn(policy({ state: 'disabled' }), 'kim')).toBe(false)
  })

  it('needs an include target that covers the user and is usable for sign-in', () => {
    expect(allowsSmsSignIn(policy({ includeTargets: [user('lee')] }), 'kim')).toBe(false)
    expect(allowsSmsSignIn(policy({ includeTargets: [user('kim', false)] }), 'kim')).toBe(false)
    expect(allowsSmsSignIn(policy({ includeTargets: [user('kim', false), user('kim')] }), 'kim')).toBe(true)
    expect(allowsSmsSignIn(policy({ includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: false }] }), 'kim')).toBe(false)
    expect(allowsSmsSignIn(policy({ includeTargets: [] }), 'kim')).toBe(false)
  })

  it('lets an exclusion win, for one user or for all', () => {
    expect(allowsSmsSignIn(policy({ excludeTargets: [{ id: 'kim', targetType: 'user' }] }), 'kim')).toBe(false)
    expect(allowsSmsSignIn(policy({ excludeTargets: [{ id: 'kim', targetType: 'user' }] }), 'lee')).toBe(true)
    expect(allowsSmsSignIn(policy({ excludeTargets: [{ id: 'all_users', targetType: 'group' }] }), 'lee')).toBe(false)
  })

  it('does not take a user target named all_users for the group', () => {
    expect(allowsSmsSignIn(policy({ includeTargets: [user('all_users')] }), 'kim')).toBe(false)
  })
})

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

describe('applyChange', () => {
  it('is a PATCH: what is omitted stays', () => {
    const excluded = applyChange(DEFAULT_SMS_POLICY, { excludeTargets: [{ id: 'kim', targetType: 'user' }] })
    expect(excluded).toEqual({ ...DEFAULT_SMS_POLICY, excludeTargets: [{ id: 'kim', targetType: 'user' }] })
    expect(applyChange(excluded, { state: 'disabled' })).toEqual({ ...excluded, state: 'disabled' })
    expect(applyChange(excluded, {})).toEqual(excluded)
  })
})

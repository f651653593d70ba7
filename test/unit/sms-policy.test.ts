// Who the SMS policy lets sign in, and how a change applies to it.
import { describe, expect, it } from 'vitest'
import { allowsSmsSignIn, applyChange, DEFAULT_SMS_POLICY, groupIdsNamedBy, type SmsPolicy } from '../../src/domain/sms-policy.ts'

const policy = (overrides: Partial<SmsPolicy>): SmsPolicy => ({ ...DEFAULT_SMS_POLICY, ...overrides })
const user = (id: string, isUsableForSignIn = true) => ({ id, targetType: 'user' as const, isUsableForSignIn })
const group = (id: string, isUsableForSignIn = true) => ({ id, targetType: 'group' as const, isUsableForSignIn })
/** A user and the groups they are a direct member of. */
const who = (id: string, ...groupIds: string[]) => ({ id, groupIds: new Set(groupIds) })

describe('allowsSmsSignIn', () => {
  it('lets everyone in by default', () => {
    expect(allowsSmsSignIn(DEFAULT_SMS_POLICY, who('kim'))).toBe(true)
  })

  it('lets nobody in when the policy is disabled', () => {
    expect(allowsSmsSignIn(policy({ state: 'disabled' }), who('kim'))).toBe(false)
  })

  it('needs an include target that covers the user and is usable for sign-in', () => {
    expect(allowsSmsSignIn(policy({ includeTargets: [user('lee')] }), who('kim'))).toBe(false)
    expect(allowsSmsSignIn(policy({ includeTargets: [user('kim', false)] }), who('kim'))).toBe(false)
    expect(allowsSmsSignIn(policy({ includeTargets: [user('kim', false), user('kim')] }), who('kim'))).toBe(true)
    expect(allowsSmsSignIn(policy({ includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: false }] }), who('kim'))).toBe(false)
    expect(allowsSmsSignIn(policy({ includeTargets: [] }), who('kim'))).toBe(false)
  })

  it('lets an exclusion win, for one user or for all', () => {
    expect(allowsSmsSignIn(policy({ excludeTargets: [{ id: 'kim', targetType: 'user' }] }), who('kim'))).toBe(false)
    expect(allowsSmsSignIn(policy({ excludeTargets: [{ id: 'kim', targetType: 'user' }] }), who('lee'))).toBe(true)
    expect(allowsSmsSignIn(policy({ excludeTargets: [{ id: 'all_users', targetType: 'group' }] }), who('lee'))).toBe(false)
  })

  it('covers the direct members of a group target, for inclusion and for exclusion', () => {
    const pilot = policy({ includeTargets: [group('pilot')] })
    expect(allowsSmsSignIn(pilot, who('kim', 'pilot'))).toBe(true)
    expect(allowsSmsSignIn(pilot, who('lee', 'sales'))).toBe(false)
    expect(allowsSmsSignIn(policy({ includeTargets: [group('pilot', false)] }), who('kim', 'pilot'))).toBe(false)
    const allButSales = policy({ excludeTargets: [{ id: 'sales', targetType: 'group' }] })
    expect(allowsSmsSignIn(allButSales, who('kim', 'pilot', 'sales'))).toBe(false)
    expect(allowsSmsSignIn(allButSales, who('lee', 'pilot'))).toBe(true)
  })

  it('does not take a group target for a user of the same id, nor a user target for a group', () => {
    expect(allowsSmsSignIn(policy({ includeTargets: [group('kim')] }), who('kim'))).toBe(false)
    expect(allowsSmsSignIn(policy({ includeTargets: [user('pilot')] }), who('kim', 'pilot'))).toBe(false)
  })

  it('names the groups a decision needs, all_users aside', () => {
    expect(groupIdsNamedBy(DEFAULT_SMS_POLICY)).toEqual([])
    expect(groupIdsNamedBy(policy({ includeTargets: [group('all_users'), group('pilot')], excludeTargets: [{ id: 'sales', targetType: 'group' }] }))).toEqual(['pilot', 'sales'])
  })

  it('does not take a user target named all_users for the group', () => {
    expect(allowsSmsSignIn(policy({ includeTargets: [user('all_users')] }), who('kim'))).toBe(false)
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

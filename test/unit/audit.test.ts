// One `it` per rule of what an audit event records: a new rule gets its own.
import { describe, expect, it } from 'vitest'
import { v7 as timeOrderedId } from 'uuid'
import { auditEventOf, EVENT_TIMES, firstEventIdAt, timeOfEventId, withinEventTimes, type AuditOutcome } from '../../src/domain/audit.ts'
import { maskPhoneNumber } from '../../src/domain/phone-number.ts'
import type { Principal } from '../../src/domain/principal.ts'

const caller = (kind: Principal['kind'], subjectId = 'caller'): Principal => ({
  tenantId: 'tenant',
  subjectId,
  kind,
  scopes: new Set(),
  appPermissions: new Set(),
  directoryRoles: new Set(),
})
const outcome: AuditOutcome = { id: '01890a5d-ac96-774b-bcce-b302099a8057', at: new Date(0), requestId: 'request' }

describe('auditEventOf', () => {
  it('names a change a user makes to their own account as the user’s, and an app’s always as an admin’s', () => {
    const draft = { change: 'deletePhoneMethod', target: { id: 'caller' } } as const
    expect(auditEventOf(caller('user'), draft, outcome).activityDisplayName).toBe('User deleted security info')
    expect(auditEventOf(caller('user', 'admin'), draft, outcome).activityDisplayName).toBe('Admin deleted security info')
    expect(auditEventOf(caller('app'), draft, outcome).activityDisplayName).toBe('Admin deleted security info')
  })

  it('records phone numbers masked, never in full', () => {
    const event = auditEventOf(caller('app'), { change: 'updatePhoneMethod', oldPhoneNumber: '+1 4255550101', newPhoneNumber: '+1 4255550199' }, outcome)
    expect(event.oldPhoneNumber).toBe(maskPhoneNumber('+1 4255550101'))
    expect(event.newPhoneNumber).toBe(maskPhoneNumber('+1 4255550199'))
    expect(JSON.stringify(event)).not.toContain('4255550')
  })

  it('records a refusal as a failure with its code as the reason', () => {
    const event = auditEventOf(caller('app'), { change: 'addPhoneMethod' }, { ...outcome, refusedWith: 'FORBIDDEN' })
    expect(event).toMatchObject({ result: 'failure', resultReason: 'FORBIDDEN' })
    expect(auditEventOf(caller('app'), { change: 'addPhoneMethod' }, outcome)).toMatchObject({ result: 'success', resultReason: null })
  })
})

describe('timeOfEventId', () => {
  it("reads an event's time from its UUIDv7 id", () => {
    expect(timeOfEventId('01890a5d-ac96-774b-bcce-b302099a8057').getTime()).toBe(0x01890a5dac96)
  })
})

describe('firstEventIdAt', () => {
  it('sorts above every id of an earlier millisecond and below every id of its own and later ones', () => {
    const at = new Date('2026-12-07T05:00:00.123Z')
    const bound = firstEventIdAt(at)
    for (const ms of [at.getTime() - 1, at.getTime() - 86_400_000, 0]) expect(timeOrderedId({ msecs: ms }) < bound).toBe(true)
    for (const ms of [at.getTime(), at.getTime() + 1]) expect(timeOrderedId({ msecs: ms }) > bound).toBe(true)
    expect(timeOfEventId(bound)).toEqual(at)
  })

  it('clamps times outside UUIDv7 to its first and last millisecond', () => {
    expect(firstEventIdAt(new Date(-1))).toBe('00000000-0000-0000-0000-000000000000')
    expect(firstEventIdAt(new Date(8.64e15))).toBe('ffffffff-ffff-0000-0000-000000000000')
  })
})

describe('withinEventTimes', () => {
  it('moves filter bounds outside the storable times to the nearest storable time', () => {
    const filter = withinEventTimes({ from: new Date(-1), to: new Date('+010000-01-01T00:00:00Z') })
    expect(filter).toEqual({ from: EVENT_TIMES.earliest, to: EVENT_TIMES.latest })
  })
})

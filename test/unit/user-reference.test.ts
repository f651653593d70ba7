// The decisions a refusal rests on, before any lookup: whether a reference
// names the caller, how a refused target is recorded, and which audit log
// bounds the databases are asked to compare.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EVENT_TIMES, withinEventTimes } from '../../src/domain/audit.ts'
import { namesCaller, targetAsWritten, userReferenceOf, userWithId } from '../../src/domain/user-reference.ts'

const text = fc.string({ maxLength: 40, unit: 'binary' })

describe('a user reference', () => {
  it('is a userPrincipalName exactly when it contains "@", and an id otherwise', () => {
    fc.assert(
      fc.property(text, (written) => {
        expect(userReferenceOf(written).by).toBe(written.includes('@') ? 'userPrincipalName' : 'id')
      }),
    )
  })

  it('names the caller by id only when it is the token’s id, whatever it contains', () => {
    fc.assert(
      fc.property(text, text, (callerId, written) => {
        expect(namesCaller(callerId, null, userWithId(written))).toBe(written === callerId)
      }),
    )
    expect(namesCaller('kim@contoso.com', 'kim@contoso.com', userWithId('kim@contoso.com'))).toBe(true)
    expect(namesCaller('11', 'kim@contoso.com', userWithId('kim@contoso.com'))).toBe(false)
  })

  it('names the caller by userPrincipalName in any case, and never a caller who has none', () => {
    expect(namesCaller('1', 'Kim@Contoso.com', userReferenceOf('KIM@contoso.COM'))).toBe(true)
    expect(namesCaller('1', 'kim@contoso.com', userReferenceOf('lee@contoso.com'))).toBe(false)
    expect(namesCaller('kim@contoso.com', null, userReferenceOf('kim@contoso.com'))).toBe(false)
  })

  it('is recorded as written, in one field, in text every database stores', () => {
    fc.assert(
      fc.property(text, (written) => {
        const target = targetAsWritten(userReferenceOf(written))
        expect(Object.keys(target)).toEqual([written.includes('@') ? 'userPrincipalName' : 'id'])
        const recorded = Object.values(target)[0]!
        expect(recorded).not.toContain('\u0000')
        expect(recorded.replaceAll('\uFFFD', '\u0000')).toBe(written.replaceAll('\uFFFD', '\u0000'))
      }),
    )
  })
})

describe('the audit log’s date bounds', () => {
  const anyDate = fc.date({ noInvalidDate: true })

  it('stay within the times an event can have, and are untouched inside them', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (from, to) => {
        const bounded = withinEventTimes({ from, to })
        for (const [given, used] of [
          [from, bounded.from!],
          [to, bounded.to!],
        ] as const) {
          expect(used >= EVENT_TIMES.earliest && used <= EVENT_TIMES.latest).toBe(true)
          if (given >= EVENT_TIMES.earliest && given <= EVENT_TIMES.latest) expect(used).toBe(given)
        }
      }),
    )
    expect(withinEventTimes({ targetUserId: 'x' })).toEqual({ targetUserId: 'x' })
  })
})

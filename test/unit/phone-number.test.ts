import { describe, expect, it } from 'vitest'
import { e164Of, maskPhoneNumber, parsePhoneNumber, PHONE_NUMBER_FORMAT } from '../../src/domain/phone-number.ts'
import { ACCEPTED_NUMBERS, REJECTED_NUMBERS } from '../support/personas/contract-examples.ts'

// The number SMS goes to for each accepted number, written out by hand (not
// computed by e164Of, which is under test too).
const E164_OF_ACCEPTED: Record<string, string> = {
  '+1 5555551234': '+15555551234',
  '+1 5555551234x123': '+15555551234',
  '+1 2065555555': '+12065555555',
  '+44 2071234567': '+442071234567',
}

describe('parsePhoneNumber', () => {
  it('has a hand-written E.164 for every accepted number of the contract', () => {
    expect(Object.keys(E164_OF_ACCEPTED).sort()).toEqual([...ACCEPTED_NUMBERS].sort())
  })

  it.each(ACCEPTED_NUMBERS)('accepts %s as it is', (input) => {
    expect(parsePhoneNumber(input)).toEqual({ ok: true, value: { canonical: input, e164: E164_OF_ACCEPTED[input] } })
  })

  it.each([
    ...REJECTED_NUMBERS,
    '',
    ' +1 5555551234',
    '+1 5555551234 ',
    '+01 5555551234',
    '+44 02071234567',
  ])('rejects %j with a message that states the format', (input) => {
    const result = parsePhoneNumber(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(PHONE_NUMBER_FORMAT)
  })

  it('says why a number of the right shape is refused', () => {
    expect(parsePhoneNumber('+999 5555551234')).toMatchObject({ message: expect.stringContaining('+999 is not a country code') })
    expect(parsePhoneNumber('+1 123')).toMatchObject({ message: expect.stringContaining('not a possible number for +1') })
    expect(parsePhoneNumber('x'.repeat(65))).toMatchObject({ message: expect.stringContaining('64 characters') })
  })

  it('gives the number SMS goes to, without the extension', () => {
    expect(parsePhoneNumber('+1 5555551234x123')).toMatchObject({ ok: true, value: { e164: '+15555551234' } })
  })
})

describe('e164Of', () => {
  it.each(Object.entries(E164_OF_ACCEPTED))('gives %s as %s', (canonical, e164) => {
    expect(e164Of(canonical)).toBe(e164)
  })
})

describe('maskPhoneNumber', () => {
  it('hides all but the last two digits of the national number and drops the extension', () => {
    expect(maskPhoneNumber('+1 2065555555')).toBe('+1 XXXXXXXX55')
    expect(maskPhoneNumber('+1 5555551234x123')).toBe('+1 XXXXXXXX34')
    expect(maskPhoneNumber('+44 2071234567')).toBe('+44 XXXXXXXX67')
  })
})

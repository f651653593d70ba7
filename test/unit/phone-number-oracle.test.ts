// The tests' own phone-number oracle (acceptedE164 in resilience/invariants),
// which the invariant checks trust instead of the gateway's parser: it must
// agree with the contract's examples, with E.164 values written out by hand.
import { describe, expect, it } from 'vitest'
import { REJECTED_NUMBERS } from '../support/personas/contract-examples.ts'
import { acceptedE164 } from '../support/resilience/invariants.ts'

describe('acceptedE164, the tests’ oracle', () => {
  it.each([
    ['+1 5555551234', '+15555551234'],
    ['+1 5555551234x123', '+15555551234'],
    ['+1 2065555555', '+12065555555'],
    ['+44 2071234567', '+442071234567'],
    ['+33 612345678', '+33612345678'],
  ])('accepts %s, held for SMS as %s', (stored, e164) => {
    expect(acceptedE164(stored)).toBe(e164)
  })

  it.each([...REJECTED_NUMBERS, '+44 02071234567', '+1 2065555555 ', ''])('refuses %j', (stored) => {
    expect(acceptedE164(stored)).toBeUndefined()
  })
})

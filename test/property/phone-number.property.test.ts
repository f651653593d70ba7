// Any string either parses to a canonical number that parses again to
// itself, or is refused with a message; it never throws.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePhoneNumber, PHONE_NUMBER_FORMAT } from '../../src/domain/phone-number.ts'

function assertTotalAndIdempotent(input: string) {
  const result = parsePhoneNumber(input)
  if (result.ok) {
    expect(parsePhoneNumber(result.value.canonical)).toEqual(result)
    expect(result.value.canonical.length).toBeLessThanOrEqual(64)
  } else {
    expect(result.message).toContain(PHONE_NUMBER_FORMAT)
  }
}

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`))

describe('parsePhoneNumber, for any input', () => {
  it('is total on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), assertTotalAndIdempotent), { numRuns: 2000 })
  })

  it('is total and idempotent on strings shaped like phone numbers', () => {
    const shaped = fc
      .tuple(digits(1, 3), digits(1, 17), fc.option(digits(0, 12)))
      .map(([cc, number, ext]) => `+${cc} ${number}${ext === null ? '' : `x${ext}`}`)
    fc.assert(fc.property(shaped, assertTotalAndIdempotent), { numRuns: 3000 })
  })

  it('accepts real numbers of many countries', () => {
    const examples = fc.constantFrom('+1 2065555555', '+44 2071234567', '+49 30123456', '+33 612345678', '+81 312345678', '+61 412345678')
    fc.assert(fc.property(examples, fc.option(digits(1, 6)), (number, ext) => {
      const input = ext === null ? number : `${number}x${ext}`
      expect(parsePhoneNumber(input)).toMatchObject({ ok: true, value: { canonical: input } })
    }))
  })
})

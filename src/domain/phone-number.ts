import { parsePhoneNumberFromString } from 'libphonenumber-js/min'
import type { ParseResult } from './parse-result.ts'

/** The format Graph documents for phoneNumber, quoted in every rejection. */
export const PHONE_NUMBER_FORMAT =
  'must be "+<country code> <number>" with an optional "x<extension>", ' +
  'using ASCII digits only, for example "+1 5555551234" or "+1 5555551234x123"'

export const PHONE_NUMBER_MAX_LENGTH = 64

export interface PhoneNumber {
  /** "+<country code> <number>[x<extension>]", exactly as stored and returned. */
  readonly canonical: string
  /** "+<country code><number>": the number itself, without extension; SMS goes here. */
  readonly e164: string
}

// The written shape is ours to check (Graph is strict about it); whether the
// digits form a possible number for the country is libphonenumber's call.
const SHAPE = /^\+([1-9][0-9]{0,2}) ([0-9]{1,17})(?:x([0-9]{1,10}))?$/

export function parsePhoneNumber(input: string): ParseResult<PhoneNumber> {
  if (input.length > PHONE_NUMBER_MAX_LENGTH) {
    return { ok: false, message: `${PHONE_NUMBER_FORMAT}; it may not exceed ${PHONE_NUMBER_MAX_LENGTH} characters` }
  }
  const shape = SHAPE.exec(input)
  if (!shape) return { ok: false, message: PHONE_NUMBER_FORMAT }
  const [, countryCode, number] = shape as unknown as [string, string, string]

  const parsed = parsePhoneNumberFromString(`+${countryCode}${number}`)
  if (!parsed || parsed.countryCallingCode !== countryCode) {
    return { ok: false, message: `${PHONE_NUMBER_FORMAT}; +${countryCode} is not a country code` }
  }
  // libphonenumber silently drops a trunk prefix ("+44 0207…"): refuse it
  // instead, so that what the client sends is exactly what it reads back.
  if (!parsed.isPossible() || parsed.nationalNumber !== number) {
    return { ok: false, message: `${PHONE_NUMBER_FORMAT}; the number is not a possible number for +${countryCode}` }
  }
  return {
    ok: true,
    value: {
      canonical: input,
      e164: `+${countryCode}${number}`,
    },
  }
}

/** "+1 2065555555x12" → "+1 XXXXXXXX55": all but the last two digits hidden, extension dropped. */
export function maskPhoneNumber(canonical: string): string {
  const shape = SHAPE.exec(canonical)
  if (!shape) return 'X'.repeat(canonical.length)
  const [, countryCode, number] = shape as unknown as [string, string, string]
  const visible = number.slice(-2)
  return `+${countryCode} ${'X'.repeat(number.length - visible.length)}${visible}`
}

/** The number SMS is sent to: "+<country code><number>", extension dropped. */
export function e164Of(canonical: string): string {
  return canonical.replace(' ', '').replace(/x[0-9]*$/, '')
}

// The checks every input passes at the edge of the schema, as zod schemas
// for @pothos/plugin-validation. A failure is BAD_USER_INPUT with the message.
import { z } from 'zod'
import { parsePhoneNumber } from '../domain/phone-number.ts'
import type { ParseResult } from '../domain/parse-result.ts'

/** Turns a domain parser into a zod transform that reports its message. */
function parsedBy<T>(parse: (input: string) => ParseResult<T>) {
  return z.string().transform((input, ctx): T => {
    const result = parse(input)
    if (result.ok) return result.value
    ctx.addIssue({ code: 'custom', message: result.message })
    return z.NEVER
  })
}

export const phoneNumberInput = parsedBy(parsePhoneNumber)

/** A user's id or userPrincipalName. */
export const userRefInput = z
  .string()
  .min(1, 'must name a user by id or userPrincipalName')
  .max(256, 'may not exceed 256 characters')

/** An opaque identifier from a previous response. */
export const idInput = z.string().max(256, 'may not exceed 256 characters')

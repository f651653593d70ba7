// The checks every input passes at the edge, as zod schemas: GraphQL applies
// them through @pothos/plugin-validation, the REST routes parse their bodies
// with them, so both refuse the same values with the same messages. A
// failure is BAD_USER_INPUT. (No Pothos here: the REST layer imports this.)
import { z } from 'zod'
import { invalidInput, type GatewayError } from './domain/errors.ts'
import { parsePhoneNumber } from './domain/phone-number.ts'
import { DEFAULT_METHOD_TYPES } from './domain/sign-in-preferences.ts'
import type { ParseResult } from './domain/parse-result.ts'

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

const MAX_TARGETS = 500

const targetId = z.string().min(1, 'may not be empty').max(256, 'may not exceed 256 characters')
const target = z.object({ id: targetId, targetType: z.enum(['user', 'group']) })

const targetList = <T extends z.ZodType<{ id: string }>>(item: T) =>
  z
    .array(item)
    .max(MAX_TARGETS, `may not list more than ${MAX_TARGETS} targets`)
    .refine((targets) => new Set(targets.map(({ id }) => id)).size === targets.length, 'may not name a target twice')
    .nullish()

/** A default sign-in method that can be set here: only the phone-based ones (null clears it). */
export const phoneBasedDefaultMethodInput = z
  .enum(DEFAULT_METHOD_TYPES)
  .nullish()
  .refine((method) => !method || ['sms', 'voiceMobile', 'voiceAlternateMobile', 'voiceOffice'].includes(method), {
    message: 'only sms, voiceMobile, voiceAlternateMobile or voiceOffice can be set here',
  })

/** The SMS policy's includeTargets, replacing the whole list. */
export const smsIncludeTargetsInput = targetList(target.and(z.object({ isUsableForSignIn: z.boolean() })))

/** The SMS policy's excludeTargets, replacing the whole list. */
export const smsExcludeTargetsInput = targetList(target)

/**
 * BAD_USER_INPUT for values a zod schema refused, as GraphQL and REST both
 * answer it: `field` is the path of the first (`input.phoneNumber` in
 * GraphQL, `phoneNumber` in a REST body), for a form to mark; the message is
 * a sentence a form can show beside it ("Phone number must be …"), naming
 * the field in words rather than by its path.
 */
export function invalidInputOf(issues: readonly { path?: readonly unknown[]; message: string }[]): GatewayError {
  const described = issues.map(({ path, message }) => {
    const segments = path?.map((segment) => (typeof segment === 'object' && segment !== null && 'key' in segment ? segment.key : segment)) ?? []
    const name = [...segments].reverse().find((segment): segment is string => typeof segment === 'string')
    return { field: segments.join('.'), message: sentence(name ? `${inWords(name)} ${message}` : message) }
  })
  return invalidInput(described[0]?.field ?? '', described.map(({ message }) => message).join(' '))
}

/** "phoneNumber" → "phone number". */
const inWords = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()

/** Capitalised, ending with a full stop. */
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`

// What must hold in the database whatever happened to the gateway, and what
// every response must look like, checked from outside (straight in the tables).
import { openDatabase, type Database } from '../../../src/db/client.ts'
import { migrate } from '../../../src/db/migrate.ts'
import { seed, type SeedFile } from '../../../src/db/seed.ts'
import { fileURLToPath } from 'node:url'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { CONTRACT_ERROR_CODES } from '../personas/contract-examples.ts'

/** Where this checkout really is: a path under it in an answer is a leak, wherever the checkout lives. */
const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '')

/** The codes of docs/errors.md but INTERNAL_SERVER_ERROR, which is judged apart: it means a bug or an outage. */
const CONTRACT_CODES: ReadonlySet<string> = new Set(CONTRACT_ERROR_CODES.filter((code) => code !== 'INTERNAL_SERVER_ERROR'))

export const PHONE_METHOD_ID = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
} as const
export type PhoneType = keyof typeof PHONE_METHOD_ID
export const PHONE_TYPES = Object.keys(PHONE_METHOD_ID) as PhoneType[]

export interface StoredPhone {
  tenantId: string
  userId: string
  phoneType: PhoneType
  phoneNumber: string
  smsSignInRegistration: string
  smsSignInNumber: string | null
}

/**
 * The number SMS goes to ("+<cc><number>") if `stored` is a number the
 * contract accepts, or undefined. An oracle of the test's own, not the
 * gateway's parsePhoneNumber/e164Of (a bug there must not pass its own
 * check): docs/rules.md, rule 5's shape, and libphonenumber-js (full metadata)
 * asked directly whether the country code exists and the number is possible.
 */
export function acceptedE164(stored: string): string | undefined {
  const shape = /^\+([1-9][0-9]{0,2}) ([0-9]+)(?:x[0-9]+)?$/.exec(stored)
  if (!shape || stored.length > 64) return undefined
  const [, countryCode, national] = shape
  const parsed = parsePhoneNumberFromString(`+${countryCode}${national}`)
  if (!parsed || parsed.countryCallingCode !== countryCode || parsed.nationalNumber !== national || !parsed.isPossible()) return undefined
  return `+${countryCode}${national}`
}

export async function storedPhones(db: Database): Promise<StoredPhone[]> {
  return (await db.client.phoneMethod.findMany({
    select: { tenantId: true, userId: true, phoneType: true, phoneNumber: true, smsSignInRegistration: true, smsSignInNumber: true },
  })) as StoredPhone[]
}

/**
 * Every violation of the stored-state invariants (empty when all hold):
 * one phone per user and type; no alternateMobile without a mobile; only
 * mobiles registered for SMS sign-in, registered ⇔ smsSignInNumber set, and
 * the held number is the phone's own; at most one holder per number and
 * tenant; every stored number is one the gateway accepts.
 */
export function invariantViolations(phones: StoredPhone[]): string[] {
  const violations: string[] = []
  const key = (phone: StoredPhone) => `${phone.tenantId}/${phone.userId}`
  const byKey = new Map<string, StoredPhone[]>()
  for (const phone of phones) byKey.set(key(phone), [...(byKey.get(key(phone)) ?? []), phone])
  for (const [user, own] of byKey) {
    for (const type of PHONE_TYPES) {
      const count = own.filter((phone) => phone.phoneType === type).length
      if (count > 1) violations.push(`${user} has ${count} phones of type ${type}`)
    }
    if (own.some((phone) => phone.phoneType === 'alternateMobile') && !own.some((phone) => phone.phoneType === 'mobile')) {
      violations.push(`${user} has an alternateMobile and no mobile`)
    }
  }
  const holders = new Map<string, StoredPhone[]>()
  for (const phone of phones) {
    const e164 = acceptedE164(phone.phoneNumber)
    if (e164 === undefined) violations.push(`${key(phone)} ${phone.phoneType} stores an invalid number`)
    const registered = phone.smsSignInRegistration === 'registered'
    if (registered !== (phone.smsSignInNumber !== null)) {
      violations.push(`${key(phone)} ${phone.phoneType}: registration ${phone.smsSignInRegistration} with smsSignInNumber ${phone.smsSignInNumber === null ? 'null' : 'set'}`)
    }
    if (registered && phone.phoneType !== 'mobile') violations.push(`${key(phone)}: a ${phone.phoneType} is registered for SMS sign-in`)
    if (phone.smsSignInNumber !== null) {
      if (phone.smsSignInNumber !== e164) violations.push(`${key(phone)} holds a number that is not its own`)
      const holder = `${phone.tenantId}/${phone.smsSignInNumber}`
      holders.set(holder, [...(holders.get(holder) ?? []), phone])
    }
  }
  for (const [holder, held] of holders) {
    if (held.length > 1) violations.push(`${held.length} users hold ${holder.split('/')[0]}'s number ${held.map((phone) => phone.userId).join(', ')}`)
  }
  return violations
}

export async function checkInvariants(db: Database): Promise<string[]> {
  return invariantViolations(await storedPhones(db))
}

/** Opens the database, runs `work`, closes it (also on failure). */
export async function withDatabase<T>(url: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ url, poolSize: 2 })
  try {
    return await work(db)
  } finally {
    await db.close()
  }
}

/** Migrates and seeds a fresh database, before any gateway process runs on it. */
export function prepareDatabase(url: string, tenants: SeedFile): Promise<void> {
  return withDatabase(url, async (db) => {
    await migrate(db)
    await seed(db, tenants)
  })
}

/** The value of a Prometheus counter or gauge without labels of its own (the process's instance label aside) in a /metrics text. */
export function metricValue(text: string, name: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `) || candidate.startsWith(`${name}{instance=`))
  if (!line) throw new Error(`no metric ${name}`)
  return Number(line.slice(line.lastIndexOf(' ') + 1))
}

export interface GraphQLErrorBody {
  message?: unknown
  extensions?: { code?: unknown }
  [key: string]: unknown
}

/**
 * Why a single GraphQL result is malformed, or undefined when it is fine: an
 * object with data and/or a non-empty errors list, every error a message and
 * a code of docs/errors.md (never INTERNAL_SERVER_ERROR), nothing internal in it.
 */
export function resultProblem(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return `not an object: ${JSON.stringify(result)?.slice(0, 200)}`
  const { data, errors, ...rest } = result as { data?: unknown; errors?: unknown }
  const extra = Object.keys(rest).filter((name) => name !== 'extensions')
  if (extra.length > 0) return `unexpected keys ${extra.join(', ')}`
  if (data === undefined && errors === undefined) return 'neither data nor errors'
  if (errors === undefined) return undefined
  if (!Array.isArray(errors) || errors.length === 0) return `errors is not a non-empty list: ${JSON.stringify(errors)}`
  for (const error of errors as GraphQLErrorBody[]) {
    if (typeof error?.message !== 'string') return `an error without a message: ${JSON.stringify(error)}`
    const code = error.extensions?.code
    if (code === 'INTERNAL_SERVER_ERROR') return `INTERNAL_SERVER_ERROR: ${JSON.stringify(error)}`
    if (typeof code !== 'string' || !CONTRACT_CODES.has(code)) return `code ${String(code)} is not a code of docs/errors.md: ${JSON.stringify(error)}`
    const text = JSON.stringify(error)
    if ('stack' in error || /\n\s+at |\.ts:\d/.test(text) || text.includes(REPOSITORY_ROOT)) return `an error shows internals: ${text}`
  }
  return undefined
}

/** The codes of a GraphQL result's errors. */
export function errorCodes(result: unknown): string[] {
  const errors = (result as { errors?: GraphQLErrorBody[] } | null)?.errors
  return Array.isArray(errors) ? errors.map((error) => String(error?.extensions?.code)) : []
}

/** Counts values. */
export function tally(values: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)))
}

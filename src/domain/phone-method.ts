// A phone authentication method as Graph models it.
import { createHash } from 'node:crypto'
import type { SmsSignInRegistration } from './sms-sign-in.ts'

export const PHONE_TYPES = ['mobile', 'alternateMobile', 'office'] as const
export type PhoneType = (typeof PHONE_TYPES)[number]

/** A stored phone: one per user and type. */
export interface PhoneMethod {
  readonly userId: string
  readonly phoneType: PhoneType
  /** Canonical "+<country code> <number>[x<extension>]". */
  readonly phoneNumber: string
  readonly smsSignInRegistration: SmsSignInRegistration
}

/** Graph gives each phone type one fixed method id. */
export const PHONE_METHOD_ID: Readonly<Record<PhoneType, string>> = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
}

export function phoneTypeOfMethodId(id: string): PhoneType | undefined {
  return PHONE_TYPES.find((type) => PHONE_METHOD_ID[type] === id)
}

/**
 * The phone's id across the whole gateway. Graph's method id is the same for
 * every user's mobile, so a client cache keyed by it would merge all users'
 * mobiles into one entity; this id names the tenant, the user and the type,
 * so it is stable across a delete and re-add and unique everywhere. Hashed,
 * so that clients treat it as opaque and it has one fixed length.
 */
export function phoneMethodGlobalId(tenantId: string, userId: string, phoneType: PhoneType): string {
  return createHash('sha256').update(JSON.stringify([tenantId, userId, phoneType])).digest('base64url').slice(0, 32)
}

/** Graph lists a user's phones as mobile, alternateMobile, office. */
export function inPhoneTypeOrder<T extends { phoneType: PhoneType }>(phones: readonly T[]): T[] {
  return [...phones].sort((a, b) => PHONE_TYPES.indexOf(a.phoneType) - PHONE_TYPES.indexOf(b.phoneType))
}

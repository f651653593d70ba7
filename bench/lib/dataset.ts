// The benchmark's data, generated deterministically (same seed → same rows on
// SQLite and PostgreSQL): tenant contoso with its default SMS policy, a
// Privileged Authentication Administrator to sign tokens for, and N users with
// 1–3 phones each that respect the rules (an alternateMobile only next to a
// mobile; only a registered mobile holds its number for SMS sign-in, and no
// two users hold the same one).

export const TENANT = 'contoso'
export const PAA_ROLE = '7be44c8a-adaf-4e2a-84d6-ab2649e08a13'
export const ADMIN = {
  id: 'a0b2c4d6-e8f0-4a1b-8c3d-5e7f9a1b3c5d',
  userPrincipalName: 'admin@contoso.com',
  displayName: 'Admin',
} as const
export const ADMIN_SCOPES = 'UserAuthenticationMethod.ReadWrite.All Policy.ReadWrite.AuthenticationMethod'

export type PhoneType = 'mobile' | 'alternateMobile' | 'office'
export type Registration = 'registered' | 'notEnabled' | 'phoneNumberNotUnique'

/** The sets of phones a user may have, with how often each occurs (mean 1.85 phones a user). */
export const COMBOS: readonly { types: readonly PhoneType[]; weight: number }[] = [
  { types: ['mobile'], weight: 25 },
  { types: ['office'], weight: 15 },
  { types: ['mobile', 'alternateMobile'], weight: 15 },
  { types: ['mobile', 'office'], weight: 20 },
  { types: ['mobile', 'alternateMobile', 'office'], weight: 25 },
]
/** The combo of users who have only an office phone: W1 adds and deletes a mobile on them. */
export const OFFICE_ONLY = 1
const ADMIN_COMBO = 255

export interface UserRow {
  id: string
  userPrincipalName: string
  displayName: string
}

export interface PhoneRow {
  userId: string
  phoneType: PhoneType
  phoneNumber: string
  smsSignInRegistration: Registration
  smsSignInNumber: string | null
}

export interface Dataset {
  label: string
  /** Every user id of the tenant in id order (the admin included). */
  userIds: string[]
  /** Index into COMBOS per user (255 for the admin, who has no phones). */
  combos: Uint8Array
  phoneRows: number
  /** Indices (into userIds) of the users with only an office phone. */
  officeOnly: number[]
  /** Generates the rows in id order, in batches. */
  rows(batchUsers: number): Generator<{ users: UserRow[]; phones: PhoneRow[] }>
}

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const hex8 = (x: number) => (x >>> 0).toString(16).padStart(8, '0')

/** A version-4 UUID from the generator. */
function uuid(random: () => number): string {
  const a = hex8(random() * 4294967296)
  const b = hex8(random() * 4294967296)
  const c = hex8(random() * 4294967296)
  const d = hex8(random() * 4294967296)
  const variant = ((parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16)
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`
}

function pickCombo(random: () => number): number {
  const total = COMBOS.reduce((sum, combo) => sum + combo.weight, 0)
  let r = random() * total
  for (let i = 0; i < COMBOS.length; i++) {
    r -= COMBOS[i]!.weight
    if (r < 0) return i
  }
  return 0
}

/** A combo with exactly `n` phones (for the last user of a dataset sized by phone rows). */
const comboWithSize = (n: number) => COMBOS.findIndex((combo) => combo.types.length === n)

/** "+1 206555xxxx" for the first 10,000 phones, then the following exchanges. */
export function seededNumber(n: number): string {
  const exchange = 555 + Math.floor(n / 10_000)
  const area = 206 + Math.floor((exchange - 200) / 800) * 100
  return `+1 ${area}${200 + ((exchange - 200) % 800)}${String(n % 10_000).padStart(4, '0')}`
}

/** The mobile number W1 adds to the office-only user number `j` of its pool: never a seeded number. */
export function w1Number(j: number): string {
  return `+1 425${555 + Math.floor(j / 10_000)}${String(j % 10_000).padStart(4, '0')}`
}

export const e164Of = (canonical: string) => canonical.replace(' ', '').replace(/x[0-9]*$/, '')

/**
 * `users`: exactly that many users besides the admin; or `phoneRows`: as many
 * users as it takes to have exactly that many phone rows.
 */
export function generateDataset(spec: { users?: number; phoneRows?: number; seed?: number; label?: string }): Dataset {
  const random = prng(spec.seed ?? 20261127)
  const picked: number[] = []
  let phoneRows = 0
  if (spec.users !== undefined) {
    for (let i = 0; i < spec.users; i++) {
      const combo = pickCombo(random)
      picked.push(combo)
      phoneRows += COMBOS[combo]!.types.length
    }
  } else if (spec.phoneRows !== undefined) {
    while (phoneRows < spec.phoneRows) {
      let combo = pickCombo(random)
      const left = spec.phoneRows - phoneRows
      if (COMBOS[combo]!.types.length > left) combo = comboWithSize(left)
      picked.push(combo)
      phoneRows += COMBOS[combo]!.types.length
    }
  } else {
    throw new Error('generateDataset needs users or phoneRows')
  }

  const users = picked.map((combo) => ({ id: uuid(random), combo }))
  users.push({ id: ADMIN.id, combo: ADMIN_COMBO })
  users.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const userIds = users.map((user) => user.id)
  const combos = Uint8Array.from(users, (user) => user.combo)
  const officeOnly: number[] = []
  combos.forEach((combo, i) => combo === OFFICE_ONLY && officeOnly.push(i))
  const seed = spec.seed ?? 20261127

  return {
    label: spec.label ?? (spec.users !== undefined ? `${spec.users} users` : `${spec.phoneRows} phone rows`),
    userIds,
    combos,
    phoneRows,
    officeOnly,
    *rows(batchUsers) {
      // A second stream for the phones' details, so that they do not depend on the batch size.
      const detail = prng(seed ^ 0x5eed)
      let n = 0
      let lastRegistered: string | undefined
      for (let start = 0; start < userIds.length; start += batchUsers) {
        const batch: { users: UserRow[]; phones: PhoneRow[] } = { users: [], phones: [] }
        for (let i = start; i < Math.min(start + batchUsers, userIds.length); i++) {
          const id = userIds[i]!
          if (combos[i] === ADMIN_COMBO) {
            batch.users.push({ id, userPrincipalName: ADMIN.userPrincipalName, displayName: ADMIN.displayName })
            continue
          }
          batch.users.push({ id, userPrincipalName: `user${i}@contoso.com`, displayName: `User ${i}` })
          for (const phoneType of COMBOS[combos[i]!]!.types) {
            let phoneNumber = seededNumber(n++)
            let registration: Registration = 'notEnabled'
            if (phoneType === 'office' && detail() < 0.2) phoneNumber += `x${100 + (n % 900)}`
            if (phoneType === 'mobile') {
              const r = detail()
              if (r < 0.85) registration = 'registered'
              else if (r < 0.95 || !lastRegistered) registration = 'notEnabled'
              else {
                // Another user already holds this number for SMS sign-in.
                registration = 'phoneNumberNotUnique'
                phoneNumber = lastRegistered
              }
            }
            if (registration === 'registered') lastRegistered = phoneNumber
            batch.phones.push({
              userId: id,
              phoneType,
              phoneNumber,
              smsSignInRegistration: registration,
              smsSignInNumber: registration === 'registered' ? e164Of(phoneNumber) : null,
            })
          }
        }
        yield batch
      }
    },
  }
}

// Per-request batching: however many users a query touches, their phones
// come from one SQL statement and the SMS policy from one more (and, when
// asked for, their groups and sign-in preferences from one more each).
import DataLoader from 'dataloader'
import type { PhoneMethod } from '../domain/phone-method.ts'
import type { SignInPreferences } from '../domain/sign-in-preferences.ts'
import type { SmsPolicy } from '../domain/sms-policy.ts'
import type { Database } from './client.ts'
import { groupIdsOfUsers } from './group-store.ts'
import { phonesOfUsers } from './phone-store.ts'
import { signInPreferencesSelect } from './sign-in-preferences-store.ts'
import { readSmsPolicy } from './sms-policy-store.ts'
import { usersByIds, type UserRow } from './user-store.ts'


export interface Loaders {
  /** A user of the tenant by id, or null (the owner of a phone a query reached). */
  readonly userById: DataLoader<string, UserRow | null>
  /** A user's phones, in no particular order. */
  readonly phoneMethodsOfUser: DataLoader<string, PhoneMethod[]>
  /** The groups a user is a direct member of (asked only when the SMS policy names groups). */
  readonly groupIdsOfUser: DataLoader<string, ReadonlySet<string>>
  /** A user's sign-in preferences (null when the user is not in the tenant). */
  readonly signInPreferencesOfUser: DataLoader<string, SignInPreferences | null>
  /**
   * The tenant's SMS policy, read at most once per request, so that every
   * phone of an answer derives its state from the same policy.
   */
  smsPolicy(): Promise<SmsPolicy>
  /** The policy as a read of a user brought it along: kept if the request has no policy yet. */
  primeSmsPolicy(policy: SmsPolicy): void
  /** The request changed the policy: a later field reads it again. */
  forgetSmsPolicy(): void
  /**
   * The policy a write of the request read in its transaction: the rest of
   * the request derives from what that write decided with (docs/rules.md lets
   * a mutation's answer do so), and the policy is not read again.
   */
  useSmsPolicy(policy: SmsPolicy): void
}

export function createLoaders(db: Database, tenantId: string): Loaders {
  let smsPolicy: Promise<SmsPolicy> | undefined
  return {
    userById: new DataLoader(async (userIds) => {
      const rows = await usersByIds(db.statements, tenantId, userIds)
      const byId = new Map(rows.map((row) => [row.id, row]))
      return userIds.map((id) => byId.get(id) ?? null)
    }),
    phoneMethodsOfUser: new DataLoader(async (userIds) => {
      const rows = await phonesOfUsers(db.statements, tenantId, userIds)
      const byUser = new Map(userIds.map((id) => [id, [] as PhoneMethod[]]))
      for (const row of rows) byUser.get(row.userId)?.push(row)
      return userIds.map((id) => byUser.get(id)!)
    }),
    groupIdsOfUser: new DataLoader(async (userIds) => {
      const byUser = await groupIdsOfUsers(db.statements, tenantId, userIds)
      return userIds.map((id) => byUser.get(id)!)
    }),
    signInPreferencesOfUser: new DataLoader(async (userIds) => {
      const rows = await db.client.user.findMany({
        where: { tenantId, id: { in: [...userIds] } },
        select: { id: true, ...signInPreferencesSelect },
      })
      const byId = new Map(rows.map(({ id, ...preferences }) => [id, preferences]))
      return userIds.map((id) => byId.get(id) ?? null)
    }),
    smsPolicy: () => (smsPolicy ??= readSmsPolicy(db.statements, tenantId)),
    primeSmsPolicy: (policy) => {
      smsPolicy ??= Promise.resolve(policy)
    },
    forgetSmsPolicy: () => {
      smsPolicy = undefined
    },
    useSmsPolicy: (policy) => {
      smsPolicy = Promise.resolve(policy)
    },
  }
}

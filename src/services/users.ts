// Reading users and their phones.
import { readUserWithPhones, searchKey, searchUsers, userKeyOf, usersInIdOrder } from '../db/user-store.ts'
import { UserNotFoundError } from '../domain/errors.ts'
import { isStorable } from '../domain/text.ts'
import { userWithId, writtenForm, type UserReference } from '../domain/user-reference.ts'
import { inPhoneTypeOrder, phoneTypeOfMethodId, type PhoneMethod } from '../domain/phone-method.ts'
import { decide } from '../domain/permissions.ts'
import type { Principal } from '../domain/principal.ts'
import { authorizeTarget, authorizeTenant, forbidden, type TargetLookups, type TargetUser } from './access.ts'
import type { RequestContext } from './context.ts'

export interface User extends TargetUser {
  readonly userPrincipalName: string
  readonly displayName: string | null
}

/** NOT_FOUND of a user; `field` is the argument that named them. */
export const userNotFound = (reference: UserReference, field = 'input.userId') =>
  new UserNotFoundError(`There is no user with id or userPrincipalName "${writtenForm(reference)}" in this tenant.`, field)

/** The user with their phones and the SMS policy in one statement; the loaders then have them already. */
async function lookUpUser(ctx: RequestContext, reference: UserReference): Promise<User | null> {
  const key = userKeyOf(reference)
  if (!isStorable(key.value)) return null
  const found = await readUserWithPhones(ctx.db.statements, ctx.principal.tenantId, key)
  if (!found) return null
  ctx.loaders.phoneMethodsOfUser.prime(found.user.id, found.phones)
  ctx.loaders.primeSmsPolicy(found.smsPolicy)
  ctx.loaders.userById.prime(found.user.id, found.user)
  return found.user
}

/** The owner of a phone the caller has just read or changed (batched across phones). */
export async function ownerOf(ctx: RequestContext, phone: Pick<PhoneMethod, 'userId'>): Promise<User> {
  const reference = userWithId(phone.userId)
  const owner = await authorizeTarget(ctx.principal, 'readPhoneMethods', reference, {
    ...readLookups(ctx),
    find: () => ctx.loaders.userById.load(phone.userId),
  })
  // The phone was read in this tenant, so its owner exists there: only a
  // concurrent deletion of the user could make this fail.
  if (!owner) throw userNotFound(reference)
  return owner
}

/** `user(id)`: null when absent from the caller's tenant. */
export function findUser(ctx: RequestContext, reference: UserReference): Promise<User | null> {
  return authorizeTarget(ctx.principal, 'readPhoneMethods', reference, readLookups(ctx))
}

/** A read's lookups, outside any transaction: the caller's own row comes through the request's loader. */
function readLookups(ctx: RequestContext): TargetLookups<User> {
  return {
    find: (reference) => lookUpUser(ctx, reference),
    callerUserPrincipalName: async () => (await ctx.loaders.userById.load(ctx.principal.subjectId))?.userPrincipalName ?? null,
  }
}

/** The signed-in user's id, for `me` and the REST routes under /me: app-only tokens have none. */
export function signedInUserId(principal: Principal): string {
  if (principal.kind === 'app') throw forbidden('me needs a user token; an app-only token has no signed-in user')
  return principal.subjectId
}

/** `me`: the signed-in user. */
export async function signedInUser(ctx: RequestContext): Promise<User> {
  const { principal } = ctx
  const userId = signedInUserId(principal)
  const onSelf = decide(principal, 'readPhoneMethods', { kind: 'self' })
  if (!onSelf.allowed) throw forbidden(onSelf.reason)
  // The token's id, never read as a userPrincipalName, whatever it contains.
  const user = await lookUpUser(ctx, userWithId(userId))
  if (!user) throw new UserNotFoundError('The signed-in user does not exist in this tenant.')
  return user
}

/** Where a page of users continues: after a user, in one of the two orders. */
export type UserPosition =
  | { readonly order: 'id'; readonly id: string }
  | { readonly order: 'userPrincipalName'; readonly key: string }

/** Which users to list: all of them in id order, or those a search finds, by userPrincipalName. */
export type UserListing =
  | { readonly order: 'id'; readonly first: number; readonly afterId: string | null }
  | { readonly order: 'userPrincipalName'; readonly first: number; readonly search: string; readonly afterKey: string | null }

export interface UserPage {
  readonly edges: readonly { readonly user: User; readonly position: UserPosition }[]
  readonly hasNextPage: boolean
}

/**
 * One page of the tenant's users after the listing's position (keyset
 * pagination): in id order, or, for a search, those whose userPrincipalName
 * or displayName starts with it (case-insensitively), by userPrincipalName.
 */
export async function listUsers(ctx: RequestContext, listing: UserListing): Promise<UserPage> {
  authorizeTenant(ctx.principal, 'readPhoneMethods')
  const { tenantId } = ctx.principal
  const take = listing.first + 1
  // The page's phones come through the loader, in one statement: Prisma's
  // include would repeat the tenant id once per user ("tenantId" IN (...)),
  // which PostgreSQL's planner answers with a sequential scan of every phone.
  const edges =
    listing.order === 'id'
      ? (await usersInIdOrder(ctx.db.statements, tenantId, listing.afterId, take)).map((user) => ({ user, position: { order: 'id', id: user.id } as const }))
      : (await searchUsers(ctx.db.statements, tenantId, searchKey(listing.search), listing.afterKey, take)).map(
          ({ userPrincipalNameKey: key, ...user }) => ({ user, position: { order: 'userPrincipalName', key } as const }),
        )
  return { edges: edges.slice(0, listing.first), hasNextPage: edges.length > listing.first }
}

/** A readable user's phones, mobile first (batched across users by the request's loader). */
export async function phoneMethodsOf(ctx: RequestContext, user: User): Promise<PhoneMethod[]> {
  return inPhoneTypeOrder(await ctx.loaders.phoneMethodsOfUser.load(user.id))
}

/** `phoneMethod(userId, methodId)`: null when the user or the phone is absent. */
export async function findPhoneMethod(ctx: RequestContext, reference: UserReference, methodId: string): Promise<PhoneMethod | null> {
  const user = await findUser(ctx, reference)
  const phoneType = phoneTypeOfMethodId(methodId)
  if (!user || !phoneType) return null
  const phones = await ctx.loaders.phoneMethodsOfUser.load(user.id)
  return phones.find((phone) => phone.phoneType === phoneType) ?? null
}

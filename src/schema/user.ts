import { z } from 'zod'
import { isStorable } from '../domain/text.ts'
import { findUser, listUsers, phoneMethodsOf, signedInUser, type User as UserModel, type UserPage } from '../services/users.ts'
import { builder } from './builder.ts'
import { userRefInput } from '../inputs.ts'
import { PhoneAuthenticationMethod } from './phone-method.ts'

export const User = builder.objectRef<UserModel>('User')

User.implement({
  description: "A user of the caller's tenant.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The user's unique, immutable id." }),
    userPrincipalName: t.exposeString('userPrincipalName', {
      description: "The user's sign-in name, an Internet-style name such as kim@contoso.com.",
    }),
    displayName: t.exposeString('displayName', { nullable: true, description: 'The name shown for the user.' }),
    phoneMethods: t.field({
      type: [PhoneAuthenticationMethod],
      description: "The user's phones, in the order mobile, alternateMobile, office.",
      resolve: (user, _args, ctx) => phoneMethodsOf(ctx, user),
    }),
  }),
})

// Keyset pagination: a cursor names the last user of a page, so every page
// is one index range scan, the last as cheap as the first.
const CURSOR_PREFIX = 'user:'
const encodeCursor = (user: Pick<UserModel, 'id'>) => Buffer.from(CURSOR_PREFIX + user.id).toString('base64url')

function decodeCursor(cursor: string): string | null {
  const decoded = Buffer.from(cursor, 'base64url').toString()
  const id = decoded.slice(CURSOR_PREFIX.length)
  return decoded.startsWith(CURSOR_PREFIX) && encodeCursor({ id }) === cursor && isStorable(id) ? id : null
}

const cursorInput = z
  .string()
  .nullish()
  .transform((cursor, ctx) => {
    if (cursor === null || cursor === undefined) return null
    const afterId = decodeCursor(cursor)
    if (afterId !== null) return afterId
    ctx.addIssue({ code: 'custom', message: 'is not a cursor from this connection (use pageInfo.endCursor or an edge cursor)' })
    return z.NEVER
  })

const PAGE_SIZE = { default: 50, max: 200 }
const firstInput = z
  .number()
  .int()
  .min(1, `must be between 1 and ${PAGE_SIZE.max}`)
  .max(PAGE_SIZE.max, `must be between 1 and ${PAGE_SIZE.max}`)
  .nullish()
  .transform((first) => first ?? PAGE_SIZE.default)

const PageInfo = builder.objectRef<UserPage>('PageInfo').implement({
  description: 'Where a page sits in the list (Relay cursor connections).',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether more users follow this page.' }),
    hasPreviousPage: t.boolean({
      description: 'Always false: pages are read forwards only (first/after).',
      resolve: () => false,
    }),
    startCursor: t.string({
      nullable: true,
      description: 'The cursor of the first user of the page; null on an empty page.',
      resolve: ({ users }) => (users[0] ? encodeCursor(users[0]) : null),
    }),
    endCursor: t.string({
      nullable: true,
      description: 'The cursor of the last user of the page: pass it as `after` for the next page; null on an empty page.',
      resolve: ({ users }) => (users.length > 0 ? encodeCursor(users[users.length - 1]!) : null),
    }),
  }),
})

const UserEdge = builder.objectRef<UserModel>('UserEdge').implement({
  description: 'A user in a page, with its cursor.',
  fields: (t) => ({
    cursor: t.string({ description: 'Opaque: pass it as `after` to continue after this user.', resolve: encodeCursor }),
    node: t.field({ type: User, description: 'The user.', resolve: (user) => user }),
  }),
})

const UserConnection = builder.objectRef<UserPage>('UserConnection').implement({
  description: "A page of the tenant's users, in id order.",
  fields: (t) => ({
    edges: t.field({ type: [UserEdge], description: 'The users of this page.', resolve: ({ users }) => users }),
    pageInfo: t.field({ type: PageInfo, description: 'Where this page sits in the list.', resolve: (page) => page }),
  }),
})

builder.queryFields((t) => ({
  me: t.field({
    type: User,
    description: 'The signed-in user (needs a user token; an app-only token has no signed-in user).',
    resolve: (_root, _args, ctx) => signedInUser(ctx),
  }),
  user: t.field({
    type: User,
    nullable: true,
    description: "A user by id or userPrincipalName; null when absent from the caller's tenant.",
    args: { id: t.arg.string({ description: "The user's id or userPrincipalName.", validate: userRefInput }) },
    resolve: (_root, args, ctx) => findUser(ctx, args.id),
  }),
  users: t.field({
    type: UserConnection,
    description: "The tenant's users, a page at a time.",
    args: {
      first: t.arg
        .int({
          required: false,
          defaultValue: PAGE_SIZE.default,
          description: `How many users to return, 1 to ${PAGE_SIZE.max}.`,
        })
        .validate(firstInput),
      after: t.arg
        .string({
          required: false,
          description: "Return the users after this cursor (a previous page's pageInfo.endCursor).",
        })
        .validate(cursorInput),
    },
    resolve: (_root, args, ctx) => listUsers(ctx, args.first, args.after),
  }),
}))

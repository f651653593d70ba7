import { z } from 'zod'
import { isStorable } from '../domain/text.ts'
import { userReferenceOf } from '../domain/user-reference.ts'
import {
  findUser,
  listUsers,
  phoneMethodsOf,
  signedInUser,
  type User as UserModel,
  type UserListing,
  type UserPage,
  type UserPosition,
} from '../services/users.ts'
import { builder } from './builder.ts'
import { pagedByFirst, priced } from './prices.ts'
import { userRefInput } from '../inputs.ts'
import { PageInfo, pageInfoOf } from './page-info.ts'
import { decodeUserCursor, encodeUserCursor } from './user-cursor.ts'
import { PhoneAuthenticationMethod } from './phone-method.ts'

/** mobile, alternateMobile, office. */
const PHONE_TYPES_PER_USER = 3

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
      // At most one phone of each type; all users' phones of a page are read in one statement.
      extensions: priced({ listSize: { assumedSize: PHONE_TYPES_PER_USER } }),
      resolve: (user, _args, ctx) => phoneMethodsOf(ctx, user),
    }),
  }),
})

// Keyset pagination: a cursor names the last user of a page, so every page
// is one index range scan, the last as cheap as the first.
const cursorInput = z
  .string()
  .nullish()
  .transform((cursor, ctx): UserPosition | null => {
    if (cursor === null || cursor === undefined) return null
    const position = decodeUserCursor(cursor)
    if (position !== null) return position
    ctx.addIssue({ code: 'custom', message: 'is not a cursor from this connection (use pageInfo.endCursor or an edge cursor)' })
    return z.NEVER
  })

const SEARCH_LENGTH = { min: 1, max: 256 }
const searchInput = z
  .string()
  .min(SEARCH_LENGTH.min, `must be ${SEARCH_LENGTH.min} to ${SEARCH_LENGTH.max} characters`)
  .max(SEARCH_LENGTH.max, `must be ${SEARCH_LENGTH.min} to ${SEARCH_LENGTH.max} characters`)
  .refine(isStorable, 'may not contain a NUL character')
  .nullish()

/** A cursor continues only the order it was read in: with a search, by userPrincipalName; without, by id. */
const listingInput = z
  .object({ first: z.number(), search: z.string().nullish(), after: z.custom<UserPosition>().nullish() })
  // Pothos keeps only the keys common to a union of argument shapes: the listing goes in one key.
  .transform(({ first, search, after }, ctx): { listing: UserListing } => {
    const order = search ? 'userPrincipalName' : 'id'
    if (after && after.order !== order) {
      ctx.addIssue({
        code: 'custom',
        path: ['after'],
        message: search
          ? 'is a cursor of the unfiltered list; it cannot continue a search (start the search without `after`)'
          : 'is a cursor of a search; it can only continue that search (pass the same `search`)',
      })
      return z.NEVER
    }
    if (search) return { listing: { order: 'userPrincipalName', first, search, afterKey: after?.order === 'userPrincipalName' ? after.key : null } }
    return { listing: { order: 'id', first, afterId: after?.order === 'id' ? after.id : null } }
  })

export const PAGE_SIZE = { default: 50, max: 200 }
export const firstInput = z
  .number()
  .int()
  .min(1, `must be between 1 and ${PAGE_SIZE.max}`)
  .max(PAGE_SIZE.max, `must be between 1 and ${PAGE_SIZE.max}`)
  .nullish()
  .transform((first) => first ?? PAGE_SIZE.default)

const UserEdge = builder.objectRef<UserPage['edges'][number]>('UserEdge').implement({
  description: 'A user in a page, with its cursor.',
  fields: (t) => ({
    cursor: t.string({
      description: 'Opaque: pass it as `after` (with the same `search`) to continue after this user.',
      resolve: ({ position }) => encodeUserCursor(position),
    }),
    node: t.field({ type: User, description: 'The user.', resolve: ({ user }) => user }),
  }),
})

const UserConnection = builder.objectRef<UserPage>('UserConnection').implement({
  description: "A page of the tenant's users: in id order, or, for a search, by userPrincipalName (case-insensitively).",
  fields: (t) => ({
    edges: t.field({ type: [UserEdge], description: 'The users of this page.', resolve: ({ edges }) => edges }),
    pageInfo: t.field({
      type: PageInfo,
      description: 'Where this page sits in the list.',
      resolve: ({ edges, hasNextPage }) => pageInfoOf(edges, hasNextPage, (edge) => encodeUserCursor(edge.position)),
    }),
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
    resolve: (_root, args, ctx) => findUser(ctx, userReferenceOf(args.id)),
  }),
  users: t.field({
    type: UserConnection,
    extensions: pagedByFirst(PAGE_SIZE.default),
    description:
      "The tenant's users, a page at a time: all of them in id order, or, with `search`, those whose userPrincipalName or displayName starts with it (case-insensitively), ordered by userPrincipalName (case-insensitively).",
    args: t.validate(
      {
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
            description:
              "Return the users after this cursor (a previous page's pageInfo.endCursor, read with the same `search`: a cursor continues only the order it was read in).",
          })
          .validate(cursorInput),
        search: t.arg
          .string({
            required: false,
            description: `Only users whose userPrincipalName or displayName starts with this text, compared case-insensitively and character for character (no wildcards); ${SEARCH_LENGTH.min} to ${SEARCH_LENGTH.max} characters. The users then come ordered by userPrincipalName, case-insensitively.`,
          })
          .validate(searchInput),
      },
      listingInput,
    ),
    resolve: (_root, { listing }, ctx) => listUsers(ctx, listing),
  }),
}))

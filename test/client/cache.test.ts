// The bug of issue 11: a normalized client cache showed one user's phone on
// another user's screen, because every user's mobile had the same `id`.
// Here the real Apollo Client (InMemoryCache) and urql (graphcache), both at
// their default settings, talk to a real gateway process: two users' phones
// are listed, each user's screen is read, and phones are added, updated and
// deleted through the cache; after every step each screen must show exactly
// what the gateway says that user has.
import type { ApolloClient } from '@apollo/client'
import type { Client } from '@urql/core'
import { GraphQLClient } from 'graphql-request'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApolloClient, evictDeletedPhone } from '../../client/apollo.ts'
import {
  AddPhoneMethodDocument,
  DeletePhoneMethodDocument,
  UpdatePhoneMethodDocument,
  UserPhonesDocument,
  UsersWithPhonesDocument,
  type AddPhoneMethodInput,
  type PhoneMethodFieldsFragment,
  type PhoneMethodRefInput,
  type UpdatePhoneMethodInput,
  type UserPhonesQuery,
  type UsersWithPhonesQuery,
} from '../../client/generated/graphql.ts'
import { createUrqlClient } from '../../client/urql.ts'
import { people, startSeededGateway, type SeededGateway } from './seeded-gateway.ts'

const MOBILE = '3179e48a-750b-4051-897c-87b9720928f7'
const OFFICE = 'e37fc753-ff3b-4958-9484-eaa9425c82bc'

/** What a UI does with one client library: load screens, write, and show what its cache holds. */
interface Screens {
  loadUsersList(): Promise<UsersWithPhonesQuery>
  loadUserScreen(userId: string): Promise<UserPhonesQuery>
  /** What the users list shows now, from the cache alone. */
  cachedUsersList(): UsersWithPhonesQuery | undefined
  /** What a user's screen shows now, from the cache alone. */
  cachedUserScreen(userId: string): UserPhonesQuery | undefined
  add(input: AddPhoneMethodInput): Promise<void>
  update(input: UpdatePhoneMethodInput): Promise<void>
  remove(input: PhoneMethodRefInput): Promise<void>
}

function apolloScreens(client: ApolloClient): Screens {
  const usersList = { query: UsersWithPhonesDocument, variables: { first: 50 } }
  const userScreen = (userId: string) => ({ query: UserPhonesDocument, variables: { userId } })
  return {
    loadUsersList: async () => (await client.query(usersList)).data!,
    loadUserScreen: async (userId) => (await client.query(userScreen(userId))).data!,
    cachedUsersList: () => client.readQuery(usersList) ?? undefined,
    cachedUserScreen: (userId) => client.readQuery(userScreen(userId)) ?? undefined,
    add: async (input) => void (await client.mutate({ mutation: AddPhoneMethodDocument, variables: { input } })),
    update: async (input) => void (await client.mutate({ mutation: UpdatePhoneMethodDocument, variables: { input } })),
    remove: async (input) => {
      const { data } = await client.mutate({ mutation: DeletePhoneMethodDocument, variables: { input } })
      evictDeletedPhone(client, data!.deletePhoneMethod)
    },
  }
}

function urqlScreens(client: Client): Screens {
  const answered = <T>(result: { data?: T; error?: unknown }): T => {
    if (result.error || !result.data) throw result.error ?? new Error('no data')
    return result.data
  }
  // graphcache answers from the cache synchronously; cache-only keeps a miss off the network.
  const cacheOnly = { requestPolicy: 'cache-only' } as const
  return {
    loadUsersList: async () => answered(await client.query(UsersWithPhonesDocument, { first: 50 }).toPromise()),
    loadUserScreen: async (userId) => answered(await client.query(UserPhonesDocument, { userId }).toPromise()),
    cachedUsersList: () => client.readQuery(UsersWithPhonesDocument, { first: 50 }, cacheOnly)?.data ?? undefined,
    cachedUserScreen: (userId) => client.readQuery(UserPhonesDocument, { userId }, cacheOnly)?.data ?? undefined,
    add: async (input) => void answered(await client.mutation(AddPhoneMethodDocument, { input }).toPromise()),
    update: async (input) => void answered(await client.mutation(UpdatePhoneMethodDocument, { input }).toPromise()),
    remove: async (input) => void answered(await client.mutation(DeletePhoneMethodDocument, { input }).toPromise()),
  }
}

let gateway: SeededGateway
let truth: GraphQLClient

beforeAll(async () => {
  gateway = await startSeededGateway()
  // The oracle: plain graphql-request, no cache, none of the kit's code.
  truth = new GraphQLClient(`${gateway.url}/graphql`, { headers: { authorization: `Bearer ${gateway.adminToken}` } })
})
afterAll(() => gateway?.stop())

/** A user's phones as the gateway answers them, read without any client cache. */
const phonesOnServer = async (userId: string) => (await truth.request(UserPhonesDocument, { userId })).user!.phoneMethods

/** A phone's fields as the operation selected them (client libraries add `__typename`). */
const selected = (phones: readonly PhoneMethodFieldsFragment[]) => phones.map(({ id, methodId, phoneNumber, isPhoneNumberMasked, phoneType, smsSignInState }) => ({ id, methodId, phoneNumber, isPhoneNumberMasked, phoneType, smsSignInState }))

const numbersOf = (phones: readonly PhoneMethodFieldsFragment[]) => phones.map((phone) => `${phone.phoneType} ${phone.phoneNumber}`)

/** Every screen the UI has loaded shows each user's own phones, as the gateway has them. */
async function expectEveryScreenRight(screens: Screens, userIds: readonly string[]) {
  const list = screens.cachedUsersList()
  expect(list, 'the users list is in the cache').toBeDefined()
  for (const edge of list!.users.edges) {
    expect(selected(edge.node.phoneMethods), `the users list, ${edge.node.userPrincipalName}'s row`).toEqual(await phonesOnServer(edge.node.id))
  }
  for (const userId of userIds) {
    const screen = screens.cachedUserScreen(userId)
    expect(screen?.user?.id, `${userId}'s screen is in the cache`).toBe(userId)
    expect(selected(screen!.user!.phoneMethods), `${screen!.user!.userPrincipalName}'s screen`).toEqual(await phonesOnServer(userId))
  }
}

const scenarios = [
  { library: 'Apollo Client (InMemoryCache, default settings)', first: people.kim, second: people.lee, screens: (g: SeededGateway) => apolloScreens(createApolloClient(g.url, g.adminToken)) },
  { library: 'urql (graphcache cacheExchange, default settings)', first: people.ana, second: people.bo, screens: (g: SeededGateway) => urqlScreens(createUrqlClient(g.url, g.adminToken)) },
]

describe.each(scenarios)('$library', ({ first, second, screens: screensOf }) => {
  let screens: Screens

  beforeAll(async () => {
    screens = screensOf(gateway)
    // Both users have a mobile, each with their own number; the second user also has an office phone.
    await truth.request(AddPhoneMethodDocument, { input: { userId: first.id, phoneType: 'mobile', phoneNumber: '+1 2065550100' } })
    await truth.request(AddPhoneMethodDocument, { input: { userId: second.id, phoneType: 'mobile', phoneNumber: '+1 2065550111' } })
    await truth.request(AddPhoneMethodDocument, { input: { userId: second.id, phoneType: 'office', phoneNumber: '+44 2071234567' } })
  })

  it("lists two users with phones: each row shows that user's own phones", async () => {
    const list = await screens.loadUsersList()
    const row = (userId: string) => list.users.edges.find((edge) => edge.node.id === userId)!.node
    expect(numbersOf(row(first.id).phoneMethods)).toEqual(['mobile +1 2065550100'])
    expect(numbersOf(row(second.id).phoneMethods)).toEqual(['mobile +1 2065550111', 'office +44 2071234567'])
    await expectEveryScreenRight(screens, [])
  })

  it("reads each user's screen, and neither overwrites the other in the cache", async () => {
    expect(numbersOf((await screens.loadUserScreen(first.id)).user!.phoneMethods)).toEqual(['mobile +1 2065550100'])
    expect(numbersOf((await screens.loadUserScreen(second.id)).user!.phoneMethods)).toEqual(['mobile +1 2065550111', 'office +44 2071234567'])
    expect(numbersOf(screens.cachedUserScreen(first.id)!.user!.phoneMethods)).toEqual(['mobile +1 2065550100'])
    await expectEveryScreenRight(screens, [first.id, second.id])
  })

  it("adds an office phone to the first user: their screen shows it, the second user's office phone stays theirs", async () => {
    await screens.add({ userId: first.id, phoneType: 'office', phoneNumber: '+1 4255550100' })
    expect(numbersOf(screens.cachedUserScreen(first.id)!.user!.phoneMethods)).toEqual(['mobile +1 2065550100', 'office +1 4255550100'])
    expect(numbersOf(screens.cachedUserScreen(second.id)!.user!.phoneMethods)).toEqual(['mobile +1 2065550111', 'office +44 2071234567'])
    await expectEveryScreenRight(screens, [first.id, second.id])
  })

  it("updates the second user's mobile: only their screen changes", async () => {
    await screens.update({ userId: second.id, methodId: MOBILE, phoneNumber: '+1 2065550122' })
    expect(numbersOf(screens.cachedUserScreen(second.id)!.user!.phoneMethods)).toEqual(['mobile +1 2065550122', 'office +44 2071234567'])
    expect(numbersOf(screens.cachedUserScreen(first.id)!.user!.phoneMethods)).toEqual(['mobile +1 2065550100', 'office +1 4255550100'])
    await expectEveryScreenRight(screens, [first.id, second.id])
  })

  it("deletes the first user's office phone: it leaves their screen, the second user keeps theirs", async () => {
    await screens.remove({ userId: first.id, methodId: OFFICE })
    expect(numbersOf(screens.cachedUserScreen(first.id)!.user!.phoneMethods)).toEqual(['mobile +1 2065550100'])
    expect(numbersOf(screens.cachedUserScreen(second.id)!.user!.phoneMethods)).toEqual(['mobile +1 2065550122', 'office +44 2071234567'])
    await expectEveryScreenRight(screens, [first.id, second.id])
  })
})

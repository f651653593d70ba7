// The kit's cache configurations, as a frontend team runs them (issue 22):
// the real Apollo Client (createApolloClient: InMemoryCache from
// createApolloCache) and urql (createUrqlClient: graphcache with
// graphcacheConfig) load every screen of an admin console from a real
// gateway process, then go through every write of the API. After each
// write, every screen as the cache shows it (or, where the kit evicted it,
// as the client loads it again) must equal a cache-free read of the same
// document; and no client library may print a warning.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import type { ApolloClient } from '@apollo/client'
import type { Client } from '@urql/core'
import { GraphQLClient } from 'graphql-request'
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest'
import { createApolloClient } from '../../client/apollo.ts'
import * as kit from '../../client/generated/graphql.ts'
import { createUrqlClient } from '../../client/urql.ts'
import { people, startSeededGateway, type SeededGateway } from './seeded-gateway.ts'

const MOBILE = '3179e48a-750b-4051-897c-87b9720928f7'
const ALTERNATE = 'b6332ec1-7057-4abe-9331-3d72feddfe41'

type Variables = Record<string, unknown>
type Document = TypedDocumentNode<any, any>

/** What a UI does with one client library. */
interface Driver {
  /** Loads a screen as a UI does (the cache first, the network for what it lacks). */
  load(document: Document, variables: Variables): Promise<unknown>
  /** Loads the next page of a list, as "load more" does (from the network, merged into the list by the cache's paging). */
  loadMore(document: Document, variables: Variables): Promise<unknown>
  /** What a loaded screen shows now, from the cache alone; null when the cache no longer has all of it. */
  cached(document: Document, variables: Variables): unknown
  write(document: Document, variables: Variables): Promise<void>
}

function apolloDriver(client: ApolloClient): Driver {
  return {
    load: async (query, variables) => (await client.query({ query, variables })).data,
    loadMore: async (query, variables) => (await client.query({ query, variables, fetchPolicy: 'network-only' })).data,
    cached: (query, variables) => client.readQuery({ query, variables }),
    write: async (mutation, variables) => void (await client.mutate({ mutation, variables })),
  }
}

function urqlDriver(client: Client): Driver {
  const answered = (result: { data?: unknown; error?: unknown }) => {
    if (result.error || !result.data) throw result.error ?? new Error('no data')
    return result.data
  }
  return {
    load: async (query, variables) => answered(await client.query(query, variables).toPromise()),
    loadMore: async (query, variables) => answered(await client.query(query, variables, { requestPolicy: 'network-only' }).toPromise()),
    // graphcache answers from the cache synchronously; cache-only keeps a miss off the network.
    cached: (query, variables) => client.readQuery(query, variables, { requestPolicy: 'cache-only' })?.data ?? null,
    write: async (mutation, variables) => void answered(await client.mutation(mutation, variables).toPromise()),
  }
}

/**
 * A screen: a document and its variables. A list is compared by its edges
 * (Apollo's relayStylePagination reads an empty page's endCursor as "", not
 * null); a paged list is loaded two pages at a time.
 */
interface Screen {
  name: string
  document: Document
  variables: Variables
  /** For a paged list: the variables of the next page, after the first page's answer (undefined when it was the last). */
  nextPage?: (firstPage: any) => Variables | undefined
  /** The edges a paged screen shows. */
  edgesOf?: (data: any) => unknown[]
}

/** Without `__typename`, which client libraries add. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).flatMap(([key, field]) => (key === '__typename' ? [] : [[key, plain(field)]])))
}

let gateway: SeededGateway
let truth: GraphQLClient
let warnings: MockInstance[]

beforeAll(async () => {
  // Any warning or error a client library prints fails the file (see the last test).
  warnings = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')]
  gateway = await startSeededGateway()
  // The oracle: plain graphql-request, no cache, none of the kit's code.
  truth = new GraphQLClient(`${gateway.url}/graphql`, { headers: { authorization: `Bearer ${gateway.adminToken}` } })
})
afterAll(async () => {
  for (const spy of warnings ?? []) spy.mockRestore()
  await gateway?.stop()
})

const usersEdges = (data: any) => data.users.edges
const screensOf = (first: string, second: string): Screen[] => [
  { name: 'users list, two pages', document: kit.UsersWithPhonesDocument, variables: { first: 2 }, nextPage: (page) => (page.users.pageInfo.hasNextPage ? { first: 2, after: page.users.pageInfo.endCursor } : undefined), edgesOf: usersEdges },
  { name: 'search', document: kit.SearchUsersDocument, variables: { search: 'b', first: 50 }, edgesOf: usersEdges },
  { name: "first user's phones", document: kit.UserPhonesDocument, variables: { userId: first } },
  { name: "second user's phones", document: kit.UserPhonesDocument, variables: { userId: second } },
  { name: "first user's mobile", document: kit.PhoneMethodDocument, variables: { userId: first, methodId: MOBILE } },
  { name: "first user's sign-in preferences", document: kit.SignInPreferencesDocument, variables: { userId: first } },
  { name: 'SMS policy', document: kit.SmsPolicyDocument, variables: {} },
  {
    name: 'audit log, two pages',
    document: kit.AuditEventsDocument,
    variables: { first: 3 },
    nextPage: (page) => (page.auditEvents.pageInfo.hasNextPage ? { first: 3, after: page.auditEvents.pageInfo.endCursor } : undefined),
    edgesOf: (data) => data.auditEvents.edges,
  },
  { name: "first user's history", document: kit.UserAuditEventsDocument, variables: { userId: first, first: 5 }, edgesOf: (data) => data.user.auditEvents.edges },
]

/** Every write of the API, in an order where each succeeds. */
const writesOf = (first: string, second: string): [string, Document, Variables][] => [
  ['adds the first user’s mobile', kit.AddPhoneMethodDocument, { input: { userId: first, phoneType: 'mobile', phoneNumber: '+1 2065550140' } }],
  ['adds the first user’s alternate mobile', kit.AddPhoneMethodDocument, { input: { userId: first, phoneType: 'alternateMobile', phoneNumber: '+1 2065550141' } }],
  ['adds the second user’s mobile', kit.AddPhoneMethodDocument, { input: { userId: second, phoneType: 'mobile', phoneNumber: '+1 2065550142' } }],
  ['updates the first user’s mobile', kit.UpdatePhoneMethodDocument, { input: { userId: first, methodId: MOBILE, phoneNumber: '+1 2065550143' } }],
  ['disables SMS sign-in on it', kit.DisableSmsSignInDocument, { input: { userId: first, methodId: MOBILE } }],
  ['enables SMS sign-in on it', kit.EnableSmsSignInDocument, { input: { userId: first, methodId: MOBILE } }],
  ['makes SMS the first user’s default method', kit.UpdateSignInPreferencesDocument, { input: { userId: first, userPreferredMethodForSecondaryAuthentication: 'sms' } }],
  ['excludes the first user from the SMS policy', kit.UpdateSmsPolicyDocument, { input: { excludeTargets: [{ id: first, targetType: 'user' }] } }],
  ['resets the SMS policy', kit.ResetSmsPolicyDocument, {}],
  ['disables the SMS policy', kit.UpdateSmsPolicyDocument, { input: { state: 'disabled' } }],
  ['enables it again', kit.UpdateSmsPolicyDocument, { input: { state: 'enabled' } }],
  ['clears the default method', kit.UpdateSignInPreferencesDocument, { input: { userId: first, userPreferredMethodForSecondaryAuthentication: null } }],
  ['deletes the alternate mobile', kit.DeletePhoneMethodDocument, { input: { userId: first, methodId: ALTERNATE } }],
  ['deletes the mobile', kit.DeletePhoneMethodDocument, { input: { userId: first, methodId: MOBILE } }],
  ['deletes the second user’s mobile', kit.DeletePhoneMethodDocument, { input: { userId: second, methodId: MOBILE } }],
]

/** What a screen shows in a cache-free read. */
async function truthOf(screen: Screen): Promise<unknown> {
  if (!screen.edgesOf) return plain(await truth.request(screen.document, screen.variables))
  // A paged screen shows every edge it loaded: as many as its pages hold.
  const pages = screen.nextPage ? 2 : 1
  const variables = { ...screen.variables, first: (screen.variables.first as number) * pages }
  return plain(screen.edgesOf(await truth.request(screen.document, variables)))
}

async function load(driver: Driver, screen: Screen): Promise<void> {
  const page = await driver.load(screen.document, screen.variables)
  const next = screen.nextPage?.(page)
  if (next) await driver.loadMore(screen.document, next)
}

/** What a screen shows now: the cache's answer, or, where the kit evicted it, what the UI loads again. */
async function shown(driver: Driver, screen: Screen): Promise<{ data: unknown; reloaded: boolean }> {
  let data = driver.cached(screen.document, screen.variables)
  const reloaded = data === null || data === undefined
  if (reloaded) {
    await load(driver, screen)
    data = driver.cached(screen.document, screen.variables)
  }
  return { data: plain(screen.edgesOf ? screen.edgesOf(data) : data), reloaded }
}

/** The screens that differ from a cache-free read. */
async function staleScreens(driver: Driver, screens: readonly Screen[]): Promise<string[]> {
  const stale: string[] = []
  for (const screen of screens) {
    const { data } = await shown(driver, screen)
    if (JSON.stringify(data) !== JSON.stringify(await truthOf(screen))) stale.push(screen.name)
  }
  return stale
}

const scenarios = [
  { library: 'Apollo Client with createApolloCache()', first: people.kim.id, second: people.lee.id, number: '+1 2065550150', driver: (g: SeededGateway) => apolloDriver(createApolloClient(g.url, g.adminToken)) },
  { library: 'urql with graphcacheConfig()', first: people.ana.id, second: people.bo.id, number: '+1 2065550151', driver: (g: SeededGateway) => urqlDriver(createUrqlClient(g.url, g.adminToken)) },
]

describe.each(scenarios)('$library', ({ first, second, number, driver: driverOf }) => {
  let driver: Driver
  const screens = screensOf(first, second)

  beforeAll(async () => {
    driver = driverOf(gateway)
    for (const screen of screens) await load(driver, screen)
  })

  it('shows every screen as the gateway has it once loaded', async () => {
    expect(await staleScreens(driver, screens)).toEqual([])
  })

  it.each(writesOf(first, second))('%s: no screen is stale afterwards', async (_step, document, variables) => {
    await driver.write(document, variables)
    expect(await staleScreens(driver, screens)).toEqual([])
  })

  it('a policy change reaches every cached phone: the mobile reads notAllowedByPolicy while the user is excluded', async () => {
    await driver.write(kit.AddPhoneMethodDocument, { input: { userId: second, phoneType: 'mobile', phoneNumber: number } })
    const phones = screens.find((screen) => screen.name === "second user's phones")!
    expect(((await shown(driver, phones)).data as any).user.phoneMethods[0].smsSignInState).toBe('ready')
    await driver.write(kit.UpdateSmsPolicyDocument, { input: { excludeTargets: [{ id: second, targetType: 'user' }] } })
    const afterExclusion = await shown(driver, phones)
    expect((afterExclusion.data as any).user.phoneMethods[0].smsSignInState).toBe('notAllowedByPolicy')
    await driver.write(kit.ResetSmsPolicyDocument, {})
    expect(((await shown(driver, phones)).data as any).user.phoneMethods[0].smsSignInState).toBe('ready')
    expect(await staleScreens(driver, screens)).toEqual([])
  })
})

describe('the client libraries', () => {
  it('printed no warning and no error at any step', () => {
    const printed = warnings.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(' ')))
    expect(printed).toEqual([])
  })
})

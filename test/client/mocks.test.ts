// The mock recipe (client/mocks.ts) as a UI test uses it: the kit's own
// Apollo, urql and graphql-request clients against the mocked schema.graphql,
// with no gateway and no database.
import { readFileSync } from 'node:fs'
import { buildSchema, type GraphQLEnumType } from 'graphql'
import { beforeEach, describe, expect, it } from 'vitest'
import { parsePhoneNumber } from '../../src/domain/phone-number.ts'
import { createApolloClient } from '../../client/apollo.ts'
import { ErrorCode, errorCodeOf, errorFieldOf } from '../../client/errors.ts'
import { createGatewayClient, outcomeOf } from '../../client/gateway.ts'
import * as kit from '../../client/generated/graphql.ts'
import { createMockGateway, ERROR_FIXTURES, METHOD_ID, MOCK_PEOPLE, type MockGateway } from '../../client/mocks.ts'
import { createUrqlClient } from '../../client/urql.ts'

const SCHEMA = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8')
const URL_OF_NOTHING = 'http://mock.invalid'
const schemaErrorCodes = (buildSchema(SCHEMA).getType('ErrorCode') as GraphQLEnumType).getValues().map((value) => value.name)

let mock: MockGateway
beforeEach(() => {
  mock = createMockGateway(SCHEMA)
})

describe('the mocked gateway', () => {
  it("lists users with realistic phones: the contract's number format, Graph's method ids and order, ids unique across users", async () => {
    const { data } = await createApolloClient(URL_OF_NOTHING, 'any-token', { fetch: mock.fetch }).query({ query: kit.UsersWithPhonesDocument, variables: { first: 10 } })
    const phones = data!.users.edges.flatMap((edge) => edge.node.phoneMethods)
    expect(data!.users.edges.length).toBeGreaterThanOrEqual(2)
    expect(phones.length).toBeGreaterThanOrEqual(data!.users.edges.length)
    for (const edge of data!.users.edges) {
      expect(edge.node.userPrincipalName).toMatch(/^[a-z]+@contoso\.com$/)
      const types = edge.node.phoneMethods.map((phone) => phone.phoneType)
      expect(types[0]).toBe('mobile')
      expect(types).toEqual([...types].sort((a, b) => Object.keys(METHOD_ID).indexOf(a) - Object.keys(METHOD_ID).indexOf(b)))
    }
    for (const phone of phones) {
      expect(parsePhoneNumber(phone.phoneNumber), phone.phoneNumber).toMatchObject({ ok: true })
      expect(phone.methodId).toBe(METHOD_ID[phone.phoneType])
      expect(phone.smsSignInState).toBe(phone.phoneType === 'mobile' ? 'ready' : 'notSupported')
      expect(phone.isPhoneNumberMasked).toBe(false)
    }
    expect(new Set(phones.map((phone) => phone.id)).size).toBe(phones.length)
    expect(new Set(phones.map((phone) => phone.phoneNumber)).size).toBe(phones.length)
  })

  it('keeps what a test writes: added, updated, switched and deleted phones show on the user screen (urql with graphcache)', async () => {
    const client = createUrqlClient(URL_OF_NOTHING, 'any-token', { fetch: mock.fetch })
    const screen = async () =>
      (await client.query(kit.UserPhonesDocument, { userId: 'kim@contoso.com' }, { requestPolicy: 'network-only' }).toPromise()).data!.user!.phoneMethods.map(
        (phone) => [phone.phoneType, phone.phoneNumber],
      )
    const [mobile] = await screen()
    expect(mobile![0]).toBe('mobile')

    const added = await client.mutation(kit.AddPhoneMethodDocument, { input: { userId: 'kim@contoso.com', phoneType: 'alternateMobile', phoneNumber: '+1 4255550199' } }).toPromise()
    expect(added.data!.addPhoneMethod).toMatchObject({ methodId: METHOD_ID.alternateMobile, phoneNumber: '+1 4255550199', smsSignInState: 'notSupported' })
    expect(await screen()).toEqual([mobile, ['alternateMobile', '+1 4255550199']])

    const kimsAlternate = { userId: 'kim@contoso.com', methodId: METHOD_ID.alternateMobile }
    await client.mutation(kit.UpdatePhoneMethodDocument, { input: { ...kimsAlternate, phoneNumber: '+1 4255550198' } }).toPromise()
    expect(await screen()).toEqual([mobile, ['alternateMobile', '+1 4255550198']])
    const disabled = await client.mutation(kit.DisableSmsSignInDocument, { input: { userId: 'kim@contoso.com', methodId: METHOD_ID.mobile } }).toPromise()
    expect(disabled.data!.disableSmsSignIn).toMatchObject({ phoneType: 'mobile', smsSignInState: 'notEnabled' })

    const deleted = await client.mutation(kit.DeletePhoneMethodDocument, { input: kimsAlternate }).toPromise()
    expect(deleted.data!.deletePhoneMethod.id).toBe(added.data!.addPhoneMethod.id)
    expect(deleted.data!.deletePhoneMethod.user.phoneMethods.map((phone) => phone.phoneType)).toEqual(['mobile'])
    expect(await screen()).toEqual([mobile])
  })
})

describe('paging and searching as the gateway does', () => {
  it('pages the directory with real cursors: every user once, hasNextPage false on the last page', async () => {
    const client = createGatewayClient(URL_OF_NOTHING, 'any-token', { fetch: mock.fetch })
    const seen: string[] = []
    let after: string | null | undefined
    for (let pages = 0; ; pages++) {
      expect(pages, 'the paging ends').toBeLessThan(MOCK_PEOPLE.length)
      const { users } = await client.request(kit.UsersWithPhonesDocument, { first: 5, after })
      expect(users.edges.length).toBeLessThanOrEqual(5)
      seen.push(...users.edges.map((edge) => edge.node.userPrincipalName))
      expect(users.pageInfo.endCursor).toBe(users.edges.at(-1)?.cursor ?? null)
      if (!users.pageInfo.hasNextPage) break
      after = users.pageInfo.endCursor
    }
    expect(seen).toEqual(MOCK_PEOPLE.map((person) => person.userPrincipalName))
  })

  it('refuses what the gateway refuses: a page size out of 1–200 and a cursor it did not make, with the same messages', async () => {
    const client = createGatewayClient(URL_OF_NOTHING, 'any-token', { fetch: mock.fetch })
    expect(await outcomeOf(client.request(kit.UsersWithPhonesDocument, { first: 201 }))).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', field: 'first', message: 'First must be between 1 and 200.' })
    expect(await outcomeOf(client.request(kit.UsersWithPhonesDocument, { after: 'Hello World' }))).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', field: 'after' })
  })

  it('searches by the start of userPrincipalName or displayName, case-insensitively, ordered by userPrincipalName', async () => {
    const client = createGatewayClient(URL_OF_NOTHING, 'any-token', { fetch: mock.fetch })
    const { users } = await client.request(kit.SearchUsersDocument, { search: 'A' })
    const names = users.edges.map((edge) => edge.node.userPrincipalName)
    expect(names).toEqual(['adele@contoso.com', 'alex@contoso.com', 'ana@contoso.com'])
    const firstPage = await client.request(kit.SearchUsersDocument, { search: 'a', first: 2 })
    expect(firstPage.users.pageInfo.hasNextPage).toBe(true)
    const rest = await client.request(kit.SearchUsersDocument, { search: 'a', first: 2, after: firstPage.users.pageInfo.endCursor })
    expect([...firstPage.users.edges, ...rest.users.edges].map((edge) => edge.node.userPrincipalName)).toEqual(names)
  })

  it('keeps an audit log as the gateway does: ISO times, newest first, Entra activity names, masked numbers, a new event per write', async () => {
    const client = createGatewayClient(URL_OF_NOTHING, 'any-token', { fetch: mock.fetch })
    await client.request(kit.UpdatePhoneMethodDocument, { input: { userId: 'kim@contoso.com', methodId: METHOD_ID.mobile, phoneNumber: '+1 2065550177' } })
    const { auditEvents } = await client.request(kit.AuditEventsDocument, { first: 200 })
    const events = auditEvents.edges.map((edge) => edge.node)
    expect(events[0]).toMatchObject({
      activityDisplayName: 'Admin updated security info',
      category: 'UserManagement',
      result: 'success',
      targetUserPrincipalName: 'kim@contoso.com',
      phoneType: 'mobile',
      newPhoneNumber: '+1 XXXXXXXX77',
    })
    expect(events[0]!.oldPhoneNumber).toMatch(/^\+1 X{8}\d\d$/)
    for (const event of events) {
      expect(new Date(event.activityDateTime).toISOString()).toBe(event.activityDateTime)
      expect(['Admin registered security info', 'Admin updated security info']).toContain(event.activityDisplayName)
    }
    const times = events.map((event) => event.activityDateTime)
    expect(times).toEqual([...times].sort().reverse())
    const kims = await client.request(kit.UserAuditEventsDocument, { userId: 'kim@contoso.com', first: 1 })
    expect(kims.user!.auditEvents!.edges[0]!.node.id).toBe(events[0]!.id)
    expect(kims.user!.auditEvents!.pageInfo.hasNextPage).toBe(true)
  })

  it('an SMS policy that excludes a user makes their mobile notAllowedByPolicy, and a reset makes it ready again', async () => {
    const client = createGatewayClient(URL_OF_NOTHING, 'any-token', { fetch: mock.fetch })
    const kim = MOCK_PEOPLE[0]!
    const mobileState = async () => (await client.request(kit.PhoneMethodDocument, { userId: kim.id, methodId: METHOD_ID.mobile })).phoneMethod!.smsSignInState
    expect(await mobileState()).toBe('ready')
    await client.request(kit.UpdateSmsPolicyDocument, { input: { excludeTargets: [{ id: kim.id, targetType: 'user' }] } })
    expect(await mobileState()).toBe('notAllowedByPolicy')
    await client.request(kit.ResetSmsPolicyDocument)
    expect(await mobileState()).toBe('ready')
  })
})

describe('the error fixtures', () => {
  it("cover exactly the schema's ErrorCode enum", () => {
    expect(Object.keys(ERROR_FIXTURES).sort()).toEqual([...schemaErrorCodes].sort())
    expect(Object.values(ErrorCode).sort()).toEqual([...schemaErrorCodes].sort())
  })

  it.each(['PHONE_TYPE_ALREADY_EXISTS', 'BAD_USER_INPUT', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED'] as const)(
    "%s reaches errorCodeOf and errorFieldOf from Apollo Client's and urql's own errors",
    async (code) => {
      mock.fail('AddPhoneMethod', code)
      const variables = { input: { userId: 'kim@contoso.com', phoneType: 'office' as const, phoneNumber: '+1 4255550100' } }
      const field = ERROR_FIXTURES[code].error.extensions?.field
      const apolloError = await createApolloClient(URL_OF_NOTHING, 'any-token', { fetch: mock.fetch })
        .mutate({ mutation: kit.AddPhoneMethodDocument, variables })
        .then(() => undefined, (error: unknown) => error)
      expect([errorCodeOf(apolloError), errorFieldOf(apolloError)]).toEqual([code, field])
      const urqlError = (await createUrqlClient(URL_OF_NOTHING, 'any-token', { fetch: mock.fetch }).mutation(kit.AddPhoneMethodDocument, variables).toPromise()).error
      expect([errorCodeOf(urqlError), errorFieldOf(urqlError)]).toEqual([code, field])
    },
  )

  it('a network failure has no code, and a message for people', async () => {
    const unreachable = createGatewayClient('http://127.0.0.1:9', 'any-token')
    expect(await outcomeOf(unreachable.request(kit.UserPhonesDocument, { userId: 'kim@contoso.com' }))).toEqual({
      ok: false,
      code: undefined,
      message: 'The gateway could not be reached.',
      field: undefined,
    })
  })

  it.each(schemaErrorCodes)('%s: a failing operation reaches the client with that code, and the rest keep working', async (code) => {
    const client = createGatewayClient(URL_OF_NOTHING, 'any-token', { fetch: mock.fetch })
    mock.fail('AddPhoneMethod', code as ErrorCode)
    const refused = await outcomeOf(client.request(kit.AddPhoneMethodDocument, { input: { userId: 'kim@contoso.com', phoneType: 'office', phoneNumber: '+1 4255550100' } }))
    expect(refused).toEqual({
      ok: false,
      code,
      message: ERROR_FIXTURES[code as ErrorCode].error.message,
      field: ERROR_FIXTURES[code as ErrorCode].error.extensions?.field,
    })
    expect(await outcomeOf(client.request(kit.UserPhonesDocument, { userId: 'kim@contoso.com' }))).toMatchObject({ ok: true })
    mock.fail('AddPhoneMethod', undefined)
    expect(await outcomeOf(client.request(kit.AddPhoneMethodDocument, { input: { userId: 'kim@contoso.com', phoneType: 'office', phoneNumber: '+1 4255550100' } }))).toMatchObject({ ok: true })
  })
})

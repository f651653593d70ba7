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
import {
  AddPhoneMethodDocument,
  DeletePhoneMethodDocument,
  DisableSmsSignInDocument,
  UpdatePhoneMethodDocument,
  UserPhonesDocument,
  UsersWithPhonesDocument,
} from '../../client/generated/graphql.ts'
import { createMockGateway, ERROR_FIXTURES, METHOD_ID, type MockGateway } from '../../client/mocks.ts'
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
    const { data } = await createApolloClient(URL_OF_NOTHING, 'any-token', mock.fetch).query({ query: UsersWithPhonesDocument, variables: { first: 10 } })
    const phones = data!.users.edges.flatMap((edge) => edge.node.phoneMethods)
    expect(data!.users.edges.length).toBeGreaterThanOrEqual(2)
    expect(phones.length).toBeGreaterThanOrEqual(data!.users.edges.length)
    for (const edge of data!.users.edges) {
      expect(edge.node.userPrincipalName).toMatch(/^[a-z]+\d+@contoso\.com$/)
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
    const client = createUrqlClient(URL_OF_NOTHING, 'any-token', mock.fetch)
    const screen = async () =>
      (await client.query(UserPhonesDocument, { userId: 'kim@contoso.com' }, { requestPolicy: 'network-only' }).toPromise()).data!.user!.phoneMethods.map(
        (phone) => [phone.phoneType, phone.phoneNumber],
      )
    const [mobile] = await screen()
    expect(mobile![0]).toBe('mobile')

    const added = await client.mutation(AddPhoneMethodDocument, { input: { userId: 'kim@contoso.com', phoneType: 'alternateMobile', phoneNumber: '+1 4255550199' } }).toPromise()
    expect(added.data!.addPhoneMethod).toMatchObject({ methodId: METHOD_ID.alternateMobile, phoneNumber: '+1 4255550199', smsSignInState: 'notSupported' })
    expect(await screen()).toEqual([mobile, ['alternateMobile', '+1 4255550199']])

    const kimsAlternate = { userId: 'kim@contoso.com', methodId: METHOD_ID.alternateMobile }
    await client.mutation(UpdatePhoneMethodDocument, { input: { ...kimsAlternate, phoneNumber: '+1 4255550198' } }).toPromise()
    expect(await screen()).toEqual([mobile, ['alternateMobile', '+1 4255550198']])
    const disabled = await client.mutation(DisableSmsSignInDocument, { input: { userId: 'kim@contoso.com', methodId: METHOD_ID.mobile } }).toPromise()
    expect(disabled.data!.disableSmsSignIn).toMatchObject({ phoneType: 'mobile', smsSignInState: 'notEnabled' })

    const deleted = await client.mutation(DeletePhoneMethodDocument, { input: kimsAlternate }).toPromise()
    expect(deleted.data!.deletePhoneMethod.id).toBe(added.data!.addPhoneMethod.id)
    expect(deleted.data!.deletePhoneMethod.user.phoneMethods.map((phone) => phone.phoneType)).toEqual(['mobile'])
    expect(await screen()).toEqual([mobile])
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
      const field = code === 'BAD_USER_INPUT' ? 'input.phoneNumber' : undefined
      const apolloError = await createApolloClient(URL_OF_NOTHING, 'any-token', mock.fetch)
        .mutate({ mutation: AddPhoneMethodDocument, variables })
        .then(() => undefined, (error: unknown) => error)
      expect([errorCodeOf(apolloError), errorFieldOf(apolloError)]).toEqual([code, field])
      const urqlError = (await createUrqlClient(URL_OF_NOTHING, 'any-token', mock.fetch).mutation(AddPhoneMethodDocument, variables).toPromise()).error
      expect([errorCodeOf(urqlError), errorFieldOf(urqlError)]).toEqual([code, field])
    },
  )

  it('a network failure has no code, and a message for people', async () => {
    const unreachable = createGatewayClient('http://127.0.0.1:9', 'any-token')
    expect(await outcomeOf(unreachable.request(UserPhonesDocument, { userId: 'kim@contoso.com' }))).toEqual({
      ok: false,
      code: undefined,
      message: 'The gateway could not be reached.',
      field: undefined,
    })
  })

  it.each(schemaErrorCodes)('%s: a failing operation reaches the client with that code, and the rest keep working', async (code) => {
    const client = createGatewayClient(URL_OF_NOTHING, 'any-token', mock.fetch)
    mock.fail('AddPhoneMethod', code as ErrorCode)
    const refused = await outcomeOf(client.request(AddPhoneMethodDocument, { input: { userId: 'kim@contoso.com', phoneType: 'office', phoneNumber: '+1 4255550100' } }))
    expect(refused).toEqual({
      ok: false,
      code,
      message: ERROR_FIXTURES[code as ErrorCode].error.message,
      field: code === 'BAD_USER_INPUT' ? 'input.phoneNumber' : undefined,
    })
    expect(await outcomeOf(client.request(UserPhonesDocument, { userId: 'kim@contoso.com' }))).toMatchObject({ ok: true })
    mock.fail('AddPhoneMethod', undefined)
    expect(await outcomeOf(client.request(AddPhoneMethodDocument, { input: { userId: 'kim@contoso.com', phoneType: 'office', phoneNumber: '+1 4255550100' } }))).toMatchObject({ ok: true })
  })
})

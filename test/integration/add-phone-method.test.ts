import { afterAll, beforeAll, expect, it } from 'vitest'
import { PHONE_METHOD_ID } from '../../src/domain/phone-method.ts'
import { REJECTED_NUMBERS } from '../support/personas/contract-examples.ts'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { people, personaTokens } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const ADD = /* GraphQL */ `
  mutation Add($userId: String!, $phoneNumber: String!, $phoneType: PhoneType!) {
    addPhoneMethod(input: { userId: $userId, phoneNumber: $phoneNumber, phoneType: $phoneType }) {
      methodId
      phoneNumber
      phoneType
      smsSignInState
    }
  }
`
const PHONES = /* GraphQL */ `
  query Phones($id: String!) {
    user(id: $id) {
      phoneMethods { methodId phoneNumber phoneType smsSignInState }
    }
  }
`

describeOnEachDatabase('addPhoneMethod on %s', (provider) => {
  let gateway: TestGateway
  let tokens: Awaited<ReturnType<typeof personaTokens>>
  const add = (userId: string, phoneNumber: string, phoneType: string) =>
    gateway.graphql(tokens.admin, ADD, { userId, phoneNumber, phoneType })
  const phonesOf = async (userId: string) =>
    (await gateway.graphql(tokens.admin, PHONES, { id: userId })).data?.user?.phoneMethods as unknown[]

  beforeAll(async () => {
    gateway = await startGateway(provider)
    tokens = await personaTokens()
  })
  afterAll(() => gateway.close())

  it('adds the seed example: kim@contoso.com, +1 2065555555, mobile', async () => {
    const response = await add('kim@contoso.com', '+1 2065555555', 'mobile')
    expect(response.errors).toBeUndefined()
    expect(response.data?.addPhoneMethod).toEqual({
      methodId: '3179e48a-750b-4051-897c-87b9720928f7',
      phoneNumber: '+1 2065555555',
      phoneType: 'mobile',
      smsSignInState: 'ready',
    })
    expect(await phonesOf(people.kim.id)).toEqual([response.data?.addPhoneMethod])
  })

  it('finds the user by userPrincipalName whatever its case, and by id', async () => {
    expect((await add('LEE@Contoso.COM', '+1 5555551234', 'mobile')).data?.addPhoneMethod.phoneType).toBe('mobile')
    expect((await add(people.lee.id, '+1 5555551234x123', 'office')).data?.addPhoneMethod).toEqual({
      methodId: PHONE_METHOD_ID.office,
      phoneNumber: '+1 5555551234x123',
      phoneType: 'office',
      smsSignInState: 'notSupported',
    })
  })

  it('refuses a second phone of the same type (PHONE_TYPE_ALREADY_EXISTS) and changes nothing', async () => {
    const before = await phonesOf(people.kim.id)
    const response = await add(people.kim.id, '+44 2071234567', 'mobile')
    expect(codes(response)).toEqual(['PHONE_TYPE_ALREADY_EXISTS'])
    expect(response.data).toBeNull()
    expect(await phonesOf(people.kim.id)).toEqual(before)
  })

  it('refuses an alternateMobile before a mobile (MOBILE_REQUIRED) and changes nothing', async () => {
    const response = await add(people.authAdmin.id, '+44 2071234567', 'alternateMobile')
    expect(codes(response)).toEqual(['MOBILE_REQUIRED'])
    expect(await phonesOf(people.authAdmin.id)).toEqual([])
  })

  it('accepts an alternateMobile once the mobile exists, and lists phones mobile, alternateMobile, office', async () => {
    expect(codes(await add(people.lee.id, '+44 2071234567', 'alternateMobile'))).toEqual([])
    const phones = (await phonesOf(people.lee.id)) as { phoneType: string; smsSignInState: string }[]
    expect(phones.map((phone) => phone.phoneType)).toEqual(['mobile', 'alternateMobile', 'office'])
    expect(phones[1]?.smsSignInState).toBe('notSupported')
  })

  it.each(REJECTED_NUMBERS)('refuses the number %j with BAD_USER_INPUT stating the format', async (phoneNumber) => {
    const response = await add(people.reader.id, phoneNumber, 'mobile')
    expect(codes(response)).toEqual(['BAD_USER_INPUT'])
    expect(response.errors?.[0]?.message).toContain('"+<country code> <number>"')
    expect(await phonesOf(people.reader.id)).toEqual([])
  })

  it('refuses smsSignInState in the input: it is read-only', async () => {
    const response = await gateway.graphql(
      tokens.admin,
      `mutation { addPhoneMethod(input: { userId: "${people.reader.id}", phoneNumber: "+1 5555551234", phoneType: mobile, smsSignInState: ready }) { id } }`,
    )
    // A field the input type does not have: the document does not validate.
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
    expect(await phonesOf(people.reader.id)).toEqual([])
  })

  it('refuses an unknown phone type as BAD_USER_INPUT', async () => {
    const response = await add(people.reader.id, '+1 5555551234', 'pager')
    expect(codes(response)).toEqual(['BAD_USER_INPUT'])
  })

  it('answers NOT_FOUND for a user who is not in the caller’s tenant', async () => {
    expect(codes(await add('nobody@contoso.com', '+1 5555551234', 'mobile'))).toEqual(['NOT_FOUND'])
    expect(codes(await add(people.outsider.id, '+1 5555551234', 'mobile'))).toEqual(['NOT_FOUND'])
    expect(codes(await add(people.outsider.userPrincipalName, '+1 5555551234', 'mobile'))).toEqual(['NOT_FOUND'])
  })

  it('keeps one phone per user and type in the database itself', async () => {
    const insert = gateway.db.client.$transaction((tx) =>
      tx.phoneMethod.create({
        data: { tenantId: 'contoso', userId: people.kim.id, phoneType: 'mobile', phoneNumber: '+1 2065550100' },
      }),
    )
    await expect(insert).rejects.toMatchObject({ code: 'P2002' })
  })
})

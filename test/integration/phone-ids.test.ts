// Phone ids a client cache can key on (docs/rules.md): `id` is unique across
// users and tenants and stable across a delete and re-add; Graph's fixed id
// is `methodId`; a phone names its owner; a deletion answers what a client
// needs to evict the phone and refresh the owner; masked numbers say so.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DirectoryRole } from '../../src/domain/principal.ts'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { scopes, tokenFor } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const MOBILE = '3179e48a-750b-4051-897c-87b9720928f7'
const OFFICE = 'e37fc753-ff3b-4958-9484-eaa9425c82bc'

// The same user id in two tenants: their phones must still have different ids.
const SHARED_ID = 'same-user-id'
const admin = (tenant: string) => ({
  id: `admin-${tenant}`,
  userPrincipalName: `admin@${tenant}.example`,
  displayName: 'Admin',
  directoryRoles: [DirectoryRole.privilegedAuthenticationAdministrator],
})
const tenants = {
  tenants: ['north', 'south'].map((tenant) => ({
    id: tenant,
    users: [
      admin(tenant),
      { id: SHARED_ID, userPrincipalName: `sam@${tenant}.example`, displayName: 'Sam', directoryRoles: [] },
      { id: 'other', userPrincipalName: `olu@${tenant}.example`, displayName: 'Olu', directoryRoles: [] },
    ],
  })),
}

const PHONE = 'id methodId phoneNumber isPhoneNumberMasked phoneType user { id userPrincipalName }'
const ADD = `mutation ($i: AddPhoneMethodInput!) { addPhoneMethod(input: $i) { ${PHONE} } }`
const DELETE = `mutation ($i: PhoneMethodRefInput!) {
  deletePhoneMethod(input: $i) { id methodId user { id phoneMethods { id methodId } } }
}`

describeOnEachDatabase('phone ids on %s', (provider) => {
  let gateway: TestGateway
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    gateway = await startGateway(provider, { tenants })
    for (const tenant of ['north', 'south']) {
      tokens[tenant] = await tokenFor({ tid: tenant, sub: `admin-${tenant}`, scp: scopes.writeAll, wids: admin(tenant).directoryRoles })
    }
    tokens.reader = await tokenFor({ tid: 'north', sub: 'a-reader', scp: scopes.readAll, wids: [DirectoryRole.globalReader] })
  })
  afterAll(() => gateway?.close())

  const add = async (tenant: string, userId: string, phoneNumber: string, phoneType = 'mobile') => {
    const response = await gateway.graphql(tokens[tenant], ADD, { i: { userId, phoneNumber, phoneType } })
    expect(response.errors).toBeUndefined()
    return response.data!.addPhoneMethod
  }

  it('gives every user’s mobile its own id, in every tenant, and Graph’s fixed id as methodId', async () => {
    const phones = [
      await add('north', SHARED_ID, '+1 2065550101'),
      await add('north', 'other', '+1 2065550102'),
      await add('south', SHARED_ID, '+1 2065550103'),
    ]
    expect(phones.map((phone) => phone.methodId)).toEqual([MOBILE, MOBILE, MOBILE])
    expect(new Set(phones.map((phone) => phone.id)).size).toBe(3)
    for (const phone of phones) expect(phone.id).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(phones.map((phone) => phone.user.userPrincipalName)).toEqual(['sam@north.example', 'olu@north.example', 'sam@south.example'])
  })

  it('keeps a phone’s id through an update, and gives it back after a delete and re-add', async () => {
    const before = await add('north', SHARED_ID, '+1 4255550100', 'office')
    const updated = await gateway.graphql(
      tokens.north,
      `mutation { updatePhoneMethod(input: { userId: "${SHARED_ID}", methodId: "${OFFICE}", phoneNumber: "+1 4255550111" }) { id } }`,
    )
    expect(updated.data?.updatePhoneMethod.id).toBe(before.id)
    const deleted = await gateway.graphql(tokens.north, DELETE, { i: { userId: SHARED_ID, methodId: OFFICE } })
    expect(deleted.errors).toBeUndefined()
    expect(deleted.data?.deletePhoneMethod).toMatchObject({ id: before.id, methodId: OFFICE })
    const again = await add('north', SHARED_ID, '+1 4255550122', 'office')
    expect(again.id).toBe(before.id)
  })

  it('answers a deletion with the owner’s phones as they are after it, even when the document read them before', async () => {
    await add('south', 'other', '+1 2065550104')
    await add('south', 'other', '+1 4255550104', 'office')
    const response = await gateway.graphql(
      tokens.south,
      `mutation ($i: PhoneMethodRefInput!) {
        before: addPhoneMethod(input: { userId: "other", phoneNumber: "+1 2065550105", phoneType: alternateMobile }) {
          user { phoneMethods { methodId } }
        }
        deletePhoneMethod(input: $i) { methodId user { id phoneMethods { methodId } } }
      }`,
      { i: { userId: 'other', methodId: OFFICE } },
    )
    expect(response.errors).toBeUndefined()
    expect(response.data?.before.user.phoneMethods.map((phone: { methodId: string }) => phone.methodId)).toEqual([
      MOBILE,
      'b6332ec1-7057-4abe-9331-3d72feddfe41',
      OFFICE,
    ])
    expect(response.data?.deletePhoneMethod).toEqual({
      methodId: OFFICE,
      user: { id: 'other', phoneMethods: [{ methodId: MOBILE }, { methodId: 'b6332ec1-7057-4abe-9331-3d72feddfe41' }] },
    })
  })

  it('tells a Global Reader that the number it sees is masked, and a Privileged Authentication Administrator that it is not', async () => {
    const query = `{ user(id: "${SHARED_ID}") { phoneMethods { methodId phoneNumber isPhoneNumberMasked } } }`
    expect((await gateway.graphql(tokens.reader, query)).data?.user.phoneMethods).toEqual([
      { methodId: MOBILE, phoneNumber: '+1 XXXXXXXX01', isPhoneNumberMasked: true },
      { methodId: OFFICE, phoneNumber: '+1 XXXXXXXX22', isPhoneNumberMasked: true },
    ])
    expect((await gateway.graphql(tokens.north, query)).data?.user.phoneMethods).toEqual([
      { methodId: MOBILE, phoneNumber: '+1 2065550101', isPhoneNumberMasked: false },
      { methodId: OFFICE, phoneNumber: '+1 4255550122', isPhoneNumberMasked: false },
    ])
  })

  it('answers NOT_FOUND for deleting a phone the user does not have, and writes nothing', async () => {
    const response = await gateway.graphql(tokens.north, DELETE, { i: { userId: 'other', methodId: OFFICE } })
    expect(codes(response)).toEqual(['NOT_FOUND'])
    expect(response.data).toBeNull()
  })
})

// Every operation of client/operations, run with its generated typed
// document through the kit's graphql-request client against a real gateway
// process; and every refusal a client can provoke there comes back with the
// code, HTTP status and `extensions.field` that the mock recipe's error
// fixture promises for it, word for word.
import { readdirSync, readFileSync } from 'node:fs'
import { Kind, parse, print, type DocumentNode } from 'graphql'
import type { GraphQLClient } from 'graphql-request'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorCodeOf, type ErrorCode } from '../../client/errors.ts'
import { createGatewayClient, outcomeOf, type Outcome } from '../../client/gateway.ts'
import * as kit from '../../client/generated/graphql.ts'
import { ERROR_FIXTURES } from '../../client/mocks.ts'
import { people, startSeededGateway, type SeededGateway } from './seeded-gateway.ts'

const OPERATIONS = new URL('../../client/operations/', import.meta.url)
const METHOD = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
} as const

/** Every operation name defined in client/operations. */
const kitOperations = readdirSync(OPERATIONS)
  .filter((file) => file.endsWith('.graphql'))
  .flatMap((file) => parse(readFileSync(new URL(file, OPERATIONS), 'utf8')).definitions)
  .flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : []))

let gateway: SeededGateway
let admin: GraphQLClient
const ran = new Set<string>()

/** Runs a kit document through the kit's client, remembering that the operation ran. */
function run<TData>(document: DocumentNode, request: Promise<TData>): Promise<Outcome<TData>> {
  for (const definition of document.definitions) if (definition.kind === Kind.OPERATION_DEFINITION) ran.add(definition.name!.value)
  return outcomeOf(request)
}

/** Without `__typename`, which the kit's documents select for the normalized caches. */
function withoutTypenames<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutTypenames) as T
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).flatMap(([key, field]) => (key === '__typename' ? [] : [[key, withoutTypenames(field)]]))) as T
}

const expectData = <TData>(outcome: Outcome<TData>): TData => {
  expect(outcome).toMatchObject({ ok: true })
  return withoutTypenames((outcome as { data: TData }).data)
}

beforeAll(async () => {
  gateway = await startSeededGateway()
  admin = createGatewayClient(gateway.url, gateway.adminToken)
})
afterAll(() => gateway?.stop())

describe('the kit operations against a real gateway', () => {
  it("UsersWithPhones lists the tenant's users, a page at a time", async () => {
    const first = expectData(await run(kit.UsersWithPhonesDocument, admin.request(kit.UsersWithPhonesDocument, { first: 3 })))
    expect(first.users.edges.map((edge) => edge.node.id)).toEqual([people.kim.id, people.lee.id, people.ana.id])
    expect(first.users.pageInfo.hasNextPage).toBe(true)
    const rest = expectData(await run(kit.UsersWithPhonesDocument, admin.request(kit.UsersWithPhonesDocument, { first: 3, after: first.users.pageInfo.endCursor })))
    expect(rest.users.edges.map((edge) => [edge.node.userPrincipalName, edge.node.phoneMethods])).toEqual([[people.bo.userPrincipalName, []]])
    expect(rest.users.pageInfo.hasNextPage).toBe(false)
  })

  it('SearchUsers finds users by the start of their userPrincipalName or displayName, case-insensitively', async () => {
    const found = expectData(await run(kit.SearchUsersDocument, admin.request(kit.SearchUsersDocument, { search: 'BO', first: 10 })))
    expect(found.users.edges.map((edge) => edge.node.userPrincipalName)).toEqual([people.bo.userPrincipalName])
    expect(found.users.pageInfo.hasNextPage).toBe(false)
    const none = expectData(await run(kit.SearchUsersDocument, admin.request(kit.SearchUsersDocument, { search: 'zz' })))
    expect(none.users.edges).toEqual([])
  })

  it('AddPhoneMethod answers the phone and its owner’s list; UserPhones and PhoneMethod read it back', async () => {
    const added = expectData(
      await run(kit.AddPhoneMethodDocument, admin.request(kit.AddPhoneMethodDocument, { input: { userId: people.kim.userPrincipalName, phoneType: 'mobile', phoneNumber: '+1 2065550100' } })),
    ).addPhoneMethod
    expect(added).toMatchObject({ methodId: METHOD.mobile, phoneNumber: '+1 2065550100', isPhoneNumberMasked: false, phoneType: 'mobile', smsSignInState: 'ready' })
    expect(added.id).not.toBe(METHOD.mobile)
    const { user, ...phoneOnly } = added
    expect(user).toEqual({ id: people.kim.id, phoneMethods: [phoneOnly] })

    const screen = expectData(await run(kit.UserPhonesDocument, admin.request(kit.UserPhonesDocument, { userId: people.kim.id }))).user!
    expect(screen).toMatchObject({ id: people.kim.id, userPrincipalName: people.kim.userPrincipalName, displayName: people.kim.displayName })
    expect(screen.phoneMethods.map((phone) => phone.id)).toEqual([added.id])
    const phone = expectData(await run(kit.PhoneMethodDocument, admin.request(kit.PhoneMethodDocument, { userId: people.kim.id, methodId: METHOD.mobile }))).phoneMethod
    expect(phone).toEqual(screen.phoneMethods[0])
  })

  it('UpdatePhoneMethod changes the number and keeps the id; DisableSmsSignIn and EnableSmsSignIn switch the state', async () => {
    const ref = { userId: people.kim.id, methodId: METHOD.mobile }
    const before = expectData(await run(kit.PhoneMethodDocument, admin.request(kit.PhoneMethodDocument, ref))).phoneMethod!
    const updated = expectData(await run(kit.UpdatePhoneMethodDocument, admin.request(kit.UpdatePhoneMethodDocument, { input: { ...ref, phoneNumber: '+1 2065550123' } })))
    expect(updated.updatePhoneMethod).toEqual({ ...before, phoneNumber: '+1 2065550123' })
    const disabled = expectData(await run(kit.DisableSmsSignInDocument, admin.request(kit.DisableSmsSignInDocument, { input: ref })))
    expect(disabled.disableSmsSignIn).toMatchObject({ id: before.id, smsSignInState: 'notEnabled' })
    const enabled = expectData(await run(kit.EnableSmsSignInDocument, admin.request(kit.EnableSmsSignInDocument, { input: ref })))
    expect(enabled.enableSmsSignIn).toMatchObject({ id: before.id, smsSignInState: 'ready' })
  })

  it('SmsPolicy reads the policy; UpdateSmsPolicy patches it, and the phones follow', async () => {
    const policy = expectData(await run(kit.SmsPolicyDocument, admin.request(kit.SmsPolicyDocument))).smsAuthenticationMethodConfiguration
    expect(policy).toEqual({ id: 'Sms', state: 'enabled', includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: true }], excludeTargets: [] })
    const excluded = expectData(
      await run(kit.UpdateSmsPolicyDocument, admin.request(kit.UpdateSmsPolicyDocument, { input: { excludeTargets: [{ id: people.kim.id, targetType: 'user' }] } })),
    ).updateSmsAuthenticationMethodConfiguration
    expect(excluded).toEqual({ ...policy, excludeTargets: [{ id: people.kim.id, targetType: 'user' }] })
    const kims = expectData(await outcomeOf(admin.request(kit.UserPhonesDocument, { userId: people.kim.id }))).user!.phoneMethods
    expect(kims.map((phone) => phone.smsSignInState)).toEqual(['notAllowedByPolicy'])
    expectData(await run(kit.UpdateSmsPolicyDocument, admin.request(kit.UpdateSmsPolicyDocument, { input: { excludeTargets: [] } })))
  })

  it('DeletePhoneMethod answers the deleted phone’s ids and the owner’s remaining phones', async () => {
    const added = expectData(await outcomeOf(admin.request(kit.AddPhoneMethodDocument, { input: { userId: people.ana.id, phoneType: 'mobile', phoneNumber: '+1 2065550144' } })))
    const deleted = expectData(await run(kit.DeletePhoneMethodDocument, admin.request(kit.DeletePhoneMethodDocument, { input: { userId: people.ana.id, methodId: METHOD.mobile } })))
    expect(deleted.deletePhoneMethod).toEqual({ id: added.addPhoneMethod.id, methodId: METHOD.mobile, user: { id: people.ana.id, phoneMethods: [] } })
  })

  it('UpdateSignInPreferences and SignInPreferences set and read the default method; ResetSmsPolicy resets the policy', async () => {
    expectData(await run(kit.UpdateSmsPolicyDocument, admin.request(kit.UpdateSmsPolicyDocument, { input: { state: 'disabled' } })))
    const reset = expectData(await run(kit.ResetSmsPolicyDocument, admin.request(kit.ResetSmsPolicyDocument))).resetSmsAuthenticationMethodConfiguration
    expect(reset).toMatchObject({ state: 'enabled', excludeTargets: [] })
    const input = { userId: people.kim.id, userPreferredMethodForSecondaryAuthentication: 'voiceMobile' as const }
    const updated = expectData(await run(kit.UpdateSignInPreferencesDocument, admin.request(kit.UpdateSignInPreferencesDocument, { input })))
    expect(updated.updateSignInPreferences).toEqual({ userPreferredMethodForSecondaryAuthentication: 'voiceMobile', isSystemPreferredAuthenticationMethodEnabled: true })
    const read = expectData(await run(kit.SignInPreferencesDocument, admin.request(kit.SignInPreferencesDocument, { userId: people.kim.id })))
    expect(read.user!.signInPreferences).toEqual(updated.updateSignInPreferences)
    await admin.request(kit.UpdateSignInPreferencesDocument, { input: { ...input, userPreferredMethodForSecondaryAuthentication: null } })
  })

  it('AuditEvents and UserAuditEvents page through the audit log, newest first, with masked numbers', async () => {
    const page = expectData(await run(kit.AuditEventsDocument, admin.request(kit.AuditEventsDocument, { first: 2 }))).auditEvents
    expect(page.edges).toHaveLength(2)
    expect(page.pageInfo.hasNextPage).toBe(true)
    const next = expectData(await run(kit.AuditEventsDocument, admin.request(kit.AuditEventsDocument, { first: 2, after: page.pageInfo.endCursor }))).auditEvents
    expect(next.edges[0]!.node.activityDateTime <= page.edges[1]!.node.activityDateTime).toBe(true)
    const kims = expectData(await run(kit.UserAuditEventsDocument, admin.request(kit.UserAuditEventsDocument, { userId: people.kim.id, first: 50 }))).user!.auditEvents!
    const added = kims.edges.map((edge) => edge.node).find((event) => event.activityDisplayName === 'Admin registered security info')
    expect(added).toMatchObject({ targetUserPrincipalName: people.kim.userPrincipalName, phoneType: 'mobile', newPhoneNumber: '+1 XXXXXXXX00' })
  })

  it('ran every operation of client/operations', () => {
    expect([...ran].sort()).toEqual([...kitOperations].sort())
  })
})

/** A request a client's code can send that the gateway refuses. */
interface Provocation {
  query: string
  variables?: Record<string, unknown>
  token?: (gateway: SeededGateway) => string
  /** A body that is not a GraphQL request at all (no client library sends one). */
  rawBody?: string
}

const addPhone = (userId: string, phoneType: string, phoneNumber: string): Provocation => ({
  query: print(kit.AddPhoneMethodDocument),
  variables: { input: { userId, phoneType, phoneNumber } },
})
const onPhone = (document: DocumentNode, userId: string, methodId: string): Provocation => ({ query: print(document), variables: { input: { userId, methodId } } })

const refusals: [ErrorCode, Provocation][] = [
  ['UNAUTHENTICATED', { query: print(kit.UserPhonesDocument), variables: { userId: people.kim.id }, token: () => 'not-a-token' }],
  ['FORBIDDEN', { ...addPhone(people.kim.id, 'office', '+1 4255550100'), token: (gateway) => gateway.kimToken }],
  ['NOT_FOUND', { query: print(kit.UpdatePhoneMethodDocument), variables: { input: { userId: people.kim.id, methodId: METHOD.office, phoneNumber: '+1 4255550100' } } }],
  ['BAD_USER_INPUT', addPhone(people.kim.id, 'office', '5555551234')],
  ['PHONE_TYPE_ALREADY_EXISTS', addPhone(people.bo.id, 'mobile', '+1 2065550170')],
  ['MOBILE_REQUIRED', addPhone(people.ana.id, 'alternateMobile', '+1 2065550171')],
  ['ALTERNATE_MOBILE_EXISTS', onPhone(kit.DeletePhoneMethodDocument, people.bo.id, METHOD.mobile)],
  ['SMS_SIGN_IN_NOT_SUPPORTED', onPhone(kit.EnableSmsSignInDocument, people.bo.id, METHOD.alternateMobile)],
  ['SMS_SIGN_IN_NOT_ALLOWED', onPhone(kit.EnableSmsSignInDocument, people.kim.id, METHOD.mobile)],
  ['PHONE_NUMBER_NOT_UNIQUE', onPhone(kit.EnableSmsSignInDocument, people.lee.id, METHOD.mobile)],
  ['DEFAULT_METHOD_CANNOT_BE_DELETED', onPhone(kit.DeletePhoneMethodDocument, people.lee.id, METHOD.mobile)],
  ['GRAPHQL_PARSE_FAILED', { query: 'query UserPhones($userId: String!) { user(id: $userId) { id }' }],
  ['GRAPHQL_VALIDATION_FAILED', { query: 'query UserPhones($userId: String!) { user(id: $userId) { phoneNumbers } }', variables: { userId: people.kim.id } }],
  ['BAD_REQUEST', { query: '', rawBody: '{"query": ' }],
]

describe("the gateway's refusals, as the kit's clients and the mock recipe's fixtures see them", () => {
  beforeAll(async () => {
    // Bo holds +1 2065550160 for SMS sign-in and has an alternateMobile; Lee's mobile has the same number
    // (saved, not registered) and is his default sign-in method; Kim's mobile (from above) is excluded by the policy.
    await admin.request(kit.AddPhoneMethodDocument, { input: { userId: people.bo.id, phoneType: 'mobile', phoneNumber: '+1 2065550160' } })
    await admin.request(kit.AddPhoneMethodDocument, { input: { userId: people.bo.id, phoneType: 'alternateMobile', phoneNumber: '+1 2065550161' } })
    await admin.request(kit.AddPhoneMethodDocument, { input: { userId: people.lee.id, phoneType: 'mobile', phoneNumber: '+1 2065550160' } })
    await admin.request(
      'mutation ($userId: String!) { updateSignInPreferences(input: { userId: $userId, userPreferredMethodForSecondaryAuthentication: voiceMobile }) { userPreferredMethodForSecondaryAuthentication } }',
      { userId: people.lee.id },
    )
    await admin.request(kit.DisableSmsSignInDocument, { input: { userId: people.kim.id, methodId: METHOD.mobile } })
    await admin.request(kit.UpdateSmsPolicyDocument, { input: { excludeTargets: [{ id: people.kim.id, targetType: 'user' }] } })
  })

  it.each(refusals)('%s', async (code, provocation) => {
    const token = provocation.token?.(gateway) ?? gateway.adminToken
    const fixture = ERROR_FIXTURES[code]
    if (!provocation.rawBody) {
      const outcome = await outcomeOf(createGatewayClient(gateway.url, token).rawRequest(provocation.query, provocation.variables))
      expect(outcome).toMatchObject({ ok: false, code, field: fixture.error.extensions?.field })
    }

    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      // What the kit's three clients accept: with it, request errors are HTTP 400 (GraphQL over HTTP).
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${token}` },
      body: provocation.rawBody ?? JSON.stringify({ query: provocation.query, variables: provocation.variables }),
    })
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] }
    expect(errorCodeOf(body)).toBe(code)
    expect(response.status, 'the fixture has the real status').toBe(fixture.status)
    expect(response.headers.get('content-type'), 'the mock answers with the real media type').toMatch(/^application\/graphql-response\+json/)
    expect('data' in body, 'a request error has no data, a refused operation has data: null').toBe(fixture.status === 200)
    expect(body.errors[0]!.extensions, 'the fixture has the real extensions').toEqual(fixture.error.extensions)
    expect(body.errors[0]!.message, "the fixture's message is the gateway's").toBe(fixture.error.message)
  })
})

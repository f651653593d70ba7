// What a form needs from a refusal (issue 22): each rule error names the
// input it is about in extensions.field, every message is a sentence a
// screen can show as it is (never starting with a field path), and a field
// that needs a permission of its own fails alone: a caller who may read a
// user but not their audit events still gets the user.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DirectoryRole } from '../../src/domain/principal.ts'
import { startGateway, type GraphQLResponse, type TestGateway } from '../support/harness/gateway.ts'
import { people, personaTokens, scopes, tokenFor } from '../support/personas/tenants.ts'

const MOBILE = '3179e48a-750b-4051-897c-87b9720928f7'
const ALTERNATE = 'b6332ec1-7057-4abe-9331-3d72feddfe41'
const OFFICE = 'e37fc753-ff3b-4958-9484-eaa9425c82bc'
const KIM = people.kim.id
const LEE = people.lee.id

const ADD = 'mutation ($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { id } }'
const DELETE = 'mutation ($input: PhoneMethodRefInput!) { deletePhoneMethod(input: $input) { id } }'
const ENABLE = 'mutation ($input: PhoneMethodRefInput!) { enableSmsSignIn(input: $input) { id } }'
const UPDATE = 'mutation ($input: UpdatePhoneMethodInput!) { updatePhoneMethod(input: $input) { id } }'
const PREFERENCES = 'mutation ($input: UpdateSignInPreferencesInput!) { updateSignInPreferences(input: $input) { userPreferredMethodForSecondaryAuthentication } }'

let gateway: TestGateway
let tokens: Awaited<ReturnType<typeof personaTokens>>

beforeAll(async () => {
  ;[gateway, tokens] = await Promise.all([startGateway('sqlite'), personaTokens()])
  // Kim: a mobile, an alternate mobile and an office phone; Lee: an office phone, which is his default method.
  for (const [userId, phoneType, phoneNumber] of [
    [KIM, 'mobile', '+1 2065550100'],
    [KIM, 'alternateMobile', '+1 2065550101'],
    [KIM, 'office', '+1 4255550100'],
    [LEE, 'office', '+1 4255550111'],
  ] as const) {
    expect((await gateway.graphql(tokens.app, ADD, { input: { userId, phoneType, phoneNumber } })).errors).toBeUndefined()
  }
  await gateway.graphql(tokens.app, PREFERENCES, { input: { userId: LEE, userPreferredMethodForSecondaryAuthentication: 'voiceOffice' } })
})
afterAll(() => gateway?.close())

/** The one error of a refused request: its code, field and message. */
function refusal(response: GraphQLResponse) {
  expect(response.errors).toHaveLength(1)
  const [error] = response.errors!
  return { code: error!.extensions?.code, field: (error!.extensions as { field?: string }).field, message: error!.message }
}

/** A sentence for people: capitalised, ends with a full stop, and names no field by its path. */
function expectSentence(message: string) {
  expect(message).toMatch(/^[A-Z].*\.$/s)
  expect(message).not.toMatch(/^[\w.]+: /)
  expect(message).not.toMatch(/\ba (?:[aeiou]|office)/i)
}

describe('rule errors name the input they are about', () => {
  it.each([
    ['PHONE_TYPE_ALREADY_EXISTS', 'input.phoneType', ADD, { userId: KIM, phoneType: 'office', phoneNumber: '+1 4255550199' }],
    ['MOBILE_REQUIRED', 'input.phoneType', ADD, { userId: LEE, phoneType: 'alternateMobile', phoneNumber: '+1 2065550199' }],
    ['ALTERNATE_MOBILE_EXISTS', 'input.methodId', DELETE, { userId: KIM, methodId: MOBILE }],
    ['DEFAULT_METHOD_CANNOT_BE_DELETED', 'input.methodId', DELETE, { userId: LEE, methodId: OFFICE }],
    ['SMS_SIGN_IN_NOT_SUPPORTED', 'input.methodId', ENABLE, { userId: KIM, methodId: ALTERNATE }],
    ['NOT_FOUND', 'input.methodId', DELETE, { userId: LEE, methodId: MOBILE }],
    ['NOT_FOUND', 'input.methodId', UPDATE, { userId: LEE, methodId: 'not-a-method', phoneNumber: '+1 2065550199' }],
    ['NOT_FOUND', 'input.userId', DELETE, { userId: 'nobody@contoso.com', methodId: MOBILE }],
    ['NOT_FOUND', 'input.userId', ADD, { userId: 'c0ffee00-0000-4000-8000-000000000000', phoneType: 'mobile', phoneNumber: '+1 2065550199' }],
  ])('%s → %s', async (code, field, mutation, input) => {
    const error = refusal(await gateway.graphql(tokens.app, mutation, { input }))
    expect(error).toMatchObject({ code, field })
    expectSentence(error.message)
  })

  it('"an office phone", not "a office phone"', async () => {
    const { message } = refusal(await gateway.graphql(tokens.app, ADD, { input: { userId: KIM, phoneType: 'office', phoneNumber: '+1 4255550199' } }))
    expect(message).toBe('The user already has an office phone. Update or delete it instead.')
  })

  it('BAD_USER_INPUT messages are sentences, whatever the bad number, with the path in extensions.field only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (phoneNumber) => {
        const response = await gateway.graphql(tokens.app, ADD, { input: { userId: KIM, phoneType: 'office', phoneNumber } })
        const error = refusal(response)
        // A possible number passes the edge and meets the rule of one phone per type instead.
        if (error.code === 'PHONE_TYPE_ALREADY_EXISTS') return
        expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.phoneNumber' })
        expect(error.message).toMatch(/^Phone number must be "\+<country code> <number>"/)
        expectSentence(error.message)
      }),
      { numRuns: 40 },
    )
  })

  it('a refused default method is a sentence naming the phone it needs', async () => {
    const error = refusal(await gateway.graphql(tokens.app, PREFERENCES, { input: { userId: LEE, userPreferredMethodForSecondaryAuthentication: 'sms' } }))
    expect(error).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.userPreferredMethodForSecondaryAuthentication',
      message: 'The default method sms needs a mobile phone, and the user has none.',
    })
  })
})

describe('User.auditEvents needs its own permission and fails alone', () => {
  const USER = `query ($id: String!) { user(id: $id) { id phoneMethods { phoneType } auditEvents(first: 5) { edges { node { activityDisplayName } } } } }`

  it('a Global Reader without AuditLog.Read.All gets the user and their phones, auditEvents null, one FORBIDDEN at that path', async () => {
    const response = await gateway.graphql(tokens.reader, USER, { id: KIM })
    expect(response.data).toEqual({ user: { id: KIM, phoneMethods: [{ phoneType: 'mobile' }, { phoneType: 'alternateMobile' }, { phoneType: 'office' }], auditEvents: null } })
    expect(response.errors).toHaveLength(1)
    expect(response.errors![0]).toMatchObject({ path: ['user', 'auditEvents'], extensions: { code: 'FORBIDDEN' } })
  })

  it('the same reader with AuditLog.Read.All gets the events', async () => {
    const response = await gateway.graphql(tokens.auditor, USER, { id: KIM })
    expect(response.errors).toBeUndefined()
    expect(response.data!.user.auditEvents.edges.length).toBeGreaterThan(0)
  })

  it("the development token's roles (Privileged Authentication Administrator, Reports Reader, Global Reader) see full numbers", async () => {
    const token = await tokenFor({
      sub: people.admin.id,
      scp: `${scopes.writeAll} ${scopes.policyWrite} ${scopes.auditLogRead}`,
      wids: [DirectoryRole.privilegedAuthenticationAdministrator, DirectoryRole.reportsReader, DirectoryRole.globalReader],
    })
    const response = await gateway.graphql(token, `query ($id: String!) { user(id: $id) { phoneMethods { phoneNumber isPhoneNumberMasked } auditEvents(first: 1) { edges { node { id } } } } }`, { id: LEE })
    expect(response.errors).toBeUndefined()
    expect(response.data!.user.phoneMethods).toEqual([{ phoneNumber: '+1 4255550111', isPhoneNumberMasked: false }])
  })
})

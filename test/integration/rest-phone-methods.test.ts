// docs/rest.md, driven by Microsoft's own Graph JavaScript client over real
// HTTP: the seed's request as written, every route's status and Graph JSON,
// every rule's error in Graph's shape, the request-body and query-option
// rules, and GraphQL and REST reading what the other wrote.
import { GraphError, ResponseType, type Client } from '@microsoft/microsoft-graph-client'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { resetPhonesAndPolicy, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { failureOf, serveOverHttp, type ServedGateway } from '../support/harness/graph-client.ts'
import { people, personaTokens } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const MOBILE = '3179e48a-750b-4051-897c-87b9720928f7'
const ALTERNATE = 'b6332ec1-7057-4abe-9331-3d72feddfe41'
const OFFICE = 'e37fc753-ff3b-4958-9484-eaa9425c82bc'
const KIM = '/users/kim@contoso.com/authentication/phoneMethods'
const LEE = `/users/${people.lee.id}/authentication/phoneMethods`
const SMS_POLICY = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/sms'


/** Graph's error code for each status, as Graph's SDKs surface it (`itemNotFound` for a missing item; a missing user is `Request_ResourceNotFound`). */
const GRAPH_CODE: Record<number, string> = {
  400: 'invalidRequest',
  401: 'InvalidAuthenticationToken',
  403: 'accessDenied',
  404: 'itemNotFound',
  405: 'invalidRequest',
  409: 'invalidRequest',
  413: 'invalidRequest',
  415: 'invalidRequest',
}

/**
 * Asserts Graph's error shape: status, Graph's code for it (or `graphCode`),
 * the gateway's precise code in innerError, a message, innerError's request
 * id (the response's) and date.
 */
async function expectGraphError(call: Promise<unknown>, status: number, code: string, message?: RegExp, graphCode = GRAPH_CODE[status]): Promise<GraphError> {
  const error = await failureOf(call)
  const body = JSON.parse(error.body) as { innerError: Record<string, string> }
  expect({ status: error.statusCode, code: error.code, innerCode: body.innerError.code }, error.message).toEqual({ status, code: graphCode, innerCode: code })
  expect(error.message.length).toBeGreaterThan(0)
  if (message) expect(error.message).toMatch(message)
  expect(Object.keys(body).sort()).toEqual(['code', 'innerError', 'message'])
  expect(body.innerError['request-id']).toBe(error.headers?.get('request-id'))
  expect(Number.isNaN(Date.parse(body.innerError.date!))).toBe(false)
  return error
}

describeOnEachDatabase('Graph-compatible REST phone methods on %s', (provider) => {
  let gateway: TestGateway
  let served: ServedGateway
  let admin: Client
  let adminV1: Client
  let policyAdmin: Client
  let adminToken: string

  beforeAll(async () => {
    gateway = await startGateway(provider)
    served = await serveOverHttp(gateway.yoga)
    const tokens = await personaTokens()
    adminToken = tokens.admin
    admin = served.client(tokens.admin)
    adminV1 = served.client(tokens.admin, 'v1.0')
    policyAdmin = served.client(tokens.policyAdmin)
  })
  afterAll(async () => {
    await served?.close()
    await gateway?.close()
  })
  beforeEach(async () => {
    await resetPhonesAndPolicy(gateway)
  })

  /** What GraphQL reads of a user's phones. */
  const phonesViaGraphQL = async (userId: string) => {
    const response = await gateway.graphql(
      adminToken,
      'query ($id: String!) { user(id: $id) { phoneMethods { methodId phoneNumber phoneType smsSignInState } } }',
      { id: userId },
    )
    expect(response.errors).toBeUndefined()
    return response.data!.user.phoneMethods as Record<string, string>[]
  }
  const addViaGraphQL = async (userId: string, phoneNumber: string, phoneType: string) => {
    const response = await gateway.graphql(
      adminToken,
      'mutation ($i: AddPhoneMethodInput!) { addPhoneMethod(input: $i) { methodId } }',
      { i: { userId, phoneNumber, phoneType } },
    )
    expect(response.errors).toBeUndefined()
  }

  it('answers the seed’s request as written: 201, Location, Graph’s fixed id, ready', async () => {
    const response: Response = await admin
      .api('/users/kim@contoso.com/authentication/phoneMethods')
      .responseType(ResponseType.RAW)
      .post({ phoneNumber: '+1 2065555555', phoneType: 'mobile' })
    expect(response.status).toBe(201)
    expect(response.statusText).toBe('Created')
    expect(response.headers.get('content-type')).toMatch(/^application\/json;odata\.metadata=minimal/)
    expect(response.headers.get('location')).toBe(`${served.origin}/beta/users/${people.kim.id}/authentication/phoneMethods/${MOBILE}`)
    const { '@odata.context': context, ...phone } = await response.json()
    expect(phone).toEqual({ id: MOBILE, phoneNumber: '+1 2065555555', phoneType: 'mobile', smsSignInState: 'ready' })
    expect(context).toBe(`${served.origin}/beta/$metadata#users('${people.kim.id}')/authentication/phoneMethods/$entity`)
    // The Location is where the phone is.
    const location = new URL(response.headers.get('location')!).pathname.replace(/^\/beta/, '')
    expect(await admin.api(location).get()).toMatchObject({ id: MOBILE, phoneNumber: '+1 2065555555' })
    // And GraphQL reads what REST wrote.
    expect(await phonesViaGraphQL('kim@contoso.com')).toEqual([
      { methodId: MOBILE, phoneNumber: '+1 2065555555', phoneType: 'mobile', smsSignInState: 'ready' },
    ])
  })

  it('lists a user’s phones in Graph’s order with @odata.context, under /v1.0 and /beta, by id or userPrincipalName', async () => {
    await addViaGraphQL('kim@contoso.com', '+1 4255550100', 'office')
    await addViaGraphQL('kim@contoso.com', '+1 2065550101', 'mobile')
    await addViaGraphQL('kim@contoso.com', '+44 2071234567', 'alternateMobile')
    const expected = [
      { id: MOBILE, phoneNumber: '+1 2065550101', phoneType: 'mobile', smsSignInState: 'ready' },
      { id: ALTERNATE, phoneNumber: '+44 2071234567', phoneType: 'alternateMobile', smsSignInState: 'notSupported' },
      { id: OFFICE, phoneNumber: '+1 4255550100', phoneType: 'office', smsSignInState: 'notSupported' },
    ]
    expect(await admin.api(KIM).get()).toEqual({
      '@odata.context': `${served.origin}/beta/$metadata#users('${people.kim.id}')/authentication/phoneMethods`,
      value: expected,
    })
    const byId = await adminV1.api(`/users/${people.kim.id}/authentication/phoneMethods`).get()
    expect(byId['@odata.context']).toBe(`${served.origin}/v1.0/$metadata#users('${people.kim.id}')/authentication/phoneMethods`)
    expect(byId.value).toEqual(expected)
    // A percent-encoded userPrincipalName, in any case, names the same user.
    expect((await admin.api('/users/KIM%40Contoso.com/authentication/phoneMethods').get()).value).toEqual(expected)
    expect(await admin.api(`${KIM}/${OFFICE}`).get()).toMatchObject(expected[2]!)
    expect((await admin.api(LEE).get()).value).toEqual([])
  })

  it('updates (204), deletes (204), enables and disables SMS sign-in (204), and GraphQL reads each change', async () => {
    await addViaGraphQL('kim@contoso.com', '+1 2065550101', 'mobile')
    await addViaGraphQL('kim@contoso.com', '+1 4255550100', 'office')

    const raw = (client: Client, path: string) => client.api(path).responseType(ResponseType.RAW)
    expect((await raw(admin, `${KIM}/${MOBILE}/disableSmsSignIn`).post({})).status).toBe(204)
    expect((await phonesViaGraphQL('kim@contoso.com'))[0]!.smsSignInState).toBe('notEnabled')
    expect((await raw(admin, `${KIM}/${MOBILE}/enableSmsSignIn`).post(undefined)).status).toBe(204)
    expect((await phonesViaGraphQL('kim@contoso.com'))[0]!.smsSignInState).toBe('ready')

    // Graph's own update body: phoneNumber and phoneType (unchanged).
    const updated = await raw(adminV1, `${KIM}/${MOBILE}`).patch({ phoneNumber: '+1 2065550199', phoneType: 'mobile' })
    expect(updated.status).toBe(204)
    expect(await updated.text()).toBe('')
    expect((await phonesViaGraphQL('kim@contoso.com'))[0]).toMatchObject({ phoneNumber: '+1 2065550199', smsSignInState: 'ready' })
    // A GET answer sent back as it is (id, read-only state aside) with annotations is accepted too.
    const office = await admin.api(`${KIM}/${OFFICE}`).get()
    expect(
      (await raw(admin, `${KIM}/${OFFICE}`).patch({ '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: office.id, phoneType: office.phoneType, phoneNumber: '+1 4255550111' })).status,
    ).toBe(204)
    expect((await phonesViaGraphQL('kim@contoso.com'))[1]).toMatchObject({ methodId: OFFICE, phoneNumber: '+1 4255550111' })

    expect((await raw(admin, `${KIM}/${OFFICE}`).delete()).status).toBe(204)
    expect((await phonesViaGraphQL('kim@contoso.com')).map((phone) => phone.methodId)).toEqual([MOBILE])
    await expectGraphError(admin.api(`${KIM}/${OFFICE}`).get(), 404, 'NOT_FOUND')
  })

  it('REST reads what GraphQL wrote', async () => {
    await addViaGraphQL(people.lee.id, '+1 2065550142', 'mobile')
    expect(await admin.api(`${LEE}/${MOBILE}`).get()).toMatchObject({ id: MOBILE, phoneNumber: '+1 2065550142', smsSignInState: 'ready' })
    const disabled = await gateway.graphql(
      adminToken,
      `mutation { disableSmsSignIn(input: { userId: "lee@contoso.com", methodId: "${MOBILE}" }) { smsSignInState } }`,
    )
    expect(disabled.errors).toBeUndefined()
    expect((await admin.api(LEE).get()).value[0].smsSignInState).toBe('notEnabled')
  })

  describe('every rule’s refusal, in Graph’s error shape, changing nothing', () => {
    /** Runs a refused call and checks that no phone of the tenant changed. */
    async function refused(call: () => Promise<unknown>, status: number, code: string, message?: RegExp, graphCode?: string) {
      const before = [await phonesViaGraphQL('kim@contoso.com'), await phonesViaGraphQL('lee@contoso.com')]
      await expectGraphError(call(), status, code, message, graphCode)
      expect([await phonesViaGraphQL('kim@contoso.com'), await phonesViaGraphQL('lee@contoso.com')]).toEqual(before)
    }

    it('409 PHONE_TYPE_ALREADY_EXISTS, 400 MOBILE_REQUIRED, 409 ALTERNATE_MOBILE_EXISTS', async () => {
      await addViaGraphQL('kim@contoso.com', '+1 2065550101', 'mobile')
      await addViaGraphQL('kim@contoso.com', '+1 2065550102', 'alternateMobile')
      await refused(() => admin.api(KIM).post({ phoneNumber: '+1 2065550103', phoneType: 'mobile' }), 409, 'PHONE_TYPE_ALREADY_EXISTS')
      await refused(() => admin.api(LEE).post({ phoneNumber: '+1 2065550104', phoneType: 'alternateMobile' }), 400, 'MOBILE_REQUIRED')
      await refused(() => admin.api(`${KIM}/${MOBILE}`).delete(), 409, 'ALTERNATE_MOBILE_EXISTS')
    })

    it('400 SMS_SIGN_IN_NOT_SUPPORTED, 400 SMS_SIGN_IN_NOT_ALLOWED, 409 PHONE_NUMBER_NOT_UNIQUE', async () => {
      await addViaGraphQL('kim@contoso.com', '+1 2065550101', 'mobile')
      await addViaGraphQL('kim@contoso.com', '+1 4255550100', 'office')
      await refused(() => admin.api(`${KIM}/${OFFICE}/enableSmsSignIn`).post({}), 400, 'SMS_SIGN_IN_NOT_SUPPORTED')
      // Lee's mobile has kim's number: saved, but it cannot hold it for SMS sign-in.
      const lee = await admin.api(LEE).post({ phoneNumber: '+1 2065550101', phoneType: 'mobile' })
      expect(lee.smsSignInState).toBe('phoneNumberNotUnique')
      await refused(() => admin.api(`${LEE}/${MOBILE}/enableSmsSignIn`).post({}), 409, 'PHONE_NUMBER_NOT_UNIQUE')
      await policyAdmin.api(SMS_POLICY).patch({ '@odata.type': '#microsoft.graph.smsAuthenticationMethodConfiguration', state: 'disabled' })
      await refused(() => admin.api(`${LEE}/${MOBILE}/enableSmsSignIn`).post({}), 400, 'SMS_SIGN_IN_NOT_ALLOWED')
    })

    it('404 NOT_FOUND for an unknown user or phone', async () => {
      await refused(() => admin.api('/users/nobody@contoso.com/authentication/phoneMethods').get(), 404, 'NOT_FOUND', undefined, 'Request_ResourceNotFound')
      await refused(
        () => admin.api('/users/nobody@contoso.com/authentication/phoneMethods').post({ phoneNumber: '+1 2065550101', phoneType: 'mobile' }),
        404,
        'NOT_FOUND',
        undefined,
        'Request_ResourceNotFound',
      )
      await refused(() => admin.api(`${KIM}/${MOBILE}`).get(), 404, 'NOT_FOUND')
      await refused(() => admin.api(`${KIM}/not-a-method-id`).patch({ phoneNumber: '+1 2065550101' }), 404, 'NOT_FOUND')
      await refused(() => admin.api(`${KIM}/${MOBILE}/enableSmsSignIn`).post({}), 404, 'NOT_FOUND')
    })

    it('400 BAD_USER_INPUT, stating the format, for every number docs/rules.md, rule 5 rejects', async () => {
      for (const phoneNumber of ['5555551234', '+1-555-555-1234', '+1 555 555 1234', '+1 5555551234x', '+1 123', '+999 5555551234', '+1 555555123４', `+1 ${'5'.repeat(70)}`]) {
        await refused(() => admin.api(KIM).post({ phoneNumber, phoneType: 'mobile' }), 400, 'BAD_USER_INPUT', /^Phone number must be .*\+<country code> <number>/)
      }
      await addViaGraphQL('kim@contoso.com', '+1 2065550101', 'mobile')
      await refused(() => admin.api(`${KIM}/${MOBILE}`).patch({ phoneNumber: '+1 123' }), 400, 'BAD_USER_INPUT', /^Phone number /)
      await refused(() => admin.api(KIM).post({ phoneNumber: '+1 2065550102', phoneType: 'pager' }), 400, 'BAD_USER_INPUT', /^Phone type must be one of/)
      await refused(() => admin.api(KIM).post({ phoneType: 'office' }), 400, 'BAD_USER_INPUT', /^phoneNumber is required$/)
    })

    it('request bodies: @odata.* ignored, the resource’s own id and phoneType accepted, other values BAD_USER_INPUT, smsSignInState read-only, unknown properties BAD_REQUEST', async () => {
      const created = await admin.api(KIM).post({
        '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
        id: MOBILE,
        phoneNumber: '+1 2065550101',
        phoneType: 'mobile',
      })
      expect(created).toMatchObject({ id: MOBILE, smsSignInState: 'ready' })
      await refused(() => admin.api(KIM).post({ id: MOBILE, phoneNumber: '+1 4255550100', phoneType: 'office' }), 400, 'BAD_USER_INPUT', /^id: /)
      await refused(() => admin.api(KIM).post({ phoneNumber: '+1 4255550100', phoneType: 'office', smsSignInState: 'ready' }), 400, 'BAD_USER_INPUT', /smsSignInState/)
      await refused(() => admin.api(KIM).post({ phoneNumber: '+1 4255550100', phoneType: 'office', isDefault: true }), 400, 'BAD_REQUEST', /isDefault/)
      await refused(() => admin.api(`${KIM}/${MOBILE}`).patch({ phoneNumber: '+1 2065550109', phoneType: 'office' }), 400, 'BAD_USER_INPUT', /^phoneType: /)
      await refused(() => admin.api(`${KIM}/${MOBILE}`).patch({ phoneNumber: '+1 2065550109', id: OFFICE }), 400, 'BAD_USER_INPUT', /^id: /)
      await refused(() => admin.api(`${KIM}/${MOBILE}`).patch({ phoneNumber: '+1 2065550109', smsSignInState: 'ready' }), 400, 'BAD_USER_INPUT', /smsSignInState/)
      await refused(() => admin.api(`${KIM}/${MOBILE}/disableSmsSignIn`).post({ reason: 'x' }), 400, 'BAD_REQUEST', /reason/)
    })

    it('malformed requests: OData query options, method, media type, JSON, size', async () => {
      await addViaGraphQL('kim@contoso.com', '+1 2065550101', 'mobile')
      await refused(() => admin.api(KIM).filter("phoneType eq 'mobile'").get(), 400, 'BAD_REQUEST', /\$filter/)
      await refused(() => admin.api(`${KIM}/${MOBILE}`).expand('x').get(), 400, 'BAD_REQUEST', /\$expand/)
      const put = await expectGraphError(admin.api(`${KIM}/${MOBILE}`).put({ phoneNumber: '+1 2065550102' }), 405, 'BAD_REQUEST')
      expect(put.headers?.get('allow')).toBe('GET, PATCH, DELETE')
      await refused(() => admin.api(KIM).header('Content-Type', 'text/plain').post('phoneNumber=+1 2065550102'), 415, 'BAD_REQUEST')
      await refused(() => admin.api(KIM).header('Content-Type', 'application/json').post('{"phoneNumber": '), 400, 'BAD_REQUEST', /JSON/)
      await refused(() => admin.api(KIM).post([{ phoneNumber: '+1 2065550102', phoneType: 'office' }]), 400, 'BAD_REQUEST')
      await refused(() => admin.api(KIM).post({ phoneNumber: '+1 2065550102', phoneType: 'office', padding: 'x'.repeat(1_100_000) }), 413, 'BAD_REQUEST')
      await refused(() => admin.api('/users/kim@contoso.com/authentication/fido2Methods').get(), 404, 'NOT_FOUND')
    })
  })

  it('401 UNAUTHENTICATED with WWW-Authenticate: Bearer for a missing or bad token', async () => {
    const error = await expectGraphError(served.client('not-a-jwt').api(KIM).get(), 401, 'UNAUTHENTICATED')
    expect(error.headers?.get('www-authenticate')).toBe('Bearer')
    const bare = await fetch(`${served.origin}/v1.0${KIM}`)
    expect(bare.status).toBe(401)
    expect((await bare.json()).error).toMatchObject({ code: 'InvalidAuthenticationToken', innerError: { code: 'UNAUTHENTICATED' } })
  })

  it('the SMS policy at Graph’s path: GET with @odata.type, PATCH with Graph’s documented body (204), and GraphQL agrees both ways', async () => {
    expect(await policyAdmin.api(SMS_POLICY).get()).toEqual({
      '@odata.context': `${served.origin}/beta/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity`,
      '@odata.type': '#microsoft.graph.smsAuthenticationMethodConfiguration',
      id: 'Sms',
      state: 'enabled',
      includeTargets: [{ targetType: 'group', id: 'all_users', isRegistrationRequired: false, isUsableForSignIn: true }],
      excludeTargets: [],
    })
    const patched: Response = await policyAdmin
      .api(SMS_POLICY)
      .responseType(ResponseType.RAW)
      .patch({
        '@odata.type': '#microsoft.graph.smsAuthenticationMethodConfiguration',
        id: 'Sms',
        includeTargets: [
          { '@odata.type': '#microsoft.graph.smsAuthenticationMethodTarget', targetType: 'group', id: 'all_users', isRegistrationRequired: false, isUsableForSignIn: false },
        ],
        excludeTargets: [{ targetType: 'user', id: people.lee.id }],
      })
    expect(patched.status).toBe(204)
    const read = await gateway.graphql(
      (await personaTokens()).policyAdmin,
      '{ smsAuthenticationMethodConfiguration { state includeTargets { id isUsableForSignIn } excludeTargets { id } } }',
    )
    expect(read.data?.smsAuthenticationMethodConfiguration).toEqual({
      state: 'enabled',
      includeTargets: [{ id: 'all_users', isUsableForSignIn: false }],
      excludeTargets: [{ id: people.lee.id }],
    })
    const written = await gateway.graphql(
      (await personaTokens()).policyAdmin,
      'mutation { updateSmsAuthenticationMethodConfiguration(input: { state: disabled, excludeTargets: [] }) { state } }',
    )
    expect(written.errors).toBeUndefined()
    expect(await policyAdmin.api(SMS_POLICY).get()).toMatchObject({ state: 'disabled', excludeTargets: [] })

    const unchanged = await policyAdmin.api(SMS_POLICY).get()
    const refusals: [unknown, number, string, RegExp][] = [
      [{ state: 'paused' }, 400, 'BAD_USER_INPUT', /^State /],
      [{ excludeTargets: [{ targetType: 'user', id: 'no-such-user' }] }, 400, 'BAD_USER_INPUT', /no-such-user/],
      [{ includeTargets: [{ targetType: 'group', id: 'all_users', isUsableForSignIn: true, isRegistrationRequired: true }] }, 400, 'BAD_USER_INPUT', /isRegistrationRequired/],
      [{ id: 'Fido2' }, 400, 'BAD_USER_INPUT', /^id: /],
      [{ id: 'sms2' }, 400, 'BAD_USER_INPUT', /^id: /],
      [{ state: 'enabled', enforceAll: true }, 400, 'BAD_REQUEST', /enforceAll/],
      [{ excludeTargets: [{ targetType: 'user', id: people.lee.id, note: 'x' }] }, 400, 'BAD_REQUEST', /excludeTargets\.0\.note/],
    ]
    for (const [body, status, code, message] of refusals) {
      await expectGraphError(policyAdmin.api(SMS_POLICY).patch(body), status, code, message)
    }
    expect(await policyAdmin.api(SMS_POLICY).get()).toEqual(unchanged)
  })

  it('signInPreferences: GET 200 and PATCH 204 through /users and /me; a default needs its phone; the default’s phone cannot be deleted (409); the policy DELETE resets (204)', async () => {
    const PREFERENCES = '/users/kim@contoso.com/authentication/signInPreferences'
    expect(await adminV1.api(PREFERENCES).get()).toMatchObject({
      '@odata.type': '#microsoft.graph.signInPreferences',
      userPreferredMethodForSecondaryAuthentication: null,
      isSystemPreferredAuthenticationMethodEnabled: true,
    })
    await expectGraphError(admin.api(PREFERENCES).patch({ userPreferredMethodForSecondaryAuthentication: 'sms' }), 400, 'BAD_USER_INPUT')
    await expectGraphError(admin.api(PREFERENCES).patch({ userPreferredMethodForSecondaryAuthentication: 'push' }), 400, 'BAD_USER_INPUT')
    await expectGraphError(admin.api(PREFERENCES).patch({ isDefault: true }), 400, 'BAD_REQUEST', /isDefault/)
    await addViaGraphQL('kim@contoso.com', '+1 2065550101', 'mobile')
    const patched: Response = await admin
      .api(PREFERENCES)
      .responseType(ResponseType.RAW)
      .patch({ userPreferredMethodForSecondaryAuthentication: 'sms', isSystemPreferredAuthenticationMethodEnabled: false })
    expect(patched.status).toBe(204)
    const kim = served.client((await personaTokens()).kim)
    expect(await kim.api('/me/authentication/signInPreferences').get()).toMatchObject({
      userPreferredMethodForSecondaryAuthentication: 'sms',
      isSystemPreferredAuthenticationMethodEnabled: false,
    })
    await expectGraphError(admin.api(`${KIM}/${MOBILE}`).delete(), 409, 'DEFAULT_METHOD_CANNOT_BE_DELETED')
    expect((await phonesViaGraphQL('kim@contoso.com')).map((phone) => phone.methodId)).toEqual([MOBILE])

    await policyAdmin.api(SMS_POLICY).patch({ state: 'disabled', excludeTargets: [{ targetType: 'user', id: people.lee.id }] })
    const reset: Response = await policyAdmin.api(SMS_POLICY).responseType(ResponseType.RAW).delete()
    expect(reset.status).toBe(204)
    expect(await policyAdmin.api(SMS_POLICY).get()).toMatchObject({
      state: 'enabled',
      includeTargets: [{ targetType: 'group', id: 'all_users', isUsableForSignIn: true }],
      excludeTargets: [],
    })
    await expectGraphError(admin.api(SMS_POLICY).delete(), 403, 'FORBIDDEN')
  })
})

// Graph scripts and SDKs unchanged: each way an existing Graph tool talks
// to Graph — Graph's error codes and request ids, $select, the spellings real
// tools send, bodies as the SDKs write them, /me with an app-only token, the
// methods collection, the SMS policy's id — driven through both of
// Microsoft's SDKs (the classic @microsoft/microsoft-graph-client and the
// Kiota-based @microsoft/msgraph-sdk) and through raw HTTP.
import { GraphError, ResponseType } from '@microsoft/microsoft-graph-client'
import { HttpMethod, RequestInformation, type Parsable, type ParsableFactory } from '@microsoft/kiota-abstractions'
import {
  createPhoneAuthenticationMethodCollectionResponseFromDiscriminatorValue,
  createSmsAuthenticationMethodConfigurationFromDiscriminatorValue,
  serializeSmsAuthenticationMethodConfiguration,
  type PhoneAuthenticationMethod,
  type PhoneAuthenticationMethodCollectionResponse,
  type SmsAuthenticationMethodConfiguration,
} from '@microsoft/msgraph-sdk/models/index.js'
import { createODataErrorFromDiscriminatorValue, type ODataError } from '@microsoft/msgraph-sdk/models/oDataErrors/index.js'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { resetPhonesAndPolicy, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { serveOverHttp, type KiotaGraph, type ServedGateway } from '../support/harness/graph-client.ts'
import { people, personaTokens } from '../support/personas/tenants.ts'

const MOBILE = '3179e48a-750b-4051-897c-87b9720928f7'
const OFFICE = 'e37fc753-ff3b-4958-9484-eaa9425c82bc'
const KIM = `/users/${people.kim.id}/authentication/phoneMethods`
const SMS_POLICY = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/sms'
const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8'
const PHONE_TYPE = '#microsoft.graph.phoneAuthenticationMethod'
const ERRORS = { XXX: createODataErrorFromDiscriminatorValue }

/** What a call threw (it must throw). */
async function thrownBy(call: Promise<unknown>): Promise<unknown> {
  const outcome = await call.then(
    () => ({ threw: false as const }),
    (error: unknown) => ({ threw: true as const, error }),
  )
  expect(outcome.threw, 'the call should have failed').toBe(true)
  return outcome.threw ? outcome.error : undefined
}

/** The Kiota SDK's ODataError, as a script reads it: status, Graph's code, the precise code, request ids, date. */
async function kiotaFailure(call: Promise<unknown>) {
  const error = (await thrownBy(call)) as ODataError
  expect(Object.keys(error as object)).toContain('errorEscaped')
  const main = error.errorEscaped!
  return {
    status: error.responseStatusCode,
    code: main.code,
    innerCode: main.innerError?.additionalData?.code,
    message: main.message,
    requestId: main.innerError?.requestId,
    clientRequestId: main.innerError?.clientRequestId,
    date: main.innerError?.date,
    responseRequestId: [...(error.responseHeaders?.['request-id'] ?? [])][0],
  }
}

/** The classic client's GraphError, as a script reads it. */
async function classicFailure(call: Promise<unknown>) {
  const error = (await thrownBy(call)) as GraphError
  expect(error).toBeInstanceOf(GraphError)
  const body = JSON.parse(error.body) as { innerError: Record<string, string> }
  return {
    status: error.statusCode,
    code: error.code,
    innerCode: body.innerError.code,
    message: error.message,
    requestId: error.requestId,
    clientRequestId: body.innerError['client-request-id'],
    date: error.date,
    responseRequestId: error.headers?.get('request-id'),
  }
}

/** A Kiota request for a path the v1.0 SDK has no builder for (/me, beta's signInPreferences, the SMS policy). */
function kiotaRequest(method: HttpMethod, path: string) {
  const request = new RequestInformation(method, `{+baseurl}${path}`)
  request.headers.tryAdd('Accept', 'application/json')
  return request
}

const kiotaGet = <T extends Parsable>({ adapter }: KiotaGraph, path: string, factory: ParsableFactory<T>) =>
  adapter.send<T>(kiotaRequest(HttpMethod.GET, path), factory, ERRORS)

/** A request with a JSON body (or none) whose answer is 204, through Kiota's adapter and its error mapping. */
function kiotaSend({ adapter }: KiotaGraph, method: HttpMethod, path: string, body?: unknown) {
  const request = kiotaRequest(method, path)
  if (body !== undefined) request.setStreamContent(new TextEncoder().encode(JSON.stringify(body)).buffer as ArrayBuffer, 'application/json')
  return adapter.sendNoResponseContent(request, ERRORS)
}

/** signInPreferences is a beta resource: the v1.0 SDK has no model for it, so a small one reads it the Kiota way. */
interface SignInPreferences extends Parsable {
  userPreferredMethodForSecondaryAuthentication?: string
  isSystemPreferredAuthenticationMethodEnabled?: boolean
}
const createSignInPreferences: ParsableFactory<SignInPreferences> = () => (instance?: Parsable) => ({
  userPreferredMethodForSecondaryAuthentication: (node) => {
    ;(instance as SignInPreferences).userPreferredMethodForSecondaryAuthentication = node.getStringValue()
  },
  isSystemPreferredAuthenticationMethodEnabled: (node) => {
    ;(instance as SignInPreferences).isSystemPreferredAuthenticationMethodEnabled = node.getBooleanValue()
  },
})

describe('Graph’s SDKs and scripts, unchanged, against the gateway', () => {
  let gateway: TestGateway
  let served: ServedGateway
  let tokens: Awaited<ReturnType<typeof personaTokens>>
  let kiota: KiotaGraph

  beforeAll(async () => {
    gateway = await startGateway('sqlite')
    served = await serveOverHttp(gateway.yoga)
    tokens = await personaTokens()
    kiota = served.kiota(tokens.admin)
  })
  afterAll(async () => {
    await served?.close()
    await gateway?.close()
  })
  beforeEach(async () => {
    await resetPhonesAndPolicy(gateway)
    await served.client(tokens.admin).api(KIM).post({ phoneNumber: '+1 2065555555', phoneType: 'mobile' })
  })

  const raw = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const { token = tokens.admin, ...rest } = init
    const headers = new Headers(rest.headers)
    if (token) headers.set('authorization', `Bearer ${token}`)
    return fetch(`${served.origin}${path}`, { ...rest, headers })
  }
  const kimsMobile = () => kiota.graph.users.byUserId(people.kim.id).authentication.phoneMethods.byPhoneAuthenticationMethodId(MOBILE)

  describe('every route, through each SDK', () => {
    it('the Kiota-based SDK: phones (create, list, get, update, actions, delete), methods, signInPreferences, /me and the SMS policy', async () => {
      const phones = kiota.graph.users.byUserId('kim@contoso.com').authentication.phoneMethods
      const created = await phones.post({ phoneNumber: '+1 4255550100', phoneType: 'office' })
      expect([created?.id, created?.phoneType, created?.smsSignInState]).toEqual([OFFICE, 'office', 'notSupported'])
      expect((await phones.get())?.value?.map((phone) => phone.id)).toEqual([MOBILE, OFFICE])
      await phones.byPhoneAuthenticationMethodId(OFFICE).patch({ phoneNumber: '+1 4255550111', phoneType: 'office' })
      expect((await phones.byPhoneAuthenticationMethodId(OFFICE).get())?.phoneNumber).toBe('+1 4255550111')
      await phones.byPhoneAuthenticationMethodId(MOBILE).disableSmsSignIn.post()
      expect((await phones.byPhoneAuthenticationMethodId(MOBILE).get())?.smsSignInState).toBe('notEnabled')
      await phones.byPhoneAuthenticationMethodId(MOBILE).enableSmsSignIn.post()
      const methods = kiota.graph.users.byUserId('kim@contoso.com').authentication.methods
      expect((await methods.get())?.value?.map((method) => method.id)).toEqual([MOBILE, OFFICE])
      expect((await methods.byAuthenticationMethodId(MOBILE).get())?.odataType).toBe(PHONE_TYPE)
      await phones.byPhoneAuthenticationMethodId(OFFICE).delete()
      expect((await phones.get())?.value?.map((phone) => phone.id)).toEqual([MOBILE])

      const preferences = `/users/${people.kim.id}/authentication/signInPreferences`
      expect(await kiotaGet(kiota, preferences, createSignInPreferences)).toMatchObject({ isSystemPreferredAuthenticationMethodEnabled: true })
      await kiotaSend(kiota, HttpMethod.PATCH, preferences, { userPreferredMethodForSecondaryAuthentication: 'sms' })
      expect(await kiotaGet(served.kiota(tokens.kim), '/me/authentication/signInPreferences', createSignInPreferences)).toMatchObject({
        userPreferredMethodForSecondaryAuthentication: 'sms',
      })
      const mine = await kiotaGet<PhoneAuthenticationMethodCollectionResponse>(
        served.kiota(tokens.kim),
        '/me/authentication/phoneMethods',
        createPhoneAuthenticationMethodCollectionResponseFromDiscriminatorValue,
      )
      expect(mine?.value?.map((phone) => phone.phoneNumber)).toEqual(['+1 2065555555'])
      await kiotaSend(served.kiota(tokens.kim), HttpMethod.POST, `/me/authentication/phoneMethods/${MOBILE}/disableSmsSignIn`)

      const policyAdmin = served.kiota(tokens.policyAdmin)
      await kiotaSend(policyAdmin, HttpMethod.PATCH, SMS_POLICY, { '@odata.type': '#microsoft.graph.smsAuthenticationMethodConfiguration', state: 'disabled' })
      expect((await kiotaGet<SmsAuthenticationMethodConfiguration>(policyAdmin, SMS_POLICY, createSmsAuthenticationMethodConfigurationFromDiscriminatorValue))?.state).toBe('disabled')
      await kiotaSend(policyAdmin, HttpMethod.DELETE, SMS_POLICY)
      expect((await kiotaGet<SmsAuthenticationMethodConfiguration>(policyAdmin, SMS_POLICY, createSmsAuthenticationMethodConfigurationFromDiscriminatorValue))?.state).toBe('enabled')
    })

    it('the classic client: the same routes', async () => {
      const admin = served.client(tokens.admin, 'v1.0')
      const created = await admin.api('/users/kim@contoso.com/authentication/phoneMethods').post({ phoneNumber: '+1 4255550100', phoneType: 'office' })
      expect(created).toMatchObject({ id: OFFICE, smsSignInState: 'notSupported' })
      expect((await admin.api(KIM).get()).value.map((phone: { id: string }) => phone.id)).toEqual([MOBILE, OFFICE])
      await admin.api(`${KIM}/${OFFICE}`).patch({ phoneNumber: '+1 4255550111' })
      expect((await admin.api(`${KIM}/${OFFICE}`).get()).phoneNumber).toBe('+1 4255550111')
      await admin.api(`${KIM}/${MOBILE}/disableSmsSignIn`).post({})
      expect((await admin.api(`${KIM}/${MOBILE}`).get()).smsSignInState).toBe('notEnabled')
      await admin.api(`${KIM}/${MOBILE}/enableSmsSignIn`).post(null)
      expect((await admin.api(`/users/${people.kim.id}/authentication/methods`).get()).value).toHaveLength(2)
      expect((await admin.api(`/users/${people.kim.id}/authentication/methods/${OFFICE}`).get())['@odata.type']).toBe(PHONE_TYPE)
      await admin.api(`${KIM}/${OFFICE}`).delete()
      expect((await admin.api(KIM).get()).value).toHaveLength(1)

      const preferences = `/users/${people.kim.id}/authentication/signInPreferences`
      await admin.api(preferences).patch({ userPreferredMethodForSecondaryAuthentication: 'sms' })
      expect((await served.client(tokens.kim).api('/me/authentication/signInPreferences').get()).userPreferredMethodForSecondaryAuthentication).toBe('sms')
      expect((await served.client(tokens.kim).api('/me/authentication/phoneMethods').get()).value).toHaveLength(1)
      await served.client(tokens.kim).api(`/me/authentication/phoneMethods/${MOBILE}/disableSmsSignIn`).post(null)

      const policyAdmin = served.client(tokens.policyAdmin, 'v1.0')
      await policyAdmin.api(SMS_POLICY).patch({ '@odata.type': '#microsoft.graph.smsAuthenticationMethodConfiguration', id: 'Sms', state: 'disabled' })
      expect((await policyAdmin.api(SMS_POLICY).get()).state).toBe('disabled')
      await policyAdmin.api(SMS_POLICY).delete()
      expect((await policyAdmin.api(SMS_POLICY).get()).state).toBe('enabled')
    })
  })

  describe('error codes: Graph’s in error.code, the gateway’s in innerError.code', () => {
    it('a user that does not exist is Request_ResourceNotFound; a missing phone itemNotFound', async () => {
      const nobody = served.kiota(tokens.admin).graph.users.byUserId('nobody@contoso.com').authentication.phoneMethods
      expect(await kiotaFailure(nobody.get())).toMatchObject({ status: 404, code: 'Request_ResourceNotFound', innerCode: 'NOT_FOUND' })
      expect(await classicFailure(served.client(tokens.admin).api('/users/nobody@contoso.com/authentication/phoneMethods').get())).toMatchObject({
        status: 404,
        code: 'Request_ResourceNotFound',
        innerCode: 'NOT_FOUND',
      })
      const office = kiota.graph.users.byUserId(people.kim.id).authentication.phoneMethods.byPhoneAuthenticationMethodId(OFFICE)
      expect(await kiotaFailure(office.get())).toMatchObject({ status: 404, code: 'itemNotFound', innerCode: 'NOT_FOUND' })
      const response = await raw(`/v1.0${KIM}/${OFFICE}`)
      expect(response.status).toBe(404)
      expect((await response.json()).error).toMatchObject({ code: 'itemNotFound', innerError: { code: 'NOT_FOUND' } })
    })

    it('no token is InvalidAuthenticationToken; a forbidden call accessDenied; a rule’s conflict invalidRequest', async () => {
      const anonymous = served.kiota('')
      expect(await kiotaFailure(anonymous.graph.users.byUserId(people.kim.id).authentication.phoneMethods.get())).toMatchObject({
        status: 401,
        code: 'InvalidAuthenticationToken',
        innerCode: 'UNAUTHENTICATED',
      })
      const bare = await raw(`/v1.0${KIM}`, { token: null })
      expect(bare.status).toBe(401)
      expect((await bare.json()).error).toMatchObject({ code: 'InvalidAuthenticationToken', innerError: { code: 'UNAUTHENTICATED' } })

      const kim = served.kiota(tokens.kim)
      const lees = kim.graph.users.byUserId(people.lee.id).authentication.phoneMethods
      expect(await kiotaFailure(lees.get())).toMatchObject({ status: 403, code: 'accessDenied', innerCode: 'FORBIDDEN' })
      expect(await classicFailure(served.client(tokens.kim).api(`/users/${people.lee.id}/authentication/phoneMethods`).get())).toMatchObject({
        status: 403,
        code: 'accessDenied',
      })

      const duplicate = kiota.graph.users.byUserId(people.kim.id).authentication.phoneMethods.post({ phoneNumber: '+1 2065550100', phoneType: 'mobile' })
      expect(await kiotaFailure(duplicate)).toMatchObject({ status: 409, code: 'invalidRequest', innerCode: 'PHONE_TYPE_ALREADY_EXISTS' })
      const put = await raw(`/v1.0${KIM}/${MOBILE}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' })
      expect(put.status).toBe(405)
      expect((await put.json()).error).toMatchObject({ code: 'invalidRequest', innerError: { code: 'BAD_REQUEST' } })
    })
  })

  describe('request ids and OData headers', () => {
    it('answers with request-id, client-request-id (echoed), OData-Version and Graph’s JSON media type; innerError carries both ids and the date', async () => {
      const ok = await raw(`/v1.0${KIM}`, { headers: { 'client-request-id': 'script-run-42' } })
      expect(ok.status).toBe(200)
      expect(ok.headers.get('request-id')).toMatch(/\S/)
      expect(ok.headers.get('client-request-id')).toBe('script-run-42')
      expect(ok.headers.get('odata-version')).toBe('4.0')
      expect(ok.headers.get('content-type')).toBe(ODATA_JSON)
      const done = await raw(`/v1.0${KIM}/${MOBILE}/disableSmsSignIn`, { method: 'POST' })
      expect(done.status).toBe(204)
      expect(done.headers.get('request-id')).toMatch(/\S/)
      expect(done.headers.get('odata-version')).toBe('4.0')
      expect(done.headers.get('client-request-id')).toBeNull()

      // Kiota: the ids a support ticket asks for, from the ODataError.
      const office = kiota.graph.users.byUserId(people.kim.id).authentication.phoneMethods.byPhoneAuthenticationMethodId(OFFICE)
      const kiotaError = await kiotaFailure(office.get({ headers: { 'client-request-id': 'kiota-run-7' } }))
      expect(kiotaError.clientRequestId).toBe('kiota-run-7')
      expect(kiotaError.requestId).toMatch(/\S/)
      expect(kiotaError.requestId).toBe(kiotaError.responseRequestId)
      expect(kiotaError.date).toBeInstanceOf(Date)
      expect(Number.isNaN(kiotaError.date!.getTime())).toBe(false)

      // The classic client: GraphError's requestId and date, and the echoed id in the body.
      const classic = await classicFailure(served.client(tokens.admin).api(`${KIM}/${OFFICE}`).header('client-request-id', 'classic-run-9').get())
      expect(classic).toMatchObject({ clientRequestId: 'classic-run-9', requestId: classic.responseRequestId })
      expect(classic.date).toBeInstanceOf(Date)
      expect(Number.isNaN(classic.date.getTime())).toBe(false)

      // An id that is not sane (too long, or outside A–Z a–z 0–9 . _ : -) is not echoed.
      const insane = await raw(`/v1.0${KIM}/${OFFICE}`, { headers: { 'client-request-id': 'x'.repeat(129) } })
      expect(insane.headers.get('client-request-id')).toBeNull()
      expect((await insane.json()).error.innerError['client-request-id']).toBeUndefined()
    })
  })

  describe('$select', () => {
    it('narrows phones, one phone, sign-in preferences and the SMS policy to the listed properties plus id, with the selection in @odata.context', async () => {
      const selected = await kiota.graph.users.byUserId(people.kim.id).authentication.phoneMethods.get({ queryParameters: { select: ['phoneNumber'] } })
      expect(selected?.value?.map((phone) => [phone.id, phone.phoneNumber, phone.phoneType, phone.smsSignInState])).toEqual([
        [MOBILE, '+1 2065555555', undefined, undefined],
      ])
      const one = await kimsMobile().get({ queryParameters: { select: ['phoneType'] } })
      expect([one?.id, one?.phoneType, one?.phoneNumber]).toEqual([MOBILE, 'mobile', undefined])

      const classic = await served.client(tokens.admin, 'v1.0').api(KIM).select(['phoneNumber', 'phoneType']).get()
      expect(classic).toEqual({
        '@odata.context': `${served.origin}/v1.0/$metadata#users('${people.kim.id}')/authentication/phoneMethods(phoneNumber,phoneType)`,
        value: [{ id: MOBILE, phoneNumber: '+1 2065555555', phoneType: 'mobile' }],
      })
      expect(await served.client(tokens.admin).api(`${KIM}/${MOBILE}`).select('smsSignInState').get()).toEqual({
        '@odata.context': `${served.origin}/beta/$metadata#users('${people.kim.id}')/authentication/phoneMethods(smsSignInState)/$entity`,
        id: MOBILE,
        smsSignInState: 'ready',
      })
      const preferences = await served.client(tokens.admin).api(`/users/${people.kim.id}/authentication/signInPreferences`).select('isSystemPreferredAuthenticationMethodEnabled').get()
      expect(preferences).toEqual({
        '@odata.context': `${served.origin}/beta/$metadata#users('${people.kim.id}')/authentication/signInPreferences(isSystemPreferredAuthenticationMethodEnabled)`,
        '@odata.type': '#microsoft.graph.signInPreferences',
        isSystemPreferredAuthenticationMethodEnabled: true,
      })
      const policy = await served.client(tokens.policyAdmin).api(SMS_POLICY).select('state').get()
      expect(policy).toEqual({
        '@odata.context': `${served.origin}/beta/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations(state)/$entity`,
        '@odata.type': '#microsoft.graph.smsAuthenticationMethodConfiguration',
        id: 'Sms',
        state: 'enabled',
      })
      // On /beta the `$` may be left out; on v1.0 a plain `select` is no option at all.
      expect(await (await raw(`/beta${KIM}?select=phoneType`)).json()).toMatchObject({ value: [{ id: MOBILE, phoneType: 'mobile' }] })
      expect((await (await raw(`/v1.0${KIM}?select=phoneType`)).json()).value[0]).toHaveProperty('phoneNumber')
    })

    it('refuses an unknown property, the other options and the /$count segment, naming them (400)', async () => {
      expect(await kiotaFailure(kimsMobile().get({ queryParameters: { select: ['isDefault'] } }))).toMatchObject({
        status: 400,
        code: 'invalidRequest',
        innerCode: 'BAD_REQUEST',
        message: expect.stringMatching(/isDefault.*phoneNumber/),
      })
      const phones = kiota.graph.users.byUserId(people.kim.id).authentication.phoneMethods
      expect(await kiotaFailure(phones.count.get())).toMatchObject({ status: 400, code: 'invalidRequest', message: expect.stringContaining('$count') })
      expect(await kiotaFailure(phones.get({ queryParameters: { top: 1 } }))).toMatchObject({ status: 400, message: expect.stringContaining('$top') })
      expect(await classicFailure(served.client(tokens.admin).api(KIM).filter("phoneType eq 'mobile'").get())).toMatchObject({
        status: 400,
        message: expect.stringContaining('$filter'),
      })
      for (const option of ['$top=1', '$filter=x', '$count=true', '$expand=x', '$orderby=x', '$search=x', '$skip=1', '$format=json', 'top=1']) {
        const response = await raw(`/beta${KIM}?${option}`)
        expect(response.status, option).toBe(400)
        expect((await response.json()).error.message, option).toContain(option.split('=')[0])
      }
      const count = await raw(`/v1.0${KIM}/$count`)
      expect(count.status).toBe(400)
      expect((await count.json()).error.message).toContain('$count')
    })
  })

  describe('spellings real tools send', () => {
    it('matches path segments case-insensitively, GUIDs in any case and OData key syntax; the version segment is exact', async () => {
      const byUpperCase = kiota.graph.users.byUserId(people.kim.id.toUpperCase()).authentication.phoneMethods.byPhoneAuthenticationMethodId(MOBILE.toUpperCase())
      expect((await byUpperCase.get())?.phoneNumber).toBe('+1 2065555555')
      expect((await served.client(tokens.admin, 'v1.0').api('/Users/KIM@contoso.com/Authentication/PhoneMethods').get()).value).toHaveLength(1)
      expect((await served.client(tokens.policyAdmin).api('/Policies/AuthenticationMethodsPolicy/AuthenticationMethodConfigurations/SMS').get()).id).toBe('Sms')
      const spellings = [
        `/v1.0/USERS/${people.kim.id}/AUTHENTICATION/PHONEMETHODS/${MOBILE}`,
        `/v1.0/users('kim@contoso.com')/authentication/phoneMethods('${MOBILE}')`,
        `/v1.0/users('${people.kim.id.toUpperCase()}')/authentication/phoneMethods/${MOBILE}`,
        `/v1.0/users/kim%40contoso.com/authentication/phonemethods('${MOBILE.toUpperCase()}')`,
        `/v1.0/Me/Authentication/PhoneMethods/${MOBILE}`,
      ]
      for (const path of spellings) {
        const response = await raw(path, { token: path.includes('/Me/') ? tokens.kim : tokens.admin })
        expect(response.status, path).toBe(200)
        expect((await response.json()).id, path).toBe(MOBILE)
      }
      for (const id of ['sms', 'Sms', 'SMS', "('sms')", "('Sms')"]) {
        const path = `/beta/policies/authenticationMethodsPolicy/authenticationMethodConfigurations${id.startsWith('(') ? id : `/${id}`}`
        const response = await raw(path, { token: tokens.policyAdmin })
        expect(response.status, path).toBe(200)
      }
      expect((await raw(`/v1.0${KIM}/${MOBILE}/EnableSmsSignIn`, { method: 'POST' })).status).toBe(204)
      expect((await raw(`/V1.0${KIM}`)).status).toBe(404)
      expect((await raw(`/Beta${KIM}`)).status).toBe(404)
    })
  })

  describe('bodies as the SDKs write them', () => {
    it('an action takes no body, an empty one, {} and JSON null (the classic client’s .post(null))', async () => {
      const action = (name: string) => served.client(tokens.admin).api(`${KIM}/${MOBILE}/${name}`).responseType(ResponseType.RAW)
      expect((await action('disableSmsSignIn').post(null)).status).toBe(204)
      expect((await action('enableSmsSignIn').post(null)).status).toBe(204)
      await kimsMobile().disableSmsSignIn.post()
      await kimsMobile().enableSmsSignIn.post()
      for (const body of [undefined, '', '{}', 'null']) {
        const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' }
        const response = await raw(`/v1.0${KIM}/${MOBILE}/disableSmsSignIn`, { method: 'POST', headers, body })
        expect(response.status, String(body)).toBe(204)
      }
    })

    it('a PATCH without phoneNumber says it is required; an unknown property is named with the writable ones', async () => {
      expect(await kiotaFailure(kimsMobile().patch({}))).toMatchObject({
        status: 400,
        code: 'invalidRequest',
        innerCode: 'BAD_USER_INPUT',
        message: 'phoneNumber is required',
      })
      expect(await classicFailure(served.client(tokens.admin).api(`${KIM}/${MOBILE}`).patch({ phoneType: 'mobile' }))).toMatchObject({
        status: 400,
        message: 'phoneNumber is required',
      })
      const nullNumber = await raw(`/v1.0${KIM}/${MOBILE}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"phoneNumber":null}' })
      expect([nullNumber.status, (await nullNumber.json()).error.message]).toEqual([400, 'phoneNumber is required'])
      const unknown = await classicFailure(served.client(tokens.admin).api(`${KIM}/${MOBILE}`).patch({ phoneNumber: '+1 2065550100', isDefault: true }))
      expect(unknown).toMatchObject({ status: 400, code: 'invalidRequest', innerCode: 'BAD_REQUEST' })
      expect(unknown.message).toMatch(/^isDefault: .*phoneNumber, phoneType$/)
      const action = await raw(`/v1.0${KIM}/${MOBILE}/enableSmsSignIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"reason":"x"}' })
      expect((await action.json()).error.message).toMatch(/^reason: .*enableSmsSignIn.*phoneNumber, phoneType/)
      const policy = await classicFailure(served.client(tokens.policyAdmin).api(SMS_POLICY).patch({ enforceAll: true }))
      expect(policy.message).toMatch(/^enforceAll: .*state, includeTargets, excludeTargets$/)
    })
  })

  it('/me with an app-only token: 400 invalidRequest, as Graph says it', async () => {
    const app = served.kiota(tokens.app)
    expect(await kiotaFailure(kiotaGet(app, '/me/authentication/phoneMethods', createPhoneAuthenticationMethodCollectionResponseFromDiscriminatorValue))).toEqual(
      expect.objectContaining({ status: 400, code: 'invalidRequest', innerCode: 'BAD_REQUEST', message: '/me request is only valid with delegated authentication flow.' }),
    )
    expect(await classicFailure(served.client(tokens.app).api('/me/authentication/methods').get())).toMatchObject({ status: 400, code: 'invalidRequest' })
    const response = await raw('/v1.0/me/authentication/signInPreferences', { token: tokens.app })
    expect(response.status).toBe(400)
    expect((await response.json()).error.message).toBe('/me request is only valid with delegated authentication flow.')
  })

  it('lists a user’s methods (their phones, typed) and reads one, by /users and /me', async () => {
    await served.client(tokens.admin).api(KIM).post({ phoneNumber: '+1 4255550100', phoneType: 'office' })
    const methods = await kiota.graph.users.byUserId(people.kim.id).authentication.methods.get()
    // Kiota picks the model by @odata.type: a phone comes back as a phoneAuthenticationMethod.
    const phones = methods?.value as PhoneAuthenticationMethod[]
    expect(phones.map((method) => [method.odataType, method.id, method.phoneNumber, method.phoneType])).toEqual([
      [PHONE_TYPE, MOBILE, '+1 2065555555', 'mobile'],
      [PHONE_TYPE, OFFICE, '+1 4255550100', 'office'],
    ])
    const one = (await kiota.graph.users.byUserId(people.kim.id).authentication.methods.byAuthenticationMethodId(OFFICE).get()) as PhoneAuthenticationMethod
    expect([one.odataType, one.phoneNumber]).toEqual([PHONE_TYPE, '+1 4255550100'])
    expect(await served.client(tokens.kim, 'v1.0').api('/me/authentication/methods').get()).toEqual({
      '@odata.context': `${served.origin}/v1.0/$metadata#users('${people.kim.id}')/authentication/methods`,
      value: [
        { '@odata.type': PHONE_TYPE, id: MOBILE, phoneNumber: '+1 2065555555', phoneType: 'mobile', smsSignInState: 'ready' },
        { '@odata.type': PHONE_TYPE, id: OFFICE, phoneNumber: '+1 4255550100', phoneType: 'office', smsSignInState: 'notSupported' },
      ],
    })
    expect(await served.client(tokens.kim).api(`/me/authentication/methods/${MOBILE}`).select('phoneType').get()).toEqual({
      '@odata.context': `${served.origin}/beta/$metadata#users('${people.kim.id}')/authentication/methods(phoneType)/$entity`,
      '@odata.type': PHONE_TYPE,
      id: MOBILE,
      phoneType: 'mobile',
    })
    expect((await raw(`/v1.0/users/${people.kim.id}/authentication/methods/${OFFICE}`)).status).toBe(200)
    expect(await kiotaFailure(kiota.graph.users.byUserId(people.lee.id).authentication.methods.byAuthenticationMethodId(MOBILE).get())).toMatchObject({
      status: 404,
      code: 'itemNotFound',
    })
  })

  it('the SMS policy’s id is Sms in answers; a body id of sms, Sms or SMS is accepted (as Kiota serializes its model)', async () => {
    const policyAdmin = served.kiota(tokens.policyAdmin)
    const read: SmsAuthenticationMethodConfiguration | undefined = await kiotaGet(policyAdmin, SMS_POLICY, createSmsAuthenticationMethodConfigurationFromDiscriminatorValue)
    expect([read?.id, read?.odataType, read?.state]).toEqual(['Sms', '#microsoft.graph.smsAuthenticationMethodConfiguration', 'enabled'])
    for (const id of ['sms', 'Sms', 'SMS']) {
      const patch = kiotaRequest(HttpMethod.PATCH, SMS_POLICY)
      const body: SmsAuthenticationMethodConfiguration = { odataType: '#microsoft.graph.smsAuthenticationMethodConfiguration', id, state: id === 'SMS' ? 'disabled' : 'enabled' }
      patch.setContentFromParsable(policyAdmin.adapter, 'application/json', body, serializeSmsAuthenticationMethodConfiguration)
      await policyAdmin.adapter.sendNoResponseContent(patch, ERRORS)
    }
    expect((await served.client(tokens.policyAdmin).api(SMS_POLICY).get()).state).toBe('disabled')
    expect(await classicFailure(served.client(tokens.policyAdmin).api(SMS_POLICY).patch({ id: 'Fido2' }))).toMatchObject({ status: 400, innerCode: 'BAD_USER_INPUT' })
  })
})

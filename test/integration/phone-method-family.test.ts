// update, delete, enable/disable SMS sign-in, the SMS policy (docs/rules.md, docs/errors.md).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PHONE_METHOD_ID } from '../../src/domain/phone-method.ts'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { people, personaTokens, tokenFor } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const FIELDS = 'methodId phoneNumber phoneType smsSignInState'
const { mobile, alternateMobile, office } = PHONE_METHOD_ID

describeOnEachDatabase('the phone-method family on %s', (provider) => {
  let gateway: TestGateway
  let token: string
  const kim = people.kim.id
  const lee = people.lee.id

  const run = (query: string, variables?: Record<string, unknown>) => gateway.graphql(token, query, variables)
  const add = (userId: string, phoneNumber: string, phoneType: string) =>
    run(`mutation ($i: AddPhoneMethodInput!) { addPhoneMethod(input: $i) { ${FIELDS} } }`, { i: { userId, phoneNumber, phoneType } })
  const update = (userId: string, id: string, phoneNumber: string) =>
    run(`mutation ($i: UpdatePhoneMethodInput!) { updatePhoneMethod(input: $i) { ${FIELDS} } }`, { i: { userId, methodId: id, phoneNumber } })
  const remove = (userId: string, id: string) =>
    run('mutation ($i: PhoneMethodRefInput!) { deletePhoneMethod(input: $i) { methodId } }', { i: { userId, methodId: id } })
  const enable = (userId: string, id: string) =>
    run(`mutation ($i: PhoneMethodRefInput!) { enableSmsSignIn(input: $i) { ${FIELDS} } }`, { i: { userId, methodId: id } })
  const disable = (userId: string, id: string) =>
    run(`mutation ($i: PhoneMethodRefInput!) { disableSmsSignIn(input: $i) { ${FIELDS} } }`, { i: { userId, methodId: id } })
  const phone = async (userId: string, id: string) =>
    (await run(`query ($u: String!, $id: ID!) { phoneMethod(userId: $u, methodId: $id) { ${FIELDS} } }`, { u: userId, id })).data?.phoneMethod
  const stateOf = async (userId: string, id = mobile) => (await phone(userId, id))?.smsSignInState
  const setPolicy = async (input: Record<string, unknown>) => {
    const response = await run(
      `mutation ($i: SmsAuthenticationMethodConfigurationInput!) {
        updateSmsAuthenticationMethodConfiguration(input: $i) { id state includeTargets { id targetType isUsableForSignIn } excludeTargets { id targetType } }
      }`,
      { i: input },
    )
    return response
  }
  const DEFAULT_POLICY = { state: 'enabled', includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: true }], excludeTargets: [] }

  beforeAll(async () => {
    gateway = await startGateway(provider)
    // An app-only token with both write permissions: it may change phones and the policy.
    token = (await personaTokens()).app
  })
  beforeEach(async () => {
    await gateway.db.client.$transaction((tx) => tx.phoneMethod.deleteMany({}))
    expect(codes(await setPolicy(DEFAULT_POLICY))).toEqual([])
  })
  afterAll(() => gateway.close())

  describe('reading', () => {
    it('returns one phone by its fixed id, and null for an absent phone, user or id', async () => {
      await add(kim, '+1 2065555555', 'mobile')
      expect(await phone(kim, mobile)).toEqual({ methodId: mobile, phoneNumber: '+1 2065555555', phoneType: 'mobile', smsSignInState: 'ready' })
      expect(await phone(kim, office)).toBeNull()
      expect(await phone('nobody@contoso.com', mobile)).toBeNull()
      expect(await phone(kim, 'not-a-method-id')).toBeNull()
      expect(await phone(people.outsider.id, mobile)).toBeNull()
    })
  })

  describe('updatePhoneMethod', () => {
    it('changes the number and keeps the type', async () => {
      await add(kim, '+1 2065555555', 'mobile')
      await add(kim, '+1 5555551234', 'office')
      expect((await update(kim, office, '+44 2071234567x9')).data?.updatePhoneMethod).toEqual({
        methodId: office,
        phoneNumber: '+44 2071234567x9',
        phoneType: 'office',
        smsSignInState: 'notSupported',
      })
      expect(await phone(kim, mobile)).toMatchObject({ phoneNumber: '+1 2065555555' })
    })

    it('validates the number like add does, and changes nothing on failure', async () => {
      await add(kim, '+1 2065555555', 'mobile')
      for (const bad of ['+1-206-555-5555', '+1 123', '+999 5555551234', '+1 2065555555x']) {
        const response = await update(kim, mobile, bad)
        expect(codes(response)).toEqual(['BAD_USER_INPUT'])
        expect(response.errors?.[0]?.message).toContain('"+<country code> <number>"')
      }
      expect(await phone(kim, mobile)).toMatchObject({ phoneNumber: '+1 2065555555', smsSignInState: 'ready' })
    })

    it('has no way to change the type or smsSignInState', async () => {
      await add(kim, '+1 2065555555', 'mobile')
      for (const field of ['phoneType: office', 'smsSignInState: ready']) {
        const response = await run(`mutation { updatePhoneMethod(input: { userId: "${kim}", methodId: "${mobile}", phoneNumber: "+1 2065555555", ${field} }) { id } }`)
        expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
      }
    })

    it('tries SMS sign-in registration again for a changed mobile', async () => {
      await add(kim, '+1 2065555555', 'mobile')
      await add(lee, '+44 2071234567', 'mobile')
      expect((await update(kim, mobile, '+44 2071234567')).data?.updatePhoneMethod.smsSignInState).toBe('phoneNumberNotUnique')
      await disable(kim, mobile)
      expect((await update(kim, mobile, '+1 5555551234')).data?.updatePhoneMethod.smsSignInState).toBe('ready')
      expect((await update(lee, mobile, '+1 5555551234x77')).data?.updatePhoneMethod.smsSignInState).toBe('phoneNumberNotUnique')
    })

    it('answers NOT_FOUND for an absent phone or user', async () => {
      expect(codes(await update(kim, office, '+1 2065555555'))).toEqual(['NOT_FOUND'])
      expect(codes(await update(kim, 'no-such-id', '+1 2065555555'))).toEqual(['NOT_FOUND'])
      expect(codes(await update('nobody@contoso.com', mobile, '+1 2065555555'))).toEqual(['NOT_FOUND'])
    })
  })

  describe('deletePhoneMethod', () => {
    it('deletes a phone and returns its id', async () => {
      await add(kim, '+1 2065555555', 'mobile')
      await add(kim, '+1 5555551234', 'office')
      expect((await remove(kim, office)).data).toEqual({ deletePhoneMethod: { methodId: office } })
      expect(await phone(kim, office)).toBeNull()
      expect(codes(await remove(kim, office))).toEqual(['NOT_FOUND'])
    })

    it('refuses to delete the mobile while an alternateMobile exists', async () => {
      await add(kim, '+1 2065555555', 'mobile')
      await add(kim, '+1 5555551234', 'alternateMobile')
      expect(codes(await remove(kim, mobile))).toEqual(['ALTERNATE_MOBILE_EXISTS'])
      expect(await phone(kim, mobile)).not.toBeNull()
      expect((await remove(kim, alternateMobile)).data).toEqual({ deletePhoneMethod: { methodId: alternateMobile } })
      expect((await remove(kim, mobile)).data).toEqual({ deletePhoneMethod: { methodId: mobile } })
    })

    it('frees the number for SMS sign-in', async () => {
      await add(kim, '+1 2065555555', 'mobile')
      await add(lee, '+1 2065555555', 'mobile')
      expect(await stateOf(lee)).toBe('phoneNumberNotUnique')
      await remove(kim, mobile)
      expect((await enable(lee, mobile)).data?.enableSmsSignIn.smsSignInState).toBe('ready')
    })

    it('answers NOT_FOUND for an unknown id or user', async () => {
      expect(codes(await remove(kim, 'no-such-id'))).toEqual(['NOT_FOUND'])
      expect(codes(await remove('nobody', mobile))).toEqual(['NOT_FOUND'])
    })
  })

  describe('enableSmsSignIn and disableSmsSignIn', () => {
    it('turns SMS sign-in off (notEnabled) and on again (ready)', async () => {
      await add(kim, '+1 2065555555', 'mobile')
      expect((await disable(kim, mobile)).data?.disableSmsSignIn.smsSignInState).toBe('notEnabled')
      expect(await stateOf(kim)).toBe('notEnabled')
      expect((await enable(kim, mobile)).data?.enableSmsSignIn.smsSignInState).toBe('ready')
      expect((await enable(kim, mobile)).data?.enableSmsSignIn.smsSignInState).toBe('ready')
    })

    it('refuses phones that are not a mobile with SMS_SIGN_IN_NOT_SUPPORTED', async () => {
      await add(kim, '+1 2065555555', 'mobile')
      await add(kim, '+1 5555551234', 'alternateMobile')
      await add(kim, '+1 5555551234', 'office')
      for (const id of [alternateMobile, office]) {
        expect(codes(await enable(kim, id))).toEqual(['SMS_SIGN_IN_NOT_SUPPORTED'])
        expect(codes(await disable(kim, id))).toEqual(['SMS_SIGN_IN_NOT_SUPPORTED'])
        expect(await stateOf(kim, id)).toBe('notSupported')
      }
    })

    it('refuses a number another user holds with PHONE_NUMBER_NOT_UNIQUE, and disabling frees it', async () => {
      await add(kim, '+1 2065555555', 'mobile')
      await add(lee, '+1 2065555555x12', 'mobile')
      expect(await stateOf(lee)).toBe('phoneNumberNotUnique')
      expect(codes(await enable(lee, mobile))).toEqual(['PHONE_NUMBER_NOT_UNIQUE'])
      expect(await stateOf(lee)).toBe('phoneNumberNotUnique')
      await disable(kim, mobile)
      expect((await enable(lee, mobile)).data?.enableSmsSignIn.smsSignInState).toBe('ready')
      expect(codes(await enable(kim, mobile))).toEqual(['PHONE_NUMBER_NOT_UNIQUE'])
    })

    it('refuses when the policy does not allow the user, with SMS_SIGN_IN_NOT_ALLOWED', async () => {
      await add(kim, '+1 2065555555', 'mobile')
      await disable(kim, mobile)
      await setPolicy({ state: 'disabled' })
      expect(codes(await enable(kim, mobile))).toEqual(['SMS_SIGN_IN_NOT_ALLOWED'])
      expect(await stateOf(kim)).toBe('notAllowedByPolicy')
    })

    it('answers NOT_FOUND for an absent phone', async () => {
      expect(codes(await enable(kim, mobile))).toEqual(['NOT_FOUND'])
      expect(codes(await disable(kim, mobile))).toEqual(['NOT_FOUND'])
    })
  })

  describe('the SMS policy', () => {
    it('starts enabled for all users, usable for sign-in, with no exclusions', async () => {
      const response = await run('{ smsAuthenticationMethodConfiguration { id state includeTargets { id targetType isUsableForSignIn } excludeTargets { id targetType } } }')
      expect(response.data).toEqual({ smsAuthenticationMethodConfiguration: { id: 'Sms', ...DEFAULT_POLICY } })
    })

    it('is a PATCH: omitted fields keep their value', async () => {
      const excluded = await setPolicy({ excludeTargets: [{ id: kim, targetType: 'user' }] })
      expect(excluded.data?.updateSmsAuthenticationMethodConfiguration).toEqual({
        id: 'Sms',
        ...DEFAULT_POLICY,
        excludeTargets: [{ id: kim, targetType: 'user' }],
      })
      const disabled = await setPolicy({ state: 'disabled' })
      expect(disabled.data?.updateSmsAuthenticationMethodConfiguration.excludeTargets).toEqual([{ id: kim, targetType: 'user' }])
    })

    it('shows a policy change in the next read of every phone, and a registration survives exclusion', async () => {
      await add(kim, '+1 2065555555', 'mobile')
      await add(lee, '+1 5555551234', 'mobile')
      await setPolicy({ excludeTargets: [{ id: kim, targetType: 'user' }] })
      expect(await stateOf(kim)).toBe('notAllowedByPolicy')
      expect(await stateOf(lee)).toBe('ready')
      // Kim still holds the number while excluded: nobody else can take it.
      await add(people.reader.id, '+1 2065555555', 'mobile')
      expect(await stateOf(people.reader.id)).toBe('phoneNumberNotUnique')
      await setPolicy({ excludeTargets: [] })
      expect(await stateOf(kim)).toBe('ready')
    })

    it('follows include targets and isUsableForSignIn', async () => {
      await setPolicy({ includeTargets: [{ id: lee, targetType: 'user', isUsableForSignIn: true }, { id: kim, targetType: 'user', isUsableForSignIn: false }] })
      expect((await add(kim, '+1 2065555555', 'mobile')).data?.addPhoneMethod.smsSignInState).toBe('notAllowedByPolicy')
      expect((await add(lee, '+1 5555551234', 'mobile')).data?.addPhoneMethod.smsSignInState).toBe('ready')
      // Added while not allowed: not registered, so notEnabled once allowed.
      await setPolicy(DEFAULT_POLICY)
      expect(await stateOf(kim)).toBe('notEnabled')
      expect((await enable(kim, mobile)).data?.enableSmsSignIn.smsSignInState).toBe('ready')
    })

    it('refuses unknown users, group targets other than all_users, and duplicates, changing nothing', async () => {
      const read = async () => (await run('{ smsAuthenticationMethodConfiguration { state includeTargets { id } excludeTargets { id } } }')).data
      const before = await read()
      const refusals = [
        { excludeTargets: [{ id: 'no-such-user', targetType: 'user' }] },
        { excludeTargets: [{ id: people.outsider.id, targetType: 'user' }] },
        { includeTargets: [{ id: 'sales', targetType: 'group', isUsableForSignIn: true }] },
        { excludeTargets: [{ id: kim, targetType: 'user' }, { id: kim, targetType: 'user' }] },
        { state: 'disabled', includeTargets: [{ id: 'ghost', targetType: 'user', isUsableForSignIn: true }] },
      ]
      for (const input of refusals) {
        const response = await setPolicy(input)
        expect(codes(response), JSON.stringify(input)).toEqual(['BAD_USER_INPUT'])
      }
      expect(await read()).toEqual(before)
    })

    it('shows its change to a later field of the same mutation document', async () => {
      await add(kim, '+1 2065555555', 'mobile')
      await setPolicy({ state: 'disabled' })
      const read = await run(`mutation {
        first: disableSmsSignIn(input: { userId: "${kim}", methodId: "${mobile}" }) { smsSignInState }
        policy: updateSmsAuthenticationMethodConfiguration(input: { state: enabled }) { state }
        second: disableSmsSignIn(input: { userId: "${kim}", methodId: "${mobile}" }) { smsSignInState }
      }`)
      expect(read.data).toEqual({ first: { smsSignInState: 'notAllowedByPolicy' }, policy: { state: 'enabled' }, second: { smsSignInState: 'notEnabled' } })
    })

    it('is kept per tenant', async () => {
      await setPolicy({ state: 'disabled' })
      const fabrikamApp = await tokenFor({ tid: 'fabrikam', sub: 'fabrikam-app', roles: ['Policy.Read.AuthenticationMethod'] })
      const response = await gateway.graphql(fabrikamApp, '{ smsAuthenticationMethodConfiguration { state } }')
      expect(response.data).toEqual({ smsAuthenticationMethodConfiguration: { state: 'enabled' } })
    })
  })
})

// Sign-in preferences (docs/rules.md, sign-in preferences): reading and changing a user's
// default method, the phone it needs, the phone it protects from deletion,
// the order in which refusals answer, and a delete racing with a new default.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { PHONE_METHOD_ID } from '../../src/domain/phone-method.ts'
import { codes, startGateway, type GraphQLResponse, type TestGateway } from '../support/harness/gateway.ts'
import { people, personaTokens, tokenFor } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const { mobile, alternateMobile, office } = PHONE_METHOD_ID
const PREFERENCES = 'userPreferredMethodForSecondaryAuthentication isSystemPreferredAuthenticationMethodEnabled'
const FIELD = 'input.userPreferredMethodForSecondaryAuthentication'

describeOnEachDatabase('sign-in preferences on %s', (provider) => {
  let gateway: TestGateway
  let token: string
  const kim = people.kim.id

  const run = (query: string, variables?: Record<string, unknown>) => gateway.graphql(token, query, variables)
  const add = async (userId: string, phoneNumber: string, phoneType: string) => {
    const response = await run('mutation ($i: AddPhoneMethodInput!) { addPhoneMethod(input: $i) { methodId } }', { i: { userId, phoneNumber, phoneType } })
    expect(codes(response)).toEqual([])
  }
  const remove = (userId: string, methodId: string) =>
    run('mutation ($i: PhoneMethodRefInput!) { deletePhoneMethod(input: $i) { methodId } }', { i: { userId, methodId } })
  const setPreferences = (input: Record<string, unknown>) =>
    run(`mutation ($i: UpdateSignInPreferencesInput!) { updateSignInPreferences(input: $i) { ${PREFERENCES} } }`, { i: input })
  const preferencesOf = async (userId: string) =>
    (await run(`query ($u: String!) { user(id: $u) { signInPreferences { ${PREFERENCES} } } }`, { u: userId })).data?.user.signInPreferences
  const phoneTypesOf = async (userId: string) =>
    (await gateway.db.client.phoneMethod.findMany({ where: { userId }, select: { phoneType: true }, orderBy: { phoneType: 'asc' } })).map(
      (phone) => phone.phoneType,
    )
  const refusal = (response: GraphQLResponse) => ({ codes: codes(response), data: response.data ?? null })

  beforeAll(async () => {
    gateway = await startGateway(provider)
    token = (await personaTokens()).app
  })
  beforeEach(async () => {
    await gateway.db.client.$transaction(async (tx) => {
      await tx.phoneMethod.deleteMany({})
      await tx.user.updateMany({ data: { userPreferredMethodForSecondaryAuthentication: null, isSystemPreferredAuthenticationMethodEnabled: true } })
    })
  })
  afterAll(() => gateway.close())

  it('start with no default and the system-preferred method on, for the user themselves too', async () => {
    expect(await preferencesOf(kim)).toEqual({ userPreferredMethodForSecondaryAuthentication: null, isSystemPreferredAuthenticationMethodEnabled: true })
    const kimsOwn = await tokenFor({ sub: kim, scp: 'UserAuthenticationMethod.Read' })
    const response = await gateway.graphql(kimsOwn, `{ me { signInPreferences { ${PREFERENCES} } } }`)
    expect(response.data).toEqual({
      me: { signInPreferences: { userPreferredMethodForSecondaryAuthentication: null, isSystemPreferredAuthenticationMethodEnabled: true } },
    })
  })

  it('set each phone-based default once its phone exists', async () => {
    await add(kim, '+1 2065555555', 'mobile')
    await add(kim, '+1 2065555556', 'alternateMobile')
    await add(kim, '+1 4255550199', 'office')
    for (const method of ['sms', 'voiceMobile', 'voiceAlternateMobile', 'voiceOffice']) {
      const response = await setPreferences({ userId: kim, userPreferredMethodForSecondaryAuthentication: method })
      expect(response.data).toEqual({
        updateSignInPreferences: { userPreferredMethodForSecondaryAuthentication: method, isSystemPreferredAuthenticationMethodEnabled: true },
      })
      expect((await preferencesOf(kim)).userPreferredMethodForSecondaryAuthentication).toBe(method)
    }
  })

  it.each([
    ['sms', 'mobile'],
    ['voiceMobile', 'mobile'],
    ['voiceAlternateMobile', 'alternateMobile'],
    ['voiceOffice', 'office'],
  ] as const)('refuse %s while the user has no %s phone: BAD_USER_INPUT naming the field, nothing changed', async (method, phoneType) => {
    // Every phone but the one the method needs (an alternateMobile needs the mobile, so voiceMobile/sms test without both).
    if (phoneType === 'alternateMobile') await add(kim, '+1 2065555555', 'mobile')
    if (phoneType !== 'office') await add(kim, '+1 4255550199', 'office')
    const response = await setPreferences({ userId: kim, userPreferredMethodForSecondaryAuthentication: method })
    expect(refusal(response)).toEqual({ codes: ['BAD_USER_INPUT'], data: null })
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: FIELD })
    // The phone it needs, named in words: "needs an alternate mobile phone".
    expect(response.errors?.[0]?.message).toContain(`needs ${{ mobile: 'a mobile', alternateMobile: 'an alternate mobile', office: 'an office' }[phoneType]} phone`)
    expect((await preferencesOf(kim)).userPreferredMethodForSecondaryAuthentication).toBeNull()
  })

  it.each(['push', 'oath', 'unknownFutureValue'])('refuse %s, which can only be set outside phones: BAD_USER_INPUT', async (method) => {
    await add(kim, '+1 2065555555', 'mobile')
    const response = await setPreferences({ userId: kim, userPreferredMethodForSecondaryAuthentication: method })
    expect(refusal(response)).toEqual({ codes: ['BAD_USER_INPUT'], data: null })
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: FIELD })
    expect((await preferencesOf(kim)).userPreferredMethodForSecondaryAuthentication).toBeNull()
  })

  it('are a PATCH: an omitted field stays, null clears the default', async () => {
    await add(kim, '+1 2065555555', 'mobile')
    await setPreferences({ userId: kim, userPreferredMethodForSecondaryAuthentication: 'sms' })
    await setPreferences({ userId: kim, isSystemPreferredAuthenticationMethodEnabled: false })
    expect(await preferencesOf(kim)).toEqual({ userPreferredMethodForSecondaryAuthentication: 'sms', isSystemPreferredAuthenticationMethodEnabled: false })
    await setPreferences({ userId: kim, userPreferredMethodForSecondaryAuthentication: 'voiceMobile' })
    expect(await preferencesOf(kim)).toEqual({
      userPreferredMethodForSecondaryAuthentication: 'voiceMobile',
      isSystemPreferredAuthenticationMethodEnabled: false,
    })
    await setPreferences({ userId: kim, userPreferredMethodForSecondaryAuthentication: null })
    expect(await preferencesOf(kim)).toEqual({ userPreferredMethodForSecondaryAuthentication: null, isSystemPreferredAuthenticationMethodEnabled: false })
  })

  it('keep the phone behind the default: DEFAULT_METHOD_CANNOT_BE_DELETED until the default changes', async () => {
    await add(kim, '+1 2065555555', 'mobile')
    await add(kim, '+1 4255550199', 'office')
    for (const method of ['sms', 'voiceMobile']) {
      await setPreferences({ userId: kim, userPreferredMethodForSecondaryAuthentication: method })
      const refused = await remove(kim, mobile)
      expect(refusal(refused)).toEqual({ codes: ['DEFAULT_METHOD_CANNOT_BE_DELETED'], data: null })
      expect(refused.errors?.[0]?.message).toContain('Change the default method first.')
      expect(await phoneTypesOf(kim)).toEqual(['mobile', 'office'])
      // Another phone than the default's can go.
      expect(codes(await remove(kim, office))).toEqual([])
      await add(kim, '+1 4255550199', 'office')
    }
    await setPreferences({ userId: kim, userPreferredMethodForSecondaryAuthentication: 'voiceOffice' })
    expect(codes(await remove(kim, office))).toEqual(['DEFAULT_METHOD_CANNOT_BE_DELETED'])
    expect(codes(await remove(kim, mobile))).toEqual([])
    expect(await phoneTypesOf(kim)).toEqual(['office'])
    // Clearing the default first, then the phone: both work.
    expect(codes(await setPreferences({ userId: kim, userPreferredMethodForSecondaryAuthentication: null }))).toEqual([])
    expect(codes(await remove(kim, office))).toEqual([])
    expect(await phoneTypesOf(kim)).toEqual([])
  })

  it('answer refusals in the contract order: permission, user, phone, ALTERNATE_MOBILE_EXISTS, then the default', async () => {
    await add(kim, '+1 2065555555', 'mobile')
    await add(kim, '+1 2065555556', 'alternateMobile')
    await setPreferences({ userId: kim, userPreferredMethodForSecondaryAuthentication: 'sms' })
    const reader = (await personaTokens()).reader
    expect(codes(await gateway.graphql(reader, 'mutation ($i: PhoneMethodRefInput!) { deletePhoneMethod(input: $i) { methodId } }', { i: { userId: kim, methodId: mobile } }))).toEqual(['FORBIDDEN'])
    expect(codes(await remove('nobody@contoso.com', mobile))).toEqual(['NOT_FOUND'])
    expect(codes(await remove(kim, office))).toEqual(['NOT_FOUND'])
    expect(codes(await remove(kim, mobile))).toEqual(['ALTERNATE_MOBILE_EXISTS'])
    expect(codes(await remove(kim, alternateMobile))).toEqual([])
    expect(codes(await remove(kim, mobile))).toEqual(['DEFAULT_METHOD_CANNOT_BE_DELETED'])
    expect(await phoneTypesOf(kim)).toEqual(['mobile'])
  })

  it('let the user set their own default with a ReadWrite scope, not with Read', async () => {
    await add(kim, '+1 2065555555', 'mobile')
    const read = await tokenFor({ sub: kim, scp: 'UserAuthenticationMethod.Read' })
    const readWrite = await tokenFor({ sub: kim, scp: 'UserAuthenticationMethod.ReadWrite' })
    const mutation = `mutation { updateSignInPreferences(input: { userId: "${kim}", userPreferredMethodForSecondaryAuthentication: sms }) { ${PREFERENCES} } }`
    expect(codes(await gateway.graphql(read, mutation))).toEqual(['FORBIDDEN'])
    expect((await gateway.graphql(readWrite, mutation)).data?.updateSignInPreferences.userPreferredMethodForSecondaryAuthentication).toBe('sms')
  })

  it('read in one statement for a whole page of users', async () => {
    const page = `{ users(first: 50) { edges { node { id signInPreferences { ${PREFERENCES} } } } } }`
    gateway.statements.reset()
    const response = await run(page)
    expect(response.errors).toBeUndefined()
    expect(response.data?.users.edges.length).toBeGreaterThan(5)
    const preferenceReads = gateway.statements.sql.filter((sql) => sql.includes('isSystemPreferredAuthenticationMethodEnabled'))
    expect(preferenceReads).toHaveLength(1)
  })

  it('never leave a default naming a deleted phone when a delete races with a new default', async () => {
    const racers = [people.kim, people.lee, people.reader, people.authAdmin, people.policyAdmin, people.globalAdmin]
    for (let round = 0; round < 5; round++) {
      await gateway.db.client.$transaction(async (tx) => {
        await tx.phoneMethod.deleteMany({})
        await tx.user.updateMany({ data: { userPreferredMethodForSecondaryAuthentication: null } })
      })
      for (const [i, user] of racers.entries()) await add(user.id, `+1 20655504${String(i).padStart(2, '0')}`, 'mobile')
      const answers = await Promise.all(
        racers.map(async (user) => {
          const [deleted, defaulted] = await Promise.all([
            remove(user.id, mobile),
            setPreferences({ userId: user.id, userPreferredMethodForSecondaryAuthentication: 'sms' }),
          ])
          return `delete ${codes(deleted)[0] ?? 'ok'}, default ${codes(defaulted)[0] ?? 'ok'}`
        }),
      )
      for (const answer of answers) {
        expect(['delete ok, default BAD_USER_INPUT', 'delete DEFAULT_METHOD_CANNOT_BE_DELETED, default ok']).toContain(answer)
      }
      const stored = await gateway.db.client.user.findMany({
        where: { id: { in: racers.map((user) => user.id) } },
        select: { userPreferredMethodForSecondaryAuthentication: true, phoneMethods: { select: { phoneType: true } } },
      })
      for (const user of stored) {
        expect(user.userPreferredMethodForSecondaryAuthentication === null || user.phoneMethods.length === 1).toBe(true)
      }
    }
  })
})

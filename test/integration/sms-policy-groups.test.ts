// The SMS policy with groups (docs/rules.md; the seed file format in README.md), its reset, and what an update
// that keeps the number does to SMS sign-in (§6 rule 7).
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { PHONE_METHOD_ID } from '../../src/domain/phone-method.ts'
import { seed, type SeedFile } from '../../src/db/seed.ts'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { people, personaTokens, testTenants } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const { mobile } = PHONE_METHOD_ID
const PILOT = 'group-sms-pilot'
const SALES = 'group-sales'
const FABRIKAM_GROUP = 'group-fabrikam'
const POLICY = 'id state includeTargets { id targetType isUsableForSignIn } excludeTargets { id targetType }'
const DEFAULT_POLICY = { id: 'Sms', state: 'enabled', includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: true }], excludeTargets: [] }

/** The test tenants with groups: contoso's pilot and sales with these members, fabrikam's own group. */
function tenantsWith(pilot: string[], sales: string[]): SeedFile {
  const groups: Record<string, { id: string; displayName: string; members: string[] }[]> = {
    contoso: [
      { id: PILOT, displayName: 'SMS pilot', members: pilot },
      { id: SALES, displayName: 'Sales', members: sales },
    ],
    fabrikam: [{ id: FABRIKAM_GROUP, displayName: 'Fabrikam', members: [people.outsider.id] }],
  }
  return { tenants: testTenants.tenants.map((tenant) => ({ ...tenant, groups: groups[tenant.id] })) }
}

describeOnEachDatabase('the SMS policy with groups on %s', (provider) => {
  let gateway: TestGateway
  let tokens: Awaited<ReturnType<typeof personaTokens>>
  const [kim, lee, reader] = [people.kim.id, people.lee.id, people.reader.id]

  const run = (query: string, variables?: Record<string, unknown>) => gateway.graphql(tokens.app, query, variables)
  const setPolicy = (input: Record<string, unknown>) =>
    run(`mutation ($i: SmsAuthenticationMethodConfigurationInput!) { updateSmsAuthenticationMethodConfiguration(input: $i) { ${POLICY} } }`, { i: input })
  const readPolicy = async () => (await run(`{ smsAuthenticationMethodConfiguration { ${POLICY} } }`)).data?.smsAuthenticationMethodConfiguration
  const mobileStates = async () => {
    const response = await run(`query ($k: String!, $l: String!, $r: String!) {
      kim: user(id: $k) { phoneMethods { smsSignInState } }
      lee: user(id: $l) { phoneMethods { smsSignInState } }
      reader: user(id: $r) { phoneMethods { smsSignInState } }
    }`, { k: kim, l: lee, r: reader })
    expect(response.errors).toBeUndefined()
    return Object.fromEntries(Object.entries(response.data!).map(([name, user]) => [name, user.phoneMethods[0]?.smsSignInState]))
  }
  const addMobile = async (userId: string, phoneNumber: string) => {
    const response = await run('mutation ($i: AddPhoneMethodInput!) { addPhoneMethod(input: $i) { smsSignInState } }', {
      i: { userId, phoneNumber, phoneType: 'mobile' },
    })
    expect(codes(response)).toEqual([])
    return response.data?.addPhoneMethod.smsSignInState
  }
  const pilotOnly = { includeTargets: [{ id: PILOT, targetType: 'group', isUsableForSignIn: true }], excludeTargets: [] }

  beforeAll(async () => {
    gateway = await startGateway(provider, { tenants: tenantsWith([kim], [lee]) })
    tokens = await personaTokens()
  })
  beforeEach(async () => {
    await gateway.db.client.$transaction((tx) => tx.phoneMethod.deleteMany({}))
    await seed(gateway.db, tenantsWith([kim], [lee]))
    expect((await run(`mutation { resetSmsAuthenticationMethodConfiguration { ${POLICY} } }`)).data).toEqual({
      resetSmsAuthenticationMethodConfiguration: DEFAULT_POLICY,
    })
  })
  afterAll(() => gateway.close())

  it("include a group target's direct members, and nobody else", async () => {
    for (const [userId, number] of [[kim, '+1 2065550101'], [lee, '+1 2065550102'], [reader, '+1 2065550103']] as const) {
      await addMobile(userId, number)
    }
    const response = await setPolicy(pilotOnly)
    expect(response.data?.updateSmsAuthenticationMethodConfiguration).toEqual({ id: 'Sms', state: 'enabled', ...pilotOnly })
    expect(await mobileStates()).toEqual({ kim: 'ready', lee: 'notAllowedByPolicy', reader: 'notAllowedByPolicy' })
    // The policy decides new registrations and enableSmsSignIn by membership too.
    await gateway.db.client.$transaction((tx) => tx.phoneMethod.deleteMany({ where: { userId: kim } }))
    expect(await addMobile(kim, '+1 2065550104')).toBe('ready')
    const enable = await run(`mutation { enableSmsSignIn(input: { userId: "${lee}", methodId: "${mobile}" }) { smsSignInState } }`)
    expect(codes(enable)).toEqual(['SMS_SIGN_IN_NOT_ALLOWED'])
  })

  it("exclude a group target's direct members, whatever includes them", async () => {
    await addMobile(kim, '+1 2065550101')
    await addMobile(lee, '+1 2065550102')
    expect(codes(await setPolicy({ excludeTargets: [{ id: SALES, targetType: 'group' }] }))).toEqual([])
    expect(await mobileStates()).toEqual({ kim: 'ready', lee: 'notAllowedByPolicy', reader: undefined })
  })

  it('follow a seed that changes the members, from the next read', async () => {
    await addMobile(kim, '+1 2065550101')
    await addMobile(lee, '+1 2065550102')
    await addMobile(reader, '+1 2065550103')
    await setPolicy(pilotOnly)
    expect(await mobileStates()).toEqual({ kim: 'ready', lee: 'notAllowedByPolicy', reader: 'notAllowedByPolicy' })
    // The seed replaces the member list: kim leaves, lee and reader join.
    await seed(gateway.db, tenantsWith([lee, reader], [lee]))
    expect(await mobileStates()).toEqual({ kim: 'notAllowedByPolicy', lee: 'ready', reader: 'ready' })
    const members = await gateway.db.client.groupMember.findMany({ where: { tenantId: 'contoso', groupId: PILOT }, orderBy: { userId: 'asc' } })
    expect(members.map((member) => member.userId)).toEqual([lee, reader].sort())
  })

  it('read every page of users with the groups in one statement, not one per phone', async () => {
    for (const [i, person] of [people.kim, people.lee, people.reader, people.authAdmin, people.policyAdmin, people.globalAdmin].entries()) {
      await addMobile(person.id, `+1 20655502${i}${i}`)
    }
    await setPolicy(pilotOnly)
    gateway.statements.reset()
    const response = await run('{ users(first: 50) { edges { node { id phoneMethods { smsSignInState } } } } }')
    expect(response.errors).toBeUndefined()
    const states = response.data?.users.edges.flatMap((edge: { node: { phoneMethods: { smsSignInState: string }[] } }) =>
      edge.node.phoneMethods.map((phone) => phone.smsSignInState),
    )
    expect(states.sort()).toEqual(['notAllowedByPolicy', 'notAllowedByPolicy', 'notAllowedByPolicy', 'notAllowedByPolicy', 'notAllowedByPolicy', 'ready'])
    expect(gateway.statements.sql.filter((sql) => sql.includes('GroupMember'))).toHaveLength(1)
    // A policy that names no group reads no group.
    await run('mutation { resetSmsAuthenticationMethodConfiguration { id } }')
    gateway.statements.reset()
    await run('{ users(first: 50) { edges { node { phoneMethods { smsSignInState } } } } }')
    expect(gateway.statements.sql.filter((sql) => sql.includes('GroupMember'))).toHaveLength(0)
  })

  it.each([
    ['a group that does not exist', { id: 'group-nobody', targetType: 'group' }],
    ["another tenant's group", { id: FABRIKAM_GROUP, targetType: 'group' }],
    ['a user id as a group', { id: kim, targetType: 'group' }],
    ['a group id as a user', { id: PILOT, targetType: 'user' }],
  ])('refuse %s as a target: BAD_USER_INPUT, nothing changed', async (_name, target) => {
    const inputs = [
      { input: { includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: true }, { ...target, isUsableForSignIn: true }] }, field: 'input.includeTargets.1.id' },
      { input: { excludeTargets: [target] }, field: 'input.excludeTargets.0.id' },
    ]
    for (const { input, field } of inputs) {
      const response = await setPolicy(input)
      expect(codes(response)).toEqual(['BAD_USER_INPUT'])
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field })
      expect(response.data ?? null).toBeNull()
      expect(await readPolicy()).toEqual(DEFAULT_POLICY)
    }
  })

  it('reset back to the default, with the permission a change needs', async () => {
    await setPolicy({ state: 'disabled', ...pilotOnly, excludeTargets: [{ id: SALES, targetType: 'group' }] })
    const refused = await gateway.graphql(tokens.admin, 'mutation { resetSmsAuthenticationMethodConfiguration { id } }')
    expect(codes(refused)).toEqual(['FORBIDDEN'])
    expect((await readPolicy()).state).toBe('disabled')
    const reset = await gateway.graphql(tokens.policyAdmin, `mutation { resetSmsAuthenticationMethodConfiguration { ${POLICY} } }`)
    expect(reset.data).toEqual({ resetSmsAuthenticationMethodConfiguration: DEFAULT_POLICY })
    expect(await readPolicy()).toEqual(DEFAULT_POLICY)
  })

  it('seed refuses a member who is not a user of the tenant, and writes none of that tenant\'s groups', async () => {
    await expect(seed(gateway.db, tenantsWith([kim, people.outsider.id], [lee]))).rejects.toThrow(/group members must be users of the tenant/)
    const members = await gateway.db.client.groupMember.findMany({ where: { tenantId: 'contoso', groupId: PILOT } })
    expect(members.map((member) => member.userId)).toEqual([kim])
  })
})

describeOnEachDatabase('an update that keeps the number, on %s', (provider) => {
  let gateway: TestGateway
  let token: string
  const kim = people.kim.id

  const run = (query: string) => gateway.graphql(token, query)
  const update = async (phoneNumber: string) => {
    const response = await run(`mutation { updatePhoneMethod(input: { userId: "${kim}", methodId: "${mobile}", phoneNumber: "${phoneNumber}" }) { phoneNumber smsSignInState } }`)
    expect(codes(response)).toEqual([])
    return response.data?.updatePhoneMethod
  }
  const registration = async () =>
    (await gateway.db.client.phoneMethod.findFirst({ where: { userId: kim, phoneType: 'mobile' } }))?.smsSignInRegistration

  beforeAll(async () => {
    gateway = await startGateway(provider)
    token = (await personaTokens()).app
  })
  afterAll(() => gateway.close())

  it("keeps a user's disableSmsSignIn; a changed number registers again", async () => {
    await run(`mutation { addPhoneMethod(input: { userId: "${kim}", phoneNumber: "+1 2065555555", phoneType: mobile }) { id } }`)
    await run(`mutation { disableSmsSignIn(input: { userId: "${kim}", methodId: "${mobile}" }) { id } }`)
    expect(await update('+1 2065555555')).toEqual({ phoneNumber: '+1 2065555555', smsSignInState: 'notEnabled' })
    expect(await registration()).toBe('notEnabled')
    expect(await update('+1 2065555556')).toEqual({ phoneNumber: '+1 2065555556', smsSignInState: 'ready' })
    expect(await registration()).toBe('registered')
    // Kept while registered, too: the number stays held.
    expect(await update('+1 2065555556')).toEqual({ phoneNumber: '+1 2065555556', smsSignInState: 'ready' })
    expect(await registration()).toBe('registered')
  })
})

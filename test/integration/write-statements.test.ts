// What a phone write sends to the database (issue 15): the SMS policy is read
// once, inside the transaction, and the answer derives from that read (§6
// rule 7 allows it); the user's phones and the number's holder come from one
// statement.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import type { SeedFile } from '../../src/db/seed.ts'
import { PHONE_METHOD_ID } from '../../src/domain/phone-method.ts'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { people, personaTokens, testTenants } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const ADD = `mutation ($i: AddPhoneMethodInput!) {
  addPhoneMethod(input: $i) { phoneNumber smsSignInState user { phoneMethods { phoneType smsSignInState } } }
}`
const DELETE = 'mutation ($i: PhoneMethodRefInput!) { deletePhoneMethod(input: $i) { methodId } }'
/** A read of phone rows (Prisma's own statements name the table with its schema). */
const PHONE_READ = /^\s*SELECT[\s\S]*FROM [`"\w.]*PhoneMethod/
const PILOT = 'group-sms-pilot'
/** The test tenants, with kim in contoso's SMS pilot group. */
const withPilotGroup: SeedFile = {
  tenants: testTenants.tenants.map((tenant) =>
    tenant.id === 'contoso' ? { ...tenant, groups: [{ id: PILOT, displayName: 'SMS pilot', members: [people.kim.id] }] } : tenant,
  ),
}
const SET_POLICY = 'mutation ($i: SmsAuthenticationMethodConfigurationInput!) { updateSmsAuthenticationMethodConfiguration(input: $i) { id } }'

describeOnEachDatabase('the statements of a phone write on %s', (provider) => {
  let gateway: TestGateway
  let token: string
  const [kim, lee] = [people.kim.id, people.lee.id]
  const mobile = { userId: kim, methodId: PHONE_METHOD_ID.mobile }

  const statements = (pattern: RegExp) => gateway.statements.sql.filter((sql) => pattern.test(sql))
  const addMobile = async (phoneNumber: string) => {
    gateway.statements.reset()
    const response = await gateway.graphql(token, ADD, { i: { userId: kim, phoneNumber, phoneType: 'mobile' } })
    expect(codes(response)).toEqual([])
    return response.data!.addPhoneMethod
  }

  beforeAll(async () => {
    gateway = await startGateway(provider, { tenants: withPilotGroup })
    token = (await personaTokens()).app
  })
  beforeEach(async () => {
    await gateway.graphql(token, 'mutation { resetSmsAuthenticationMethodConfiguration { id } }')
    await gateway.db.client.$transaction((tx) => tx.phoneMethod.deleteMany({ where: { tenantId: 'contoso', userId: { in: [kim, lee] } } }))
  })
  afterAll(() => gateway?.close())

  it('reads the policy once for an add and its answer, and the phones with the number holder in one statement', async () => {
    const answer = await addMobile('+1 2065550100')
    expect(answer).toEqual({ phoneNumber: '+1 2065550100', smsSignInState: 'ready', user: { phoneMethods: [{ phoneType: 'mobile', smsSignInState: 'ready' }] } })
    expect(statements(/"SmsPolicy"/)).toHaveLength(1)
    const phoneReads = statements(PHONE_READ)
    // One read of the user's phones and the number's holder inside the transaction, one for the answer's user { phoneMethods }.
    expect(phoneReads, phoneReads.join('\n')).toHaveLength(2)
    expect(phoneReads[0]).toMatch(/UNION ALL/)
  })

  it("derives the answer from the policy the transaction decided with, and from the user's groups it read", async () => {
    await gateway.graphql(token, SET_POLICY, { i: { includeTargets: [{ id: PILOT, targetType: 'group', isUsableForSignIn: true }] } })
    const answer = await addMobile('+1 2065550101')
    expect(answer.smsSignInState).toBe('ready')
    expect(answer.user.phoneMethods).toEqual([{ phoneType: 'mobile', smsSignInState: 'ready' }])
    expect(statements(/"SmsPolicy"/)).toHaveLength(1)
    expect(statements(/GroupMember/)).toHaveLength(1)
  })

  it('reads the policy again in a later field of the same request that changed it', async () => {
    gateway.statements.reset()
    const response = await gateway.graphql(
      token,
      `mutation ($a: AddPhoneMethodInput!, $b: AddPhoneMethodInput!, $p: SmsAuthenticationMethodConfigurationInput!) {
        first: addPhoneMethod(input: $a) { smsSignInState }
        updateSmsAuthenticationMethodConfiguration(input: $p) { state }
        second: addPhoneMethod(input: $b) { smsSignInState user { phoneMethods { smsSignInState } } }
      }`,
      {
        a: { userId: kim, phoneNumber: '+1 2065550102', phoneType: 'mobile' },
        b: { userId: lee, phoneNumber: '+1 2065550112', phoneType: 'mobile' },
        p: { state: 'disabled' },
      },
    )
    expect(codes(response)).toEqual([])
    expect(response.data).toEqual({
      first: { smsSignInState: 'ready' },
      updateSmsAuthenticationMethodConfiguration: { state: 'disabled' },
      second: { smsSignInState: 'notAllowedByPolicy', user: { phoneMethods: [{ smsSignInState: 'notAllowedByPolicy' }] } },
    })
    const after = await gateway.graphql(token, `{ user(id: "${kim}") { phoneMethods { smsSignInState } } }`)
    expect(after.data!.user.phoneMethods).toEqual([{ smsSignInState: 'notAllowedByPolicy' }])
  })

  it('deletes with one read of the phones and no policy read', async () => {
    await addMobile('+1 2065550103')
    gateway.statements.reset()
    const response = await gateway.graphql(token, DELETE, { i: mobile })
    expect(codes(response)).toEqual([])
    expect(statements(/"SmsPolicy"/)).toHaveLength(0)
    expect(statements(PHONE_READ)).toHaveLength(1)
  })
})

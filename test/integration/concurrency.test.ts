import { afterAll, beforeAll, expect, it } from 'vitest'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { people, personaTokens } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const ADD = /* GraphQL */ `
  mutation Add($userId: String!, $phoneNumber: String!, $phoneType: PhoneType!) {
    addPhoneMethod(input: { userId: $userId, phoneNumber: $phoneNumber, phoneType: $phoneType }) { id smsSignInState }
  }
`

const tally = (values: unknown[]) =>
  values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [String(value)]: (counts[String(value)] ?? 0) + 1 }), {})

describeOnEachDatabase('concurrent writes on %s', (provider) => {
  let gateway: TestGateway
  let tokens: Awaited<ReturnType<typeof personaTokens>>

  beforeAll(async () => {
    gateway = await startGateway(provider)
    tokens = await personaTokens()
  })
  afterAll(() => gateway.close())

  it('lets exactly one of 20 simultaneous adds of the same type win', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        gateway.graphql(tokens.admin, ADD, { userId: people.kim.id, phoneNumber: `+1 20655501${String(i).padStart(2, '0')}`, phoneType: 'mobile' }),
      ),
    )
    expect(tally(responses.map((response) => codes(response)[0] ?? 'ok'))).toEqual({ ok: 1, PHONE_TYPE_ALREADY_EXISTS: 19 })
    const stored = await gateway.db.client.phoneMethod.findMany({ where: { tenantId: 'contoso', userId: people.kim.id } })
    expect(stored).toHaveLength(1)
  })

  it('lets at most one of several users racing for the same number end ready', async () => {
    const racers = [people.lee, people.reader, people.authAdmin, people.policyAdmin, people.globalAdmin]
    const responses = await Promise.all(
      racers.map((user) => gateway.graphql(tokens.admin, ADD, { userId: user.id, phoneNumber: '+44 2071234567', phoneType: 'mobile' })),
    )
    expect(responses.map(codes).flat()).toEqual([])
    const states = responses.map((response) => response.data?.addPhoneMethod.smsSignInState)
    expect(tally(states)).toEqual({ ready: 1, phoneNumberNotUnique: racers.length - 1 })
    const holders = await gateway.db.client.phoneMethod.count({ where: { tenantId: 'contoso', smsSignInNumber: '+442071234567' } })
    expect(holders).toBe(1)
  })
})

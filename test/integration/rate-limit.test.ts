// MUTATION_RATE_LIMIT counts every mutation field an operation executes,
// however the document writes it: aliases, inline fragments, fragment
// spreads, and each operation of a batch. Each test is its own caller (an
// app token with its own subject), so its bucket starts full at 3.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { people, scopes, tokenFor } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const LIMIT = 3

const add = (alias: string, userId: string, phoneNumber: string, phoneType = 'office') =>
  `${alias}: addPhoneMethod(input: { userId: "${userId}", phoneNumber: "${phoneNumber}", phoneType: ${phoneType} }) { id }`

const targets = [people.kim, people.lee, people.admin, people.authAdmin, people.reader]

describeOnEachDatabase('the mutation rate limit on %s', (provider) => {
  let gateway: TestGateway
  const caller = (name: string) => tokenFor({ sub: `app-${name}`, roles: [scopes.writeAll] })
  const stored = (phoneNumber: string) => gateway.db.client.phoneMethod.count({ where: { tenantId: 'contoso', phoneNumber } })

  beforeAll(async () => {
    gateway = await startGateway(provider, { mutationRateLimit: LIMIT })
  })
  afterAll(() => gateway.close())

  it('counts aliased fields inside an inline fragment: two documents of five run nothing', async () => {
    const token = await caller('inline')
    const five = `mutation { ... on Mutation { ${targets.map((person, i) => add(`m${i}`, person.id, '+1 2065550101')).join(' ')} } }`
    for (const attempt of [1, 2]) {
      const refused = await gateway.graphql(token, five)
      expect(codes(refused), `attempt ${attempt}`).toEqual(['RATE_LIMITED'])
      expect(refused.status).toBe(429)
      expect(refused.data ?? null).toBeNull()
    }
    expect(await stored('+1 2065550101')).toBe(0)
  })

  it('charges an inline fragment of three as three: the next mutation is refused', async () => {
    const token = await caller('inline-three')
    const three = `mutation { ... on Mutation { ${targets.slice(0, 3).map((person, i) => add(`m${i}`, person.id, '+1 2065550102')).join(' ')} } }`
    expect(codes(await gateway.graphql(token, three))).toEqual([])
    expect(codes(await gateway.graphql(token, `mutation { ${add('late', people.authAdmin.id, '+1 2065550102')} }`))).toEqual(['RATE_LIMITED'])
    expect(await stored('+1 2065550102')).toBe(3)
  })

  it('counts the fields of named fragments, nested ones included', async () => {
    const token = await caller('named')
    const document = `
      mutation Spread { ...First ... on Mutation { ...Second } }
      fragment First on Mutation { ${add('a', people.kim.id, '+1 2065550103')} ${add('b', people.lee.id, '+1 2065550103')} }
      fragment Second on Mutation { ${add('c', people.admin.id, '+1 2065550103')} ${add('d', people.authAdmin.id, '+1 2065550103')} }`
    expect(codes(await gateway.graphql(token, document))).toEqual(['RATE_LIMITED'])
    expect(await stored('+1 2065550103')).toBe(0)
  })

  it('does not charge fields that @skip or @include leave out', async () => {
    const token = await caller('skip')
    const document = `mutation ($no: Boolean = false) {
      ${add('a', people.authAdmin.id, '+1 2065550104')}
      ${add('b', people.reader.id, '+1 2065550104')}
      ... on Mutation @include(if: $no) { ${add('c', people.kim.id, '+1 2065550104')} ${add('d', people.lee.id, '+1 2065550104')} }
    }`
    expect(codes(await gateway.graphql(token, document))).toEqual([])
    expect(await stored('+1 2065550104')).toBe(2)
  })

  it('charges each operation of a batch: the fourth mutation of a batch of four is refused', async () => {
    const token = await caller('batch')
    const operations = targets.slice(0, 4).map((person) => ({ query: `mutation { ${add('m', person.id, '+1 2065550105', 'mobile')} }` }))
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(operations),
    })
    const results = (await response.json()) as { errors?: { extensions?: { code?: string } }[] }[]
    expect(results.map((result) => result.errors?.map((error) => error.extensions?.code) ?? [])).toEqual([[], [], [], ['RATE_LIMITED']])
    expect(await stored('+1 2065550105')).toBe(3)
  })
})

import { afterAll, beforeAll, expect, it } from 'vitest'
import { PHONE_METHOD_ID, PHONE_TYPES } from '../../src/domain/phone-method.ts'
import { DirectoryRole } from '../../src/domain/principal.ts'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { scopes, tokenFor } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const USERS = 130
const admin = { id: 'u-admin', userPrincipalName: 'admin@many.example', directoryRoles: [DirectoryRole.privilegedAuthenticationAdministrator] }
const many = Array.from({ length: USERS }, (_, i) => ({
  id: `u-${String(i).padStart(4, '0')}`,
  userPrincipalName: `user${i}@many.example`,
  displayName: `User ${i}`,
  directoryRoles: [],
}))

const PAGE = /* GraphQL */ `
  query Page($first: Int, $after: String) {
    users(first: $first, after: $after) {
      edges { cursor node { id phoneMethods { id } } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`

describeOnEachDatabase('users and phoneMethods on %s', (provider) => {
  let gateway: TestGateway
  let token: string

  beforeAll(async () => {
    gateway = await startGateway(provider, { tenants: { tenants: [{ id: 'many', users: [admin, ...many] }] } })
    token = await tokenFor({ tid: 'many', sub: admin.id, scp: scopes.writeAll, wids: admin.directoryRoles })
    // Every third user gets one to three phones, straight into the database.
    const owners = many.filter((_, i) => i % 3 === 0)
    await gateway.db.client.$transaction((tx) =>
      tx.phoneMethod.createMany({
        data: owners.flatMap((user, j) =>
          PHONE_TYPES.slice(0, 1 + (j % 3)).map((phoneType) => ({
            tenantId: 'many',
            userId: user.id,
            phoneType,
            phoneNumber: '+1 2065550100',
          })),
        ),
      }),
    )
  })
  afterAll(() => gateway.close())

  it('reads 100 users with their phones in at most 3 SQL statements', async () => {
    gateway.statements.reset()
    const response = await gateway.graphql(token, PAGE, { first: 100 })
    expect(response.errors).toBeUndefined()
    expect(response.data?.users.edges).toHaveLength(100)
    expect(gateway.statements.count, gateway.statements.sql.join('\n')).toBeLessThanOrEqual(3)
    const withPhones = response.data?.users.edges.filter((edge: any) => edge.node.phoneMethods.length > 0)
    expect(withPhones.length).toBe(34)
  })

  it('reads a page of users and their phones in two statements, whether the phones are asked directly or through fragments', async () => {
    const direct = '{ users(first: 100) { edges { node { id phoneMethods { id } } } } }'
    const fragments = `{ users(first: 100) { edges { ... on UserEdge { node { ...Phones } } } } }
      fragment Phones on User { id ... on User { phoneMethods { id } } }`
    const counted = async (query: string) => {
      gateway.statements.reset()
      const response = await gateway.graphql(token, query)
      expect(response.errors).toBeUndefined()
      return { data: response.data, statements: gateway.statements.count }
    }
    const [a, b] = [await counted(direct), await counted(fragments)]
    expect(b).toEqual(a)
    expect(a.statements).toBe(2)
  })

  it('keeps the statement count constant when smsSignInState is asked for too', async () => {
    gateway.statements.reset()
    const response = await gateway.graphql(token, '{ users(first: 100) { edges { node { phoneMethods { id smsSignInState } } } } }')
    expect(response.errors).toBeUndefined()
    expect(gateway.statements.count, gateway.statements.sql.join('\n')).toBeLessThanOrEqual(4)
  })

  it("reads one user, their phones and the SMS policy their phones' states derive from in one statement, by id or by userPrincipalName", async () => {
    const query = 'query One($id: String!) { user(id: $id) { id phoneMethods { methodId phoneType phoneNumber smsSignInState } } }'
    for (const id of ['u-0003', 'USER3@many.example']) {
      gateway.statements.reset()
      const response = await gateway.graphql(token, query, { id })
      expect(response.errors).toBeUndefined()
      expect(response.data?.user).toEqual({
        id: 'u-0003',
        phoneMethods: [
          { methodId: PHONE_METHOD_ID.mobile, phoneType: 'mobile', phoneNumber: '+1 2065550100', smsSignInState: 'notEnabled' },
          { methodId: PHONE_METHOD_ID.alternateMobile, phoneType: 'alternateMobile', phoneNumber: '+1 2065550100', smsSignInState: 'notSupported' },
        ],
      })
      expect(gateway.statements.count, gateway.statements.sql.join('\n')).toBe(1)
    }
    gateway.statements.reset()
    const phoneless = await gateway.graphql(token, query, { id: 'u-0001' })
    expect(phoneless.data?.user).toEqual({ id: 'u-0001', phoneMethods: [] })
    expect(gateway.statements.count).toBe(1)
  })

  it('pages through every user once, in id order, with keyset cursors', async () => {
    const seen: string[] = []
    let after: string | null = null
    let pages = 0
    for (;;) {
      const response: any = await gateway.graphql(token, PAGE, { first: 50, after })
      expect(response.errors).toBeUndefined()
      const { edges, pageInfo } = response.data.users
      seen.push(...edges.map((edge: any) => edge.node.id))
      expect(pageInfo.endCursor).toBe(edges.at(-1)?.cursor ?? null)
      expect(pageInfo.startCursor).toBe(edges[0]?.cursor ?? null)
      expect(pageInfo.hasPreviousPage).toBe(false)
      pages++
      if (!pageInfo.hasNextPage) break
      after = pageInfo.endCursor
    }
    expect(pages).toBe(3)
    expect(seen).toEqual([admin.id, ...many.map((user) => user.id)].sort())
  })

  it('defaults to 50 users a page', async () => {
    const response = await gateway.graphql(token, PAGE)
    expect(response.data?.users.edges).toHaveLength(50)
  })

  it.each([0, -1, 201])('refuses first: %i with BAD_USER_INPUT', async (first) => {
    const response = await gateway.graphql(token, PAGE, { first })
    expect(codes(response)).toEqual(['BAD_USER_INPUT'])
    expect(response.errors?.[0]?.message).toContain('between 1 and 200')
  })

  it('refuses a cursor it did not make', async () => {
    for (const after of ['garbage', Buffer.from('user:').toString('base64'), 'dXNlcjp1LTAwMDE=']) {
      expect(codes(await gateway.graphql(token, PAGE, { first: 5, after }))).toEqual(['BAD_USER_INPUT'])
    }
  })

  it('finds the same phones of one user whether they are asked directly or through fragments', async () => {
    const direct = await gateway.graphql(token, '{ user(id: "u-0003") { id phoneMethods { id phoneType } } }')
    const fragments = await gateway.graphql(
      token,
      '{ user(id: "u-0003") { ...Phones } } fragment Phones on User { id ... on User { phoneMethods { id phoneType } } }',
    )
    expect(direct.errors).toBeUndefined()
    expect(fragments.data).toEqual(direct.data)
    expect(direct.data?.user.phoneMethods).toHaveLength(2)
  })

  it('finds one user by id or userPrincipalName, null when absent', async () => {
    const query = 'query ($id: String!) { user(id: $id) { id userPrincipalName displayName phoneMethods { methodId } } }'
    const byId = await gateway.graphql(token, query, { id: 'u-0003' })
    expect(byId.data?.user).toEqual({
      id: 'u-0003',
      userPrincipalName: 'user3@many.example',
      displayName: 'User 3',
      phoneMethods: [{ methodId: PHONE_METHOD_ID.mobile }, { methodId: PHONE_METHOD_ID.alternateMobile }],
    })
    expect((await gateway.graphql(token, query, { id: 'USER3@many.example' })).data?.user.id).toBe('u-0003')
    const absent = await gateway.graphql(token, query, { id: 'nobody@many.example' })
    expect(absent.errors).toBeUndefined()
    expect(absent.data).toEqual({ user: null })
  })

  it('answers me with the signed-in user', async () => {
    const response = await gateway.graphql(token, '{ me { id userPrincipalName phoneMethods { id } } }')
    expect(response.data).toEqual({ me: { id: admin.id, userPrincipalName: admin.userPrincipalName, phoneMethods: [] } })
  })
})

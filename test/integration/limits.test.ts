// Hostile documents are refused before they run (docs/limits.md): errors, no data.
import { getIntrospectionQuery } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { personaTokens } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

describeOnEachDatabase('request limits on %s', (provider) => {
  let gateway: TestGateway
  let token: string
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })

  beforeAll(async () => {
    gateway = await startGateway(provider)
    token = (await personaTokens()).admin
  })
  afterAll(() => gateway.close())

  it('lets GraphiQL introspect the schema', async () => {
    const response = await gateway.graphql(token, getIntrospectionQuery())
    expect(response.errors).toBeUndefined()
    expect(response.data?.__schema.queryType.name).toBe('Query')
  })

  it('refuses more than 15 aliases', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ')
    const response = await gateway.graphql(token, `{ ${aliases} }`)
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
    expect(response.errors?.[0]?.message).toBe('the document uses more than 15 aliases')
    expect(response.data).toBeUndefined()
    const fifteen = Array.from({ length: 15 }, (_, i) => `a${i}: me { id }`).join(' ')
    expect((await gateway.graphql(token, `{ ${fifteen} }`)).errors).toBeUndefined()
  })

  // The schema's own fields reach depth 5 (users → edges → node →
  // phoneMethods → id); only introspection goes deeper, and it is exempt.
  it('exempts introspection from the depth limit', async () => {
    const ofType = (depth: number): string => (depth === 0 ? 'name' : `name ofType { ${ofType(depth - 1)} }`)
    const response = await gateway.graphql(token, `{ __schema { types { fields { type { ${ofType(9)} } } } } }`)
    expect(response.errors).toBeUndefined()
  })

  it('refuses documents deeper than the configured depth, and too costly ones', async () => {
    const strict = await startGateway(provider, { limits: { depth: 3, cost: 50 } })
    try {
      const deep = await strict.graphql(token, '{ users(first: 1) { edges { node { phoneMethods { id } } } } }')
      expect(codes(deep)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
      expect(deep.errors?.[0]?.message).toBe('the document nests fields more than 3 levels deep')
      expect(deep.data).toBeUndefined()
      const costly = await strict.graphql(token, '{ users(first: 30) { edges { node { id } } } }')
      expect(codes(costly)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
      expect(costly.errors?.[0]?.message).toMatch(/^the document costs 61, more than the limit of 50 /)
      expect((await strict.graphql(token, '{ me { id } }')).errors).toBeUndefined()
    } finally {
      await strict.close()
    }
  })

  // Each user 1 + its node 1 + three phones: 5 per user, 1002 for the page.
  it('prices a page of users by its size: four full pages of 200 pass, five are refused', async () => {
    const page = (alias: string) =>
      `${alias}: users(first: 200) { edges { cursor node { id userPrincipalName displayName phoneMethods { id phoneNumber phoneType smsSignInState } } } pageInfo { hasNextPage endCursor } }`
    const pages = (n: number) => `{ ${Array.from({ length: n }, (_, i) => page(`p${i}`)).join(' ')} }`
    expect((await gateway.graphql(token, pages(4))).errors).toBeUndefined()
    const five = await gateway.graphql(token, pages(5))
    expect(codes(five)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
    expect(five.errors?.[0]?.message).toMatch(/^the document costs 5010, more than the limit of 5000 /)
    expect(five.data).toBeUndefined()
  })

  describe('prices pages at the size they will be served', () => {
    const USERS = 'query($f: Int) { users(first: $f) { edges { node { id } } } }'
    const refused = (response: { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown }, cost: number) => {
      expect(codes(response as never)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
      expect(response.errors?.[0]?.message).toMatch(new RegExp(`costs ${cost}, more than the limit of 50 `))
      expect(response.data).toBeUndefined()
    }
    let strict: TestGateway
    beforeAll(async () => {
      strict = await startGateway(provider, { limits: { cost: 50 } })
    })
    afterAll(() => strict.close())

    it('a variable at its value, an omitted one at its default, an omitted argument at the schema default', async () => {
      refused(await strict.graphql(token, USERS, { f: 30 }), 61)
      expect((await strict.graphql(token, USERS, { f: 20 })).errors).toBeUndefined()
      refused(await strict.graphql(token, 'query($f: Int = 40) { users(first: $f) { edges { node { id } } } }'), 81)
      // users' own default page is 50 users.
      refused(await strict.graphql(token, '{ users { edges { node { id } } } }'), 101)
      refused(await strict.graphql(token, USERS, { f: null }), 101)
    })

    it('nested pages multiply: 200 users × 50 of their events is at least 10,000', async () => {
      const response = await gateway.graphql(token, '{ users(first: 200) { edges { node { auditEvents(first: 50) { edges { node { id } } } } } } }')
      expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
      const cost = Number(/costs (\d+),/.exec(response.errors![0]!.message)![1])
      expect(cost).toBeGreaterThanOrEqual(200 * 50)
    })

    it('a batch costs the sum of its operations, and is refused whole', async () => {
      const twenty = { query: USERS, variables: { f: 20 } }
      const one = await strict.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify([twenty]),
      })
      expect(one.status).toBe(200)
      const two = await strict.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify([twenty, twenty]),
      })
      expect(two.status).toBe(400)
      const body = (await two.json()) as { errors: { message: string; extensions: { code: string } }[]; data?: unknown }
      expect(body.errors.map((error) => error.extensions.code)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
      expect(body.errors[0]!.message).toMatch(/^the batch costs 82, more than the limit of 50 /)
      expect(body.data).toBeUndefined()
    })
  })

  it('refuses a document of more than 1000 tokens', async () => {
    const response = await gateway.graphql(token, `{ me { ${'id '.repeat(1000)} } }`)
    expect(response.status).toBe(400)
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
    expect(response.errors?.[0]?.message).toMatch(/^the document has more than 1000 tokens/)
    expect(response.data).toBeUndefined()
  })

  it('refuses more than 10 operations in a batch as a bad request (400, not 413: the body is not too large)', async () => {
    const eleven = Array.from({ length: 11 }, () => ({ query: '{ me { id } }' }))
    const response = await post(eleven)
    expect(response.status).toBe(400)
    const refusal = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] }
    expect(refusal.errors.map((error) => error.extensions.code)).toEqual(['BAD_REQUEST'])
    expect(refusal.errors[0]!.message).toBe('the batch is too large: it has 11 operations, and a request may carry at most 10')
    const ten = await post(eleven.slice(1))
    expect(ten.status).toBe(200)
    expect(await ten.json()).toHaveLength(10)
  })

  it('answers a body over 1 MiB with 413', async () => {
    const big = JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(1024 * 1024) } })
    const response = await post(big, { 'content-length': String(Buffer.byteLength(big)) })
    expect(response.status).toBe(413)
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST')
  })

  it('wants a body to declare its length: 411 without it, 400 for a malformed one', async () => {
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify({ query: '{ me { id } }' })))
        controller.close()
      },
    })
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: chunked,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(411)
    expect((await post('{"query":"{ me { id } }"}', { 'content-length': 'lots' })).status).toBe(400)
  })

  // With introspection off they are hidden: test/integration/error-codes.test.ts.
  it('suggests field names while introspection is on', async () => {
    const response = await gateway.graphql(token, '{ me { userPrincipalNam } }')
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
    expect(response.errors?.[0]?.message).toBe('Cannot query field "userPrincipalNam" on type "User". Did you mean "userPrincipalName"?')
  })
})

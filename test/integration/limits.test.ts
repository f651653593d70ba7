// Hostile documents are refused before they run (CONTRACT §3): errors, no data.
import { getIntrospectionQuery } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { providers } from '../support/databases.ts'
import { codes, startGateway, type TestGateway } from '../support/gateway.ts'
import { personaTokens } from '../support/tenants.ts'

describe.each(providers)('request limits on %s', (provider) => {
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
      const deep = await strict.graphql(token, '{ users { edges { node { phoneMethods { id } } } } }')
      expect(codes(deep)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
      expect(deep.errors?.[0]?.message).toBe('the document nests fields more than 3 levels deep')
      expect(deep.data).toBeUndefined()
      const costly = await strict.graphql(token, `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: me { id userPrincipalName displayName }`).join(' ')} }`)
      expect(codes(costly)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
      expect(costly.errors?.[0]?.message).toMatch(/^the document costs more than 50 /)
      expect((await strict.graphql(token, '{ me { id } }')).errors).toBeUndefined()
    } finally {
      await strict.close()
    }
  })

  it('prices a page of users by its size: a full page of 200 passes, three of them are refused', async () => {
    const page = (alias: string) =>
      `${alias}: users(first: 200) { edges { cursor node { id userPrincipalName displayName phoneMethods { id phoneNumber phoneType smsSignInState } } } pageInfo { hasNextPage endCursor } }`
    expect((await gateway.graphql(token, `{ ${page('a')} }`)).errors).toBeUndefined()
    const three = await gateway.graphql(token, `{ ${page('a')} ${page('b')} ${page('c')} }`)
    expect(codes(three)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
    expect(three.errors?.[0]?.message).toMatch(/^the document costs more than 5000 /)
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

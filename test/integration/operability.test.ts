// What an operator relies on: the mutation rate limit, metrics, request ids,
// and unexpected failures that tell the client nothing internal.
import { hostname } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { capturedLogs } from '../support/harness/captured-logs.ts'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { people, personaTokens, scopes, tokenFor } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const ADD_OFFICE = (userId: string) =>
  `mutation { addPhoneMethod(input: { userId: "${userId}", phoneNumber: "+1 2065550199", phoneType: office }) { id } }`

describeOnEachDatabase('operability on %s', (provider) => {
  let tokens: Awaited<ReturnType<typeof personaTokens>>
  beforeAll(async () => {
    tokens = await personaTokens()
  })

  describe('with MUTATION_RATE_LIMIT=3', () => {
    let gateway: TestGateway
    beforeAll(async () => {
      gateway = await startGateway(provider, { mutationRateLimit: 3 })
    })
    afterAll(() => gateway.close())

    it('refuses the fourth mutation of a caller within a minute with RATE_LIMITED and 429, running nothing', async () => {
      for (const person of [people.kim, people.lee, people.reader]) {
        expect(codes(await gateway.graphql(tokens.admin, ADD_OFFICE(person.id)))).toEqual([])
      }
      const refused = await gateway.graphql(tokens.admin, ADD_OFFICE(people.policyAdmin.id))
      expect(codes(refused)).toEqual(['RATE_LIMITED'])
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      const phones = await gateway.db.client.phoneMethod.count({ where: { tenantId: 'contoso', userId: people.policyAdmin.id } })
      expect(phones).toBe(0)
    })

    it('counts every mutation field of a document, and refuses the whole document', async () => {
      const other = await tokenFor({ sub: 'app-rate', roles: [scopes.writeAll] })
      const two = `mutation {
        a: addPhoneMethod(input: { userId: "${people.globalAdmin.id}", phoneNumber: "+1 2065550198", phoneType: office }) { id }
        b: addPhoneMethod(input: { userId: "${people.authAdmin.id}", phoneNumber: "+1 2065550198", phoneType: office }) { id }
      }`
      expect(codes(await gateway.graphql(other, two))).toEqual([])
      expect(codes(await gateway.graphql(other, two))).toEqual(['RATE_LIMITED'])
      expect(await gateway.db.client.phoneMethod.count({ where: { tenantId: 'contoso', phoneType: 'office', phoneNumber: '+1 2065550198' } })).toBe(2)
    })

    it('limits each caller separately and never limits queries', async () => {
      expect(codes(await gateway.graphql(tokens.admin, '{ me { id } }'))).toEqual([])
      const app = await tokenFor({ sub: 'app-other', roles: [scopes.writeAll] })
      expect(codes(await gateway.graphql(app, ADD_OFFICE(people.policyAdmin.id)))).toEqual([])
    })
  })

  describe('metrics, request ids and masking', () => {
    let gateway: TestGateway
    const logs = capturedLogs()
    beforeAll(async () => {
      gateway = await startGateway(provider, { logger: logs.logger })
    })
    afterAll(() => gateway.close())

    it('serves Prometheus metrics: requests by route and status, operations by type, errors by code', async () => {
      await gateway.graphql(tokens.admin, '{ me { id } }')
      await gateway.graphql(tokens.admin, 'mutation { deletePhoneMethod(input: { userId: "nobody", methodId: "x" }) { id } }')
      const response = await gateway.yoga.fetch('http://gateway.test/metrics')
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toContain('text/plain')
      const text = await response.text()
      expect(text).toMatch(/gateway_http_requests_total\{route="\/graphql",status="200",instance="[^"]+"\} \d+/)
      expect(text).toMatch(/gateway_graphql_operations_total\{type="query",instance="[^"]+"\} [1-9]/)
      expect(text).toMatch(/gateway_graphql_errors_total\{code="NOT_FOUND",instance="[^"]+"\} 1/)
      expect(text).toContain('gateway_http_request_duration_seconds_bucket')
      expect(text).toContain('gateway_db_transaction_retries_total')
      expect(text).toContain('process_resident_memory_bytes')
      if (provider === 'postgres') expect(text).toMatch(/gateway_db_pool_connections\{state="total",instance="[^"]+"\} \d+/)
    })

    it('names the process in every series (host and pid), so that a scrape through a load balancer is attributable', async () => {
      const text = await (await gateway.yoga.fetch('http://gateway.test/metrics')).text()
      const series = text.split('\n').filter((line) => line && !line.startsWith('#'))
      expect(series.length).toBeGreaterThan(10)
      const instance = `instance="${hostname()}:${process.pid}"`
      expect(series.filter((line) => !line.includes(instance))).toEqual([])
    })

    it('answers with its own request id, never the caller’s, and echoes a sane caller id as client-request-id', async () => {
      const gatewayId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
      for (const header of ['x-request-id', 'client-request-id']) {
        const echoed = await gateway.yoga.fetch('http://gateway.test/health', { headers: { [header]: 'trace-42' } })
        expect(echoed.headers.get('x-request-id')).toMatch(gatewayId)
        expect(echoed.headers.get('client-request-id')).toBe('trace-42')
      }
      // The longest sane id is 128 characters; anything longer, or with other characters, is not echoed.
      const longest = 'a'.repeat(128)
      expect((await gateway.yoga.fetch('http://gateway.test/health', { headers: { 'client-request-id': longest } })).headers.get('client-request-id')).toBe(longest)
      for (const odd of ['a'.repeat(129), 'bad id\twith tab', 'x/y', 'semi;colon', '"quoted"']) {
        const made = await gateway.yoga.fetch('http://gateway.test/health', { headers: { 'client-request-id': odd } })
        expect(made.headers.get('x-request-id')).toMatch(gatewayId)
        expect(made.headers.get('client-request-id'), odd).toBeNull()
      }
      // Two requests with the same caller id are still two requests.
      const [first, second] = await Promise.all(
        [1, 2].map(() => gateway.yoga.fetch('http://gateway.test/health', { headers: { 'x-request-id': 'same' } })),
      )
      expect(first!.headers.get('x-request-id')).not.toBe(second!.headers.get('x-request-id'))
    })

    it('logs no error for an expected failure: a refusal is an answer, not a fault', async () => {
      const refused = [
        { token: tokens.admin, query: 'mutation { deletePhoneMethod(input: { userId: "nobody", methodId: "x" }) { id } }', code: 'NOT_FOUND' },
        { token: 'not-a-token', query: '{ me { id } }', code: 'UNAUTHENTICATED' },
      ]
      for (const [index, { token, query, code }] of refused.entries()) {
        const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'client-request-id': `expected-${index}` },
          body: JSON.stringify({ query }),
        })
        expect(codes((await response.json()) as Parameters<typeof codes>[0])).toEqual([code])
      }
      const errors = logs.lines.map((line) => JSON.parse(line)).filter((line) => String(line.clientRequestId).startsWith('expected-') && line.level >= 50)
      expect(errors).toEqual([])
    })

    it('masks an unexpected failure: INTERNAL_SERVER_ERROR, no SQL, no stack; the log line has the request id', async () => {
      await gateway.db.client.$transaction((tx) => tx.$executeRawUnsafe('DROP TABLE "DirectoryRoleAssignment"'))
      const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}`, 'x-request-id': 'masked-1' },
        body: JSON.stringify({ query: ADD_OFFICE(people.kim.id) }),
      })
      const body = await response.text()
      expect(JSON.parse(body).errors).toEqual([
        expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
      ])
      expect(body).not.toMatch(/DirectoryRoleAssignment|SELECT|prisma|\.ts|at /i)
      const logged = logs.lines
        .map((line) => JSON.parse(line))
        .filter((line) => line.requestId === response.headers.get('x-request-id') && line.clientRequestId === 'masked-1' && line.level >= 50)
      expect(logged.length).toBeGreaterThan(0)
      expect(JSON.stringify(logged)).not.toMatch(/\/work\/|\.ts:\d+/)
    })
  })
})

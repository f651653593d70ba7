// The REST routes on the same rules as GraphQL: permissions (self-service,
// /me, masking, another tenant), the shared mutation rate limit, request
// ids, access logs and request metrics; all through Microsoft's Graph client.
import { request as httpRequest } from 'node:http'
import { GraphError, ResponseType, type Client } from '@microsoft/microsoft-graph-client'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DirectoryRole } from '../../src/domain/principal.ts'
import { loadConfig } from '../../src/config.ts'
import { capturedLogs } from '../support/harness/captured-logs.ts'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { failureOf, serveOverHttp, type ServedGateway } from '../support/harness/graph-client.ts'
import { people, personaTokens, scopes, tokenFor } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const MOBILE = '3179e48a-750b-4051-897c-87b9720928f7'
const phonesOf = (userRef: string) => `/users/${userRef}/authentication/phoneMethods`
const SMS_POLICY = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/sms'


/** Graph's code for each status met here; every 404 here is a user that is not in the caller's tenant. */
const GRAPH_CODE: Record<number, string> = {
  400: 'invalidRequest',
  403: 'accessDenied',
  404: 'Request_ResourceNotFound',
  429: 'activityLimitReached',
}

/** The refusal's status, Graph's code for it and the gateway's precise code (innerError.code). */
async function expectRefusal(call: Promise<unknown>, status: number, code: string): Promise<GraphError> {
  const error = await failureOf(call)
  const innerCode = (JSON.parse(error.body) as { innerError: { code: string } }).innerError.code
  expect({ status: error.statusCode, code: error.code, innerCode }, error.message).toEqual({ status, code: GRAPH_CODE[status], innerCode: code })
  return error
}

describeOnEachDatabase('REST access rules on %s', (provider) => {
  let gateway: TestGateway
  let served: ServedGateway
  let tokens: Awaited<ReturnType<typeof personaTokens>>
  let as: (token: string) => Client
  const logs = capturedLogs()

  beforeAll(async () => {
    gateway = await startGateway(provider, { logger: logs.logger })
    served = await serveOverHttp(gateway.yoga)
    tokens = await personaTokens()
    as = (token) => served.client(token)
    await as(tokens.admin).api(phonesOf(people.kim.userPrincipalName)).post({ phoneNumber: '+1 2065555555', phoneType: 'mobile' })
  })
  afterAll(async () => {
    await served?.close()
    await gateway?.close()
  })

  const kimsPhones = () => gateway.db.client.phoneMethod.findMany({ where: { userId: people.kim.id }, orderBy: { phoneType: 'asc' } })

  it('lets a user read and manage their own phones through /me, but never add or update one (403)', async () => {
    const kim = as(tokens.kim)
    const mine = await kim.api('/me/authentication/phoneMethods').get()
    expect(mine.value).toEqual([{ id: MOBILE, phoneNumber: '+1 2065555555', phoneType: 'mobile', smsSignInState: 'ready' }])
    expect(mine['@odata.context']).toContain(`users('${people.kim.id}')`)
    const before = await kimsPhones()
    const added = await expectRefusal(kim.api('/me/authentication/phoneMethods').post({ phoneNumber: '+1 4255550100', phoneType: 'office' }), 403, 'FORBIDDEN')
    expect(added.message).toMatch(/own account/)
    await expectRefusal(kim.api(phonesOf(people.kim.id)).post({ phoneNumber: '+1 4255550100', phoneType: 'office' }), 403, 'FORBIDDEN')
    await expectRefusal(kim.api(`/me/authentication/phoneMethods/${MOBILE}`).patch({ phoneNumber: '+1 2065550100' }), 403, 'FORBIDDEN')
    expect(await kimsPhones()).toEqual(before)
    // Deleting and SMS sign-in are self-service in Graph.
    const disabled: Response = await kim.api(`/me/authentication/phoneMethods/${MOBILE}/disableSmsSignIn`).responseType(ResponseType.RAW).post({})
    expect(disabled.status).toBe(204)
    expect((await kim.api(`/me/authentication/phoneMethods/${MOBILE}`).get()).smsSignInState).toBe('notEnabled')
    await kim.api(`/me/authentication/phoneMethods/${MOBILE}/enableSmsSignIn`).post({})
    expect((await kim.api(`/me/authentication/phoneMethods/${MOBILE}`).get()).smsSignInState).toBe('ready')
    // Another user is out of reach, existing or not, with the same answer.
    const lee = await expectRefusal(kim.api(phonesOf(people.lee.id)).get(), 403, 'FORBIDDEN')
    const nobody = await expectRefusal(kim.api(phonesOf('nobody@contoso.com')).get(), 403, 'FORBIDDEN')
    expect(lee.message).toBe(nobody.message)
  })

  it('refuses /me to an app-only token as Graph does (400 invalidRequest) while the same app reaches /users', async () => {
    const read = await expectRefusal(as(tokens.app).api('/me/authentication/phoneMethods').get(), 400, 'BAD_REQUEST')
    expect(read.message).toBe('/me request is only valid with delegated authentication flow.')
    await expectRefusal(as(tokens.app).api('/me/authentication/phoneMethods').post({ phoneNumber: '+1 4255550100', phoneType: 'office' }), 400, 'BAD_REQUEST')
    await expectRefusal(as(tokens.app).api('/me/authentication/signInPreferences').get(), 400, 'BAD_REQUEST')
    expect((await as(tokens.app).api(phonesOf(people.kim.id)).get()).value).toHaveLength(1)
  })

  it('answers a caller of another tenant 404 NOT_FOUND, as for a user who does not exist, and writes nothing', async () => {
    const outsider = as(tokens.outsider)
    const before = await kimsPhones()
    await expectRefusal(outsider.api(phonesOf(people.kim.userPrincipalName)).get(), 404, 'NOT_FOUND')
    await expectRefusal(outsider.api(phonesOf(people.kim.id)).get(), 404, 'NOT_FOUND')
    await expectRefusal(outsider.api(`${phonesOf(people.kim.id)}/${MOBILE}`).get(), 404, 'NOT_FOUND')
    await expectRefusal(outsider.api(phonesOf(people.kim.id)).post({ phoneNumber: '+1 4255550100', phoneType: 'office' }), 404, 'NOT_FOUND')
    await expectRefusal(outsider.api(`${phonesOf(people.kim.id)}/${MOBILE}`).delete(), 404, 'NOT_FOUND')
    await expectRefusal(outsider.api(`${phonesOf(people.kim.id)}/${MOBILE}/disableSmsSignIn`).post({}), 404, 'NOT_FOUND')
    expect(await kimsPhones()).toEqual(before)
    // fabrikam's own policy is what its caller reads and changes.
    const fabrikamAdmin = as(
      await tokenFor({ tid: 'fabrikam', sub: people.outsider.id, scp: scopes.policyWrite, wids: [DirectoryRole.globalAdministrator] }),
    )
    await fabrikamAdmin.api(SMS_POLICY).patch({ state: 'disabled' })
    expect((await fabrikamAdmin.api(SMS_POLICY).get()).state).toBe('disabled')
    expect((await as(tokens.policyAdmin).api(SMS_POLICY).get()).state).toBe('enabled')
  })

  it('masks other users’ numbers for a Global Reader, as GraphQL does', async () => {
    const read = await as(tokens.reader).api(phonesOf(people.kim.id)).get()
    expect(read.value[0].phoneNumber).toBe('+1 XXXXXXXX55')
    const graphql = await gateway.graphql(tokens.reader, `{ user(id: "${people.kim.id}") { phoneMethods { phoneNumber } } }`)
    expect(graphql.data?.user.phoneMethods[0].phoneNumber).toBe(read.value[0].phoneNumber)
    await expectRefusal(as(tokens.reader).api(phonesOf(people.kim.id)).post({ phoneNumber: '+1 4255550100', phoneType: 'office' }), 403, 'FORBIDDEN')
  })

  it('keeps the SMS policy to policy readers and administrators', async () => {
    await expectRefusal(as(tokens.kim).api(SMS_POLICY).get(), 403, 'FORBIDDEN')
    await expectRefusal(as(tokens.reader).api(SMS_POLICY).patch({ state: 'disabled' }), 403, 'FORBIDDEN')
    expect((await as(tokens.policyAdmin).api(SMS_POLICY).get()).state).toBe('enabled')
  })

  it('echoes the caller’s X-Request-Id as client-request-id, logs each REST request with it and without numbers or tokens, and counts it in /metrics', async () => {
    const response: Response = await as(tokens.admin)
      .api(phonesOf(people.kim.id))
      .header('X-Request-Id', 'rest-trace-0001')
      .responseType(ResponseType.RAW)
      .get()
    expect(response.status).toBe(200)
    expect(response.headers.get('client-request-id')).toBe('rest-trace-0001')
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const refused = await failureOf(as(tokens.admin).api(phonesOf('nobody@contoso.com')).header('X-Request-Id', 'rest-trace-0002').get())
    expect(refused.requestId).toMatch(/^[0-9a-f-]{36}$/)

    const line = logs.lines.map((text) => JSON.parse(text)).find((entry) => entry.clientRequestId === 'rest-trace-0001')
    expect(line).toMatchObject({ msg: 'request', method: 'GET', status: 200, path: `/beta/users/${people.kim.id}/authentication/phoneMethods` })
    const everything = logs.lines.join('\n')
    expect(everything).not.toContain('2065555555')
    expect(everything).not.toContain(tokens.admin)

    const metrics = await (await fetch(`${served.origin}/metrics`)).text()
    expect(metrics).toMatch(/gateway_http_requests_total\{route="\/beta",status="200",instance="[^"]+"\} [1-9]/)
    expect(metrics).toMatch(/gateway_http_requests_total\{route="\/beta",status="404",instance="[^"]+"\} [1-9]/)
  })
})

describeOnEachDatabase('the mutation rate limit on REST and GraphQL together, on %s', (provider) => {
  let gateway: TestGateway
  let served: ServedGateway

  beforeAll(async () => {
    gateway = await startGateway(provider, { mutationRateLimit: 2 })
    served = await serveOverHttp(gateway.yoga)
  })
  afterAll(async () => {
    await served?.close()
    await gateway?.close()
  })

  it('counts each REST write as a mutation of the same caller: the third is 429 RATE_LIMITED with Retry-After, on either edge; reads are never limited', async () => {
    const token = await tokenFor({ sub: 'app-rate-rest', roles: [scopes.writeAll] })
    const app = served.client(token)
    await app.api(phonesOf(people.kim.id)).post({ phoneNumber: '+1 2065550101', phoneType: 'mobile' })
    const graphql = await gateway.graphql(
      token,
      `mutation { addPhoneMethod(input: { userId: "${people.lee.id}", phoneNumber: "+1 2065550102", phoneType: mobile }) { id } }`,
    )
    expect(codes(graphql)).toEqual([])
    const refused = await expectRefusal(app.api(phonesOf(people.reader.id)).post({ phoneNumber: '+1 2065550103', phoneType: 'mobile' }), 429, 'RATE_LIMITED')
    expect(Number(refused.headers?.get('retry-after'))).toBeGreaterThan(0)
    expect(await gateway.db.client.phoneMethod.count({ where: { userId: people.reader.id } })).toBe(0)
    const viaGraphQL = await gateway.graphql(
      token,
      `mutation { addPhoneMethod(input: { userId: "${people.reader.id}", phoneNumber: "+1 2065550103", phoneType: mobile }) { id } }`,
    )
    expect(codes(viaGraphQL)).toEqual(['RATE_LIMITED'])
    for (let read = 0; read < 4; read++) expect((await app.api(phonesOf(people.kim.id)).get()).value).toHaveLength(1)
  })
})

describeOnEachDatabase('server-level rules on the REST routes, on %s', (provider) => {
  let gateway: TestGateway
  let served: ServedGateway
  let token: string
  const logs = capturedLogs()

  beforeAll(async () => {
    // Development's defaults: localhost pages may call, only local host names are answered.
    const { corsOrigins, allowedHosts } = loadConfig({})
    gateway = await startGateway(provider, { logger: logs.logger, corsOrigins, allowedHosts })
    served = await serveOverHttp(gateway.yoga)
    token = (await personaTokens()).admin
  })
  afterAll(async () => {
    await served?.close()
    await gateway?.close()
  })

  /** A raw HTTP/1.1 exchange, so that the Host header can be anything (fetch will not send another). */
  function exchange(path: string, options: { method?: string; headers?: Record<string, string> }) {
    const { port } = new URL(served.origin)
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (response) => {
        response.resume()
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers }))
      })
      request.on('error', reject)
      request.end()
    })
  }

  const corsHeaders = (headers: Record<string, string | string[] | undefined>) =>
    Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith('access-control-') || name === 'vary'))

  it('answers CORS preflights, CORS headers and foreign Host headers exactly as /graphql does', async () => {
    const rest = '/v1.0/me/authentication/phoneMethods'
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8080', 'https://attacker.example']) {
      const preflight = {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      }
      const [graphqlPreflight, restPreflight] = [await exchange('/graphql', preflight), await exchange(rest, preflight)]
      expect({ status: restPreflight.status, cors: corsHeaders(restPreflight.headers) }, origin).toEqual({
        status: graphqlPreflight.status,
        cors: corsHeaders(graphqlPreflight.headers),
      })
      const simple = { headers: { origin, authorization: `Bearer ${token}` } }
      const [graphqlAnswer, restAnswer] = [await exchange('/graphql?query=%7B__typename%7D', simple), await exchange('/v1.0/users/kim@contoso.com/authentication/phoneMethods', simple)]
      expect(corsHeaders(restAnswer.headers), origin).toEqual(corsHeaders(graphqlAnswer.headers))
      const allowed = origin !== 'https://attacker.example'
      expect(restPreflight.headers['access-control-allow-origin'], origin).toBe(allowed ? origin : undefined)
      expect(restAnswer.headers['access-control-allow-origin'], origin).toBe(allowed ? origin : undefined)
      // A page reads a new phone's Location.
      if (allowed) expect(String(restAnswer.headers['access-control-expose-headers'])).toMatch(/\bLocation\b/i)
    }
    // Graph's writes are PATCH and DELETE too: an allowed origin may send them.
    for (const method of ['PATCH', 'DELETE']) {
      const preflight = await exchange(`${rest}/${MOBILE}`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' },
      })
      expect(preflight.status, method).toBeLessThan(300)
      expect(String(preflight.headers['access-control-allow-methods']), method).toContain(method)
      expect(preflight.headers['access-control-allow-origin'], method).toBe('http://localhost:5173')
    }
    for (const host of [`127.0.0.1:${new URL(served.origin).port}`, 'attacker.example']) {
      const headers = { host, authorization: `Bearer ${token}` }
      const [graphqlAnswer, restAnswer] = [await exchange('/graphql?query=%7B__typename%7D', { headers }), await exchange(rest, { headers })]
      expect(restAnswer.status, host).toBe(graphqlAnswer.status)
      expect(restAnswer.status, host).toBe(host === 'attacker.example' ? 421 : 200)
    }
  })

  // Last: it breaks the database on purpose.
  it('masks an unexpected failure as Graph’s 500 INTERNAL_SERVER_ERROR with no detail, and logs it with the request id', async () => {
    await gateway.db.client.$transaction((tx) => tx.$executeRawUnsafe('DROP TABLE "DirectoryRoleAssignment"'))
    const response = await fetch(`${served.origin}/v1.0/users/${people.kim.id}/authentication/phoneMethods`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'rest-masked-1' },
      body: JSON.stringify({ phoneNumber: '+1 2065555555', phoneType: 'mobile' }),
    })
    expect(response.status).toBe(500)
    const body = await response.text()
    expect(JSON.parse(body)).toEqual({
      error: {
        code: 'generalException',
        message: 'Unexpected error.',
        innerError: { code: 'INTERNAL_SERVER_ERROR', 'request-id': response.headers.get('x-request-id'), 'client-request-id': 'rest-masked-1', date: expect.any(String) },
      },
    })
    expect(body).not.toMatch(/DirectoryRoleAssignment|SELECT|prisma|\.ts|at /i)
    const logged = logs.lines
      .map((line) => JSON.parse(line))
      .filter((line) => line.requestId === response.headers.get('x-request-id') && line.clientRequestId === 'rest-masked-1' && line.level >= 50)
    expect(logged).toHaveLength(1)
    expect(JSON.stringify(logged)).not.toMatch(/\/work\/|\.ts:\d+|2065555555/)
  })
})

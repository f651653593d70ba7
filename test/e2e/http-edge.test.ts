// The HTTP edge of the real process (docs/security.md): requests that cannot
// be parsed, the gateway's own request ids (and the caller's kept apart, on
// the audit trail too), the headers of every answer, where absolute links
// point (PUBLIC_URL, ALLOWED_HOSTS, TRUST_PROXY), and METRICS_TOKEN.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { prepareDatabase } from '../support/resilience/invariants.ts'
import { killAll, launchGateway, productionEnv, type LaunchedGateway } from '../support/harness/process.ts'
import { exchangeRaw, head } from '../support/harness/raw-http.ts'
import { people, personaTokens, TEST_SECRET, testTenants } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const GATEWAY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const METRICS_TOKEN = 'metrics-token-for-the-edge-test'
const PHONES = (user: string) => `/beta/users/${user}/authentication/phoneMethods`

type Tokens = Awaited<ReturnType<typeof personaTokens>>

const get = (gateway: LaunchedGateway, path: string, headers: [string, string][] = []) =>
  exchangeRaw(gateway.url, head(`GET ${path} HTTP/1.1`, [['Host', `127.0.0.1:${new URL(gateway.url).port}`], ...headers]))

const postJson = (gateway: LaunchedGateway, path: string, body: unknown, headers: [string, string][]) => {
  const text = JSON.stringify(body)
  const hasHost = headers.some(([name]) => name.toLowerCase() === 'host')
  return exchangeRaw(
    gateway.url,
    head(`POST ${path} HTTP/1.1`, [
      ...(hasHost ? [] : [['Host', `127.0.0.1:${new URL(gateway.url).port}`] as [string, string]]),
      ['Content-Type', 'application/json'],
      ['Content-Length', String(Buffer.byteLength(text))],
      ...headers,
    ]) + text,
  )
}

describe('the HTTP edge of the real process', () => {
  const gateways: LaunchedGateway[] = []
  const dirs: string[] = []
  let tokens: Tokens

  /** A production gateway on its own SQLite file, seeded with the test tenants. */
  const production = async (extra: Record<string, string> = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'http-edge-'))
    dirs.push(dir)
    const url = `file:${join(dir, 'gateway.db')}`
    await prepareDatabase(url, testTenants)
    const gateway = await launchGateway({ cwd: dir, env: productionEnv(url, { JWT_SECRET: TEST_SECRET, ...extra }) })
    gateways.push(gateway)
    return gateway
  }

  beforeAll(async () => {
    tokens = await personaTokens()
  })
  afterAll(async () => {
    await killAll(gateways)
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  describe('in production with the defaults', () => {
    let gateway: LaunchedGateway
    beforeAll(async () => {
      gateway = await production()
    }, 90_000)

    it.each(['a b', 'xn--', '[::1', 'a:b:c', 'localhost%00.evil.com', 'a@b', 'localhost/x'])(
      'answers Host %j with 400, one plain line, a request id and a log line',
      async (host) => {
        const answer = await exchangeRaw(gateway.url, head('GET /health HTTP/1.1', [['Host', host]]))
        expect(answer.status).toBe(400)
        expect(answer.headers['content-type']).toMatch(/^text\/plain/)
        expect(answer.body).toMatch(/^[^\n]+\n$/)
        expect(answer.body).not.toMatch(/TypeError|Invalid URL|node_modules|\.js:\d/)
        const requestId = answer.headers['x-request-id']
        expect(requestId).toMatch(GATEWAY_ID)
        expect(answer.headers['x-content-type-options']).toBe('nosniff')
        await expect.poll(() => gateway.stdout.some((line) => line.includes(requestId!) && line.includes('"status":400'))).toBe(true)
      },
    )

    it.each(['http://evil.example/health', '*', 'localhost:443'])('answers the request target %j with 400 and a request id', async (target) => {
      const answer = await exchangeRaw(gateway.url, head(`GET ${target} HTTP/1.1`, [['Host', 'localhost']]))
      expect(answer.status).toBe(400)
      expect(answer.headers['x-request-id']).toMatch(GATEWAY_ID)
    })

    it('answers a head Node cannot parse, and one without Host, with 400 and a request id instead of an empty answer', async () => {
      for (const bytes of ['GET /health HTTP/1.1\r\nBad Header: x\r\n\r\n', 'GET /health HTTP/1.1\r\nConnection: close\r\n\r\n']) {
        const answer = await exchangeRaw(gateway.url, bytes)
        expect(answer.status, bytes).toBe(400)
        expect(answer.headers['x-request-id'], bytes).toMatch(GATEWAY_ID)
      }
    })

    it('never lets the caller choose the audit requestId: its own id becomes client-request-id and correlationId', async () => {
      // An administrator's request, whose id the caller has learnt.
      const adminAnswer = await get(gateway, PHONES(people.kim.id), [['Authorization', `Bearer ${tokens.admin}`]])
      expect(adminAnswer.status).toBe(200)
      const adminsId = adminAnswer.headers['x-request-id']!
      expect(adminsId).toMatch(GATEWAY_ID)
      // Kim sends it as her own, and is refused a change to someone else's phones (an audited refusal).
      const kims = await postJson(gateway, PHONES(people.lee.id), { phoneNumber: '+1 2065550100', phoneType: 'mobile' }, [
        ['Authorization', `Bearer ${tokens.kim}`],
        ['X-Request-Id', adminsId],
      ])
      expect(kims.status).toBe(403)
      expect(kims.headers['x-request-id']).toMatch(GATEWAY_ID)
      expect(kims.headers['x-request-id']).not.toBe(adminsId)
      expect(kims.headers['client-request-id']).toBe(adminsId)
      // An administrator's change with a client-request-id of its own.
      const added = await postJson(gateway, PHONES(people.kim.id), { phoneNumber: '+1 2065550101', phoneType: 'office' }, [
        ['Authorization', `Bearer ${tokens.admin}`],
        ['client-request-id', 'console:session-7.op_1'],
      ])
      expect(added.status).toBe(201)

      const events = await postJson(gateway, '/graphql', { query: '{ auditEvents(first: 10) { edges { node { result requestId correlationId } } } }' }, [
        ['Authorization', `Bearer ${tokens.auditor}`],
      ])
      const nodes = JSON.parse(events.body).data.auditEvents.edges.map((edge: { node: unknown }) => edge.node)
      expect(nodes).toEqual([
        { result: 'success', requestId: added.headers['x-request-id'], correlationId: 'console:session-7.op_1' },
        { result: 'failure', requestId: kims.headers['x-request-id'], correlationId: adminsId },
      ])
      // The log lines of Kim's request carry both ids, each under its own name.
      const kimsLines = gateway.stdout.filter((line) => line.includes(kims.headers['x-request-id']!))
      expect(kimsLines.length).toBeGreaterThan(0)
      for (const line of kimsLines) expect(JSON.parse(line)).toMatchObject({ requestId: kims.headers['x-request-id'], clientRequestId: adminsId })
    })

    it('puts the listen address, not the caller’s Host, into Location and @odata.context', async () => {
      const created = await postJson(gateway, PHONES(people.lee.id), { phoneNumber: '+1 2065550102', phoneType: 'mobile' }, [
        ['Host', 'attacker.example'],
        ['Authorization', `Bearer ${tokens.admin}`],
        ['X-Forwarded-Host', 'attacker.example'],
        ['X-Forwarded-Proto', 'https'],
      ])
      expect(created.status).toBe(201)
      expect(created.headers.location).toBe(`${gateway.url}${PHONES(people.lee.id)}/3179e48a-750b-4051-897c-87b9720928f7`)
      expect(JSON.parse(created.body)['@odata.context']).toMatch(new RegExp(`^${gateway.url.replace(/[.]/g, '\\.')}/beta/\\$metadata#`))
      expect(created.raw).not.toContain('attacker.example')
    })

    it('sends nosniff on every answer, no-store on GraphQL and REST answers, and Vary: Origin where CORS reads Origin', async () => {
      const origin: [string, string] = ['Origin', 'https://app.example']
      const answers = {
        health: await get(gateway, '/health', [origin]),
        ready: await get(gateway, '/ready', [origin]),
        missing: await get(gateway, '/nothing-here', [origin]),
        graphql: await postJson(gateway, '/graphql', { query: '{ me { id } }' }, [['Authorization', `Bearer ${tokens.kim}`], origin]),
        graphqlRefused: await postJson(gateway, '/graphql', { query: '{ me { id } }' }, [origin]),
        rest: await get(gateway, PHONES(people.kim.id), [['Authorization', `Bearer ${tokens.admin}`], origin]),
        restRefused: await get(gateway, PHONES(people.kim.id), [origin]),
        metrics: await get(gateway, '/metrics', [origin]),
      }
      for (const [name, answer] of Object.entries(answers)) {
        expect(answer.headers['x-content-type-options'], name).toBe('nosniff')
        expect(answer.headers['cache-control'], name).toBe('no-store')
        expect(answer.headers.vary?.split(/,\s*/), name).toContain('Origin')
        expect(answer.headers['x-request-id'], name).toMatch(GATEWAY_ID)
      }
      expect(answers.graphql.status).toBe(200)
      expect(answers.rest.status).toBe(200)
    })

    it('serves /metrics to anyone when METRICS_TOKEN is not set', async () => {
      expect((await get(gateway, '/metrics')).status).toBe(200)
    })
  })

  describe('in production behind a proxy', () => {
    let proxied: LaunchedGateway
    let published: LaunchedGateway
    beforeAll(async () => {
      ;[proxied, published] = await Promise.all([
        production({ ALLOWED_HOSTS: 'auth-api.example.com,127.0.0.1', TRUST_PROXY: '127.0.0.1' }),
        production({ PUBLIC_URL: 'https://auth-api.example.com/', METRICS_TOKEN }),
      ])
    }, 90_000)

    const contextOf = async (gateway: LaunchedGateway, headers: [string, string][]) => {
      const answer = await exchangeRaw(
        gateway.url,
        head(`GET ${PHONES(people.kim.id)} HTTP/1.1`, [['Authorization', `Bearer ${tokens.admin}`], ...headers]),
      )
      expect(answer.status, answer.body).toBe(200)
      return JSON.parse(answer.body)['@odata.context'] as string
    }

    it('links from PUBLIC_URL whatever the request says', async () => {
      const context = await contextOf(published, [['Host', 'attacker.example'], ['X-Forwarded-Host', 'evil.example'], ['X-Forwarded-Proto', 'http']])
      expect(context).toMatch(/^https:\/\/auth-api\.example\.com\/beta\/\$metadata#/)
    })

    it('believes X-Forwarded-Proto and -Host from a TRUST_PROXY peer, for a host ALLOWED_HOSTS names', async () => {
      expect(await contextOf(proxied, [['Host', '127.0.0.1'], ['X-Forwarded-Host', 'auth-api.example.com'], ['X-Forwarded-Proto', 'https']])).toMatch(
        /^https:\/\/auth-api\.example\.com\/beta\//,
      )
      // A forwarded host the operator did not name: the address the request came in on.
      const port = new URL(proxied.url).port
      expect(await contextOf(proxied, [['Host', 'auth-api.example.com'], ['X-Forwarded-Host', 'evil.example'], ['X-Forwarded-Proto', 'https']])).toMatch(
        new RegExp(`^https://127\\.0\\.0\\.1:${port}/beta/`),
      )
      // The request's own Host, when named.
      expect(await contextOf(proxied, [['Host', 'auth-api.example.com']])).toMatch(/^http:\/\/auth-api\.example\.com\/beta\//)
    })

    it('ignores X-Forwarded-* from a peer TRUST_PROXY does not name', async () => {
      // The published gateway trusts no proxy, but links from PUBLIC_URL; the default one is checked above.
      const context = await contextOf(published, [['Host', '127.0.0.1'], ['X-Forwarded-Proto', 'http']])
      expect(context).toMatch(/^https:/)
    })

    it('asks for METRICS_TOKEN on /metrics, compared as a whole', async () => {
      const port = new URL(published.url).port
      const metrics = (authorization?: string) =>
        exchangeRaw(
          published.url,
          head('GET /metrics HTTP/1.1', [['Host', `127.0.0.1:${port}`], ...(authorization ? [['Authorization', authorization] as [string, string]] : [])]),
        )
      for (const wrong of [undefined, 'Bearer', `Bearer ${METRICS_TOKEN.slice(0, -1)}`, `Bearer ${METRICS_TOKEN}x`, `Basic ${METRICS_TOKEN}`, `Bearer ${tokens.admin}`]) {
        const refused = await metrics(wrong)
        expect(refused.status, String(wrong)).toBe(401)
        expect(refused.headers['www-authenticate']).toBe('Bearer')
        expect(refused.body).not.toContain('gateway_http_requests_total')
        expect(refused.headers['x-request-id']).toMatch(GATEWAY_ID)
      }
      const scraped = await metrics(`Bearer ${METRICS_TOKEN}`)
      expect(scraped.status).toBe(200)
      expect(scraped.body).toContain('gateway_http_requests_total')
    })
  })
})

describeOnEachDatabase('audit correlationId on %s', (provider) => {
  let scratch: ScratchDatabase
  let gateway: LaunchedGateway
  let tokens: Tokens
  beforeAll(async () => {
    tokens = await personaTokens()
    scratch = await scratchDatabase(provider)
    await prepareDatabase(scratch.url, testTenants)
    gateway = await launchGateway({ env: productionEnv(scratch.url, { JWT_SECRET: TEST_SECRET }) })
  }, 90_000)
  afterAll(async () => {
    await gateway?.kill9()
    await scratch?.drop()
  })

  it('stores the caller’s sane id as correlationId, an odd one not at all, and always the gateway’s id as requestId', async () => {
    const add = (type: string, id: [string, string] | undefined) =>
      postJson(gateway, '/graphql', { query: `mutation { addPhoneMethod(input: { userId: "${people.kim.id}", phoneNumber: "+1 2065550110", phoneType: ${type} }) { id } }` }, [
        ['Authorization', `Bearer ${tokens.admin}`],
        ...(id ? [id] : []),
      ])
    const longest = `${'a'.repeat(127)}z`
    const sane = await add('mobile', ['client-request-id', longest])
    const odd = await add('office', ['x-request-id', 'not sane/at all'])
    const read = await postJson(gateway, '/graphql', { query: '{ auditEvents(first: 5) { edges { node { requestId correlationId } } } }' }, [['Authorization', `Bearer ${tokens.auditor}`]])
    expect(JSON.parse(read.body).data.auditEvents.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { requestId: odd.headers['x-request-id'], correlationId: null },
      { requestId: sane.headers['x-request-id'], correlationId: longest },
    ])
  })
})

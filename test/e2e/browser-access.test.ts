// Which web pages may talk to the gateway (CORS_ORIGINS) and which host names
// it answers to (ALLOWED_HOSTS), on the real process over real HTTP, in
// development (with GraphiQL carrying the admin token) and in production.
import { request as httpRequest } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mintToken } from '../../src/auth/mint.ts'
import { killAll, launchGateway, productionEnv, RESILIENCE_SECRET, type LaunchedGateway } from '../support/harness/process.ts'

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw HTTP request, so that Host can be any name (fetch would not send it). */
function send(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }))
    })
    request.on('error', reject)
    request.end(options.body)
  })
}

const port = (gateway: LaunchedGateway) => new URL(gateway.url).port
const html = { accept: 'text/html' }
const ME = JSON.stringify({ query: '{ me { id } }' })
const preflight = (origin: string) => ({
  origin,
  'access-control-request-method': 'POST',
  'access-control-request-headers': 'authorization, content-type',
})

describe('browser access to the gateway', () => {
  let dir: string
  const gateways: LaunchedGateway[] = []
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-browser-'))
  })
  afterAll(async () => {
    await killAll(gateways)
    rmSync(dir, { recursive: true, force: true })
  })

  describe('in development (defaults)', () => {
    let gateway: LaunchedGateway
    let token: string
    beforeAll(async () => {
      gateway = await launchGateway({ cwd: dir, env: { NODE_ENV: 'development', DATABASE_URL: `file:${join(dir, 'dev.db')}` } })
      gateways.push(gateway)
      token = gateway.adminToken!
      expect(token).toMatch(/^ey/)
    })

    it('serves GraphiQL with its token to localhost, but gives another origin no CORS header', async () => {
      const page = await send(gateway.url, '/graphql', { headers: { ...html, origin: 'https://evil.example' } })
      expect(page.status).toBe(200)
      expect(page.body).toContain(token)
      expect(page.headers['access-control-allow-origin']).toBeUndefined()
      expect(page.headers['access-control-allow-credentials']).toBeUndefined()
    })

    it('never shares the GraphiQL page with another origin, even an allowed one, and forbids framing it', async () => {
      for (const origin of ['http://localhost:8080', 'http://127.0.0.1:5173', 'https://evil.example']) {
        const page = await send(gateway.url, '/graphql', { headers: { ...html, origin } })
        expect(page.status).toBe(200)
        expect(page.body).toContain(token)
        const cors = Object.keys(page.headers).filter((name) => name.startsWith('access-control-'))
        expect(cors, origin).toEqual([])
        expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
        expect(page.headers['x-frame-options']).toBe('DENY')
        expect(page.headers['referrer-policy']).toBe('no-referrer')
        expect(page.headers['x-content-type-options']).toBe('nosniff')
        expect(page.headers['cache-control']).toBe('no-store')
      }
      // The API itself still answers that allowed origin.
      const api = await send(gateway.url, '/graphql', { method: 'POST', headers: { origin: 'http://localhost:8080', 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: ME })
      expect(api.headers['access-control-allow-origin']).toBe('http://localhost:8080')
      expect(api.headers.vary).toMatch(/\bOrigin\b/)
    })

    it('lets a frontend on http://localhost:5173 call the API, naming that origin', async () => {
      const answer = await send(gateway.url, '/graphql', {
        method: 'POST',
        headers: { origin: 'http://localhost:5173', 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: ME,
      })
      expect(answer.status).toBe(200)
      expect(JSON.parse(answer.body)).toEqual({ data: { me: { id: 'a0b2c4d6-e8f0-4a1b-8c3d-5e7f9a1b3c5d' } } })
      expect(answer.headers['access-control-allow-origin']).toBe('http://localhost:5173')
      expect(answer.headers['access-control-expose-headers']).toContain('X-Request-Id')
    })

    it('approves preflights from localhost and 127.0.0.1 on any port, and no other origin', async () => {
      for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8080']) {
        const approved = await send(gateway.url, '/graphql', { method: 'OPTIONS', headers: preflight(origin) })
        expect(approved.status).toBe(204)
        expect(approved.headers['access-control-allow-origin']).toBe(origin)
        expect(String(approved.headers['access-control-allow-headers'])).toContain('authorization')
      }
      for (const origin of ['https://evil.example', 'http://localhost.evil.example:5173', 'https://localhost:5173', 'null']) {
        const refused = await send(gateway.url, '/graphql', { method: 'OPTIONS', headers: preflight(origin) })
        expect(refused.headers['access-control-allow-origin'], origin).toBeUndefined()
        expect(refused.headers['access-control-allow-headers'], origin).toBeUndefined()
        expect(refused.headers['access-control-allow-credentials'], origin).toBeUndefined()
      }
    })

    it('answers localhost, 127.0.0.1 and [::1] by any port', async () => {
      for (const host of [`localhost:${port(gateway)}`, `127.0.0.1:${port(gateway)}`, `[::1]:${port(gateway)}`, 'LOCALHOST']) {
        const page = await send(gateway.url, '/graphql', { headers: { ...html, host } })
        expect(page.status, host).toBe(200)
      }
    })

    it('answers a rebinding host name 421 on every route, with no token in any body', async () => {
      const host = `attacker.example:${port(gateway)}`
      const attempts = [
        send(gateway.url, '/graphql', { headers: { ...html, host } }),
        send(gateway.url, '/graphql', { headers: { ...html, host, origin: `http://${host}` } }),
        send(gateway.url, '/graphql', {
          method: 'POST',
          headers: { host, 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: ME,
        }),
        send(gateway.url, '/graphql?query=%7Bme%7Bid%7D%7D', { headers: { host, authorization: `Bearer ${token}` } }),
        send(gateway.url, '/ready', { headers: { host } }),
        send(gateway.url, '/metrics', { headers: { host } }),
        send(gateway.url, '/nowhere', { headers: { host } }),
      ]
      for (const answer of await Promise.all(attempts)) {
        expect(answer.status).toBe(421)
        expect(answer.body).not.toContain(token)
        expect(answer.body).not.toContain('GraphiQL')
        expect(answer.body).not.toContain('a0b2c4d6')
        expect(answer.headers['access-control-allow-origin']).toBeUndefined()
      }
      // Yoga answers these two before any plugin runs: the liveness probe
      // (probes send whatever Host they like) and preflights, both empty.
      const alive = await send(gateway.url, '/health', { headers: { host } })
      expect(alive.status).toBe(200)
      expect(alive.body).toBe('')
      const preflighted = await send(gateway.url, '/graphql', { method: 'OPTIONS', headers: { host, ...preflight(`http://${host}`) } })
      expect(preflighted.body).toBe('')
      expect(preflighted.headers['access-control-allow-origin']).toBeUndefined()
    })
  })

  it('prints a GraphiQL URL that an allowed host name opens when listening on every address', async () => {
    const gateway = await launchGateway({ cwd: dir, env: { NODE_ENV: 'development', HOST: '0.0.0.0', DATABASE_URL: `file:${join(dir, 'wildcard.db')}` } })
    gateways.push(gateway)
    const printed = gateway.stdout.map((line) => /^GraphiQL: +(\S+)$/.exec(line)?.[1]).find(Boolean)
    expect(printed).toBe(`http://localhost:${port(gateway)}/graphql`)
    const page = await send(gateway.url, '/graphql', { headers: { ...html, host: new URL(printed!).host } })
    expect(page.status).toBe(200)
    expect(page.body).toContain(gateway.adminToken!)
  })

  describe('in production (defaults: any host, no CORS origin)', () => {
    let gateway: LaunchedGateway
    beforeAll(async () => {
      gateway = await launchGateway({ cwd: dir, env: productionEnv(`file:${join(dir, 'production.db')}`, { GRAPHIQL: 'true' }) })
      gateways.push(gateway)
    })

    it('approves no origin, not even localhost', async () => {
      const approved = await send(gateway.url, '/graphql', { method: 'OPTIONS', headers: preflight('http://localhost:5173') })
      expect(approved.headers['access-control-allow-origin']).toBeUndefined()
      const page = await send(gateway.url, '/graphql', { headers: { ...html, origin: 'http://localhost:5173' } })
      expect(page.headers['access-control-allow-origin']).toBeUndefined()
    })

    it('answers any host name, and its GraphiQL page carries no token', async () => {
      const page = await send(gateway.url, '/graphql', { headers: { ...html, host: 'gateway.example.com' } })
      expect(page.status).toBe(200)
      expect(page.body).toContain('GraphiQL')
      expect(page.body).not.toMatch(/Bearer ey/)
    })
  })

  describe('in production with CORS_ORIGINS and ALLOWED_HOSTS', () => {
    let gateway: LaunchedGateway
    let token: string
    beforeAll(async () => {
      gateway = await launchGateway({
        cwd: dir,
        env: productionEnv(`file:${join(dir, 'configured.db')}`, {
          CORS_ORIGINS: 'https://app.example.com, http://localhost:*',
          ALLOWED_HOSTS: 'gateway.example.com',
        }),
      })
      gateways.push(gateway)
      token = await mintToken(RESILIENCE_SECRET, { tid: 'contoso', sub: 'app-browser', roles: ['UserAuthenticationMethod.Read.All'] }, 600)
    })

    it('approves the listed origins only', async () => {
      const host = 'gateway.example.com'
      for (const origin of ['https://app.example.com', 'http://localhost:3000']) {
        const approved = await send(gateway.url, '/graphql', { method: 'OPTIONS', headers: { host, ...preflight(origin) } })
        expect(approved.headers['access-control-allow-origin']).toBe(origin)
      }
      const refused = await send(gateway.url, '/graphql', { method: 'OPTIONS', headers: { host, ...preflight('https://evil.example') } })
      expect(refused.headers['access-control-allow-origin']).toBeUndefined()
      const answer = await send(gateway.url, '/graphql', {
        method: 'POST',
        headers: { host, origin: 'https://evil.example', 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ users(first: 1) { edges { node { id } } } }' }),
      })
      expect(answer.status).toBe(200)
      expect(answer.headers['access-control-allow-origin']).toBeUndefined()
    })

    it('answers the listed host name only', async () => {
      expect((await send(gateway.url, '/ready', { headers: { host: 'gateway.example.com:443' } })).status).toBe(200)
      expect((await send(gateway.url, '/ready', { headers: { host: `127.0.0.1:${port(gateway)}` } })).status).toBe(421)
    })
  })

  it.each([
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ ALLOWED_HOSTS: 'localhost:4000' }, 'ALLOWED_HOSTS'],
  ])('refuses to start with %j, in one line naming %s', async (env, variable) => {
    const refusal = await launchGateway({ cwd: dir, env: { NODE_ENV: 'development', DATABASE_URL: `file:${join(dir, 'refused.db')}`, ...env } }).then(
      (started) => started.kill9().then(() => 'started\n'),
      (error: Error) => error.message,
    )
    const printed = refusal.split('\n').slice(1).filter(Boolean)
    expect(printed).toHaveLength(1)
    expect(printed[0]).toMatch(new RegExp(`^invalid configuration: ${variable} must be`))
  })
})

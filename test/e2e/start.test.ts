// `npm start` on a fresh directory: migrates, seeds contoso, prints the
// GraphiQL URL and an admin token, and serves the seed example over HTTP.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchGateway, type LaunchedGateway } from '../support/harness/process.ts'

describe('the gateway process', () => {
  let dir: string
  let gateway: LaunchedGateway

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-e2e-'))
    gateway = await launchGateway({ cwd: dir, env: { NODE_ENV: 'development' } })
  })
  afterAll(async () => {
    await gateway?.kill9()
    rmSync(dir, { recursive: true, force: true })
  })

  it('prints the GraphiQL URL and an admin token', () => {
    expect(gateway.stdout.join('\n')).toContain(`GraphiQL:    ${gateway.url}/graphql`)
    expect(gateway.adminToken).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/)
  })

  it('serves the seed example over HTTP', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.adminToken}` },
      body: JSON.stringify({
        query: 'mutation { addPhoneMethod(input: { userId: "kim@contoso.com", phoneNumber: "+1 2065555555", phoneType: mobile }) { methodId phoneNumber phoneType smsSignInState } }',
      }),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      data: {
        addPhoneMethod: { methodId: '3179e48a-750b-4051-897c-87b9720928f7', phoneNumber: '+1 2065555555', phoneType: 'mobile', smsSignInState: 'ready' },
      },
    })
  })

  it("the printed token opens every admin screen: the audit log too, with full numbers on the phones", async () => {
    const ask = async (query: string) => {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.adminToken}` },
        body: JSON.stringify({ query }),
      })
      return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] }
    }
    const answer = await ask(
      '{ auditEvents(first: 5) { edges { node { activityDisplayName } } } user(id: "kim@contoso.com") { phoneMethods { phoneNumber isPhoneNumberMasked } auditEvents(first: 1) { edges { node { id } } } } smsAuthenticationMethodConfiguration { state } }',
    )
    expect(answer.errors).toBeUndefined()
    expect(answer.data).toMatchObject({
      auditEvents: { edges: [{ node: { activityDisplayName: 'Admin registered security info' } }] },
      user: { phoneMethods: [{ phoneNumber: '+1 2065555555', isPhoneNumberMasked: false }] },
    })
  })

  it('serves GraphiQL to a browser with every asset inlined (no CDN)', async () => {
    const response = await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('GraphiQL')
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/)
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/)
  })

  it('refuses to start a second gateway on the same SQLite file, naming the reason', async () => {
    await expect(launchGateway({ cwd: dir, env: { NODE_ENV: 'development' } })).rejects.toThrow(/another gateway process is already serving/)
  })

  it.each([
    [{ NODE_ENV: 'production', JWT_SECRET: '', JWT_JWKS_URL: '' }, 'invalid configuration: JWT_SECRET or JWT_JWKS_URL is required when NODE_ENV=production'],
    [{ DATABASE_URL: 'mysql://root:hunter2@localhost/db' }, 'invalid configuration: DATABASE_URL must start with file:, postgres:// or postgresql://'],
  ])('refuses to start on bad configuration %j with one line on stderr', async (env, line) => {
    const refusal = await launchGateway({ cwd: dir, env: { NODE_ENV: 'development', ...env } }).then(
      () => undefined,
      (error: Error) => error.message,
    )
    expect(refusal).toBeDefined()
    const [, ...printed] = refusal!.split('\n')
    expect(printed.filter(Boolean)).toEqual([line])
  })

  it('stops cleanly on SIGTERM', async () => {
    expect(await gateway.terminate()).toEqual({ code: 0, signal: null })
  })
})

// No GraphQL request is served without a valid bearer token (docs/permissions.md).
import { SignJWT, UnsecuredJWT } from 'jose'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { people, scopes, TEST_SECRET, tokenFor } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const secret = new TextEncoder().encode(TEST_SECRET)
const claims = { tid: 'contoso', sub: people.admin.id, scp: scopes.writeAll }

describeOnEachDatabase('authentication on %s', (provider) => {
  let gateway: TestGateway
  beforeAll(async () => {
    gateway = await startGateway(provider)
  })
  afterAll(() => gateway.close())

  const rejections: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['a malformed token', async () => 'not-a-jwt'],
    ['alg: none', async () => new UnsecuredJWT(claims).setExpirationTime('1h').encode()],
    ['a wrong signature', async () => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode('another-secret-of-at-least-32-characters!!'))],
    ['an expired token', async () => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(secret)],
    ['a token not valid yet', async () => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setNotBefore('1h').setExpirationTime('2h').sign(secret)],
    ['a token without exp', async () => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(secret)],
    ['a token without tid', async () => new SignJWT({ sub: people.admin.id, scp: scopes.writeAll }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(secret)],
    ['an HS512 token', async () => new SignJWT(claims).setProtectedHeader({ alg: 'HS512' }).setExpirationTime('1h').sign(new TextEncoder().encode(TEST_SECRET.repeat(2)))],
  ]

  it.each(rejections)('answers %s with 401, WWW-Authenticate: Bearer and UNAUTHENTICATED', async (_name, makeToken) => {
    const response = await gateway.graphql(await makeToken(), '{ me { id } }')
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED'])
    expect(response.data).toBeUndefined()
  })

  it('authenticates before parsing: a broken document without a token is still 401', async () => {
    const response = await gateway.graphql(undefined, '{ me { ')
    expect(response.status).toBe(401)
  })

  it('also guards GET requests', async () => {
    const response = await gateway.yoga.fetch('http://gateway.test/graphql?query=%7Bme%7Bid%7D%7D', {
      headers: { accept: 'application/graphql-response+json' },
    })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
  })

  it('serves a valid token', async () => {
    const response = await gateway.graphql(await tokenFor({ sub: people.admin.id, scp: scopes.writeAll }), '{ me { id } }')
    expect(response.status).toBe(200)
    expect(response.data).toEqual({ me: { id: people.admin.id } })
  })

  it('prefers oid over sub for the caller', async () => {
    const token = await new SignJWT({ ...claims, oid: people.kim.id, scp: scopes.readSelf })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(secret)
    expect((await gateway.graphql(token, '{ me { id } }')).data).toEqual({ me: { id: people.kim.id } })
  })

  it('serves /health and /ready without a token', async () => {
    expect((await gateway.yoga.fetch('http://gateway.test/health')).status).toBe(200)
    expect((await gateway.yoga.fetch('http://gateway.test/ready')).status).toBe(200)
  })

  it('answers the readiness probe at /ready alone, not at any path that ends in /ready', async () => {
    expect((await gateway.yoga.fetch('http://gateway.test/status/ready')).status).toBe(404)
    // A REST path is the REST route's: without a token, 401.
    expect((await gateway.yoga.fetch('http://gateway.test/v1.0/users/ready')).status).toBe(401)
  })
})

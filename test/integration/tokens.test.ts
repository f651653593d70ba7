// Asymmetric bearer tokens (docs/configuration.md JWT_JWKS_URL/JWT_ISSUER/JWT_AUDIENCE, docs/permissions.md):
// real RS256/ES256 keys, published by a real JWKS endpoint that this test
// serves over HTTP on 127.0.0.1, checked by the gateway's own verifier.
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, exportSPKI, SignJWT, type JWK, type JWTPayload } from 'jose'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { mintToken } from '../../src/auth/mint.ts'
import { createTokenVerifier, JWKS_REFETCH_COOLDOWN_MS } from '../../src/auth/tokens.ts'
import { codes, startGateway, type GraphQLResponse, type TestGateway } from '../support/harness/gateway.ts'
import { people, scopes, TEST_SECRET } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const ISSUER = 'https://login.example.test/contoso/v2.0'
const AUDIENCE = 'api://phone-methods-gateway'
/** jose's cooldown between two fetches of the key set, as src/auth/tokens.ts configures it. */

// ---------------------------------------------------------------------------
// Keys, and a JWKS endpoint that serves whatever key set a path is given.

interface SigningKey {
  kid: string
  alg: 'RS256' | 'ES256'
  /** Node key objects, not WebCrypto keys: these are not bound to one algorithm, so the test can misuse them. */
  privateKey: KeyObject
  publicKey: KeyObject
  jwk: JWK
}

async function signingKey(kid: string, alg: 'RS256' | 'ES256'): Promise<SigningKey> {
  const { privateKey, publicKey } =
    alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return { kid, alg, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } }
}

type Reply = { keys: SigningKey[] } | { status: number; body: string }

class JwksEndpoint {
  private readonly replies = new Map<string, Reply>()
  private readonly counts = new Map<string, number>()
  private server?: Server
  base = ''

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/'
      this.counts.set(path, this.fetches(path) + 1)
      const reply = this.replies.get(path)
      if (!reply) return response.writeHead(404).end()
      if ('status' in reply) return response.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body)
      response.writeHead(200, { 'content-type': 'application/jwk-set+json' })
      response.end(JSON.stringify({ keys: reply.keys.map((key) => key.jwk) }))
    })
    this.server.listen(0, '127.0.0.1')
    await once(this.server, 'listening')
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  /** What GET <path> answers from now on. */
  serve(path: string, reply: Reply): string {
    this.replies.set(path, reply)
    return `${this.base}${path}`
  }

  fetches(path: string): number {
    return this.counts.get(path) ?? 0
  }

  async stop(): Promise<void> {
    if (!this.server) return
    this.server.closeAllConnections()
    this.server.close()
    await once(this.server, 'close')
    this.server = undefined
  }
}

let rsa: SigningKey
let ec: SigningKey
/** Published only after the rotation. */
let rotatedRsa: SigningKey
/** Never published anywhere. */
let rogueRsa: SigningKey
let jwks: JwksEndpoint

beforeAll(async () => {
  ;[rsa, ec, rotatedRsa, rogueRsa] = await Promise.all([
    signingKey('rsa-1', 'RS256'),
    signingKey('ec-1', 'ES256'),
    signingKey('rsa-2', 'RS256'),
    signingKey('rsa-1', 'RS256'), // the same kid as the published key, another key
  ])
  jwks = await new JwksEndpoint().start()
})
afterAll(() => jwks?.stop())

// ---------------------------------------------------------------------------
// Tokens shaped like Entra ID access tokens: kim, a user token that may read her own phones.

const KIM = { tid: 'contoso', sub: people.kim.id, oid: people.kim.id, scp: scopes.readSelf }

interface TokenOptions {
  alg?: string
  kid?: string | null
  claims?: JWTPayload
  issuer?: string | null
  audience?: string | string[] | null
  expires?: number | string | null
  notBefore?: number | string
}

/** Signs kim's token with `key` (the key's own alg and kid unless told otherwise). */
function sign(key: SigningKey | Uint8Array, options: TokenOptions = {}): Promise<string> {
  const isSigningKey = !(key instanceof Uint8Array)
  const alg = options.alg ?? (isSigningKey ? key.alg : 'HS256')
  const kid = options.kid === undefined ? (isSigningKey ? key.kid : undefined) : (options.kid ?? undefined)
  let jwt = new SignJWT({ ...KIM, ...options.claims }).setProtectedHeader({ alg, typ: 'JWT', ...(kid ? { kid } : {}) }).setIssuedAt()
  const issuer = options.issuer === undefined ? ISSUER : options.issuer
  const audience = options.audience === undefined ? AUDIENCE : options.audience
  const expires = options.expires === undefined ? '1h' : options.expires
  if (issuer !== null) jwt = jwt.setIssuer(issuer)
  if (audience !== null) jwt = jwt.setAudience(audience)
  if (expires !== null) jwt = jwt.setExpirationTime(expires)
  if (options.notBefore !== undefined) jwt = jwt.setNotBefore(options.notBefore)
  return jwt.sign(isSigningKey ? key.privateKey : key)
}

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')
const secondsFromNow = (seconds: number) => Math.floor(Date.now() / 1000) + seconds

/** A token with `alg: none` and no signature, with every claim right and a published kid. */
const unsigned = (kid: string) =>
  `${b64url({ alg: 'none', typ: 'JWT', kid })}.${b64url({ ...KIM, iss: ISSUER, aud: AUDIENCE, exp: secondsFromNow(3600) })}.`

const ME = '{ me { id } }'

function expectAccepted(response: GraphQLResponse, who: string = people.kim.id) {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined()
  expect(response.status).toBe(200)
  expect(response.data).toEqual({ me: { id: who } })
}

function expectRejected(response: GraphQLResponse) {
  expect(response.status).toBe(401)
  expect(response.headers.get('www-authenticate')).toBe('Bearer')
  expect(codes(response)).toEqual(['UNAUTHENTICATED'])
  expect(response.data).toBeUndefined()
}

describeOnEachDatabase('tokens from a JWKS on %s', (provider) => {
  /** JWT_JWKS_URL, JWT_ISSUER and JWT_AUDIENCE; no JWT_SECRET. */
  let gateway: TestGateway
  /** JWT_SECRET and JWT_JWKS_URL (with issuer and audience) both set. */
  let both: TestGateway

  beforeAll(async () => {
    const jwksUrl = jwks.serve(`/${provider}/main/keys`, { keys: [rsa, ec] })
    ;[gateway, both] = await Promise.all([
      startGateway(provider, { verifyToken: createTokenVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE }) }),
      startGateway(provider, {
        verifyToken: createTokenVerifier({ jwtSecret: TEST_SECRET, jwksUrl, issuer: ISSUER, audience: AUDIENCE }),
      }),
    ])
  })
  afterAll(async () => {
    await Promise.all([gateway?.close(), both?.close()])
  })

  describe('accepted', () => {
    it('an RS256 token signed with a published key: the caller is the token’s oid (over its sub)', async () => {
      expectAccepted(await gateway.graphql(await sign(rsa, { claims: { sub: people.lee.id } }), ME))
    })

    it('an ES256 token signed with a published key', async () => {
      expectAccepted(await gateway.graphql(await sign(ec), ME))
    })

    it('an audience list that contains the configured audience', async () => {
      expectAccepted(await gateway.graphql(await sign(rsa, { audience: ['api://someone-else', AUDIENCE] }), ME))
    })

    it('an app-only RS256 token (roles, no scp) acts as an application', async () => {
      const app = await sign(rsa, { claims: { scp: undefined, sub: 'app-1', oid: 'app-1', roles: [scopes.readAll] } })
      const response = await gateway.graphql(app, `{ user(id: "${people.kim.userPrincipalName}") { id } } `)
      expect(response.errors).toBeUndefined()
      expect(response.data).toEqual({ user: { id: people.kim.id } })
      // ... and is an application: it has no `me`.
      expect(codes(await gateway.graphql(app, ME))).toEqual(['FORBIDDEN'])
    })
  })

  describe('refused with 401, WWW-Authenticate: Bearer and UNAUTHENTICATED', () => {
    /** [what, token, whether the gateway with JWT_SECRET too must refuse it] */
    const cases: [string, () => Promise<string>, boolean?][] = [
      ['a wrong issuer', () => sign(rsa, { issuer: 'https://login.example.test/fabrikam/v2.0' })],
      ['no issuer', () => sign(rsa, { issuer: null })],
      ['a wrong audience', () => sign(ec, { audience: 'api://another-api' })],
      ['no audience', () => sign(rsa, { audience: null })],
      ['an expired token', () => sign(rsa, { expires: secondsFromNow(-120) })],
      ['a token not valid yet', () => sign(ec, { notBefore: secondsFromNow(600), expires: secondsFromNow(3600) })],
      ['a token without exp', () => sign(rsa, { expires: null })],
      ['a token without tid', () => sign(rsa, { claims: { tid: undefined } })],
      ['an unknown kid', () => sign(rsa, { kid: 'not-published' })],
      ['a key that is not in the JWKS, with its own kid', () => sign({ ...rogueRsa, kid: 'rogue' })],
      ['a key that is not in the JWKS, naming a published kid', () => sign(rogueRsa)],
      ['a published kid used with another key type (ES256 header, RSA kid)', () => sign({ ...ec, kid: rsa.kid })],
      ['alg: none with a published kid', async () => unsigned(rsa.kid)],
      ['HS256 signed with the RSA public key (PEM) as the secret', async () =>
        sign(new TextEncoder().encode(await exportSPKI(rsa.publicKey)), { alg: 'HS256', kid: rsa.kid })],
      ['HS256 signed with the RSA public key (JWK JSON) as the secret', async () =>
        sign(new TextEncoder().encode(JSON.stringify(rsa.jwk)), { alg: 'HS256', kid: rsa.kid })],
      ['HS256 signed with the RSA modulus as the secret', async () =>
        sign(Buffer.from(rsa.jwk.n!, 'base64url'), { alg: 'HS256', kid: rsa.kid })],
      ['HS256 signed with a shared secret, on a gateway without JWT_SECRET', async () =>
        sign(new TextEncoder().encode(TEST_SECRET), { alg: 'HS256' }), false],
      ['PS256 with a published RSA key (only RS256 and ES256 are accepted)', () => sign(rsa, { alg: 'PS256' })],
      ['RS512 with a published RSA key', () => sign(rsa, { alg: 'RS512' })],
      ['a valid signature over other claims (payload swapped)', async () => {
        const [header, , signature] = (await sign(rsa)).split('.')
        return `${header}.${b64url({ ...KIM, sub: people.admin.id, oid: people.admin.id, iss: ISSUER, aud: AUDIENCE, exp: secondsFromNow(3600) })}.${signature}`
      }],
    ]

    it.each(cases)('%s', async (_name, makeToken, alsoWithSecret = true) => {
      const token = await makeToken()
      expectRejected(await gateway.graphql(token, ME))
      // The gateway with a shared secret too refuses them just the same (HS256 is checked
      // against JWT_SECRET only, never against a key of the JWKS).
      if (alsoWithSecret) expectRejected(await both.graphql(token, ME))
      else expectAccepted(await both.graphql(token, ME))
    })
  })

  describe('with both JWT_SECRET and JWT_JWKS_URL', () => {
    it('accepts HS256 signed with JWT_SECRET', async () => {
      const token = await mintToken(TEST_SECRET, { tid: 'contoso', sub: people.kim.id, scp: scopes.readSelf, iss: ISSUER, aud: AUDIENCE })
      expectAccepted(await both.graphql(token, ME))
    })

    it('accepts RS256 and ES256 through the JWKS', async () => {
      expectAccepted(await both.graphql(await sign(rsa), ME))
      expectAccepted(await both.graphql(await sign(ec), ME))
    })

    it('checks issuer and audience on HS256 tokens too', async () => {
      const noIssuer = await mintToken(TEST_SECRET, { tid: 'contoso', sub: people.kim.id, scp: scopes.readSelf, aud: AUDIENCE })
      const wrongAudience = await mintToken(TEST_SECRET, {
        tid: 'contoso',
        sub: people.kim.id,
        scp: scopes.readSelf,
        iss: ISSUER,
        aud: 'api://another-api',
      })
      expectRejected(await both.graphql(noIssuer, ME))
      expectRejected(await both.graphql(wrongAudience, ME))
    })
  })

  describe('key rotation', () => {
    let rotating: TestGateway
    const path = `/${provider}/rotation/keys`
    beforeAll(async () => {
      const jwksUrl = jwks.serve(path, { keys: [rsa] })
      rotating = await startGateway(provider, { verifyToken: createTokenVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE }) })
    })
    afterAll(async () => {
      vi.useRealTimers()
      await rotating?.close()
    })

    // jose refetches the key set for an unknown kid only once its cooldown has passed since
    // the last fetch. Rather than sleep through it, the test moves the clock jose reads
    // (Date) past it: no real time passes, and nothing depends on how fast the machine is.
    it('accepts a token signed with the new key once the endpoint publishes it, and refuses the retired one', async () => {
      const oldToken = await sign(rsa)
      const newToken = await sign(rotatedRsa)
      const strangers = await Promise.all([1, 2, 3, 4, 5].map((i) => sign({ ...rogueRsa, kid: `stranger-${i}` })))
      const start = Date.now()
      try {
        vi.setSystemTime(start)
        expectAccepted(await rotating.graphql(oldToken, ME))
        expect(jwks.fetches(path)).toBe(1)

        // The identity provider rotates: only the new key is published from now on.
        jwks.serve(path, { keys: [rotatedRsa] })

        // Unknown kids inside the cooldown are refused without hammering the endpoint.
        for (const token of strangers) expectRejected(await rotating.graphql(token, ME))
        expect(jwks.fetches(path)).toBe(1)

        vi.setSystemTime(start + JWKS_REFETCH_COOLDOWN_MS + 1_000)
        expectAccepted(await rotating.graphql(newToken, ME))
        expect(jwks.fetches(path)).toBe(2)

        // The retired key is gone from the set the gateway now holds.
        expectRejected(await rotating.graphql(oldToken, ME))
        expect(jwks.fetches(path)).toBe(2)
      } finally {
        vi.useRealTimers()
      }
    })
  })

  describe('an unreachable or broken JWKS endpoint', () => {
    let flaky: JwksEndpoint
    let cut: TestGateway
    const path = '/keys'
    beforeAll(async () => {
      flaky = await new JwksEndpoint().start()
      const jwksUrl = flaky.serve(path, { status: 500, body: '{"error":"down for maintenance"}' })
      cut = await startGateway(provider, { verifyToken: createTokenVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE }) })
    })
    afterAll(async () => {
      await flaky?.stop()
      await cut?.close()
    })

    it('answers 401, never 500, when the endpoint fails, serves garbage, or is down', async () => {
      const token = await sign(rsa)
      expectRejected(await cut.graphql(token, ME))
      expect(flaky.fetches(path)).toBe(1)

      flaky.serve(path, { status: 200, body: 'this is not a key set' })
      expectRejected(await cut.graphql(token, ME))
      expect(flaky.fetches(path)).toBe(2)

      flaky.serve(path, { status: 200, body: '{"keys": "nope"}' })
      expectRejected(await cut.graphql(token, ME))
      expect(flaky.fetches(path)).toBe(3)

      await flaky.stop()
      expectRejected(await cut.graphql(token, ME))
    })
  })
})

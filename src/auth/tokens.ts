// Verifies bearer tokens shaped like Microsoft Entra ID access tokens and
// turns their claims into a Principal. The accepted algorithms are pinned per
// key source: HS256 only with JWT_SECRET, RS256/ES256 only with keys from
// JWT_JWKS_URL. So `alg: none` and an RS256 public key used as an HS256
// secret (algorithm confusion) are both refused.
import { createSecretKey } from 'node:crypto'
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose'
import { GatewayError } from '../domain/errors.ts'
import type { Principal } from '../domain/principal.ts'
import { isStorable } from '../domain/text.ts'

export interface TokenSettings {
  jwtSecret?: string
  jwksUrl?: string
  issuer?: string
  audience?: string
}

export type VerifyToken = (token: string) => Promise<Principal>

const ASYMMETRIC = ['RS256', 'ES256']

/**
 * After fetching the key set, how long a token naming an unknown kid is
 * refused without fetching again: short, so that a rotated key is accepted
 * within seconds, yet bounding what unknown kids can make us fetch.
 */
export const JWKS_REFETCH_COOLDOWN_MS = 5_000

export const unauthenticated = (reason: string) =>
  new GatewayError('UNAUTHENTICATED', `Unauthenticated: ${reason}`, {
    status: 401,
    headers: { 'WWW-Authenticate': 'Bearer' },
  })

/** How many HS256 verifications are remembered (see below). */
const VERIFIED_CACHE_SIZE = 10_000

export function createTokenVerifier(settings: TokenSettings): VerifyToken {
  // A key object, so that jose does not import the raw secret again for every token.
  const secret = settings.jwtSecret ? createSecretKey(Buffer.from(settings.jwtSecret)) : undefined
  // An HS256 token checked once against our own secret stays valid until it
  // expires (the secret cannot change while the process runs): remember it.
  // Keys from a JWKS can be retired at any time, so those tokens are checked
  // every time.
  const verified = new Map<string, { principal: Principal; expiresAt: number }>()
  // jose caches the key set and refetches it when a token names an unknown kid (key rotation).
  const jwks: JWTVerifyGetKey | undefined = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl), { cooldownDuration: JWKS_REFETCH_COOLDOWN_MS, cacheMaxAge: 10 * 60_000 })
    : undefined
  const checks = {
    issuer: settings.issuer,
    audience: settings.audience,
    requiredClaims: ['exp', 'tid'],
  }

  async function verifiedPayload(token: string, algorithm: string | undefined): Promise<JWTPayload> {
    try {
      if (algorithm === 'HS256' && secret) return (await jwtVerify(token, secret, { ...checks, algorithms: ['HS256'] })).payload
      if (algorithm && ASYMMETRIC.includes(algorithm) && jwks) return (await jwtVerify(token, jwks, { ...checks, algorithms: ASYMMETRIC })).payload
    } catch (error) {
      throw unauthenticated(reasonOf(error))
    }
    throw unauthenticated(`tokens signed with ${algorithm ?? 'no algorithm'} are not accepted`)
  }

  return async (token) => {
    const remembered = verified.get(token)
    if (remembered && remembered.expiresAt > Date.now()) return remembered.principal
    let algorithm: string | undefined
    try {
      algorithm = decodeProtectedHeader(token).alg
    } catch {
      throw unauthenticated('the bearer token is not a JWT')
    }
    const payload = await verifiedPayload(token, algorithm)
    const principal = principalOf(payload)
    if (algorithm === 'HS256') {
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!)
      verified.set(token, { principal, expiresAt: payload.exp! * 1000 })
    }
    return principal
  }
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: string }).code
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired'
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const claim = (error as { claim?: string }).claim
      return claim === 'nbf' ? 'the token is not valid yet' : `the token's ${claim} claim is not accepted`
    }
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature is not valid'
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'no signing key matches the token'
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JOSE_GENERIC':
      return 'the signing keys could not be fetched'
    default:
      return 'the token is not valid'
  }
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []

const MAX_IDENTIFIER_LENGTH = 256
const isIdentifier = (value: string) => value.length <= MAX_IDENTIFIER_LENGTH && isStorable(value)

/** Entra's claims: oid (wins over sub) is the caller, tid the tenant, scp delegated scopes, roles app permissions, wids directory roles. */
export function principalOf(claims: JWTPayload): Principal {
  const subjectId = typeof claims.oid === 'string' && claims.oid ? claims.oid : claims.sub
  if (typeof claims.tid !== 'string' || !claims.tid) throw unauthenticated('the token has no tid (tenant) claim')
  if (typeof subjectId !== 'string' || !subjectId) throw unauthenticated('the token has neither an oid nor a sub claim')
  // Both name rows and are stored in audit events: text a database can hold and index, as long as any id.
  if (!isIdentifier(claims.tid)) throw unauthenticated("the token's tid claim is not accepted")
  if (!isIdentifier(subjectId)) throw unauthenticated(`the token's ${subjectId === claims.oid ? 'oid' : 'sub'} claim is not accepted`)
  const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ').filter(Boolean) : []
  const appOnly = claims.scp === undefined && Array.isArray(claims.roles)
  return {
    tenantId: claims.tid,
    subjectId,
    kind: appOnly ? 'app' : 'user',
    scopes: new Set(scopes),
    appPermissions: new Set(strings(claims.roles)),
    directoryRoles: new Set(strings(claims.wids)),
  }
}

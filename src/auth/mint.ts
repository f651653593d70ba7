// Signs tokens for local use (the `token` command, the admin token printed
// by `npm start`, tests): HS256 with JWT_SECRET, Entra-shaped claims.
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { SignJWT } from 'jose'

export interface TokenClaims {
  tid: string
  /** The caller's object id (emitted as both oid and sub). */
  sub: string
  /** Delegated scopes, space-separated; absent on app-only tokens. */
  scp?: string
  /** Application permissions, for app-only tokens. */
  roles?: string[]
  /** Directory role template ids. */
  wids?: string[]
  iss?: string
  aud?: string
}

export function mintToken(secret: string, claims: TokenClaims, expiresInSeconds = 3600): Promise<string> {
  const { iss, aud, ...rest } = claims
  let jwt = new SignJWT({ ...rest, oid: claims.sub })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
  if (iss) jwt = jwt.setIssuer(iss)
  if (aud) jwt = jwt.setAudience(aud)
  return jwt.sign(new TextEncoder().encode(secret))
}

/** Where development keeps its generated secret, so that `npm start` and `npm run token` agree. */
export const DEV_SECRET_FILE = 'data/dev-jwt-secret'

/** The development secret: generated once, then reused. Never used in production. */
export function developmentSecret(file = DEV_SECRET_FILE): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dirname(file), { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  return secret
}

// Signs tokens for local use (the `token` command, the admin token printed
// by `npm start`, tests): HS256 with JWT_SECRET, Entra-shaped claims.
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { SignJWT } from 'jose'
import type { Config } from '../config.ts'

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

/** The HS256 secret: JWT_SECRET, else outside production the development secret; none in production without JWT_SECRET. */
export function signingSecret(config: Pick<Config, 'auth' | 'production'>): string | undefined {
  return config.auth.jwtSecret ?? (config.production ? undefined : developmentSecret())
}

/** The development secret: generated once, then reused. Never used in production. */
function developmentSecret(): string {
  if (existsSync(DEV_SECRET_FILE)) return readFileSync(DEV_SECRET_FILE, 'utf8').trim()
  mkdirSync(dirname(DEV_SECRET_FILE), { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(DEV_SECRET_FILE, `${secret}\n`, { mode: 0o600 })
  return secret
}

// Every environment variable the gateway reads, parsed and checked once at
// start. A bad value stops the process with one line naming the variable.
import { isIP } from 'node:net'
import { z } from 'zod'
import { normalizedAddress } from './links.ts'
import { projectPath } from './paths.ts'
import type { PersistedOperationsMode } from './plugins/persisted-operations.ts'

/** The kit's manifest of trusted documents, written by `npm run client:codegen`. */
export const KIT_PERSISTED_DOCUMENTS = projectPath('client', 'generated', 'persisted-documents.json')

export type DatabaseProvider = 'sqlite' | 'postgres'

export function databaseProvider(url: string): DatabaseProvider | undefined {
  if (url.startsWith('file:')) return 'sqlite'
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres'
  return undefined
}

/**
 * `?pgbouncer=true` on a PostgreSQL URL (Prisma's own convention) says the
 * URL reaches a transaction-pooling PgBouncer: no named statements, and wait
 * limits set per transaction (see docs/operations.md). The parameter is not
 * PostgreSQL's: it is removed before the URL reaches the driver.
 */
export function pooledUrl(url: string): { url: string; pooled: boolean } {
  if (databaseProvider(url) !== 'postgres') return { url, pooled: false }
  const parsed = new URL(url)
  const flag = parsed.searchParams.get('pgbouncer')
  if (flag === null) return { url, pooled: false }
  parsed.searchParams.delete('pgbouncer')
  return { url: parsed.toString(), pooled: flag === 'true' }
}

const pgbouncerFlag = (url: string) => {
  if (databaseProvider(url) !== 'postgres') return true
  try {
    const flag = new URL(url).searchParams.get('pgbouncer')
    return flag === null || flag === 'true' || flag === 'false'
  } catch {
    return false
  }
}

const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^[0-9]+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))

const commaSeparated = (value: string) =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)

/**
 * An origin as browsers send it in `Origin` (scheme://host[:port], lower case,
 * no default port), or with `:*` for any port. Undefined when the entry is not
 * an http(s) origin.
 */
function normalizedOrigin(entry: string): string | undefined {
  const anyPort = entry.endsWith(':*')
  let url: URL
  try {
    url = new URL(anyPort ? entry.slice(0, -2) : entry)
  } catch {
    return undefined
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && !entry.replace(/^\w+:\/\//, '').includes('/')
  if (!/^https?:$/.test(url.protocol) || !bare || url.hostname.includes('*') || (anyPort && url.port)) return undefined
  return anyPort ? `${url.origin}:*` : url.origin
}

/** A host name as a `Host` header carries it without its port: lower case, IPv6 in brackets. */
function normalizedHost(entry: string): string | undefined {
  try {
    const url = new URL(`http://${entry}`)
    return url.host === entry.toLowerCase() && !url.port && !url.hostname.includes('*') ? url.hostname : undefined
  } catch {
    return undefined
  }
}

/** Parses a comma-separated list entry by entry; a bad entry is an issue naming its position, never its value. */
const listOf =
  (normalize: (entry: string) => string | undefined, expected: string) =>
  (value: string, context: z.RefinementCtx): string[] => {
    const entries = commaSeparated(value)
    const normalized = entries.map(normalize)
    const bad = normalized.findIndex((entry) => entry === undefined)
    if (entries.length === 0 || bad >= 0) {
      context.addIssue({ code: 'custom', message: `must be ${expected}${bad >= 0 ? ` (entry ${bad + 1} is not)` : ''}` })
      return z.NEVER
    }
    return normalized as string[]
  }

/** PUBLIC_URL: an http(s) URL with nothing after its path, kept without a trailing slash. */
function publicUrl(entry: string): string | undefined {
  let url: URL
  try {
    url = new URL(entry)
  } catch {
    return undefined
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password || entry.includes('?') || entry.includes('#')) return undefined
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

function publicUrlOf(value: string, context: z.RefinementCtx): string {
  const url = publicUrl(value.trim())
  if (url !== undefined) return url
  context.addIssue({ code: 'custom', message: 'must be an http(s) URL such as https://auth-api.example.com, with no query or fragment' })
  return z.NEVER
}

const address = (entry: string) => (isIP(entry) ? normalizedAddress(entry) : undefined)

const origins = listOf(normalizedOrigin, 'comma-separated origins such as https://app.example.com or http://localhost:* (scheme://host[:port])')
const hosts = listOf(normalizedHost, 'comma-separated host names without a port, such as localhost,gateway.example.com, or *')
const addresses = listOf(address, 'comma-separated IP addresses, such as 10.0.0.2,::1')

const flag = z.enum(['true', 'false'], 'must be true or false').transform((value) => value === 'true')

const environment = z.object({
  NODE_ENV: z.string().default('development'),
  DATABASE_URL: z
    .string()
    .default('file:./data/dev.db')
    .refine((url) => databaseProvider(url) !== undefined, 'must start with file:, postgres:// or postgresql://')
    .refine(pgbouncerFlag, 'must be a valid URL whose pgbouncer parameter, if any, is true or false'),
  DIRECT_DATABASE_URL: z
    .string()
    .refine((url) => databaseProvider(url) === 'postgres', 'must start with postgres:// or postgresql://')
    .refine(pgbouncerFlag, 'must be a valid URL')
    .optional(),
  DATABASE_STATEMENT_TIMEOUT_MS: integer(0).default(5000),
  DATABASE_LOCK_TIMEOUT_MS: integer(0).default(3000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: integer(0).default(5000),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  WORKERS: z
    .string()
    .regex(/^(auto|[1-9][0-9]{0,2})$/, 'must be auto or a whole number from 1 to 999')
    .transform((value) => (value === 'auto' ? ('auto' as const) : Number(value)))
    .default(1),
  AUDIT_PURGE: z.enum(['on', 'off'], 'must be on or off').default('on'),
  DATABASE_POOL_SIZE: integer(1, 1000).default(10),
  PORT: integer(0, 65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  MUTATION_RATE_LIMIT: integer(0).default(600),
  CORS_ORIGINS: z.string().transform(origins).optional(),
  ALLOWED_HOSTS: z
    .string()
    .transform((value, context) => (value.trim() === '*' ? ('any' as const) : hosts(value, context)))
    .optional(),
  PUBLIC_URL: z.string().transform(publicUrlOf).optional(),
  TRUST_PROXY: z.string().transform(addresses).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  GRAPHIQL: flag.optional(),
  INTROSPECTION: flag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_BODY_BYTES: integer(1).default(1024 * 1024),
  MAX_ALIASES: integer(1).default(15),
  MAX_DEPTH: integer(1).default(10),
  MAX_TOKENS: integer(1).default(1000),
  MAX_COST: integer(1).default(5000),
  MAX_DIRECTIVES: integer(1).default(50),
  MAX_BATCH: integer(1).default(10),
  MAX_CONCURRENT_REQUESTS: integer(0).default(256),
  MAX_HEAP_USED_PERCENT: integer(0, 100).default(85),
  MAX_EVENT_LOOP_DELAY_MS: integer(0).default(1000),
  MAX_COST_IN_FLIGHT: integer(0).default(20_000),
  METRICS_DB_STATEMENTS: flag.optional(),
  SHUTDOWN_TIMEOUT_MS: integer(0).default(10_000),
  AUDIT_RETENTION_DAYS: integer(1, 36_500).default(90),
  MIGRATE_AT_START_SECONDS: integer(1).default(60),
  PERSISTED_OPERATIONS: z.enum(['off', 'allowed', 'required'], 'must be off, allowed or required').default('off'),
  PERSISTED_OPERATIONS_FILE: z.string().min(1).optional(),
})

/** Every variable the gateway reads (docs/configuration.md has a row for each). */
export const CONFIGURATION_VARIABLES: readonly string[] = Object.keys(environment.shape)

export interface Config {
  production: boolean
  database: {
    url: string
    provider: DatabaseProvider
    poolSize: number
    /** Where migrations (and anything else needing one session) run: DIRECT_DATABASE_URL, else DATABASE_URL. */
    migrationUrl: string
    /** PostgreSQL's statement_timeout, lock_timeout and idle_in_transaction_session_timeout, in ms (0: none). */
    waitLimits: WaitLimits
  }
  /** Shared by every gateway process for the mutation rate limit; unset: each process counts alone. */
  redisUrl?: string
  /** Gateway processes `npm start` runs (PostgreSQL only when more than one). */
  workers: number | 'auto'
  /** Whether this process purges expired audit events periodically (off: leave it to `npm run audit:purge`). */
  auditPurge: boolean
  http: { port: number; host: string }
  /** Browser origins that may call the gateway (CORS); `:*` stands for any port. */
  corsOrigins: string[]
  /** The `Host` names the gateway answers to (against DNS rebinding), or any. */
  allowedHosts: string[] | 'any'
  /** The base of absolute links (PUBLIC_URL, no trailing slash); unset: see links.ts. */
  publicUrl?: string
  /** Peers whose X-Forwarded-Proto and X-Forwarded-Host are believed (TRUST_PROXY). */
  trustProxy: string[]
  /** The bearer token GET /metrics asks for, when set. */
  metricsToken?: string
  auth: { jwtSecret?: string; jwksUrl?: string; issuer?: string; audience?: string }
  graphiql: boolean
  /** GraphiQL needs it; otherwise off in production unless INTROSPECTION=true. */
  introspection: boolean
  mutationRateLimit: number
  logLevel: z.infer<typeof environment>['LOG_LEVEL']
  limits: {
    bodyBytes: number
    aliases: number
    depth: number
    tokens: number
    cost: number
    directives: number
    batch: number
  }
  /** Load shedding (503 SERVER_BUSY) past any of these; 0 turns one off. */
  overload: { maxConcurrentRequests: number; maxHeapUsedRatio: number; maxEventLoopDelayMs: number; maxCostInFlight: number }
  /** Count every SQL statement in gateway_db_statements_total (costs CPU: off by default). */
  metricsDbStatements: boolean
  shutdownTimeoutMs: number
  /** Audit events older than this many days are purged. */
  auditRetentionDays: number
  /** How long a start may spend on pending migrations before it gives up and names `npm run db:migrate`. */
  migrateAtStartMs: number
  /** Trusted documents: whether a request may (allowed) or must (required) name a document of the manifest file by its hash. */
  persistedOperations: { mode: PersistedOperationsMode; file: string }
}

export interface WaitLimits {
  statementMs: number
  lockMs: number
  idleInTransactionMs: number
}

export class ConfigError extends Error {}

/** Reads the configuration; throws a ConfigError whose message is the one line to print. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as most shells and .env files intend.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const parsed = environment.safeParse(present)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    // Never echo the value: it may be a secret or a URL with a password.
    throw new ConfigError(`invalid configuration: ${issue.path.join('.')} ${issue.message}`)
  }
  const e = parsed.data
  const production = e.NODE_ENV === 'production'
  if (production && !e.JWT_SECRET && !e.JWT_JWKS_URL) {
    throw new ConfigError('invalid configuration: JWT_SECRET or JWT_JWKS_URL is required when NODE_ENV=production')
  }
  if (e.WORKERS !== 1 && databaseProvider(e.DATABASE_URL) === 'sqlite') {
    throw new ConfigError('invalid configuration: WORKERS must be 1 on SQLite (several gateway processes need PostgreSQL)')
  }
  // GraphiQL sends documents of its own, which `required` refuses: the page would only show refusals.
  const onlyTrustedDocuments = e.PERSISTED_OPERATIONS === 'required'
  if (onlyTrustedDocuments && e.GRAPHIQL) {
    throw new ConfigError('invalid configuration: GRAPHIQL=true needs PERSISTED_OPERATIONS off or allowed (GraphiQL sends documents that are not in the manifest)')
  }
  return {
    production,
    database: {
      url: e.DATABASE_URL,
      provider: databaseProvider(e.DATABASE_URL)!,
      poolSize: e.DATABASE_POOL_SIZE,
      migrationUrl: e.DIRECT_DATABASE_URL ?? e.DATABASE_URL,
      waitLimits: {
        statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
        lockMs: e.DATABASE_LOCK_TIMEOUT_MS,
        idleInTransactionMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      },
    },
    redisUrl: e.REDIS_URL,
    workers: e.WORKERS,
    auditPurge: e.AUDIT_PURGE === 'on',
    http: { port: e.PORT, host: e.HOST },
    corsOrigins: e.CORS_ORIGINS ?? (production ? [] : ['http://localhost:*', 'http://127.0.0.1:*']),
    allowedHosts: e.ALLOWED_HOSTS ?? (production ? 'any' : ['localhost', '127.0.0.1', '[::1]']),
    publicUrl: e.PUBLIC_URL,
    trustProxy: e.TRUST_PROXY ?? [],
    metricsToken: e.METRICS_TOKEN,
    auth: { jwtSecret: e.JWT_SECRET, jwksUrl: e.JWT_JWKS_URL, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE },
    graphiql: e.GRAPHIQL ?? (!production && !onlyTrustedDocuments),
    introspection: e.INTROSPECTION ?? e.GRAPHIQL ?? !production,
    mutationRateLimit: e.MUTATION_RATE_LIMIT,
    logLevel: e.LOG_LEVEL,
    limits: {
      bodyBytes: e.MAX_BODY_BYTES,
      aliases: e.MAX_ALIASES,
      depth: e.MAX_DEPTH,
      tokens: e.MAX_TOKENS,
      cost: e.MAX_COST,
      directives: e.MAX_DIRECTIVES,
      batch: e.MAX_BATCH,
    },
    overload: {
      maxConcurrentRequests: e.MAX_CONCURRENT_REQUESTS,
      maxHeapUsedRatio: e.MAX_HEAP_USED_PERCENT / 100,
      maxEventLoopDelayMs: e.MAX_EVENT_LOOP_DELAY_MS,
      maxCostInFlight: e.MAX_COST_IN_FLIGHT,
    },
    metricsDbStatements: e.METRICS_DB_STATEMENTS ?? false,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    migrateAtStartMs: e.MIGRATE_AT_START_SECONDS * 1000,
    persistedOperations: { mode: e.PERSISTED_OPERATIONS, file: e.PERSISTED_OPERATIONS_FILE ?? KIT_PERSISTED_DOCUMENTS },
  }
}

// An in-process gateway on a real, freshly migrated and seeded database,
// driven through yoga.fetch exactly as HTTP clients drive it.
import { createTokenVerifier, type VerifyToken } from '../../../src/auth/tokens.ts'
import { openDatabase, Prisma, type Database, type DatabaseOptions } from '../../../src/db/client.ts'
import { migrate } from '../../../src/db/migrate.ts'
import { seed, type SeedFile } from '../../../src/db/seed.ts'
import { writeSmsPolicy } from '../../../src/db/sms-policy-store.ts'
import { DEFAULT_SMS_POLICY } from '../../../src/domain/sms-policy.ts'
import { createLogger, type Logger } from '../../../src/logger.ts'
import { Metrics } from '../../../src/metrics.ts'
import { createServer, type Server, type ServerDeps } from '../../../src/server.ts'
import { loadConfig } from '../../../src/config.ts'
import { scratchDatabase, type Provider } from './databases.ts'
import { TEST_SECRET, testTenants } from '../personas/tenants.ts'

export interface GraphQLResponse {
  status: number
  headers: Headers
  data?: Record<string, any> | null
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[]
}

export interface TestGateway {
  provider: Provider
  /** The database's URL, for tests that open a connection of their own. */
  url: string
  db: Database
  yoga: Server
  /** SQL statements run since the last reset. */
  statements: { count: number; sql: string[]; reset(): void }
  metrics: Metrics
  graphql(token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>
  close(): Promise<void>
}

export interface GatewayOptions {
  /** Who is in the database (default: the test tenants contoso and fabrikam). */
  tenants?: SeedFile
  /** How tokens are checked (default: HS256 with TEST_SECRET). */
  verifyToken?: VerifyToken
  /** Changes to the default request limits. */
  limits?: Partial<ServerDeps['limits']>
  /** Mutations per minute per caller (default 0: no limit). */
  mutationRateLimit?: number
  /** Default true. */
  introspection?: boolean
  /** Where logs go (default: nowhere, unless TEST_LOG_LEVEL is set). */
  logger?: Logger
  /** CORS_ORIGINS (default: none). */
  corsOrigins?: string[]
  /** ALLOWED_HOSTS (default: any). */
  allowedHosts?: string[] | 'any'
  /** The URL the gateway serves through, from the scratch database's (e.g. through a PgBouncer); migrations and seeds go direct. */
  servedThrough?: (url: string) => string
  /** PostgreSQL's wait limits for the gateway's sessions (default: none). */
  waitLimits?: DatabaseOptions['waitLimits']
  /** A client-side statement timeout, as the gateway process sets it (default: none). */
  queryTimeoutMs?: number
  /** REDIS_URL's connection: one rate limit budget per caller across gateways. */
  rateLimitStore?: ServerDeps['rateLimitStore']
}

export async function startGateway(provider: Provider, options: GatewayOptions = {}): Promise<TestGateway> {
  const tenants = options.tenants ?? testTenants
  const scratch = await scratchDatabase(provider)
  const statements = {
    count: 0,
    sql: [] as string[],
    reset() {
      this.count = 0
      this.sql = []
    },
  }
  const onQuery = (sql: string) => {
    statements.count++
    statements.sql.push(sql)
  }
  let db = await openDatabase({ url: scratch.url, poolSize: 5, onQuery, waitLimits: options.waitLimits, queryTimeoutMs: options.queryTimeoutMs })
  await migrate(db)
  await seed(db, tenants)
  if (options.servedThrough) {
    await db.close()
    db = await openDatabase({ url: options.servedThrough(scratch.url), poolSize: 5, onQuery, waitLimits: options.waitLimits, queryTimeoutMs: options.queryTimeoutMs })
  }
  const metrics = new Metrics(db.poolStats)
  const yoga = createServer({
    db,
    metrics,
    mutationRateLimit: options.mutationRateLimit ?? 0,
    rateLimitStore: options.rateLimitStore,
    graphiql: false,
    introspection: options.introspection ?? true,
    corsOrigins: options.corsOrigins ?? [],
    allowedHosts: options.allowedHosts ?? 'any',
    verifyToken: options.verifyToken ?? createTokenVerifier({ jwtSecret: TEST_SECRET }),
    logger: options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    limits: { ...loadConfig({}).limits, ...options.limits },
  })
  statements.reset()
  return {
    provider,
    url: scratch.url,
    db,
    yoga,
    statements,
    metrics,
    async graphql(token, query, variables) {
      const response = await yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      })
      const body = (await response.json()) as Omit<GraphQLResponse, 'status' | 'headers'>
      return { status: response.status, headers: response.headers, ...body }
    },
    async close() {
      await db.close()
      await scratch.drop()
    },
  }
}

/** The error codes of a response, in order. */
export const codes = (response: GraphQLResponse) => response.errors?.map((error) => error.extensions?.code) ?? []

/** The demo tenant with no phones and the default SMS policy: where a test of the phone routes starts. */
export async function resetPhonesAndPolicy(gateway: TestGateway): Promise<void> {
  const { db } = gateway
  await db.transaction(async (tx) => {
    await tx.execute(Prisma.sql`DELETE FROM "PhoneMethod"`)
    await writeSmsPolicy(tx, db.provider, 'contoso', DEFAULT_SMS_POLICY)
  })
}

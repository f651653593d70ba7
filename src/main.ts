// The process: configuration → database → server → graceful shutdown.
import { createServer as createHttpServer } from 'node:http'
import { DEV_SECRET_FILE, mintToken, signingSecret } from './auth/mint.ts'
import { createTokenVerifier } from './auth/tokens.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { openDatabase, type Database } from './db/client.ts'
import { migrate } from './db/migrate.ts'
import { demoTenant, seed } from './db/seed.ts'
import { lockSqliteFile } from './db/sqlite-lock.ts'
import { DirectoryRole } from './domain/principal.ts'
import { createProcessLogger, logsFlushed, scrub, type Logger } from './logger.ts'
import { Metrics } from './metrics.ts'
import { createServer } from './server.ts'
import { startAuditRetention } from './services/audit-retention.ts'

const ADMIN_SCOPES = 'UserAuthenticationMethod.ReadWrite.All Policy.ReadWrite.AuthenticationMethod'
/** After the drain deadline: time for the database to close and the last log lines to leave. */
const CLOSE_GRACE_MS = 3000
const LOG_FLUSH_MS = 1000

async function main(): Promise<void> {
  const config = loadConfig()
  const logger = createProcessLogger(config.logLevel)
  const jwtSecret = signingSecret(config)

  const releaseSqlite = config.database.provider === 'sqlite' ? lockSqliteFile(config.database.url.slice('file:'.length)) : () => {}
  let countStatement: (() => void) | undefined
  const db = await openDatabase({
    url: config.database.url,
    poolSize: config.database.poolSize,
    queryTimeoutMs: 5000,
    onQuery: config.metricsDbStatements ? () => countStatement?.() : undefined,
  })
  const metrics = new Metrics(db.poolStats)
  if (config.metricsDbStatements) countStatement = () => metrics.dbStatements.inc()
  const applied = await migrate(db)
  if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations')
  if (!config.production && (await db.client.tenant.count()) === 0) {
    await seed(db, demoTenant)
    logger.info({ tenant: 'contoso' }, 'seeded the demo tenant')
  }

  const stopAuditRetention = startAuditRetention(db, config.auditRetentionDays, logger)

  const adminToken =
    !config.production && jwtSecret ? await mintToken(jwtSecret, demoAdminClaims(config), 12 * 3600) : undefined
  const yoga = createServer({
    db,
    verifyToken: createTokenVerifier({ ...config.auth, jwtSecret }),
    logger,
    metrics,
    limits: config.limits,
    overload: config.overload,
    mutationRateLimit: config.mutationRateLimit,
    graphiql: config.graphiql && { token: adminToken },
    introspection: config.introspection,
    corsOrigins: config.corsOrigins,
    allowedHosts: config.allowedHosts,
  })

  const http = createHttpServer(yoga)
  http.listen(config.http.port, config.http.host, () => {
    const address = http.address()
    const port = typeof address === 'object' && address ? address.port : config.http.port
    if (adminToken) printDevelopmentBanner(`http://${browserHost(config.http.host)}:${port}/graphql`, adminToken, config.auth.jwtSecret ? undefined : jwtSecret)
    logger.info({ host: config.http.host, port, database: config.database.provider }, 'listening')
  })

  const shutdown = onceShutdown(async (signal) => {
    logger.info({ signal }, 'shutting down: draining in-flight requests')
    // Whatever still holds the process after the deadline and a grace period
    // (a database that does not answer its close), the process ends as asked.
    setTimeout(() => {
      logger.warn('shutdown grace period passed: exiting without waiting any longer')
      process.exit(0)
    }, config.shutdownTimeoutMs + CLOSE_GRACE_MS + LOG_FLUSH_MS).unref()
    const deadline = setTimeout(() => {
      logger.warn('shutdown deadline passed: closing the remaining connections')
      http.closeAllConnections()
    }, config.shutdownTimeoutMs)
    deadline.unref()
    // Keep-alive connections go idle one by one as their last response
    // leaves: close each as soon as it does.
    const closeIdle = setInterval(() => http.closeIdleConnections(), 100)
    await new Promise<void>((resolve) => {
      http.close(() => resolve())
      http.closeIdleConnections()
    })
    clearInterval(closeIdle)
    clearTimeout(deadline)
    stopAuditRetention()
    await closeQuietly(db, logger)
    releaseSqlite()
    logger.info('stopped')
    await logsFlushed(LOG_FLUSH_MS)
  })
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

function demoAdminClaims(config: Config) {
  const admin = demoTenant.tenants[0]!.users.find((user) => user.directoryRoles?.includes(DirectoryRole.privilegedAuthenticationAdministrator))!
  return { tid: 'contoso', sub: admin.id, scp: ADMIN_SCOPES, wids: admin.directoryRoles, iss: config.auth.issuer, aud: config.auth.audience }
}

/** The listen address as a browser opens it: a wildcard address is none (and not an allowed host), so localhost. */
function browserHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost'
  return host.includes(':') ? `[${host}]` : host
}

function printDevelopmentBanner(graphiqlUrl: string, token: string, generatedSecret: string | undefined): void {
  const lines = [
    '',
    `GraphiQL:    ${graphiqlUrl}`,
    'Admin token (admin@contoso.com: Privileged Authentication and Authentication Policy Administrator; valid 12 hours):',
    `Authorization: Bearer ${token}`,
    ...(generatedSecret ? [`Development JWT secret (kept in ${DEV_SECRET_FILE}): ${generatedSecret}`] : []),
    '',
  ]
  process.stdout.write(lines.join('\n') + '\n')
}

/**
 * The first SIGTERM or SIGINT starts the shutdown; later ones change nothing
 * (a terminal's Ctrl-C reaches both npm and the gateway, and npm passes its
 * own on: the gateway gets two at once).
 */
function onceShutdown(stop: (signal: string) => Promise<void>) {
  let stopping: Promise<void> | undefined
  return (signal: string) =>
    (stopping ??= stop(signal).then(
      () => process.exit(0),
      () => process.exit(1),
    ))
}

async function closeQuietly(db: Database, logger: Logger): Promise<void> {
  try {
    await db.close()
  } catch (error) {
    logger.error({ err: error }, 'closing the database failed')
  }
}

// A failed start is one line on stderr (scrubbed like a log line), never a stack trace.
await main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`${error instanceof ConfigError ? '' : 'the gateway could not start: '}${scrub(message).split('\n')[0]}\n`)
  process.exit(1)
})

// The process: configuration → database → server → graceful shutdown.
import cluster from 'node:cluster'
import { DEV_SECRET_FILE, mintToken, signingSecret } from './auth/mint.ts'
import { createTokenVerifier } from './auth/tokens.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { openDatabase, type Database } from './db/client.ts'
import { createHttpEdge } from './http-edge.ts'
import { migrate } from './db/migrate.ts'
import { demoTenant, seed } from './db/seed.ts'
import { lockSqliteFile } from './db/sqlite-lock.ts'
import { DirectoryRole } from './domain/principal.ts'
import { createProcessLogger, logsFlushed, oneLineReason, type Logger } from './logger.ts'
import { Metrics } from './metrics.ts'
import { BANNER_WORKER_ENV, runPrimary, workerCount } from './cluster.ts'
import { connectRateLimitStore } from './plugins/rate-limit-store.ts'
import { readPersistedDocuments, type PersistedOperations } from './plugins/persisted-operations.ts'
import { createServer } from './server.ts'
import { startAuditRetention } from './services/audit-retention.ts'

// Every screen of an admin console with one development token: phones, the SMS policy and the audit log.
const ADMIN_SCOPES = 'UserAuthenticationMethod.ReadWrite.All Policy.ReadWrite.AuthenticationMethod AuditLog.Read.All'
/** After the drain deadline: time for the database to close and the last log lines to leave. */
const CLOSE_GRACE_MS = 3000
const LOG_FLUSH_MS = 1000

async function main(): Promise<void> {
  const config = loadConfig()
  const persistedOperations = persistedOperationsOf(config)
  const logger = createProcessLogger(config.logLevel)
  const jwtSecret = signingSecret(config)
  const workers = workerCount(config.workers)
  const primary = cluster.isPrimary

  const releaseSqlite = config.database.provider === 'sqlite' ? lockSqliteFile(config.database.url.slice('file:'.length)) : () => {}
  if (primary) await prepareDatabase(config, logger)
  if (primary && workers > 1) return runPrimary(workers, shutdownDeadlineMs(config), logger, !config.production && jwtSecret !== undefined)

  let countStatement: (() => void) | undefined
  const db = await openDatabase({
    url: config.database.url,
    poolSize: config.database.poolSize,
    queryTimeoutMs: 5000,
    waitLimits: config.database.waitLimits,
    onQuery: config.metricsDbStatements ? () => countStatement?.() : undefined,
  })
  const metrics = new Metrics(db.poolStats)
  if (config.metricsDbStatements) countStatement = () => metrics.dbStatements.inc()
  const rateLimitStore = config.redisUrl ? connectRateLimitStore(config.redisUrl) : undefined
  const stopAuditRetention = config.auditPurge ? startAuditRetention(db, config.auditRetentionDays, logger) : () => {}
  // In a cluster, one worker prints the banner (the primary asked it to).
  const printsBanner = primary || process.env[BANNER_WORKER_ENV] === '1'

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
    rateLimitStore,
    graphiql: config.graphiql && { token: adminToken },
    introspection: config.introspection,
    corsOrigins: config.corsOrigins,
    allowedHosts: config.allowedHosts,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    metricsToken: config.metricsToken,
    persistedOperations,
  })

  const http = createHttpEdge(yoga, logger)
  http.listen(config.http.port, config.http.host, () => {
    const address = http.address()
    const port = typeof address === 'object' && address ? address.port : config.http.port
    if (adminToken && printsBanner) printDevelopmentBanner(`http://${browserHost(config.http.host)}:${port}/graphql`, adminToken, config.auth.jwtSecret ? undefined : jwtSecret)
    logger.info({ host: config.http.host, port, database: config.database.provider }, 'listening')
  })

  const shutdown = onceShutdown(async (signal) => {
    logger.info({ signal }, 'shutting down: draining in-flight requests')
    // Whatever still holds the process after the deadline and a grace period
    // (a database that does not answer its close), the process ends as asked.
    setTimeout(() => {
      logger.warn('shutdown grace period passed: exiting without waiting any longer')
      process.exit(0)
    }, shutdownDeadlineMs(config)).unref()
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
    rateLimitStore?.disconnect()
    await closeQuietly(db, logger)
    releaseSqlite()
    logger.info('stopped')
    await logsFlushed(LOG_FLUSH_MS)
  })
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  // A worker whose primary is gone (SIGKILLed) would serve no one: it stops too.
  if (cluster.isWorker) process.on('disconnect', () => void shutdown('disconnect'))
}

/** How long a gateway process may take to stop once asked: the drain, then closing and the last log lines. */
function shutdownDeadlineMs(config: Config): number {
  return config.shutdownTimeoutMs + CLOSE_GRACE_MS + LOG_FLUSH_MS
}

/**
 * Migrations (over DIRECT_DATABASE_URL when set: they may need a session of
 * their own, and must not be bound by the request timeouts) and, in
 * development, the demo tenant on an empty database. Once per start, by the
 * primary process only.
 */
async function prepareDatabase(config: Config, logger: Logger): Promise<void> {
  const db = await openDatabase({ url: config.database.migrationUrl })
  try {
    // Not bound by the request timeouts: MIGRATE_AT_START_SECONDS bounds it instead.
    const applied = await migrate(db, { budgetMs: config.migrateAtStartMs })
    if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations')
    if (!config.production && (await db.client.tenant.count()) === 0) {
      await seed(db, demoTenant)
      logger.info({ tenant: 'contoso' }, 'seeded the demo tenant')
    }
  } finally {
    await db.close()
  }
}

/** The manifest is read once at start: a missing or malformed file stops the process, naming the variable. */
function persistedOperationsOf({ persistedOperations: { mode, file } }: Config): PersistedOperations | undefined {
  if (mode === 'off') return undefined
  try {
    return { mode, documents: readPersistedDocuments(file) }
  } catch (error) {
    throw new ConfigError(`invalid configuration: PERSISTED_OPERATIONS_FILE: ${(error as Error).message}`)
  }
}

function demoAdminClaims(config: Config) {
  const admin = demoTenant.tenants[0]!.users.find((user) => user.directoryRoles?.includes(DirectoryRole.privilegedAuthenticationAdministrator))!
  // Reports Reader, a reader role of the audit log, is added to the token only: it changes nothing else the admin may do or see.
  const wids = [...(admin.directoryRoles ?? []), DirectoryRole.reportsReader]
  return { tid: 'contoso', sub: admin.id, scp: ADMIN_SCOPES, wids, iss: config.auth.issuer, aud: config.auth.audience }
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
    'Admin token (admin@contoso.com: Privileged Authentication and Authentication Policy Administrator, Reports Reader; reads the audit log; valid 12 hours):',
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
  process.stderr.write(`${error instanceof ConfigError ? error.message : `the gateway could not start: ${oneLineReason(error)}`}\n`)
  process.exit(1)
})

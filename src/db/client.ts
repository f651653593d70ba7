// One Prisma client per provider, chosen by DATABASE_URL. Both are generated
// from the same model, so the application is typed against one of them.
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import pg from 'pg'
import { databaseProvider, pooledUrl, type DatabaseProvider, type WaitLimits } from '../config.ts'
import type { PoolStats } from '../metrics.ts'
import { PrismaClient as PostgresClient } from './generated/postgres/client.ts'
import { Prisma, PrismaClient as SqliteClient } from './generated/sqlite/client.ts'
import { readWriteSplitSqlite } from './sqlite-adapter.ts'
import { inAdapterTransaction, isOneOf, statementsOn, type Statements } from './statements.ts'

export type Db = SqliteClient
/** The statements of a write transaction (db.transaction). */
export type Tx = Statements
/** A Prisma interactive transaction: the migrations' and the seed's, which use Prisma's model calls and DDL. */
export type PrismaTx = Prisma.TransactionClient
export { isOneOf, Prisma, type Statements }

/** A value for an enum column in a raw statement: PostgreSQL's enum columns want their type named; SQLite stores the text. */
export const asEnum = (
  provider: DatabaseProvider,
  value: string | null,
  type:
    | 'AuditResult'
    | 'AuthenticationMethodState'
    | 'AuthenticationMethodTargetType'
    | 'PhoneType'
    | 'SmsPolicyTargetList'
    | 'SmsSignInRegistration'
    | 'UserDefaultAuthenticationMethodType',
) =>
  provider === 'postgres' ? Prisma.sql`CAST(${value} AS ${Prisma.raw(`"${type}"`)})` : Prisma.sql`${value}`

export interface Database {
  readonly provider: DatabaseProvider
  /**
   * Prisma's client, for the reads written as model queries. Reads outside a
   * transaction never see another request's uncommitted writes; every write
   * goes through `transaction`.
   */
  readonly client: Db
  /** Raw statements outside a transaction (on SQLite, the read-only connection). */
  readonly statements: Statements
  /**
   * Runs `work` in one transaction on the driver adapter (db/statements.ts):
   * committed when it resolves, rolled back when it throws. Behind a
   * transaction pooler the session's wait limits do not follow the
   * transaction, so each one sets them for itself first (SET LOCAL).
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>
  /** The PostgreSQL pool's connections (none on SQLite). */
  poolStats(): PoolStats | undefined
  close(): Promise<void>
}

export interface DatabaseOptions {
  url: string
  poolSize?: number
  /** Called with every SQL statement Prisma runs (tests count them). Off in the gateway: Prisma's query events cost some 8 % of a read's CPU. */
  onQuery?: (sql: string) => void
  /**
   * PostgreSQL: a statement (or a connection attempt) that has not answered
   * by then fails, so that a hung server cannot hold requests. Unset for the
   * command-line tools, whose migrations and seeds may take long.
   */
  queryTimeoutMs?: number
  /**
   * PostgreSQL: the server-side wait limits of every session (and of every
   * transaction behind a pooler), so that a frozen process cannot hold row
   * locks for long. Unset for migrations, which may take long.
   */
  waitLimits?: WaitLimits
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const provider = databaseProvider(options.url)
  if (provider === 'sqlite') return openSqlite(options)
  if (provider === 'postgres') return openPostgres(options)
  throw new Error('DATABASE_URL must start with file:, postgres:// or postgresql://')
}

function clientOptions(options: DatabaseOptions) {
  return {
    // Prisma's default error messages quote source code and arguments.
    errorFormat: 'minimal' as const,
    ...(options.onQuery ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}),
  }
}

function observe(client: Db, options: DatabaseOptions): Db {
  const { onQuery } = options
  if (onQuery) (client as unknown as SqliteClient<'query'>).$on('query', (event) => onQuery(event.query))
  return client
}

/**
 * The adapter factory handed to Prisma's client, giving it the adapter this
 * module also runs statements on: one SQLite writer (its transactions take
 * turns), one PostgreSQL pool.
 */
const sharing = (factory: SqlDriverAdapterFactory, adapter: SqlDriverAdapter): SqlDriverAdapterFactory => ({
  provider: factory.provider,
  adapterName: factory.adapterName,
  connect: async () => adapter,
})

async function openSqlite(options: DatabaseOptions): Promise<Database> {
  mkdirSync(dirname(options.url.slice('file:'.length)), { recursive: true })
  const factory = readWriteSplitSqlite(options.url)
  const adapter = await factory.connect()
  const client = observe(new SqliteClient({ adapter: sharing(factory, adapter), ...clientOptions(options) }), options)
  await client.$connect()
  const statementOptions = { provider: 'sqlite' as const, onQuery: options.onQuery }
  return {
    provider: 'sqlite',
    client,
    statements: statementsOn(adapter, statementOptions),
    transaction: (work) => inAdapterTransaction(adapter, statementOptions, work),
    ping: async () => void (await client.$queryRawUnsafe('SELECT 1')),
    poolStats: () => undefined,
    close: () => client.$disconnect(),
  }
}

// Named statements: PostgreSQL parses and plans each distinct statement once
// per connection instead of for every execution. The name is a digest of the
// text, so that one name never stands for two statements; only DML is named
// (transaction control and the migrations' DDL stay unnamed).
// (An empty name is pg's unnamed statement.)
const statementNames = new Map<string, string>()
function statementName({ sql }: { sql: string }): string {
  let name = statementNames.get(sql)
  if (name === undefined) {
    name = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(sql) ? `s_${createHash('sha256').update(sql).digest('base64url').slice(0, 32)}` : ''
    statementNames.set(sql, name)
  }
  return name
}

/**
 * PostgreSQL's names for the limits. Directly connected, they are startup
 * parameters of each session; PgBouncer 1.18 refuses such parameters (or, told
 * to ignore them, drops them), so behind it they are set per transaction.
 */
const waitSettings = (limits: WaitLimits) => ({
  statement_timeout: limits.statementMs,
  lock_timeout: limits.lockMs,
  idle_in_transaction_session_timeout: limits.idleInTransactionMs,
})

async function openPostgres(options: DatabaseOptions): Promise<Database> {
  const { url, pooled } = pooledUrl(options.url)
  const limits = options.waitLimits
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // Fail fast while the server is down or hung instead of holding requests.
    connectionTimeoutMillis: 3000,
    query_timeout: options.queryTimeoutMs,
    keepAlive: true,
    // pg sends these as startup parameters; a zero is sent as "not set", which the server reads as no limit.
    ...(limits && !pooled ? waitSettings(limits) : {}),
  })
  // A transaction pooler hands each transaction to whichever server session is
  // free: a statement prepared on one is unknown on the next (26000), or
  // prepared twice (42P05). Behind it every statement is unnamed.
  const factory = new PrismaPg(pool, { disposeExternalPool: true, ...(pooled ? {} : { statementNameGenerator: statementName }) })
  const adapter = await factory.connect()
  const client = new PostgresClient({ adapter: sharing(factory, adapter), ...clientOptions(options) }) as unknown as Db
  observe(client, options)
  const perTransaction = limits && pooled ? Object.entries(waitSettings(limits)) : []
  const statementOptions = {
    provider: 'postgres' as const,
    onQuery: options.onQuery,
    first: perTransaction.length
      ? Prisma.raw(`SELECT ${perTransaction.map(([name, ms]) => `set_config('${name}', '${ms}', true)`).join(', ')}`)
      : undefined,
  }
  return {
    provider: 'postgres',
    client,
    statements: statementsOn(adapter, statementOptions),
    transaction: (work) => inAdapterTransaction(adapter, statementOptions, work),
    ping: async () => void (await client.$queryRawUnsafe('SELECT 1')),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => client.$disconnect(),
  }
}

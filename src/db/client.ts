// One Prisma client per provider, chosen by DATABASE_URL. Both are generated
// from the same model, so the application is typed against one of them.
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { databaseProvider, type DatabaseProvider } from '../config.ts'
import type { PoolStats } from '../metrics.ts'
import { PrismaClient as PostgresClient } from './generated/postgres/client.ts'
import { Prisma, PrismaClient as SqliteClient } from './generated/sqlite/client.ts'
import { readWriteSplitSqlite } from './sqlite-adapter.ts'

export type Db = SqliteClient
export type Tx = Prisma.TransactionClient
export { Prisma }

/** A value for an enum column in a raw statement: PostgreSQL's enum columns want their type named; SQLite stores the text. */
export const asEnum = (provider: DatabaseProvider, value: string | null, type: 'AuditResult' | 'PhoneType' | 'SmsSignInRegistration') =>
  provider === 'postgres' ? Prisma.sql`CAST(${value} AS ${Prisma.raw(`"${type}"`)})` : Prisma.sql`${value}`

export interface Database {
  readonly provider: DatabaseProvider
  /**
   * Reads outside a transaction never see another request's uncommitted
   * writes; every write goes through `$transaction` (see write-transaction.ts).
   */
  readonly client: Db
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

async function openSqlite(options: DatabaseOptions): Promise<Database> {
  mkdirSync(dirname(options.url.slice('file:'.length)), { recursive: true })
  const client = observe(new SqliteClient({ adapter: readWriteSplitSqlite(options.url), ...clientOptions(options) }), options)
  await client.$connect()
  return {
    provider: 'sqlite',
    client,
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

async function openPostgres(options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // Fail fast while the server is down or hung instead of holding requests.
    connectionTimeoutMillis: 3000,
    query_timeout: options.queryTimeoutMs,
    keepAlive: true,
  })
  const client = new PostgresClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true, statementNameGenerator: statementName }),
    ...clientOptions(options),
  }) as unknown as Db
  observe(client, options)
  return {
    provider: 'postgres',
    client,
    ping: async () => void (await client.$queryRawUnsafe('SELECT 1')),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => client.$disconnect(),
  }
}

// One Prisma client per provider, chosen by DATABASE_URL. Both are generated
// from the same model, so the application is typed against one of them.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { databaseProvider, type DatabaseProvider } from '../config.ts'
import type { PoolStats } from '../metrics.ts'
import { PrismaClient as PostgresClient } from './generated/postgres/client.ts'
import { Prisma, PrismaClient as SqliteClient } from './generated/sqlite/client.ts'

export type Db = SqliteClient
export type Tx = Prisma.TransactionClient
export { Prisma }

export interface Database {
  readonly provider: DatabaseProvider
  /**
   * For reads outside a write transaction. On SQLite this is a connection of
   * its own: the adapter runs a transaction on its single connection, so a
   * read sharing it would see another request's uncommitted writes.
   */
  readonly reader: Db
  /** Opens the write transactions (the same client as `reader` on PostgreSQL). */
  readonly writer: Db
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>
  /** The PostgreSQL pool's connections (none on SQLite). */
  poolStats(): PoolStats | undefined
  close(): Promise<void>
}

export interface DatabaseOptions {
  url: string
  poolSize?: number
  /** Called with every SQL statement Prisma runs (tests count them; metrics too). */
  onQuery?: (sql: string) => void
}

/** How long SQLite waits for another connection's lock before giving up with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5000

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
  const path = options.url.slice('file:'.length)
  mkdirSync(dirname(path), { recursive: true })
  const connect = (readonly: boolean) =>
    observe(
      new SqliteClient({
        adapter: new PrismaBetterSqlite3({ url: options.url, timeout: SQLITE_BUSY_TIMEOUT_MS, readonly }),
        ...clientOptions(options),
      }),
      options,
    )
  const writer = connect(false)
  // WAL lets the reader connection read the last commit while a write is
  // open. synchronous=NORMAL in WAL mode loses nothing when the process dies
  // (SIGKILL included); only an operating-system crash can drop the newest commits.
  await writer.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await writer.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
  await writer.$executeRawUnsafe('PRAGMA foreign_keys = ON')
  const reader = connect(true)
  return {
    provider: 'sqlite',
    reader,
    writer,
    ping: async () => void (await reader.$queryRawUnsafe('SELECT 1')),
    poolStats: () => undefined,
    close: async () => {
      await reader.$disconnect()
      await writer.$disconnect()
    },
  }
}

async function openPostgres(options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // Fail fast while the server is down instead of queueing requests.
    connectionTimeoutMillis: 3000,
  })
  const client = new PostgresClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    ...clientOptions(options),
  }) as unknown as Db
  observe(client, options)
  return {
    provider: 'postgres',
    reader: client,
    writer: client,
    ping: async () => void (await client.$queryRawUnsafe('SELECT 1')),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => client.$disconnect(),
  }
}

// The databases a benchmark run serves: one freshly seeded database per
// provider (and per scale dataset), W1's leftovers removed between runs, and
// everything dropped at the end unless --keep.
import Database from 'better-sqlite3'
import pg from 'pg'
import { TENANT, type Dataset } from './dataset.ts'
import { onCleanup, ROOT } from './processes.ts'
import type { Provider } from './report.ts'
import { createPostgresDatabase, removeSqliteFiles, seedPostgres, seedSqlite } from './seed.ts'

export const DATA = `${ROOT}bench/data`

export interface BenchDatabase {
  url: string
  seedSeconds: number
  /** Removes what W1 added and did not delete (a run stops between an add and its delete); returns how many. */
  removeW1Leftovers(): Promise<number>
  close(): Promise<void>
}

export interface DatabaseSettings {
  postgresUrl: string
  /** Keep the databases after the run. */
  keep: boolean
}

const W1_LEFTOVERS = `DELETE FROM "PhoneMethod" WHERE "tenantId" = $1 AND "phoneType" = 'mobile' AND "phoneNumber" LIKE '+1 425%'`

export async function prepareDatabase(provider: Provider, dataset: Dataset, name: string, settings: DatabaseSettings): Promise<BenchDatabase> {
  const started = performance.now()
  if (provider === 'sqlite') {
    // Named after this run's pid too: two runs at once must not share a file.
    const path = `${DATA}/${name}-${process.pid}.db`
    await seedSqlite(path, dataset)
    return sqliteDatabase(path, (performance.now() - started) / 1000, settings)
  }
  const database = await createPostgresDatabase(settings.postgresUrl, `bench_${name.replace(/[^a-z0-9]/gi, '_')}`)
  let client: pg.Client | undefined
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await client?.end().catch(() => {})
    if (!settings.keep) await database.drop()
  }
  onCleanup(close)
  await seedPostgres(database.url, dataset)
  const seedSeconds = (performance.now() - started) / 1000
  client = new pg.Client({ connectionString: database.url })
  // DROP DATABASE … WITH (FORCE) at the end ends this connection from the server's side.
  client.on('error', () => {})
  await client.connect()
  return {
    url: database.url,
    seedSeconds,
    removeW1Leftovers: async () => (await client!.query(W1_LEFTOVERS, [TENANT])).rowCount ?? 0,
    close,
  }
}

function sqliteDatabase(path: string, seedSeconds: number, settings: DatabaseSettings): BenchDatabase {
  const db = new Database(path, { timeout: 10_000 })
  const leftovers = db.prepare(W1_LEFTOVERS.replace('$1', '?'))
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    db.close()
    if (!settings.keep) removeSqliteFiles(path)
  }
  onCleanup(close)
  return { url: `file:${path}`, seedSeconds, removeW1Leftovers: async () => leftovers.run(TENANT).changes, close }
}

/**
 * A database of its own for a second gateway, or undefined when it shares
 * `db`: on PostgreSQL, which any number of gateways share. On SQLite it is a
 * page-for-page copy of the seeded file, since a gateway refuses a SQLite file
 * that another gateway serves.
 */
export async function databaseForSecondGateway(provider: Provider, db: BenchDatabase, settings: DatabaseSettings): Promise<BenchDatabase | undefined> {
  if (provider === 'postgres') return undefined
  const source = db.url.slice('file:'.length)
  const path = source.replace(/\.db$/, '-copy.db')
  removeSqliteFiles(path)
  const reader = new Database(source, { readonly: true })
  try {
    await reader.backup(path)
  } finally {
    reader.close()
  }
  return sqliteDatabase(path, db.seedSeconds, settings)
}

/** Several databases tidied and closed as one (the main one and a second gateway's copy). */
export function together(databases: BenchDatabase[]): BenchDatabase {
  const [main] = databases
  return {
    url: main!.url,
    seedSeconds: main!.seedSeconds,
    removeW1Leftovers: async () => (await Promise.all(databases.map((db) => db.removeW1Leftovers()))).reduce((sum, n) => sum + n, 0),
    close: async () => {
      for (const db of databases) await db.close()
    },
  }
}

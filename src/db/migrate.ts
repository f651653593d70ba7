// Applies the committed migrations (prisma/<provider>/migrations/*/migration.sql)
// through the driver adapter, since Prisma's schema engine cannot run here.
// Each migration runs in its own transaction and is recorded in
// _prisma_migrations the way `prisma migrate deploy` records it, so that
// Prisma's own `migrate status` and `migrate deploy` agree with this runner.
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { projectPath } from '../paths.ts'
import type { Database, Tx } from './client.ts'

export interface Migration {
  name: string
  sql: string
  checksum: string
}

export function migrationsFolder(provider: Database['provider']): string {
  return `${projectPath('prisma', provider, 'migrations')}/`
}

export function readMigrations(provider: Database['provider']): Migration[] {
  const folder = migrationsFolder(provider)
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`${folder}${entry.name}/migration.sql`))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(`${folder}${name}/migration.sql`, 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

/** Splits a migration script into statements: on a semicolon that ends a line. */
export function statementsOf(sql: string): string[] {
  return sql
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0)
}

// Prisma's own ledger table, as its schema engine creates it for each provider.
const LEDGER = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  postgres: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`,
}

/** The advisory lock key Prisma Migrate itself takes, so that the two never run at once. */
const PRISMA_MIGRATE_LOCK = 72707369

interface LedgerRow {
  finished: number | bigint | boolean
  rolled_back: number | bigint | boolean
}

export class MigrationError extends Error {}

/** Applies every pending migration; returns the names it applied. */
export async function migrate(db: Database): Promise<string[]> {
  const applied: string[] = []
  for (const migration of readMigrations(db.provider)) {
    const ran = await db.client.$transaction(
      async (tx) => {
        if (db.provider === 'postgres') await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${PRISMA_MIGRATE_LOCK})`)
        await tx.$executeRawUnsafe(LEDGER[db.provider])
        const rows = await tx.$queryRaw<LedgerRow[]>`
          SELECT finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
          FROM "_prisma_migrations" WHERE migration_name = ${migration.name}`
        const live = rows.filter((row) => !row.rolled_back)
        if (live.some((row) => row.finished)) return false
        if (live.length > 0) {
          throw new MigrationError(
            `migration ${migration.name} failed earlier and was not resolved; see \`prisma migrate resolve\``,
          )
        }
        await apply(tx, db.provider, migration)
        return true
      },
      { timeout: 120_000, maxWait: 60_000 },
    )
    if (ran) applied.push(migration.name)
  }
  return applied
}

async function apply(tx: Tx, provider: Database['provider'], migration: Migration): Promise<void> {
  for (const statement of statementsOf(migration.sql)) await tx.$executeRawUnsafe(statement)
  // SQLite keeps Prisma's DateTime values as Unix milliseconds.
  const now = provider === 'postgres' ? new Date() : Date.now()
  await tx.$executeRaw`
    INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
    VALUES (${randomUUID()}, ${migration.checksum}, ${migration.name}, ${now}, ${now}, 1)`
}

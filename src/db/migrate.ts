// Applies the committed migrations (prisma/<provider>/migrations/*/migration.sql)
// through the driver adapter, since Prisma's schema engine cannot run here.
// Each migration runs in its own transaction and is recorded in
// _prisma_migrations the way `prisma migrate deploy` records it, so that
// Prisma's own `migrate status` and `migrate deploy` agree with this runner.
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { projectPath } from '../paths.ts'
import { openDatabase, type Database, type PrismaTx } from './client.ts'
import { migrationSteps, type MigrationStep } from './migration-steps.ts'

export interface Migration {
  name: string
  sql: string
  checksum: string
  /** Code run after the SQL, in the same transaction (src/db/migration-steps.ts). */
  step?: MigrationStep
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
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex'), step: migrationSteps[name] }
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

/** The database was migrated by a newer release: serving it would skip that release's rules. */
export class UnknownMigrationsError extends MigrationError {}

/** A start gave up on a migration; `npm run db:migrate` runs it without a limit. */
export class MigrationTooLongError extends MigrationError {}

export interface MigrateOptions {
  /**
   * How long all pending migrations may take (a gateway's start). Past it the
   * running migration is rolled back (on PostgreSQL the server itself cancels
   * its statement) and MigrationTooLongError is thrown. Unset: no limit
   * (`npm run db:migrate`).
   */
  budgetMs?: number
}

/** Interactive transactions of an unlimited migration still need a number. */
const NO_LIMIT_MS = 24 * 3600 * 1000
/** The server's own statement timeout ends a statement before the client's transaction timeout does. */
const SERVER_FIRST_MS = 5000

/**
 * Applies every pending migration; returns the names it applied. Refuses a
 * database that holds migrations this code does not know.
 */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<string[]> {
  const migrations = readMigrations(db.provider)
  await refuseUnknownMigrations(db, migrations)
  const { budgetMs } = options
  const startedAt = Date.now()
  const remainingMs = () => (budgetMs === undefined ? undefined : budgetMs - (Date.now() - startedAt))
  const applied: string[] = []
  for (const migration of migrations) {
    const tooLong = () =>
      new MigrationTooLongError(
        `the migration ${migration.name} did not finish within the ${Math.round(budgetMs! / 1000)} s a start may spend on migrations (MIGRATE_AT_START_SECONDS) and was rolled back: stop the gateways, run \`npm run db:migrate\`, then start`,
      )
    const stillInTime = () => {
      const remaining = remainingMs()
      if (remaining !== undefined && remaining <= 0) throw tooLong()
    }
    stillInTime()
    let ran: boolean
    try {
      ran = await db.client.$transaction(
        async (tx) => {
          if (db.provider === 'postgres') {
            await limitStatements(tx, remainingMs())
            await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${PRISMA_MIGRATE_LOCK})`)
          }
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
          await apply(tx, db.provider, migration, stillInTime)
          return true
        },
        { timeout: (remainingMs() ?? NO_LIMIT_MS) + SERVER_FIRST_MS, maxWait: 60_000 },
      )
    } catch (error) {
      if (error instanceof MigrationError) throw error
      // Whatever ended it (the server's statement timeout, the transaction's), a start out of time says so.
      const remaining = remainingMs()
      if (remaining !== undefined && remaining <= 0) throw tooLong()
      throw error
    }
    if (ran) applied.push(migration.name)
  }
  return applied
}

/**
 * PostgreSQL: the migration's statements end on the server when the time is
 * up (a client that stops waiting would leave them running, holding the
 * migration lock and the tables' locks), and end when the client is gone.
 */
async function limitStatements(tx: PrismaTx, remainingMs: number | undefined): Promise<void> {
  const timeout = remainingMs === undefined ? 0 : Math.max(1, Math.floor(remainingMs))
  await tx.$executeRawUnsafe(`SELECT set_config('statement_timeout', '${timeout}', true)`)
  const [{ version }] = await tx.$queryRawUnsafe<[{ version: string }]>(`SELECT current_setting('server_version_num') AS version`)
  // Since PostgreSQL 14 the server notices a vanished client while a statement runs.
  if (Number(version) >= 140000) await tx.$executeRawUnsafe(`SELECT set_config('client_connection_check_interval', '1000', true)`)
}

/**
 * Migrations recorded in the database that this code does not have: the
 * database was migrated by a newer release. Reads only; a database without
 * a ledger has none.
 */
export async function unknownMigrations(db: Database, migrations: Migration[] = readMigrations(db.provider)): Promise<string[]> {
  const present =
    db.provider === 'postgres'
      ? await db.client.$queryRawUnsafe<{ present: boolean }[]>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`)
      : await db.client.$queryRawUnsafe<{ present: number | bigint }[]>(
          `SELECT count(*) AS present FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`,
        )
  if (!present[0]?.present) return []
  const known = new Set(migrations.map((migration) => migration.name))
  const recorded = await db.client.$queryRawUnsafe<{ name: string }[]>(
    `SELECT DISTINCT migration_name AS name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY migration_name`,
  )
  return recorded.map((row) => row.name).filter((name) => !known.has(name))
}

/** Stops a process (the gateway, every command) that would otherwise use a database newer than its code. */
export async function refuseUnknownMigrations(db: Database, migrations?: Migration[]): Promise<void> {
  const unknown = await unknownMigrations(db, migrations)
  if (unknown.length > 0) {
    throw new UnknownMigrationsError(
      `the database has migrations this release does not know (${unknown.join(', ')}): a newer release migrated it; run that release, or restore the backup taken before the upgrade`,
    )
  }
}

async function apply(tx: PrismaTx, provider: Database['provider'], migration: Migration, stillInTime: () => void): Promise<void> {
  for (const statement of statementsOf(migration.sql)) {
    await tx.$executeRawUnsafe(statement)
    stillInTime()
  }
  await migration.step?.({ tx, provider, stillInTime })
  // SQLite keeps Prisma's DateTime values as Unix milliseconds.
  const now = provider === 'postgres' ? new Date() : Date.now()
  await tx.$executeRaw`
    INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
    VALUES (${randomUUID()}, ${migration.checksum}, ${migration.name}, ${now}, ${now}, 1)`
}

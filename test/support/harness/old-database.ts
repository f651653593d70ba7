// A database as an earlier release left it: only the migrations before a
// given one applied, recorded as Prisma records them, so that migrate()
// takes it from there as it would on an upgrade.
import { createHash, randomUUID } from 'node:crypto'
import type { Database } from '../../../src/db/client.ts'
import { readMigrations, statementsOf } from '../../../src/db/migrate.ts'

export async function migrateBefore(db: Database, firstPending: string): Promise<void> {
  const migrations = readMigrations(db.provider)
  if (!migrations.some((migration) => migration.name === firstPending)) throw new Error(`no migration ${firstPending}`)
  const time = db.provider === 'postgres' ? 'TIMESTAMPTZ' : 'DATETIME'
  await db.client.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(
      `CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" ${time}, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" ${time}, "started_at" ${time} NOT NULL DEFAULT CURRENT_TIMESTAMP, "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
    )
    for (const migration of migrations.filter((migration) => migration.name < firstPending)) {
      for (const statement of statementsOf(migration.sql)) await tx.$executeRawUnsafe(statement)
      await tx.$executeRaw`INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "finished_at", "applied_steps_count")
        VALUES (${randomUUID()}, ${createHash('sha256').update(migration.sql).digest('hex')}, ${migration.name}, CURRENT_TIMESTAMP, 1)`
    }
  })
}

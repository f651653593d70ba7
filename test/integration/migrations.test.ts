// The migrations build exactly the tables and keys of the Prisma model, are
// idempotent, and are recorded in _prisma_migrations as Prisma records them.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openDatabase, Prisma, type Database } from '../../src/db/client.ts'
import { migrationSteps } from '../../src/db/migration-steps.ts'
import { migrate, migrationsFolder, readMigrations } from '../../src/db/migrate.ts'
import { projectPath } from '../../src/paths.ts'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { describeOnEachDatabase, describeOnPostgres } from '../support/vitest/database-suites.ts'

const MODEL_TABLES: Record<string, Record<string, string>> = {
  Tenant: Prisma.TenantScalarFieldEnum,
  User: Prisma.UserScalarFieldEnum,
  DirectoryRoleAssignment: Prisma.DirectoryRoleAssignmentScalarFieldEnum,
  PhoneMethod: Prisma.PhoneMethodScalarFieldEnum,
  SmsPolicy: Prisma.SmsPolicyScalarFieldEnum,
  SmsPolicyTarget: Prisma.SmsPolicyTargetScalarFieldEnum,
  Group: Prisma.GroupScalarFieldEnum,
  GroupMember: Prisma.GroupMemberScalarFieldEnum,
  AuditEvent: Prisma.AuditEventScalarFieldEnum,
}

async function columnsOf(db: Database, table: string): Promise<string[]> {
  const rows =
    db.provider === 'sqlite'
      ? await db.client.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${table}')`)
      : await db.client.$queryRawUnsafe<{ name: string }[]>(
          `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
          table,
        )
  return rows.map((row) => row.name).sort()
}

async function uniqueIndexes(db: Database): Promise<string[]> {
  const rows =
    db.provider === 'sqlite'
      ? await db.client.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE 'CREATE UNIQUE INDEX%'`)
      : await db.client.$queryRawUnsafe<{ name: string }[]>(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE 'CREATE UNIQUE INDEX%' AND indexname NOT LIKE '%_pkey'`)
  return rows.map((row) => row.name).sort()
}

/** The model's @@index lines, as "Table(columns) name" with Prisma's default name unless map: gives one. */
function declaredIndexes(provider: Database['provider']): string[] {
  const schema = readFileSync(projectPath('prisma', provider, 'schema.prisma'), 'utf8')
  const indexes: string[] = []
  for (const [, model, body] of schema.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    for (const [, fields, name] of body!.matchAll(/^\s*@@index\(\[([^\]]*)\](?:, map: "([^"]+)")?\)/gm)) {
      const columns = fields!.split(',').map((field) => field.trim())
      indexes.push(`${model}(${columns.join(', ')}) ${name ?? `${model}_${columns.join('_')}_idx`}`)
    }
  }
  return indexes.sort()
}

/** The database's indexes that are neither unique nor a primary key, in the same form. */
async function plainIndexes(db: Database): Promise<string[]> {
  const rows =
    db.provider === 'sqlite'
      ? await db.client.$queryRawUnsafe<{ name: string; tableName: string; columns: string }[]>(
          `SELECT i.name, i.tbl_name AS "tableName", (SELECT group_concat(c.name, ', ') FROM (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno) c) AS columns
           FROM sqlite_master i WHERE i.type = 'index' AND i.sql LIKE 'CREATE INDEX%'`,
        )
      : await db.client.$queryRawUnsafe<{ name: string; tableName: string; columns: string }[]>(
          `SELECT i.relname AS name, t.relname AS "tableName", string_agg(a.attname, ', ' ORDER BY k.n) AS columns
           FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
           JOIN pg_namespace s ON s.oid = t.relnamespace CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
           WHERE s.nspname = 'public' AND NOT x.indisunique AND NOT x.indisprimary GROUP BY i.relname, t.relname`,
        )
  return rows.map((row) => `${row.tableName}(${row.columns}) ${row.name}`).sort()
}

describeOnEachDatabase('migrations on %s', (provider) => {
  let scratch: ScratchDatabase
  let db: Database
  beforeAll(async () => {
    scratch = await scratchDatabase(provider)
    db = await openDatabase({ url: scratch.url })
  })
  afterAll(async () => {
    await db.close()
    await scratch.drop()
  })

  it('applies every migration once and nothing the second time', async () => {
    const names = readMigrations(provider).map((migration) => migration.name)
    expect(await migrate(db)).toEqual(names)
    expect(await migrate(db)).toEqual([])
  })

  it('records each migration the way prisma migrate deploy does', async () => {
    const rows = await db.client.$queryRawUnsafe<Record<string, unknown>[]>(
      'SELECT id, checksum, migration_name, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    )
    const migrations = readMigrations(provider)
    expect(rows).toHaveLength(migrations.length)
    rows.forEach((row, i) => {
      const file = readFileSync(`${migrationsFolder(provider)}${migrations[i]!.name}/migration.sql`)
      expect(row.migration_name).toBe(migrations[i]!.name)
      expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'))
      expect(String(row.id)).toMatch(/^[0-9a-f-]{36}$/)
      expect(row.finished_at).toBeInstanceOf(Date)
      expect(row.rolled_back_at).toBeNull()
      expect(Number(row.applied_steps_count)).toBe(1)
    })
  })

  it('has a migration for every code step registered (a step under a missing name would never run)', () => {
    const names = readMigrations(provider).map((migration) => migration.name)
    expect(Object.keys(migrationSteps).filter((name) => !names.includes(name))).toEqual([])
  })

  it('creates exactly the columns of the Prisma model', async () => {
    for (const [table, fields] of Object.entries(MODEL_TABLES)) {
      expect(await columnsOf(db, table), table).toEqual(Object.values(fields).sort())
    }
  })

  it('creates the unique indexes the model declares', async () => {
    expect(await uniqueIndexes(db)).toEqual(['PhoneMethod_tenantId_smsSignInNumber_key', 'User_tenantId_userPrincipalNameKey_key'])
  })

  it("creates exactly the model's other indexes (@@index), on their columns: none left behind, none missing", async () => {
    expect(await plainIndexes(db)).toEqual(declaredIndexes(provider))
  })
})

// Several gateway processes may start at once on one PostgreSQL database; on
// SQLite one process owns the file, so there is no such race to test.
describeOnPostgres('migrations from several processes on postgres', () => {
  it('runs concurrently from two clients without applying anything twice', async () => {
    const other = await scratchDatabase('postgres')
    const [a, b] = await Promise.all([openDatabase({ url: other.url }), openDatabase({ url: other.url })])
    try {
      const [first, second] = await Promise.all([migrate(a), migrate(b)])
      expect([...first, ...second].sort()).toEqual(readMigrations('postgres').map((migration) => migration.name))
    } finally {
      await a.close()
      await b.close()
      await other.drop()
    }
  })
})

// Fast seeding straight through the drivers: the schema comes from the
// project's own migrations (src/db/migrate.ts), the rows from batched INSERTs
// (better-sqlite3 prepared statements in big transactions; PostgreSQL
// INSERT … SELECT FROM unnest(arrays)). The gateway's seed() upserts one user
// at a time through Prisma and is far too slow for a million rows.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { openDatabase } from '../../src/db/client.ts'
import { migrate } from '../../src/db/migrate.ts'
import { displayNameKey, userPrincipalNameKey } from '../../src/db/user-store.ts'
import { ADMIN, PAA_ROLE, TENANT, type Dataset } from './dataset.ts'

async function applyMigrations(url: string): Promise<void> {
  const db = await openDatabase({ url })
  try {
    await migrate(db)
  } finally {
    await db.close()
  }
}

export function removeSqliteFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal', '.gateway-lock']) rmSync(`${path}${suffix}`, { force: true })
}

export async function seedSqlite(path: string, dataset: Dataset): Promise<void> {
  mkdirSync(dirname(path), { recursive: true })
  removeSqliteFiles(path)
  await applyMigrations(`file:${path}`)
  const db = new Database(path)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = OFF')
    db.pragma('foreign_keys = ON')
    const tenant = db.prepare('INSERT INTO "Tenant" ("id") VALUES (?)')
    const policy = db.prepare('INSERT INTO "SmsPolicy" ("tenantId", "state") VALUES (?, ?)')
    const target = db.prepare(
      'INSERT INTO "SmsPolicyTarget" ("tenantId", "list", "targetId", "targetType", "isUsableForSignIn", "position") VALUES (?, ?, ?, ?, ?, ?)',
    )
    const user = db.prepare(
      'INSERT INTO "User" ("tenantId", "id", "userPrincipalName", "userPrincipalNameKey", "displayName", "displayNameKey", "version") VALUES (?, ?, ?, ?, ?, ?, 0)',
    )
    const role = db.prepare('INSERT INTO "DirectoryRoleAssignment" ("tenantId", "userId", "roleTemplateId") VALUES (?, ?, ?)')
    const phone = db.prepare(
      'INSERT INTO "PhoneMethod" ("tenantId", "userId", "phoneType", "phoneNumber", "smsSignInRegistration", "smsSignInNumber") VALUES (?, ?, ?, ?, ?, ?)',
    )
    db.transaction(() => {
      tenant.run(TENANT)
      // The default policy, as writeSmsPolicy stores DEFAULT_SMS_POLICY.
      policy.run(TENANT, 'enabled')
      target.run(TENANT, 'include', 'all_users', 'group', 1, 0)
    })()
    const insertBatch = db.transaction((batch: ReturnType<Dataset['rows']> extends Generator<infer B> ? B : never) => {
      for (const u of batch.users) {
        user.run(TENANT, u.id, u.userPrincipalName, userPrincipalNameKey(u.userPrincipalName), u.displayName, displayNameKey(u.displayName))
        if (u.id === ADMIN.id) role.run(TENANT, u.id, PAA_ROLE)
      }
      for (const p of batch.phones) {
        phone.run(TENANT, p.userId, p.phoneType, p.phoneNumber, p.smsSignInRegistration, p.smsSignInNumber)
      }
    })
    for (const batch of dataset.rows(20_000)) insertBatch(batch)
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
}

export interface PostgresDatabase {
  url: string
  name: string
  drop(): Promise<void>
}

/** A fresh database on the server of `serverUrl` (any database URL on it). */
export async function createPostgresDatabase(serverUrl: string, prefix = 'bench'): Promise<PostgresDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  let dropped = false
  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (dropped) return
      dropped = true
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      } finally {
        await client.end()
      }
    },
  }
}

export async function postgresReachable(serverUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

export async function seedPostgres(url: string, dataset: Dataset): Promise<void> {
  await applyMigrations(url)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('BEGIN')
    await client.query('INSERT INTO "Tenant" ("id") VALUES ($1)', [TENANT])
    await client.query('INSERT INTO "SmsPolicy" ("tenantId", "state") VALUES ($1, \'enabled\')', [TENANT])
    await client.query(
      `INSERT INTO "SmsPolicyTarget" ("tenantId", "list", "targetId", "targetType", "isUsableForSignIn", "position")
       VALUES ($1, 'include', 'all_users', 'group', true, 0)`,
      [TENANT],
    )
    await client.query('COMMIT')
    for (const batch of dataset.rows(20_000)) {
      await client.query('BEGIN')
      await client.query(
        `INSERT INTO "User" ("tenantId", "id", "userPrincipalName", "userPrincipalNameKey", "displayName", "displayNameKey")
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
        [
          TENANT,
          batch.users.map((u) => u.id),
          batch.users.map((u) => u.userPrincipalName),
          batch.users.map((u) => userPrincipalNameKey(u.userPrincipalName)),
          batch.users.map((u) => u.displayName),
          batch.users.map((u) => displayNameKey(u.displayName)),
        ],
      )
      if (batch.users.some((u) => u.id === ADMIN.id)) {
        await client.query('INSERT INTO "DirectoryRoleAssignment" ("tenantId", "userId", "roleTemplateId") VALUES ($1, $2, $3)', [
          TENANT,
          ADMIN.id,
          PAA_ROLE,
        ])
      }
      await client.query(
        `INSERT INTO "PhoneMethod" ("tenantId", "userId", "phoneType", "phoneNumber", "smsSignInRegistration", "smsSignInNumber")
         SELECT $1, u, t::"PhoneType", n, r::"SmsSignInRegistration", s
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(u, t, n, r, s)`,
        [
          TENANT,
          batch.phones.map((p) => p.userId),
          batch.phones.map((p) => p.phoneType),
          batch.phones.map((p) => p.phoneNumber),
          batch.phones.map((p) => p.smsSignInRegistration),
          batch.phones.map((p) => p.smsSignInNumber),
        ],
      )
      await client.query('COMMIT')
    }
    // A bulk load leaves the planner without statistics until autovacuum
    // comes by; a live database would have them.
    await client.query('VACUUM ANALYZE')
  } finally {
    await client.end()
  }
}

export function sqliteExists(path: string): boolean {
  return existsSync(path)
}

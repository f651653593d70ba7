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
import { v7 as timeOrderedId } from 'uuid'
import { displayNameKey, userPrincipalNameKey } from '../../src/db/user-store.ts'
import { ADMIN, PAA_ROLE, TENANT, type Dataset, type PhoneRow, type UserRow } from './dataset.ts'

const AUDIT_COLUMNS = [
  'id', 'tenantId', 'activityDateTime', 'activityDisplayName', 'category', 'result', 'initiatedByUserId', 'initiatedByUserPrincipalName',
  'targetUserId', 'targetUserPrincipalName', 'methodId', 'phoneType', 'newPhoneNumber', 'requestId',
].map((column) => `"${column}"`).join(', ')
const METHOD_ID = { mobile: '3179e48a-750b-4051-897c-87b9720928f7', alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41', office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc' }
/** The seeded trail starts here and has one event every two seconds: a million span some 23 days, inside any retention. */
const AUDIT_START_MS = Date.now() - 30 * 24 * 3600 * 1000

/**
 * The audit trail that registering the dataset's phones would have left: one
 * "Admin registered security info" event per phone row, by the admin, in row
 * order. The auditEvents scale probe reads it.
 */
function auditRowsOf(batch: { users: UserRow[]; phones: PhoneRow[] }, first: number) {
  const principalNames = new Map(batch.users.map((user) => [user.id, user.userPrincipalName]))
  return batch.phones.map((phone, i) => {
    const at = AUDIT_START_MS + (first + i) * 2000
    return {
      id: timeOrderedId({ msecs: at }),
      at: new Date(at).toISOString(),
      targetUserId: phone.userId,
      targetUserPrincipalName: principalNames.get(phone.userId) ?? null,
      methodId: METHOD_ID[phone.phoneType],
      phoneType: phone.phoneType,
      newPhoneNumber: phone.phoneNumber.replace(/ (\d+?)(\d\d)(x\d*)?$/, (_m, head: string, tail: string) => ` ${'X'.repeat(head.length)}${tail}`),
      requestId: `seed-${first + i}`,
    }
  })
}

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
    const audit = db.prepare(
      `INSERT INTO "AuditEvent" (${AUDIT_COLUMNS}) VALUES (?, ?, ?, 'Admin registered security info', 'UserManagement', 'success', ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    let events = 0
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
      for (const e of auditRowsOf(batch, events)) {
        // Stored as Prisma's SQLite adapter stores a DateTime.
        audit.run(e.id, TENANT, e.at.replace('Z', '+00:00'), ADMIN.id, ADMIN.userPrincipalName, e.targetUserId, e.targetUserPrincipalName, e.methodId, e.phoneType, e.newPhoneNumber, e.requestId)
      }
      events += batch.phones.length
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
    let events = 0
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
      const trail = auditRowsOf(batch, events)
      events += trail.length
      await client.query(
        `INSERT INTO "AuditEvent" (${AUDIT_COLUMNS})
         SELECT i, $1, a::timestamp, 'Admin registered security info', 'UserManagement', 'success', $2, $3, u, n, m, t::"PhoneType", p, r
         FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[]) AS x(i, a, u, n, m, t, p, r)`,
        [
          TENANT,
          ADMIN.id,
          ADMIN.userPrincipalName,
          trail.map((e) => e.id),
          trail.map((e) => e.at.replace('Z', '')),
          trail.map((e) => e.targetUserId),
          trail.map((e) => e.targetUserPrincipalName),
          trail.map((e) => e.methodId),
          trail.map((e) => e.phoneType),
          trail.map((e) => e.newPhoneNumber),
          trail.map((e) => e.requestId),
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

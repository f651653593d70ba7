// What the audit insert costs a write, suspect by suspect (issue 26 item 1):
// the W1-like write transaction (BEGIN IMMEDIATE, the user-row lock UPDATE,
// a phone insert or delete, the audit INSERT, COMMIT) straight through the
// drivers, once as the gateway writes its audit row ("full") and once per
// variant with one suspect changed (an index dropped, the subselect replaced
// by a literal, no RETURNING, another id or time, no audit row at all).
//
// Every variant has its own copy of the seeded database (a SQLite file, a
// PostgreSQL database made from a template), migrated by src/db/migrate.ts
// (with main's index on activityDateTime put back, so that "full" is main's
// insert), with a tenant of 10,000 users and 118,000 audit events, so that no two
// variants share pages. The variants take turns in rounds (the order rotates);
// the report gives µs per transaction (median of the rounds), its ratio to
// "full", and the log written per commit (SQLite: WAL frames, i.e. pages;
// PostgreSQL: WAL bytes, cluster-wide, so another client's writes count too).
//
//   node --import tsx bench/audit-insert.ts [--rounds 7] [--transactions 2000,500] [--events 100000]
//        [--providers sqlite,postgres] [--postgres-url postgresql://postgres@127.0.0.1:5432/postgres]
import { randomUUID } from 'node:crypto'
import { copyFileSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import pg from 'pg'
import { v7 as timeOrderedId } from 'uuid'
import { DATA } from './lib/databases.ts'
import { ADMIN, generateDataset, TENANT, w1Number, e164Of, type Dataset } from './lib/dataset.ts'
import { createPostgresDatabase, postgresReachable, removeSqliteFiles, seedPostgres, seedSqlite, type PostgresDatabase } from './lib/seed.ts'

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    /** Transactions per variant per round, SQLite and PostgreSQL. */
    transactions: { type: 'string', default: '2000,500' },
    events: { type: 'string', default: '100000' },
    providers: { type: 'string', default: 'sqlite,postgres' },
    'postgres-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
  },
})
const ROUNDS = Number(options.rounds)
/** Transactions per variant per round (half adds, half deletes): enough for several checkpoints on SQLite. */
const [SQLITE_TRANSACTIONS, POSTGRES_TRANSACTIONS] = options.transactions.split(',').map(Number) as [number, number]
/** Audit events added to the seeded trail (one per phone row, ~18,500), spread over 10,000 users. */
const EXTRA_EVENTS = Number(options.events)
const USERS = 10_000
/** Transactions of the separate pass that counts the log written per commit. */
const LOG_PASS = 500

type Provider = 'sqlite' | 'postgres'

const AUDIT_COLUMNS = [
  'id', 'tenantId', 'activityDateTime', 'activityDisplayName', 'category', 'result', 'resultReason', 'initiatedByUserId',
  'initiatedByUserPrincipalName', 'initiatedByAppId', 'targetUserId', 'targetUserPrincipalName', 'methodId', 'phoneType',
  'oldPhoneNumber', 'newPhoneNumber', 'requestId', 'correlationId',
].map((column) => `"${column}"`).join(', ')

const INDEX = {
  tenantTime: 'AuditEvent_tenantId_activityDateTime_id_idx',
  target: 'AuditEvent_tenantId_targetUserId_activityDateTime_id_idx',
  initiator: 'AuditEvent_tenantId_initiatedByUserId_activityDateTime_id_idx',
  time: 'AuditEvent_activityDateTime_idx',
}

interface Variant {
  name: string
  /** What differs from "full". */
  change: string
  providers: readonly Provider[]
  /** Run on the variant's copy before it is measured. */
  ddl?: (provider: Provider) => string[]
  audit: boolean
  subselect: boolean
  /** RETURNING every column (the gateway before issue 26), the initiator's userPrincipalName only (after), or nothing. */
  returning: 'all' | 'upn' | 'none'
  id: () => string
  /** SQLite only: the time as Prisma's ISO text (the gateway) or as integer milliseconds. */
  time: 'iso' | 'ms'
  /** SQLite only: the writer's synchronous setting (the gateway's is NORMAL). */
  synchronous?: 'OFF'
  /** SQLite only: WAL pages that trigger a checkpoint at commit (SQLite's default, the gateway's, is 1000). */
  autocheckpoint?: number
}

/**
 * Main's index for the retention purge, which migration 20261207120000_audit_purge_by_id dropped: put back
 * on the seeded copy so that "full" is the insert as main makes it and each variant changes one thing.
 */
const MAINS_TIME_INDEX = `CREATE INDEX IF NOT EXISTS "${INDEX.time}" ON "AuditEvent"("activityDateTime")`

const drop = (...names: string[]) => () => names.map((name) => `DROP INDEX "${name}"`)
const GATEWAY = { audit: true, subselect: true, returning: 'all' as const, id: () => timeOrderedId(), time: 'iso' as const, providers: ['sqlite', 'postgres'] as const }

const VARIANTS: Variant[] = [
  { name: 'full', change: 'main\'s insert: 4 indexes + the primary key, subselect, RETURNING every column, UUIDv7, ISO text time', ...GATEWAY },
  { name: 'no audit', change: 'no audit insert at all', ...GATEWAY, audit: false },
  { name: '− (tenantId, activityDateTime, id)', change: 'index dropped', ...GATEWAY, ddl: drop(INDEX.tenantTime) },
  { name: '− (tenantId, targetUserId, …)', change: 'index dropped', ...GATEWAY, ddl: drop(INDEX.target) },
  { name: '− (tenantId, initiatedByUserId, …)', change: 'index dropped', ...GATEWAY, ddl: drop(INDEX.initiator) },
  { name: '− (activityDateTime)', change: 'index dropped (the purge\'s)', ...GATEWAY, ddl: drop(INDEX.time) },
  { name: '− all 4 indexes', change: 'only the primary key left', ...GATEWAY, ddl: drop(...Object.values(INDEX)) },
  { name: 'literal UPN', change: 'initiator\'s userPrincipalName as a parameter, no subselect', ...GATEWAY, subselect: false },
  { name: 'no RETURNING', change: 'nothing returned', ...GATEWAY, returning: 'none' },
  { name: 'RETURNING the UPN only', change: 'only the subselected initiatedByUserPrincipalName returned', ...GATEWAY, returning: 'upn' },
  {
    name: 'issue 26 (this branch)',
    change: '− (activityDateTime) and RETURNING the UPN only',
    ...GATEWAY,
    returning: 'upn',
    ddl: drop(INDEX.time),
  },
  { name: 'UUIDv4 id', change: 'a random id: lands anywhere in the primary key index', ...GATEWAY, id: () => randomUUID() },
  { name: 'integer ms time', change: 'activityDateTime stored as integer milliseconds (SQLite)', ...GATEWAY, time: 'ms', providers: ['sqlite'] },
  {
    name: 'WITHOUT ROWID',
    change: 'the table clustered on its text id: no rowid b-tree beside the primary key index (SQLite)',
    ...GATEWAY,
    providers: ['sqlite'],
    ddl: () => withoutRowid,
  },
  {
    name: 'empty trail',
    change: 'the same insert into an audit table that starts empty (the seeded events deleted)',
    ...GATEWAY,
    ddl: () => ['DELETE FROM "AuditEvent"'],
  },
  { name: 'synchronous=OFF (diagnostic)', change: 'no fsync at checkpoints (SQLite)', ...GATEWAY, providers: ['sqlite'], synchronous: 'OFF' },
  {
    name: 'no audit, synchronous=OFF (diagnostic)',
    change: 'neither (SQLite)',
    ...GATEWAY,
    audit: false,
    providers: ['sqlite'],
    synchronous: 'OFF',
  },
  {
    name: 'wal_autocheckpoint=10000 (diagnostic)',
    change: 'a checkpoint every 10,000 WAL pages instead of 1,000 (SQLite)',
    ...GATEWAY,
    providers: ['sqlite'],
    autocheckpoint: 10_000,
  },
  {
    name: 'no audit, wal_autocheckpoint=10000 (diagnostic)',
    change: 'neither (SQLite)',
    ...GATEWAY,
    audit: false,
    providers: ['sqlite'],
    autocheckpoint: 10_000,
  },
  {
    name: 'outside floor',
    change: 'primary key + 2 indexes ((tenantId, activityDateTime, id), target), literal UPN, no RETURNING',
    ...GATEWAY,
    subselect: false,
    returning: 'none',
    ddl: drop(INDEX.initiator, INDEX.time),
  },
]

/** The SQLite table rebuilt WITHOUT ROWID, its indexes recreated (filled in from the seeded file's schema). */
let withoutRowid: string[] = []

// ------------------------------------------------------------ the writes ----

/** One variant's database and its prepared write, on either driver. */
interface Subject {
  variant: Variant
  /** The n-th transaction: even n adds a mobile to office-only user n/2, odd n deletes it again. */
  write(n: number): Promise<void> | void
  /** The log `work` writes: SQLite WAL frames (pages), PostgreSQL WAL bytes. */
  logOf(work: () => Promise<void>): Promise<number>
  close(): Promise<void> | void
}

interface Target {
  id: string
  userPrincipalName: string
  number: string
}

function targetsOf(dataset: Dataset): Target[] {
  return dataset.officeOnly.map((i, j) => ({ id: dataset.userIds[i]!, userPrincipalName: `user${i}@contoso.com`, number: w1Number(j) }))
}

function auditValues(variant: Variant, target: Target, add: boolean, sqlite: boolean): unknown[] {
  const id = variant.id()
  // The event's time is its id's (src/domain/audit.ts, timeOfEventId) whatever the id, so a v4 id changes only the id.
  const ms = Date.now()
  const time = sqlite ? (variant.time === 'ms' ? ms : new Date(ms).toISOString().replace('Z', '+00:00')) : new Date(ms).toISOString()
  const upn = variant.subselect ? [TENANT, ADMIN.id] : [ADMIN.userPrincipalName]
  return [
    id, TENANT, time, add ? 'Admin registered security info' : 'Admin deleted security info', 'UserManagement', 'success', null, ADMIN.id,
    ...upn, null, target.id, target.userPrincipalName, '3179e48a-750b-4051-897c-87b9720928f7', 'mobile',
    add ? null : '+1 XXXXXXXX00', add ? '+1 XXXXXXXX00' : null, randomUUID(), null,
  ]
}

function auditInsert(variant: Variant, placeholder: (i: number) => string, cast: (i: number) => string = () => ''): string {
  const values: string[] = []
  let p = 1
  for (let column = 0; column < 18; column++) {
    if (column === 8 && variant.subselect) {
      values.push(`(SELECT "userPrincipalName" FROM "User" WHERE "tenantId" = ${placeholder(p)} AND "id" = ${placeholder(p + 1)})`)
      p += 2
    } else {
      values.push(`${placeholder(p)}${cast(column)}`)
      p++
    }
  }
  const returning = { all: ` RETURNING ${AUDIT_COLUMNS}`, upn: ' RETURNING "initiatedByUserPrincipalName"', none: '' }[variant.returning]
  return `INSERT INTO "AuditEvent" (${AUDIT_COLUMNS}) VALUES (${values.join(', ')})${returning}`
}

const LOCK = `UPDATE "User" SET "version" = "version" + 1 WHERE "tenantId" = $1 AND "id" = $2
  RETURNING "id", "userPrincipalName", EXISTS (SELECT 1 FROM "DirectoryRoleAssignment" r WHERE r."tenantId" = "User"."tenantId" AND r."userId" = "User"."id") AS "holdsDirectoryRole"`
const INSERT_PHONE = `INSERT INTO "PhoneMethod" ("tenantId", "userId", "phoneType", "phoneNumber", "smsSignInRegistration", "smsSignInNumber")
  VALUES ($1, $2, 'mobile', $3, 'registered', $4)`
const DELETE_PHONE = `DELETE FROM "PhoneMethod" WHERE "tenantId" = $1 AND "userId" = $2 AND "phoneType" = 'mobile' RETURNING "phoneNumber"`
const sqliteText = (sql: string) => sql.replace(/\$\d+/g, '?')

function sqliteSubject(variant: Variant, path: string, targets: Target[]): Subject {
  const db = new Database(path, { timeout: 5000 })
  // As src/db/sqlite-adapter.ts sets up its writer.
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${variant.synchronous ?? 'NORMAL'}`)
  db.pragma('foreign_keys = ON')
  const autocheckpoint = variant.autocheckpoint ?? 1000
  db.pragma(`wal_autocheckpoint = ${autocheckpoint}`)
  const lock = db.prepare(sqliteText(LOCK))
  const insertPhone = db.prepare(sqliteText(INSERT_PHONE))
  const deletePhone = db.prepare(sqliteText(DELETE_PHONE))
  const audit = db.prepare(auditInsert(variant, () => '?'))
  const begin = db.prepare('BEGIN IMMEDIATE')
  const commit = db.prepare('COMMIT')
  return {
    variant,
    write(n) {
      const target = targets[(n >> 1) % targets.length]!
      const add = n % 2 === 0
      begin.run()
      try {
        lock.get(TENANT, target.id)
        if (add) insertPhone.run(TENANT, target.id, target.number, e164Of(target.number))
        else deletePhone.get(TENANT, target.id)
        if (variant.audit) {
          const values = auditValues(variant, target, add, true)
          if (variant.returning !== 'none') audit.get(...values)
          else audit.run(...values)
        }
        commit.run()
      } catch (error) {
        db.exec('ROLLBACK')
        throw error
      }
    },
    async logOf(work) {
      // wal_checkpoint answers the frames in the WAL before it checkpoints them all (no reader holds
      // them back), and the next commit starts the WAL over; no automatic checkpoint meanwhile.
      db.pragma('wal_checkpoint(TRUNCATE)')
      db.pragma('wal_autocheckpoint = 0')
      await work()
      const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[]
      db.pragma('wal_checkpoint(TRUNCATE)')
      db.pragma(`wal_autocheckpoint = ${autocheckpoint}`)
      return row!.log
    },
    close: () => void db.close(),
  }
}

async function postgresSubject(variant: Variant, url: string, targets: Target[]): Promise<Subject> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const enumCast = (column: number) => (column === 5 ? '::"AuditResult"' : column === 13 ? '::"PhoneType"' : '')
  const audit = { name: 'audit', text: auditInsert(variant, (i) => `$${i}`, enumCast) }
  const lsn = async () => {
    const { rows } = await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')
    const [high, low] = rows[0]!.lsn.split('/').map((part) => Number.parseInt(part, 16))
    return high! * 2 ** 32 + low!
  }
  return {
    variant,
    async write(n) {
      const target = targets[(n >> 1) % targets.length]!
      const add = n % 2 === 0
      await client.query('BEGIN')
      try {
        await client.query({ name: 'lock', text: LOCK, values: [TENANT, target.id] })
        if (add) await client.query({ name: 'insert', text: INSERT_PHONE, values: [TENANT, target.id, target.number, e164Of(target.number)] })
        else await client.query({ name: 'delete', text: DELETE_PHONE, values: [TENANT, target.id] })
        if (variant.audit) await client.query({ ...audit, values: auditValues(variant, target, add, false) })
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
    },
    async logOf(work) {
      const before = await lsn()
      await work()
      return (await lsn()) - before
    },
    close: () => client.end(),
  }
}

// ------------------------------------------------------------- the data ----

/** EXTRA_EVENTS more events, older than the seeded trail, one every 25 s, on random users by the admin. */
function* extraEvents(dataset: Dataset) {
  const start = Date.now() - 60 * 24 * 3600 * 1000
  let seed = 7
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  for (let i = 0; i < EXTRA_EVENTS; i++) {
    const at = start + i * 25_000
    const user = Math.floor(random() * dataset.userIds.length)
    yield { id: timeOrderedId({ msecs: at }), at: new Date(at).toISOString(), targetUserId: dataset.userIds[user]!, upn: `user${user}@contoso.com`, n: i }
  }
}

async function sqliteSubjects(dataset: Dataset, variants: Variant[]): Promise<Subject[]> {
  const base = `${DATA}/audit-insert/base.db`
  await seedSqlite(base, dataset)
  const db = new Database(base)
  db.pragma('journal_mode = WAL')
  const insert = db.prepare(
    `INSERT INTO "AuditEvent" ("id", "tenantId", "activityDateTime", "activityDisplayName", "category", "result", "initiatedByUserId",
     "initiatedByUserPrincipalName", "targetUserId", "targetUserPrincipalName", "phoneType", "newPhoneNumber", "requestId")
     VALUES (?, ?, ?, 'Admin registered security info', 'UserManagement', 'success', ?, ?, ?, ?, 'mobile', '+1 XXXXXXXX00', ?)`,
  )
  db.exec(MAINS_TIME_INDEX)
  db.transaction(() => {
    for (const e of extraEvents(dataset)) insert.run(e.id, TENANT, e.at.replace('Z', '+00:00'), ADMIN.id, ADMIN.userPrincipalName, e.targetUserId, e.upn, `extra-${e.n}`)
  })()
  const schema = db.prepare(`SELECT "type", "name", "sql" FROM sqlite_master WHERE "tbl_name" = 'AuditEvent' AND "sql" IS NOT NULL`).all() as {
    type: string
    name: string
    sql: string
  }[]
  const table = schema.find((entry) => entry.type === 'table')!.sql
  withoutRowid = [
    `ALTER TABLE "AuditEvent" RENAME TO "AuditEvent_old"`,
    `${table} WITHOUT ROWID`,
    `INSERT INTO "AuditEvent" SELECT * FROM "AuditEvent_old"`,
    `DROP TABLE "AuditEvent_old"`,
    ...schema.filter((entry) => entry.type === 'index').map((entry) => entry.sql),
  ]
  const events = db.prepare('SELECT count(*) FROM "AuditEvent"').pluck().get() as number
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  log(`SQLite: ${dataset.userIds.length} users, ${events} audit events, ${(statSync(base).size / 2 ** 20).toFixed(0)} MB`)
  const targets = targetsOf(dataset)
  return variants.map((variant, i) => {
    const path = `${DATA}/audit-insert/variant-${i}.db`
    removeSqliteFiles(path)
    copyFileSync(base, path)
    const copy = new Database(path)
    for (const statement of variant.ddl?.('sqlite') ?? []) copy.exec(statement)
    // Dropped indexes leave free pages that later inserts would reuse: every copy starts compact.
    copy.exec('VACUUM')
    copy.close()
    return sqliteSubject(variant, path, targets)
  })
}

async function postgresSubjects(serverUrl: string, dataset: Dataset, variants: Variant[], databases: PostgresDatabase[]): Promise<Subject[]> {
  const base = await createPostgresDatabase(serverUrl, 'audit_insert')
  databases.push(base)
  await seedPostgres(base.url, dataset)
  const client = new pg.Client({ connectionString: base.url })
  await client.connect()
  await client.query(MAINS_TIME_INDEX)
  const extra = [...extraEvents(dataset)]
  for (let start = 0; start < extra.length; start += 20_000) {
    const batch = extra.slice(start, start + 20_000)
    await client.query(
      `INSERT INTO "AuditEvent" ("id", "tenantId", "activityDateTime", "activityDisplayName", "category", "result", "initiatedByUserId",
       "initiatedByUserPrincipalName", "targetUserId", "targetUserPrincipalName", "phoneType", "newPhoneNumber", "requestId")
       SELECT i, $1, a::timestamp, 'Admin registered security info', 'UserManagement', 'success', $2, $3, u, n, 'mobile', '+1 XXXXXXXX00', r
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS x(i, a, u, n, r)`,
      [TENANT, ADMIN.id, ADMIN.userPrincipalName, batch.map((e) => e.id), batch.map((e) => e.at.replace('Z', '')), batch.map((e) => e.targetUserId), batch.map((e) => e.upn), batch.map((e) => `extra-${e.n}`)],
    )
  }
  await client.query('VACUUM ANALYZE "AuditEvent"')
  const events = (await client.query<{ count: string }>('SELECT count(*) FROM "AuditEvent"')).rows[0]!.count
  await client.end()
  log(`PostgreSQL: ${dataset.userIds.length} users, ${events} audit events`)
  const targets = targetsOf(dataset)
  const subjects: Subject[] = []
  for (const variant of variants) {
    const copy = await createPostgresDatabase(serverUrl, 'audit_insert')
    databases.push(copy)
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`DROP DATABASE "${copy.name}"`)
    await admin.query(`CREATE DATABASE "${copy.name}" TEMPLATE "${base.name}"`)
    await admin.end()
    const ddl = new pg.Client({ connectionString: copy.url })
    await ddl.connect()
    for (const statement of variant.ddl?.('postgres') ?? []) await ddl.query(statement)
    // As on SQLite, every copy starts compact, whether or not it dropped something.
    await ddl.query('VACUUM FULL ANALYZE "AuditEvent"')
    await ddl.end()
    subjects.push(await postgresSubject(variant, copy.url, targets))
  }
  return subjects
}

// ----------------------------------------------------------- measuring ----

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
const log = (line: string) => process.stderr.write(`${line}\n`)

interface Measured {
  variant: Variant
  µs: number[]
  /** Log written per commit, from the separate pass. */
  perCommit: number
}

async function measure(provider: Provider, subjects: Subject[]): Promise<Measured[]> {
  const transactions = provider === 'sqlite' ? SQLITE_TRANSACTIONS : POSTGRES_TRANSACTIONS
  const results = subjects.map((subject) => ({ variant: subject.variant, µs: [] as number[], perCommit: 0 }))
  const next = subjects.map(() => 0)
  const run = async (i: number, count: number) => {
    const subject = subjects[i]!
    for (let k = 0; k < count; k++) await subject.write(next[i]!++)
  }
  // Warm up (statements prepared, pages cached), then the log pass: count only, not timed.
  for (let i = 0; i < subjects.length; i++) {
    await run(i, 100)
    results[i]!.perCommit = (await subjects[i]!.logOf(() => run(i, LOG_PASS))) / LOG_PASS
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < subjects.length; k++) {
      const i = (k + round) % subjects.length
      const started = process.hrtime.bigint()
      await run(i, transactions)
      results[i]!.µs.push(Number(process.hrtime.bigint() - started) / 1000 / transactions)
    }
    log(`${provider} round ${round + 1}/${ROUNDS} done`)
  }
  return results
}

function table(provider: Provider, results: Measured[]): string {
  const full = median(results.find((result) => result.variant.name === 'full')!.µs)
  const unit = provider === 'sqlite' ? 'WAL pages per commit' : 'WAL bytes per commit'
  const lines = [
    `### ${provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
    '',
    `| variant | what differs | µs per transaction (median of ${ROUNDS}) | min–max | ratio to full (time) | throughput ×full | ${unit} |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
  ]
  for (const { variant, µs, perCommit } of results) {
    const m = median(µs)
    lines.push(
      `| ${variant.name} | ${variant.change} | ${m.toFixed(0)} | ${Math.min(...µs).toFixed(0)}–${Math.max(...µs).toFixed(0)} | ${(m / full).toFixed(2)} | ×${(full / m).toFixed(2)} | ${provider === 'sqlite' ? perCommit.toFixed(1) : perCommit.toFixed(0)} |`,
    )
  }
  return lines.join('\n')
}

async function main(): Promise<void> {
  const providers = options.providers.split(',') as Provider[]
  const dataset = generateDataset({ users: USERS })
  const databases: PostgresDatabase[] = []
  const out: string[] = [
    `Audit insert A/B (bench/audit-insert.ts), ${new Date().toISOString()}: ${ROUNDS} rounds × ${SQLITE_TRANSACTIONS} (SQLite) / ${POSTGRES_TRANSACTIONS} (PostgreSQL) transactions per variant, ` +
      `${USERS} users, seeded trail + ${EXTRA_EVENTS} events; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  ]
  try {
    for (const provider of providers) {
      const variants = VARIANTS.filter((variant) => variant.providers.includes(provider))
      if (provider === 'postgres' && !(await postgresReachable(options['postgres-url']))) {
        out.push('', `PostgreSQL at ${options['postgres-url']} is not reachable: skipped`)
        continue
      }
      const subjects = provider === 'sqlite' ? await sqliteSubjects(dataset, variants) : await postgresSubjects(options['postgres-url'], dataset, variants, databases)
      try {
        out.push('', table(provider, await measure(provider, subjects)))
      } finally {
        for (const subject of subjects) await subject.close()
      }
    }
  } finally {
    for (const database of databases) await database.drop()
    for (let i = 0; i < VARIANTS.length; i++) removeSqliteFiles(`${DATA}/audit-insert/variant-${i}.db`)
    removeSqliteFiles(`${DATA}/audit-insert/base.db`)
  }
  process.stdout.write(`${out.join('\n')}\n`)
}

await main()

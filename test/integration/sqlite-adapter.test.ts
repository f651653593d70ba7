// The gateway's own SQLite driver adapter (src/db/sqlite-adapter.ts), on real
// files: it keeps its prepared statements, begins transactions IMMEDIATE on
// the writer one at a time, reads the last commit outside them, and returns
// the same values and errors as @prisma/adapter-better-sqlite3, whose results
// Prisma and db/errors.ts were written against (compared here side by side on
// one file).
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import type { ArgScalarType, SqlDriverAdapter, SqlQuery, SqlResultSet } from '@prisma/driver-adapter-utils'
import Sqlite from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDatabase, type Database } from '../../src/db/client.ts'
import { classifyDatabaseError } from '../../src/db/errors.ts'
import { PrismaClient as SqliteClient } from '../../src/db/generated/sqlite/client.ts'
import { migrate } from '../../src/db/migrate.ts'
import { seed } from '../../src/db/seed.ts'
import { readWriteSplitSqlite, type SqliteAdapterOptions } from '../../src/db/sqlite-adapter.ts'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { testTenants } from '../support/personas/tenants.ts'

type Arg = [value: unknown, scalarType: ArgScalarType]

function sql(text: string, ...args: Arg[]): SqlQuery {
  return { sql: text, args: args.map(([value]) => value), argTypes: args.map(([, scalarType]) => ({ scalarType, arity: 'scalar' })) }
}

/** What an adapter call threw: the DriverAdapterError's payload, or the error itself. */
async function failureOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise
  } catch (error) {
    return (error as { cause?: Record<string, unknown> }).cause ?? { thrown: String(error) }
  }
  throw new Error('expected a failure')
}

/** Runs statements in one committed transaction of the adapter. */
async function inTransaction(adapter: SqlDriverAdapter, ...queries: SqlQuery[]): Promise<void> {
  const tx = await adapter.startTransaction()
  try {
    for (const query of queries) await tx.executeRaw(query)
    await tx.executeRaw(sql('COMMIT'))
    await tx.commit()
  } catch (error) {
    await tx.executeRaw(sql('ROLLBACK'))
    await tx.rollback()
    throw error
  }
}

const settled = async (promise: Promise<unknown>) => {
  let done = false
  void promise.then(
    () => (done = true),
    () => (done = true),
  )
  await new Promise((resolve) => setTimeout(resolve, 20))
  return done
}

describe('the gateway SQLite adapter', () => {
  let scratch: ScratchDatabase
  let path: string
  const opened: { dispose(): Promise<void> }[] = []
  const others: Sqlite.Database[] = []

  async function connect(options?: SqliteAdapterOptions): Promise<SqlDriverAdapter> {
    const adapter = await readWriteSplitSqlite(scratch.url, options).connect()
    opened.push(adapter)
    return adapter
  }
  async function connectOfficial(options?: { timestampFormat?: 'iso8601' | 'unixepoch-ms' }): Promise<SqlDriverAdapter> {
    const adapter = await new PrismaBetterSqlite3({ url: scratch.url }, options).connect()
    opened.push(adapter)
    return adapter
  }
  function otherConnection(): Sqlite.Database {
    const connection = new Sqlite(path, { timeout: 0 })
    others.push(connection)
    return connection
  }

  beforeEach(async () => {
    scratch = await scratchDatabase('sqlite')
    path = scratch.url.slice('file:'.length)
  })
  afterEach(async () => {
    vi.restoreAllMocks()
    for (const connection of others.splice(0)) connection.close()
    for (const adapter of opened.splice(0)) await adapter.dispose()
    await scratch.drop()
  })

  describe('statement cache', () => {
    it('prepares a statement once and runs it again with new arguments', async () => {
      const adapter = await connect()
      await inTransaction(adapter, sql('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)'))
      const prepare = vi.spyOn(Sqlite.prototype, 'prepare')

      const tx = await adapter.startTransaction()
      for (let i = 0; i < 20; i++) await tx.executeRaw(sql('INSERT INTO t (id, name) VALUES (?, ?)', [i, 'int'], [`n${i}`, 'string']))
      await tx.executeRaw(sql('COMMIT'))
      await tx.commit()
      const names: unknown[] = []
      for (let i = 0; i < 20; i++) names.push((await adapter.queryRaw(sql('SELECT name FROM t WHERE id = ?', [i, 'int']))).rows[0]?.[0])

      expect(names).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`))
      // BEGIN IMMEDIATE and COMMIT were prepared by the transaction that created the table.
      expect(prepare.mock.calls.map(([text]) => text)).toEqual(['INSERT INTO t (id, name) VALUES (?, ?)', 'SELECT name FROM t WHERE id = ?'])
    })

    it('forgets the least recently used statement when full', async () => {
      const adapter = await connect({ statementCacheSize: 2 })
      const prepare = vi.spyOn(Sqlite.prototype, 'prepare')
      for (const text of ['SELECT 1', 'SELECT 2', 'SELECT 1', 'SELECT 3', 'SELECT 1', 'SELECT 2']) await adapter.queryRaw(sql(text))
      expect(prepare.mock.calls.map(([text]) => text)).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 2'])
    })

    it('describes a kept statement’s columns as they are after a schema change', async () => {
      const adapter = await connect()
      await inTransaction(adapter, sql('CREATE TABLE t (a INTEGER)'), sql('INSERT INTO t VALUES (1)'))
      expect(await adapter.queryRaw(sql('SELECT * FROM t'))).toEqual({ columnNames: ['a'], columnTypes: [0], rows: [[1]] })
      await inTransaction(adapter, sql('ALTER TABLE t ADD COLUMN at DATETIME'), sql('UPDATE t SET at = 0'))
      expect(await adapter.queryRaw(sql('SELECT * FROM t'))).toEqual({ columnNames: ['a', 'at'], columnTypes: [0, 10], rows: [[1, '1970-01-01T00:00:00.000Z']] })
    })

    it('serves a Prisma query from the cache where the official adapter prepares it every time', async () => {
      const db = await openDatabase({ url: scratch.url })
      const official = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: scratch.url }) })
      try {
        await migrate(db)
        await seed(db, testTenants)
        const preparesFor = async (client: Database['client']) => {
          const prepare = vi.spyOn(Sqlite.prototype, 'prepare')
          for (let i = 0; i < 30; i++) await client.user.findFirst({ where: { tenantId: 'contoso', userPrincipalNameKey: `kim@contoso.com` } })
          const count = prepare.mock.calls.length
          prepare.mockRestore()
          return count
        }
        expect(await preparesFor(db.client)).toBeLessThanOrEqual(1)
        expect(await preparesFor(official)).toBe(30)
      } finally {
        await official.$disconnect()
        await db.close()
      }
    })
  })

  describe('transactions', () => {
    it('take the write lock at BEGIN (BEGIN IMMEDIATE)', async () => {
      const adapter = await connect()
      await inTransaction(adapter, sql('CREATE TABLE t (id INTEGER PRIMARY KEY)'))
      const other = otherConnection()

      const tx = await adapter.startTransaction()
      expect(() => other.prepare('INSERT INTO t (id) VALUES (1)').run()).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }))
      await tx.executeRaw(sql('ROLLBACK'))
      await tx.rollback()
      expect(other.prepare('INSERT INTO t (id) VALUES (1)').run().changes).toBe(1)
    })

    it('fail to begin with SQLITE_BUSY, a conflict, while another connection writes, and hand the writer on', async () => {
      const adapter = await connect({ busyTimeoutMs: 50 })
      const other = otherConnection()
      other.exec('BEGIN IMMEDIATE')

      const failure = await failureOf(adapter.startTransaction())
      expect(failure).toEqual({ kind: 'SocketTimeout', originalCode: 'SQLITE_BUSY', originalMessage: 'database is locked' })

      const client = new SqliteClient({ adapter: readWriteSplitSqlite(scratch.url, { busyTimeoutMs: 50 }) })
      try {
        const error = await client.$transaction(async () => undefined).catch((error: unknown) => error)
        expect(classifyDatabaseError(error)).toBe('conflict')
      } finally {
        await client.$disconnect()
      }

      other.exec('ROLLBACK')
      const tx = await adapter.startTransaction()
      await tx.executeRaw(sql('ROLLBACK'))
      await tx.rollback()
    })

    it('run one at a time on the writer, in the order they were asked for', async () => {
      const adapter = await connect()
      await inTransaction(adapter, sql('CREATE TABLE t (id INTEGER PRIMARY KEY)'))
      const first = await adapter.startTransaction()
      const second = adapter.startTransaction()
      const third = adapter.startTransaction()
      expect(await settled(second)).toBe(false)

      await first.executeRaw(sql('INSERT INTO t (id) VALUES (1)'))
      await first.executeRaw(sql('COMMIT'))
      await first.commit()
      const secondTx = await second
      expect(await settled(third)).toBe(false)
      expect((await secondTx.queryRaw(sql('SELECT id FROM t'))).rows).toEqual([[1]])
      await secondTx.executeRaw(sql('ROLLBACK'))
      await secondTx.rollback()
      const thirdTx = await third
      await thirdTx.executeRaw(sql('ROLLBACK'))
      await thirdTx.rollback()
    })

    it('end on the connection too when Prisma rolls back without a ROLLBACK statement (its COMMIT failed)', async () => {
      const adapter = await connect()
      await inTransaction(adapter, sql('CREATE TABLE t (id INTEGER PRIMARY KEY)'))
      const tx = await adapter.startTransaction()
      await tx.executeRaw(sql('INSERT INTO t (id) VALUES (1)'))
      await tx.rollback()

      await inTransaction(adapter, sql('INSERT INTO t (id) VALUES (2)'))
      expect((await adapter.queryRaw(sql('SELECT id FROM t'))).rows).toEqual([[2]])
      expect(await failureOf(tx.executeRaw(sql('SELECT 1')))).toMatchObject({ kind: 'TransactionAlreadyClosed' })
    })

    it('accept SERIALIZABLE (or no level) only, as the official adapter does', async () => {
      const adapter = await connect()
      const official = await connectOfficial()
      for (const level of ['READ UNCOMMITTED', 'READ COMMITTED', 'REPEATABLE READ', 'SNAPSHOT'] as const) {
        const failure = await failureOf(adapter.startTransaction(level))
        expect(failure).toEqual({ kind: 'InvalidIsolationLevel', level })
        expect(failure).toEqual(await failureOf(official.startTransaction(level)))
      }
      for (const level of ['SERIALIZABLE', undefined] as const) {
        const tx = await adapter.startTransaction(level)
        expect(tx.options).toEqual({ usePhantomQuery: false })
        await tx.executeRaw(sql('ROLLBACK'))
        await tx.rollback()
      }
    })

    it('support savepoints', async () => {
      const adapter = await connect()
      await inTransaction(adapter, sql('CREATE TABLE t (id INTEGER PRIMARY KEY)'))
      const tx = await adapter.startTransaction()
      await tx.executeRaw(sql('INSERT INTO t (id) VALUES (1)'))
      await tx.createSavepoint!('s1')
      await tx.executeRaw(sql('INSERT INTO t (id) VALUES (2)'))
      await tx.rollbackToSavepoint!('s1')
      await tx.releaseSavepoint!('s1')
      await tx.executeRaw(sql('COMMIT'))
      await tx.commit()
      expect((await adapter.queryRaw(sql('SELECT id FROM t'))).rows).toEqual([[1]])
    })
  })

  describe('reads outside a transaction', () => {
    it('see the last commit, never an open transaction’s writes', async () => {
      const adapter = await connect()
      await inTransaction(adapter, sql('CREATE TABLE t (id INTEGER PRIMARY KEY)'), sql('INSERT INTO t (id) VALUES (1)'))
      const tx = await adapter.startTransaction()
      await tx.executeRaw(sql('INSERT INTO t (id) VALUES (2)'))
      expect((await tx.queryRaw(sql('SELECT id FROM t ORDER BY id'))).rows).toEqual([[1], [2]])
      expect((await adapter.queryRaw(sql('SELECT id FROM t ORDER BY id'))).rows).toEqual([[1]])
      await tx.executeRaw(sql('COMMIT'))
      await tx.commit()
      expect((await adapter.queryRaw(sql('SELECT id FROM t ORDER BY id'))).rows).toEqual([[1], [2]])
    })

    it('cannot write: a write outside a transaction fails loudly', async () => {
      const adapter = await connect()
      await inTransaction(adapter, sql('CREATE TABLE t (id INTEGER PRIMARY KEY)'))
      expect(await failureOf(adapter.executeRaw(sql('INSERT INTO t (id) VALUES (1)')))).toMatchObject({ originalCode: 'SQLITE_READONLY' })
    })
  })

  it('sets WAL, synchronous NORMAL, foreign keys and the busy timeout on the writer', async () => {
    const adapter = await connect()
    const tx = await adapter.startTransaction()
    const pragma = async (name: string) => (await tx.queryRaw(sql(`PRAGMA ${name}`))).rows[0]?.[0]
    expect([await pragma('journal_mode'), await pragma('synchronous'), await pragma('foreign_keys'), await pragma('busy_timeout')]).toEqual(['wal', 1, 1, 5000])
    await tx.executeRaw(sql('ROLLBACK'))
    await tx.rollback()
    expect((await adapter.queryRaw(sql('PRAGMA busy_timeout'))).rows).toEqual([[5000]])
  })

  it('runs a script on the writer between transactions', async () => {
    const adapter = await connect()
    const tx = await adapter.startTransaction()
    const script = adapter.executeScript('CREATE TABLE a (id INTEGER); CREATE TABLE b (id INTEGER);')
    expect(await settled(script)).toBe(false)
    await tx.executeRaw(sql('ROLLBACK'))
    await tx.rollback()
    await script
    expect((await adapter.queryRaw(sql(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`))).rows).toEqual([['a'], ['b']])
    expect(await failureOf(adapter.executeScript('CREATE TABLE a (id INTEGER)'))).toMatchObject({ kind: 'sqlite', message: 'table a already exists' })
  })

  describe('values, compared with the official adapter on the same file', () => {
    const KINDS = `CREATE TABLE kinds (
      id INTEGER PRIMARY KEY, flag BOOLEAN, at DATETIME, big BIGINT, bytes BLOB, doc JSONB, amount DECIMAL,
      ratio REAL, f FLOAT, whole INT, day DATE, clock TIME, label TEXT, code VARCHAR(8), untyped, odd WHATEVER
    )`
    const INSERT = 'INSERT INTO kinds (id, flag, at, big, bytes, doc, amount, ratio, f, whole, day, clock, label, code, untyped, odd) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)'
    const rowArgs = (id: number): Arg[] => [
      [id, 'int'],
      [true, 'boolean'],
      [new Date('2024-05-06T07:08:09.123Z'), 'datetime'],
      ['9007199254740993', 'bigint'],
      ['AAEC/w==', 'bytes'],
      ['{"a":[1,2]}', 'json'],
      ['12.5', 'decimal'],
      [0.25, 'float'],
      ['1.5', 'float'],
      ['42', 'int'],
      ['2024-05-06T00:00:00.000Z', 'datetime'],
      [null, 'datetime'],
      ['text', 'string'],
      ['code', 'enum'],
      [7n, 'bigint'],
      [3.9, 'float'],
    ]
    const nullArgs = (id: number): Arg[] => [[id, 'int'], [false, 'boolean'], ['-5', 'bigint'], ...Array.from({ length: 13 }, (): Arg => [null, 'unknown'])]
    const NULL_INSERT = 'INSERT INTO kinds (id, flag, big, at, bytes, doc, amount, ratio, f, whole, day, clock, label, code, untyped, odd) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)'

    it('writes arguments and reads rows exactly as the official adapter does', async () => {
      const adapter = await connect()
      const official = await connectOfficial()
      await inTransaction(adapter, sql(KINDS), sql(INSERT, ...rowArgs(1)), sql(NULL_INSERT, ...nullArgs(2)))
      await official.executeRaw(sql(INSERT, ...rowArgs(3)))
      await official.executeRaw(sql(NULL_INSERT, ...nullArgs(4)))
      // Stored as Unix milliseconds, and a REAL in an INT column.
      await inTransaction(adapter, sql('INSERT INTO kinds (id, at, whole, untyped) VALUES (5, 1700000000000, 3.7, 9007199254740993)'))

      const query = sql('SELECT * FROM kinds ORDER BY id')
      const ours = await adapter.queryRaw(query)
      expect(ours).toEqual(await official.queryRaw(query))
      const byId = (result: SqlResultSet, id: number) => result.rows.find((row) => row[0] === id)!.slice(1)
      expect(byId(ours, 1)).toEqual(byId(ours, 3))
      expect(byId(ours, 2)).toEqual(byId(ours, 4))
      expect(ours.columnTypes).toEqual([0, 5, 10, 1, 13, 11, 4, 3, 2, 0, 8, 9, 7, 7, 1, 128])
      expect(byId(ours, 1)).toEqual([
        1,
        '2024-05-06T07:08:09.123+00:00',
        '9007199254740993',
        Buffer.from([0, 1, 2, 255]),
        '{"a":[1,2]}',
        12.5,
        0.25,
        1.5,
        42,
        '2024-05-06T00:00:00.000+00:00',
        null,
        'text',
        'code',
        7,
        3.9,
      ])
      expect([byId(ours, 5)[1], byId(ours, 5)[8], byId(ours, 5)[13]]).toEqual(['2023-11-14T22:13:20.000Z', 3, '9007199254740993'])
    })

    it('reads expressions (no declared type) as the official adapter does', async () => {
      const adapter = await connect()
      const official = await connectOfficial()
      const query = sql(
        `SELECT 1 AS one, 1.5 AS half, 'x' AS s, NULL AS absent, 9007199254740993 AS huge, -3 AS negative, ? AS arg, ? AS flag, ? AS at`,
        ['10', 'int'],
        [true, 'boolean'],
        [new Date(0), 'datetime'],
      )
      const ours = await adapter.queryRaw(query)
      expect(ours).toEqual(await official.queryRaw(query))
      expect(ours.rows).toEqual([[1, 1.5, 'x', null, '9007199254740993', -3, 10, 1, '1970-01-01T00:00:00.000+00:00']])
      expect(await adapter.queryRaw(sql('SELECT 1 WHERE 0'))).toEqual(await official.queryRaw(sql('SELECT 1 WHERE 0')))
      expect(await adapter.queryRaw(sql('SELECT NULL AS a UNION ALL SELECT 2.5'))).toEqual(await official.queryRaw(sql('SELECT NULL AS a UNION ALL SELECT 2.5')))
    })

    it('reads a BLOB expression as Bytes, where the official adapter throws', async () => {
      const adapter = await connect()
      const official = await connectOfficial()
      expect(await adapter.queryRaw(sql(`SELECT x'00ff' AS bytes`))).toEqual({ columnNames: ['bytes'], columnTypes: [13], rows: [[Buffer.from([0, 255])]] })
      expect(await failureOf(official.queryRaw(sql(`SELECT x'00ff' AS bytes`)))).toMatchObject({ thrown: expect.stringContaining('unexpected value') })
    })

    it('writes DateTime as Unix milliseconds when asked to, as the official adapter does', async () => {
      const adapter = await connect({ timestampFormat: 'unixepoch-ms' })
      const official = await connectOfficial({ timestampFormat: 'unixepoch-ms' })
      await inTransaction(adapter, sql('CREATE TABLE t (id INTEGER PRIMARY KEY, at DATETIME)'), sql('INSERT INTO t VALUES (1, ?)', [new Date(1234), 'datetime']))
      await official.executeRaw(sql('INSERT INTO t VALUES (2, ?)', ['1970-01-01T00:00:01.234Z', 'datetime']))
      const query = sql('SELECT id, at, typeof(at) FROM t ORDER BY id')
      expect(await adapter.queryRaw(query)).toEqual(await official.queryRaw(query))
      expect((await adapter.queryRaw(query)).rows).toEqual([
        [1, '1970-01-01T00:00:01.234Z', 'integer'],
        [2, '1970-01-01T00:00:01.234Z', 'integer'],
      ])
    })

    it('gives Prisma the same models and raw results as the official adapter', async () => {
      const db = await openDatabase({ url: scratch.url })
      const official = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: scratch.url }) })
      try {
        await migrate(db)
        await seed(db, testTenants)
        await db.client.$transaction((tx) =>
          tx.auditEvent.create({
            data: {
              id: 'e1',
              tenantId: 'contoso',
              activityDateTime: new Date('2024-05-06T07:08:09.123Z'),
              activityDisplayName: 'x',
              category: 'UserManagement',
              result: 'success',
              requestId: 'r1',
              phoneType: 'mobile',
            },
          }),
        )
        const reads = (client: Database['client']) =>
          Promise.all([
            client.user.findMany({ include: { directoryRoles: true, phoneMethods: true }, orderBy: [{ tenantId: 'asc' }, { id: 'asc' }] }),
            client.auditEvent.findMany(),
            client.smsPolicy.findMany({ include: { targets: true } }),
            client.user.count(),
            client.user.aggregate({ _max: { version: true }, _min: { isSystemPreferredAuthenticationMethodEnabled: true } }),
            client.$queryRaw`SELECT ${true} AS flag, ${new Date('2024-01-02T03:04:05.006Z')} AS at, ${BigInt('9007199254740993')} AS big, ${12} AS n, ${1.25} AS f, ${null} AS absent`,
            client.$queryRaw`SELECT "activityDateTime", "isSystemPreferredAuthenticationMethodEnabled" AS flag FROM "AuditEvent", "User" LIMIT 1`,
          ])
        const ours = await reads(db.client)
        expect(ours).toEqual(await reads(official))
        expect(ours[1][0]?.activityDateTime).toEqual(new Date('2024-05-06T07:08:09.123Z'))
      } finally {
        await official.$disconnect()
        await db.close()
      }
    })
  })

  describe('errors, compared with the official adapter', () => {
    it('maps SQLite failures to the same DriverAdapterError payloads', async () => {
      const adapter = await connect()
      const official = await connectOfficial()
      await official.executeScript(`
        CREATE TABLE parent (id INTEGER PRIMARY KEY);
        CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL REFERENCES parent(id), name TEXT UNIQUE, a TEXT, b TEXT, UNIQUE (a, b));
        INSERT INTO parent VALUES (1);
        INSERT INTO child VALUES (1, 1, 'x', 'a', 'b');
        PRAGMA foreign_keys = ON;`)
      const failing = [
        sql(`INSERT INTO child (id, parent, name) VALUES (2, 1, 'x')`),
        sql(`INSERT INTO child (id, parent, a, b) VALUES (2, 1, 'a', 'b')`),
        sql(`INSERT INTO child (id, parent) VALUES (1, 1)`),
        sql(`INSERT INTO child (id, parent) VALUES (2, NULL)`),
        sql(`INSERT INTO child (id, parent) VALUES (2, 99)`),
        sql(`SELECT * FROM nowhere`),
        sql(`SELECT nothing FROM child`),
        sql(`INSERT INTO child (nothing) VALUES (1)`),
        sql(`THIS IS NOT SQL`),
      ]
      const theirs = []
      for (const query of failing) theirs.push(await failureOf(official.executeRaw(query)))
      const notSql = await failureOf(official.queryRaw(sql('SELECT ?')))
      const tx = await adapter.startTransaction()
      for (const [i, query] of failing.entries()) {
        const ours = await failureOf(tx.executeRaw(query))
        expect(ours).toEqual(theirs[i])
        expect(ours).toEqual(await failureOf(tx.queryRaw(query)))
      }
      expect(await failureOf(tx.executeRaw(failing[1]!))).toEqual({
        kind: 'UniqueConstraintViolation',
        constraint: { fields: ['a', 'b'] },
        table: 'child',
        originalCode: 'SQLITE_CONSTRAINT_UNIQUE',
        originalMessage: 'UNIQUE constraint failed: child.a, child.b',
      })
      // Not a SQLite error: passed on as it is.
      expect(await failureOf(tx.queryRaw(sql('SELECT ?')))).toEqual(notSql)
      await tx.executeRaw(sql('ROLLBACK'))
      await tx.rollback()
    })

    it('makes a unique violation the same Prisma error, classified as a conflict', async () => {
      const db = await openDatabase({ url: scratch.url })
      const official = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: scratch.url }), errorFormat: 'minimal' })
      try {
        await migrate(db)
        await seed(db, testTenants)
        const duplicate = (client: Database['client']) =>
          client
            .$transaction((tx) => tx.tenant.create({ data: { id: 'contoso' } }))
            .then(
              () => undefined,
              (error: unknown) => error as { code: string; meta: unknown },
            )
        const ours = await duplicate(db.client)
        const theirs = await duplicate(official)
        expect(ours?.code).toBe('P2002')
        expect([ours?.code, ours?.meta]).toEqual([theirs?.code, theirs?.meta])
        expect(classifyDatabaseError(ours)).toBe('conflict')
        expect(classifyDatabaseError(theirs)).toBe('conflict')
      } finally {
        await official.$disconnect()
        await db.close()
      }
    })
  })
})

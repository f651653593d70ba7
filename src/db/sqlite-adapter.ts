// The gateway's Prisma driver adapter for SQLite, over better-sqlite3. It
// differs from @prisma/adapter-better-sqlite3 (whose conversions it keeps, see
// sqlite-conversions.ts) in three ways:
//
// - Two connections. The official adapter runs everything on one connection,
//   where an open interactive transaction is just BEGIN on that connection: a
//   query of another request arriving meanwhile runs inside the transaction
//   and sees its uncommitted writes. Here transactions run on the writer, one
//   at a time, and every query outside a transaction on a read-only
//   connection, which in WAL mode reads the last commit. A write outside a
//   transaction fails loudly there (SQLITE_READONLY).
// - Prepared statements are kept per connection, keyed by their SQL text:
//   preparing anew for every query cost 9–11 % of the gateway's CPU.
// - Transactions begin with BEGIN IMMEDIATE, which takes the write lock up
//   front. A deferred BEGIN takes it at the first write, and a transaction
//   that has read by then cannot wait for another connection's write (it
//   would write on a state it has not read): it fails with SQLITE_BUSY
//   whatever the busy timeout. Here a busy writer (another process) makes
//   BEGIN wait, up to the busy timeout, and only then fail with SQLITE_BUSY,
//   which the services retry as a conflict (db/errors.ts).
import Database from 'better-sqlite3'
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from '@prisma/driver-adapter-utils'
import { adapterErrorOf, columnTypesOf, resultRow, sqliteArgument, type TimestampFormat } from './sqlite-conversions.ts'

const ADAPTER_NAME = 'phone-gateway-sqlite'

/** How long SQLite waits for another connection's lock before giving up with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000

/**
 * Distinct statements kept prepared per connection. Prisma's statements are
 * few, but an IN list gets one text per length (DataLoader batches), so
 * the cache is bounded and forgets the least recently used.
 */
const STATEMENT_CACHE_SIZE = 500

export interface SqliteAdapterOptions {
  busyTimeoutMs?: number
  statementCacheSize?: number
  /** How DateTime arguments are stored; Prisma's default is ISO 8601 text. */
  timestampFormat?: TimestampFormat
}

export function readWriteSplitSqlite(url: string, options: SqliteAdapterOptions = {}): SqlDriverAdapterFactory {
  const path = url.replace(/^file:/, '')
  const settings = {
    busyTimeoutMs: options.busyTimeoutMs ?? BUSY_TIMEOUT_MS,
    statementCacheSize: options.statementCacheSize ?? STATEMENT_CACHE_SIZE,
    timestampFormat: options.timestampFormat ?? 'iso8601',
  }
  return {
    provider: 'sqlite',
    adapterName: ADAPTER_NAME,
    async connect(): Promise<SqlDriverAdapter> {
      const writer = new Connection(new Database(path, { timeout: settings.busyTimeoutMs }), settings)
      try {
        // WAL lets the reader read the last commit while a write is open.
        // synchronous=NORMAL in WAL mode loses nothing when the process dies
        // (SIGKILL included); only an operating-system crash can drop the newest commits.
        writer.script('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;')
        const reader = new Connection(new Database(path, { timeout: settings.busyTimeoutMs, readonly: true }), settings)
        return new ReadWriteSplitAdapter(reader, writer)
      } catch (error) {
        writer.close()
        throw error
      }
    },
  }
}

/** A row in raw mode: its values in column order. */
type Row = unknown[]

/** One better-sqlite3 connection and the statements prepared on it. */
class Connection {
  readonly #db: Database.Database
  readonly #statements = new Map<string, Database.Statement<unknown[], Row>>()
  readonly #cacheSize: number
  readonly #timestampFormat: TimestampFormat

  constructor(db: Database.Database, settings: { statementCacheSize: number; timestampFormat: TimestampFormat }) {
    this.#db = db
    this.#cacheSize = settings.statementCacheSize
    this.#timestampFormat = settings.timestampFormat
    // Integers as BigInt, so that a 64-bit value is never rounded on its way
    // to resultRow (which turns the ones that fit into numbers).
    db.defaultSafeIntegers(true)
  }

  get inTransaction(): boolean {
    return this.#db.inTransaction
  }

  query(query: SqlQuery): SqlResultSet {
    try {
      const statement = this.#prepared(query.sql)
      if (!statement.reader) {
        statement.run(this.#arguments(query))
        return { columnNames: [], columnTypes: [], rows: [] }
      }
      const rows = statement.all(this.#arguments(query))
      // Asked after the run: SQLite prepares a kept statement again when the
      // schema has changed (a migration), and only a run does that.
      const columns = statement.columns()
      const columnTypes = columnTypesOf(
        columns.map((column) => column.type),
        rows,
      )
      for (const row of rows) resultRow(row, columnTypes)
      return { columnNames: columns.map((column) => column.name), columnTypes, rows }
    } catch (error) {
      throw adapterErrorOf(error)
    }
  }

  /** Runs a statement; the number of rows it changed. */
  execute(query: SqlQuery): number {
    try {
      return this.#prepared(query.sql).run(this.#arguments(query)).changes
    } catch (error) {
      throw adapterErrorOf(error)
    }
  }

  /** Runs statements separated by semicolons, unprepared (a script runs once). */
  script(sql: string): void {
    try {
      this.#db.exec(sql)
    } catch (error) {
      throw adapterErrorOf(error)
    }
  }

  close(): void {
    this.#statements.clear()
    this.#db.close()
  }

  // better-sqlite3's Statement#bind fixes a statement's arguments for good,
  // so a reused statement takes its arguments with each run instead.
  #arguments({ args, argTypes }: SqlQuery): unknown[] {
    const bound = new Array<unknown>(args.length)
    for (let i = 0; i < args.length; i++) bound[i] = sqliteArgument(args[i], argTypes[i]!, this.#timestampFormat)
    return bound
  }

  #prepared(sql: string): Database.Statement<unknown[], Row> {
    let statement = this.#statements.get(sql)
    if (statement) {
      // Most recently used last: the Map's first key is the one to forget.
      this.#statements.delete(sql)
    } else {
      statement = this.#db.prepare<unknown[], Row>(sql)
      // Rows as arrays of values, in column order, as Prisma takes them.
      if (statement.reader) statement.raw(true)
      if (this.#statements.size >= this.#cacheSize) this.#statements.delete(this.#statements.keys().next().value!)
    }
    this.#statements.set(sql, statement)
    return statement
  }
}

/** Queries outside a transaction: on the read-only connection. */
class ReadWriteSplitAdapter implements SqlDriverAdapter {
  readonly provider = 'sqlite'
  readonly adapterName = ADAPTER_NAME
  readonly #reader: Connection
  readonly #writer: Connection
  readonly #writerTurns = new Turns()

  constructor(reader: Connection, writer: Connection) {
    this.#reader = reader
    this.#writer = writer
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#reader.query(query)
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    return this.#reader.execute(query)
  }

  /** On the writer, between transactions, never inside one. */
  async executeScript(script: string): Promise<void> {
    const done = await this.#writerTurns.take()
    try {
      this.#writer.script(script)
    } finally {
      done()
    }
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    // SQLite transactions are serializable, and nothing else can be asked for.
    if (isolationLevel && isolationLevel !== 'SERIALIZABLE') {
      throw new DriverAdapterError({ kind: 'InvalidIsolationLevel', level: isolationLevel })
    }
    const done = await this.#writerTurns.take()
    try {
      this.#writer.execute({ sql: 'BEGIN IMMEDIATE', args: [], argTypes: [] })
    } catch (error) {
      done()
      throw error
    }
    return new WriteTransaction(this.#writer, done)
  }

  getConnectionInfo() {
    return { supportsRelationJoins: false }
  }

  async dispose(): Promise<void> {
    this.#reader.close()
    this.#writer.close()
  }
}

/**
 * A transaction on the writer. Prisma itself sends COMMIT or ROLLBACK through
 * executeRaw and then calls commit() or rollback(), which hand the writer to
 * the next transaction.
 */
class WriteTransaction implements Transaction {
  readonly provider = 'sqlite'
  readonly adapterName = ADAPTER_NAME
  readonly options: TransactionOptions = { usePhantomQuery: false }
  readonly #writer: Connection
  #done: (() => void) | undefined

  constructor(writer: Connection, done: () => void) {
    this.#writer = writer
    this.#done = done
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#open().query(query)
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    return this.#open().execute(query)
  }

  async commit(): Promise<void> {
    this.#close()
  }

  async rollback(): Promise<void> {
    // Prisma calls this also when its COMMIT failed; a transaction still open
    // then must not pass to the next one.
    try {
      if (this.#done && this.#writer.inTransaction) this.#writer.script('ROLLBACK')
    } finally {
      this.#close()
    }
  }

  async createSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `SAVEPOINT ${name}`, args: [], argTypes: [] })
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `ROLLBACK TO ${name}`, args: [], argTypes: [] })
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `RELEASE SAVEPOINT ${name}`, args: [], argTypes: [] })
  }

  // A statement after the end would run outside the transaction, or inside the next one.
  #open(): Connection {
    if (!this.#done) throw new DriverAdapterError({ kind: 'TransactionAlreadyClosed', cause: 'the transaction has ended' })
    return this.#writer
  }

  #close(): void {
    const done = this.#done
    this.#done = undefined
    done?.()
  }
}

/** The writer's turns, first come first served: one transaction at a time. */
class Turns {
  #last: Promise<void> = Promise.resolve()

  /** Resolves when it is the caller's turn, with the function that ends it. */
  take(): Promise<() => void> {
    let end!: () => void
    const ended = new Promise<void>((resolve) => (end = resolve))
    const turn = this.#last.then(() => end)
    this.#last = ended
    return turn
  }
}

// Raw statements run on the Prisma driver adapter itself, without Prisma's
// client in between: every write transaction, and the reads that are already
// raw SQL. Prisma's interactive transaction cost about 136 µs of CPU with no
// statement in it, and each raw call inside it 50–100 µs, against 10–20 µs
// for the statement itself (bench/RESULTS.md, "What each lever bought"). The
// adapter is the one Prisma's client also uses, so both share the SQLite
// writer's turns and the PostgreSQL pool, and its statements keep the
// adapter's conversions and error kinds (db/errors.ts reads them).
import type { ArgType, SqlDriverAdapter, SqlQuery, SqlQueryable, SqlResultSet, Transaction } from '@prisma/driver-adapter-utils'
import type { DatabaseProvider } from '../config.ts'
import { Prisma } from './generated/sqlite/client.ts'

/** Raw statements on one connection (or the pool), written with Prisma.sql. */
export interface Statements {
  readonly provider: DatabaseProvider
  /** The rows, as objects keyed by column name, with the values the driver adapter reads. */
  query<T>(statement: Prisma.Sql): Promise<T[]>
  /** The number of rows the statement changed. */
  execute(statement: Prisma.Sql): Promise<number>
}

export interface StatementOptions {
  readonly provider: DatabaseProvider
  /** Called with every statement's text (tests and METRICS_DB_STATEMENTS count them). */
  readonly onQuery?: (sql: string) => void
}

export function statementsOn(queryable: SqlQueryable, options: StatementOptions): Statements {
  // Prisma.Sql renders both placeholder styles: SQLite's ? and PostgreSQL's $1.
  const textOf = options.provider === 'postgres' ? (statement: Prisma.Sql) => statement.text : (statement: Prisma.Sql) => statement.sql
  const adapterQuery = (statement: Prisma.Sql): SqlQuery => {
    const sql = textOf(statement)
    options.onQuery?.(sql)
    return { sql, args: statement.values, argTypes: statement.values.map(argTypeOf) }
  }
  return {
    provider: options.provider,
    query: async <T>(statement: Prisma.Sql) => objectsOf<T>(await queryable.queryRaw(adapterQuery(statement))),
    execute: (statement) => queryable.executeRaw(adapterQuery(statement)),
  }
}

/**
 * Runs `work` in one transaction of the adapter: committed when it resolves,
 * rolled back when it throws (the error is then the work's). `first` runs
 * before the work, in the transaction (the wait limits behind a pooler).
 * The adapter's startTransaction sends the BEGIN (SQLite's writer waits for
 * its turn there); COMMIT and ROLLBACK are sent here, then the adapter is
 * told, as Prisma's transaction manager does.
 */
export async function inAdapterTransaction<T>(
  adapter: SqlDriverAdapter,
  options: StatementOptions & { first?: Prisma.Sql },
  work: (tx: Statements) => Promise<T>,
): Promise<T> {
  const transaction = await adapter.startTransaction()
  let result: T
  try {
    const tx = statementsOn(transaction, options)
    if (options.first) await tx.query(options.first)
    result = await work(tx)
  } catch (error) {
    await rollBack(transaction, options)
    throw error
  }
  options.onQuery?.('COMMIT')
  try {
    await transaction.executeRaw(bare('COMMIT'))
  } catch (error) {
    await transaction.rollback()
    throw error
  }
  await transaction.commit()
  return result
}

async function rollBack(transaction: Transaction, options: StatementOptions): Promise<void> {
  options.onQuery?.('ROLLBACK')
  try {
    await transaction.executeRaw(bare('ROLLBACK'))
  } catch {
    // The connection broke or the transaction was already over: the adapter still hands the connection back below.
  } finally {
    await transaction.rollback()
  }
}

/**
 * `column` is one of `values` (a non-empty list of text). PostgreSQL takes the
 * list as one array parameter, so that one statement text, prepared once per
 * connection, serves every length, and the server plans no list of a hundred
 * parameters per execution (bench/RESULTS.md); SQLite has no arrays: an IN list.
 */
export const isOneOf = (statements: Statements, column: Prisma.Sql, values: readonly string[]): Prisma.Sql =>
  statements.provider === 'postgres' ? Prisma.sql`${column} = ANY(${values}::text[])` : Prisma.sql`${column} IN (${Prisma.join(values)})`

const bare = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] })

/** The argument types Prisma gives its own raw queries: both adapters convert a Date for its column, and pass the rest as they are. */
function argTypeOf(value: unknown): ArgType {
  if (value instanceof Date) return { scalarType: 'datetime', arity: 'scalar' }
  if (typeof value === 'string') return { scalarType: 'string', arity: 'scalar' }
  if (typeof value === 'number') return { scalarType: 'decimal', arity: 'scalar' }
  return { scalarType: 'unknown', arity: 'scalar' }
}

function objectsOf<T>({ columnNames, rows }: SqlResultSet): T[] {
  const objects = new Array<T>(rows.length)
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!
    const object: Record<string, unknown> = {}
    for (let c = 0; c < columnNames.length; c++) object[columnNames[c]!] = row[c]
    objects[r] = object as T
  }
  return objects
}

// How values and errors cross between Prisma's query compiler and
// better-sqlite3. These rules reproduce @prisma/adapter-better-sqlite3 7.10.0
// (its conversion.ts and errors.ts), because Prisma's compiled queries and
// this gateway's error handling (db/errors.ts) were written against what that
// adapter returns: the same column types, the same row values, the same
// DriverAdapterError payloads. One deliberate difference: a BLOB in a column
// without a declared type (an expression such as x'00') is reported as Bytes,
// where the official adapter throws.
import { ColumnTypeEnum, DriverAdapterError, type ArgType, type ColumnType } from '@prisma/driver-adapter-utils'

/**
 * How DateTime arguments are written: ISO 8601 text (Prisma's default on
 * SQLite) or Unix milliseconds. Reading accepts both either way.
 */
export type TimestampFormat = 'iso8601' | 'unixepoch-ms'

// Declared column types, upper-cased, as SQLite's type affinity names them.
// A type missing here (or none: an expression) is inferred from the values.
const DECLARED_TYPES = new Map<string, ColumnType>([
  ['DECIMAL', ColumnTypeEnum.Numeric],
  ['FLOAT', ColumnTypeEnum.Float],
  ...(['DOUBLE', 'DOUBLE PRECISION', 'NUMERIC', 'REAL'] as const).map((name) => [name, ColumnTypeEnum.Double] as const),
  ...(['TINYINT', 'SMALLINT', 'MEDIUMINT', 'INT', 'INTEGER', 'SERIAL', 'INT2'] as const).map((name) => [name, ColumnTypeEnum.Int32] as const),
  ...(['BIGINT', 'UNSIGNED BIG INT', 'INT8'] as const).map((name) => [name, ColumnTypeEnum.Int64] as const),
  ['DATETIME', ColumnTypeEnum.DateTime],
  ['TIMESTAMP', ColumnTypeEnum.DateTime],
  ['TIME', ColumnTypeEnum.Time],
  ['DATE', ColumnTypeEnum.Date],
  ...(['TEXT', 'CLOB', 'CHARACTER', 'VARCHAR', 'VARYING CHARACTER', 'NCHAR', 'NATIVE CHARACTER', 'NVARCHAR'] as const).map(
    (name) => [name, ColumnTypeEnum.Text] as const,
  ),
  ['BLOB', ColumnTypeEnum.Bytes],
  ['BOOLEAN', ColumnTypeEnum.Boolean],
  ['JSONB', ColumnTypeEnum.Json],
])

/**
 * The Prisma column type of each result column: its declared type when
 * SQLite knows one, otherwise the type of its first non-null value (Int32
 * when every value is null).
 */
export function columnTypesOf(declaredTypes: ReadonlyArray<string | null>, rows: ReadonlyArray<ReadonlyArray<unknown>>): ColumnType[] {
  return declaredTypes.map((declared, column) => {
    const known = declared === null ? undefined : DECLARED_TYPES.get(declared.toUpperCase())
    if (known !== undefined) return known
    for (const row of rows) {
      const value = row[column]
      if (value !== null) return inferredColumnType(value)
    }
    return ColumnTypeEnum.Int32
  })
}

function inferredColumnType(value: unknown): ColumnType {
  switch (typeof value) {
    case 'string':
      return ColumnTypeEnum.Text
    case 'bigint':
      return ColumnTypeEnum.Int64
    case 'boolean':
      return ColumnTypeEnum.Boolean
    // A REAL with no declared type: Prisma decides from the field it fills.
    case 'number':
      return ColumnTypeEnum.UnknownNumber
    default:
      if (value instanceof Uint8Array || value instanceof ArrayBuffer) return ColumnTypeEnum.Bytes
      throw new TypeError(`unexpected value of type ${typeof value} in a SQLite result`)
  }
}

/**
 * A row as Prisma expects it. Integers arrive as BigInt (the connections read
 * with safe integers, so that no 64-bit value is rounded on the way): those
 * that fit a double become numbers, larger ones decimal text. A number in a
 * DateTime column is Unix milliseconds.
 */
export function resultRow(row: unknown[], columnTypes: readonly ColumnType[]): unknown[] {
  for (let i = 0; i < row.length; i++) {
    const value = row[i]
    const type = columnTypes[i]
    if (typeof value === 'number') {
      if ((type === ColumnTypeEnum.Int32 || type === ColumnTypeEnum.Int64) && !Number.isInteger(value)) row[i] = Math.trunc(value)
      else if (type === ColumnTypeEnum.DateTime) row[i] = new Date(value).toISOString()
    } else if (typeof value === 'bigint') {
      if (type === ColumnTypeEnum.DateTime) {
        row[i] = new Date(Number(value)).toISOString()
      } else {
        const asNumber = Number(value)
        row[i] = Number.isSafeInteger(asNumber) ? asNumber : value.toString()
      }
    }
  }
  return row
}

/** An argument of a Prisma query as better-sqlite3 binds it. */
export function sqliteArgument(arg: unknown, argType: ArgType, timestampFormat: TimestampFormat): unknown {
  if (arg === null) return null
  if (typeof arg === 'boolean') return arg ? 1 : 0
  if (typeof arg === 'string') {
    switch (argType.scalarType) {
      case 'int':
        return Number.parseInt(arg)
      // SQLite has no decimal type: a Decimal is stored as a double.
      case 'float':
      case 'decimal':
        return Number.parseFloat(arg)
      case 'bigint':
        return BigInt(arg)
      case 'datetime':
        return timestamp(new Date(arg), timestampFormat)
      case 'bytes':
        return Buffer.from(arg, 'base64')
      default:
        return arg
    }
  }
  if (arg instanceof Date) return timestamp(arg, timestampFormat)
  return arg
}

function timestamp(date: Date, format: TimestampFormat): string | number {
  switch (format) {
    case 'unixepoch-ms':
      return date.getTime()
    // Prisma's own SQLite format: an explicit offset rather than Z.
    case 'iso8601':
      return date.toISOString().replace('Z', '+00:00')
    default:
      throw new Error(`Unknown timestamp format: ${String(format)}`)
  }
}

// SQLite's primary result code for a lock it could not get within the busy
// timeout; extended codes (SQLITE_BUSY_SNAPSHOT…) keep it in their low byte.
const SQLITE_BUSY = 5
const UNKNOWN_CODE_PREFIX = 'UNKNOWN_SQLITE_ERROR_'

interface SqliteDriverError {
  code: string
  message: string
}

function isSqliteDriverError(error: unknown): error is SqliteDriverError {
  const candidate = error as Partial<SqliteDriverError> | null
  return typeof candidate?.code === 'string' && typeof candidate.message === 'string'
}

/**
 * The error Prisma should see for what better-sqlite3 threw: a SQLite error
 * (it has a code) becomes a DriverAdapterError, from which Prisma derives its
 * own error codes (P2002 for a unique violation…) and db/errors.ts reads the
 * original SQLite code; anything else (a bad argument) is returned as it is.
 */
export function adapterErrorOf(error: unknown): unknown {
  if (!isSqliteDriverError(error)) return error
  return new DriverAdapterError({ originalCode: error.code, originalMessage: error.message, ...mappedError(error) })
}

type MappedError = ConstructorParameters<typeof DriverAdapterError>[0]

function mappedError({ code, message }: SqliteDriverError): MappedError {
  switch (code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY': {
      // "UNIQUE constraint failed: Table.a, Table.b"
      const columns = constraintColumns(message)
      return {
        kind: 'UniqueConstraintViolation',
        constraint: columns && { fields: columns.map(lastPart) },
        table: columns?.[0]?.split('.').slice(0, -1).join('.') || undefined,
      }
    }
    case 'SQLITE_CONSTRAINT_NOTNULL': {
      const columns = constraintColumns(message)
      return { kind: 'NullConstraintViolation', constraint: columns && { fields: columns.map(lastPart) } }
    }
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
    case 'SQLITE_CONSTRAINT_TRIGGER':
      return { kind: 'ForeignKeyConstraintViolation', constraint: { foreignKey: {} } }
  }
  const extendedCode = code.startsWith(UNKNOWN_CODE_PREFIX) ? Number(code.slice(UNKNOWN_CODE_PREFIX.length)) : Number.NaN
  const knownExtendedCode = Number.isInteger(extendedCode) ? extendedCode : undefined
  // Prisma has no "busy" kind; the official adapter reports a lock wait that
  // ran out as a timeout, and db/errors.ts recognises it by its SQLite code.
  if (code.startsWith('SQLITE_BUSY') || (knownExtendedCode !== undefined && (knownExtendedCode & 0xff) === SQLITE_BUSY)) {
    return { kind: 'SocketTimeout' }
  }
  if (message.startsWith('no such table')) return { kind: 'TableDoesNotExist', table: message.split(': ')[1] }
  if (message.startsWith('no such column')) return { kind: 'ColumnNotFound', column: message.split(': ')[1] }
  if (message.includes('has no column named ')) return { kind: 'ColumnNotFound', column: message.split('has no column named ')[1] }
  // better-sqlite3 names the code but does not give its number: 1 is SQLITE_ERROR.
  return { kind: 'sqlite', extendedCode: knownExtendedCode ?? 1, message }
}

function constraintColumns(message: string): string[] | undefined {
  return message.split('constraint failed: ')[1]?.split(', ')
}

function lastPart(qualified: string): string {
  return qualified.split('.').pop()!
}

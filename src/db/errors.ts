// What a database error means to the gateway, read from a Prisma error and
// the driver error inside it (Prisma code, adapter kind, SQLSTATE or SQLite code).

/**
 * `conflict`: the transaction lost a race to a concurrent writer (a unique
 * key taken meanwhile, a serialization failure, a deadlock, a lock wait
 * past its limit, SQLite busy);
 * running it again decides again against the new state.
 * `unavailable`: the database cannot be reached right now.
 */
export type DatabaseFailure = 'conflict' | 'unavailable'

const CONFLICT_CODES = new Set([
  'P2002', // unique constraint: a concurrent transaction took the key first
  'P2034', // write conflict or deadlock
  'P2028', // the transaction could not start in time: a busy writer
  '40001', // PostgreSQL serialization_failure
  '40P01', // PostgreSQL deadlock_detected
  // A row lock held longer than lock_timeout (or a statement cut by
  // statement_timeout while it waited): the holder is slow or frozen, and the
  // transaction was rolled back whole, so running it again is safe.
  '55P03', // PostgreSQL lock_not_available
  '57014', // PostgreSQL query_canceled
])
const CONFLICT_KINDS = new Set(['UniqueConstraintViolation', 'TransactionWriteConflict'])

const UNAVAILABLE_CODES = new Set([
  ...['P1001', 'P1002', 'P1008', 'P1017', 'ECONNREFUSED', 'ECONNRESET', '57P01', '57P03'],
  // The server ended the session: idle in a transaction past its limit (a
  // frozen process), or the connection (or the pooler's) broke.
  ...['25P03', '08000', '08003', '08006', '08P01'],
])
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'TooManyConnections', 'SocketTimeout'])

interface ErrorLink {
  code?: unknown
  kind?: unknown
  originalCode?: unknown
  message?: unknown
  cause?: unknown
  meta?: { driverAdapterError?: unknown }
}

export function classifyDatabaseError(error: unknown): DatabaseFailure | undefined {
  // SQLite reports its lock timeout as SQLITE_BUSY, which the adapter calls a
  // socket timeout: Prisma then says P1008 (a timeout, at BEGIN or in a model
  // query) or P2010 (in a raw query) on top. The driver's code underneath
  // is the one that says what happened: another writer held the lock.
  const chain = chainOf(error)
  if (chain.some((link) => codesOf(link).some((code) => code.startsWith('SQLITE_BUSY')))) return 'conflict'
  for (const link of chain) {
    const codes = codesOf(link)
    if (codes.some((code) => CONFLICT_CODES.has(code))) return 'conflict'
    if (typeof link.kind === 'string' && CONFLICT_KINDS.has(link.kind)) return 'conflict'
    if (codes.some((code) => UNAVAILABLE_CODES.has(code))) return 'unavailable'
    if (typeof link.kind === 'string' && UNAVAILABLE_KINDS.has(link.kind)) return 'unavailable'
    if (typeof link.message === 'string' && /Can't reach database server|Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection error and is not queryable/.test(link.message)) {
      return 'unavailable'
    }
  }
  return undefined
}

function codesOf(link: ErrorLink): string[] {
  return [link.code, link.originalCode].filter((code): code is string => typeof code === 'string')
}

/** The error, then the driver error inside it, and so on down. */
function chainOf(error: unknown): ErrorLink[] {
  const links: ErrorLink[] = []
  for (let current: unknown = error; current && typeof current === 'object' && links.length < 6; ) {
    const link = current as ErrorLink
    links.push(link)
    current = link.meta?.driverAdapterError ?? link.cause
  }
  return links
}

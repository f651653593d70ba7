// The better-sqlite3 adapter runs everything on one connection, and an open
// interactive transaction there is just BEGIN on that connection: a query of
// another request arriving meanwhile runs inside the transaction and sees its
// uncommitted writes. This adapter gives one Prisma client two connections:
// transactions on the writer (one at a time, the adapter's own mutex), every
// query outside a transaction on a read-only connection, which in WAL mode
// reads the last commit. A write outside a transaction fails loudly there.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'

/** How long SQLite waits for another connection's lock before giving up with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000

export function readWriteSplitSqlite(url: string): SqlDriverAdapterFactory {
  const writerFactory = new PrismaBetterSqlite3({ url, timeout: BUSY_TIMEOUT_MS })
  const readerFactory = new PrismaBetterSqlite3({ url, timeout: BUSY_TIMEOUT_MS, readonly: true })
  return {
    provider: 'sqlite',
    adapterName: writerFactory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const writes = await writerFactory.connect()
      // WAL lets the reader read the last commit while a write is open.
      // synchronous=NORMAL in WAL mode loses nothing when the process dies
      // (SIGKILL included); only an operating-system crash can drop the newest commits.
      await writes.executeScript('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;')
      const reads = await readerFactory.connect()
      return {
        provider: 'sqlite',
        adapterName: writes.adapterName,
        queryRaw: (query) => reads.queryRaw(query),
        executeRaw: (query) => reads.executeRaw(query),
        executeScript: (script) => writes.executeScript(script),
        startTransaction: (isolationLevel) => writes.startTransaction(isolationLevel),
        getConnectionInfo: () => writes.getConnectionInfo?.() ?? { supportsRelationJoins: false },
        dispose: async () => {
          await reads.dispose()
          await writes.dispose()
        },
      }
    },
  }
}

// One gateway process per SQLite file: the file is only safe for one
// process's connections (a second writer would race it for the write lock and
// see SQLITE_BUSY on every contended write). The lock is an exclusive SQLite
// lock on a side file, held for the life of the process; the operating system
// drops it when the process dies, even on SIGKILL, so a crash never leaves a
// stale lock behind.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'

export class SqliteInUseError extends Error {}

export function lockSqliteFile(databasePath: string): () => void {
  const lockPath = `${databasePath}.gateway-lock`
  mkdirSync(dirname(lockPath), { recursive: true })
  const lock = new Database(lockPath, { timeout: 0 })
  try {
    lock.pragma('locking_mode = EXCLUSIVE')
    lock.exec('BEGIN EXCLUSIVE')
  } catch {
    lock.close()
    throw new SqliteInUseError(
      `another gateway process is already serving ${databasePath}; SQLite supports one gateway process per database file (use PostgreSQL for several)`,
    )
  }
  return () => lock.close()
}

// One gateway process per SQLite file: the file is only safe for one
// process's connections (a second writer would race it for the write lock and
// see SQLITE_BUSY on every contended write). The lock is an exclusive SQLite
// lock on a side file, held for the life of the process; the operating system
// drops it when the process dies, even on SIGKILL, so a crash never leaves a
// stale lock behind. The side file is named after the database file's real
// path, so that every spelling of one file (a symlink, `data/../data/dev.db`)
// meets the same lock.
import { closeSync, mkdirSync, openSync, realpathSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'

export class SqliteInUseError extends Error {}

export function lockSqliteFile(databasePath: string): () => void {
  mkdirSync(dirname(databasePath), { recursive: true })
  // A symlink may point at a file that does not exist yet: create it (an
  // empty file is an empty SQLite database), so that its real path exists.
  closeSync(openSync(databasePath, 'a'))
  const lock = new Database(`${realpathSync(databasePath)}.gateway-lock`, { timeout: 0 })
  try {
    lock.pragma('locking_mode = EXCLUSIVE')
    lock.exec('BEGIN EXCLUSIVE')
  } catch {
    lock.close()
    throw new SqliteInUseError(
      'another gateway process is already serving the SQLite file of DATABASE_URL; SQLite supports one gateway process per database file (use PostgreSQL for several)',
    )
  }
  return () => lock.close()
}

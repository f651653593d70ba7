// A consistent copy of a SQLite database while a gateway serves it. The
// database file alone is not one: committed writes may still be in its -wal
// file. SQLite's online backup copies the database as one read transaction
// sees it, WAL included; it only reads, so it works beside the gateway's
// lock (sqlite-lock.ts), which guards the file against a second writer.
import { renameSync, rmSync } from 'node:fs'
import Database from 'better-sqlite3'

/** Every page in one step: one read transaction, so one moment's database, however busy the writers. */
const ALL_PAGES = 0x7fffffff

export async function backupSqlite(databasePath: string, outPath: string): Promise<{ pages: number }> {
  const source = new Database(databasePath, { readonly: true, fileMustExist: true })
  // Written next to the destination and renamed: a backup cut short leaves no half file under the name asked for.
  const partial = `${outPath}.${process.pid}.partial`
  try {
    const { totalPages } = await source.backup(partial, { progress: () => ALL_PAGES })
    const copy = new Database(partial)
    try {
      const [check] = copy.pragma('quick_check') as { quick_check: string }[]
      if (check?.quick_check !== 'ok') throw new Error(`the copy failed SQLite's quick_check: ${check?.quick_check}`)
    } finally {
      copy.close()
    }
    renameSync(partial, outPath)
    return { pages: totalPages }
  } finally {
    source.close()
    rmSync(partial, { force: true })
  }
}

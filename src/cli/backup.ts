// npm run db:backup -- --out <file> — a consistent copy of the SQLite database
// of DATABASE_URL, also while the gateway runs. PostgreSQL has its own tools.
import { ConfigError, loadConfig } from '../config.ts'
import { backupSqlite } from '../db/sqlite-backup.ts'
import { fail, options } from './arguments.ts'

const usage = 'npm run db:backup -- --out <file>'
const args = options(usage, { out: { type: 'string' } })

try {
  const config = loadConfig()
  if (config.database.provider === 'postgres') {
    fail('DATABASE_URL is PostgreSQL: back it up with pg_dump -Fc (restore with pg_restore --no-owner); see docs/upgrades.md')
  }
  if (!args.out) fail(`--out is required\nusage: ${usage}`)
  const { pages } = await backupSqlite(config.database.url.slice('file:'.length), args.out)
  process.stdout.write(`backed up ${pages} pages to ${args.out}\n`)
} catch (error) {
  if (error instanceof ConfigError) fail(error.message)
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_')) fail(`the backup failed: ${error.message}`)
  throw error
}

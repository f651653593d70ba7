// npm run db:migrate — applies pending migrations to DATABASE_URL (idempotent).
import { ConfigError, loadConfig } from '../config.ts'
import { openDatabase } from '../db/client.ts'
import { migrate, MigrationError } from '../db/migrate.ts'
import { fail } from './arguments.ts'

try {
  const config = loadConfig()
  const db = await openDatabase({ url: config.database.url })
  try {
    const applied = await migrate(db)
    process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'the database is up to date\n')
  } finally {
    await db.close()
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof MigrationError) fail(error.message)
  throw error
}

// npm run db:migrate — applies pending migrations to DIRECT_DATABASE_URL, else DATABASE_URL (idempotent).
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/client.ts'
import { migrate } from '../db/migrate.ts'
import { runCommand } from './arguments.ts'

await runCommand('db:migrate', async () => {
  const config = loadConfig()
  const db = await openDatabase({ url: config.database.migrationUrl })
  try {
    const applied = await migrate(db)
    process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'the database is up to date\n')
  } finally {
    await db.close()
  }
})

// npm run db:seed -- --file <users.json> — upserts tenants and users (CONTRACT §8) into DATABASE_URL.
import { ConfigError, loadConfig } from '../config.ts'
import { openDatabase } from '../db/client.ts'
import { migrate, MigrationError } from '../db/migrate.ts'
import { readSeedFile, seed } from '../db/seed.ts'
import { fail, options } from './arguments.ts'

const args = options('npm run db:seed -- --file <users.json>', { file: { type: 'string' } })
if (!args.file) fail('--file is required\nusage: npm run db:seed -- --file <users.json>')

try {
  const config = loadConfig()
  const file = readSeedFile(args.file)
  const db = await openDatabase({ url: config.database.url })
  try {
    await migrate(db)
    const users = await seed(db, file)
    process.stdout.write(`seeded ${file.tenants.length} tenant(s), ${users} user(s)\n`)
  } finally {
    await db.close()
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof MigrationError) fail(error.message)
  if (error instanceof Error && error.message.startsWith(args.file)) fail(error.message)
  throw error
}

// npm run db:seed -- --file <users.json> — upserts tenants and users (the seed file format of README.md) into DATABASE_URL,
// after applying pending migrations (over DIRECT_DATABASE_URL when set).
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/client.ts'
import { migrate } from '../db/migrate.ts'
import { readSeedFile, seed } from '../db/seed.ts'
import { fail, options, runCommand } from './arguments.ts'

const args = options('npm run db:seed -- --file <users.json>', { file: { type: 'string' } })
if (!args.file) fail('--file is required\nusage: npm run db:seed -- --file <users.json>')

await runCommand('db:seed', async () => {
  const config = loadConfig()
  const file = readSeedFile(args.file!)
  const migrations = await openDatabase({ url: config.database.migrationUrl })
  try {
    await migrate(migrations)
  } finally {
    await migrations.close()
  }
  const db = await openDatabase({ url: config.database.url })
  try {
    const users = await seed(db, file)
    process.stdout.write(`seeded ${file.tenants.length} tenant(s), ${users} user(s)\n`)
  } finally {
    await db.close()
  }
})

// Migrations whose work SQL cannot do: a value that only the application's
// code computes, for rows an earlier release wrote. A step is registered
// under its migration's name; src/db/migrate.ts runs it after the
// migration's SQL, in the same transaction that records the migration, so it
// runs once, and either wholly or not at all. Steps read and write in
// bounded batches (memory stays flat on a large table) and call
// `stillInTime` between batches, so that a start-time limit can stop them.
import type { DatabaseProvider } from '../config.ts'
import { Prisma, type PrismaTx } from './client.ts'
import { displayNameKey, userPrincipalNameKey } from './user-store.ts'

export interface StepContext {
  readonly tx: PrismaTx
  readonly provider: DatabaseProvider
  /** Throws once the time the caller allowed has passed. */
  stillInTime(): void
}

export type MigrationStep = (context: StepContext) => Promise<void>

export const migrationSteps: Readonly<Record<string, MigrationStep>> = {
  '20261207110000_search_keys_folded': refoldUserKeys,
}

const USERS_PER_BATCH = 1000

interface UserNames {
  tenantId: string
  id: string
  userPrincipalName: string
  userPrincipalNameKey: string
  displayName: string | null
  displayNameKey: string | null
}

/** Recomputes every user's lookup and search keys with the code that writes them for new users. */
async function refoldUserKeys({ tx, provider, stillInTime }: StepContext): Promise<void> {
  let after: { tenantId: string; id: string } | undefined
  for (;;) {
    stillInTime()
    const batch = await tx.$queryRaw<UserNames[]>`
      SELECT "tenantId", "id", "userPrincipalName", "userPrincipalNameKey", "displayName", "displayNameKey" FROM "User"
      WHERE ${after ? Prisma.sql`("tenantId", "id") > (${after.tenantId}, ${after.id})` : Prisma.sql`1 = 1`}
      ORDER BY "tenantId", "id" LIMIT ${USERS_PER_BATCH}`
    const changed = batch.flatMap((user) => {
      const upn = userPrincipalNameKey(user.userPrincipalName)
      const name = displayNameKey(user.displayName)
      return upn === user.userPrincipalNameKey && name === user.displayNameKey ? [] : [{ tenantId: user.tenantId, id: user.id, upn, name }]
    })
    if (changed.length > 0) await tx.$executeRaw(rewriteKeys(provider, JSON.stringify(changed)))
    if (batch.length < USERS_PER_BATCH) return
    const last = batch[batch.length - 1]!
    after = { tenantId: last.tenantId, id: last.id }
  }
}

/** One statement for a batch's new keys (a JSON array of { tenantId, id, upn, name }): a statement per user costs a round trip each. */
function rewriteKeys(provider: DatabaseProvider, keys: string): Prisma.Sql {
  return provider === 'postgres'
    ? Prisma.sql`
      UPDATE "User" AS u SET "userPrincipalNameKey" = v."upn", "displayNameKey" = v."name"
      FROM jsonb_to_recordset(CAST(${keys} AS jsonb)) AS v("tenantId" text, "id" text, "upn" text, "name" text)
      WHERE u."tenantId" = v."tenantId" AND u."id" = v."id"`
    : Prisma.sql`
      UPDATE "User" SET "userPrincipalNameKey" = v."upn", "displayNameKey" = v."name"
      FROM (
        SELECT json_extract(value, '$.tenantId') AS "tenantId", json_extract(value, '$.id') AS "id",
          json_extract(value, '$.upn') AS "upn", json_extract(value, '$.name') AS "name"
        FROM json_each(${keys})
      ) AS v
      WHERE "User"."tenantId" = v."tenantId" AND "User"."id" = v."id"`
}

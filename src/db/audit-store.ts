// Audit events as rows: the insert each audited write makes in its own
// transaction, the keyset pages read by auditEvents, and the retention purge.
// Raw statements: the insert takes the initiator's userPrincipalName from the
// directory in the same statement, and a page's keyset is a row comparison
// that both databases answer with one index range scan.
import { firstEventIdAt, type AuditCursor, type AuditEvent, type AuditEventFilter, type NewAuditEvent } from '../domain/audit.ts'
import { asEnum, Prisma, type Database, type Tx } from './client.ts'

type Provider = Database['provider']

const COLUMNS = Prisma.raw(
  [
    'id',
    'tenantId',
    'activityDateTime',
    'activityDisplayName',
    'category',
    'result',
    'resultReason',
    'initiatedByUserId',
    'initiatedByUserPrincipalName',
    'initiatedByAppId',
    'targetUserId',
    'targetUserPrincipalName',
    'methodId',
    'phoneType',
    'oldPhoneNumber',
    'newPhoneNumber',
    'requestId',
    'correlationId',
  ]
    .map((column) => `"${column}"`)
    .join(', '),
)

interface AuditRow extends Omit<AuditEvent, 'activityDateTime'> {
  activityDateTime: Date | string | number
}

const eventOf = (row: AuditRow): AuditEvent => ({ ...row, activityDateTime: new Date(row.activityDateTime) })

/**
 * Inserts the event and answers it as stored. Only the initiator's
 * userPrincipalName, which the statement reads, comes back from the database:
 * returning every column cost each audited write the conversion of 18 values
 * for nothing (bench/RESULTS.md, issue 26).
 */
export async function insertAuditEvent(tx: Tx, provider: Provider, event: NewAuditEvent): Promise<AuditEvent> {
  const [row] = await tx.query<Pick<AuditEvent, 'initiatedByUserPrincipalName'>>(Prisma.sql`
    INSERT INTO "AuditEvent" (${COLUMNS}) VALUES (
      ${event.id}, ${event.tenantId}, ${event.activityDateTime}, ${event.activityDisplayName}, ${event.category},
      ${asEnum(provider, event.result, 'AuditResult')}, ${event.resultReason}, ${event.initiatedByUserId},
      (SELECT "userPrincipalName" FROM "User" WHERE "tenantId" = ${event.tenantId} AND "id" = ${event.initiatedByUserId}),
      ${event.initiatedByAppId}, ${event.targetUserId}, ${event.targetUserPrincipalName}, ${event.methodId},
      ${asEnum(provider, event.phoneType, 'PhoneType')}, ${event.oldPhoneNumber}, ${event.newPhoneNumber}, ${event.requestId},
      ${event.correlationId}
    ) RETURNING "initiatedByUserPrincipalName"`)
  return { ...event, initiatedByUserPrincipalName: row!.initiatedByUserPrincipalName }
}

export interface AuditPageQuery {
  readonly tenantId: string
  readonly filter: AuditEventFilter
  readonly after: AuditCursor | null
  /** How many events to read (a page plus one, to learn whether more follow). */
  readonly limit: number
}

/** The tenant's events matching the filter, newest first by (activityDateTime, id), after the cursor. */
export async function readAuditEvents(db: Database, query: AuditPageQuery): Promise<AuditEvent[]> {
  const { filter, after } = query
  const conditions = [
    Prisma.sql`"tenantId" = ${query.tenantId}`,
    filter.targetUserId !== undefined && Prisma.sql`"targetUserId" = ${filter.targetUserId}`,
    filter.initiatedByUserId !== undefined && Prisma.sql`"initiatedByUserId" = ${filter.initiatedByUserId}`,
    filter.activityDisplayName !== undefined && Prisma.sql`"activityDisplayName" = ${filter.activityDisplayName}`,
    filter.result !== undefined && Prisma.sql`"result" = ${asEnum(db.provider, filter.result, 'AuditResult')}`,
    filter.from !== undefined && Prisma.sql`"activityDateTime" >= ${filter.from}`,
    filter.to !== undefined && Prisma.sql`"activityDateTime" < ${filter.to}`,
    after !== null && Prisma.sql`("activityDateTime", "id") < (${after.activityDateTime}, ${after.id})`,
  ].filter((condition): condition is Prisma.Sql => condition !== false)
  const rows = await db.statements.query<AuditRow>(Prisma.sql`
    SELECT ${COLUMNS} FROM "AuditEvent"
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY "activityDateTime" DESC, "id" DESC
    LIMIT ${query.limit}`)
  return rows.map(eventOf)
}

/** The advisory lock key of the purge (PostgreSQL): one purging process at a time per database. */
export const PURGE_LOCK = 0x61756469 // "audi"

/**
 * Deletes up to `batchSize` events older than the cutoff, in one short
 * transaction; undefined when another process is purging right now. The lock
 * is transaction-scoped, so it also holds through a transaction pooler.
 */
export function purgeAuditBatchBefore(db: Database, cutoff: Date, batchSize: number): Promise<number | undefined> {
  return db.transaction(async (tx) => {
    if (db.provider === 'postgres') {
      const [lock] = await tx.query<{ held: boolean }>(Prisma.sql`SELECT pg_try_advisory_xact_lock(${PURGE_LOCK}) AS held`)
      if (!lock?.held) return undefined
    }
    // By the primary key: an event happened before the cutoff exactly when its
    // UUIDv7 id sorts below the cutoff's first id (no index on activityDateTime).
    return tx.execute(Prisma.sql`
      DELETE FROM "AuditEvent" WHERE "id" IN (
        SELECT "id" FROM "AuditEvent" WHERE "id" < ${firstEventIdAt(cutoff)} LIMIT ${batchSize})`)
  })
}

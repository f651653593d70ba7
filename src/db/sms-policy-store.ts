// The SMS policy as rows: one SmsPolicy and its ordered SmsPolicyTarget rows.
import { DEFAULT_SMS_POLICY, type SmsPolicy } from '../domain/sms-policy.ts'
import type { DatabaseProvider } from '../config.ts'
import { asEnum, Prisma, type Statements, type Tx } from './client.ts'

export interface PolicyRow {
  state: SmsPolicy['state']
  list: 'include' | 'exclude' | null
  targetId: string | null
  targetType: 'user' | 'group' | null
  /** A boolean on PostgreSQL, 0 or 1 on SQLite. */
  isUsableForSignIn: boolean | number | bigint | null
}

/**
 * The policy and its targets, one row per target (one row of NULL targets
 * when it has none), to be ordered by "position". One statement where
 * Prisma's include would take two: every phone read needs the policy.
 */
export const smsPolicyRows = (tenantId: string) => Prisma.sql`
  SELECT p."state", t."list", t."targetId", t."targetType", t."isUsableForSignIn", t."position"
  FROM "SmsPolicy" p LEFT JOIN "SmsPolicyTarget" t ON t."tenantId" = p."tenantId"
  WHERE p."tenantId" = ${tenantId}`

/** A tenant without a policy row has never changed it: it is on the default. */
export function smsPolicyOf(rows: readonly PolicyRow[]): SmsPolicy {
  if (rows.length === 0) return DEFAULT_SMS_POLICY
  const targets = rows.filter((row) => row.targetId !== null && row.targetType !== null)
  return {
    state: rows[0]!.state,
    includeTargets: targets
      .filter((row) => row.list === 'include')
      .map((row) => ({ id: row.targetId!, targetType: row.targetType!, isUsableForSignIn: Boolean(row.isUsableForSignIn) })),
    excludeTargets: targets.filter((row) => row.list === 'exclude').map((row) => ({ id: row.targetId!, targetType: row.targetType! })),
  }
}

export async function readSmsPolicy(statements: Statements, tenantId: string): Promise<SmsPolicy> {
  return smsPolicyOf(await statements.query<PolicyRow>(Prisma.sql`${smsPolicyRows(tenantId)} ORDER BY t."position"`))
}

/**
 * Replaces the tenant's stored policy with this one. A verified token's
 * tenant exists at its identity provider even when no user of it was seeded
 * here yet: its first policy change records the tenant.
 */
export async function writeSmsPolicy(tx: Tx, provider: DatabaseProvider, tenantId: string, policy: SmsPolicy): Promise<void> {
  await tx.execute(Prisma.sql`INSERT INTO "Tenant" ("id") VALUES (${tenantId}) ON CONFLICT DO NOTHING`)
  const state = asEnum(provider, policy.state, 'AuthenticationMethodState')
  await tx.execute(Prisma.sql`
    INSERT INTO "SmsPolicy" ("tenantId", "state") VALUES (${tenantId}, ${state})
    ON CONFLICT ("tenantId") DO UPDATE SET "state" = ${state}`)
  await tx.execute(Prisma.sql`DELETE FROM "SmsPolicyTarget" WHERE "tenantId" = ${tenantId}`)
  const targets = [
    ...policy.includeTargets.map((target, position) => ({ list: 'include', ...target, position })),
    ...policy.excludeTargets.map((target, position) => ({ list: 'exclude', ...target, isUsableForSignIn: false, position })),
  ]
  if (targets.length === 0) return
  const rows = targets.map(
    (target) =>
      Prisma.sql`(${tenantId}, ${asEnum(provider, target.list, 'SmsPolicyTargetList')}, ${target.id},
        ${asEnum(provider, target.targetType, 'AuthenticationMethodTargetType')}, ${target.isUsableForSignIn}, ${target.position})`,
  )
  await tx.execute(Prisma.sql`
    INSERT INTO "SmsPolicyTarget" ("tenantId", "list", "targetId", "targetType", "isUsableForSignIn", "position")
    VALUES ${Prisma.join(rows)}`)
}

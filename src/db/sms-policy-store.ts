// The SMS policy as rows: one SmsPolicy and its ordered SmsPolicyTarget rows.
import { DEFAULT_SMS_POLICY, type SmsPolicy } from '../domain/sms-policy.ts'
import type { Db, Prisma, Tx } from './client.ts'

export const smsPolicySelect = {
  state: true,
  targets: {
    select: { list: true, targetId: true, targetType: true, isUsableForSignIn: true },
    orderBy: { position: 'asc' },
  },
} as const satisfies Prisma.SmsPolicySelect

type SmsPolicyRow = Prisma.SmsPolicyGetPayload<{ select: typeof smsPolicySelect }>

/** A tenant without a policy row has never changed it: it is on the default. */
export function smsPolicyOf(row: SmsPolicyRow | null): SmsPolicy {
  if (!row) return DEFAULT_SMS_POLICY
  return {
    state: row.state,
    includeTargets: row.targets
      .filter((target) => target.list === 'include')
      .map(({ targetId, targetType, isUsableForSignIn }) => ({ id: targetId, targetType, isUsableForSignIn })),
    excludeTargets: row.targets
      .filter((target) => target.list === 'exclude')
      .map(({ targetId, targetType }) => ({ id: targetId, targetType })),
  }
}

export async function readSmsPolicy(client: Db | Tx, tenantId: string): Promise<SmsPolicy> {
  return smsPolicyOf(await client.smsPolicy.findUnique({ where: { tenantId }, select: smsPolicySelect }))
}

/** Replaces the tenant's stored policy with this one. */
export async function writeSmsPolicy(tx: Tx, tenantId: string, policy: SmsPolicy): Promise<void> {
  await tx.smsPolicy.upsert({
    where: { tenantId },
    create: { tenantId, state: policy.state },
    update: { state: policy.state },
  })
  await tx.smsPolicyTarget.deleteMany({ where: { tenantId } })
  const include = policy.includeTargets.map((target, position) => ({
    tenantId,
    list: 'include' as const,
    targetId: target.id,
    targetType: target.targetType,
    isUsableForSignIn: target.isUsableForSignIn,
    position,
  }))
  const exclude = policy.excludeTargets.map((target, position) => ({
    tenantId,
    list: 'exclude' as const,
    targetId: target.id,
    targetType: target.targetType,
    position,
  }))
  await tx.smsPolicyTarget.createMany({ data: [...include, ...exclude] })
}

// Reading, changing and resetting the tenant's SMS authentication method policy.
import { existingGroupIds } from '../db/group-store.ts'
import { readSmsPolicy, writeSmsPolicy } from '../db/sms-policy-store.ts'
import { GatewayError } from '../domain/errors.ts'
import { isStorable } from '../domain/text.ts'
import {
  applyChange,
  DEFAULT_SMS_POLICY,
  groupIdsNamedBy,
  userIdsNamedBy,
  type SmsPolicy,
  type SmsPolicyChange,
} from '../domain/sms-policy.ts'
import type { Tx } from '../db/client.ts'
import { authorizeTenant } from './access.ts'
import type { RequestContext } from './context.ts'
import { inWriteTransaction } from './write-transaction.ts'

export async function smsPolicyOf(ctx: RequestContext): Promise<SmsPolicy> {
  authorizeTenant(ctx.principal, 'readSmsPolicy')
  return ctx.loaders.smsPolicy()
}

/** A PATCH: omitted fields keep their value. Every user and group target must be one of the tenant. */
export function changeSmsPolicy(ctx: RequestContext, change: SmsPolicyChange): Promise<SmsPolicy> {
  authorizeTenant(ctx.principal, 'changeSmsPolicy')
  return replaceSmsPolicy(ctx, async (tx) => {
    const policy = applyChange(await readSmsPolicy(tx, ctx.principal.tenantId), change)
    await assertTargetsExist(tx, ctx.principal.tenantId, policy)
    return policy
  })
}

/** Graph's DELETE on the configuration: back to the policy every tenant starts with. */
export function resetSmsPolicy(ctx: RequestContext): Promise<SmsPolicy> {
  authorizeTenant(ctx.principal, 'changeSmsPolicy')
  return replaceSmsPolicy(ctx, async () => DEFAULT_SMS_POLICY)
}

function replaceSmsPolicy(ctx: RequestContext, decide: (tx: Tx) => Promise<SmsPolicy>): Promise<SmsPolicy> {
  const { tenantId } = ctx.principal
  return inWriteTransaction(
    ctx.db,
    async (tx) => {
      const policy = await decide(tx)
      await writeSmsPolicy(tx, tenantId, policy)
      return policy
    },
    ctx.writes,
  ).finally(() => ctx.loaders.forgetSmsPolicy())
}

async function assertTargetsExist(tx: Tx, tenantId: string, policy: SmsPolicy): Promise<void> {
  const userIds = userIdsNamedBy(policy)
  const knownUsers = await tx.user.findMany({ where: { tenantId, id: { in: userIds.filter(isStorable) } }, select: { id: true } })
  const unknownUsers = userIds.filter((id) => !knownUsers.some((user) => user.id === id))
  if (unknownUsers.length > 0) {
    throw new GatewayError('BAD_USER_INPUT', `user targets must be users of this tenant; unknown: ${unknownUsers.join(', ')}`)
  }
  const groupIds = groupIdsNamedBy(policy)
  const knownGroups = groupIds.length > 0 ? await existingGroupIds(tx, tenantId, groupIds.filter(isStorable)) : new Set<string>()
  const unknownGroups = groupIds.filter((id) => !knownGroups.has(id))
  if (unknownGroups.length > 0) {
    throw new GatewayError('BAD_USER_INPUT', `group targets must be all_users or groups of this tenant; unknown: ${unknownGroups.join(', ')}`)
  }
}

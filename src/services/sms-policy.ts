// Reading, changing and resetting the tenant's SMS authentication method policy.
import { existingGroupIds } from '../db/group-store.ts'
import { readSmsPolicy, writeSmsPolicy } from '../db/sms-policy-store.ts'
import { existingUserIds } from '../db/user-store.ts'
import { invalidInput } from '../domain/errors.ts'
import { isStorable } from '../domain/text.ts'
import {
  ALL_USERS,
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
  return replaceSmsPolicy(ctx, 'changeSmsPolicy', async (tx) => {
    const policy = applyChange(await readSmsPolicy(tx, ctx.principal.tenantId), change)
    await assertTargetsExist(tx, ctx.principal.tenantId, policy)
    return policy
  })
}

/** Graph's DELETE on the configuration: back to the policy every tenant starts with. */
export function resetSmsPolicy(ctx: RequestContext): Promise<SmsPolicy> {
  return replaceSmsPolicy(ctx, 'resetSmsPolicy', async () => DEFAULT_SMS_POLICY)
}

/** Authorized inside the audited transaction, so that a refusal is recorded too. */
function replaceSmsPolicy(
  ctx: RequestContext,
  change: 'changeSmsPolicy' | 'resetSmsPolicy',
  decide: (tx: Tx) => Promise<SmsPolicy>,
): Promise<SmsPolicy> {
  const { tenantId } = ctx.principal
  return inWriteTransaction(
    ctx,
    { change },
    async (tx) => {
      authorizeTenant(ctx.principal, 'changeSmsPolicy')
      const policy = await decide(tx)
      await writeSmsPolicy(tx, ctx.db.provider, tenantId, policy)
      return policy
    },
  ).finally(() => ctx.loaders.forgetSmsPolicy())
}

/** Every target must exist: the first that does not is named by its path in the input. */
async function assertTargetsExist(tx: Tx, tenantId: string, policy: SmsPolicy): Promise<void> {
  const userIds = userIdsNamedBy(policy).filter(isStorable)
  const groupIds = groupIdsNamedBy(policy).filter(isStorable)
  const knownUsers = await existingUserIds(tx, tenantId, userIds)
  const knownGroups = groupIds.length > 0 ? await existingGroupIds(tx, tenantId, groupIds) : new Set<string>()
  const exists = (target: { id: string; targetType: string }) =>
    target.targetType === 'user' ? knownUsers.has(target.id) : target.id === ALL_USERS || knownGroups.has(target.id)
  for (const list of ['includeTargets', 'excludeTargets'] as const) {
    const index = policy[list].findIndex((target) => !exists(target))
    if (index === -1) continue
    const { id, targetType } = policy[list][index]!
    throw invalidInput(
      `input.${list}.${index}.id`,
      targetType === 'user'
        ? `user targets must be users of this tenant; unknown: ${id}`
        : `group targets must be ${ALL_USERS} or groups of this tenant; unknown: ${id}`,
    )
  }
}

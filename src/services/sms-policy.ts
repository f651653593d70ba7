// Reading and changing the tenant's SMS authentication method policy.
import { readSmsPolicy, writeSmsPolicy } from '../db/sms-policy-store.ts'
import { GatewayError } from '../domain/errors.ts'
import { isStorable } from '../domain/text.ts'
import { applyChange, type SmsPolicy, type SmsPolicyChange } from '../domain/sms-policy.ts'
import { authorizeTenant } from './access.ts'
import type { RequestContext } from './context.ts'
import { inWriteTransaction } from './write-transaction.ts'

export async function smsPolicyOf(ctx: RequestContext): Promise<SmsPolicy> {
  authorizeTenant(ctx.principal, 'readSmsPolicy')
  return ctx.loaders.smsPolicy()
}

/** A PATCH: omitted fields keep their value. Every user target must be a user of the tenant. */
export function changeSmsPolicy(ctx: RequestContext, change: SmsPolicyChange): Promise<SmsPolicy> {
  const { tenantId } = ctx.principal
  return inWriteTransaction(
    ctx,
    { change: 'changeSmsPolicy' },
    async (tx) => {
      authorizeTenant(ctx.principal, 'changeSmsPolicy')
      const policy = applyChange(await readSmsPolicy(tx, tenantId), change)
      const userIds = [...policy.includeTargets, ...policy.excludeTargets]
        .filter((target) => target.targetType === 'user')
        .map((target) => target.id)
      const known = await tx.user.findMany({ where: { tenantId, id: { in: userIds.filter(isStorable) } }, select: { id: true } })
      const unknown = userIds.filter((id) => !known.some((user) => user.id === id))
      if (unknown.length > 0) {
        throw new GatewayError('BAD_USER_INPUT', `user targets must be users of this tenant; unknown: ${unknown.join(', ')}`)
      }
      await writeSmsPolicy(tx, tenantId, policy)
      return policy
    },
  ).finally(() => ctx.loaders.forgetSmsPolicy())
}

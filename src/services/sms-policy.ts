// Reading and changing the tenant's SMS authentication method policy.
import { readSmsPolicy, writeSmsPolicy } from '../db/sms-policy-store.ts'
import { invalidInput } from '../domain/errors.ts'
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
  authorizeTenant(ctx.principal, 'changeSmsPolicy')
  const { tenantId } = ctx.principal
  return inWriteTransaction(
    ctx.db,
    async (tx) => {
      const policy = applyChange(await readSmsPolicy(tx, tenantId), change)
      const userTargets = (['includeTargets', 'excludeTargets'] as const).flatMap((list) =>
        policy[list].flatMap((target, index) => (target.targetType === 'user' ? [{ id: target.id, field: `input.${list}.${index}.id` }] : [])),
      )
      const ids = userTargets.map((target) => target.id).filter(isStorable)
      const known = await tx.user.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true } })
      const unknown = userTargets.filter((target) => !known.some((user) => user.id === target.id))
      if (unknown.length > 0) {
        throw invalidInput(unknown[0]!.field, `user targets must be users of this tenant; unknown: ${unknown.map((target) => target.id).join(', ')}`)
      }
      await writeSmsPolicy(tx, tenantId, policy)
      return policy
    },
    ctx.writes,
  ).finally(() => ctx.loaders.forgetSmsPolicy())
}

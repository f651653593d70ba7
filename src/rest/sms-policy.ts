// The SMS policy at Graph's path: GET, PATCH and DELETE (back to the default), on the services GraphQL uses.
import { z } from 'zod'
import { GatewayError } from '../domain/errors.ts'
import { SMS_POLICY_ID } from '../domain/sms-policy.ts'
import { smsExcludeTargetsInput, smsIncludeTargetsInput } from '../inputs.ts'
import { changeSmsPolicy, resetSmsPolicy, smsPolicyOf } from '../services/sms-policy.ts'
import { jsonResponse, noContent, type RestHandler } from './call.ts'
import { SMS_POLICY_SHAPE, smsPolicyJson } from './graph-json.ts'
import { selectedProperties } from './query-options.ts'
import { assertSameAs, isJsonObject, parsedWith, propertiesOf, type JsonObject, type PropertyRules } from './request-body.ts'

const policyBody = z.object({
  id: z.string().optional(),
  state: z.enum(['enabled', 'disabled'], { message: 'must be enabled or disabled' }).optional(),
  includeTargets: smsIncludeTargetsInput,
  excludeTargets: smsExcludeTargetsInput,
})

const POLICY: PropertyRules = {
  resource: 'the smsAuthenticationMethodConfiguration',
  writable: ['state', 'includeTargets', 'excludeTargets'],
  echoed: ['id'],
}
const INCLUDE_TARGET: PropertyRules = { resource: 'an include target', writable: ['id', 'targetType', 'isUsableForSignIn', 'isRegistrationRequired'] }
const EXCLUDE_TARGET: PropertyRules = { resource: 'an exclude target', writable: ['id', 'targetType'] }

/** Each target's own properties, checked as the body's are; anything not an object is left to the zod schema. */
function targetsOf(list: unknown, name: string, rules: PropertyRules): unknown {
  if (!Array.isArray(list)) return list
  return list.map((target, index) => {
    if (!isJsonObject(target)) return target
    const at = `${name}.${index}.`
    const { isRegistrationRequired, ...properties } = propertiesOf(target, rules, at)
    // Graph documents registration enforcement as not supported: false is all there is.
    if (isRegistrationRequired !== undefined && isRegistrationRequired !== false) {
      throw new GatewayError('BAD_USER_INPUT', `${at}isRegistrationRequired: is not supported; send false or omit it`)
    }
    return properties
  })
}

export const getSmsPolicy: RestHandler = async (call) => {
  const selected = selectedProperties(call.select, SMS_POLICY_SHAPE)
  return jsonResponse(smsPolicyJson(call.root, await smsPolicyOf(call.ctx), selected))
}

export const updateSmsPolicy: RestHandler = async (call) => {
  const body: JsonObject = propertiesOf(call.body, POLICY)
  const input = parsedWith(policyBody, {
    ...body,
    includeTargets: targetsOf(body.includeTargets, 'includeTargets', INCLUDE_TARGET),
    excludeTargets: targetsOf(body.excludeTargets, 'excludeTargets', EXCLUDE_TARGET),
  })
  // Graph's own answers say `Sms`; its URL and tools say `sms` or `SMS`.
  assertSameAs('id', input.id, SMS_POLICY_ID, true)
  await changeSmsPolicy(call.ctx, {
    state: input.state,
    includeTargets: input.includeTargets ?? undefined,
    excludeTargets: input.excludeTargets ?? undefined,
  })
  return noContent()
}

export const resetSmsPolicyRoute: RestHandler = async (call) => {
  propertiesOf(call.body, { ...POLICY, takesNone: 'DELETE' })
  await resetSmsPolicy(call.ctx)
  return noContent()
}

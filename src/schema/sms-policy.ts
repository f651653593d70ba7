import { SMS_POLICY_ID, type SmsExcludeTarget, type SmsIncludeTarget, type SmsPolicy } from '../domain/sms-policy.ts'
import { smsExcludeTargetsInput, smsIncludeTargetsInput } from '../inputs.ts'
import { changeSmsPolicy, resetSmsPolicy, smsPolicyOf } from '../services/sms-policy.ts'
import { builder } from './builder.ts'
import { priced } from './prices.ts'

/** Targets are read with the policy, in one statement: a list is priced as if it held this many. */
const ASSUMED_TARGETS = 20

const AuthenticationMethodState = builder.enumType('AuthenticationMethodState', {
  description: 'Whether an authentication method policy is on.',
  values: {
    enabled: { description: 'The method can be used by the users the policy includes.' },
    disabled: { description: 'Nobody can use the method.' },
  },
})

const AuthenticationMethodTargetType = builder.enumType('AuthenticationMethodTargetType', {
  description: 'What a policy target names.',
  values: {
    user: { description: 'One user, by id.' },
    group: { description: 'A group of the tenant (its direct members), or all_users: every user of the tenant.' },
  },
})

const targetIdDescription = 'A user id of the tenant; for a group target, a group id of the tenant or all_users.'

const SmsAuthenticationMethodTarget = builder.objectRef<SmsIncludeTarget>('SmsAuthenticationMethodTarget').implement({
  description: 'Users the SMS policy includes.',
  fields: (t) => ({
    id: t.exposeString('id', { description: targetIdDescription }),
    targetType: t.field({ type: AuthenticationMethodTargetType, description: 'What id names.', resolve: (target) => target.targetType }),
    isUsableForSignIn: t.exposeBoolean('isUsableForSignIn', {
      description: 'Whether these users may use SMS to sign in (not only for multifactor authentication).',
    }),
  }),
})

const ExcludeTarget = builder.objectRef<SmsExcludeTarget>('ExcludeTarget').implement({
  description: 'Users the SMS policy excludes; exclusion wins over inclusion.',
  fields: (t) => ({
    id: t.exposeString('id', { description: targetIdDescription }),
    targetType: t.field({ type: AuthenticationMethodTargetType, description: 'What id names.', resolve: (target) => target.targetType }),
  }),
})

const SmsAuthenticationMethodConfiguration = builder.objectRef<SmsPolicy>('SmsAuthenticationMethodConfiguration').implement({
  description: "The tenant's SMS authentication method policy: who may use SMS, and who may sign in with it.",
  fields: (t) => ({
    id: t.id({ description: 'Always "Sms".', resolve: () => SMS_POLICY_ID }),
    state: t.field({ type: AuthenticationMethodState, description: 'Whether the policy is on.', resolve: (policy) => policy.state }),
    includeTargets: t.field({
      extensions: priced({ listSize: { assumedSize: ASSUMED_TARGETS } }),
      type: [SmsAuthenticationMethodTarget],
      description: 'The users who may use SMS, and whether for sign-in.',
      resolve: (policy) => policy.includeTargets,
    }),
    excludeTargets: t.field({
      extensions: priced({ listSize: { assumedSize: ASSUMED_TARGETS } }),
      type: [ExcludeTarget],
      description: 'The users who may not use SMS, whatever includeTargets says.',
      resolve: (policy) => policy.excludeTargets,
    }),
  }),
})

const SmsAuthenticationMethodTargetInput = builder.inputType('SmsAuthenticationMethodTargetInput', {
  description: 'Users to include in the SMS policy.',
  fields: (t) => ({
    id: t.string({ description: targetIdDescription }),
    targetType: t.field({ type: AuthenticationMethodTargetType, description: 'What id names.' }),
    isUsableForSignIn: t.boolean({ description: 'Whether these users may use SMS to sign in.' }),
  }),
})

const ExcludeTargetInput = builder.inputType('ExcludeTargetInput', {
  description: 'Users to exclude from the SMS policy.',
  fields: (t) => ({
    id: t.string({ description: targetIdDescription }),
    targetType: t.field({ type: AuthenticationMethodTargetType, description: 'What id names.' }),
  }),
})

const SmsAuthenticationMethodConfigurationInput = builder.inputType('SmsAuthenticationMethodConfigurationInput', {
  description: 'A change to the SMS policy. Omitted fields keep their value; a list given replaces the whole list.',
  fields: (t) => ({
    state: t.field({ type: AuthenticationMethodState, required: false, description: 'Turns the policy on or off.' }),
    includeTargets: t
      .field({ type: [SmsAuthenticationMethodTargetInput], required: false, description: 'The new list of included users.' })
      .validate(smsIncludeTargetsInput),
    excludeTargets: t
      .field({ type: [ExcludeTargetInput], required: false, description: 'The new list of excluded users.' })
      .validate(smsExcludeTargetsInput),
  }),
})

builder.queryField('smsAuthenticationMethodConfiguration', (t) =>
  t.field({
    type: SmsAuthenticationMethodConfiguration,
    description: "The tenant's SMS authentication method policy.",
    resolve: (_root, _args, ctx) => smsPolicyOf(ctx),
  }),
)

builder.mutationField('updateSmsAuthenticationMethodConfiguration', (t) =>
  t.field({
    type: SmsAuthenticationMethodConfiguration,
    description:
      "Changes the SMS policy (a PATCH: omitted fields keep their value). Every phone's smsSignInState follows it from the next read.",
    args: { input: t.arg({ type: SmsAuthenticationMethodConfigurationInput, description: 'The fields to change.' }) },
    resolve: (_root, { input }, ctx) =>
      changeSmsPolicy(ctx, {
        state: input.state ?? undefined,
        includeTargets: input.includeTargets ?? undefined,
        excludeTargets: input.excludeTargets ?? undefined,
      }),
  }),
)

builder.mutationField('resetSmsAuthenticationMethodConfiguration', (t) =>
  t.field({
    type: SmsAuthenticationMethodConfiguration,
    description:
      "Microsoft Graph's DELETE on the configuration: puts the SMS policy back to the default every tenant starts with " +
      '(enabled for all_users with isUsableForSignIn true, no exclusions). Needs the same permission as changing it.',
    resolve: (_root, _args, ctx) => resetSmsPolicy(ctx),
  }),
)

// Graph's JSON for what the services return: a phone is
// `{ id, phoneNumber, phoneType, smsSignInState }` with Graph's fixed method
// id as `id` (not GraphQL's global id), collections are `{ @odata.context,
// value }`, and the SMS policy carries its `@odata.type`.
import { PHONE_METHOD_ID, type PhoneMethod } from '../domain/phone-method.ts'
import { SMS_POLICY_ID, type SmsPolicy } from '../domain/sms-policy.ts'
import type { RequestContext } from '../services/context.ts'
import { smsSignInStateOf, visiblePhoneNumber } from '../services/phone-methods.ts'

/** Where a response's resources live: `<origin>/<version>`, as the client called it. */
export type ServiceRoot = string

const phoneMethodsPath = (userId: string) => `users/${encodeURIComponent(userId)}/authentication/phoneMethods`

const metadata = (root: ServiceRoot, fragment: string) => `${root}/$metadata#${fragment}`

const usersMetadataSegment = (userId: string) => `users('${encodeURIComponent(userId)}')/authentication/phoneMethods`

export async function phoneJson(ctx: RequestContext, phone: PhoneMethod) {
  return {
    id: PHONE_METHOD_ID[phone.phoneType],
    phoneNumber: visiblePhoneNumber(ctx, phone),
    phoneType: phone.phoneType,
    smsSignInState: await smsSignInStateOf(ctx, phone),
  }
}

export async function phoneEntityJson(ctx: RequestContext, root: ServiceRoot, phone: PhoneMethod) {
  return { '@odata.context': metadata(root, `${usersMetadataSegment(phone.userId)}/$entity`), ...(await phoneJson(ctx, phone)) }
}

export async function phoneCollectionJson(ctx: RequestContext, root: ServiceRoot, userId: string, phones: readonly PhoneMethod[]) {
  return {
    '@odata.context': metadata(root, usersMetadataSegment(userId)),
    value: await Promise.all(phones.map((phone) => phoneJson(ctx, phone))),
  }
}

/** The absolute URL of a user's phone, for `Location`. */
export const phoneLocation = (root: ServiceRoot, phone: PhoneMethod) =>
  `${root}/${phoneMethodsPath(phone.userId)}/${PHONE_METHOD_ID[phone.phoneType]}`

export function smsPolicyJson(root: ServiceRoot, policy: SmsPolicy) {
  return {
    '@odata.context': metadata(root, 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity'),
    '@odata.type': '#microsoft.graph.smsAuthenticationMethodConfiguration',
    id: SMS_POLICY_ID,
    state: policy.state,
    includeTargets: policy.includeTargets.map((target) => ({
      targetType: target.targetType,
      id: target.id,
      // Graph lists it on every target and documents it as not supported.
      isRegistrationRequired: false,
      isUsableForSignIn: target.isUsableForSignIn,
    })),
    excludeTargets: policy.excludeTargets.map((target) => ({ targetType: target.targetType, id: target.id })),
  }
}

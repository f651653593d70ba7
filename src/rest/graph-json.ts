// Graph's JSON for what the services return: a phone is
// `{ id, phoneNumber, phoneType, smsSignInState }` with Graph's fixed method
// id as `id` (not GraphQL's global id), collections are `{ @odata.context,
// value }`, and the SMS policy carries its `@odata.type`. A `$select`
// narrows each answer and shows in its `@odata.context`.
import { PHONE_METHOD_ID, type PhoneMethod } from '../domain/phone-method.ts'
import type { SignInPreferences } from '../domain/sign-in-preferences.ts'
import { SMS_POLICY_ID, type SmsPolicy } from '../domain/sms-policy.ts'
import type { RequestContext } from '../services/context.ts'
import { smsSignInStateOf, visiblePhoneNumber } from '../services/phone-methods.ts'
import { projected, selectedPath, type ResourceShape } from './query-options.ts'

/** Where a response's resources live: `<origin>/<version>`, as the client called it. */
export type ServiceRoot = string

/** The properties `$select` picks from, selected properties or undefined for all. */
type Selected = readonly string[] | undefined

export const PHONE_SHAPE: ResourceShape = {
  type: 'phoneAuthenticationMethod',
  properties: ['id', 'phoneNumber', 'phoneType', 'smsSignInState'],
}

export const SMS_POLICY_SHAPE: ResourceShape = {
  type: 'smsAuthenticationMethodConfiguration',
  properties: ['id', 'state', 'includeTargets', 'excludeTargets'],
}

export const SIGN_IN_PREFERENCES_SHAPE: ResourceShape = {
  type: 'signInPreferences',
  properties: ['userPreferredMethodForSecondaryAuthentication', 'isSystemPreferredAuthenticationMethodEnabled'],
}

const PHONE_TYPE_ANNOTATION = '#microsoft.graph.phoneAuthenticationMethod'

const phoneMethodsPath = (userId: string) => `users/${encodeURIComponent(userId)}/authentication/phoneMethods`

const metadata = (root: ServiceRoot, fragment: string) => `${root}/$metadata#${fragment}`

/** `users('<id>')/authentication/<collection>`, the context path of a user's authentication resources. */
const userAuthenticationSegment = (userId: string, resource: string) => `users('${encodeURIComponent(userId)}')/authentication/${resource}`

async function phoneJson(ctx: RequestContext, phone: PhoneMethod) {
  return {
    id: PHONE_METHOD_ID[phone.phoneType],
    phoneNumber: visiblePhoneNumber(ctx, phone),
    phoneType: phone.phoneType,
    smsSignInState: await smsSignInStateOf(ctx, phone),
  }
}

/**
 * Where a user's phones are listed: `phoneMethods`, or `methods` (all of a
 * user's authentication methods, of which this gateway manages the phones:
 * there each item names its type).
 */
export type PhoneCollection = 'phoneMethods' | 'methods'

async function itemJson(ctx: RequestContext, phone: PhoneMethod, collection: PhoneCollection, selected: Selected) {
  const json = await phoneJson(ctx, phone)
  return projected(collection === 'methods' ? { '@odata.type': PHONE_TYPE_ANNOTATION, ...json } : json, selected)
}

export async function phoneEntityJson(ctx: RequestContext, root: ServiceRoot, phone: PhoneMethod, collection: PhoneCollection = 'phoneMethods', selected?: Selected) {
  const context = metadata(root, `${selectedPath(userAuthenticationSegment(phone.userId, collection), selected)}/$entity`)
  return { '@odata.context': context, ...(await itemJson(ctx, phone, collection, selected)) }
}

export async function phoneCollectionJson(
  ctx: RequestContext,
  root: ServiceRoot,
  userId: string,
  phones: readonly PhoneMethod[],
  collection: PhoneCollection,
  selected: Selected,
) {
  return {
    '@odata.context': metadata(root, selectedPath(userAuthenticationSegment(userId, collection), selected)),
    value: await Promise.all(phones.map((phone) => itemJson(ctx, phone, collection, selected))),
  }
}

/** The absolute URL of a user's phone, for `Location`. */
export const phoneLocation = (root: ServiceRoot, phone: PhoneMethod) =>
  `${root}/${phoneMethodsPath(phone.userId)}/${PHONE_METHOD_ID[phone.phoneType]}`

export function smsPolicyJson(root: ServiceRoot, policy: SmsPolicy, selected: Selected) {
  const path = selectedPath('policies/authenticationMethodsPolicy/authenticationMethodConfigurations', selected)
  return {
    '@odata.context': metadata(root, `${path}/$entity`),
    ...projected(
      {
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
      },
      selected,
    ),
  }
}

export function signInPreferencesJson(
  root: ServiceRoot,
  userId: string,
  preferences: SignInPreferences,
  selected: Selected,
) {
  return {
    '@odata.context': metadata(root, selectedPath(userAuthenticationSegment(userId, 'signInPreferences'), selected)),
    ...projected(
      {
        '@odata.type': '#microsoft.graph.signInPreferences',
        userPreferredMethodForSecondaryAuthentication: preferences.userPreferredMethodForSecondaryAuthentication,
        isSystemPreferredAuthenticationMethodEnabled: preferences.isSystemPreferredAuthenticationMethodEnabled,
      },
      selected,
    ),
  }
}

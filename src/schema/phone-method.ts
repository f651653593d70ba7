import { PHONE_METHOD_ID, phoneMethodGlobalId, type PhoneMethod } from '../domain/phone-method.ts'
import { userReferenceOf } from '../domain/user-reference.ts'
import {
  addPhoneMethod,
  deletePhoneMethod,
  disableSmsSignIn,
  enableSmsSignIn,
  isPhoneNumberMaskedFor,
  smsSignInStateOf,
  updatePhoneMethod,
  visiblePhoneNumber,
  type DeletedPhoneMethod,
} from '../services/phone-methods.ts'
import { findPhoneMethod, ownerOf } from '../services/users.ts'
import type { RequestContext } from '../services/context.ts'
import { builder } from './builder.ts'
import { idInput, phoneNumberInput, userRefInput } from '../inputs.ts'
import { User } from './user.ts'

export const PhoneType = builder.enumType('PhoneType', {
  description: 'The type of a phone. A user has at most one phone of each type.',
  values: {
    mobile: { description: 'A mobile phone: the only type that can be used for SMS sign-in.' },
    alternateMobile: { description: 'A second mobile phone; needs a mobile phone to exist first.' },
    office: { description: 'An office phone.' },
  },
})

export const SmsSignInState = builder.enumType('SmsSignInState', {
  description: 'Whether a phone is ready to be used for SMS sign-in, and if not, why.',
  values: {
    notSupported: { description: 'SMS sign-in is not supported on this phone type (only mobile phones support it).' },
    notAllowedByPolicy: {
      description: 'The SMS authentication method policy is disabled, does not include the user for sign-in, or excludes them.',
    },
    notEnabled: { description: 'SMS sign-in is not enabled on this phone; enableSmsSignIn turns it on.' },
    phoneNumberNotUnique: {
      description: 'Another user of the tenant already uses this number for SMS sign-in; the phone is saved but cannot sign in.',
    },
    ready: { description: 'The phone is registered and ready for SMS sign-in.' },
    notConfigured: { description: 'SMS sign-in is not configured for this phone (reserved by Microsoft Graph).' },
    unknownFutureValue: { description: 'Evolvable enumeration sentinel value (reserved by Microsoft Graph).' },
  },
})

const METHOD_IDS =
  'fixed per type as in Microsoft Graph: mobile 3179e48a-750b-4051-897c-87b9720928f7, ' +
  'alternateMobile b6332ec1-7057-4abe-9331-3d72feddfe41, office e37fc753-ff3b-4958-9484-eaa9425c82bc'

const globalIdOf = (ctx: RequestContext, phone: Pick<PhoneMethod, 'userId' | 'phoneType'>) =>
  phoneMethodGlobalId(ctx.principal.tenantId, phone.userId, phone.phoneType)

// The ref is declared before it is implemented: a phone names its owner and a
// user lists their phones, so the two types refer to each other.
export const PhoneAuthenticationMethod = builder.objectRef<PhoneMethod>('PhoneAuthenticationMethod')

PhoneAuthenticationMethod.implement({
  description:
    'A phone registered to a user, usable for multifactor authentication, self-service password reset and, for a mobile, SMS sign-in.',
  fields: (t) => ({
    id: t.id({
      description:
        'Opaque, globally unique and stable id of this user\'s phone of this type (the same after a delete and re-add): ' +
        'safe as a client cache key. Address the phone in inputs with userId and methodId.',
      resolve: (phone, _args, ctx) => globalIdOf(ctx, phone),
    }),
    methodId: t.id({
      description: `Microsoft Graph's id of the phone method, the same for every user's phone of a type: ${METHOD_IDS}.`,
      resolve: (phone) => PHONE_METHOD_ID[phone.phoneType],
    }),
    user: t.field({
      type: User,
      description: "The phone's owner (lets a client refresh the owner's list of phones in the same request).",
      resolve: (phone, _args, ctx) => ownerOf(ctx, phone),
    }),
    phoneNumber: t.string({
      description:
        'The number to text or call, as "+<country code> <number>x<extension>" with the extension optional ' +
        '(for example "+1 5555551234" or "+1 5555551234x123"). Global Readers and Authentication Administrators ' +
        'see other users\' numbers masked: "+1 XXXXXXXX55".',
      resolve: (phone, _args, ctx) => visiblePhoneNumber(ctx, phone),
    }),
    isPhoneNumberMasked: t.boolean({
      description:
        'Whether phoneNumber is masked for the caller. A masked number is not the real one: never send it back in an update.',
      resolve: (phone, _args, ctx) => isPhoneNumberMaskedFor(ctx, phone),
    }),
    phoneType: t.field({
      type: PhoneType,
      description: 'The type of this phone; it never changes after the phone is added.',
      resolve: (phone) => phone.phoneType,
    }),
    smsSignInState: t.field({
      type: SmsSignInState,
      description:
        'Whether this phone is ready for SMS sign-in. Read-only: derived on every read from the phone and the ' +
        "tenant's current SMS authentication method policy.",
      resolve: (phone, _args, ctx) => smsSignInStateOf(ctx, phone),
    }),
  }),
})

const userIdField = { description: "The user's id or userPrincipalName." }
const methodIdField = { description: `The phone method id, ${METHOD_IDS} (PhoneAuthenticationMethod.methodId).` }

const AddPhoneMethodInput = builder.inputType('AddPhoneMethodInput', {
  description: 'A phone to add to a user.',
  fields: (t) => ({
    userId: t.string(userIdField).validate(userRefInput),
    phoneNumber: t
      .string({ description: 'The number, as "+<country code> <number>" with an optional "x<extension>".' })
      .validate(phoneNumberInput),
    phoneType: t.field({ type: PhoneType, description: 'The type of the new phone.' }),
  }),
})

const UpdatePhoneMethodInput = builder.inputType('UpdatePhoneMethodInput', {
  description: "A new number for one of a user's phones. The type cannot change: add a phone of the new type and delete this one.",
  fields: (t) => ({
    userId: t.string(userIdField).validate(userRefInput),
    methodId: t.id(methodIdField).validate(idInput),
    phoneNumber: t
      .string({ description: 'The new number, as "+<country code> <number>" with an optional "x<extension>".' })
      .validate(phoneNumberInput),
  }),
})

const PhoneMethodRefInput = builder.inputType('PhoneMethodRefInput', {
  description: "One of a user's phones.",
  fields: (t) => ({
    userId: t.string(userIdField).validate(userRefInput),
    methodId: t.id(methodIdField).validate(idInput),
  }),
})

builder.queryField('phoneMethod', (t) =>
  t.field({
    type: PhoneAuthenticationMethod,
    nullable: true,
    description: "One of a user's phones; null when the user or the phone does not exist in the caller's tenant.",
    args: {
      userId: t.arg.string({ ...userIdField, validate: userRefInput }),
      methodId: t.arg.id({ ...methodIdField, validate: idInput }),
    },
    resolve: (_root, args, ctx) => findPhoneMethod(ctx, userReferenceOf(args.userId), String(args.methodId)),
  }),
)

const DeletePhoneMethodPayload = builder.objectRef<DeletedPhoneMethod>('DeletePhoneMethodPayload').implement({
  description: 'What a client needs after a deletion: the id to evict from its cache, and the owner to refresh.',
  fields: (t) => ({
    id: t.id({ description: "The deleted phone's id (PhoneAuthenticationMethod.id).", resolve: (phone, _args, ctx) => globalIdOf(ctx, phone) }),
    methodId: t.id({
      description: "Microsoft Graph's id of the deleted phone method (PhoneAuthenticationMethod.methodId).",
      resolve: (phone) => PHONE_METHOD_ID[phone.phoneType],
    }),
    user: t.field({
      type: User,
      description: 'The owner, after the deletion.',
      resolve: (phone, _args, ctx) => ownerOf(ctx, phone),
    }),
  }),
})

builder.mutationFields((t) => ({
  addPhoneMethod: t.field({
    type: PhoneAuthenticationMethod,
    description:
      "Adds a phone to another user (users can't add a phone to their own account). Fails with " +
      'PHONE_TYPE_ALREADY_EXISTS when the user has a phone of that type, and MOBILE_REQUIRED for an alternateMobile ' +
      'without a mobile. A mobile is registered for SMS sign-in when the policy allows the user.',
    args: { input: t.arg({ type: AddPhoneMethodInput, description: 'The user and the phone to add.' }) },
    resolve: (_root, { input: { userId, ...input } }, ctx) => addPhoneMethod(ctx, { ...input, user: userReferenceOf(userId) }),
  }),
  updatePhoneMethod: t.field({
    type: PhoneAuthenticationMethod,
    description:
      "Changes the number of one of a user's phones (never its type). A changed mobile is registered for SMS sign-in again.",
    args: { input: t.arg({ type: UpdatePhoneMethodInput, description: 'The phone and its new number.' }) },
    resolve: (_root, { input: { userId, ...input } }, ctx) => updatePhoneMethod(ctx, { ...input, user: userReferenceOf(userId) }),
  }),
  deletePhoneMethod: t.field({
    type: DeletePhoneMethodPayload,
    description:
      "Deletes one of a user's phones. The mobile can't be deleted while an alternateMobile exists " +
      '(ALTERNATE_MOBILE_EXISTS). Deleting a mobile frees its number for SMS sign-in.',
    args: { input: t.arg({ type: PhoneMethodRefInput, description: 'The user and the phone method id.' }) },
    resolve: (_root, { input: { userId, ...input } }, ctx) => deletePhoneMethod(ctx, { ...input, user: userReferenceOf(userId) }),
  }),
  enableSmsSignIn: t.field({
    type: PhoneAuthenticationMethod,
    description:
      'Registers a mobile for SMS sign-in. Fails with SMS_SIGN_IN_NOT_SUPPORTED (not a mobile), ' +
      'SMS_SIGN_IN_NOT_ALLOWED (the policy does not allow the user) or PHONE_NUMBER_NOT_UNIQUE (another user holds the number).',
    args: { input: t.arg({ type: PhoneMethodRefInput, description: 'The user and the phone method id.' }) },
    resolve: (_root, { input: { userId, ...input } }, ctx) => enableSmsSignIn(ctx, { ...input, user: userReferenceOf(userId) }),
  }),
  disableSmsSignIn: t.field({
    type: PhoneAuthenticationMethod,
    description: 'Turns SMS sign-in off for a mobile (it becomes notEnabled) and frees its number for other users.',
    args: { input: t.arg({ type: PhoneMethodRefInput, description: 'The user and the phone method id.' }) },
    resolve: (_root, { input: { userId, ...input } }, ctx) => disableSmsSignIn(ctx, { ...input, user: userReferenceOf(userId) }),
  }),
}))

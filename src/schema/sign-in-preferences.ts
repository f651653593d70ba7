import { DEFAULT_METHOD_TYPES, type SignInPreferences as SignInPreferencesModel } from '../domain/sign-in-preferences.ts'
import { userReferenceOf } from '../domain/user-reference.ts'
import { signInPreferencesOf, updateSignInPreferences } from '../services/sign-in-preferences.ts'
import { builder } from './builder.ts'
import { phoneBasedDefaultMethodInput, userRefInput } from '../inputs.ts'
import { User } from './user.ts'

const UserDefaultAuthenticationMethodType = builder.enumType('UserDefaultAuthenticationMethodType', {
  description: "A user's default method for multifactor authentication (Microsoft Graph's userDefaultAuthenticationMethodType).",
  values: {
    push: { description: 'A push notification to the Microsoft Authenticator app (can not be set through this gateway).' },
    oath: { description: 'A one-time password from an authenticator app or hardware token (can not be set through this gateway).' },
    voiceMobile: { description: 'A voice call to the mobile phone.' },
    voiceAlternateMobile: { description: 'A voice call to the alternateMobile phone.' },
    voiceOffice: { description: 'A voice call to the office phone.' },
    sms: { description: 'A text message to the mobile phone.' },
    unknownFutureValue: { description: 'Evolvable enumeration sentinel value (reserved by Microsoft Graph).' },
  } satisfies Record<(typeof DEFAULT_METHOD_TYPES)[number], unknown>,
})

const SignInPreferences = builder.objectRef<SignInPreferencesModel>('SignInPreferences').implement({
  description: "A user's sign-in preferences (Microsoft Graph's signInPreferences).",
  fields: (t) => ({
    userPreferredMethodForSecondaryAuthentication: t.field({
      type: UserDefaultAuthenticationMethodType,
      nullable: true,
      description: "The user's default method for multifactor authentication; null when not set.",
      resolve: (preferences) => preferences.userPreferredMethodForSecondaryAuthentication,
    }),
    isSystemPreferredAuthenticationMethodEnabled: t.exposeBoolean('isSystemPreferredAuthenticationMethodEnabled', {
      description: 'Whether the system-preferred method (the most secure one the user has registered) is used first. Starts true.',
    }),
  }),
})

builder.objectField(User, 'signInPreferences', (t) =>
  t.field({
    type: SignInPreferences,
    description: "The user's sign-in preferences; readable by whoever may read the user's phone methods.",
    resolve: (user, _args, ctx) => signInPreferencesOf(ctx, user),
  }),
)

const UpdateSignInPreferencesInput = builder.inputType('UpdateSignInPreferencesInput', {
  description: "A change to a user's sign-in preferences. Omitted fields keep their value.",
  fields: (t) => ({
    userId: t.string({ description: "The user's id or userPrincipalName." }).validate(userRefInput),
    userPreferredMethodForSecondaryAuthentication: t
      .field({
        type: UserDefaultAuthenticationMethodType,
        required: false,
        description:
          'The new default method: sms or voiceMobile (needs the mobile), voiceAlternateMobile (needs the alternateMobile), ' +
          'voiceOffice (needs the office phone). null clears it; omitted keeps it.',
      })
      .validate(phoneBasedDefaultMethodInput),
    isSystemPreferredAuthenticationMethodEnabled: t.boolean({
      required: false,
      description: 'Whether the system-preferred method is used first; omitted (or null) keeps it.',
    }),
  }),
})

builder.mutationField('updateSignInPreferences', (t) =>
  t.field({
    type: SignInPreferences,
    description:
      "Changes a user's sign-in preferences (a PATCH). The phone a default method names must exist (BAD_USER_INPUT), " +
      "and it can't be deleted while it is the default (DEFAULT_METHOD_CANNOT_BE_DELETED).",
    args: { input: t.arg({ type: UpdateSignInPreferencesInput, description: 'The user and the fields to change.' }) },
    resolve: (_root, { input }, ctx) =>
      updateSignInPreferences(ctx, {
        user: userReferenceOf(input.userId),
        // Omitted stays undefined (unchanged); an explicit null clears the default.
        userPreferredMethodForSecondaryAuthentication: input.userPreferredMethodForSecondaryAuthentication,
        isSystemPreferredAuthenticationMethodEnabled: input.isSystemPreferredAuthenticationMethodEnabled ?? undefined,
      }),
  }),
)

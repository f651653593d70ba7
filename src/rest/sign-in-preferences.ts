// A user's signInPreferences (a beta resource in Graph; served under /v1.0
// too): GET and PATCH, on the services GraphQL uses.
import { z } from 'zod'
import { phoneBasedDefaultMethodInput } from '../inputs.ts'
import { signInPreferencesOf, updateSignInPreferences } from '../services/sign-in-preferences.ts'
import { jsonResponse, noContent, type RestHandler } from './call.ts'
import { parsedWith, propertiesOf } from './request-body.ts'
import { readableUser } from './target-user.ts'

const preferencesBody = z.object({
  userPreferredMethodForSecondaryAuthentication: phoneBasedDefaultMethodInput,
  isSystemPreferredAuthenticationMethodEnabled: z.boolean().nullish(),
})

export const getSignInPreferences: RestHandler = async (call) => {
  const user = await readableUser(call)
  const preferences = await signInPreferencesOf(call.ctx, user)
  return jsonResponse({
    '@odata.context': `${call.root}/$metadata#users('${encodeURIComponent(user.id)}')/authentication/signInPreferences`,
    '@odata.type': '#microsoft.graph.signInPreferences',
    userPreferredMethodForSecondaryAuthentication: preferences.userPreferredMethodForSecondaryAuthentication,
    isSystemPreferredAuthenticationMethodEnabled: preferences.isSystemPreferredAuthenticationMethodEnabled,
  })
}

export const updateSignInPreferencesRoute: RestHandler = async (call) => {
  const body = propertiesOf(call.body, {
    accepted: ['userPreferredMethodForSecondaryAuthentication', 'isSystemPreferredAuthenticationMethodEnabled'],
  })
  const input = parsedWith(preferencesBody, body)
  await updateSignInPreferences(call.ctx, {
    user: call.user,
    // Omitted stays undefined (unchanged); an explicit null clears the default.
    userPreferredMethodForSecondaryAuthentication: input.userPreferredMethodForSecondaryAuthentication,
    isSystemPreferredAuthenticationMethodEnabled: input.isSystemPreferredAuthenticationMethodEnabled ?? undefined,
  })
  return noContent()
}

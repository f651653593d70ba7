// A user's signInPreferences (a beta resource in Graph; served under /v1.0
// too): GET and PATCH, on the services GraphQL uses.
import { z } from 'zod'
import { phoneBasedDefaultMethodInput } from '../inputs.ts'
import { signInPreferencesOf, updateSignInPreferences } from '../services/sign-in-preferences.ts'
import { jsonResponse, noContent, type RestHandler } from './call.ts'
import { SIGN_IN_PREFERENCES_SHAPE, signInPreferencesJson } from './graph-json.ts'
import { selectedProperties } from './query-options.ts'
import { parsedWith, propertiesOf } from './request-body.ts'
import { readableUser } from './target-user.ts'

const preferencesBody = z.object({
  userPreferredMethodForSecondaryAuthentication: phoneBasedDefaultMethodInput,
  isSystemPreferredAuthenticationMethodEnabled: z.boolean().nullish(),
})

export const getSignInPreferences: RestHandler = async (call) => {
  const selected = selectedProperties(call.select, SIGN_IN_PREFERENCES_SHAPE)
  const user = await readableUser(call)
  return jsonResponse(signInPreferencesJson(call.root, user.id, await signInPreferencesOf(call.ctx, user), selected))
}

export const updateSignInPreferencesRoute: RestHandler = async (call) => {
  const body = propertiesOf(call.body, { resource: 'signInPreferences', writable: SIGN_IN_PREFERENCES_SHAPE.properties })
  const input = parsedWith(preferencesBody, body)
  await updateSignInPreferences(call.ctx, {
    user: call.user,
    // Omitted stays undefined (unchanged); an explicit null clears the default.
    userPreferredMethodForSecondaryAuthentication: input.userPreferredMethodForSecondaryAuthentication,
    isSystemPreferredAuthenticationMethodEnabled: input.isSystemPreferredAuthenticationMethodEnabled ?? undefined,
  })
  return noContent()
}

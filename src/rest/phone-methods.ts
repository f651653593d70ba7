// The phoneMethods routes: list, create, get, update, delete, and the
// enableSmsSignIn / disableSmsSignIn actions, on the services GraphQL uses;
// and the methods collection, where a user's phones are the methods this
// gateway manages.
import { z } from 'zod'
import { PHONE_METHOD_ID, PHONE_TYPES, phoneTypeOfMethodId } from '../domain/phone-method.ts'
import { phoneNumberInput, idInput } from '../inputs.ts'
import {
  addPhoneMethod,
  deletePhoneMethod,
  disableSmsSignIn,
  enableSmsSignIn,
  phoneNotFound,
  updatePhoneMethod,
} from '../services/phone-methods.ts'
import { phoneMethodsOf } from '../services/users.ts'
import { jsonResponse, noContent, type RestCall, type RestHandler } from './call.ts'
import { PHONE_SHAPE, phoneCollectionJson, phoneEntityJson, phoneLocation, type PhoneCollection } from './graph-json.ts'
import { selectedProperties } from './query-options.ts'
import { assertSameAs, parsedWith, propertiesOf, requireProperties, type PropertyRules } from './request-body.ts'
import { readableUser } from './target-user.ts'

const PHONE_PROPERTIES: PropertyRules = {
  resource: 'a phoneAuthenticationMethod',
  writable: ['phoneNumber', 'phoneType'],
  echoed: ['id'],
  readOnly: ['smsSignInState'],
}

/** A request on a phone that takes no body properties (DELETE, the actions). */
const noPropertiesOf = (call: RestCall, request: string) => propertiesOf(call.body, { ...PHONE_PROPERTIES, takesNone: request })

const phoneTypeInput = z.enum(PHONE_TYPES, { message: `must be one of ${PHONE_TYPES.join(', ')}` })

const createBody = z.object({ id: idInput.optional(), phoneNumber: phoneNumberInput, phoneType: phoneTypeInput })
const updateBody = z.object({ id: idInput.optional(), phoneNumber: phoneNumberInput, phoneType: phoneTypeInput.optional() })

const phonesIn = (collection: PhoneCollection): RestHandler => async (call) => {
  const selected = selectedProperties(call.select, PHONE_SHAPE)
  const user = await readableUser(call)
  return jsonResponse(await phoneCollectionJson(call.ctx, call.root, user.id, await phoneMethodsOf(call.ctx, user), collection, selected))
}

const phoneIn = (collection: PhoneCollection): RestHandler => async (call) => {
  const selected = selectedProperties(call.select, PHONE_SHAPE)
  const user = await readableUser(call)
  const phoneType = phoneTypeOfMethodId(call.methodId)
  const phone = (await phoneMethodsOf(call.ctx, user)).find((candidate) => candidate.phoneType === phoneType)
  if (!phone) throw phoneNotFound(call.methodId)
  return jsonResponse(await phoneEntityJson(call.ctx, call.root, phone, collection, selected))
}

export const listPhoneMethods = phonesIn('phoneMethods')
export const getPhoneMethod = phoneIn('phoneMethods')
export const listAuthenticationMethods = phonesIn('methods')
export const getAuthenticationMethod = phoneIn('methods')

export const createPhoneMethod: RestHandler = async (call) => {
  const body = propertiesOf(call.body, PHONE_PROPERTIES)
  requireProperties(body, ['phoneNumber', 'phoneType'])
  const input = parsedWith(createBody, body)
  assertSameAs('id', input.id, PHONE_METHOD_ID[input.phoneType])
  const phone = await addPhoneMethod(call.ctx, { user: call.user, phoneNumber: input.phoneNumber, phoneType: input.phoneType })
  return jsonResponse(await phoneEntityJson(call.ctx, call.root, phone), 201, { Location: phoneLocation(call.root, phone) })
}

export const updatePhoneMethodRoute: RestHandler = async (call) => {
  const body = propertiesOf(call.body, PHONE_PROPERTIES)
  requireProperties(body, ['phoneNumber'])
  const input = parsedWith(updateBody, body)
  assertSameAs('id', input.id, call.methodId)
  const phoneType = phoneTypeOfMethodId(call.methodId)
  // An unknown method id is the service's NOT_FOUND, whatever the body says.
  if (phoneType) assertSameAs('phoneType', input.phoneType, phoneType)
  await updatePhoneMethod(call.ctx, { user: call.user, methodId: call.methodId, phoneNumber: input.phoneNumber })
  return noContent()
}

export const deletePhoneMethodRoute: RestHandler = async (call) => {
  noPropertiesOf(call, 'DELETE')
  await deletePhoneMethod(call.ctx, { user: call.user, methodId: call.methodId })
  return noContent()
}

export const enableSmsSignInRoute: RestHandler = async (call) => {
  noPropertiesOf(call, 'enableSmsSignIn')
  await enableSmsSignIn(call.ctx, { user: call.user, methodId: call.methodId })
  return noContent()
}

export const disableSmsSignInRoute: RestHandler = async (call) => {
  noPropertiesOf(call, 'disableSmsSignIn')
  await disableSmsSignIn(call.ctx, { user: call.user, methodId: call.methodId })
  return noContent()
}

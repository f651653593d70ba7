// The phoneMethods routes: list, create, get, update, delete, and the
// enableSmsSignIn / disableSmsSignIn actions, on the services GraphQL uses.
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
import { jsonResponse, noContent, type RestHandler } from './call.ts'
import { phoneCollectionJson, phoneEntityJson, phoneLocation } from './graph-json.ts'
import { assertSameAs, parsedWith, propertiesOf } from './request-body.ts'
import { readableUser } from './target-user.ts'

const PHONE_PROPERTIES = { accepted: ['id', 'phoneNumber', 'phoneType'], readOnly: ['smsSignInState'] }

const phoneTypeInput = z.enum(PHONE_TYPES, { message: `must be one of ${PHONE_TYPES.join(', ')}` })

const createBody = z.object({ id: idInput.optional(), phoneNumber: phoneNumberInput, phoneType: phoneTypeInput })
const updateBody = z.object({ id: idInput.optional(), phoneNumber: phoneNumberInput, phoneType: phoneTypeInput.optional() })

export const listPhoneMethods: RestHandler = async (call) => {
  const user = await readableUser(call)
  return jsonResponse(await phoneCollectionJson(call.ctx, call.root, user.id, await phoneMethodsOf(call.ctx, user)))
}

export const getPhoneMethod: RestHandler = async (call) => {
  const user = await readableUser(call)
  const phoneType = phoneTypeOfMethodId(call.methodId)
  const phone = (await phoneMethodsOf(call.ctx, user)).find((candidate) => candidate.phoneType === phoneType)
  if (!phone) throw phoneNotFound(call.methodId)
  return jsonResponse(await phoneEntityJson(call.ctx, call.root, phone))
}

export const createPhoneMethod: RestHandler = async (call) => {
  const input = parsedWith(createBody, propertiesOf(call.body, PHONE_PROPERTIES))
  assertSameAs('id', input.id, PHONE_METHOD_ID[input.phoneType])
  const phone = await addPhoneMethod(call.ctx, { user: call.user, phoneNumber: input.phoneNumber, phoneType: input.phoneType })
  return jsonResponse(await phoneEntityJson(call.ctx, call.root, phone), 201, { Location: phoneLocation(call.root, phone) })
}

export const updatePhoneMethodRoute: RestHandler = async (call) => {
  const input = parsedWith(updateBody, propertiesOf(call.body, PHONE_PROPERTIES))
  assertSameAs('id', input.id, call.methodId)
  const phoneType = phoneTypeOfMethodId(call.methodId)
  // An unknown method id is the service's NOT_FOUND, whatever the body says.
  if (phoneType) assertSameAs('phoneType', input.phoneType, phoneType)
  await updatePhoneMethod(call.ctx, { user: call.user, methodId: call.methodId, phoneNumber: input.phoneNumber })
  return noContent()
}

export const deletePhoneMethodRoute: RestHandler = async (call) => {
  propertiesOf(call.body, { accepted: [] })
  await deletePhoneMethod(call.ctx, { user: call.user, methodId: call.methodId })
  return noContent()
}

export const enableSmsSignInRoute: RestHandler = async (call) => {
  propertiesOf(call.body, { accepted: [] })
  await enableSmsSignIn(call.ctx, { user: call.user, methodId: call.methodId })
  return noContent()
}

export const disableSmsSignInRoute: RestHandler = async (call) => {
  propertiesOf(call.body, { accepted: [] })
  await disableSmsSignIn(call.ctx, { user: call.user, methodId: call.methodId })
  return noContent()
}

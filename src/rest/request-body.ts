// Request bodies as docs/rest.md takes them: JSON objects (415 for another
// media type, 400 BAD_REQUEST for malformed JSON), within MAX_BODY_BYTES
// (413); `@odata.*` annotations ignored; a read-only property is the
// person's mistake (400 BAD_USER_INPUT), any other unknown property the
// client code's (400 BAD_REQUEST). Values are checked with the same zod
// schemas as GraphQL's inputs.
import { z } from 'zod'
import { GatewayError, invalidInput } from '../domain/errors.ts'
import { invalidInputOf } from '../inputs.ts'
import { bodySizeRefusal } from '../plugins/body-limit.ts'
import { RestError } from './graph-error.ts'

export type JsonObject = Record<string, unknown>

export const isJsonObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The request's JSON object; an absent body, an empty one and JSON `null` read as `{}` (Graph's actions take none; its SDKs send these). */
export async function readJsonObject(request: Request, maxBytes: number): Promise<JsonObject> {
  // HTTP/1.1: a request with neither header has no body (Graph clients send DELETE so).
  if (!request.headers.has('content-length') && !request.headers.has('transfer-encoding')) return {}
  const refusal = bodySizeRefusal(request, maxBytes)
  if (refusal) throw new RestError(refusal.status, 'BAD_REQUEST', refusal.message)
  const text = await request.text()
  if (text.trim() === '') return {}
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase()
  if (mediaType !== 'application/json') throw new RestError(415, 'BAD_REQUEST', 'send the request body as Content-Type: application/json')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new RestError(400, 'BAD_REQUEST', 'the request body is not valid JSON')
  }
  if (body === null) return {}
  if (!isJsonObject(body)) throw new RestError(400, 'BAD_REQUEST', 'the request body must be a JSON object')
  return body
}

// `@odata.type` on the object, or `phoneType@odata.type` on one property.
const isODataAnnotation = (key: string) => key.startsWith('@odata.') || key.includes('@odata.')

export interface PropertyRules {
  /** The resource, as messages name it: `a phoneAuthenticationMethod`. */
  readonly resource: string
  /** Properties a client may set: the list an unknown property's message gives. */
  readonly writable: readonly string[]
  /** Properties also accepted, when equal to the resource's own value (its `id`, a phone's `phoneType`). */
  readonly echoed?: readonly string[]
  /** Properties the resource has but a client may not set. */
  readonly readOnly?: readonly string[]
  /** For a request that takes no properties at all (an action, a DELETE): its name. */
  readonly takesNone?: string
}

function unknownProperty(key: string, rules: PropertyRules, at: string): RestError {
  const writable = `the writable properties of ${rules.resource} are ${rules.writable.join(', ')}`
  const message = rules.takesNone ? `${rules.takesNone} takes no properties (${writable})` : writable
  return new RestError(400, 'BAD_REQUEST', `${at}${key}: unknown property; ${message}`)
}

/** The body's properties without annotations; refuses read-only and unknown ones. `at` prefixes messages (nested objects). */
export function propertiesOf(value: JsonObject, rules: PropertyRules, at = ''): JsonObject {
  const properties: JsonObject = {}
  for (const [key, item] of Object.entries(value)) {
    if (isODataAnnotation(key)) continue
    if (rules.readOnly?.includes(key)) throw new GatewayError('BAD_USER_INPUT', `${at}${key}: is read-only and cannot be set`)
    const accepted = !rules.takesNone && (rules.writable.includes(key) || rules.echoed?.includes(key))
    if (!accepted) throw unknownProperty(key, rules, at)
    properties[key] = item
  }
  return properties
}

/** A body that must carry these properties: one missing (or null) is named, rather than reported as a value of the wrong type. */
export function requireProperties(body: JsonObject, names: readonly string[]): void {
  const missing = names.find((name) => body[name] === undefined || body[name] === null)
  if (missing) throw invalidInput(missing, `${missing} is required`)
}

/** Parses with a zod schema; a refused value is BAD_USER_INPUT with the same message GraphQL gives. */
export function parsedWith<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value)
  if (!result.success) throw invalidInputOf(result.error.issues)
  return result.data
}

/** `id` (or `phoneType`) in a body must be the resource's own value, as Graph sends it back (`ignoreCase` for ids Graph spells freely, like the SMS policy's). */
export function assertSameAs(property: string, sent: unknown, current: string, ignoreCase = false): void {
  const same = ignoreCase && typeof sent === 'string' ? sent.toLowerCase() === current.toLowerCase() : sent === current
  if (sent !== undefined && !same) {
    throw new GatewayError('BAD_USER_INPUT', `${property}: must be "${current}" (this resource's own value) or omitted; it cannot be changed`)
  }
}

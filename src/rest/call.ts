import { STATUS_CODES } from 'node:http'
import type { UserReference } from '../domain/user-reference.ts'
import type { RequestContext } from '../services/context.ts'
import type { ServiceRoot } from './graph-json.ts'
import type { JsonObject } from './request-body.ts'

/** One authenticated REST request, as a route handler sees it. */
export interface RestCall {
  readonly ctx: RequestContext
  /** `<link origin>/<version>`: the base of Location and @odata.context. */
  readonly root: ServiceRoot
  /** Whether the URL was /me/… (the caller) rather than /users/{id | userPrincipalName}/…. */
  readonly me: boolean
  /** The user the URL names (for /me, the caller, by the token's id). */
  readonly user: UserReference
  /** The phone method id of the URL, where it has one. */
  readonly methodId: string
  /** The request's JSON object (`{}` without a body). */
  readonly body: JsonObject
  /** The property names of `$select`, as sent (absent: every property). */
  readonly select?: readonly string[]
}

export type RestHandler = (call: RestCall) => Promise<Response>

/** Graph's media type for JSON answers; OData clients read the parameters (numbers as numbers, minimal annotations). */
const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8'

/** A JSON answer, with the status line's reason phrase (`201 Created`), which a bare Response leaves empty. */
export const jsonResponse = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, statusText: STATUS_CODES[status], headers: { 'Content-Type': ODATA_JSON, ...headers } })

export const noContent = () => new Response(null, { status: 204, statusText: STATUS_CODES[204] })

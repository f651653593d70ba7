import type { RequestContext } from '../services/context.ts'
import type { ServiceRoot } from './graph-json.ts'
import type { JsonObject } from './request-body.ts'

/** One authenticated REST request, as a route handler sees it. */
export interface RestCall {
  readonly ctx: RequestContext
  /** `<origin>/<version>` as the client called it: the base of Location and @odata.context. */
  readonly root: ServiceRoot
  /** Whether the URL was /me/… (the caller) rather than /users/{id | userPrincipalName}/…. */
  readonly me: boolean
  /** The user the URL names (for /me, the caller's id). */
  readonly userRef: string
  /** The phone method id of the URL, where it has one. */
  readonly methodId: string
  /** The request's JSON object (`{}` without a body). */
  readonly body: JsonObject
}

export type RestHandler = (call: RestCall) => Promise<Response>

export const noContent = () => new Response(null, { status: 204 })

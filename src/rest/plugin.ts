// Graph-compatible REST routes inside the Yoga server (docs/rest.md): a
// Yoga plugin answers /v1.0/… and /beta/… in onRequest, so CORS, allowed
// hosts, request ids, access logs and request metrics (server-level
// plugins) apply as on /graphql, while authentication, the body limit and
// the rate limit are the very functions /graphql uses, and every route
// calls the services the resolvers call.
import type { Plugin } from 'graphql-yoga'
import { z } from 'zod'
import type { BearerAuth } from '../auth/plugin.ts'
import type { Principal } from '../domain/principal.ts'
import { userReferenceOf, userWithId, type UserReference } from '../domain/user-reference.ts'
import type { LinkOrigin } from '../links.ts'
import { idInput, userRefInput } from '../inputs.ts'
import { requestScope, type Logger } from '../logger.ts'
import type { MutationRateLimit } from '../plugins/rate-limit.ts'
import type { RequestContext } from '../services/context.ts'
import { signedInUserId } from '../services/users.ts'
import type { RestCall } from './call.ts'
import { graphErrorResponse, RestError } from './graph-error.ts'
import { queryOptionsOf } from './query-options.ts'
import { parsedWith, readJsonObject } from './request-body.ts'
import { isRestPath, matchRoute } from './routes.ts'

export interface GraphRestDeps {
  auth: BearerAuth
  /** The same request context GraphQL resolvers get. */
  contextFor(principal: Principal): RequestContext
  rateLimit: MutationRateLimit
  maxBodyBytes: number
  logger: Logger
  /** The base of Location and @odata.context. */
  linkOrigin: LinkOrigin
}

// The URL's ids pass the checks GraphQL's userId and methodId arguments pass.
// A GUID is the same id in any case (Graph's are lower-case; tools may not be).
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const pathId = (input: z.ZodString) => input.transform((id) => (GUID.test(id) ? id.toLowerCase() : id)).optional()
const pathIds = z.object({ userId: pathId(userRefInput), methodId: pathId(idInput) })

const APP_ONLY_ME = '/me request is only valid with delegated authentication flow.'

/**
 * What every REST answer carries, as Graph's do: its request id and the
 * OData version (the request log echoes the caller's client-request-id on
 * every response already).
 */
function withGraphHeaders(response: Response): Response {
  const requestId = requestScope.getStore()?.requestId
  if (requestId) response.headers.set('request-id', requestId)
  response.headers.set('OData-Version', '4.0')
  return response
}

function targetUser(principal: Principal, me: boolean, userId: string | undefined): UserReference {
  return me ? userWithId(signedInUserId(principal)) : userReferenceOf(userId ?? '')
}

async function answer(request: Request, url: URL, serverContext: unknown, deps: GraphRestDeps): Promise<Response> {
  const principal = await deps.auth.authenticate(request)
  const route = matchRoute(request.method, url.pathname)
  if (route.me && principal.kind === 'app') throw new RestError(400, 'BAD_REQUEST', APP_ONLY_ME)
  const options = queryOptionsOf(url, route.version)
  const ids = parsedWith(pathIds, route.params)
  const body = request.method === 'GET' ? {} : await readJsonObject(request, deps.maxBodyBytes)
  if (request.method !== 'GET') await deps.rateLimit.charge(principal, 1)
  const call: RestCall = {
    ctx: deps.contextFor(principal),
    root: `${deps.linkOrigin(request, serverContext)}/${route.version}`,
    me: route.me,
    user: targetUser(principal, route.me, ids.userId),
    methodId: ids.methodId ?? '',
    body,
    select: options.select,
  }
  return route.handler(call)
}

export function useGraphRest(deps: GraphRestDeps): Plugin {
  return {
    async onRequest({ request, url, serverContext, endResponse }) {
      if (!isRestPath(url.pathname)) return
      const clientRequestId = requestScope.getStore()?.clientRequestId
      const response = await answer(request, url, serverContext, deps).catch((error: unknown) => graphErrorResponse(error, deps.logger, clientRequestId))
      endResponse(withGraphHeaders(response))
    },
  }
}

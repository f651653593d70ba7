// Graph-compatible REST routes inside the Yoga server (CONTRACT §3b): a
// Yoga plugin answers /v1.0/… and /beta/… in onRequest, so CORS, allowed
// hosts, request ids, access logs and request metrics (server-level
// plugins) apply as on /graphql, while authentication, the body limit and
// the rate limit are the very functions /graphql uses, and every route
// calls the services the resolvers call.
import type { Plugin } from 'graphql-yoga'
import { z } from 'zod'
import type { BearerAuth } from '../auth/plugin.ts'
import type { Principal } from '../domain/principal.ts'
import { idInput, userRefInput } from '../inputs.ts'
import type { Logger } from '../logger.ts'
import type { MutationRateLimit } from '../plugins/rate-limit.ts'
import type { RequestContext } from '../services/context.ts'
import { signedInUserId } from '../services/users.ts'
import type { RestCall } from './call.ts'
import { graphErrorResponse, RestError } from './graph-error.ts'
import { parsedWith, readJsonObject } from './request-body.ts'
import { isRestPath, matchRoute } from './routes.ts'

export interface GraphRestDeps {
  auth: BearerAuth
  /** The same request context GraphQL resolvers get. */
  contextFor(principal: Principal): RequestContext
  rateLimit: MutationRateLimit
  maxBodyBytes: number
  logger: Logger
}

/** OData query options ($select, $filter, $expand, …) are not supported: say which one was sent. */
function refuseQueryOptions(url: URL): void {
  const options = [...new Set([...url.searchParams.keys()].filter((key) => key.startsWith('$')))]
  if (options.length > 0) {
    throw new RestError(400, 'BAD_REQUEST', `OData query options are not supported: ${options.join(', ')}`)
  }
}

// The URL's ids pass the checks GraphQL's userId and methodId arguments pass.
const pathIds = z.object({ userId: userRefInput.optional(), methodId: idInput.optional() })

function targetUserRef(principal: Principal, me: boolean, userId: string | undefined): string {
  return me ? signedInUserId(principal) : (userId ?? '')
}

async function answer(request: Request, url: URL, deps: GraphRestDeps): Promise<Response> {
  const principal = await deps.auth.authenticate(request)
  const route = matchRoute(request.method, url.pathname)
  refuseQueryOptions(url)
  const ids = parsedWith(pathIds, route.params)
  const body = request.method === 'GET' ? {} : await readJsonObject(request, deps.maxBodyBytes)
  if (request.method !== 'GET') await deps.rateLimit.charge(principal, 1)
  const call: RestCall = {
    ctx: deps.contextFor(principal),
    root: `${url.origin}/${route.version}`,
    me: route.me,
    userRef: targetUserRef(principal, route.me, ids.userId),
    methodId: ids.methodId ?? '',
    body,
  }
  return route.handler(call)
}

export function useGraphRest(deps: GraphRestDeps): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (!isRestPath(url.pathname)) return
      endResponse(await answer(request, url, deps).catch((error: unknown) => graphErrorResponse(error, deps.logger)))
    },
  }
}

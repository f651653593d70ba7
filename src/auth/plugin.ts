// Every GraphQL request must carry a valid bearer token; anything else is
// answered 401 with `WWW-Authenticate: Bearer` before the document is even
// parsed. GraphiQL's page, /health and /ready are served before this point.
// The REST routes authenticate through the same function.
import type { Plugin } from 'graphql-yoga'
import type { Principal } from '../domain/principal.ts'
import { asGraphQLErrors } from '../plugins/error-codes.ts'
import { unauthenticated, type VerifyToken } from './tokens.ts'

export interface BearerAuth {
  plugin: Plugin
  /** Verifies the request's bearer token, or throws UNAUTHENTICATED (401). */
  authenticate(request: Request): Promise<Principal>
  /** The verified caller of a request that passed the plugin. */
  principalOf(request: Request): Principal
}

export function bearerAuth(verify: VerifyToken): BearerAuth {
  const principals = new WeakMap<Request, Principal>()
  const authenticate = async (request: Request) => {
    const header = request.headers.get('authorization')
    const token = header?.match(/^Bearer +(\S+)$/i)?.[1]
    if (!token) throw unauthenticated('send the header "Authorization: Bearer <token>"')
    return verify(token)
  }
  return {
    plugin: {
      async onRequestParse({ request }) {
        principals.set(request, await asGraphQLErrors(() => authenticate(request)))
      },
    },
    authenticate,
    principalOf(request) {
      const principal = principals.get(request)
      if (!principal) throw unauthenticated('no verified token for this request')
      return principal
    },
  }
}

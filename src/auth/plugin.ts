// Every GraphQL request must carry a valid bearer token; anything else is
// answered 401 with `WWW-Authenticate: Bearer` before the document is even
// parsed. GraphiQL's page, /health and /ready are served before this point.
import type { Plugin } from 'graphql-yoga'
import type { Principal } from '../domain/principal.ts'
import { unauthenticated, type VerifyToken } from './tokens.ts'

export interface BearerAuth {
  plugin: Plugin
  /** The verified caller of a request that passed the plugin. */
  principalOf(request: Request): Principal
}

export function bearerAuth(verify: VerifyToken): BearerAuth {
  const principals = new WeakMap<Request, Principal>()
  return {
    plugin: {
      async onRequestParse({ request }) {
        const header = request.headers.get('authorization')
        const token = header?.match(/^Bearer +(\S+)$/i)?.[1]
        if (!token) throw unauthenticated('send the header "Authorization: Bearer <token>"')
        principals.set(request, await verify(token))
      },
    },
    principalOf(request) {
      const principal = principals.get(request)
      if (!principal) throw unauthenticated('no verified token for this request')
      return principal
    },
  }
}

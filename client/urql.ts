// urql with graphcache, its normalized cache, at its default settings (no
// `keys`): entities are keyed by `__typename` and `id`, which is safe for
// every type of this schema: PhoneAuthenticationMethod.id is unique across
// users and tenants (Graph's per-type id, the same for every user, is
// methodId). Connections, edges and page infos have no id and are embedded
// in their parent, as graphcache does by default.
import { Client, fetchExchange } from '@urql/core'
import { cacheExchange } from '@urql/exchange-graphcache'

export function createUrqlClient(gatewayUrl: string, token: string, fetchImplementation?: typeof fetch): Client {
  return new Client({
    url: new URL('/graphql', gatewayUrl).toString(),
    exchanges: [cacheExchange(), fetchExchange],
    fetchOptions: { headers: { authorization: `Bearer ${token}` } },
    ...(fetchImplementation ? { fetch: fetchImplementation } : {}),
  })
}

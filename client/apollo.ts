// Apollo Client at its default settings: InMemoryCache with no typePolicies.
// Its default cache key, `__typename` and `id`, is safe for every type of
// this schema: PhoneAuthenticationMethod.id is unique across users and
// tenants (Graph's per-type id, the same for every user, is methodId).
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client'

export function createApolloClient(gatewayUrl: string, token: string, fetchImplementation?: typeof fetch): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({
      uri: new URL('/graphql', gatewayUrl).toString(),
      headers: { authorization: `Bearer ${token}` },
      ...(fetchImplementation ? { fetch: fetchImplementation } : {}),
    }),
    cache: new InMemoryCache(),
  })
}

/**
 * After deletePhoneMethod: the owner's list is already fresh (the payload's
 * `user { phoneMethods }`); this drops the deleted phone itself from the
 * cache, by the `id` the payload names.
 */
export function evictDeletedPhone(client: ApolloClient, deleted: { id: string }): void {
  client.cache.evict({ id: client.cache.identify({ __typename: 'PhoneAuthenticationMethod', id: deleted.id }) })
  client.cache.gc()
}

// Apollo Client for the gateway, with the kit's cache configuration:
//   - keys: `__typename` and `id`, safe for every type that has an id
//     (PhoneAuthenticationMethod.id is unique across users and tenants; Graph's
//     per-type id is methodId); types without one are embedded in their parent;
//   - paging: `users` pages merge per `search`, `auditEvents` per `filter`
//     (relayStylePagination), so "load more" appends;
//   - cross-entity effects of writes (write-effects.ts): a link evicts what a
//     write made stale, and watched queries refetch it.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type ApolloCache } from '@apollo/client'
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries'
import { relayStylePagination } from '@apollo/client/utilities'
import { Kind, type OperationDefinitionNode } from 'graphql'
import { tap } from 'rxjs'
import type { KitClientOptions } from './options.ts'
import { documentHashOf } from './trusted-documents.ts'
import { writeEffectsOf } from './write-effects.ts'

export function createApolloCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          users: relayStylePagination(['search']),
          auditEvents: relayStylePagination(['filter']),
        },
      },
      // A newer list replaces the older one (merge: false says so, and keeps Apollo from warning when it shrinks).
      User: { fields: { auditEvents: relayStylePagination(), phoneMethods: { merge: false } } },
      SmsAuthenticationMethodConfiguration: { fields: { includeTargets: { merge: false }, excludeTargets: { merge: false } } },
      // No identity: a newer answer replaces the user's preferences as a whole.
      SignInPreferences: { merge: true },
    },
  })
}

/** What a cache holds of each entity: its normalized store. */
const entityIds = (cache: ApolloCache, typename: string): string[] =>
  Object.keys(cache.extract(false) as Record<string, unknown>).filter((id) => id.startsWith(`${typename}:`))

/** Evicts what a write's answer cannot refresh by itself; queries watching it refetch. */
export function applyWriteEffects(cache: ApolloCache, mutationField: string, answer: unknown): void {
  const effects = writeEffectsOf(mutationField)
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'auditEvents' })
  if (effects.phoneLookups) cache.evict({ id: 'ROOT_QUERY', fieldName: 'phoneMethod' })
  for (const id of entityIds(cache, 'User')) {
    cache.evict({ id, fieldName: 'auditEvents' })
    if (effects.signInPreferences) cache.evict({ id, fieldName: 'signInPreferences' })
  }
  if (effects.smsSignInStates) {
    for (const id of entityIds(cache, 'PhoneAuthenticationMethod')) cache.evict({ id, fieldName: 'smsSignInState' })
  }
  const deletedId = effects.deletesPhone && typeof answer === 'object' && answer !== null && 'id' in answer ? answer.id : undefined
  if (typeof deletedId === 'string') cache.evict({ id: cache.identify({ __typename: 'PhoneAuthenticationMethod', id: deletedId }) })
  cache.gc()
}

/** A link that applies every successful mutation's effects to the cache. */
export function writeEffectsLink(cache: ApolloCache): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const definition = operation.query.definitions.find((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION)
    if (definition?.operation !== 'mutation') return forward(operation)
    return forward(operation).pipe(
      tap((result) => {
        const data = result.data as Record<string, unknown> | null | undefined
        for (const [field, answer] of Object.entries(data ?? {})) if (answer !== null) applyWriteEffects(cache, field, answer)
      }),
    )
  })
}

export function createApolloClient(gatewayUrl: string, token: string, options: KitClientOptions = {}): ApolloClient {
  const cache = createApolloCache()
  const http = new HttpLink({
    uri: new URL('/graphql', gatewayUrl).toString(),
    headers: { authorization: `Bearer ${token}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  const links = [writeEffectsLink(cache), ...(options.trustedDocuments ? [new PersistedQueryLink({ generateHash: documentHashOf })] : []), http]
  return new ApolloClient({ link: ApolloLink.from(links), cache })
}

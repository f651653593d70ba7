// urql with graphcache, its normalized cache, at the kit's settings
// (graphcacheConfig):
//   - keys: `__typename` and `id`, safe for every type that has an id
//     (PhoneAuthenticationMethod.id is unique across users and tenants; Graph's
//     per-type id is methodId); types without one are embedded in their
//     parent, declared so that graphcache does not warn about them;
//   - paging: relayPagination merges the pages of `users` (per `search`) and
//     of `auditEvents` (per `filter`);
//   - cross-entity effects of writes (write-effects.ts): after each mutation,
//     what its answer cannot refresh is invalidated, and active queries
//     that read it are fetched again.
import { Client, fetchExchange, type Exchange } from '@urql/core'
import { cacheExchange, type Cache, type CacheExchangeOpts, type UpdateResolver } from '@urql/exchange-graphcache'
import { relayPagination } from '@urql/exchange-graphcache/extras'
import { persistedExchange } from '@urql/exchange-persisted'
import type { KitClientOptions } from './options.ts'
import { documentHashOf } from './trusted-documents.ts'
import { TYPES_WITHOUT_IDENTITY, writeEffectsOf } from './write-effects.ts'

/** Every mutation of the schema: graphcache takes updates per field. */
export const MUTATION_FIELDS = [
  'addPhoneMethod',
  'updatePhoneMethod',
  'deletePhoneMethod',
  'enableSmsSignIn',
  'disableSmsSignIn',
  'updateSignInPreferences',
  'updateSmsAuthenticationMethodConfiguration',
  'resetSmsAuthenticationMethodConfiguration',
] as const

/** The fields of Query through which a screen reaches phones. */
const PHONE_ROOTS: ReadonlySet<string> = new Set(['users', 'user', 'me', 'phoneMethod'])

/** Every entity the cache holds, with its typename: a walk from Query through every link. */
function cachedEntities(cache: Cache): Map<string, string> {
  const found = new Map<string, string>()
  const pending = ['Query']
  const follow = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(follow)
    else if (typeof value === 'string' && !found.has(value) && typeof cache.resolve(value, '__typename') === 'string') pending.push(value)
  }
  while (pending.length > 0) {
    const key = pending.pop()!
    if (found.has(key)) continue
    found.set(key, key === 'Query' ? 'Query' : (cache.resolve(key, '__typename') as string))
    for (const field of cache.inspectFields(key)) follow(cache.resolve(key, field.fieldKey))
  }
  return found
}

/** Invalidates what a write's answer cannot refresh by itself. */
export function applyWriteEffects(cache: Cache, mutationField: string, answer: unknown): void {
  const effects = writeEffectsOf(mutationField)
  for (const [key, typename] of cachedEntities(cache)) {
    if (typename === 'Query' || typename === 'User') {
      for (const field of cache.inspectFields(key)) {
        const stale =
          field.fieldName === 'auditEvents' ||
          (effects.signInPreferences && field.fieldName === 'signInPreferences') ||
          (effects.phoneLookups && field.fieldName === 'phoneMethod') ||
          // Every list and lookup that leads to phones, each page of it: a list
          // merged from pages (relayPagination) whose later pages hold
          // invalidated phones would stay a cache miss after its first page is
          // fetched again; without them it shows that first page, complete.
          (effects.smsSignInStates && typename === 'Query' && PHONE_ROOTS.has(field.fieldName))
        if (stale) {
          cache.invalidate(key, field.fieldName, field.arguments ?? undefined)
        }
      }
    }
    if (effects.smsSignInStates && typename === 'PhoneAuthenticationMethod') cache.invalidate(key, 'smsSignInState')
  }
  const deletedId = effects.deletesPhone && typeof answer === 'object' && answer !== null && 'id' in answer ? answer.id : undefined
  if (typeof deletedId === 'string') cache.invalidate({ __typename: 'PhoneAuthenticationMethod', id: deletedId })
}

const afterWrite =
  (field: string): UpdateResolver =>
  (result, _args, cache) => {
    if (result[field] !== null && result[field] !== undefined) applyWriteEffects(cache, field, result[field])
  }

/** graphcache's configuration for this schema: pass it to cacheExchange. */
export function graphcacheConfig(): Partial<CacheExchangeOpts> {
  return {
    keys: Object.fromEntries(TYPES_WITHOUT_IDENTITY.map((typename) => [typename, () => null])),
    resolvers: {
      Query: { users: relayPagination(), auditEvents: relayPagination() },
      User: { auditEvents: relayPagination() },
    },
    updates: { Mutation: Object.fromEntries(MUTATION_FIELDS.map((field) => [field, afterWrite(field)])) },
  }
}

export function createUrqlClient(gatewayUrl: string, token: string, options: KitClientOptions = {}): Client {
  const trusted: Exchange[] = options.trustedDocuments
    ? [persistedExchange({ generateHash: (_query, document) => documentHashOf(document), enableForMutation: true })]
    : []
  return new Client({
    url: new URL('/graphql', gatewayUrl).toString(),
    exchanges: [cacheExchange(graphcacheConfig()), ...trusted, fetchExchange],
    fetchOptions: { headers: { authorization: `Bearer ${token}` } },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
}

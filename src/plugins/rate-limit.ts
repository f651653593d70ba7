// MUTATION_RATE_LIMIT: mutations per minute per caller (the token's tenant
// and subject), as a token bucket: a caller may burst up to the limit, and
// earns it back at limit/60 per second. Every mutation field counts, and so
// does every write through the REST routes (one bucket per caller for both);
// a document that would go over the limit is refused whole, before it runs.
// The buckets live in this process: behind a load balancer the limit holds
// per gateway process.
import { getOperationAST, Kind } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { GatewayError } from '../domain/errors.ts'
import type { Principal } from '../domain/principal.ts'
import type { RequestContext } from '../services/context.ts'

interface Bucket {
  tokens: number
  refilledAt: number
}

export interface MutationRateLimit {
  /** Counts `cost` writes against the caller, or throws RATE_LIMITED (429, Retry-After) and counts nothing. */
  charge(principal: Principal, cost: number): void
  /** Charges each GraphQL mutation one per mutation field, before it runs. */
  plugin: Plugin<RequestContext>
}

export function createMutationRateLimit(perMinute: number, now: () => number = Date.now): MutationRateLimit {
  const buckets = new Map<string, Bucket>()
  const perMs = perMinute / 60_000
  let lastSweep = now()

  // Full buckets carry no information: drop them now and then.
  const sweep = (at: number) => {
    if (at - lastSweep < 60_000) return
    lastSweep = at
    for (const [caller, bucket] of buckets) if (bucket.tokens + (at - bucket.refilledAt) * perMs >= perMinute) buckets.delete(caller)
  }

  const charge = ({ tenantId, subjectId }: Principal, cost: number) => {
    if (perMinute === 0) return
    const caller = `${tenantId}\u0000${subjectId}`
    const at = now()
    sweep(at)
    const bucket = buckets.get(caller) ?? { tokens: perMinute, refilledAt: at }
    bucket.tokens = Math.min(perMinute, bucket.tokens + (at - bucket.refilledAt) * perMs)
    bucket.refilledAt = at
    buckets.set(caller, bucket)
    if (bucket.tokens < cost) {
      const retryAfter = Math.ceil((cost - bucket.tokens) / perMs / 1000)
      throw new GatewayError(
        'RATE_LIMITED',
        `too many mutations: the limit is ${perMinute} a minute per caller; retry in ${retryAfter} s`,
        { status: 429, headers: { 'Retry-After': String(retryAfter) } },
      )
    }
    bucket.tokens -= cost
  }

  return {
    charge,
    plugin:
      perMinute === 0
        ? {}
        : {
            onExecute({ args }) {
              const operation = getOperationAST(args.document, args.operationName)
              if (operation?.operation !== 'mutation') return
              charge(args.contextValue.principal, operation.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD).length || 1)
            },
          },
  }
}

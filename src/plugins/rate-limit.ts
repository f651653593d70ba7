// MUTATION_RATE_LIMIT: mutations per minute per caller (the token's tenant
// and subject). Every mutation field the operation executes counts, however
// the document writes it (aliases, inline fragments, fragment spreads; each
// operation of a batch is charged on its own), and so does every write
// through the REST routes (one budget per caller for both); an operation that
// would go over the limit is refused whole, before it runs, and counts nothing.
//
// Without REDIS_URL the budget lives in this process: a token bucket (a burst
// up to the limit, earned back at limit/60 per second). With REDIS_URL it is
// one budget per caller for every process sharing that Redis
// (rate-limiter-flexible's Redis store: a one-minute window per caller); while
// Redis cannot answer, each process counts alone with its own token bucket
// (see docs/operations.md): a Redis outage never fails a request.
import { collectFields } from '@graphql-tools/utils'
import { getOperationAST, getVariableValues, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { Redis } from 'ioredis'
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import { GatewayError } from '../domain/errors.ts'
import { asGraphQLErrors } from './error-codes.ts'
import type { Principal } from '../domain/principal.ts'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics.ts'
import type { RequestContext } from '../services/context.ts'

interface Bucket {
  tokens: number
  refilledAt: number
}

export interface MutationRateLimit {
  /** Counts `cost` writes against the caller, or throws RATE_LIMITED (429, Retry-After) and counts nothing. */
  charge(principal: Principal, cost: number): Promise<void>
  /** Charges each GraphQL mutation one per mutation field, before it runs. */
  plugin: Plugin<RequestContext>
}

/** Where the shared budget lives, and what to tell when it cannot be reached. */
export interface SharedBudget {
  redis: Redis
  logger: Logger
  metrics: Metrics
}

const KEY_PREFIX = 'phone-gateway:mutations'

function rateLimited(perMinute: number, retryAfterSeconds: number): GatewayError {
  const retryAfter = Math.max(1, retryAfterSeconds)
  return new GatewayError('RATE_LIMITED', `too many mutations: the limit is ${perMinute} a minute per caller; retry in ${retryAfter} s`, {
    status: 429,
    headers: { 'Retry-After': String(retryAfter) },
  })
}

const callerKey = ({ tenantId, subjectId }: Principal) => `${tenantId}\u0000${subjectId}`

/** This process's own budget: a token bucket per caller. */
function localBudget(perMinute: number, now: () => number) {
  const buckets = new Map<string, Bucket>()
  const perMs = perMinute / 60_000
  let lastSweep = now()

  // Full buckets carry no information: drop them now and then.
  const sweep = (at: number) => {
    if (at - lastSweep < 60_000) return
    lastSweep = at
    for (const [caller, bucket] of buckets) if (bucket.tokens + (at - bucket.refilledAt) * perMs >= perMinute) buckets.delete(caller)
  }

  return (caller: string, cost: number) => {
    const at = now()
    sweep(at)
    const bucket = buckets.get(caller) ?? { tokens: perMinute, refilledAt: at }
    bucket.tokens = Math.min(perMinute, bucket.tokens + (at - bucket.refilledAt) * perMs)
    bucket.refilledAt = at
    buckets.set(caller, bucket)
    if (bucket.tokens < cost) throw rateLimited(perMinute, Math.ceil((cost - bucket.tokens) / perMs / 1000))
    bucket.tokens -= cost
  }
}

/** The budget shared through Redis, falling back to the local one while Redis cannot answer. */
function sharedBudget(perMinute: number, shared: SharedBudget, local: (caller: string, cost: number) => void) {
  const limiter = new RateLimiterRedis({
    storeClient: shared.redis,
    keyPrefix: KEY_PREFIX,
    points: perMinute,
    duration: 60,
    // Refuse at once while disconnected instead of waiting for a reconnect.
    rejectIfRedisNotReady: true,
  })
  let fallingBack = false
  const reachable = (yes: boolean, error?: unknown) => {
    shared.metrics.rateLimitStoreUp.set(yes ? 1 : 0)
    if (yes === !fallingBack) return
    fallingBack = !yes
    if (yes) shared.logger.info('the rate limit store (Redis) answers again: the mutation rate limit is shared across processes again')
    else shared.logger.warn({ err: error }, 'the rate limit store (Redis) cannot be reached: each process counts the mutation rate limit alone until it answers')
  }
  return async (caller: string, cost: number) => {
    let refusal: RateLimiterRes
    try {
      await limiter.consume(caller, cost)
      reachable(true)
      return
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) {
        reachable(false, error)
        shared.metrics.rateLimitFallbacks.inc()
        return local(caller, cost)
      }
      reachable(true)
      refusal = error
    }
    // A refused operation counts nothing: give its points back.
    await limiter.reward(caller, cost).catch(() => {})
    throw rateLimited(perMinute, Math.ceil(refusal.msBeforeNext / 1000))
  }
}

export function createMutationRateLimit(perMinute: number, shared?: SharedBudget, now: () => number = Date.now): MutationRateLimit {
  const local = localBudget(perMinute, now)
  const budget = shared ? sharedBudget(perMinute, shared, local) : local
  const charge = async (principal: Principal, cost: number) => {
    if (perMinute === 0) return
    await budget(callerKey(principal), cost)
  }

  return {
    charge,
    plugin:
      perMinute === 0
        ? {}
        : {
            async onExecute({ args }) {
              const operation = getOperationAST(args.document, args.operationName)
              if (operation?.operation !== 'mutation') return
              const cost = mutationFieldsExecuted(args.schema, args.document, operation, args.variableValues ?? {})
              if (cost !== undefined) await asGraphQLErrors(() => charge(args.contextValue.principal, cost))
            },
          },
  }
}

/**
 * The root fields the operation will execute, collected as execution collects
 * them (graphql-tools' copy of graphql-js's collectFields):
 * fragments expanded, @skip/@include applied, one per response key. Undefined
 * when its variables do not coerce: then execution refuses it and runs nothing.
 */
function mutationFieldsExecuted(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
): number | undefined {
  const mutationType = schema.getMutationType()
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables)
  if (!mutationType || variables.errors) return undefined
  const fragments: Record<string, FragmentDefinitionNode> = {}
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition
  const { fields } = collectFields(schema, fragments, variables.coerced, mutationType, operation.selectionSet)
  // An operation that selects nothing but __typename still costs one.
  return Math.max(1, [...fields.values()].filter(([field]) => field!.name.value !== '__typename').length)
}

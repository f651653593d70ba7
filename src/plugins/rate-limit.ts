// MUTATION_RATE_LIMIT: mutations per minute per caller (the token's tenant
// and subject), as a token bucket: a caller may burst up to the limit, and
// earns it back at limit/60 per second. Every mutation field the operation
// executes counts, however the document writes it (aliases, inline fragments,
// fragment spreads; each operation of a batch is charged on its own), and so
// does every write through the REST routes (one bucket per caller for both);
// an operation that would go over the limit is refused whole, before it runs.
// The buckets live in this process: behind a load balancer the limit holds
// per gateway process.
import { collectFields } from '@graphql-tools/utils'
import { getOperationAST, getVariableValues, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql'
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
              const cost = mutationFieldsExecuted(args.schema, args.document, operation, args.variableValues ?? {})
              if (cost !== undefined) charge(args.contextValue.principal, cost)
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

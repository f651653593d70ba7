// The limits of CONTRACT §3 on a document (tokens, depth, aliases, cost,
// directives), checked by GraphQL Armor before it runs. A document over a
// limit fails validation: GRAPHQL_VALIDATION_FAILED, with a message of ours
// (Armor's own start with "Syntax Error:", which they are not). Each
// refusal is thrown where Armor finds it, ending the work on the document.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor'
import { GraphQLError, GraphQLInt, Kind, visit, BREAK, type DocumentNode, type ValidationContext } from 'graphql'
import type { Config } from '../config.ts'
import type { ErrorCode } from '../domain/errors.ts'

const CODE: ErrorCode = 'GRAPHQL_VALIDATION_FAILED'
const overLimit = (message: string) => new GraphQLError(message, { extensions: { code: CODE, http: { status: 400, spec: true } } })

/** The refusal ends parsing or validation there: one error, and no more work spent on the document. */
const refuse = (message: string) => (): never => {
  throw overLimit(message)
}

/**
 * Armor's cost rule multiplies by the `first` or `last` literal of a field
 * as it reads it, before validation has checked that literal is an Int: a
 * `first: 2147483648` would be priced in billions. Such a document is refused
 * for its literal (graphql-js's ValuesOfCorrectTypeRule), not for its price.
 */
function hasOutOfRangePageSize(document: DocumentNode): boolean {
  let found = false
  visit(document, {
    Argument(node) {
      if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.INT) {
        try {
          GraphQLInt.parseLiteral(node.value)
        } catch {
          found = true
          return BREAK
        }
      }
      return undefined
    },
  })
  return found
}

export function useDocumentLimits(limits: Config['limits']) {
  const refuseCost = refuse(
    `the document costs more than ${limits.cost} (a field costs 1, a page of users as much as its size times its fields): ask for fewer users or fields`,
  )
  return EnvelopArmorPlugin({
    maxTokens: {
      n: limits.tokens,
      propagateOnRejection: false,
      onReject: [refuse(`the document has more than ${limits.tokens} tokens (names, punctuation, values): send a smaller one`)],
    },
    maxAliases: {
      n: limits.aliases,
      propagateOnRejection: false,
      onReject: [refuse(`the document uses more than ${limits.aliases} aliases`)],
    },
    maxDepth: {
      n: limits.depth,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [refuse(`the document nests fields more than ${limits.depth} levels deep`)],
    },
    // Cost: one per field, times `first` for a page of users; no extra
    // weight for depth (our schema is shallow). users(first: 200) with
    // every field of every phone costs about 2,500.
    costLimit: {
      maxCost: limits.cost,
      objectCost: 1,
      scalarCost: 1,
      depthCostFactor: 1,
      propagateOnRejection: false,
      onReject: [(context: ValidationContext | null) => (context && hasOutOfRangePageSize(context.getDocument()) ? undefined : refuseCost())],
    },
    maxDirectives: {
      n: limits.directives,
      propagateOnRejection: false,
      onReject: [refuse(`the document uses more than ${limits.directives} directives`)],
    },
    // Suggestions follow introspection instead (see hidden-suggestions.ts);
    // Armor's mask also misses "Did you mean the enum value …".
    blockFieldSuggestion: { enabled: false },
  })
}

// The limits of docs/limits.md on a document (tokens, depth, aliases,
// directives), checked by GraphQL Armor before it runs; its cost has a plugin
// of its own (cost-limit.ts), which sees variables and batches. A document over a
// limit fails validation: GRAPHQL_VALIDATION_FAILED, with a message of ours
// (Armor's own start with "Syntax Error:", which they are not). Each
// refusal is thrown where Armor finds it, ending the work on the document.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor'
import { GraphQLError } from 'graphql'
import type { Config } from '../config.ts'
import type { ErrorCode } from '../domain/errors.ts'

const CODE: ErrorCode = 'GRAPHQL_VALIDATION_FAILED'
const overLimit = (message: string) => new GraphQLError(message, { extensions: { code: CODE, http: { status: 400, spec: true } } })

/** The refusal ends parsing or validation there: one error, and no more work spent on the document. */
const refuse = (message: string) => (): never => {
  throw overLimit(message)
}

export function useDocumentLimits(limits: Config['limits']) {
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
    // Armor's own estimate sees neither variables nor batches: cost-limit.ts instead.
    costLimit: { enabled: false },
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

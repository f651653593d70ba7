// At most MAX_BATCH operations per request. Yoga has its own check, which
// answers 413 (as if the body were too large); a batch over the limit is a
// malformed request (docs/errors.md): 400 BAD_REQUEST. This one runs first.
import { createGraphQLError, type Plugin } from 'graphql-yoga'

export function useBatchLimit(maxOperations: number): Plugin {
  return {
    onRequestParse() {
      return {
        onRequestParseDone({ requestParserResult }) {
          if (Array.isArray(requestParserResult) && requestParserResult.length > maxOperations) {
            throw createGraphQLError(
              `the batch is too large: it has ${requestParserResult.length} operations, and a request may carry at most ${maxOperations}`,
              { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
            )
          }
        },
      }
    },
  }
}

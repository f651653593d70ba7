// Every error a client sees carries an `extensions.code` from CONTRACT §7.
// Expected failures already do (they are GatewayErrors); anything unexpected
// is masked to INTERNAL_SERVER_ERROR with no detail (Yoga logs the original);
// errors of the request itself (syntax, validation, limits, body size) are
// the client's input: BAD_USER_INPUT, keeping their HTTP status.
import { GraphQLError, type ExecutionResult } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { classifyDatabaseError } from '../db/errors.ts'
import { ERROR_CODES, GatewayError } from '../domain/errors.ts'

const CONTRACT_CODES = new Set<string>(ERROR_CODES)

const internal = (path?: readonly (string | number)[]) =>
  new GraphQLError('Unexpected error.', { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } })

/**
 * Yoga's maskError: GraphQLErrors we raised pass. A database that cannot be
 * reached, or is too busy, says so (503, or CONFLICT_RETRY: both safe to
 * retry) without detail; anything else becomes a bare INTERNAL_SERVER_ERROR.
 */
export function maskUnexpectedError(error: unknown): Error {
  const original = error instanceof GraphQLError ? error.originalError : error
  if (error instanceof GraphQLError && (original === undefined || original instanceof GraphQLError)) return error
  // Yoga parses the variables and extensions of GET and form requests with a
  // bare JSON.parse: its SyntaxError is the client's malformed parameter.
  if (original instanceof SyntaxError) {
    return new GatewayError('BAD_USER_INPUT', 'a JSON parameter of the request (variables or extensions) does not parse', { status: 400 })
  }
  switch (classifyDatabaseError(original)) {
    case 'unavailable':
      return new GatewayError('INTERNAL_SERVER_ERROR', 'the database is not reachable right now; retry shortly', { status: 503 })
    case 'conflict':
      return new GatewayError('CONFLICT_RETRY', 'the database was busy with concurrent changes; nothing was written, retry it')
    default:
      return internal()
  }
}

function withContractCode(error: GraphQLError): GraphQLError {
  const code = error.extensions?.code
  if (typeof code === 'string' && CONTRACT_CODES.has(code)) return error
  // An error with a path arose while executing: graphql-js's own (a null in a
  // non-null field, say) is our bug, not the client's input.
  if (error.path) return internal(error.path)
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
  })
}

function normalized(result: ExecutionResult): ExecutionResult {
  return result.errors ? { ...result, errors: result.errors.map(withContractCode) } : result
}

export function useContractErrorCodes(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) setResult(result.map(normalized))
      else if (!(Symbol.asyncIterator in result)) setResult(normalized(result as ExecutionResult))
    },
  }
}

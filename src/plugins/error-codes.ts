// Every error a client sees carries an `extensions.code` from docs/errors.md,
// and nothing internal. Expected failures carry theirs (they are the
// domain's GatewayErrors, given their GraphQL form here: graphQLErrorOf), and
// so do request errors: Yoga marks them with the
// ecosystem's codes (BAD_REQUEST, GRAPHQL_PARSE_FAILED,
// GRAPHQL_VALIDATION_FAILED), and so do our own limits. Anything unexpected
// is masked to INTERNAL_SERVER_ERROR with no detail (Yoga logs the original).
import { GraphQLError, type ExecutionResult } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { classifyDatabaseError } from '../db/errors.ts'
import { GatewayError, isErrorCode, type ErrorCode } from '../domain/errors.ts'

/**
 * The GraphQL form of an expected failure: its code, field and HTTP hint in
 * `extensions`, and, when graphql-js located it in a field, that location.
 */
export function graphQLErrorOf(error: GatewayError, located?: GraphQLError): GraphQLError {
  const { code, field, http } = error
  return new GraphQLError(error.message, {
    nodes: located?.nodes,
    source: located?.source,
    positions: located?.positions,
    path: located?.path,
    extensions: { code, ...(field === undefined ? {} : { field }), ...(http ? { http } : {}) },
  })
}

/** Whether Yoga hands over an expected failure (as thrown, or as graphql-js located it): it is answered, never logged as an error. */
export const isExpectedFailure = (error: unknown): boolean =>
  error instanceof GatewayError || (error instanceof GraphQLError && error.originalError instanceof GatewayError)

/** Runs a hook of a plugin at the edge so that an expected failure reaches Yoga in its GraphQL form. */
export async function asGraphQLErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw error instanceof GatewayError ? graphQLErrorOf(error) : error
  }
}

const internal = (path?: readonly (string | number)[]) =>
  new GraphQLError('Unexpected error.', { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } })

/**
 * Yoga's maskError: an expected failure (a GatewayError, as a resolver threw
 * it) takes its GraphQL form; GraphQLErrors we raised pass. A database that cannot be
 * reached, or is too busy, says so (503, or CONFLICT_RETRY: both safe to
 * retry) without detail; anything else becomes a bare INTERNAL_SERVER_ERROR.
 */
export function maskUnexpectedError(error: unknown): GraphQLError {
  const original = error instanceof GraphQLError ? error.originalError : error
  if (original instanceof GatewayError) return graphQLErrorOf(original, error instanceof GraphQLError ? error : undefined)
  if (error instanceof GraphQLError && (original === undefined || original instanceof GraphQLError)) return error
  // Yoga parses the variables and extensions of GET and form requests with a
  // bare JSON.parse: its SyntaxError is the client's malformed parameter.
  if (original instanceof SyntaxError) {
    return graphQLErrorOf(new GatewayError('BAD_REQUEST', 'a JSON parameter of the request (variables or extensions) does not parse', { status: 400 }))
  }
  switch (classifyDatabaseError(original)) {
    case 'unavailable':
      return graphQLErrorOf(new GatewayError('INTERNAL_SERVER_ERROR', 'the database is not reachable right now; retry shortly', { status: 503 }))
    case 'conflict':
      return graphQLErrorOf(new GatewayError('CONFLICT_RETRY', 'the database was busy with concurrent changes; nothing was written, retry it'))
    default:
      return internal()
  }
}

/** Codes of the ecosystem that docs/errors.md spells otherwise. */
const CONTRACT_CODE_OF: Record<string, ErrorCode> = {
  // Yoga's, for an operationName that picks no operation of the document: a bad request parameter.
  OPERATION_RESOLUTION_FAILURE: 'BAD_REQUEST',
}

/** A refusal of the request: 400 under application/graphql-response+json, 200 under application/json (GraphQL over HTTP). */
const REQUEST_ERROR = { status: 400, spec: true }

function contractExtensionsOf(error: GraphQLError): { code: ErrorCode; http?: typeof REQUEST_ERROR } {
  const code = error.extensions?.code
  if (isErrorCode(code)) return { code }
  if (typeof code === 'string' && Object.hasOwn(CONTRACT_CODE_OF, code)) return { code: CONTRACT_CODE_OF[code]! }
  // graphql-js's refusals of a document before it runs (a subscription,
  // which this schema does not serve) carry no code: the document does not
  // fit the schema. (Errors with a path are handled before this.)
  return { code: 'GRAPHQL_VALIDATION_FAILED', http: REQUEST_ERROR }
}

function withContractCode(error: GraphQLError): GraphQLError {
  const { code, originalError, stack, ...extensions } = error.extensions ?? {}
  const clean = originalError === undefined && stack === undefined
  if (isErrorCode(code) && clean) return error
  // An error with a path arose while executing: graphql-js's own (a null in a
  // non-null field, say) is our bug, not the client's input.
  if (!isErrorCode(code) && error.path) return internal(error.path)
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: {
      ...contractExtensionsOf(error),
      ...extensions,
      // Yoga attaches the JSON parser's own error as originalError (its
      // message is parser internals) and reads its presence to answer 400
      // whatever the Accept header: without it, the status must stand alone.
      ...(clean || !isRecord(extensions.http) ? {} : { http: { ...extensions.http, spec: false } }),
    },
  })
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

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

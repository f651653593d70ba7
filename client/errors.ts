// The gateway's error codes as a client meets them: `extensions.code` of a
// GraphQL error, typed by the schema's ErrorCode enum, whichever client
// library delivered the error.
import { ErrorCode } from './generated/enums.ts'

export { ErrorCode }

const CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode))

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODES.has(value)
}

/** A GraphQL error as it arrives over HTTP. */
interface ReceivedError {
  message: string
  extensions?: Record<string, unknown>
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

const receivedErrors = (value: unknown): ReceivedError[] =>
  Array.isArray(value) ? value.filter((error): error is ReceivedError => isObject(error) && typeof error.message === 'string') : []

/**
 * The GraphQL errors inside what a client library throws or returns:
 * urql's CombinedError (`graphQLErrors`), Apollo Client's
 * CombinedGraphQLErrors and a response body (`errors`), graphql-request's
 * ClientError (`response.errors`), or one GraphQL error (with `extensions`).
 */
function graphQLErrorsIn(error: unknown): ReceivedError[] {
  if (!isObject(error)) return []
  if ('graphQLErrors' in error) return receivedErrors(error.graphQLErrors)
  if ('errors' in error) return receivedErrors(error.errors)
  if (isObject(error.response)) return receivedErrors(error.response.errors)
  // A lone error is a GraphQL error only with extensions: a network failure is an Error too.
  return isObject(error.extensions) ? receivedErrors([error]) : []
}

/** The contract code of the first error that has one; undefined for a network failure or an unknown code. */
export function errorCodeOf(error: unknown): ErrorCode | undefined {
  return graphQLErrorsIn(error)
    .map((received) => received.extensions?.code)
    .find(isErrorCode)
}

/** What to tell the person: the first GraphQL error's message, never a library's dump of the request. */
export function errorMessageOf(error: unknown): string {
  return graphQLErrorsIn(error)[0]?.message ?? 'The gateway could not be reached.'
}

/**
 * The path of the input an error is about (`input.phoneNumber`,
 * `input.phoneType`, `input.methodId`, `first`), to show the message beside
 * that field: BAD_USER_INPUT and the rule codes carry it.
 */
export function errorFieldOf(error: unknown): string | undefined {
  const field = graphQLErrorsIn(error).find((received) => typeof received.extensions?.field === 'string')?.extensions?.field
  return typeof field === 'string' ? field : undefined
}

// Graph's error shape, `{ error: { code, message, innerError: { code,
// request-id, client-request-id, date } } }`: `code` is the one Graph gives
// for the status (what Graph's SDKs surface and scripts branch on), and
// `innerError.code` the gateway's precise one, as on /graphql. Expected
// failures (GatewayErrors from the services, auth and limits) keep their
// message; anything else is masked exactly as on /graphql and logged once.
import { GraphQLError } from 'graphql'
import { GatewayError, isErrorCode, UserNotFoundError, type ErrorCode } from '../domain/errors.ts'
import { requestScope, type Logger } from '../logger.ts'
import { maskUnexpectedError } from '../plugins/error-codes.ts'
import { jsonResponse } from './call.ts'

/** A refusal of the request itself (route, method, media type, body, query options), before any service runs. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    /** A 404 for a user that does not exist, which Graph tells apart from other missing items. */
    readonly missingUser = false,
  ) {
    super(message)
  }
}

/** Graph's error code for a status (and, for 404 and 409, what was missing or conflicting). */
export function graphCodeOf({ status, code, missingUser }: Pick<RestError, 'status' | 'code' | 'missingUser'>): string {
  switch (status) {
    case 401:
      return 'InvalidAuthenticationToken'
    case 403:
      return 'accessDenied'
    case 404:
      return missingUser ? 'Request_ResourceNotFound' : 'itemNotFound'
    case 409:
      return code === 'CONFLICT_RETRY' ? 'resourceModified' : 'invalidRequest'
    case 429:
      return 'activityLimitReached'
    case 503:
      return 'serviceNotAvailable'
    default:
      return status >= 500 ? 'generalException' : 'invalidRequest'
  }
}

/** §3b's status of each code (a service's hint, such as 503 for an unreachable database, wins). */
const STATUS_BY_CODE: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  BAD_USER_INPUT: 400,
  MOBILE_REQUIRED: 400,
  SMS_SIGN_IN_NOT_SUPPORTED: 400,
  SMS_SIGN_IN_NOT_ALLOWED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PHONE_TYPE_ALREADY_EXISTS: 409,
  ALTERNATE_MOBILE_EXISTS: 409,
  PHONE_NUMBER_NOT_UNIQUE: 409,
  DEFAULT_METHOD_CANNOT_BE_DELETED: 409,
  CONFLICT_RETRY: 409,
  RATE_LIMITED: 429,
  SERVER_BUSY: 503,
  INTERNAL_SERVER_ERROR: 500,
  // GraphQL documents only: no REST request has one.
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  PERSISTED_QUERY_NOT_FOUND: 400,
  PERSISTED_QUERY_ONLY: 400,
}

interface HttpHint {
  status?: number
  headers?: Record<string, string>
}

function restErrorOf(error: unknown, logger: Logger): RestError {
  if (error instanceof RestError) return error
  // What we did not raise ourselves is unexpected: the log gets it (scrubbed), the client a bare code.
  if (!(error instanceof GatewayError || error instanceof GraphQLError)) logger.error(error)
  const masked = maskUnexpectedError(error)
  const code = masked.extensions.code
  if (!isErrorCode(code)) return new RestError(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.')
  const http = masked.extensions.http as HttpHint | undefined
  return new RestError(http?.status ?? STATUS_BY_CODE[code], code, masked.message, http?.headers, error instanceof UserNotFoundError)
}

/** The response for anything a route threw; `clientRequestId` is the caller's own id for the request, when it sent one. */
export function graphErrorResponse(error: unknown, logger: Logger, clientRequestId: string | undefined): Response {
  const refusal = restErrorOf(error, logger)
  const body = {
    error: {
      code: graphCodeOf(refusal),
      message: refusal.message,
      innerError: {
        code: refusal.code,
        'request-id': requestScope.getStore()?.requestId,
        ...(clientRequestId === undefined ? {} : { 'client-request-id': clientRequestId }),
        date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    },
  }
  return jsonResponse(body, refusal.status, refusal.headers)
}

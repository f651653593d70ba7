import { GraphQLError } from 'graphql'

/** Every code a client can see in `extensions.code` (CONTRACT §7). */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'PHONE_TYPE_ALREADY_EXISTS',
  'MOBILE_REQUIRED',
  'ALTERNATE_MOBILE_EXISTS',
  'SMS_SIGN_IN_NOT_SUPPORTED',
  'SMS_SIGN_IN_NOT_ALLOWED',
  'PHONE_NUMBER_NOT_UNIQUE',
  'DEFAULT_METHOD_CANNOT_BE_DELETED',
  'RATE_LIMITED',
  'CONFLICT_RETRY',
  'INTERNAL_SERVER_ERROR',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

interface HttpHint {
  status: number
  headers?: Record<string, string>
}

/**
 * An expected failure. It is a GraphQLError so that Yoga shows it to the
 * client as it is (anything else is masked as INTERNAL_SERVER_ERROR).
 */
export class GatewayError extends GraphQLError {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string, http?: HttpHint) {
    super(message, { extensions: http ? { code, http } : { code } })
    this.code = code
  }
}

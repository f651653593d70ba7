/**
 * Every code a client can see in `extensions.code` (docs/errors.md), with what
 * it means and what a client should do. The one list: the ErrorCode type,
 * the error plugin's allow-list and the schema's `enum ErrorCode` come from it.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: 'No bearer token, or a malformed, badly signed, expired or not-yet-valid one (HTTP 401). Get a new token.',
  FORBIDDEN:
    "The token lacks the scope, permission or role the operation needs, or a user tried to add or update a phone on their own account. Ask for the permission the message names; don't retry as is.",
  NOT_FOUND: "The user or the phone method is not in the caller's tenant. Check the id.",
  BAD_USER_INPUT:
    'A value the schema refuses: a variable that does not coerce to its type, a phone number not in the format, a page size out of 1–200, a foreign cursor, an unknown policy target. extensions.field is the path of the offending input. Fix the value.',
  PHONE_TYPE_ALREADY_EXISTS: 'The user already has a phone of that type. Update or delete that phone instead.',
  MOBILE_REQUIRED: 'An alternateMobile for a user without a mobile. Add the mobile first.',
  ALTERNATE_MOBILE_EXISTS: 'Deleting the mobile while an alternateMobile exists. Delete the alternateMobile first.',
  SMS_SIGN_IN_NOT_SUPPORTED: 'Enabling or disabling SMS sign-in on a phone that is not the mobile. Use the mobile.',
  SMS_SIGN_IN_NOT_ALLOWED: 'Enabling SMS sign-in for a user the SMS policy does not allow. Change the policy first.',
  PHONE_NUMBER_NOT_UNIQUE:
    'Enabling SMS sign-in on a number another user of the tenant holds for SMS sign-in. Free the number on the other user, or use another number.',
  DEFAULT_METHOD_CANNOT_BE_DELETED: "Deleting the phone that is the user's default sign-in method. Change the default method first.",
  RATE_LIMITED: 'Over the mutation rate limit of the caller (HTTP 429, Retry-After). Wait Retry-After seconds.',
  SERVER_BUSY:
    'The gateway is over its concurrency, memory or event-loop limit and sheds new requests (HTTP 503, Retry-After); nothing was done. Retry after Retry-After seconds.',
  CONFLICT_RETRY: 'A write kept conflicting with concurrent writes through all its retries; nothing was written. Retry it.',
  INTERNAL_SERVER_ERROR:
    'Something unexpected (logged with the request id; no detail is shown), or the database is unreachable (HTTP 503). Retry later; report the X-Request-Id.',
  GRAPHQL_PARSE_FAILED: 'The document is not GraphQL: it does not parse (HTTP 400). Fix the client code.',
  GRAPHQL_VALIDATION_FAILED:
    'The document does not validate against the schema (an unknown field, an invalid literal such as an unknown enum value or an Int out of 32-bit range), or it breaks a limit: depth, aliases, tokens, cost, directives. Fix the client code.',
  BAD_REQUEST:
    'A malformed HTTP request: a body that is not JSON, a batch over the limit, a wrong content type, a body too large (HTTP 413) or without a Content-Length (HTTP 411). Fix the client code.',
  PERSISTED_QUERY_NOT_FOUND:
    'The request named a trusted document (extensions.persistedQuery.sha256Hash or documentId) the gateway does not know. Persisted-query clients then send the document itself (allowed mode); otherwise deploy the manifest that has it.',
  PERSISTED_QUERY_ONLY:
    'The gateway runs only trusted documents (PERSISTED_OPERATIONS=required) and the request sent a document of its own. Send the hash of a document from the manifest of your build.',
} as const satisfies Record<string, string>

export type ErrorCode = keyof typeof ERROR_CODES

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(ERROR_CODES, code)

/** The HTTP status (and headers, such as Retry-After) an expected failure asks its answer to carry. */
export interface HttpHint {
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
}

/**
 * An expected failure: its code, a message the client may read, the input
 * `field` it concerns and an HTTP hint. Transport-free: the GraphQL and REST
 * edges turn it into their own error shapes; anything that is not one is
 * masked there as INTERNAL_SERVER_ERROR.
 */
export class GatewayError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly http?: HttpHint,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'GatewayError'
  }
}

/**
 * NOT_FOUND for a user (rather than a phone of an existing user): the same
 * code, but Graph's REST routes tell the two apart.
 */
export class UserNotFoundError extends GatewayError {
  constructor(message: string, field?: string) {
    super('NOT_FOUND', message, undefined, field)
  }
}

/**
 * BAD_USER_INPUT for one value: `field` is its path from the argument or
 * variable the client sent (`input.phoneNumber`, `first`, `i.phoneType`).
 */
export const invalidInput = (field: string, message: string) => new GatewayError('BAD_USER_INPUT', message, undefined, field)

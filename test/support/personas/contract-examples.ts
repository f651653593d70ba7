// What the contract spells out, written out here rather than read from the
// code under test: the phone numbers docs/rules.md, rule 5 names, accepted and
// rejected, the error codes of §7, and the refusals §6 rule 10 records.
export const ACCEPTED_NUMBERS = ['+1 5555551234', '+1 5555551234x123', '+1 2065555555', '+44 2071234567']

export const REJECTED_NUMBERS = [
  '5555551234',
  '+1-555-555-1234',
  '+1 555 555 1234',
  '+1 5555551234x',
  '+1 123',
  '+999 5555551234',
  '+1 ５５５５５５１２３４', // non-ASCII digits
  '+١ 5555551234',
  `+1 5555551234x${'1'.repeat(60)}`, // over 64 characters
]

/** docs/errors.md: every code a client may see in `extensions.code`. */
export const CONTRACT_ERROR_CODES = [
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
  'SERVER_BUSY',
  'CONFLICT_RETRY',
  'INTERNAL_SERVER_ERROR',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_ONLY',
] as const

/** docs/audit.md: the refusals a service records as a failure event (anything refused earlier leaves none). */
export const AUDITED_REFUSALS: ReadonlySet<string> = new Set([
  'FORBIDDEN',
  'NOT_FOUND',
  'PHONE_TYPE_ALREADY_EXISTS',
  'MOBILE_REQUIRED',
  'ALTERNATE_MOBILE_EXISTS',
  'SMS_SIGN_IN_NOT_SUPPORTED',
  'SMS_SIGN_IN_NOT_ALLOWED',
  'PHONE_NUMBER_NOT_UNIQUE',
  'DEFAULT_METHOD_CANNOT_BE_DELETED',
])

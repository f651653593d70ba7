/** Whether an audited change was made. */
export const AuditResult = {
  /** The change was refused; resultReason says why. Nothing was changed. */
  Failure: 'failure',
  /** The change was made and committed. */
  Success: 'success'
} as const;

export type AuditResult = typeof AuditResult[keyof typeof AuditResult];
/** Whether an authentication method policy is on. */
export const AuthenticationMethodState = {
  /** Nobody can use the method. */
  Disabled: 'disabled',
  /** The method can be used by the users the policy includes. */
  Enabled: 'enabled'
} as const;

export type AuthenticationMethodState = typeof AuthenticationMethodState[keyof typeof AuthenticationMethodState];
/** What a policy target names. */
export const AuthenticationMethodTargetType = {
  /** A group of the tenant (its direct members), or all_users: every user of the tenant. */
  Group: 'group',
  /** One user, by id. */
  User: 'user'
} as const;

export type AuthenticationMethodTargetType = typeof AuthenticationMethodTargetType[keyof typeof AuthenticationMethodTargetType];
/** Every value an error can carry in extensions.code. BAD_USER_INPUT also carries extensions.field, the path of the offending input. */
export const ErrorCode = {
  /** Deleting the mobile while an alternateMobile exists. Delete the alternateMobile first. */
  AlternateMobileExists: 'ALTERNATE_MOBILE_EXISTS',
  /** A malformed HTTP request: a body that is not JSON, a batch over the limit, a wrong content type, a body too large (HTTP 413) or without a Content-Length (HTTP 411). Fix the client code. */
  BadRequest: 'BAD_REQUEST',
  /** A value the schema refuses: a variable that does not coerce to its type, a phone number not in the format, a page size out of 1–200, a foreign cursor, an unknown policy target. extensions.field is the path of the offending input. Fix the value. */
  BadUserInput: 'BAD_USER_INPUT',
  /** A write kept conflicting with concurrent writes through all its retries; nothing was written. Retry it. */
  ConflictRetry: 'CONFLICT_RETRY',
  /** Deleting the phone that is the user's default sign-in method. Change the default method first. */
  DefaultMethodCannotBeDeleted: 'DEFAULT_METHOD_CANNOT_BE_DELETED',
  /** The token lacks the scope, permission or role the operation needs, or a user tried to add or update a phone on their own account. Ask for the permission the message names; don't retry as is. */
  Forbidden: 'FORBIDDEN',
  /** The document is not GraphQL: it does not parse (HTTP 400). Fix the client code. */
  GraphqlParseFailed: 'GRAPHQL_PARSE_FAILED',
  /** The document does not validate against the schema (an unknown field, an invalid literal such as an unknown enum value or an Int out of 32-bit range), or it breaks a limit: depth, aliases, tokens, cost, directives. Fix the client code. */
  GraphqlValidationFailed: 'GRAPHQL_VALIDATION_FAILED',
  /** Something unexpected (logged with the request id; no detail is shown), or the database is unreachable (HTTP 503). Retry later; report the X-Request-Id. */
  InternalServerError: 'INTERNAL_SERVER_ERROR',
  /** An alternateMobile for a user without a mobile. Add the mobile first. */
  MobileRequired: 'MOBILE_REQUIRED',
  /** The user or the phone method is not in the caller's tenant. Check the id. */
  NotFound: 'NOT_FOUND',
  /** The request named a trusted document (extensions.persistedQuery.sha256Hash or documentId) the gateway does not know. Persisted-query clients then send the document itself (allowed mode); otherwise deploy the manifest that has it. */
  PersistedQueryNotFound: 'PERSISTED_QUERY_NOT_FOUND',
  /** The gateway runs only trusted documents (PERSISTED_OPERATIONS=required) and the request sent a document of its own. Send the hash of a document from the manifest of your build. */
  PersistedQueryOnly: 'PERSISTED_QUERY_ONLY',
  /** Enabling SMS sign-in on a number another user of the tenant holds for SMS sign-in. Free the number on the other user, or use another number. */
  PhoneNumberNotUnique: 'PHONE_NUMBER_NOT_UNIQUE',
  /** The user already has a phone of that type. Update or delete that phone instead. */
  PhoneTypeAlreadyExists: 'PHONE_TYPE_ALREADY_EXISTS',
  /** Over the mutation rate limit of the caller (HTTP 429, Retry-After). Wait Retry-After seconds. */
  RateLimited: 'RATE_LIMITED',
  /** The gateway is over its concurrency, memory or event-loop limit and sheds new requests (HTTP 503, Retry-After); nothing was done. Retry after Retry-After seconds. */
  ServerBusy: 'SERVER_BUSY',
  /** Enabling SMS sign-in for a user the SMS policy does not allow. Change the policy first. */
  SmsSignInNotAllowed: 'SMS_SIGN_IN_NOT_ALLOWED',
  /** Enabling or disabling SMS sign-in on a phone that is not the mobile. Use the mobile. */
  SmsSignInNotSupported: 'SMS_SIGN_IN_NOT_SUPPORTED',
  /** No bearer token, or a malformed, badly signed, expired or not-yet-valid one (HTTP 401). Get a new token. */
  Unauthenticated: 'UNAUTHENTICATED'
} as const;

export type ErrorCode = typeof ErrorCode[keyof typeof ErrorCode];
/** The type of a phone. A user has at most one phone of each type. */
export const PhoneType = {
  /** A second mobile phone; needs a mobile phone to exist first. */
  AlternateMobile: 'alternateMobile',
  /** A mobile phone: the only type that can be used for SMS sign-in. */
  Mobile: 'mobile',
  /** An office phone. */
  Office: 'office'
} as const;

export type PhoneType = typeof PhoneType[keyof typeof PhoneType];
/** Whether a phone is ready to be used for SMS sign-in, and if not, why. */
export const SmsSignInState = {
  /** The SMS authentication method policy is disabled, does not include the user for sign-in, or excludes them. */
  NotAllowedByPolicy: 'notAllowedByPolicy',
  /** SMS sign-in is not configured for this phone (reserved by Microsoft Graph). */
  NotConfigured: 'notConfigured',
  /** SMS sign-in is not enabled on this phone; enableSmsSignIn turns it on. */
  NotEnabled: 'notEnabled',
  /** SMS sign-in is not supported on this phone type (only mobile phones support it). */
  NotSupported: 'notSupported',
  /** Another user of the tenant already uses this number for SMS sign-in; the phone is saved but cannot sign in. */
  PhoneNumberNotUnique: 'phoneNumberNotUnique',
  /** The phone is registered and ready for SMS sign-in. */
  Ready: 'ready',
  /** Evolvable enumeration sentinel value (reserved by Microsoft Graph). */
  UnknownFutureValue: 'unknownFutureValue'
} as const;

export type SmsSignInState = typeof SmsSignInState[keyof typeof SmsSignInState];
/** A user's default method for multifactor authentication (Microsoft Graph's userDefaultAuthenticationMethodType). */
export const UserDefaultAuthenticationMethodType = {
  /** A one-time password from an authenticator app or hardware token (can not be set through this gateway). */
  Oath: 'oath',
  /** A push notification to the Microsoft Authenticator app (can not be set through this gateway). */
  Push: 'push',
  /** A text message to the mobile phone. */
  Sms: 'sms',
  /** Evolvable enumeration sentinel value (reserved by Microsoft Graph). */
  UnknownFutureValue: 'unknownFutureValue',
  /** A voice call to the alternateMobile phone. */
  VoiceAlternateMobile: 'voiceAlternateMobile',
  /** A voice call to the mobile phone. */
  VoiceMobile: 'voiceMobile',
  /** A voice call to the office phone. */
  VoiceOffice: 'voiceOffice'
} as const;

export type UserDefaultAuthenticationMethodType = typeof UserDefaultAuthenticationMethodType[keyof typeof UserDefaultAuthenticationMethodType];
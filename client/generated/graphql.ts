/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A phone to add to a user. */
export type AddPhoneMethodInput = {
  /** The number, as "+<country code> <number>" with an optional "x<extension>". */
  phoneNumber: string;
  /** The type of the new phone. */
  phoneType: PhoneType;
  /** The user's id or userPrincipalName. */
  userId: string;
};

/** Which events to list; every field given must match. */
export type AuditEventFilter = {
  /** Events of this activity (exact match). */
  activityDisplayName?: string | null | undefined;
  /** Events at or after this ISO 8601 date-time. */
  from?: string | null | undefined;
  /** Events this user made (by id). */
  initiatedByUserId?: string | null | undefined;
  /** Only successes, or only failures. */
  result?: AuditResult | null | undefined;
  /** Events about this user (by id). */
  targetUserId?: string | null | undefined;
  /** Events before this ISO 8601 date-time. */
  to?: string | null | undefined;
};

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
/** Users to exclude from the SMS policy. */
export type ExcludeTargetInput = {
  /** A user id of the tenant; for a group target, a group id of the tenant or all_users. */
  id: string;
  /** What id names. */
  targetType: AuthenticationMethodTargetType;
};

/** One of a user's phones. */
export type PhoneMethodRefInput = {
  /** The phone method id, fixed per type as in Microsoft Graph: mobile 3179e48a-750b-4051-897c-87b9720928f7, alternateMobile b6332ec1-7057-4abe-9331-3d72feddfe41, office e37fc753-ff3b-4958-9484-eaa9425c82bc (PhoneAuthenticationMethod.methodId). */
  methodId: string | number;
  /** The user's id or userPrincipalName. */
  userId: string;
};

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
/** A change to the SMS policy. Omitted fields keep their value; a list given replaces the whole list. */
export type SmsAuthenticationMethodConfigurationInput = {
  /** The new list of excluded users. */
  excludeTargets?: Array<ExcludeTargetInput> | null | undefined;
  /** The new list of included users. */
  includeTargets?: Array<SmsAuthenticationMethodTargetInput> | null | undefined;
  /** Turns the policy on or off. */
  state?: AuthenticationMethodState | null | undefined;
};

/** Users to include in the SMS policy. */
export type SmsAuthenticationMethodTargetInput = {
  /** A user id of the tenant; for a group target, a group id of the tenant or all_users. */
  id: string;
  /** Whether these users may use SMS to sign in. */
  isUsableForSignIn: boolean;
  /** What id names. */
  targetType: AuthenticationMethodTargetType;
};

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
/** A new number for one of a user's phones. The type cannot change: add a phone of the new type and delete this one. */
export type UpdatePhoneMethodInput = {
  /** The phone method id, fixed per type as in Microsoft Graph: mobile 3179e48a-750b-4051-897c-87b9720928f7, alternateMobile b6332ec1-7057-4abe-9331-3d72feddfe41, office e37fc753-ff3b-4958-9484-eaa9425c82bc (PhoneAuthenticationMethod.methodId). */
  methodId: string | number;
  /** The new number, as "+<country code> <number>" with an optional "x<extension>". */
  phoneNumber: string;
  /** The user's id or userPrincipalName. */
  userId: string;
};

/** A change to a user's sign-in preferences. Omitted fields keep their value. */
export type UpdateSignInPreferencesInput = {
  /** Whether the system-preferred method is used first; omitted (or null) keeps it. */
  isSystemPreferredAuthenticationMethodEnabled?: boolean | null | undefined;
  /** The user's id or userPrincipalName. */
  userId: string;
  /** The new default method: sms or voiceMobile (needs the mobile), voiceAlternateMobile (needs the alternateMobile), voiceOffice (needs the office phone). null clears it; omitted keeps it. */
  userPreferredMethodForSecondaryAuthentication?: UserDefaultAuthenticationMethodType | null | undefined;
};

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
export type AuditEventFieldsFragment = { __typename: 'AuditEvent', id: string, activityDateTime: string, activityDisplayName: string, category: string, result: AuditResult, resultReason: ErrorCode | null, initiatedByUserPrincipalName: string | null, initiatedByAppId: string | null, targetUserPrincipalName: string | null, phoneType: PhoneType | null, oldPhoneNumber: string | null, newPhoneNumber: string | null };

export type AuditEventsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: AuditEventFilter | null | undefined;
}>;


export type AuditEventsQuery = { __typename: 'Query', auditEvents: { __typename: 'AuditEventConnection', edges: Array<{ __typename: 'AuditEventEdge', cursor: string, node: { __typename: 'AuditEvent', id: string, activityDateTime: string, activityDisplayName: string, category: string, result: AuditResult, resultReason: ErrorCode | null, initiatedByUserPrincipalName: string | null, initiatedByAppId: string | null, targetUserPrincipalName: string | null, phoneType: PhoneType | null, oldPhoneNumber: string | null, newPhoneNumber: string | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type UserAuditEventsQueryVariables = Exact<{
  userId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type UserAuditEventsQuery = { __typename: 'Query', user: { __typename: 'User', id: string, auditEvents: { __typename: 'AuditEventConnection', edges: Array<{ __typename: 'AuditEventEdge', cursor: string, node: { __typename: 'AuditEvent', id: string, activityDateTime: string, activityDisplayName: string, category: string, result: AuditResult, resultReason: ErrorCode | null, initiatedByUserPrincipalName: string | null, initiatedByAppId: string | null, targetUserPrincipalName: string | null, phoneType: PhoneType | null, oldPhoneNumber: string | null, newPhoneNumber: string | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } | null } | null };

export type PhoneMethodFieldsFragment = { __typename: 'PhoneAuthenticationMethod', id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState };

export type AddPhoneMethodMutationVariables = Exact<{
  input: AddPhoneMethodInput;
}>;


export type AddPhoneMethodMutation = { __typename: 'Mutation', addPhoneMethod: { __typename: 'PhoneAuthenticationMethod', id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState, user: { __typename: 'User', id: string, phoneMethods: Array<{ __typename: 'PhoneAuthenticationMethod', id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState }> } } };

export type UpdatePhoneMethodMutationVariables = Exact<{
  input: UpdatePhoneMethodInput;
}>;


export type UpdatePhoneMethodMutation = { __typename: 'Mutation', updatePhoneMethod: { __typename: 'PhoneAuthenticationMethod', id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState } };

export type DeletePhoneMethodMutationVariables = Exact<{
  input: PhoneMethodRefInput;
}>;


export type DeletePhoneMethodMutation = { __typename: 'Mutation', deletePhoneMethod: { __typename: 'DeletePhoneMethodPayload', id: string, methodId: string, user: { __typename: 'User', id: string, phoneMethods: Array<{ __typename: 'PhoneAuthenticationMethod', id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState }> } } };

export type EnableSmsSignInMutationVariables = Exact<{
  input: PhoneMethodRefInput;
}>;


export type EnableSmsSignInMutation = { __typename: 'Mutation', enableSmsSignIn: { __typename: 'PhoneAuthenticationMethod', id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState } };

export type DisableSmsSignInMutationVariables = Exact<{
  input: PhoneMethodRefInput;
}>;


export type DisableSmsSignInMutation = { __typename: 'Mutation', disableSmsSignIn: { __typename: 'PhoneAuthenticationMethod', id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState } };

export type SignInPreferencesQueryVariables = Exact<{
  userId: string;
}>;


export type SignInPreferencesQuery = { __typename: 'Query', user: { __typename: 'User', id: string, signInPreferences: { __typename: 'SignInPreferences', userPreferredMethodForSecondaryAuthentication: UserDefaultAuthenticationMethodType | null, isSystemPreferredAuthenticationMethodEnabled: boolean } } | null };

export type UpdateSignInPreferencesMutationVariables = Exact<{
  input: UpdateSignInPreferencesInput;
}>;


export type UpdateSignInPreferencesMutation = { __typename: 'Mutation', updateSignInPreferences: { __typename: 'SignInPreferences', userPreferredMethodForSecondaryAuthentication: UserDefaultAuthenticationMethodType | null, isSystemPreferredAuthenticationMethodEnabled: boolean } };

export type SmsPolicyFieldsFragment = { __typename: 'SmsAuthenticationMethodConfiguration', id: string, state: AuthenticationMethodState, includeTargets: Array<{ __typename: 'SmsAuthenticationMethodTarget', id: string, targetType: AuthenticationMethodTargetType, isUsableForSignIn: boolean }>, excludeTargets: Array<{ __typename: 'ExcludeTarget', id: string, targetType: AuthenticationMethodTargetType }> };

export type SmsPolicyQueryVariables = Exact<{ [key: string]: never; }>;


export type SmsPolicyQuery = { __typename: 'Query', smsAuthenticationMethodConfiguration: { __typename: 'SmsAuthenticationMethodConfiguration', id: string, state: AuthenticationMethodState, includeTargets: Array<{ __typename: 'SmsAuthenticationMethodTarget', id: string, targetType: AuthenticationMethodTargetType, isUsableForSignIn: boolean }>, excludeTargets: Array<{ __typename: 'ExcludeTarget', id: string, targetType: AuthenticationMethodTargetType }> } };

export type UpdateSmsPolicyMutationVariables = Exact<{
  input: SmsAuthenticationMethodConfigurationInput;
}>;


export type UpdateSmsPolicyMutation = { __typename: 'Mutation', updateSmsAuthenticationMethodConfiguration: { __typename: 'SmsAuthenticationMethodConfiguration', id: string, state: AuthenticationMethodState, includeTargets: Array<{ __typename: 'SmsAuthenticationMethodTarget', id: string, targetType: AuthenticationMethodTargetType, isUsableForSignIn: boolean }>, excludeTargets: Array<{ __typename: 'ExcludeTarget', id: string, targetType: AuthenticationMethodTargetType }> } };

export type ResetSmsPolicyMutationVariables = Exact<{ [key: string]: never; }>;


export type ResetSmsPolicyMutation = { __typename: 'Mutation', resetSmsAuthenticationMethodConfiguration: { __typename: 'SmsAuthenticationMethodConfiguration', id: string, state: AuthenticationMethodState, includeTargets: Array<{ __typename: 'SmsAuthenticationMethodTarget', id: string, targetType: AuthenticationMethodTargetType, isUsableForSignIn: boolean }>, excludeTargets: Array<{ __typename: 'ExcludeTarget', id: string, targetType: AuthenticationMethodTargetType }> } };

export type UsersWithPhonesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type UsersWithPhonesQuery = { __typename: 'Query', users: { __typename: 'UserConnection', edges: Array<{ __typename: 'UserEdge', cursor: string, node: { __typename: 'User', id: string, userPrincipalName: string, displayName: string | null, phoneMethods: Array<{ __typename: 'PhoneAuthenticationMethod', id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState }> } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type UserPhonesQueryVariables = Exact<{
  userId: string;
}>;


export type UserPhonesQuery = { __typename: 'Query', user: { __typename: 'User', id: string, userPrincipalName: string, displayName: string | null, phoneMethods: Array<{ __typename: 'PhoneAuthenticationMethod', id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState }> } | null };

export type PhoneMethodQueryVariables = Exact<{
  userId: string;
  methodId: string | number;
}>;


export type PhoneMethodQuery = { __typename: 'Query', phoneMethod: { __typename: 'PhoneAuthenticationMethod', id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState } | null };

export type SearchUsersQueryVariables = Exact<{
  search: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchUsersQuery = { __typename: 'Query', users: { __typename: 'UserConnection', edges: Array<{ __typename: 'UserEdge', cursor: string, node: { __typename: 'User', id: string, userPrincipalName: string, displayName: string | null, phoneMethods: Array<{ __typename: 'PhoneAuthenticationMethod', id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState }> } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export const AuditEventFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuditEventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"activityDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"activityDisplayName"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"resultReason"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedByUserPrincipalName"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedByAppId"}},{"kind":"Field","name":{"kind":"Name","value":"targetUserPrincipalName"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"oldPhoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"newPhoneNumber"}}]}}]} as unknown as DocumentNode<AuditEventFieldsFragment, unknown>;
export const PhoneMethodFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<PhoneMethodFieldsFragment, unknown>;
export const SmsPolicyFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SmsPolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmsAuthenticationMethodConfiguration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"includeTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"isUsableForSignIn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludeTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}}]}}]}}]} as unknown as DocumentNode<SmsPolicyFieldsFragment, unknown>;
export const AuditEventsDocument = {"__meta__":{"hash":"sha256:2008fcf72d47eb8124383b1fb0fe0cd07f6750ec6fe461c562ed86e4ffe75fb6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditEventFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"auditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"AuditEventFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuditEventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"activityDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"activityDisplayName"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"resultReason"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedByUserPrincipalName"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedByAppId"}},{"kind":"Field","name":{"kind":"Name","value":"targetUserPrincipalName"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"oldPhoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"newPhoneNumber"}}]}}]} as unknown as DocumentNode<AuditEventsQuery, AuditEventsQueryVariables>;
export const UserAuditEventsDocument = {"__meta__":{"hash":"sha256:999b95e5d54ac3adeffeb15849134811a3e248f31bc241dd75796623a71d1e3c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserAuditEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"auditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"AuditEventFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AuditEventFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"activityDateTime"}},{"kind":"Field","name":{"kind":"Name","value":"activityDisplayName"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"resultReason"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedByUserPrincipalName"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedByAppId"}},{"kind":"Field","name":{"kind":"Name","value":"targetUserPrincipalName"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"oldPhoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"newPhoneNumber"}}]}}]} as unknown as DocumentNode<UserAuditEventsQuery, UserAuditEventsQueryVariables>;
export const AddPhoneMethodDocument = {"__meta__":{"hash":"sha256:0970edc54876eb45df57e3736fe23082cd86d24d4702cc3c572e8f8d852006b0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddPhoneMethod"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddPhoneMethodInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"addPhoneMethod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"phoneMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<AddPhoneMethodMutation, AddPhoneMethodMutationVariables>;
export const UpdatePhoneMethodDocument = {"__meta__":{"hash":"sha256:94438bea9fe6811e9232c2f30d9dbef28902c056d4a3b0431663c8e4ba5a652b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePhoneMethod"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePhoneMethodInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"updatePhoneMethod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<UpdatePhoneMethodMutation, UpdatePhoneMethodMutationVariables>;
export const DeletePhoneMethodDocument = {"__meta__":{"hash":"sha256:83542fa9691282d8cd43f003048b3a8adf2fb3f606526be6216928c32a69e6e7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeletePhoneMethod"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneMethodRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deletePhoneMethod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"phoneMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<DeletePhoneMethodMutation, DeletePhoneMethodMutationVariables>;
export const EnableSmsSignInDocument = {"__meta__":{"hash":"sha256:f56269049dec5f7b4d4affa3da7079dbd56236b1e5dd7b34d3aa90623a570a3d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnableSmsSignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneMethodRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"enableSmsSignIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<EnableSmsSignInMutation, EnableSmsSignInMutationVariables>;
export const DisableSmsSignInDocument = {"__meta__":{"hash":"sha256:3ddcf3d24f7217c678776613407568a3ebf118cf14d4c57125d8953291045924"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisableSmsSignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneMethodRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"disableSmsSignIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<DisableSmsSignInMutation, DisableSmsSignInMutationVariables>;
export const SignInPreferencesDocument = {"__meta__":{"hash":"sha256:10c5afb41bc7d39af1a1bb2c1dd24b39bfa8e3e60e612a7f69354d66ce3d30fb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SignInPreferences"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"signInPreferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"userPreferredMethodForSecondaryAuthentication"}},{"kind":"Field","name":{"kind":"Name","value":"isSystemPreferredAuthenticationMethodEnabled"}}]}}]}}]}}]} as unknown as DocumentNode<SignInPreferencesQuery, SignInPreferencesQueryVariables>;
export const UpdateSignInPreferencesDocument = {"__meta__":{"hash":"sha256:caa2c546544de96258401e124b88539a2c34447624f84974025581788d370e06"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSignInPreferences"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateSignInPreferencesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"updateSignInPreferences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"userPreferredMethodForSecondaryAuthentication"}},{"kind":"Field","name":{"kind":"Name","value":"isSystemPreferredAuthenticationMethodEnabled"}}]}}]}}]} as unknown as DocumentNode<UpdateSignInPreferencesMutation, UpdateSignInPreferencesMutationVariables>;
export const SmsPolicyDocument = {"__meta__":{"hash":"sha256:a75e5a853a49ca27f18431aec7782ca765e2e5a1f54dd017d63970e603efba75"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SmsPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"smsAuthenticationMethodConfiguration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"SmsPolicyFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SmsPolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmsAuthenticationMethodConfiguration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"includeTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"isUsableForSignIn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludeTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}}]}}]}}]} as unknown as DocumentNode<SmsPolicyQuery, SmsPolicyQueryVariables>;
export const UpdateSmsPolicyDocument = {"__meta__":{"hash":"sha256:9d8b30c0e4120a7f429a9dcc19e849073d707486497dd86c1df2423ab41ea552"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSmsPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SmsAuthenticationMethodConfigurationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"updateSmsAuthenticationMethodConfiguration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"SmsPolicyFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SmsPolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmsAuthenticationMethodConfiguration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"includeTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"isUsableForSignIn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludeTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}}]}}]}}]} as unknown as DocumentNode<UpdateSmsPolicyMutation, UpdateSmsPolicyMutationVariables>;
export const ResetSmsPolicyDocument = {"__meta__":{"hash":"sha256:98d155b8a8145a9bc4403cadfd910ee0e9934ea3ae5e3f8be1632f5666915f05"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetSmsPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"resetSmsAuthenticationMethodConfiguration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"SmsPolicyFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SmsPolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmsAuthenticationMethodConfiguration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"includeTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"isUsableForSignIn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludeTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}}]}}]}}]} as unknown as DocumentNode<ResetSmsPolicyMutation, ResetSmsPolicyMutationVariables>;
export const UsersWithPhonesDocument = {"__meta__":{"hash":"sha256:b5a552ab3c2dc0b04c1803bb87a5901f173d56d89e2021fa591ed3e654b09fb6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UsersWithPhones"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userPrincipalName"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"phoneMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<UsersWithPhonesQuery, UsersWithPhonesQueryVariables>;
export const UserPhonesDocument = {"__meta__":{"hash":"sha256:ba904ea0a9165ec911104baa4db410c568a138a841c973a229cb556b427193e3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserPhones"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userPrincipalName"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"phoneMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<UserPhonesQuery, UserPhonesQueryVariables>;
export const PhoneMethodDocument = {"__meta__":{"hash":"sha256:6c3a581bcb72fd91506b6e64a4e67cb53d93f7927a3bc7b1abef2961db68c58f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PhoneMethod"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"methodId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"phoneMethod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"methodId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"methodId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<PhoneMethodQuery, PhoneMethodQueryVariables>;
export const SearchUsersDocument = {"__meta__":{"hash":"sha256:d98fec040e40780716dfcc4131a42debfd3bda2f0d96b7038aac41dfadd1d382"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userPrincipalName"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"phoneMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<SearchUsersQuery, SearchUsersQueryVariables>;
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

export type PhoneMethodFieldsFragment = { id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState };

export type AddPhoneMethodMutationVariables = Exact<{
  input: AddPhoneMethodInput;
}>;


export type AddPhoneMethodMutation = { addPhoneMethod: { id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState, user: { id: string, phoneMethods: Array<{ id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState }> } } };

export type UpdatePhoneMethodMutationVariables = Exact<{
  input: UpdatePhoneMethodInput;
}>;


export type UpdatePhoneMethodMutation = { updatePhoneMethod: { id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState } };

export type DeletePhoneMethodMutationVariables = Exact<{
  input: PhoneMethodRefInput;
}>;


export type DeletePhoneMethodMutation = { deletePhoneMethod: { id: string, methodId: string, user: { id: string, phoneMethods: Array<{ id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState }> } } };

export type EnableSmsSignInMutationVariables = Exact<{
  input: PhoneMethodRefInput;
}>;


export type EnableSmsSignInMutation = { enableSmsSignIn: { id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState } };

export type DisableSmsSignInMutationVariables = Exact<{
  input: PhoneMethodRefInput;
}>;


export type DisableSmsSignInMutation = { disableSmsSignIn: { id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState } };

export type SmsPolicyFieldsFragment = { id: string, state: AuthenticationMethodState, includeTargets: Array<{ id: string, targetType: AuthenticationMethodTargetType, isUsableForSignIn: boolean }>, excludeTargets: Array<{ id: string, targetType: AuthenticationMethodTargetType }> };

export type SmsPolicyQueryVariables = Exact<{ [key: string]: never; }>;


export type SmsPolicyQuery = { smsAuthenticationMethodConfiguration: { id: string, state: AuthenticationMethodState, includeTargets: Array<{ id: string, targetType: AuthenticationMethodTargetType, isUsableForSignIn: boolean }>, excludeTargets: Array<{ id: string, targetType: AuthenticationMethodTargetType }> } };

export type UpdateSmsPolicyMutationVariables = Exact<{
  input: SmsAuthenticationMethodConfigurationInput;
}>;


export type UpdateSmsPolicyMutation = { updateSmsAuthenticationMethodConfiguration: { id: string, state: AuthenticationMethodState, includeTargets: Array<{ id: string, targetType: AuthenticationMethodTargetType, isUsableForSignIn: boolean }>, excludeTargets: Array<{ id: string, targetType: AuthenticationMethodTargetType }> } };

export type UsersWithPhonesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type UsersWithPhonesQuery = { users: { edges: Array<{ cursor: string, node: { id: string, userPrincipalName: string, displayName: string | null, phoneMethods: Array<{ id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type UserPhonesQueryVariables = Exact<{
  userId: string;
}>;


export type UserPhonesQuery = { user: { id: string, userPrincipalName: string, displayName: string | null, phoneMethods: Array<{ id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState }> } | null };

export type PhoneMethodQueryVariables = Exact<{
  userId: string;
  methodId: string | number;
}>;


export type PhoneMethodQuery = { phoneMethod: { id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState } | null };

export type SearchUsersQueryVariables = Exact<{
  search: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchUsersQuery = { users: { edges: Array<{ cursor: string, node: { id: string, userPrincipalName: string, displayName: string | null, phoneMethods: Array<{ id: string, methodId: string, phoneNumber: string, isPhoneNumberMasked: boolean, phoneType: PhoneType, smsSignInState: SmsSignInState }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export const PhoneMethodFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<PhoneMethodFieldsFragment, unknown>;
export const SmsPolicyFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SmsPolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmsAuthenticationMethodConfiguration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"includeTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"isUsableForSignIn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludeTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}}]}}]}}]} as unknown as DocumentNode<SmsPolicyFieldsFragment, unknown>;
export const AddPhoneMethodDocument = {"__meta__":{"hash":"sha256:a0a7080b4d374a17b07bcf0e0877335bfc54e5e91b63983dc606f71d7b033e01"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddPhoneMethod"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddPhoneMethodInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addPhoneMethod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"phoneMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<AddPhoneMethodMutation, AddPhoneMethodMutationVariables>;
export const UpdatePhoneMethodDocument = {"__meta__":{"hash":"sha256:b5be521bab9bc6d8734a7c0b63ea97d35d65343cb19ab6c88e144655c7c9ff2c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePhoneMethod"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePhoneMethodInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePhoneMethod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<UpdatePhoneMethodMutation, UpdatePhoneMethodMutationVariables>;
export const DeletePhoneMethodDocument = {"__meta__":{"hash":"sha256:4a80d06a9cd657a9c4d531b06de2c24ed59435772fbcc6edc9fa4e89ee9ef86e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeletePhoneMethod"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneMethodRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletePhoneMethod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"phoneMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<DeletePhoneMethodMutation, DeletePhoneMethodMutationVariables>;
export const EnableSmsSignInDocument = {"__meta__":{"hash":"sha256:6ab916e72b3ff33143c84e233dda202b4b7fdaa70bd099cf5898cca0fa4cd973"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnableSmsSignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneMethodRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enableSmsSignIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<EnableSmsSignInMutation, EnableSmsSignInMutationVariables>;
export const DisableSmsSignInDocument = {"__meta__":{"hash":"sha256:b0bfe6cb65aabe725c3b3912157092eb99fbb0ce6dbdd3b30af2d5e42848e866"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisableSmsSignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneMethodRefInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disableSmsSignIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<DisableSmsSignInMutation, DisableSmsSignInMutationVariables>;
export const SmsPolicyDocument = {"__meta__":{"hash":"sha256:3702ef21c5294f21459bddad3273f9cc55d82f888164ddd59ea1b01424286159"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SmsPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"smsAuthenticationMethodConfiguration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SmsPolicyFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SmsPolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmsAuthenticationMethodConfiguration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"includeTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"isUsableForSignIn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludeTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}}]}}]}}]} as unknown as DocumentNode<SmsPolicyQuery, SmsPolicyQueryVariables>;
export const UpdateSmsPolicyDocument = {"__meta__":{"hash":"sha256:2b3f8db52345f6a3d2b30c58dad222b79cc4e438640826db4a9b2c67c19c516a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSmsPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SmsAuthenticationMethodConfigurationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSmsAuthenticationMethodConfiguration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SmsPolicyFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SmsPolicyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmsAuthenticationMethodConfiguration"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"includeTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"isUsableForSignIn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"excludeTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}}]}}]}}]} as unknown as DocumentNode<UpdateSmsPolicyMutation, UpdateSmsPolicyMutationVariables>;
export const UsersWithPhonesDocument = {"__meta__":{"hash":"sha256:06439f7a0628540c3392fb7099b4694aabde213453e0da592b6e87ebf5e8392a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UsersWithPhones"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userPrincipalName"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"phoneMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<UsersWithPhonesQuery, UsersWithPhonesQueryVariables>;
export const UserPhonesDocument = {"__meta__":{"hash":"sha256:2e408a661611e3892d19c09afebb14db086ef82b9d8884961fbd3fa383dffccc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserPhones"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userPrincipalName"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"phoneMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<UserPhonesQuery, UserPhonesQueryVariables>;
export const PhoneMethodDocument = {"__meta__":{"hash":"sha256:cdfd1185fc6d22cd3f7493608384f2f1ed6e0dc0d63cb96428a91ab4555635bf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PhoneMethod"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"methodId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phoneMethod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"methodId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"methodId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<PhoneMethodQuery, PhoneMethodQueryVariables>;
export const SearchUsersDocument = {"__meta__":{"hash":"sha256:0205e4cfecc857eff72621ff30d34ec1ece1b7824dc2e37092478fa271909601"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userPrincipalName"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"phoneMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PhoneMethodFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PhoneMethodFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PhoneAuthenticationMethod"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"methodId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"isPhoneNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneType"}},{"kind":"Field","name":{"kind":"Name","value":"smsSignInState"}}]}}]} as unknown as DocumentNode<SearchUsersQuery, SearchUsersQueryVariables>;
/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment PhoneMethodFields on PhoneAuthenticationMethod {\n  id\n  methodId\n  phoneNumber\n  isPhoneNumberMasked\n  phoneType\n  smsSignInState\n}": typeof types.PhoneMethodFieldsFragmentDoc,
    "mutation AddPhoneMethod($input: AddPhoneMethodInput!) {\n  addPhoneMethod(input: $input) {\n    ...PhoneMethodFields\n    user {\n      id\n      phoneMethods {\n        ...PhoneMethodFields\n      }\n    }\n  }\n}\n\nmutation UpdatePhoneMethod($input: UpdatePhoneMethodInput!) {\n  updatePhoneMethod(input: $input) {\n    ...PhoneMethodFields\n  }\n}\n\nmutation DeletePhoneMethod($input: PhoneMethodRefInput!) {\n  deletePhoneMethod(input: $input) {\n    id\n    methodId\n    user {\n      id\n      phoneMethods {\n        ...PhoneMethodFields\n      }\n    }\n  }\n}\n\nmutation EnableSmsSignIn($input: PhoneMethodRefInput!) {\n  enableSmsSignIn(input: $input) {\n    ...PhoneMethodFields\n  }\n}\n\nmutation DisableSmsSignIn($input: PhoneMethodRefInput!) {\n  disableSmsSignIn(input: $input) {\n    ...PhoneMethodFields\n  }\n}": typeof types.AddPhoneMethodDocument,
    "fragment SmsPolicyFields on SmsAuthenticationMethodConfiguration {\n  id\n  state\n  includeTargets {\n    id\n    targetType\n    isUsableForSignIn\n  }\n  excludeTargets {\n    id\n    targetType\n  }\n}\n\nquery SmsPolicy {\n  smsAuthenticationMethodConfiguration {\n    ...SmsPolicyFields\n  }\n}\n\nmutation UpdateSmsPolicy($input: SmsAuthenticationMethodConfigurationInput!) {\n  updateSmsAuthenticationMethodConfiguration(input: $input) {\n    ...SmsPolicyFields\n  }\n}": typeof types.SmsPolicyFieldsFragmentDoc,
    "query UsersWithPhones($first: Int, $after: String) {\n  users(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        userPrincipalName\n        displayName\n        phoneMethods {\n          ...PhoneMethodFields\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery UserPhones($userId: String!) {\n  user(id: $userId) {\n    id\n    userPrincipalName\n    displayName\n    phoneMethods {\n      ...PhoneMethodFields\n    }\n  }\n}\n\nquery PhoneMethod($userId: String!, $methodId: ID!) {\n  phoneMethod(userId: $userId, methodId: $methodId) {\n    ...PhoneMethodFields\n  }\n}\n\nquery SearchUsers($search: String!, $first: Int, $after: String) {\n  users(search: $search, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        userPrincipalName\n        displayName\n        phoneMethods {\n          ...PhoneMethodFields\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.UsersWithPhonesDocument,
};
const documents: Documents = {
    "fragment PhoneMethodFields on PhoneAuthenticationMethod {\n  id\n  methodId\n  phoneNumber\n  isPhoneNumberMasked\n  phoneType\n  smsSignInState\n}": types.PhoneMethodFieldsFragmentDoc,
    "mutation AddPhoneMethod($input: AddPhoneMethodInput!) {\n  addPhoneMethod(input: $input) {\n    ...PhoneMethodFields\n    user {\n      id\n      phoneMethods {\n        ...PhoneMethodFields\n      }\n    }\n  }\n}\n\nmutation UpdatePhoneMethod($input: UpdatePhoneMethodInput!) {\n  updatePhoneMethod(input: $input) {\n    ...PhoneMethodFields\n  }\n}\n\nmutation DeletePhoneMethod($input: PhoneMethodRefInput!) {\n  deletePhoneMethod(input: $input) {\n    id\n    methodId\n    user {\n      id\n      phoneMethods {\n        ...PhoneMethodFields\n      }\n    }\n  }\n}\n\nmutation EnableSmsSignIn($input: PhoneMethodRefInput!) {\n  enableSmsSignIn(input: $input) {\n    ...PhoneMethodFields\n  }\n}\n\nmutation DisableSmsSignIn($input: PhoneMethodRefInput!) {\n  disableSmsSignIn(input: $input) {\n    ...PhoneMethodFields\n  }\n}": types.AddPhoneMethodDocument,
    "fragment SmsPolicyFields on SmsAuthenticationMethodConfiguration {\n  id\n  state\n  includeTargets {\n    id\n    targetType\n    isUsableForSignIn\n  }\n  excludeTargets {\n    id\n    targetType\n  }\n}\n\nquery SmsPolicy {\n  smsAuthenticationMethodConfiguration {\n    ...SmsPolicyFields\n  }\n}\n\nmutation UpdateSmsPolicy($input: SmsAuthenticationMethodConfigurationInput!) {\n  updateSmsAuthenticationMethodConfiguration(input: $input) {\n    ...SmsPolicyFields\n  }\n}": types.SmsPolicyFieldsFragmentDoc,
    "query UsersWithPhones($first: Int, $after: String) {\n  users(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        userPrincipalName\n        displayName\n        phoneMethods {\n          ...PhoneMethodFields\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery UserPhones($userId: String!) {\n  user(id: $userId) {\n    id\n    userPrincipalName\n    displayName\n    phoneMethods {\n      ...PhoneMethodFields\n    }\n  }\n}\n\nquery PhoneMethod($userId: String!, $methodId: ID!) {\n  phoneMethod(userId: $userId, methodId: $methodId) {\n    ...PhoneMethodFields\n  }\n}\n\nquery SearchUsers($search: String!, $first: Int, $after: String) {\n  users(search: $search, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        userPrincipalName\n        displayName\n        phoneMethods {\n          ...PhoneMethodFields\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.UsersWithPhonesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PhoneMethodFields on PhoneAuthenticationMethod {\n  id\n  methodId\n  phoneNumber\n  isPhoneNumberMasked\n  phoneType\n  smsSignInState\n}"): (typeof documents)["fragment PhoneMethodFields on PhoneAuthenticationMethod {\n  id\n  methodId\n  phoneNumber\n  isPhoneNumberMasked\n  phoneType\n  smsSignInState\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AddPhoneMethod($input: AddPhoneMethodInput!) {\n  addPhoneMethod(input: $input) {\n    ...PhoneMethodFields\n    user {\n      id\n      phoneMethods {\n        ...PhoneMethodFields\n      }\n    }\n  }\n}\n\nmutation UpdatePhoneMethod($input: UpdatePhoneMethodInput!) {\n  updatePhoneMethod(input: $input) {\n    ...PhoneMethodFields\n  }\n}\n\nmutation DeletePhoneMethod($input: PhoneMethodRefInput!) {\n  deletePhoneMethod(input: $input) {\n    id\n    methodId\n    user {\n      id\n      phoneMethods {\n        ...PhoneMethodFields\n      }\n    }\n  }\n}\n\nmutation EnableSmsSignIn($input: PhoneMethodRefInput!) {\n  enableSmsSignIn(input: $input) {\n    ...PhoneMethodFields\n  }\n}\n\nmutation DisableSmsSignIn($input: PhoneMethodRefInput!) {\n  disableSmsSignIn(input: $input) {\n    ...PhoneMethodFields\n  }\n}"): (typeof documents)["mutation AddPhoneMethod($input: AddPhoneMethodInput!) {\n  addPhoneMethod(input: $input) {\n    ...PhoneMethodFields\n    user {\n      id\n      phoneMethods {\n        ...PhoneMethodFields\n      }\n    }\n  }\n}\n\nmutation UpdatePhoneMethod($input: UpdatePhoneMethodInput!) {\n  updatePhoneMethod(input: $input) {\n    ...PhoneMethodFields\n  }\n}\n\nmutation DeletePhoneMethod($input: PhoneMethodRefInput!) {\n  deletePhoneMethod(input: $input) {\n    id\n    methodId\n    user {\n      id\n      phoneMethods {\n        ...PhoneMethodFields\n      }\n    }\n  }\n}\n\nmutation EnableSmsSignIn($input: PhoneMethodRefInput!) {\n  enableSmsSignIn(input: $input) {\n    ...PhoneMethodFields\n  }\n}\n\nmutation DisableSmsSignIn($input: PhoneMethodRefInput!) {\n  disableSmsSignIn(input: $input) {\n    ...PhoneMethodFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SmsPolicyFields on SmsAuthenticationMethodConfiguration {\n  id\n  state\n  includeTargets {\n    id\n    targetType\n    isUsableForSignIn\n  }\n  excludeTargets {\n    id\n    targetType\n  }\n}\n\nquery SmsPolicy {\n  smsAuthenticationMethodConfiguration {\n    ...SmsPolicyFields\n  }\n}\n\nmutation UpdateSmsPolicy($input: SmsAuthenticationMethodConfigurationInput!) {\n  updateSmsAuthenticationMethodConfiguration(input: $input) {\n    ...SmsPolicyFields\n  }\n}"): (typeof documents)["fragment SmsPolicyFields on SmsAuthenticationMethodConfiguration {\n  id\n  state\n  includeTargets {\n    id\n    targetType\n    isUsableForSignIn\n  }\n  excludeTargets {\n    id\n    targetType\n  }\n}\n\nquery SmsPolicy {\n  smsAuthenticationMethodConfiguration {\n    ...SmsPolicyFields\n  }\n}\n\nmutation UpdateSmsPolicy($input: SmsAuthenticationMethodConfigurationInput!) {\n  updateSmsAuthenticationMethodConfiguration(input: $input) {\n    ...SmsPolicyFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersWithPhones($first: Int, $after: String) {\n  users(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        userPrincipalName\n        displayName\n        phoneMethods {\n          ...PhoneMethodFields\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery UserPhones($userId: String!) {\n  user(id: $userId) {\n    id\n    userPrincipalName\n    displayName\n    phoneMethods {\n      ...PhoneMethodFields\n    }\n  }\n}\n\nquery PhoneMethod($userId: String!, $methodId: ID!) {\n  phoneMethod(userId: $userId, methodId: $methodId) {\n    ...PhoneMethodFields\n  }\n}\n\nquery SearchUsers($search: String!, $first: Int, $after: String) {\n  users(search: $search, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        userPrincipalName\n        displayName\n        phoneMethods {\n          ...PhoneMethodFields\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query UsersWithPhones($first: Int, $after: String) {\n  users(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        userPrincipalName\n        displayName\n        phoneMethods {\n          ...PhoneMethodFields\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery UserPhones($userId: String!) {\n  user(id: $userId) {\n    id\n    userPrincipalName\n    displayName\n    phoneMethods {\n      ...PhoneMethodFields\n    }\n  }\n}\n\nquery PhoneMethod($userId: String!, $methodId: ID!) {\n  phoneMethod(userId: $userId, methodId: $methodId) {\n    ...PhoneMethodFields\n  }\n}\n\nquery SearchUsers($search: String!, $first: Int, $after: String) {\n  users(search: $search, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        userPrincipalName\n        displayName\n        phoneMethods {\n          ...PhoneMethodFields\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
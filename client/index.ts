// @phone-methods/client-kit: the gateway's typed operations (TypedDocumentNode
// for Apollo Client, urql and graphql-request) and its error codes. The
// clients, caches, mocks and the operations check are entry points of their
// own (`/apollo`, `/urql`, `/gateway`, `/mocks`, `/check`), so that an app
// loads only the client library it uses.
export * from './generated/graphql.ts'
export { ErrorCode, errorCodeOf, errorFieldOf, errorMessageOf, isErrorCode } from './errors.ts'
export type { KitClientOptions } from './options.ts'
export { documentHashOf } from './trusted-documents.ts'

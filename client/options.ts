/** How the kit's clients (Apollo Client, urql, graphql-request) reach the gateway. */
export interface KitClientOptions {
  /** A fetch of your own (a mock gateway's, say). */
  fetch?: typeof fetch
  /** Send each document's hash instead of the document (the gateway's PERSISTED_OPERATIONS allowed or required). */
  trustedDocuments?: boolean
}

// The gateway with graphql-request and the generated typed documents:
// `client.request(AddPhoneMethodDocument, { input })` checks the variables
// and types the answer at compile time. outcomeOf turns a refusal into a
// value with the contract's code, for a screen to show.
import { GraphQLClient } from 'graphql-request'
import { errorCodeOf, errorFieldOf, errorMessageOf, type ErrorCode } from './errors.ts'
import type { KitClientOptions } from './options.ts'

/** graphql-request sends documents as they are: trusted documents need Apollo Client's or urql's persisted-query support. */
export function createGatewayClient(gatewayUrl: string, token: string, options: Pick<KitClientOptions, 'fetch'> = {}): GraphQLClient {
  return new GraphQLClient(new URL('/graphql', gatewayUrl).toString(), {
    headers: { authorization: `Bearer ${token}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
}

export type Outcome<TData> =
  | { ok: true; data: TData }
  /** `code` is undefined when no contract code came back (the network failed, or the answer was not GraphQL). */
  | { ok: false; code: ErrorCode | undefined; message: string; field: string | undefined }

/** Waits for a request (of graphql-request, or Apollo Client's query/mutate) and says how it ended. */
export async function outcomeOf<TData>(request: Promise<TData>): Promise<Outcome<TData>> {
  try {
    return { ok: true, data: await request }
  } catch (error) {
    return { ok: false, code: errorCodeOf(error), message: errorMessageOf(error), field: errorFieldOf(error) }
  }
}

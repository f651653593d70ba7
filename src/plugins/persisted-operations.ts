// Trusted documents: the documents a client's build produced, known to the
// gateway by hash (a manifest `{ "<sha256>": "<document>" }`, as the kit's
// codegen writes it). Yoga's persisted-operations plugin does the work; this
// file says which request names which document, and what a refusal says.
//   off       no hashes: every request sends its document (`query`);
//   allowed   a request may send a hash instead of its document (Apollo's
//             `extensions.persistedQuery.sha256Hash`, or `documentId`);
//   required  only the manifest's documents run.
import { readFileSync } from 'node:fs'
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations'
import type { GraphQLParams, Plugin } from 'graphql-yoga'
import type { ErrorCode } from '../domain/errors.ts'

export type PersistedOperationsMode = 'off' | 'allowed' | 'required'

/** Hash → document. */
export type PersistedDocuments = ReadonlyMap<string, string>

export interface PersistedOperations {
  mode: Exclude<PersistedOperationsMode, 'off'>
  documents: PersistedDocuments
}

/** The request parameter that names a document by its id (GraphQL over HTTP's trusted documents). */
export const DOCUMENT_ID_PARAMETER = 'documentId'

/**
 * Reads a manifest file; throws an Error whose message says what is wrong
 * with the file (never its content).
 */
export function readPersistedDocuments(path: string): PersistedDocuments {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not a JSON file'
    throw new Error(`the persisted documents file ${reason}`, { cause: error })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((document) => typeof document === 'string')) {
    throw new Error('the persisted documents file must be one JSON object of hash → document')
  }
  return new Map(Object.entries(parsed as Record<string, string>).map(([hash, document]) => [bareHash(hash), document]))
}

/** The codegen writes "sha256:<hex>"; Apollo's protocol sends the bare hex: either names the same document. */
const bareHash = (id: string) => id.replace(/^sha256:/, '')

const extensionsOf = (params: GraphQLParams): Record<string, unknown> =>
  typeof params.extensions === 'object' && params.extensions !== null ? params.extensions : {}

/** `documentId`, else Apollo's automatic-persisted-query hash; null when the request names no document. */
function persistedDocumentIdOf(params: GraphQLParams): string | null {
  const documentId = (params as GraphQLParams & { [DOCUMENT_ID_PARAMETER]?: unknown })[DOCUMENT_ID_PARAMETER]
  if (typeof documentId === 'string') return bareHash(documentId)
  const persistedQuery = extensionsOf(params).persistedQuery
  if (typeof persistedQuery === 'object' && persistedQuery !== null && 'sha256Hash' in persistedQuery && typeof persistedQuery.sha256Hash === 'string') {
    return bareHash(persistedQuery.sha256Hash)
  }
  return null
}

// The messages are the protocol's: Apollo's persisted-query link and urql's
// persisted exchange recognise a miss by the message PersistedQueryNotFound
// (and then send the document itself); the code is the contract's.
const refusal = (message: string, code: ErrorCode) => ({ message, extensions: { code } })

export function usePersistedDocuments({ mode, documents }: PersistedOperations): Plugin {
  return usePersistedOperations({
    allowArbitraryOperations: mode === 'allowed',
    extractPersistedOperationId: persistedDocumentIdOf,
    getPersistedOperation: (id) => documents.get(id) ?? null,
    customErrors: {
      notFound: refusal('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND'),
      persistedQueryOnly: refusal('PersistedQueryOnly', 'PERSISTED_QUERY_ONLY'),
      // Neither a document nor a hash.
      keyNotFound:
        mode === 'required'
          ? refusal('PersistedQueryOnly', 'PERSISTED_QUERY_ONLY')
          : { ...refusal('The request has neither a query nor the hash of a persisted document.', 'BAD_REQUEST'), extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
    },
  })
}

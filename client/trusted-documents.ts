// Trusted documents: the kit's codegen writes generated/persisted-documents.json
// (hash → document, the gateway's manifest) and gives each generated document
// its hash (`__meta__.hash`). A client sends that hash instead of the
// document; the gateway (PERSISTED_OPERATIONS=allowed or required) runs the
// manifest's document of that hash.
import { print, type DocumentNode } from 'graphql'

/** The hash the gateway's manifest knows a document by (bare hex, as Apollo's persisted-query protocol sends it). */
export async function documentHashOf(document: DocumentNode): Promise<string> {
  const meta = (document as DocumentNode & { __meta__?: { hash?: unknown } }).__meta__
  if (typeof meta?.hash === 'string') return meta.hash.replace(/^sha256:/, '')
  // A document the codegen did not write: the manifest does not have it, so
  // the gateway answers PERSISTED_QUERY_NOT_FOUND and (in allowed mode) the
  // client sends the document itself.
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(print(document)))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

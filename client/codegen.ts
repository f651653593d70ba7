// graphql-codegen over the gateway's schema. Run from the repository root:
// `npm run client:codegen`.
//   - generated/graphql.ts (client preset): a TypedDocumentNode for every
//     operation in operations/, which Apollo Client, urql and
//     graphql-request accept as they are;
//   - generated/enums.ts: every enum of the schema, ErrorCode included,
//     which no operation selects and the preset would therefore leave out.
import type { CodegenConfig } from '@graphql-codegen/cli'
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset'

// A const object beside each union type: the object lets code check a value
// at run time (isErrorCode), the union types it.
const enumType = 'const'

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['client/operations/**/*.graphql'],
  generates: {
    'client/generated/': {
      preset: 'client',
      // Normalized caches (Apollo Client's, graphcache) add __typename to what
      // they send; a trusted document is sent by hash and runs as the manifest
      // has it, so the manifest's documents must select __typename already.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      presetConfig: {
        // Screens read a fragment's fields directly; no unmasking helper needed.
        fragmentMasking: false,
        // Trusted documents: generated/persisted-documents.json maps each
        // operation's hash to its document (the gateway's manifest), and each
        // document carries its hash (`__meta__.hash`) for the persisted-query
        // links to send.
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
      config: {
        enumType,
        useTypeImports: true,
        // ES modules that TypeScript and vitest resolve without a bundler.
        importExtension: '.ts',
      },
    },
    'client/generated/enums.ts': {
      plugins: ['typescript'],
      config: { onlyEnums: true, enumsAsConst: true },
    },
  },
}

export default config

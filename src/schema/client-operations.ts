// A client's operation files (.graphql) against the schema: which of its
// operations no longer validate. graphql-inspector's validate does the work;
// each operation goes in as its own source so that a failure names it.
import { validate } from '@graphql-inspector/core'
import { Kind, parse, print, Source, type GraphQLSchema } from 'graphql'

export interface OperationFile {
  name: string
  body: string
}

export interface InvalidOperation {
  /** "<file>: <operation name>" ("<file>: anonymous operation" for an unnamed one). */
  operation: string
  errors: string[]
}

export function invalidOperations(schema: GraphQLSchema, files: OperationFile[]): InvalidOperation[] {
  const sources: Source[] = []
  const unreadable: InvalidOperation[] = []
  for (const file of files) {
    let definitions
    try {
      definitions = parse(new Source(file.body, file.name)).definitions
    } catch (error) {
      unreadable.push({ operation: `${file.name}: (does not parse)`, errors: [(error as Error).message] })
      continue
    }
    for (const definition of definitions) {
      // Fragments go in as sources of their own: validate resolves them across files.
      const label =
        definition.kind === Kind.OPERATION_DEFINITION ? `${file.name}: ${definition.name?.value ?? 'anonymous operation'}` : `${file.name}: fragment`
      sources.push(new Source(print(definition), label))
    }
  }
  const invalid = validate(schema, sources, { strictDeprecated: false }).map((document) => ({
    operation: document.source.name,
    errors: document.errors.map((error) => error.message),
  }))
  return [...unreadable, ...invalid]
}

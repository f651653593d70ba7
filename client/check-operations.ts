// A client's operation files (.graphql) against a schema: which of its
// operations (and fragments) no longer validate. Each operation is validated
// with the fragments it uses, wherever they are defined, so that a failure
// names the operation a developer wrote.
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  Kind,
  NoUnusedFragmentsRule,
  parse,
  Source,
  specifiedRules,
  validate,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql'

export interface OperationFile {
  name: string
  body: string
}

export interface InvalidOperation {
  /** "<file>: <operation name>", "<file>: fragment <name>", or "<file>: (does not parse)". */
  operation: string
  errors: string[]
}

// A fragment used by no operation of these files is not an error here: another file may use it.
const RULES = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule)

type Named = { file: string; definition: DefinitionNode }

function fragmentsUsedBy(definition: DefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>()
  const pending = [definition]
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value)
        if (fragment && !used.has(spread.name.value)) {
          used.set(spread.name.value, fragment)
          pending.push(fragment)
        }
      },
    })
  }
  return [...used.values()].filter((fragment) => fragment !== definition)
}

export function invalidOperations(schema: GraphQLSchema, files: readonly OperationFile[]): InvalidOperation[] {
  const invalid: InvalidOperation[] = []
  const definitions: Named[] = []
  for (const file of files) {
    try {
      for (const definition of parse(new Source(file.body, file.name)).definitions) definitions.push({ file: file.name, definition })
    } catch (error) {
      invalid.push({ operation: `${file.name}: (does not parse)`, errors: [(error as Error).message] })
    }
  }
  const fragments = new Map(
    definitions.flatMap(({ definition }) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
  )
  for (const { file, definition } of definitions) {
    const label =
      definition.kind === Kind.OPERATION_DEFINITION
        ? `${file}: ${definition.name?.value ?? 'anonymous operation'}`
        : definition.kind === Kind.FRAGMENT_DEFINITION
          ? `${file}: fragment ${definition.name.value}`
          : `${file}: ${definition.kind}`
    const document = { kind: Kind.DOCUMENT, definitions: [definition, ...fragmentsUsedBy(definition, fragments)] } as const
    const errors = validate(schema, document, RULES).map((error) => error.message)
    if (errors.length > 0) invalid.push({ operation: label, errors })
  }
  return invalid
}

/**
 * A schema from SDL text (a .graphql file), an introspection result (a .json
 * file, `{ data: { __schema } }` or `{ __schema }`), or a live endpoint
 * (http(s) URL; it must allow introspection).
 */
export async function loadSchema(location: string, text: (path: string) => string, headers: Record<string, string> = {}): Promise<GraphQLSchema> {
  if (/^https?:\/\//.test(location)) {
    const response = await fetch(location, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query: getIntrospectionQuery() }),
    })
    const body = (await response.json()) as { data?: IntrospectionQuery; errors?: { message: string }[] }
    if (!body.data) throw new Error(`${location} answered no schema (HTTP ${response.status}): ${body.errors?.map((error) => error.message).join('; ') ?? 'no data'}`)
    return buildClientSchema(body.data)
  }
  const content = text(location)
  if (location.endsWith('.json')) {
    const parsed = JSON.parse(content) as { data?: IntrospectionQuery } & Partial<IntrospectionQuery>
    return buildClientSchema(parsed.data ?? (parsed as IntrospectionQuery))
  }
  return buildSchema(content)
}

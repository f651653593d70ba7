// MAX_COST on the request as it will run: each operation priced by the
// schema's cost directives with its own variables, a batch priced as the sum
// of its operations, all before anything executes. Over the limit, the whole
// request is refused (GRAPHQL_VALIDATION_FAILED, no data), for the price of
// parsing it once: parsed documents are kept, as Yoga keeps its own.
import { GraphQLError, Kind, parse, type DocumentNode, type GraphQLSchema } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { ErrorCode } from '../domain/errors.ts'
import { costModel } from './document-cost.ts'

const CODE: ErrorCode = 'GRAPHQL_VALIDATION_FAILED'
const PARSED_DOCUMENTS_KEPT = 1000

interface RequestParams {
  query?: unknown
  operationName?: unknown
  variables?: unknown
}

const namesOperation = (document: DocumentNode, name: string) =>
  document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === name)

export function useCostLimit(options: {
  schema: GraphQLSchema
  maxCost: number
  maxTokens: number
  maxPageSize: number
  /** Admits the request's cost into the work in flight, or throws SERVER_BUSY. */
  reserve?: (request: Request, cost: number) => void
}): Plugin {
  const model = costModel(options.schema, options.maxPageSize)
  const parsed = new Map<string, DocumentNode | null>()
  /**
   * The cost of a kept document by operationName, when no variable's value
   * went into it: the same document then costs the same on every request,
   * and the walk is not repeated (it was most of this plugin's CPU on a small read).
   */
  const fixedCosts = new WeakMap<DocumentNode, Map<string | undefined, number>>()

  /** Null when it does not parse (or has too many tokens): its own refusal comes later, with its own code. */
  const documentOf = (query: string): DocumentNode | null => {
    let document = parsed.get(query)
    if (document !== undefined) return document
    try {
      document = parse(query, { maxTokens: options.maxTokens, noLocation: true })
    } catch {
      document = null
    }
    if (parsed.size >= PARSED_DOCUMENTS_KEPT) parsed.delete(parsed.keys().next().value!)
    parsed.set(query, document)
    return document
  }

  const costOf = (params: RequestParams | null | undefined): number => {
    // Not an object: Yoga refuses it as a malformed request, after this.
    if (typeof params !== 'object' || params === null) return 0
    const { query, operationName, variables } = params
    const document = typeof query === 'string' ? documentOf(query) : null
    if (!document) return 0
    const name = typeof operationName === 'string' ? operationName : undefined
    const known = fixedCosts.get(document)?.get(name)
    if (known !== undefined) return known
    const { cost, readsVariables } = model.estimate(
      document,
      name,
      typeof variables === 'object' && variables !== null ? (variables as Record<string, unknown>) : undefined,
    )
    // Kept under the names the document has only: any other name would grow the map at a client's will.
    if (!readsVariables && (name === undefined || namesOperation(document, name))) {
      let byName = fixedCosts.get(document)
      if (!byName) fixedCosts.set(document, (byName = new Map()))
      byName.set(name, cost)
    }
    return cost
  }

  return {
    onRequestParse({ request }) {
      return {
        onRequestParseDone({ requestParserResult }) {
          const batch = Array.isArray(requestParserResult)
          const operations: RequestParams[] = batch ? requestParserResult : [requestParserResult]
          let total = 0
          for (const operation of operations) total += costOf(operation)
          if (total > options.maxCost) {
            throw new GraphQLError(
              `the ${batch ? 'batch' : 'document'} costs ${total}, more than the limit of ${options.maxCost} (an object costs 1, a page as much as its size times what each item asks for): ask for smaller pages or fewer fields${batch ? ', or send fewer operations' : ''}`,
              { extensions: { code: CODE, http: { status: 400 } } },
            )
          }
          options.reserve?.(request, total)
        },
      }
    },
  }
}

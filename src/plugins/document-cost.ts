// The cost of an operation as it will execute: the IBM GraphQL Cost
// Directives' static estimate, from the prices the schema declares
// (schema/prices.ts), with every slicing argument at its resolved value (a
// literal, the variable's value, the variable's default, or the argument's
// default). The rules, in the words of an operator: docs/limits.md.
import { getDirectiveExtensions } from '@graphql-tools/utils'
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql'

interface FieldPrice {
  /** @cost on the field, else on its type, else 1 for an object and 0 for a scalar or enum (10 for a mutation). */
  weight: number
  list: boolean
  slicingArguments: string[]
  /** The argument's default value for each slicing argument, when it has one. */
  slicingDefaults: Map<string, unknown>
  assumedSize: number | undefined
  sizedFields: string[]
  /** Introspection (and unknown) fields: no database behind them. */
  free: boolean
}

/** A list field without @listSize (there is none in this schema: a unit test keeps it so) counts as this many items. */
const UNDECLARED_LIST_SIZE = 10
const MUTATION_WEIGHT = 10

type Variables = Record<string, unknown> | null | undefined

export interface CostModel {
  /** The cost of the operation of `document` that `operationName` selects (of the costliest, when that is ambiguous). */
  cost(document: DocumentNode, operationName: string | null | undefined, variables: Variables): number
  /**
   * The same, and whether a variable's value went into it (a page size given
   * as a variable): when none did, the document and operationName alone
   * decide the cost, and it may be kept for the next request that sends them.
   */
  estimate(document: DocumentNode, operationName: string | null | undefined, variables: Variables): { cost: number; readsVariables: boolean }
}

/**
 * `maxListSize`: the largest page a field will serve. A slicing argument above
 * it is refused by the field itself (BAD_USER_INPUT), so it is priced at it.
 */
export function costModel(schema: GraphQLSchema, maxListSize: number): CostModel {
  const prices = new Map<GraphQLField<unknown, unknown>, FieldPrice>()
  const mutationType = schema.getMutationType()
  const free: FieldPrice = { weight: 0, list: false, slicingArguments: [], slicingDefaults: new Map(), assumedSize: undefined, sizedFields: [], free: true }

  const priceOf = (parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>): FieldPrice => {
    let price = prices.get(field)
    if (price) return price
    const directives = getDirectiveExtensions<{ cost: { weight: number }; listSize: { assumedSize?: number; slicingArguments?: string[]; sizedFields?: string[] } }>(field, schema)
    const type = getNamedType(field.type)
    const typeWeight = getDirectiveExtensions<{ cost: { weight: number } }>(type, schema).cost?.[0]?.weight
    const listSize = directives.listSize?.[0]
    const slicingArguments = listSize?.slicingArguments ?? []
    price = {
      weight: directives.cost?.[0]?.weight ?? typeWeight ?? (parent === mutationType ? MUTATION_WEIGHT : isCompositeType(type) ? 1 : 0),
      list: isListType(getNullableType(field.type)),
      slicingArguments,
      slicingDefaults: new Map(field.args.filter((arg) => slicingArguments.includes(arg.name) && arg.defaultValue !== undefined).map((arg) => [arg.name, arg.defaultValue])),
      assumedSize: listSize?.assumedSize,
      sizedFields: listSize?.sizedFields ?? [],
      free: false,
    }
    prices.set(field, price)
    return price
  }

  const pageSize = (value: unknown): number | undefined =>
    typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), 0), maxListSize) : undefined

  const model: CostModel = {
    cost: (document, operationName, variables) => model.estimate(document, operationName, variables).cost,
    estimate(document, operationName, variables) {
      let readsVariables = false
      const fragments = new Map<string, FragmentDefinitionNode>()
      const operations: OperationDefinitionNode[] = []
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
        else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition)
      }
      const named = operationName ? operations.filter((operation) => operation.name?.value === operationName) : operations.length === 1 ? operations : []
      const candidates = named.length > 0 ? named : operations
      let highest = 0
      for (const operation of candidates) highest = Math.max(highest, operationCost(operation))
      return { cost: highest, readsVariables }

      function operationCost(operation: OperationDefinitionNode): number {
        const variableDefaults = new Map<string, unknown>()
        for (const definition of operation.variableDefinitions ?? []) {
          if (definition.defaultValue) variableDefaults.set(definition.variable.name.value, valueFromASTUntyped(definition.defaultValue))
        }
        const valueOf = (node: ValueNode): unknown => {
          if (node.kind !== Kind.VARIABLE) return valueFromASTUntyped(node)
          readsVariables = true
          const name = node.name.value
          const given = variables?.[name]
          return given === undefined ? variableDefaults.get(name) : given
        }
        // A fragment costs the same wherever it is spread with the same size
        // reaching into it (sizedFields): computed once, so that fragments
        // spreading fragments cannot make this walk exponential.
        const fragmentCosts = new Map<string, number>()
        const inProgress = new Set<string>()
        const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'query' ? schema.getQueryType() : schema.getSubscriptionType()
        return root ? selectionSetCost(root, operation.selectionSet, undefined) : 0

        /** `sized`: the children that a parent's @listSize(sizedFields:) multiplies. */
        function selectionSetCost(parent: GraphQLNamedType, selectionSet: SelectionSetNode, sized: { fields: string[]; size: number } | undefined): number {
          let total = 0
          for (const selection of selectionSet.selections) {
            if (selection.kind === Kind.FIELD) total += fieldCost(parent, selection, sized)
            else if (selection.kind === Kind.INLINE_FRAGMENT) {
              const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent
              if (type) total += selectionSetCost(type, selection.selectionSet, sized)
            } else {
              total += fragmentCost(selection.name.value, sized)
            }
          }
          return total
        }

        function fragmentCost(name: string, sized: { fields: string[]; size: number } | undefined): number {
          const key = sized ? `${name}|${sized.size}|${sized.fields.join()}` : name
          const known = fragmentCosts.get(key)
          if (known !== undefined) return known
          const fragment = fragments.get(name)
          // An unknown or cyclic fragment fails validation, after this: it costs nothing here.
          if (!fragment || inProgress.has(name)) return 0
          const type = schema.getType(fragment.typeCondition.name.value)
          if (!type) return 0
          inProgress.add(name)
          const cost = selectionSetCost(type, fragment.selectionSet, sized)
          inProgress.delete(name)
          fragmentCosts.set(key, cost)
          return cost
        }

        function fieldCost(parent: GraphQLNamedType, node: FieldNode, sized: { fields: string[]; size: number } | undefined): number {
          const field = isObjectType(parent) ? parent.getFields()[node.name.value] : undefined
          const price = field ? priceOf(parent, field) : free
          if (price.free || !field) return 0
          const children = node.selectionSet ? selectionSetChildren(field, node, price) : 0
          const size = sized?.fields.includes(node.name.value) ? sized.size : price.list ? (price.sizedFields.length > 0 ? 1 : sliceSize(node, price)) : 1
          return (price.weight + children) * size
        }

        function selectionSetChildren(field: GraphQLField<unknown, unknown>, node: FieldNode, price: FieldPrice): number {
          const type = getNamedType(field.type)
          const sized = price.sizedFields.length > 0 ? { fields: price.sizedFields, size: sliceSize(node, price) } : undefined
          return selectionSetCost(type, node.selectionSet!, sized)
        }

        function sliceSize(node: FieldNode, price: FieldPrice): number {
          let largest: number | undefined
          for (const name of price.slicingArguments) {
            const argument = node.arguments?.find((candidate) => candidate.name.value === name)
            // Null or absent: the field serves its default page.
            const value = argument ? valueOf(argument.value) : undefined
            const size = pageSize(value ?? price.slicingDefaults.get(name))
            if (size !== undefined) largest = Math.max(largest ?? 0, size)
          }
          return largest ?? price.assumedSize ?? UNDECLARED_LIST_SIZE
        }
      }
    },
  }
  return model
}

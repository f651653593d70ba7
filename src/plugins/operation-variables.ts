// Coerces the variables of the operation a request runs with graphql-js,
// before any executor sees them. graphql-jit compiles its own
// coercion, and its messages name an input object's field as if it were the
// variable (`Variable "$phoneType"` for `$input.phoneType`); graphql-js's
// coercion reports each bad value with its path, which the client gets as
// `extensions.field`, starting at the variable's name.
import {
  coerceInputValue,
  getOperationAST,
  GraphQLError,
  isInputType,
  isNonNullType,
  print,
  typeFromAST,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { ErrorCode } from '../domain/errors.ts'

/** As graphql-js: past this many bad values, one more error says the rest went unchecked. */
const MAX_ERRORS = 50

// A request error: 400 under application/graphql-response+json, 200 under application/json (GraphQL over HTTP).
const REQUEST_ERROR = { status: 400, spec: true }

const CODE: ErrorCode = 'BAD_USER_INPUT'

const refusal = (message: string, options: { nodes?: VariableDefinitionNode; field?: string } = {}) =>
  new GraphQLError(message, {
    nodes: options.nodes,
    extensions: { code: CODE, ...(options.field === undefined ? {} : { field: options.field }), http: REQUEST_ERROR },
  })

class TooManyErrors extends Error {}

function variableErrors(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  values: Record<string, unknown>,
  hideSuggestions: boolean,
): GraphQLError[] {
  const errors: GraphQLError[] = []
  const report = (error: GraphQLError) => {
    if (errors.length === MAX_ERRORS) throw new TooManyErrors()
    errors.push(error)
  }
  try {
    for (const definition of definitions) {
      const name = definition.variable.name.value
      const type = typeFromAST(schema, definition.type)
      if (!isInputType(type)) continue // validation has refused the document already
      const typeName = print(definition.type)
      const given = Object.hasOwn(values, name)
      const value = values[name]
      if (!given || value === null) {
        if (isNonNullType(type) && (given || !definition.defaultValue)) {
          const problem = given ? `of non-null type "${typeName}" must not be null` : `of required type "${typeName}" was not provided`
          report(refusal(`Variable "$${name}" ${problem}.`, { nodes: definition, field: name }))
        }
        continue
      }
      coerceInputValue(
        value,
        type,
        (path, _invalidValue, error) => {
          const field = [name, ...path].join('.')
          const where = path.length > 0 ? ` at "${field}"` : ''
          report(refusal(`Variable "$${name}" has an invalid value${where}: ${error.message}`, { nodes: definition, field }))
        },
        hideSuggestions,
      )
    }
  } catch (error) {
    if (!(error instanceof TooManyErrors)) throw error
    errors.push(refusal(`More than ${MAX_ERRORS} invalid values in the variables; the rest were not checked.`))
  }
  return errors
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

export function useOperationVariables(options: { hideSuggestions: boolean }): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      // Yoga has refused a request whose operationName picks no operation.
      const operation = getOperationAST(args.document, args.operationName)
      if (!operation) return
      const values = isRecord(args.variableValues) ? args.variableValues : {}
      const errors = variableErrors(args.schema, operation.variableDefinitions ?? [], values, options.hideSuggestions)
      if (errors.length > 0) setResultAndStopExecution({ errors })
    },
  }
}

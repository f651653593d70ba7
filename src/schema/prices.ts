// What each field costs, declared on the schema with the IBM GraphQL Cost
// Directives (@cost, @listSize) so that schema.graphql publishes the prices:
// a router in front (Apollo, Hive, Cosmo) computes the same cost as the
// gateway's own guard (plugins/cost-limit.ts), which reads these declarations.
// How the prices are chosen: docs/limits.md.
import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLString } from 'graphql'

export const costDirective = new GraphQLDirective({
  name: 'cost',
  description: 'The weight of a field or type in the cost of a document (IBM GraphQL Cost Directives).',
  locations: [
    DirectiveLocation.ARGUMENT_DEFINITION,
    DirectiveLocation.ENUM,
    DirectiveLocation.FIELD_DEFINITION,
    DirectiveLocation.INPUT_FIELD_DEFINITION,
    DirectiveLocation.OBJECT,
    DirectiveLocation.SCALAR,
  ],
  args: { weight: { type: new GraphQLNonNull(GraphQLInt) } },
})

export const listSizeDirective = new GraphQLDirective({
  name: 'listSize',
  description:
    'How many items a list field returns, for the cost of a document (IBM GraphQL Cost Directives): the value of a slicing argument, else assumedSize; with sizedFields, the size applies to those child fields.',
  locations: [DirectiveLocation.FIELD_DEFINITION],
  args: {
    assumedSize: { type: GraphQLInt },
    slicingArguments: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
    sizedFields: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
    requireOneSlicingArgument: { type: GraphQLBoolean, defaultValue: true },
  },
})

export const costDirectives = [costDirective, listSizeDirective]

export interface ListSize {
  assumedSize?: number
  slicingArguments?: string[]
  sizedFields?: string[]
  requireOneSlicingArgument?: boolean
}

/** The `extensions` of a field with these prices (graphql-tools' convention for applied directives, which the printer and the guard read). */
export function priced(prices: { weight?: number; listSize?: ListSize }) {
  return {
    directives: {
      ...(prices.weight === undefined ? {} : { cost: { weight: prices.weight } }),
      ...(prices.listSize ? { listSize: prices.listSize } : {}),
    },
  }
}

/** A connection paged by `first`: its page size counts for each of its `edges`. */
export const pagedByFirst = (pageSizeDefault: number, extra: { weight?: number } = {}) =>
  priced({ ...extra, listSize: { slicingArguments: ['first'], sizedFields: ['edges'], assumedSize: pageSizeDefault, requireOneSlicingArgument: false } })

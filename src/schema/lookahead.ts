// Whether a query asks for a field below the one being resolved, so that a
// service can load it in the same database call (and prime the loader).
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql'

function selects(selectionSet: SelectionSetNode | undefined, path: readonly string[], info: GraphQLResolveInfo): boolean {
  if (!selectionSet) return false
  const [name, ...rest] = path
  return selectionSet.selections.some((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return selection.name.value === name && (rest.length === 0 || selects(selection.selectionSet, rest, info))
      case Kind.INLINE_FRAGMENT:
        return selects(selection.selectionSet, path, info)
      case Kind.FRAGMENT_SPREAD:
        return selects(info.fragments[selection.name.value]?.selectionSet, path, info)
    }
  })
}

/** `selectsPath(info, ['edges', 'node', 'phoneMethods'])`: does any selection of this field reach that path? */
export function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some((node) => selects(node.selectionSet, path, info))
}

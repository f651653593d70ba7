// Relay's PageInfo, shared by every connection of the schema: each connection
// resolves its pageInfo to this shape with cursors of its own kind.
import { builder } from './builder.ts'

export interface PageInfoShape {
  readonly hasNextPage: boolean
  readonly startCursor: string | null
  readonly endCursor: string | null
}

export const PageInfo = builder.objectRef<PageInfoShape>('PageInfo').implement({
  description: 'Where a page sits in the list (Relay cursor connections).',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether more items follow this page.' }),
    hasPreviousPage: t.boolean({
      description: 'Always false: pages are read forwards only (first/after).',
      resolve: () => false,
    }),
    startCursor: t.exposeString('startCursor', {
      nullable: true,
      description: 'The cursor of the first item of the page; null on an empty page.',
    }),
    endCursor: t.exposeString('endCursor', {
      nullable: true,
      description: 'The cursor of the last item of the page: pass it as `after` for the next page; null on an empty page.',
    }),
  }),
})

/** The page info of a page of `items`, each cursor made by `cursorOf`. */
export function pageInfoOf<T>(items: readonly T[], hasNextPage: boolean, cursorOf: (item: T) => string): PageInfoShape {
  return {
    hasNextPage,
    startCursor: items.length > 0 ? cursorOf(items[0]!) : null,
    endCursor: items.length > 0 ? cursorOf(items[items.length - 1]!) : null,
  }
}

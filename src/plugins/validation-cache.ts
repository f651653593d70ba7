// Validation results, kept per parsed document. Yoga's own validation cache
// keys its results by the names of the validation rules as well, and builds
// that key (a map and a join over some thirty rules) on every request: 2 %
// of the gateway's CPU on a small read (SQLite R1, in a profile). Here the
// rules cannot vary between requests (introspection, suggestions and the
// document limits are fixed for the server's life, for every request), so
// the document alone is the key; Yoga's document cache hands out the same
// document object for the same text, which makes a WeakMap enough.
import type { GraphQLError } from 'graphql'
import type { Plugin } from 'graphql-yoga'

export function useValidationCache(): Plugin {
  const results = new WeakMap<object, readonly GraphQLError[]>()
  return {
    onValidate({ params, setResult }) {
      const known = results.get(params.documentAST)
      if (known) {
        setResult(known)
        return
      }
      // What validate returned: graphql-js's GraphQLErrors (envelop types it more loosely afterwards).
      return ({ result }) => {
        results.set(params.documentAST, result as readonly GraphQLError[])
      }
    },
  }
}

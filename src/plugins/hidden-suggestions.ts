// With introspection off, the schema is not public: no error message may
// suggest a field, argument, type or enum value name ("Did you mean …?"),
// which would let a client discover it by guessing. graphql-js leaves the
// suggestions out of validation errors when asked to.
import type { Plugin } from 'graphql-yoga'

export function useHiddenSuggestions(): Plugin {
  return {
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((schema, document, rules, options, typeInfo) =>
        validateFn(schema, document, rules, { ...options, hideSuggestions: true }, typeInfo),
      )
    },
  }
}

// The schema builder: configuration and plugins only; the types live in
// their own files, each with its fields, queries and mutations.
import SchemaBuilder from '@pothos/core'
import ValidationPlugin from '@pothos/plugin-validation'
import { invalidInput } from '../domain/errors.ts'
import type { RequestContext } from '../services/context.ts'

export const builder = new SchemaBuilder<{
  Context: RequestContext
  DefaultFieldNullability: false
  DefaultInputFieldRequiredness: true
}>({
  plugins: [ValidationPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  validation: {
    // The path of each refused value starts at the argument, whatever way the
    // client sent it (inline or in a variable): `input.phoneNumber`, `first`.
    validationError: ({ issues }) => {
      const described = issues.map(({ path, message }) => {
        const field = path?.map((segment) => (typeof segment === 'object' ? segment.key : segment)).join('.') ?? ''
        return { field, message: field ? `${field}: ${message}` : message }
      })
      return invalidInput(described[0]?.field ?? '', described.map(({ message }) => message).join('; '))
    },
  },
})

builder.queryType({ description: "Reads. Every field needs a bearer token and sees only the caller's tenant." })
builder.mutationType({
  description: 'Writes. Each mutation is all-or-nothing: a failed mutation changes nothing.',
})

// The error codes of docs/errors.md as a schema type, so that code generators
// give clients a typed union of the codes `extensions.code` can hold.
import { ERROR_CODES, type ErrorCode as ErrorCodeName } from '../domain/errors.ts'
import { builder } from './builder.ts'

export const ErrorCode = builder.enumType('ErrorCode', {
  description:
    'Every value an error can carry in extensions.code. BAD_USER_INPUT also carries extensions.field, the path of the offending input.',
  values: Object.fromEntries(Object.entries(ERROR_CODES).map(([code, description]) => [code, { description }])) as Record<
    ErrorCodeName,
    { description: string }
  >,
})

// Imports every type file (each registers its types with the builder) and builds the schema.
import { lexicographicSortSchema, specifiedDirectives } from 'graphql'
import { builder } from './builder.ts'
import { costDirectives } from './prices.ts'
import './audit-event.ts'
import './error-code.ts'
import './phone-method.ts'
import './sign-in-preferences.ts'
import './sms-policy.ts'
import './user.ts'

export const schema = lexicographicSortSchema(builder.toSchema({ directives: [...specifiedDirectives, ...costDirectives] }))

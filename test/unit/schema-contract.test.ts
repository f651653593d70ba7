// The schema as a contract: every element documented, breaking changes caught.
import { buildSchema, isEnumType, isInputObjectType, isIntrospectionType, isObjectType, isScalarType, isSpecifiedScalarType } from 'graphql'
import { describe, expect, it } from 'vitest'
import { breakingChanges, unacknowledged } from '../../src/schema/compatibility.ts'
import { schema } from '../../src/schema/index.ts'

describe('the schema', () => {
  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = []
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || (isScalarType(type) && isSpecifiedScalarType(type))) continue
      if (!type.description) missing.push(type.name)
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`)
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`)
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`)
    }
    expect(missing).toEqual([])
  })
})

describe('schema:check', () => {
  const before = buildSchema(`
    """A user."""
    type User { id: ID! name: String email: String }
    type Query { user(id: ID!): User users(first: Int): [User!]! }
    enum PhoneType { mobile office }
    type Mutation { ping(type: PhoneType): Boolean }
  `)
  const previousSdl = `
    type User { id: ID! name: String email: String }
    type Query { user(id: ID!): User users(first: Int): [User!]! }
    enum PhoneType { mobile office pager }
    type Mutation { ping(type: PhoneType): Boolean }
  `

  it('finds the breaking changes since an earlier schema', async () => {
    const changes = await breakingChanges(previousSdl, before)
    expect(changes.map((change) => change.path)).toEqual(['PhoneType.pager'])
  })

  it('lets nothing breaking through unless SCHEMA_CHANGES.md names it', async () => {
    const current = buildSchema(`
      type User { id: ID! name: String }
      type Query { user(id: ID!): User users(first: Int!): [User!]! }
      enum PhoneType { mobile office pager }
      type Mutation { ping(type: PhoneType): Boolean }
    `)
    const changes = await breakingChanges(previousSdl, current)
    expect(changes.map((change) => change.path).sort()).toEqual(['Query.users.first', 'User.email'])
    expect(unacknowledged(changes, '')).toEqual(changes)
    const changelog = '## 2026-12-01\n- `User.email` removed: it was never filled.\n'
    expect(unacknowledged(changes, changelog).map((change) => change.path)).toEqual(['Query.users.first'])
  })

  it('counts additions as safe', async () => {
    const added = buildSchema(`${previousSdl} extend type User { phone: String }`)
    expect(await breakingChanges(previousSdl, added)).toEqual([])
  })
})

// The schema as a contract: every element documented, breaking changes caught.
import { buildSchema, isEnumType, isInputObjectType, isIntrospectionType, isObjectType, isScalarType, isSpecifiedScalarType } from 'graphql'
import { describe, expect, it } from 'vitest'
import { releasedCommit, riskyChanges, unacknowledged } from '../../src/schema/compatibility.ts'
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
    const changes = await riskyChanges(previousSdl, before)
    expect(changes).toEqual([{ path: 'PhoneType.pager', message: expect.stringContaining('pager'), risk: 'breaking' }])
  })

  it('finds the dangerous changes too: an enum value added, a default changed', async () => {
    const current = buildSchema(`
      type User { id: ID! name: String email: String }
      type Query { user(id: ID!): User users(first: Int = 10): [User!]! }
      enum PhoneType { mobile office pager fax }
      type Mutation { ping(type: PhoneType): Boolean }
    `)
    const changes = await riskyChanges(previousSdl, current)
    expect(changes.map(({ path, risk }) => [path, risk]).sort()).toEqual([
      ['PhoneType.fax', 'dangerous'],
      ['Query.users.first', 'dangerous'],
    ])
  })

  it('lets nothing breaking through unless SCHEMA_CHANGES.md names it', async () => {
    const current = buildSchema(`
      type User { id: ID! name: String }
      type Query { user(id: ID!): User users(first: Int!): [User!]! }
      enum PhoneType { mobile office pager }
      type Mutation { ping(type: PhoneType): Boolean }
    `)
    const changes = await riskyChanges(previousSdl, current)
    expect(changes.map((change) => change.path).sort()).toEqual(['Query.users.first', 'User.email'])
    expect(unacknowledged(changes, '')).toEqual(changes)
    const changelog = '## 2026-12-01\n- `User.email` removed: it was never filled.\n'
    expect(unacknowledged(changes, changelog).map((change) => change.path)).toEqual(['Query.users.first'])
  })

  it('reads the released commit it compares with from SCHEMA_CHANGES.md', () => {
    expect(releasedCommit('# Schema changes\n\nReleased at 48f562d406e24901ffc26cb3f5d3f1f3ee0166cc\n\n## Unreleased\n')).toBe('48f562d406e24901ffc26cb3f5d3f1f3ee0166cc')
    expect(releasedCommit('# Schema changes\n\nNot released yet.\n')).toBeUndefined()
  })

  it('counts additions of fields as safe', async () => {
    const added = buildSchema(`${previousSdl} extend type User { phone: String }`)
    expect(await riskyChanges(previousSdl, added)).toEqual([])
  })
})

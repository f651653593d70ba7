// The prices the schema publishes (@cost, @listSize) and the cost the
// gateway computes from them.
import { getDirectiveExtensions } from '@graphql-tools/utils'
import { getNamedType, getNullableType, isListType, isObjectType, parse } from 'graphql'
import { describe, expect, it } from 'vitest'
import { costModel } from '../../src/plugins/document-cost.ts'
import { schema } from '../../src/schema/index.ts'
import { printedSchema } from '../../src/schema/printed.ts'
import { PAGE_SIZE } from '../../src/schema/user.ts'

const model = costModel(schema, PAGE_SIZE.max)
const cost = (query: string, variables?: Record<string, unknown>) => model.cost(parse(query), undefined, variables)

describe('the prices of the schema', () => {
  it('declares a size for every list field, so that no list is priced by guess', () => {
    const unsized = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) => Object.values((type as import('graphql').GraphQLObjectType).getFields()).map((field) => ({ type, field })))
      .filter(({ field }) => isListType(getNullableType(field.type)) && isObjectType(getNamedType(field.type)))
      .filter(({ type, field }) => {
        const sizedByParent = Object.values(schema.getTypeMap()).some(
          (parent) =>
            isObjectType(parent) &&
            Object.values(parent.getFields()).some(
              (candidate) => getNamedType(candidate.type) === type && getDirectiveExtensions(candidate, schema).listSize?.[0]?.sizedFields?.includes(field.name),
            ),
        )
        return !sizedByParent && !getDirectiveExtensions(field, schema).listSize
      })
      .map(({ type, field }) => `${type.name}.${field.name}`)
    expect(unsized).toEqual([])
  })

  it('adds the cost directives beside the built-in ones, which a document may still use', () => {
    for (const name of ['include', 'skip', 'deprecated', 'specifiedBy', 'cost', 'listSize']) expect(schema.getDirective(name), name).toBeDefined()
  })

  it('publishes them in schema.graphql with the IBM cost directives', () => {
    const printed = printedSchema()
    expect(printed).toContain('directive @cost(weight: Int!)')
    expect(printed).toContain('directive @listSize(')
    expect(printed).toMatch(/users\([\s\S]*?\): UserConnection! @listSize\(slicingArguments: \["first"\], sizedFields: \["edges"\]/)
  })
})

describe('the cost of a document', () => {
  it('counts first at its literal, its variable, the variable default, or the argument default', () => {
    const page = 'users(first: $f) { edges { node { id } } }'
    expect(cost('{ users(first: 30) { edges { node { id } } } }')).toBe(61)
    expect(cost(`query($f: Int) { ${page} }`, { f: 30 })).toBe(61)
    expect(cost(`query($f: Int = 30) { ${page} }`)).toBe(61)
    expect(cost(`query($f: Int = 7) { ${page} }`, { f: 30 })).toBe(61)
    expect(cost('{ users { edges { node { id } } } }')).toBe(1 + PAGE_SIZE.default * 2)
  })

  it('prices a page larger than the field serves at the largest page (the field refuses it itself)', () => {
    expect(cost('query($f: Int) { users(first: $f) { edges { node { id } } } }', { f: 2 ** 40 })).toBe(1 + PAGE_SIZE.max * 2)
  })

  it('multiplies nested pages: 200 users × 50 events each is at least 10,000', () => {
    expect(cost('{ users(first: 200) { edges { node { auditEvents(first: 50) { edges { node { id } } } } } } }')).toBeGreaterThanOrEqual(200 * 50)
  })

  it('follows fragments and inline fragments, and prices a fragment once however often it is spread', () => {
    expect(cost('{ users(first: 10) { ...Page } } fragment Page on UserConnection { edges { node { ... on User { id } } } }')).toBe(21)
    // 2^40 spreads if walked naively.
    const chain = Array.from({ length: 40 }, (_, i) => `fragment F${i} on User { ...F${i + 1} ...F${i + 1} }`).join(' ')
    expect(cost(`{ me { ...F0 } } ${chain} fragment F40 on User { id }`)).toBe(1)
  })
})

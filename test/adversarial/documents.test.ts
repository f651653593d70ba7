// Caller-shaped documents and batches against a real gateway process (the
// bundle `npm start` runs), on SQLite and PostgreSQL: aliases, fragments,
// inline fragments, variables (given, defaulted, null, omitted), nested pages.
// Every request is either refused before anything runs (no data, not one SQL
// statement) or answered without an internal error; the SQL statements it ran
// (the gateway's own counter, METRICS_DB_STATEMENTS) and the objects it
// answered stay within the cost computed from the schema's prices; the
// process stays alive. FUZZ_RUNS sets the number of requests (default 120).
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { parse } from 'graphql'
import { costModel } from '../../src/plugins/document-cost.ts'
import { schema } from '../../src/schema/index.ts'
import { PAGE_SIZE } from '../../src/schema/user.ts'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { killAll, launchGateway, productionEnv, type LaunchedGateway } from '../support/harness/process.ts'
import { metricValue } from '../support/resilience/invariants.ts'
import { postOverHttp, type HttpAnswer } from '../support/harness/http-graphql.ts'
import { prepareHeavyTenant, readerToken } from './heavy-tenant.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const RUNS = Number(process.env.FUZZ_RUNS ?? 120)
const MAX_COST = 5000
const model = costModel(schema, PAGE_SIZE.max)

interface Operation {
  query: string
  variables: Record<string, unknown>
}

/** How a page size reaches the field: a literal, a variable (given, null, left to its default, left out), or no argument. */
type Size =
  | { kind: 'literal'; value: number }
  | { kind: 'variable'; value: number | null }
  | { kind: 'variableDefault'; value: number }
  | { kind: 'variableOmitted' }
  | { kind: 'absent' }

// Small pages often, so that most requests are answered; the bounds of the range too.
const pageSize = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }) }, fc.integer({ min: 1, max: 200 }), fc.constantFrom(1, 50, 199, 200))
const size: fc.Arbitrary<Size> = fc.oneof(
  pageSize.map((value) => ({ kind: 'literal' as const, value })),
  fc.option(pageSize, { nil: null }).map((value) => ({ kind: 'variable' as const, value })),
  pageSize.map((value) => ({ kind: 'variableDefault' as const, value })),
  fc.constant({ kind: 'variableOmitted' as const }),
  fc.constant({ kind: 'absent' as const }),
)

/** Builds one operation's text, declaring its variables as the sizes ask. */
class OperationText {
  private readonly declarations: string[] = []
  readonly variables: Record<string, unknown> = {}

  first(s: Size): string {
    if (s.kind === 'absent') return ''
    if (s.kind === 'literal') return `(first: ${s.value})`
    const name = `v${this.declarations.length}`
    if (s.kind === 'variableDefault') this.declarations.push(`$${name}: Int = ${s.value}`)
    else this.declarations.push(`$${name}: Int`)
    if (s.kind === 'variable') this.variables[name] = s.value
    return `(first: $${name})`
  }

  operation(body: string, fragments: string): string {
    return `query${this.declarations.length ? `(${this.declarations.join(', ')})` : ''} { ${body} }${fragments}`
  }
}

type UserPart =
  | { kind: 'scalar'; name: 'id' | 'userPrincipalName' | 'displayName' }
  | { kind: 'phones'; withOwner: boolean }
  | { kind: 'preferences' }
  | { kind: 'events'; size: Size }
  | { kind: 'fragment' }
  | { kind: 'inline' }

const userPart: fc.Arbitrary<UserPart> = fc.oneof(
  fc.constantFrom('id', 'userPrincipalName', 'displayName').map((name) => ({ kind: 'scalar' as const, name })),
  fc.boolean().map((withOwner) => ({ kind: 'phones' as const, withOwner })),
  fc.constant({ kind: 'preferences' as const }),
  size.map((s) => ({ kind: 'events' as const, size: s })),
  fc.constant({ kind: 'fragment' as const }),
  fc.constant({ kind: 'inline' as const }),
)

type Root =
  | { kind: 'users'; size: Size; parts: UserPart[] }
  | { kind: 'me'; parts: UserPart[] }
  | { kind: 'user'; parts: UserPart[] }
  | { kind: 'tenantEvents'; size: Size }
  | { kind: 'policy' }

const parts = fc.array(userPart, { minLength: 1, maxLength: 5 })
const root: fc.Arbitrary<Root> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('users' as const), size, parts }) },
  fc.record({ kind: fc.constant('me' as const), parts }),
  fc.record({ kind: fc.constant('user' as const), parts }),
  fc.record({ kind: fc.constant('tenantEvents' as const), size }),
  fc.constant({ kind: 'policy' as const }),
)

const USER_FRAGMENT = ' fragment UserBits on User { id phoneMethods { phoneType smsSignInState } }'

function operationOf(roots: Root[]): Operation {
  const text = new OperationText()
  let usesFragment = false
  // Each its own alias: two pages of different sizes under one name would not validate.
  let events = 0
  const userSelection = (selected: UserPart[]): string =>
    selected
      .map((part) => {
        switch (part.kind) {
          case 'scalar':
            return part.name
          case 'phones':
            return `phoneMethods { id phoneNumber phoneType${part.withOwner ? ' user { id userPrincipalName }' : ''} }`
          case 'preferences':
            return 'signInPreferences { isSystemPreferredAuthenticationMethodEnabled userPreferredMethodForSecondaryAuthentication }'
          case 'events':
            return `e${events++}: auditEvents${text.first(part.size)} { edges { cursor node { id targetUserId } } pageInfo { hasNextPage } }`
          case 'fragment':
            usesFragment = true
            return '...UserBits'
          case 'inline':
            return '... on User { displayName }'
        }
      })
      .join(' ')
  const body = roots
    .map((r, index) => {
      const alias = `a${index}: `
      switch (r.kind) {
        case 'users':
          return `${alias}users${text.first(r.size)} { edges { node { ${userSelection(r.parts)} } } pageInfo { endCursor } }`
        case 'me':
          return `${alias}me { ${userSelection(r.parts)} }`
        case 'user':
          return `${alias}user(id: "adv-0007") { ${userSelection(r.parts)} }`
        case 'tenantEvents':
          return `${alias}auditEvents${text.first(r.size)} { edges { node { id activityDisplayName } } }`
        case 'policy':
          return `${alias}smsAuthenticationMethodConfiguration { state includeTargets { id } }`
      }
    })
    .join(' ')
  return { query: text.operation(body, usesFragment ? USER_FRAGMENT : ''), variables: text.variables }
}

const operation = fc.array(root, { minLength: 1, maxLength: 6 }).map(operationOf)
const request = fc.oneof(
  operation.map((single) => ({ batch: false as const, operations: [single] })),
  fc.array(operation, { minLength: 2, maxLength: 10 }).map((operations) => ({ batch: true as const, operations })),
)

const costOf = (operations: Operation[]) => operations.reduce((sum, { query, variables }) => sum + model.cost(parse(query), undefined, variables), 0)

interface Result {
  data?: unknown
  errors?: { message: string; extensions?: { code?: string } }[]
}

/** Objects (users, phones, events, edges, …) in an answer: each is at least one row the gateway read. */
function objectsIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + objectsIn(item), 0)
  if (typeof value !== 'object' || value === null) return 0
  return 1 + Object.values(value).reduce((sum: number, item) => sum + objectsIn(item), 0)
}

describeOnEachDatabase('caller-shaped documents against a real gateway on %s', (provider) => {
  let scratch: ScratchDatabase
  let gateway: LaunchedGateway | undefined
  let token: string
  const statements = async () => metricValue(await (await fetch(`${gateway!.url}/metrics`)).text(), 'gateway_db_statements_total')

  beforeAll(async () => {
    scratch = await scratchDatabase(provider)
    await prepareHeavyTenant(scratch.url)
    token = await readerToken()
    // Load shedding off: this is about cost, and a busy CI machine delays any event loop (flood.test.ts sheds).
    gateway = await launchGateway({
      env: productionEnv(scratch.url, { METRICS_DB_STATEMENTS: 'true', MAX_EVENT_LOOP_DELAY_MS: '0', MAX_HEAP_USED_PERCENT: '0', MAX_COST_IN_FLIGHT: '0' }),
    })
    // The audit retention's first purge runs just after the start: counting begins once it is done.
    let last: number
    let now = await statements()
    do {
      last = now
      await new Promise((resolve) => setTimeout(resolve, 300))
      now = await statements()
    } while (now !== last)
  })
  afterAll(async () => {
    await killAll([gateway])
    await scratch?.drop()
  })

  it("refuses issue 21's 12 KB batch (10 × 15 pages of 200 users, their phones, owners and preferences, first as a variable) before it runs, and lives", async () => {
    const page = (i: number) =>
      `a${i}: users(first: $f) { edges { node { id userPrincipalName phoneMethods { id phoneNumber phoneType smsSignInState user { id } } signInPreferences { isSystemPreferredAuthenticationMethodEnabled } } } }`
    const query = `query($f: Int) { ${Array.from({ length: 15 }, (_, i) => page(i)).join(' ')} }`
    const batch = Array.from({ length: 10 }, () => ({ query, variables: { f: 200 } }))
    expect(JSON.stringify(batch).length).toBeGreaterThan(12_000)
    const before = await statements()
    const answer = await postOverHttp(gateway!.url, token, batch)
    expect(answer.status).toBe(400)
    const body = answer.body as Result
    expect(body.data).toBeUndefined()
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
    expect(body.errors?.[0]?.message).toMatch(/^the batch costs \d+, more than the limit of 5000 /)
    expect(await statements()).toBe(before)

    // The same with no variable at all: each user's audit trail at its default page.
    const trails = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: users { edges { node { auditEvents { edges { node { id targetUserId } } } } } }`).join(' ')} }`
    const second = await postOverHttp(gateway!.url, token, Array.from({ length: 10 }, () => ({ query: trails })))
    expect(second.status).toBe(400)
    expect((second.body as Result).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED')
    expect(await statements()).toBe(before)
    expect((await fetch(`${gateway!.url}/health`)).status).toBe(200)
    expect(gateway!.alive()).toBe(true)
  })

  it('refuses every request over the cost before any SQL, and answers every other one within its cost', async () => {
    const tally = { refused: 0, answered: 0, maxStatements: 0, maxCost: 0 }
    await fc.assert(
      fc.asyncProperty(request, async ({ batch, operations }) => {
        const cost = costOf(operations)
        const before = await statements()
        const answer: HttpAnswer = await postOverHttp(gateway!.url, token, batch ? operations : operations[0])
        const ran = (await statements()) - before
        const context = `cost ${cost}, ${ran} statements, ${answer.status}: ${answer.text.slice(0, 300)}`
        if (cost > MAX_COST) {
          tally.refused++
          expect(answer.status, context).toBe(400)
          const body = answer.body as Result
          expect(Array.isArray(body), context).toBe(false)
          expect(body.data, context).toBeUndefined()
          expect(body.errors?.map((error) => error.extensions?.code), context).toEqual(['GRAPHQL_VALIDATION_FAILED'])
          expect(body.errors?.[0]?.message, context).toContain(`costs ${cost}, more than the limit of ${MAX_COST}`)
          expect(ran, context).toBe(0)
          return
        }
        tally.answered++
        tally.maxCost = Math.max(tally.maxCost, cost)
        tally.maxStatements = Math.max(tally.maxStatements, ran)
        const results = (batch ? answer.body : [answer.body]) as Result[]
        expect(answer.status, context).toBe(200)
        expect(results, context).toHaveLength(operations.length)
        for (const result of results) {
          // Answered: data, or a refusal of a value with its code (users(first: null) is BAD_USER_INPUT), never an internal error.
          expect(result.data ?? result.errors?.length, context).toBeTruthy()
          expect(result.errors?.filter((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR') ?? [], context).toEqual([])
        }
        // Each operation may read the caller's own user once (no price), beside what it asks for.
        expect(ran, context).toBeLessThanOrEqual(cost + operations.length)
        expect(objectsIn(results.map((result) => result.data)), context).toBeLessThanOrEqual(cost + operations.length)
      }),
      { numRuns: RUNS },
    )
    console.log(`[adversarial documents ${provider}] ${RUNS} requests: ${tally.refused} refused before any SQL, ${tally.answered} answered (highest cost ${tally.maxCost}, most statements ${tally.maxStatements})`)
    expect((await fetch(`${gateway!.url}/health`)).status).toBe(200)
    expect(gateway!.alive()).toBe(true)
  }, 300_000)
})

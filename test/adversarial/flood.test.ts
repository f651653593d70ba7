// Overload against a real gateway process, on SQLite and PostgreSQL:
//   - past MAX_CONCURRENT_REQUESTS, a new request is shed at once (503,
//     Retry-After, SERVER_BUSY; on REST routes Graph's shape), while /health
//     still answers;
//   - started with a 128 MB heap (NODE_OPTIONS, as an operator would size
//     it), a bounded flood of the heaviest requests the cost limit allows
//     (batches of 10 operations, together just under MAX_COST) is answered
//     or shed, never kills the process, and /health answers throughout.
// The flood's peak RSS and number of 503s are printed for the CI log.
import { readFileSync } from 'node:fs'
import { parse } from 'graphql'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { costModel } from '../../src/plugins/document-cost.ts'
import { schema } from '../../src/schema/index.ts'
import { PAGE_SIZE } from '../../src/schema/user.ts'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { killAll, launchGateway, productionEnv, type LaunchedGateway } from '../support/harness/process.ts'
import { slowPost } from '../support/resilience/operations.ts'
import { postOverHttp, type HttpAnswer } from '../support/harness/http-graphql.ts'
import { prepareHeavyTenant, readerToken } from './heavy-tenant.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const MAX_COST = 5000
const FLOOD_REQUESTS = Number(process.env.FLOOD_REQUESTS ?? 400)
const FLOOD_CONCURRENCY = 300
const FLOOD_IN_FLIGHT = 64
const FLOOD_LOOP_DELAY_MS = 10

/** 1 + 99 users × (edge, node, three phones) = 496; ten of them: 4,960, the most a batch of this shape may cost. */
const HEAVY_OPERATION = {
  query:
    'query($f: Int) { users(first: $f) { edges { cursor node { id userPrincipalName displayName phoneMethods { id phoneNumber phoneType smsSignInState } } } pageInfo { hasNextPage endCursor } } }',
  variables: { f: 99 },
}
const DATABASE_UNREACHABLE = 'the database is not reachable right now; retry shortly'
const HEAVY_BATCH = Array.from({ length: 10 }, () => HEAVY_OPERATION)

interface Result {
  data?: unknown
  errors?: { message: string; extensions?: { code?: string } }[]
}

const expectShed = (answer: HttpAnswer) => {
  expect(answer.status).toBe(503)
  expect(answer.headers.get('retry-after')).toMatch(/^\d+$/)
  expect((answer.body as Result).errors?.map((error) => error.extensions?.code)).toEqual(['SERVER_BUSY'])
  expect((answer.body as Result).data).toBeUndefined()
}

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith('VmRSS:'))
  return line ? Number(line.replace(/\D+/g, '')) * 1024 : 0
}

describeOnEachDatabase('a gateway process under overload on %s', (provider) => {
  let scratch: ScratchDatabase
  let token: string
  const gateways: LaunchedGateway[] = []

  beforeAll(async () => {
    scratch = await scratchDatabase(provider)
    await prepareHeavyTenant(scratch.url)
    token = await readerToken()
  })
  afterAll(async () => {
    await killAll(gateways)
    await scratch?.drop()
  })

  it('sheds a request past MAX_CONCURRENT_REQUESTS with 503 SERVER_BUSY and Retry-After, on /graphql and REST, and still answers /health', async () => {
    const gateway = await launchGateway({ env: productionEnv(scratch.url, { MAX_CONCURRENT_REQUESTS: '1', MAX_EVENT_LOOP_DELAY_MS: '0' }) })
    gateways.push(gateway)
    try {
      await shedsPastOneRequest(gateway)
    } finally {
      // One process per SQLite file: make way for the next test's.
      await gateway.terminate()
    }
  })

  async function shedsPastOneRequest(gateway: LaunchedGateway) {
    const held = slowPost(gateway.url, token, { query: '{ me { id } }' })
    await held.accepted
    expectShed(await postOverHttp(gateway.url, token, { query: '{ me { id } }' }))
    const rest = await fetch(`${gateway.url}/v1.0/users/adv-0001/authentication/phoneMethods`, { headers: { authorization: `Bearer ${token}` } })
    expect(rest.status).toBe(503)
    expect(rest.headers.get('retry-after')).toMatch(/^\d+$/)
    const graphError = (await rest.json()) as { error: { code: string; innerError?: { code?: string } } }
    expect([graphError.error.code, graphError.error.innerError?.code]).toContain('SERVER_BUSY')
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200)
    held.finish()
    expect((await held.response).status).toBe(200)
    // The held request is done: the next one is served.
    expect((await postOverHttp(gateway.url, token, { query: '{ me { id } }' })).status).toBe(200)
  }

  it('with a 128 MB heap, sheds a flood of the heaviest allowed batches instead of dying, answering /health throughout', async () => {
    const cost = HEAVY_BATCH.reduce((sum, { query, variables }) => sum + costModel(schema, PAGE_SIZE.max).cost(parse(query), undefined, variables), 0)
    expect(cost).toBeLessThanOrEqual(MAX_COST)
    expect(cost).toBeGreaterThan(MAX_COST * 0.95)

    // The default limits but one per database, the limit a flood reaches first there. On PostgreSQL requests
    // wait on the pool, so they pile up in flight: 64 instead of 256. On SQLite statements run on the event loop,
    // so a request runs from start to answer without letting another one in: requests never pile up in flight
    // (the rest wait unread in their sockets), and what grows is the event loop's delay, each batch holding
    // the loop for tens of milliseconds: 10 ms instead of 1,000.
    const limit: Record<string, string> = provider === 'sqlite' ? { MAX_EVENT_LOOP_DELAY_MS: String(FLOOD_LOOP_DELAY_MS) } : { MAX_CONCURRENT_REQUESTS: String(FLOOD_IN_FLIGHT) }
    const gateway = await launchGateway({ env: productionEnv(scratch.url, { NODE_OPTIONS: '--max-old-space-size=128', ...limit }) })
    gateways.push(gateway)
    const pid = gateway.child.pid!
    let peakRss = rssOf(pid)
    const health: number[] = []
    let slowestHealthMs = 0
    let flooding = true
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(pid))), 50)
    const watch = (async () => {
      while (flooding) {
        const asked = performance.now()
        health.push((await fetch(`${gateway.url}/health`, { headers: { connection: 'close' } }).catch(() => ({ status: 0 }))).status)
        slowestHealthMs = Math.max(slowestHealthMs, performance.now() - asked)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })()

    const statuses = new Map<number, number>()
    let next = 0
    const problems: string[] = []
    let unreachable = 0
    const client = async () => {
      while (next < FLOOD_REQUESTS) {
        next++
        // A connection each: a starved client could otherwise reuse a keep-alive socket the gateway has just closed as idle.
        const answer = await postOverHttp(gateway.url, token, HEAVY_BATCH, { connection: 'close' }).catch((error: Error) => ({ status: 0, text: `${error.message} (${(error.cause as { code?: string } | undefined)?.code})` }) as HttpAnswer)
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
        if (answer.status === 200) {
          const results = answer.body as Result[]
          // PostgreSQL's pool gives up on a connection after 3 s of waiting, which a starved machine reaches: the
          // gateway's documented answer for an unreachable database. Counted and printed, not hidden.
          const poolTimeouts = results.filter((result) => result.errors?.every((error) => error.message === DATABASE_UNREACHABLE)).length
          unreachable += poolTimeouts
          if (results.length !== 10 || results.some((result) => (result.errors || !result.data) && !result.errors?.every((error) => error.message === DATABASE_UNREACHABLE)))
            problems.push(answer.text.slice(0, 200))
        } else if (answer.status === 503) {
          const body = answer.body as Result
          if (body.errors?.[0]?.extensions?.code !== 'SERVER_BUSY' || !answer.headers.get('retry-after')) problems.push(answer.text.slice(0, 200))
        } else {
          problems.push(`${answer.status}: ${answer.text.slice(0, 200)}`)
        }
      }
    }
    await Promise.all(Array.from({ length: FLOOD_CONCURRENCY }, client))
    flooding = false
    await watch
    clearInterval(sampler)

    const shed = statuses.get(503) ?? 0
    console.log(
      `[adversarial flood ${provider}] ${FLOOD_REQUESTS} batches of cost ${cost} (${FLOOD_CONCURRENCY} at a time, 128 MB heap, ${Object.entries(limit).map(([name, value]) => `${name}=${value}`).join(' ')}): ${statuses.get(200) ?? 0} answered, ${shed} shed with 503, ${unreachable} operations answered "database not reachable"; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB; /health ${health.filter((status) => status === 200).length}/${health.length} OK (slowest ${(slowestHealthMs / 1000).toFixed(1)} s)`,
    )
    expect(gateway.alive(), [...gateway.stderr].slice(-5).join('\n')).toBe(true)
    expect(problems).toEqual([])
    expect(shed).toBeGreaterThan(0)
    expect(health.length).toBeGreaterThan(0)
    expect(health.every((status) => status === 200)).toBe(true)
    // Once the flood is over, the gateway serves again (after Retry-After, as a client would wait).
    let after = await postOverHttp(gateway.url, token, HEAVY_BATCH)
    for (let attempt = 0; after.status === 503 && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(after.headers.get('retry-after'))))
      after = await postOverHttp(gateway.url, token, HEAVY_BATCH)
    }
    expect(after.status).toBe(200)
  }, 240_000)
})

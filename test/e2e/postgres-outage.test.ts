// PostgreSQL goes down under a running gateway process, and comes back.
// The shared server on 127.0.0.1:5432 is never touched: the test runs its
// own private server (initdb + pg_ctl on a free port, see
// test/support/resilience/postgres.ts) and crashes that one (pg_ctl stop
// -m immediate) in the middle of a write load.
//
// While the database is down, the contract asks for /ready 503 and, for a
// GraphQL request, a masked error (no code of its own exists for an outage:
// docs/errors.md masks "anything unexpected" as INTERNAL_SERVER_ERROR); the
// gateway says what happened in the message and answers HTTP 503, which is
// what a client or a load balancer needs to retry elsewhere or later.
import { mintToken } from '../../src/auth/mint.ts'
import type { SeedFile } from '../../src/db/seed.ts'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { checkInvariants, PHONE_METHOD_ID, prepareDatabase, storedPhones, withDatabase } from '../support/resilience/invariants.ts'
import { answerCounts, startLanes, unexplainedUsers } from '../support/resilience/lanes.ts'
import { postGraphQL, requestOf, type Outcome } from '../support/resilience/operations.ts'
import { launchGateway, productionEnv, RESILIENCE_SECRET, type LaunchedGateway } from '../support/harness/process.ts'
import { startPrivatePostgres, type PrivatePostgres } from '../support/resilience/postgres.ts'
import { describeOnPostgres } from '../support/vitest/database-suites.ts'

/**
 * "Fails fast": well under the 5 s a client would wait before giving up. Generous on purpose
 * (a busy shared two-core machine); the gateway's own connect timeout is 3 s, and a refused
 * connection fails at once.
 */
const FAST_MS = 5000
/**
 * "Fails fast" when the database hangs instead of refusing connections (nothing answers, nothing
 * is closed): the gateway's own connect timeout is 3 s; this allows more than three times that.
 */
const HUNG_MS = 10_000
/** How long the gateway may take to notice that the database is back. */
const RECOVERY_MS = 30_000
const LANES = 8

const tenants: SeedFile = {
  tenants: [
    {
      id: 'contoso',
      users: ['steady', 'outage-probe', ...Array.from({ length: LANES }, (_, i) => `outage-${i}`)].map((id) => ({
        id,
        userPrincipalName: `${id}@contoso.com`,
        displayName: id,
        directoryRoles: [],
      })),
    },
  ],
}

const UNAVAILABLE_MESSAGE = 'the database is not reachable right now; retry shortly'

/** The gateway's answer while the database is down: HTTP 503, every error the masked code with that message, no internals. */
function outageProblem(outcome: Outcome): string | undefined {
  if (outcome.kind === 'lost') return `no answer: ${outcome.error}`
  if (outcome.status !== 503) return `HTTP ${outcome.status}: ${outcome.text.slice(0, 300)}`
  const errors = (outcome.body as { errors?: { message?: string; extensions?: { code?: string } }[] })?.errors
  if (!Array.isArray(errors) || errors.length === 0) return `no errors: ${outcome.text.slice(0, 300)}`
  for (const error of errors) {
    if (error.extensions?.code !== 'INTERNAL_SERVER_ERROR' || error.message !== UNAVAILABLE_MESSAGE) return `unexpected error ${JSON.stringify(error)}`
  }
  if (/SELECT|INSERT|prisma|\.ts:|\n\s+at |127\.0\.0\.1|ECONNREFUSED/i.test(outcome.text)) return `internals in ${outcome.text}`
  return undefined
}

const elapsed = (outcome: Outcome) => outcome.answeredAt - outcome.sentAt

describeOnPostgres('PostgreSQL down and back under a running gateway', () => {
  let server: PrivatePostgres | undefined
  let gateway: LaunchedGateway | undefined
  let token: string

  beforeAll(async () => {
    server = await startPrivatePostgres()
    await prepareDatabase(server.url('gateway'), tenants)
    gateway = await launchGateway({ env: productionEnv(server.url('gateway')) })
    token = await mintToken(RESILIENCE_SECRET, { tid: 'contoso', sub: 'outage-app', roles: ['UserAuthenticationMethod.ReadWrite.All'] })
  }, 90_000)
  afterAll(async () => {
    server?.thaw()
    await gateway?.kill9()
    await server?.destroy()
  })

  it('fails fast with 503 while the database is down, never crashes, and recovers without a restart', { timeout: 90_000 }, async () => {
    const url = gateway!.url
    const read = (userId: string) => postGraphQL(url, token, { query: `{ user(id: "${userId}") { id phoneMethods { phoneNumber phoneType } } }` })
    const timedReady = async () => {
      const startedAt = performance.now()
      const response = await fetch(`${url}/ready`)
      return { status: response.status, ms: performance.now() - startedAt }
    }

    // Up: ready, reads, writes.
    expect((await timedReady()).status).toBe(200)
    const before = await postGraphQL(url, token, requestOf({ kind: 'add', userId: 'steady', type: 'office', number: '+1 4255550100' }))
    expect(before.kind === 'answered' && before.body).toEqual({
      data: { addPhoneMethod: { methodId: PHONE_METHOD_ID.office, phoneNumber: '+1 4255550100', phoneType: 'office', smsSignInState: 'notSupported' } },
    })

    // A write load is running when the database crashes.
    const seed = Math.floor(Math.random() * 2 ** 31)
    let crashed: Promise<void> | undefined
    const load = startLanes({
      url,
      token,
      seed,
      lanes: Array.from({ length: LANES }, (_, i) => [`outage-${i}`]),
      onAck: (count) => {
        if (count === 40) crashed = server!.stop('immediate')
      },
      isUnavailable: (outcome) => outcome.status === 503,
    })
    // Every lane ends at its first answer without a definite outcome: the database is gone.
    await load.done
    expect(crashed, 'the database was stopped mid-load').toBeDefined()
    await crashed
    console.log(`[outage] seed ${seed}: ${load.records.length} requests during the crash; answers`, answerCounts(load.records))
    expect(load.mismatches).toEqual([])
    const unavailable = [...load.unknown.values()].map((record) => outageProblem(record.outcome))
    expect(unavailable).toEqual(unavailable.map(() => undefined))

    // Down: /ready says so at once, every request fails fast and clearly, the process lives on.
    const ready = await timedReady()
    expect(ready.status).toBe(503)
    expect(ready.ms).toBeLessThan(FAST_MS)
    const query = await read('steady')
    expect(outageProblem(query)).toBeUndefined()
    expect(elapsed(query)).toBeLessThan(FAST_MS)
    const refusedWrite = await postGraphQL(url, token, requestOf({ kind: 'add', userId: 'outage-probe', type: 'office', number: '+1 4255550111' }))
    expect(outageProblem(refusedWrite)).toBeUndefined()
    expect(elapsed(refusedWrite)).toBeLessThan(FAST_MS)
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => read(i % 2 ? 'steady' : 'outage-0')))
    expect(burst.map(outageProblem)).toEqual(burst.map(() => undefined))
    expect(Math.max(...burst.map(elapsed))).toBeLessThan(FAST_MS)
    // Answers that need no database still come.
    const unauthenticated = await postGraphQL(url, 'not-a-token', { query: '{ me { id } }' })
    expect(unauthenticated.kind === 'answered' && unauthenticated.status).toBe(401)
    expect((await fetch(`${url}/health`)).status).toBe(200)
    expect(gateway!.alive()).toBe(true)

    // Back: the same process recovers by itself.
    await server!.start()
    const deadline = performance.now() + RECOVERY_MS
    let status = 0
    while (performance.now() < deadline && (status = (await timedReady()).status) !== 200) await new Promise((resolve) => setTimeout(resolve, 200))
    expect(status).toBe(200)
    const after = await read('steady')
    expect(after.kind === 'answered' && after.body).toEqual({ data: { user: { id: 'steady', phoneMethods: [{ phoneNumber: '+1 4255550100', phoneType: 'office' }] } } })
    // The write refused during the outage did nothing; the same write now works.
    const probe = await read('outage-probe')
    expect(probe.kind === 'answered' && probe.body).toEqual({ data: { user: { id: 'outage-probe', phoneMethods: [] } } })
    const retried = await postGraphQL(url, token, requestOf({ kind: 'add', userId: 'outage-probe', type: 'office', number: '+1 4255550111' }))
    expect(retried.kind === 'answered' && retried.body).toEqual({
      data: { addPhoneMethod: { methodId: PHONE_METHOD_ID.office, phoneNumber: '+1 4255550111', phoneType: 'office', smsSignInState: 'notSupported' } },
    })
    expect(gateway!.alive()).toBe(true)

    // Nothing half-written by the crash, and every write acknowledged before it is there.
    await withDatabase(server!.url('gateway'), async (db) => {
      expect(await checkInvariants(db)).toEqual([])
      expect(unexplainedUsers(load, await storedPhones(db))).toEqual([])
    })
    // Every log line the outage produced is still a well-formed JSON line, and no stack trace was printed.
    expect(gateway!.stdout.filter((line) => !line.startsWith('{'))).toEqual([])
    expect(gateway!.stderr.join('\n')).not.toMatch(/\n\s+at /)
  })

  // A database that stops answering without closing anything (a network
  // partition, a frozen VM): the private server's processes are SIGSTOPped.
  it('fails fast too when the database hangs with connections open, and recovers when it answers again', { timeout: 90_000 }, async () => {
    const url = gateway!.url
    const bounded = async (path: string, init: RequestInit = {}) => {
      const startedAt = performance.now()
      try {
        const response = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(HUNG_MS + 2000) })
        return { status: response.status, text: await response.text(), ms: performance.now() - startedAt }
      } catch (error) {
        return { status: 0, text: `no answer: ${(error as Error).name}`, ms: performance.now() - startedAt }
      }
    }
    const query = () =>
      bounded('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ user(id: "steady") { id phoneMethods { phoneNumber } } }' }),
      })
    // Open pooled connections, as a gateway in service has.
    expect((await Promise.all(Array.from({ length: 6 }, query))).map((answer) => answer.status)).toEqual(Array(6).fill(200))

    server!.freeze()
    let answers: Awaited<ReturnType<typeof query>>[]
    let ready: Awaited<ReturnType<typeof query>>
    try {
      ;[ready, ...answers] = await Promise.all([bounded('/ready'), ...Array.from({ length: 6 }, query)])
    } finally {
      server!.thaw()
    }
    const seen = [ready, ...answers].map((answer, i) => ({
      request: i === 0 ? 'GET /ready' : `query ${i}`,
      status: answer.status,
      fast: answer.ms < HUNG_MS,
      clear: i === 0 || answer.text.includes(UNAVAILABLE_MESSAGE),
    }))
    expect(seen).toEqual(seen.map(({ request }) => ({ request, status: 503, fast: true, clear: true })))
    expect(gateway!.alive()).toBe(true)

    const deadline = performance.now() + RECOVERY_MS
    let status = 0
    while (performance.now() < deadline && (status = (await bounded('/ready')).status) !== 200) await new Promise((resolve) => setTimeout(resolve, 200))
    expect(status).toBe(200)
    expect((await query()).status).toBe(200)
  })
})

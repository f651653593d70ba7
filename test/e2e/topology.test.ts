// The production topology of docs/operations.md, on this machine: PostgreSQL
// behind PgBouncer (transaction pooling), three gateway processes — one of
// them a cluster of WORKERS=2 — and Redis for the shared rate limit.
//   1. MUTATION_RATE_LIMIT=10 and 60 mutations sent round-robin to the three:
//      exactly 10 accepted (the machine's Redis).
//   2. A write load (test/support/resilience/lanes.ts: every acknowledged
//      write checkable exactly) on all three while one gateway is SIGSTOPped
//      and resumed, Redis (a test-owned redis-server) is stopped and
//      restarted, and another gateway is SIGKILLed. Afterwards: no
//      acknowledged write lost, nothing half-applied, every answered write
//      with exactly its audit event, no 5xx but 503s (the documented "database
//      unreachable", for a request whose session the database ended).
// Skipped with the reason without PgBouncer, redis-server or TEST_POSTGRES_URL; in CI it fails instead.
// SOAK_SECONDS sets how long the load runs (default 8; CI runs about a minute).
import { randomUUID } from 'node:crypto'
import { mintToken } from '../../src/auth/mint.ts'
import type { SeedFile } from '../../src/db/seed.ts'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { pgbouncerAbsent, startPgBouncer, type TestPgBouncer } from '../support/harness/pgbouncer.ts'
import { killAll, launchGateway, productionEnv, RESILIENCE_SECRET, type LaunchedGateway } from '../support/harness/process.ts'
import { redisServerAbsent, startTestRedis, type TestRedis } from '../support/harness/redis-server.ts'
import { auditTrailViolations, storedAuditEvents } from '../support/resilience/audit.ts'
import { checkInvariants, errorCodes, metricValue, prepareDatabase, storedPhones, withDatabase } from '../support/resilience/invariants.ts'
import { answerCounts, startLanes, unexplainedUsers, unknownOutcomeApplied, type LaneLoad } from '../support/resilience/lanes.ts'
import { postGraphQL } from '../support/resilience/operations.ts'
import { describeOnPostgres } from '../support/vitest/database-suites.ts'

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 8)
const MACHINE_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const ABSENT = pgbouncerAbsent() ?? redisServerAbsent()
const GATEWAYS = 3
const LANES_PER_GATEWAY = 6
const USERS_PER_LANE = 2
/** Short limits, so that the pause outlives them within a short run (the defaults are a few seconds). */
const WAIT_LIMITS = { DATABASE_LOCK_TIMEOUT_MS: '1000', DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1500', DATABASE_STATEMENT_TIMEOUT_MS: '4000' }
const PAUSE_MS = 3000
const REDIS_OUTAGE_MS = 2000

/** The target of the rate limit part (no lane writes to it). */
const RATE_LIMITED_USER = 'topo-rate'
const laneUser = (gateway: number, lane: number, slot: number) => `topo-${gateway}-${String(lane).padStart(2, '0')}-${slot}`
const tenants: SeedFile = {
  tenants: [
    {
      id: 'contoso',
      users: [
        ...Array.from({ length: GATEWAYS * LANES_PER_GATEWAY * USERS_PER_LANE }, (_, i) =>
          laneUser(Math.floor(i / (LANES_PER_GATEWAY * USERS_PER_LANE)), Math.floor(i / USERS_PER_LANE) % LANES_PER_GATEWAY, i % USERS_PER_LANE),
        ),
        RATE_LIMITED_USER,
      ].map((id) => ({ id, userPrincipalName: `${id}@contoso.com`, displayName: id, directoryRoles: [] })),
    },
  ],
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const listeningLines = (gateway: LaunchedGateway) => gateway.stdout.filter((line) => line.includes('"msg":"listening"')).length

describeOnPostgres('topology: PostgreSQL through PgBouncer, three gateways (one with WORKERS=2), Redis', () => {
  let bouncer: TestPgBouncer
  let redis: TestRedis
  let scratch: ScratchDatabase
  const gateways: LaunchedGateway[] = []

  /** The three gateways, the first a cluster of two workers, all through the pooler; migrations go direct. */
  const launchThree = async (extra: Record<string, string>) => {
    const started = await Promise.all(
      Array.from({ length: GATEWAYS }, (_, index) =>
        launchGateway({
          env: productionEnv(bouncer.pooled(scratch.url), {
            DIRECT_DATABASE_URL: scratch.url,
            DATABASE_POOL_SIZE: '4',
            SHUTDOWN_TIMEOUT_MS: '3000',
            ...WAIT_LIMITS,
            ...(index === 0 ? { WORKERS: '2' } : {}),
            ...extra,
          }),
          timeoutMs: 90_000,
        }),
      ),
    )
    gateways.push(...started)
    while (listeningLines(started[0]!) < 2) await sleep(100)
    return started
  }

  beforeAll(async () => {
    if (ABSENT && process.env.CI) throw new Error(`CI must run the topology test: ${ABSENT}`)
    if (ABSENT) return
    bouncer = await startPgBouncer({ poolSize: 20 })
    redis = await startTestRedis()
    scratch = await scratchDatabase('postgres')
    await prepareDatabase(scratch.url, tenants)
  }, 60_000)
  beforeEach(({ skip }) => {
    if (ABSENT) skip(ABSENT)
  })
  afterAll(async () => {
    await killAll(gateways)
    await bouncer?.stop()
    await redis?.stop()
    await scratch?.drop()
  })

  it('accepts exactly MUTATION_RATE_LIMIT=10 of 60 mutations sent round-robin to the three, and every process drains on SIGTERM', { timeout: 180_000 }, async () => {
    const three = await launchThree({ MUTATION_RATE_LIMIT: '10', REDIS_URL: MACHINE_REDIS })
    const token = await mintToken(RESILIENCE_SECRET, { tid: 'contoso', sub: `topology-${randomUUID()}`, roles: ['UserAuthenticationMethod.ReadWrite.All'] })
    const answers: string[] = []
    for (let i = 0; i < 60; i++) {
      const outcome = await postGraphQL(three[i % GATEWAYS]!.url, token, {
        query: `mutation { addPhoneMethod(input: { userId: "${RATE_LIMITED_USER}", phoneNumber: "+1 4255551${String(i).padStart(3, '0')}", phoneType: office }) { id } }`,
      })
      answers.push(outcome.kind === 'lost' ? 'lost' : outcome.status >= 500 ? `HTTP ${outcome.status}` : (errorCodes(outcome.body)[0] ?? 'ok'))
    }
    console.log(`[topology] rate limit: 60 mutations round-robin over ${GATEWAYS} gateways (4 processes):`, answerTally(answers))
    expect(answers.filter((answer) => answer !== 'RATE_LIMITED')).toHaveLength(10)
    for (const gateway of three) expect(await gateway.terminate()).toEqual({ code: 0, signal: null })
  })

  it(`keeps every acknowledged write and its audit event through SIGSTOP/SIGCONT, a Redis restart and SIGKILL, over ${SOAK_SECONDS} s`, { timeout: (SOAK_SECONDS + 150) * 1000 }, async () => {
    const three = await launchThree({ MUTATION_RATE_LIMIT: '1000000', REDIS_URL: redis.url })
    const token = await mintToken(RESILIENCE_SECRET, { tid: 'contoso', sub: 'topology-load', roles: ['UserAuthenticationMethod.ReadWrite.All'] })
    const seed = Math.floor(Math.random() * 2 ** 20) * 1000
    const loads: LaneLoad[] = three.map((gateway, g) =>
      startLanes({
        url: gateway.url,
        token,
        seed: seed + g * 100,
        lanes: Array.from({ length: LANES_PER_GATEWAY }, (_, lane) => Array.from({ length: USERS_PER_LANE }, (_, slot) => laneUser(g, lane, slot))),
        isUnavailable: (outcome) => outcome.status === 503,
      }),
    )
    const figures = { stops: 0, kills: 0, redisRestarts: 0 }
    const total = SOAK_SECONDS * 1000
    const paused = three[1]!
    const killed = three[2]!
    const events = (async () => {
      await sleep(total * 0.2)
      process.kill(paused.child.pid!, 'SIGSTOP')
      figures.stops++
      await sleep(PAUSE_MS)
      process.kill(paused.child.pid!, 'SIGCONT')
      await sleep(Math.max(0, total * 0.45 - total * 0.2 - PAUSE_MS))
      await redis.stop()
      await sleep(REDIS_OUTAGE_MS)
      await redis.start()
      figures.redisRestarts++
      await sleep(Math.max(0, total * 0.7 - total * 0.45 - REDIS_OUTAGE_MS))
      await killed.kill9()
      figures.kills++
    })()
    await sleep(total)
    await events
    loads.forEach((load) => load.stop())
    await Promise.all(loads.map((load) => load.done))

    const records = loads.flatMap((load) => load.records)
    const fallbacks = metricValue(await (await fetch(`${three[0]!.url}/metrics`)).text(), 'gateway_rate_limit_fallbacks_total')
    const { phones, stored, invariants } = await withDatabase(scratch.url, async (db) => ({
      phones: await storedPhones(db),
      stored: await storedAuditEvents(db),
      invariants: await checkInvariants(db),
    }))
    const audited = loads.flatMap((load) =>
      load.records.map(({ requestId, op, outcome }) => ({ requestId, outcome, applied: outcome.kind === 'lost' ? unknownOutcomeApplied(load, phones, op.userId) : undefined })),
    )
    // The rate limit part's events (their requests were not the load's) aside.
    const auditViolations = auditTrailViolations(audited, stored.filter((event) => event.requestId.startsWith('lane-')))
    const sentIds = new Set(records.map((record) => record.requestId))
    const answered = records.filter((record) => record.outcome.kind === 'answered')
    const unavailable = answered.filter((record) => record.outcome.kind === 'answered' && record.outcome.status === 503).length
    const acknowledged = loads.reduce((sum, load) => sum + load.acks(), 0)
    console.log(
      [
        `[topology] seed ${seed}, ${SOAK_SECONDS} s, ${GATEWAYS} gateways (4 processes) through PgBouncer, ${GATEWAYS * LANES_PER_GATEWAY} lanes`,
        `  operations: ${records.length}; acknowledged writes: ${acknowledged}; kills: ${figures.kills}; stops: ${figures.stops}; Redis restarts: ${figures.redisRestarts}`,
        `  503s: ${unavailable}; lost at the kill: ${records.filter((record) => record.outcome.kind === 'lost').length}; rate limit fallbacks (first gateway): ${fallbacks}`,
        `  answers: ${JSON.stringify(answerCounts(records))}`,
        `  audit events: ${stored.length}, matched to a sent request: ${stored.filter((event) => sentIds.has(event.requestId)).length}; audit violations: ${auditViolations.length}`,
        `  mismatched answers: ${loads.reduce((sum, load) => sum + load.mismatches.length, 0)}; invariant violations: ${invariants.length}`,
        ...three.flatMap((gateway, g) => gateway.stdout.filter((line) => /"level":50/.test(line)).slice(0, 3).map((line) => `  gateway ${g} logged: ${line.slice(0, 400)}`)),
      ].join('\n'),
    )

    expect(loads.flatMap((load) => load.mismatches).slice(0, 20)).toEqual([])
    expect(invariants).toEqual([])
    expect(loads.flatMap((load) => unexplainedUsers(load, phones))).toEqual([])
    expect(auditViolations.slice(0, 20)).toEqual([])
    // Every status was 200 or the documented 503.
    expect(answered.filter((record) => record.outcome.kind === 'answered' && ![200, 503].includes(record.outcome.status)).length).toBe(0)
    expect(figures).toEqual({ stops: 1, kills: 1, redisRestarts: 1 })
    // The load did run, on every gateway, and the two that were not killed are still serving.
    for (const load of loads) expect(load.acks()).toBeGreaterThan(0)
    expect(three[0]!.alive() && paused.alive()).toBe(true)
    for (const gateway of [three[0]!, paused]) expect((await fetch(`${gateway.url}/ready`)).status).toBe(200)
  })
})

function answerTally(answers: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const answer of answers) counts[answer] = (counts[answer] ?? 0) + 1
  return counts
}

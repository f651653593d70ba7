// kill -9 in the middle of a write load, and SIGTERM's drain, on a real
// gateway process over HTTP, on SQLite and (with TEST_POSTGRES_URL) PostgreSQL.
//
// The load (test/support/resilience/lanes.ts) is built so that every
// acknowledged write is checkable exactly: each of 24 concurrent lanes owns
// its own users and sends its operations one after another, so it knows the
// order of every write to its users and what each must answer; only the one
// request a lane had in flight when the process died has an unknown outcome
// (it either happened whole or not at all).
import { mintToken } from '../../src/auth/mint.ts'
import type { SeedFile } from '../../src/db/seed.ts'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import {
  checkInvariants,
  PHONE_METHOD_ID,
  PHONE_TYPES,
  prepareDatabase,
  resultProblem,
  storedPhones,
  withDatabase,
  type PhoneType,
} from '../support/resilience/invariants.ts'
import { auditTrailViolations, storedAuditEvents } from '../support/resilience/audit.ts'
import { answerCounts, bookOf, startLanes, unexplainedUsers, unknownOutcomeApplied } from '../support/resilience/lanes.ts'
import { postGraphQL, requestOf, slowPost } from '../support/resilience/operations.ts'
import { killAll, launchGateway, productionEnv, RESILIENCE_SECRET, type LaunchedGateway } from '../support/harness/process.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const LANES = 24
const USERS_PER_LANE = 2
/** The gateway is killed once this many writes were acknowledged: well inside the load, never at its start. */
const KILL_AFTER_ACKS = 80
const DRAIN_USERS = 6
const SHUTDOWN_TIMEOUT_MS = 3000
/** Generous: closing the database and exiting, on a busy two-core machine. */
const EXIT_GRACE_MS = 7000

const laneUser = (lane: number, slot: number) => `crash-${String(lane).padStart(2, '0')}-${slot}`
const drainUser = (index: number) => `drain-${index}`

const tenants: SeedFile = {
  tenants: [
    {
      id: 'contoso',
      users: [
        ...Array.from({ length: LANES * USERS_PER_LANE }, (_, i) => laneUser(Math.floor(i / USERS_PER_LANE), i % USERS_PER_LANE)),
        ...Array.from({ length: DRAIN_USERS }, (_, i) => drainUser(i)),
      ].map((id) => ({ id, userPrincipalName: `${id}@contoso.com`, displayName: id, directoryRoles: [] })),
    },
  ],
}

describeOnEachDatabase('a gateway process killed and stopped on %s', (provider) => {
  let scratch: ScratchDatabase
  let token: string
  const gateways: LaunchedGateway[] = []
  const launch = async (extra: Record<string, string> = {}) => {
    const gateway = await launchGateway({ env: productionEnv(scratch.url, extra) })
    gateways.push(gateway)
    return gateway
  }
  let restarted: LaunchedGateway | undefined

  beforeAll(async () => {
    scratch = await scratchDatabase(provider)
    await prepareDatabase(scratch.url, tenants)
    token = await mintToken(RESILIENCE_SECRET, { tid: 'contoso', sub: 'crash-test-app', roles: ['UserAuthenticationMethod.ReadWrite.All'] })
  })
  afterAll(async () => {
    await killAll(gateways)
    await scratch?.drop()
  })

  it('keeps every acknowledged write through a SIGKILL mid-load, leaves nothing half-written, and restarts on the same database', async () => {
    const gateway = await launch()
    const seed = Math.floor(Math.random() * 2 ** 31)
    let killed: Promise<unknown> | undefined
    const load = startLanes({
      url: gateway.url,
      token,
      seed,
      lanes: Array.from({ length: LANES }, (_, lane) => Array.from({ length: USERS_PER_LANE }, (_, slot) => laneUser(lane, slot))),
      onAck: (count) => {
        if (count === KILL_AFTER_ACKS) {
          killed = gateway.kill9()
          load.stop()
        }
      },
    })
    await load.done
    expect(killed, `the load ended before ${KILL_AFTER_ACKS} acknowledged writes`).toBeDefined()
    expect(await killed).toEqual({ code: null, signal: 'SIGKILL' })

    console.log(
      `[crash ${provider}] seed ${seed}: ${load.records.length} requests, ${load.acks()} acknowledged writes, ${load.unknown.size} in flight at the kill; answers`,
      answerCounts(load.records),
    )
    expect(load.mismatches).toEqual([])
    // Killed mid-load: requests were in flight (every lane always has one).
    expect(load.unknown.size).toBeGreaterThan(0)

    // Straight in the database, before anything touches it again.
    const { phones, events } = await withDatabase(scratch.url, async (db) => {
      expect(await checkInvariants(db)).toEqual([])
      return { phones: await storedPhones(db), events: await storedAuditEvents(db) }
    })
    expect(unexplainedUsers(load, phones)).toEqual([])
    // One success event per acknowledged write, one failure event per refusal, none for a write the kill undid.
    const audited = load.records.map(({ requestId, op, outcome }) => ({
      requestId,
      outcome,
      applied: outcome.kind === 'lost' ? unknownOutcomeApplied(load, phones, op.userId) : undefined,
    }))
    expect(auditTrailViolations(audited, events)).toEqual([])

    // A new process on the same database (for SQLite: the dead process's lock is gone with it).
    restarted = await launch({ SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) })
    expect((await fetch(`${restarted.url}/ready`)).status).toBe(200)
    const read = await postGraphQL(restarted.url, token, {
      query: '{ users(first: 100) { edges { node { id phoneMethods { phoneNumber phoneType } } } } }',
    })
    expect(read.kind === 'answered' && read.status).toBe(200)
    const served = (read as { body: { data: { users: { edges: { node: { id: string; phoneMethods: { phoneNumber: string; phoneType: PhoneType }[] } }[] } } } })
      .body.data.users.edges
    expect(served).toHaveLength(tenants.tenants[0]!.users.length)
    for (const { node } of served) {
      const stored = [...bookOf(phones, node.id)].map(([type, phone]) => ({ phoneType: type, phoneNumber: phone.number }))
      expect(node.phoneMethods, node.id).toEqual(PHONE_TYPES.flatMap((type) => stored.filter((phone) => phone.phoneType === type)))
    }
    const target = [...load.books.keys()].find((userId) => !bookOf(phones, userId).has('office'))!
    const write = await postGraphQL(restarted.url, token, requestOf({ kind: 'add', userId: target, type: 'office', number: '+1 4255550000' }))
    expect(write.kind === 'answered' && write.body).toEqual({
      data: { addPhoneMethod: { methodId: PHONE_METHOD_ID.office, phoneNumber: '+1 4255550000', phoneType: 'office', smsSignInState: 'notSupported' } },
    })
  })

  it('drains in-flight requests on SIGTERM while busy, and exits 0 within SHUTDOWN_TIMEOUT_MS', async () => {
    const gateway = restarted ?? (await launch({ SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) }))
    const drained = await drainScenario(gateway, token, () => void gateway.terminate(), { stuck: true })
    expect(drained.exit).toEqual({ code: 0, signal: null })
    expect(drained.answers).toEqual(drained.expectedAnswers)
    expect(drained.loadProblems).toEqual([])
    expect(drained.stuck).toBe('closed')
    expect(drained.elapsedMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS + EXIT_GRACE_MS)
    expect(gateway.stdout.some((line) => line.includes('shutdown deadline passed'))).toBe(true)
    expect(gateway.stdout.some((line) => line.includes('"msg":"stopped"'))).toBe(true)
    await withDatabase(scratch.url, async (db) => {
      expect(await drainedPhones(db)).toEqual(drained.expectedPhones)
      expect(await checkInvariants(db)).toEqual([])
    })
  })
})

const drainedPhones = async (db: Parameters<Parameters<typeof withDatabase>[1]>[0]) =>
  (await db.client.phoneMethod.findMany({ where: { tenantId: 'contoso', userId: { startsWith: 'drain-' } }, orderBy: { userId: 'asc' } })).map(
    (phone) => [phone.userId, phone.phoneType, phone.phoneNumber],
  )

/**
 * SIGTERM (sent by `signal`) while the gateway is busy with a read load and
 * holds DRAIN_USERS writes in flight: the gateway has read their headers
 * (100 Continue) and waits for their bodies, which come only after the
 * signal. With `stuck`, one more request never sends its body: only the
 * SHUTDOWN_TIMEOUT_MS deadline can end it.
 */
async function drainScenario(gateway: LaunchedGateway, token: string, signal: () => void, options: { stuck: boolean }) {
  const numberOf = (i: number) => `+1 42555520${i}0`
  const writes = Array.from({ length: DRAIN_USERS }, (_, i) =>
    slowPost(gateway.url, token, requestOf({ kind: 'add', userId: drainUser(i), type: 'office', number: numberOf(i) })),
  )
  const stuck = options.stuck
    ? slowPost(gateway.url, token, requestOf({ kind: 'add', userId: drainUser(0), type: 'mobile', number: '+1 4255552999' }))
    : undefined
  await Promise.all([...writes, ...(stuck ? [stuck] : [])].map((request) => request.accepted))

  // Busy: 16 clients reading every user's phones, back to back.
  let loading = true
  const loadProblems: string[] = []
  const load = Array.from({ length: 16 }, async () => {
    while (loading) {
      const outcome = await postGraphQL(gateway.url, token, { query: '{ users(first: 100) { edges { node { id phoneMethods { id phoneNumber } } } } }' })
      // After the signal, new connections are refused and keep-alive ones may be closed: not in flight, not checked.
      if (outcome.kind === 'lost') continue
      const problem = outcome.status === 200 ? resultProblem(outcome.body) : `HTTP ${outcome.status}`
      if (problem) loadProblems.push(problem)
    }
  })
  await new Promise((resolve) => setTimeout(resolve, 1000))

  const signalledAt = performance.now()
  signal()
  // The gateway is draining now; the requests it holds get their bodies only now.
  await new Promise((resolve) => setTimeout(resolve, 300))
  loading = false
  for (const request of writes) request.finish()
  const answers = await Promise.all(
    writes.map((request) => request.response.then((answer) => ({ status: answer.status, body: JSON.parse(answer.body) as unknown }), (error: Error) => ({ status: 0, body: error.message }))),
  )
  const stuckEnd = stuck && (await stuck.response.then(() => 'answered', () => 'closed'))
  const exit = await gateway.exited
  const elapsedMs = performance.now() - signalledAt
  await Promise.all(load)
  return {
    answers,
    expectedAnswers: Array.from({ length: DRAIN_USERS }, (_, i) => ({
      status: 200,
      body: { data: { addPhoneMethod: { methodId: PHONE_METHOD_ID.office, phoneNumber: numberOf(i), phoneType: 'office', smsSignInState: 'notSupported' } } },
    })),
    expectedPhones: Array.from({ length: DRAIN_USERS }, (_, i) => [drainUser(i), 'office', numberOf(i)]),
    loadProblems,
    stuck: stuckEnd,
    exit,
    elapsedMs,
  }
}

// A multi-process soak: three real gateway processes on one PostgreSQL
// database, many concurrent HTTP clients sending random phone-method and
// SMS-policy traffic over a few users and a few numbers, so that nearly every
// write races another one. Afterwards every invariant is checked straight in
// the database, every answer must have been well-formed, and the final state
// must agree with the acknowledged writes.
//
// SOAK_SECONDS sets how long the traffic runs (default 8; CI runs a minute).
import { mintToken } from '../../src/auth/mint.ts'
import type { Database } from '../../src/db/client.ts'
import type { SeedFile } from '../../src/db/seed.ts'
import { DirectoryRole } from '../../src/domain/principal.ts'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import {
  errorCodes,
  invariantViolations,
  metricValue,
  PHONE_METHOD_ID,
  PHONE_TYPES,
  prepareDatabase,
  resultProblem,
  storedPhones,
  tally,
  withDatabase,
  type PhoneType,
  type StoredPhone,
} from '../support/resilience/invariants.ts'
import { auditTrailViolations, storedAuditEvents } from '../support/resilience/audit.ts'
import { postGraphQL, requestOf, seededRandom, successOf, type GraphQLRequest, type Outcome, type PhoneOp } from '../support/resilience/operations.ts'
import { killAll, launchGateway, productionEnv, RESILIENCE_SECRET, type LaunchedGateway } from '../support/harness/process.ts'
import { describeOnPostgres } from '../support/vitest/database-suites.ts'

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 8)
const PROCESSES = 3
const CLIENTS = 24

const TENANTS = {
  contoso: Array.from({ length: 5 }, (_, i) => `soak-c${i}`),
  fabrikam: Array.from({ length: 3 }, (_, i) => `soak-f${i}`),
} as const
type TenantId = keyof typeof TENANTS
const ADMIN = 'soak-admin'
const ADMIN_ROLES = [DirectoryRole.privilegedAuthenticationAdministrator, DirectoryRole.authenticationPolicyAdministrator]

const seedFile: SeedFile = {
  tenants: (Object.keys(TENANTS) as TenantId[]).map((tenant) => ({
    id: tenant,
    users: [
      ...TENANTS[tenant].map((id) => ({ id, userPrincipalName: `${id}@${tenant}.com`, displayName: id, directoryRoles: [] })),
      { id: ADMIN, userPrincipalName: `${ADMIN}@${tenant}.com`, displayName: 'Soak admin', directoryRoles: ADMIN_ROLES },
    ],
  })),
}

// A few numbers for every type, in both tenants; two of them are the same
// number for SMS (the extension does not count), so that uniqueness is
// decided on the number itself, not on its spelling.
const NUMBERS = ['+1 2065550100', '+1 2065550101', '+1 2065550101x7', '+1 2065550102', '+44 2071234567', '+44 2071234568']

type SoakOp = PhoneOp | { kind: 'policy'; change: Record<string, unknown> } | { kind: 'read'; userId: string }

interface Sent {
  /** Sent as X-Request-Id: the audit event of a write carries it. */
  requestId: string
  tenant: TenantId
  op: SoakOp
  process: number
  outcome: Outcome
}

function randomOp(random: () => number, tenant: TenantId): SoakOp {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
  const users = TENANTS[tenant]
  const userId = pick(users)
  // Mostly mobiles: they are what SMS sign-in registration races over.
  const type = pick<PhoneType>(['mobile', 'mobile', 'alternateMobile', 'office'])
  const roll = random() * 100
  if (roll < 30) return { kind: 'add', userId, type, number: pick(NUMBERS) }
  if (roll < 50) return { kind: 'update', userId, type, number: pick(NUMBERS) }
  if (roll < 67) return { kind: 'delete', userId, type }
  if (roll < 77) return { kind: 'enable', userId, type: random() < 0.9 ? 'mobile' : type }
  if (roll < 85) return { kind: 'disable', userId, type: random() < 0.9 ? 'mobile' : type }
  if (roll < 90) {
    const changes = [
      { state: 'enabled', includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: true }], excludeTargets: [] },
      { state: 'enabled', includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: true }], excludeTargets: [] },
      { excludeTargets: [{ id: pick(users), targetType: 'user' }] },
      { state: 'disabled' },
      { includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: false }] },
      { includeTargets: [{ id: pick(users), targetType: 'user', isUsableForSignIn: true }] },
    ]
    return { kind: 'policy', change: pick(changes) }
  }
  return { kind: 'read', userId }
}

const POLICY_FIELDS = 'id state includeTargets { id targetType isUsableForSignIn } excludeTargets { id targetType }'
const PHONE_FIELDS = 'methodId phoneNumber phoneType smsSignInState'

function requestOfSoak(op: SoakOp, userRef: string): GraphQLRequest {
  if (op.kind === 'policy') {
    return {
      query: `mutation Policy($input: SmsAuthenticationMethodConfigurationInput!) { updateSmsAuthenticationMethodConfiguration(input: $input) { ${POLICY_FIELDS} } }`,
      variables: { input: op.change },
    }
  }
  if (op.kind === 'read') {
    return { query: `query Read($id: String!) { user(id: $id) { id phoneMethods { ${PHONE_FIELDS} } } }`, variables: { id: userRef } }
  }
  return requestOf(op, userRef)
}

/** What an answer was: 'ok', an error code, 'HTTP <status>' or 'lost'. */
function answerOf(sent: Sent): string {
  const { outcome, op } = sent
  if (outcome.kind === 'lost') return 'lost'
  if (outcome.status !== 200) return `HTTP ${outcome.status}`
  const codes = errorCodes(outcome.body)
  if (codes.length > 0) return codes.join('+')
  if (op.kind === 'policy' || op.kind === 'read') return 'ok'
  return successOf(op, outcome) !== undefined ? 'ok' : 'no result'
}

/** Codes this traffic may meet (every input is valid, every caller allowed). */
const EXPECTED_FAILURES = new Set([
  'PHONE_TYPE_ALREADY_EXISTS',
  'MOBILE_REQUIRED',
  'ALTERNATE_MOBILE_EXISTS',
  'NOT_FOUND',
  'SMS_SIGN_IN_NOT_SUPPORTED',
  'SMS_SIGN_IN_NOT_ALLOWED',
  'PHONE_NUMBER_NOT_UNIQUE',
  'CONFLICT_RETRY',
])

interface Write {
  /** The number the phone has afterwards, or null: deleted. */
  number: string | null
  sentAt: number
  answeredAt: number
  /** Acknowledged; otherwise its outcome is unknown (no answer). */
  acknowledged: boolean
}

/** A tenant's SMS policy as stored, read straight from its tables (no gateway code). */
interface StoredPolicy {
  state: string
  targets: { list: string; targetId: string; targetType: string; isUsableForSignIn: boolean }[]
}

async function storedPolicy(db: Database, tenantId: string): Promise<StoredPolicy> {
  const policy = await db.client.smsPolicy.findUnique({ where: { tenantId }, include: { targets: true } })
  // A tenant that never changed its policy is on the default of docs/rules.md: enabled for all_users, usable for sign-in.
  return policy ?? { state: 'enabled', targets: [{ list: 'include', targetId: 'all_users', targetType: 'group', isUsableForSignIn: true }] }
}

/**
 * The smsSignInState docs/rules.md requires, written out here rather
 * than taken from the gateway's own smsSignInState/allowsSmsSignIn: only a
 * mobile supports SMS sign-in; the policy allows a user when it is enabled,
 * includes them (all_users or their id) usable for sign-in, and excludes them
 * by neither; then a registered mobile is ready and any other keeps its
 * stored registration (notEnabled, phoneNumberNotUnique).
 */
function requiredState(phone: StoredPhone, policy: StoredPolicy): string {
  if (phone.phoneType !== 'mobile') return 'notSupported'
  const covers = (target: StoredPolicy['targets'][number]) =>
    target.targetType === 'group' ? target.targetId === 'all_users' : target.targetId === phone.userId
  const allowed =
    policy.state === 'enabled' &&
    policy.targets.some((target) => target.list === 'include' && target.isUsableForSignIn && covers(target)) &&
    !policy.targets.some((target) => target.list === 'exclude' && covers(target))
  if (!allowed) return 'notAllowedByPolicy'
  return phone.smsSignInRegistration === 'registered' ? 'ready' : phone.smsSignInRegistration
}

/**
 * The acknowledged-writes check, per (tenant, user, type).
 *
 * Writes to one user take turns (each locks the user's row), so their
 * effects are applied in some total order, and each write takes effect at
 * some instant between the moment the client sent it and the moment it read
 * the answer. The client cannot know that order for writes that overlapped in
 * time, so the exact final state cannot always be reconstructed; what it
 * does know: a write W whose answer came back before another acknowledged
 * write V was even sent is ordered before V. So the last write to a phone is
 * one of the acknowledged writes that no other acknowledged write follows in
 * real time (or a write whose answer was lost). The check: the stored phone
 * must be exactly what one of those candidates left (its number, or no phone
 * after a delete); with no write at all, there must be no phone. When the
 * final writes did not overlap there is a single candidate and the check is
 * exact; it fails whenever an acknowledged write is lost or a refused one
 * leaves a trace that no candidate explains.
 */
function acknowledgedWriteViolations(writes: Map<string, Write[]>, stored: Map<string, StoredPhone>, keys: string[]) {
  const violations: string[] = []
  let exact = 0
  for (const key of keys) {
    const all = writes.get(key) ?? []
    const acknowledged = all.filter((write) => write.acknowledged)
    const candidates = [
      ...acknowledged.filter((write) => !acknowledged.some((later) => write.answeredAt < later.sentAt)),
      ...all.filter((write) => !write.acknowledged),
    ]
    const actual = stored.get(key)?.phoneNumber ?? null
    if (candidates.length === 0) {
      if (actual !== null) violations.push(`${key}: no write succeeded, yet it stores ${actual}`)
      continue
    }
    if (new Set(candidates.map((write) => write.number)).size === 1) exact++
    if (!candidates.some((write) => write.number === actual)) {
      violations.push(`${key}: stores ${actual ?? 'nothing'}, the last acknowledged write left ${candidates.map((write) => write.number ?? 'nothing').join(' or ')}`)
    }
  }
  return { violations, exact }
}

describeOnPostgres('soak: several gateway processes on one PostgreSQL database', () => {
  let scratch: ScratchDatabase
  const gateways: LaunchedGateway[] = []

  beforeAll(async () => {
    scratch = await scratchDatabase('postgres')
    await prepareDatabase(scratch.url, seedFile)
    const started = await Promise.allSettled(
      Array.from({ length: PROCESSES }, () => launchGateway({ env: productionEnv(scratch.url, { DATABASE_POOL_SIZE: '5' }), timeoutMs: 60_000 })),
    )
    for (const result of started) if (result.status === 'fulfilled') gateways.push(result.value)
    const failed = started.find((result) => result.status === 'rejected')
    if (failed) throw (failed as PromiseRejectedResult).reason
  }, 90_000)
  afterAll(async () => {
    await killAll(gateways)
    await scratch?.drop()
  })

  it(`keeps every rule and every acknowledged write under ${SOAK_SECONDS} s of racing traffic from ${CLIENTS} clients`, { timeout: (SOAK_SECONDS + 90) * 1000 }, async () => {
    const seed = Math.floor(Math.random() * 2 ** 31)
    const tokens = new Map<string, string>()
    for (const tenant of Object.keys(TENANTS) as TenantId[]) {
      tokens.set(`${tenant}/app`, await mintToken(RESILIENCE_SECRET, { tid: tenant, sub: `soak-app-${tenant}`, roles: ['UserAuthenticationMethod.ReadWrite.All', 'Policy.ReadWrite.AuthenticationMethod'] }))
      tokens.set(`${tenant}/admin`, await mintToken(RESILIENCE_SECRET, { tid: tenant, sub: ADMIN, scp: 'UserAuthenticationMethod.ReadWrite.All Policy.ReadWrite.AuthenticationMethod', wids: ADMIN_ROLES }))
    }

    const sent: Sent[] = []
    const deadline = performance.now() + SOAK_SECONDS * 1000
    const client = async (index: number) => {
      const random = seededRandom(seed + index)
      for (let count = 0; performance.now() < deadline; count++) {
        const tenant: TenantId = random() < 0.7 ? 'contoso' : 'fabrikam'
        const op = randomOp(random, tenant)
        const target = Math.floor(random() * PROCESSES)
        const token = tokens.get(`${tenant}/${index % 3 === 0 ? 'admin' : 'app'}`)!
        // Now and then by userPrincipalName, in any case: the same row lock must apply.
        const userId = 'userId' in op ? op.userId : ''
        const userRef = random() < 0.25 ? `${userId.toUpperCase()}@${tenant}.com` : userId
        const requestId = `soak-${seed}-${index}-${count}`
        const outcome = await postGraphQL(gateways[target]!.url, token, requestOfSoak(op, userRef), { 'x-request-id': requestId })
        sent.push({ requestId, tenant, op, process: target, outcome })
      }
    }
    await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)))

    // What each process says about its retried transactions.
    const retries: number[] = []
    for (const gateway of gateways) {
      const response = await fetch(`${gateway.url}/metrics`)
      retries.push(metricValue(await response.text(), 'gateway_db_transaction_retries_total'))
    }

    // Every answer well-formed: data, or errors with a code of docs/errors.md; never a 5xx, never INTERNAL_SERVER_ERROR.
    const malformed: string[] = []
    for (const entry of sent) {
      const { outcome } = entry
      if (outcome.kind === 'lost') malformed.push(`${entry.op.kind}: no answer (${outcome.error})`)
      else if (outcome.status !== 200) malformed.push(`${entry.op.kind}: HTTP ${outcome.status} ${outcome.text.slice(0, 200)}`)
      else {
        const problem = resultProblem(outcome.body)
        if (problem) malformed.push(`${entry.op.kind}: ${problem}`)
        const unexpected = errorCodes(outcome.body).filter((code) => !EXPECTED_FAILURES.has(code))
        if (unexpected.length > 0) malformed.push(`${entry.op.kind}: unexpected ${unexpected.join(', ')}: ${outcome.text.slice(0, 200)}`)
        if (!problem && errorCodes(outcome.body).length === 0 && answerOf(entry) !== 'ok') malformed.push(`${entry.op.kind}: data without a result`)
      }
    }

    const byKind = tally(sent.map((entry) => entry.op.kind))
    const answers: Record<string, Record<string, number>> = {}
    for (const kind of Object.keys(byKind)) answers[kind] = tally(sent.filter((entry) => entry.op.kind === kind).map(answerOf))
    const failures = tally(sent.flatMap((entry) => (entry.outcome.kind === 'answered' ? errorCodes(entry.outcome.body) : ['lost'])))
    const perProcess = tally(sent.map((entry) => `process ${entry.process}`))

    // The acknowledged writes, per phone.
    const writes = new Map<string, Write[]>()
    for (const entry of sent) {
      const { op, outcome } = entry
      if (op.kind === 'policy' || op.kind === 'read' || op.kind === 'enable' || op.kind === 'disable') continue
      const acknowledged = outcome.kind === 'answered' && successOf(op, outcome) !== undefined
      if (!acknowledged && outcome.kind === 'answered') continue // a refused write changes nothing
      const key = `${entry.tenant}/${op.userId}/${op.type}`
      const write: Write = { number: op.kind === 'delete' ? null : op.number, sentAt: outcome.sentAt, answeredAt: outcome.answeredAt, acknowledged }
      writes.set(key, [...(writes.get(key) ?? []), write])
    }

    const { phones, policies, events } = await withDatabase(scratch.url, async (db) => ({
      phones: await storedPhones(db),
      events: await storedAuditEvents(db),
      policies: new Map(await Promise.all((Object.keys(TENANTS) as TenantId[]).map(async (tenant) => [tenant, await storedPolicy(db, tenant)] as const))),
    }))
    const violations = invariantViolations(phones)
    const stored = new Map(phones.map((phone) => [`${phone.tenantId}/${phone.userId}/${phone.phoneType}`, phone]))
    const keys = (Object.keys(TENANTS) as TenantId[]).flatMap((tenant) => TENANTS[tenant].flatMap((userId) => PHONE_TYPES.map((type) => `${tenant}/${userId}/${type}`)))
    const acknowledged = acknowledgedWriteViolations(writes, stored, keys)
    // Every answered write has exactly its event (a success, or the refusal's code); reads have none.
    const auditViolations = auditTrailViolations(
      sent.filter((entry) => entry.op.kind !== 'read'),
      events,
    )
    const readEvents = sent.filter((entry) => entry.op.kind === 'read' && events.some((event) => event.requestId === entry.requestId))

    // Every process reads the same, and what the stored rows and the current policy say.
    const disagreements: string[] = []
    for (const tenant of Object.keys(TENANTS) as TenantId[]) {
      const policy = policies.get(tenant)!
      const expected = TENANTS[tenant].map((userId) => ({
        id: userId,
        phoneMethods: PHONE_TYPES.flatMap((type) => {
          const phone = stored.get(`${tenant}/${userId}/${type}`)
          if (!phone) return []
          return [{ methodId: PHONE_METHOD_ID[type], phoneNumber: phone.phoneNumber, phoneType: type, smsSignInState: requiredState(phone, policy) }]
        }),
      }))
      for (const [index, gateway] of gateways.entries()) {
        const read = await postGraphQL(gateway.url, tokens.get(`${tenant}/app`)!, {
          query: `{ users(first: 50) { edges { node { id phoneMethods { ${PHONE_FIELDS} } } } } }`,
        })
        const served = read.kind === 'answered' ? (read.body as { data?: { users: { edges: { node: { id: string } }[] } } }).data?.users.edges.map((edge) => edge.node) : undefined
        const mine = served?.filter((node) => node.id !== ADMIN)
        if (JSON.stringify(mine) !== JSON.stringify(expected)) {
          disagreements.push(`process ${index}, ${tenant}: serves ${JSON.stringify(mine)}, stored ${JSON.stringify(expected)}`)
        }
      }
    }

    console.log(
      [
        `[soak] seed ${seed}, ${SOAK_SECONDS} s, ${PROCESSES} processes, ${CLIENTS} clients: ${sent.length} operations`,
        `  by kind: ${JSON.stringify(byKind)}`,
        `  by process: ${JSON.stringify(perProcess)}`,
        ...Object.entries(answers).map(([kind, counts]) => `  ${kind}: ${JSON.stringify(counts)}`),
        `  failures by code: ${JSON.stringify(failures)}`,
        `  transactions retried after a conflict (gateway_db_transaction_retries_total): ${retries.join(' + ')} = ${retries.reduce((a, b) => a + b, 0)}`,
        `  phones at the end: ${phones.length}; acknowledged-writes check: ${keys.length} phones, ${acknowledged.exact} with a single possible last write`,
        `  malformed answers: ${malformed.length}; invariant violations: ${violations.length}; acknowledged writes not reflected: ${acknowledged.violations.length}; read disagreements: ${disagreements.length}`,
        `  audit events: ${events.length} (${JSON.stringify(tally(events.map((event) => event.result)))}); audit trail violations: ${auditViolations.length}`,
      ].join('\n'),
    )

    expect(malformed.slice(0, 20)).toEqual([])
    expect(violations).toEqual([])
    expect(acknowledged.violations).toEqual([])
    expect(disagreements).toEqual([])
    expect(auditViolations.slice(0, 20)).toEqual([])
    expect(readEvents).toEqual([])
    // The traffic did what a soak is for: every process served, and every kind of write succeeded at least once.
    expect(Object.keys(perProcess)).toHaveLength(PROCESSES)
    for (const kind of ['add', 'update', 'delete', 'enable', 'disable', 'policy', 'read']) expect(answers[kind]?.ok ?? 0, kind).toBeGreaterThan(0)
    for (const gateway of gateways) expect(gateway.alive()).toBe(true)
  })
})

// The audit trail (docs/audit.md): one event per change, in the
// change's transaction; one failure event per refusal a service makes; none
// for requests refused before; read back through auditEvents and
// User.auditEvents, newest first, filtered, masked, tenant-confined; one log
// line per committed event.
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { createLogger } from '../../src/logger.ts'
import { PHONE_METHOD_ID } from '../../src/domain/phone-method.ts'
import { codes, startGateway, type GraphQLResponse, type TestGateway } from '../support/harness/gateway.ts'
import { people, personaTokens, tokenFor } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const EVENT_FIELDS = `id activityDateTime activityDisplayName category result resultReason initiatedByUserId
  initiatedByUserPrincipalName initiatedByAppId targetUserId targetUserPrincipalName methodId phoneType
  oldPhoneNumber newPhoneNumber requestId`
const PAGE = `edges { cursor node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor }`
const { mobile, office } = PHONE_METHOD_ID
const kim = people.kim
const admin = people.admin

type Event = Record<string, string | null>

describeOnEachDatabase('the audit trail on %s', (provider) => {
  let gateway: TestGateway
  let tokens: Awaited<ReturnType<typeof personaTokens>>
  const logLines: Record<string, unknown>[] = []

  const add = (token: string, userId: string, phoneNumber: string, phoneType = 'mobile') =>
    gateway.graphql(token, 'mutation ($i: AddPhoneMethodInput!) { addPhoneMethod(input: $i) { methodId } }', {
      i: { userId, phoneNumber, phoneType },
    })
  const update = (token: string, userId: string, methodId: string, phoneNumber: string) =>
    gateway.graphql(token, 'mutation ($i: UpdatePhoneMethodInput!) { updatePhoneMethod(input: $i) { methodId } }', {
      i: { userId, methodId, phoneNumber },
    })
  const onPhone = (mutation: string) => (token: string, userId: string, methodId: string) =>
    gateway.graphql(token, `mutation ($i: PhoneMethodRefInput!) { ${mutation}(input: $i) { __typename } }`, { i: { userId, methodId } })
  const remove = onPhone('deletePhoneMethod')
  const enable = onPhone('enableSmsSignIn')
  const disable = onPhone('disableSmsSignIn')
  const setPolicy = (token: string, input: Record<string, unknown>) =>
    gateway.graphql(token, 'mutation ($i: SmsAuthenticationMethodConfigurationInput!) { updateSmsAuthenticationMethodConfiguration(input: $i) { state } }', {
      i: input,
    })

  const page = (token: string, args = '', variables?: Record<string, unknown>) => {
    const declared = [args.includes('$f') && '$f: AuditEventFilter', args.includes('$after') && '$after: String'].filter(Boolean)
    const header = declared.length > 0 ? `(${declared.join(', ')})` : ''
    return gateway.graphql(token, `query ${header} { auditEvents${args ? `(${args})` : ''} { ${PAGE} } }`, variables)
  }
  const events = async (filter?: Record<string, unknown>): Promise<Event[]> => {
    const response = await page(tokens.auditor, 'first: 200, filter: $f', { f: filter })
    expect(codes(response)).toEqual([])
    return response.data!.auditEvents.edges.map((edge: { node: Event }) => edge.node)
  }
  const requestIdOf = (response: GraphQLResponse) => response.headers.get('x-request-id')

  beforeAll(async () => {
    gateway = await startGateway(provider, {
      logger: createLogger('info', { write: (line: string) => void logLines.push(JSON.parse(line)) }),
    })
    tokens = await personaTokens()
  })
  beforeEach(async () => {
    await gateway.db.client.$transaction(async (tx) => {
      await tx.phoneMethod.deleteMany({})
      await tx.auditEvent.deleteMany({})
    })
    logLines.length = 0
  })
  afterAll(() => gateway.close())

  it('records an add with who, whom, which phone, the masked number and the request id', async () => {
    const response = await add(tokens.admin, kim.userPrincipalName, '+1 2065555555')
    expect(codes(response)).toEqual([])
    const [event, ...rest] = await events()
    expect(rest).toEqual([])
    expect(event).toEqual({
      id: expect.any(String),
      activityDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      activityDisplayName: 'Admin registered security info',
      category: 'UserManagement',
      result: 'success',
      resultReason: null,
      initiatedByUserId: admin.id,
      initiatedByUserPrincipalName: admin.userPrincipalName,
      initiatedByAppId: null,
      targetUserId: kim.id,
      targetUserPrincipalName: kim.userPrincipalName,
      methodId: mobile,
      phoneType: 'mobile',
      oldPhoneNumber: null,
      newPhoneNumber: '+1 XXXXXXXX55',
      requestId: requestIdOf(response),
    })
  })

  it('records each kind of change once, with Entra’s activity names, Admin or User as the caller is', async () => {
    await add(tokens.app, kim.id, '+1 2065555555')
    await update(tokens.admin, kim.id, mobile, '+1 2065550123')
    await disable(tokens.kim, kim.id, mobile)
    // Disabling a notEnabled mobile changes nothing, and is still recorded.
    await disable(tokens.admin, kim.id, mobile)
    await enable(tokens.kim, kim.id, mobile)
    await add(tokens.admin, kim.id, '+1 2065550199', 'office')
    await remove(tokens.kim, kim.id, office)
    await remove(tokens.admin, kim.id, mobile)
    await setPolicy(tokens.policyAdmin, { state: 'enabled' })
    const stream = (await events()).reverse()
    expect(stream.map((event) => [event.activityDisplayName, event.result, event.phoneType, event.oldPhoneNumber, event.newPhoneNumber])).toEqual([
      ['Admin registered security info', 'success', 'mobile', null, '+1 XXXXXXXX55'],
      ['Admin updated security info', 'success', 'mobile', '+1 XXXXXXXX55', '+1 XXXXXXXX23'],
      ['User disabled SMS sign-in', 'success', 'mobile', null, null],
      ['Admin disabled SMS sign-in', 'success', 'mobile', null, null],
      ['User enabled SMS sign-in', 'success', 'mobile', null, null],
      ['Admin registered security info', 'success', 'office', null, '+1 XXXXXXXX99'],
      ['User deleted security info', 'success', 'office', '+1 XXXXXXXX99', null],
      ['Admin deleted security info', 'success', 'mobile', '+1 XXXXXXXX23', null],
      ['Authentication Methods Policy Update', 'success', null, null, null],
    ])
    expect(stream[0]).toMatchObject({ initiatedByAppId: 'app-0001', initiatedByUserId: null, initiatedByUserPrincipalName: null })
    expect(stream[8]).toMatchObject({ category: 'Policy', targetUserId: null, methodId: null, initiatedByUserId: people.policyAdmin.id })
    expect(new Set(stream.map((event) => event.id)).size).toBe(stream.length)
  })

  it('records a refusal by a rule or a permission as one failure event, and changes nothing else', async () => {
    const refusedRule = await add(tokens.admin, kim.id, '+1 2065555555', 'alternateMobile')
    expect(codes(refusedRule)).toEqual(['MOBILE_REQUIRED'])
    const refusedPermission = await add(tokens.kim, kim.id, '+1 2065555555')
    expect(codes(refusedPermission)).toEqual(['FORBIDDEN'])
    const policyRefused = await setPolicy(tokens.admin, { state: 'disabled' })
    expect(codes(policyRefused)).toEqual(['FORBIDDEN'])
    const absentPhone = await remove(tokens.admin, kim.id, office)
    expect(codes(absentPhone)).toEqual(['NOT_FOUND'])

    expect(await gateway.db.client.phoneMethod.count()).toBe(0)
    expect((await gateway.db.client.smsPolicy.findFirst({ where: { tenantId: 'contoso' } }))?.state).toBe('enabled')
    const stream = (await events()).reverse()
    expect(stream.map((event) => [event.activityDisplayName, event.result, event.resultReason, event.targetUserId, event.requestId])).toEqual([
      ['Admin registered security info', 'failure', 'MOBILE_REQUIRED', kim.id, requestIdOf(refusedRule)],
      ['Admin registered security info', 'failure', 'FORBIDDEN', kim.id, requestIdOf(refusedPermission)],
      ['Authentication Methods Policy Update', 'failure', 'FORBIDDEN', null, requestIdOf(policyRefused)],
      ['Admin deleted security info', 'failure', 'NOT_FOUND', kim.id, requestIdOf(absentPhone)],
    ])
    // The number asked for is recorded with the refusal, masked, however early it came.
    expect(stream.slice(0, 2).map((event) => event.newPhoneNumber)).toEqual(['+1 XXXXXXXX55', '+1 XXXXXXXX55'])
  })

  it('records nothing for a request refused before it reaches a service', async () => {
    expect(codes(await add(tokens.admin, 'nobody@contoso.com', '+1 2065555555'))).toEqual(['NOT_FOUND'])
    expect(codes(await add(tokens.admin, kim.id, '5555551234'))).toEqual(['BAD_USER_INPUT'])
    expect(codes(await add('not-a-token', kim.id, '+1 2065555555'))).toEqual(['UNAUTHENTICATED'])
    expect(codes(await setPolicy(tokens.policyAdmin, { excludeTargets: [{ id: 'no-such-user', targetType: 'user' }] }))).toEqual(['BAD_USER_INPUT'])
    expect(await events()).toEqual([])
    expect(logLines.filter((line) => line.audit)).toEqual([])
  })

  it('writes exactly one event for a transaction that was retried after a conflict', async () => {
    const retriesBefore = await retryCount()
    const blocked = await holdConflictingWrite()
    const response = add(tokens.admin, kim.id, '+1 2065555555')
    await blocked.release()
    expect(codes(await response)).toEqual([])
    // At least one retry: on SQLite the in-process gateway busy-waits synchronously, so the blocker may let go only after a second attempt.
    expect(await retryCount()).toBeGreaterThan(retriesBefore)
    const stream = await events({ targetUserId: kim.id })
    expect(stream.map((event) => [event.activityDisplayName, event.result])).toEqual([['Admin registered security info', 'success']])
    expect(logLines.filter((line) => line.audit && line.targetUserId === kim.id)).toHaveLength(1)
  })

  it('pages newest first with keyset cursors, and filters', async () => {
    await add(tokens.admin, kim.id, '+1 2065555555')
    await add(tokens.admin, people.lee.id, '+1 2065555556')
    await add(tokens.admin, kim.id, '+1 2065555557', 'office')
    await add(tokens.admin, kim.id, '+1 2065555558', 'alternateMobile')
    await add(tokens.admin, kim.id, '+1 2065555559', 'mobile') // PHONE_TYPE_ALREADY_EXISTS
    const all = await events()
    expect(all.map((event) => event.newPhoneNumber)).toEqual(['+1 XXXXXXXX59', '+1 XXXXXXXX58', '+1 XXXXXXXX57', '+1 XXXXXXXX56', '+1 XXXXXXXX55'])
    const sorted = [...all].sort((a, b) => (b.activityDateTime! + b.id!).localeCompare(a.activityDateTime! + a.id!))
    expect(sorted).toEqual(all)

    const seen: Event[] = []
    let after: string | null = null
    for (;;) {
      const response = await page(tokens.auditor, 'first: 2, after: $after', { after })
      const connection = response.data!.auditEvents
      seen.push(...connection.edges.map((edge: { node: Event }) => edge.node))
      if (!connection.pageInfo.hasNextPage) break
      after = connection.pageInfo.endCursor
    }
    expect(seen).toEqual(all)

    expect((await events({ targetUserId: people.lee.id })).map((event) => event.newPhoneNumber)).toEqual(['+1 XXXXXXXX56'])
    expect((await events({ result: 'failure' })).map((event) => event.resultReason)).toEqual(['PHONE_TYPE_ALREADY_EXISTS'])
    expect(await events({ initiatedByUserId: kim.id })).toEqual([])
    expect(await events({ activityDisplayName: 'Admin registered security info', targetUserId: kim.id, result: 'success' })).toHaveLength(3)
    expect(await events({ activityDisplayName: 'admin registered security info' })).toEqual([])
    const middle = all[2]!.activityDateTime!
    expect((await events({ from: middle })).every((event) => event.activityDateTime! >= middle)).toBe(true)
    expect((await events({ to: middle })).every((event) => event.activityDateTime! < middle)).toBe(true)
    expect((await events({ from: middle })).length + (await events({ to: middle })).length).toBe(all.length)
    expect(await events({ from: '2999-01-01T00:00:00+02:00' })).toEqual([])
  })

  it('refuses a malformed date-time or cursor as BAD_USER_INPUT', async () => {
    for (const [filter, field] of [
      [{ from: 'yesterday' }, 'filter.from'],
      [{ to: '2026-13-45T00:00:00Z' }, 'filter.to'],
      [{ to: '2026-11-29' }, 'filter.to'],
    ] as const) {
      const response = await page(tokens.auditor, 'filter: $f', { f: filter })
      expect(codes(response)).toEqual(['BAD_USER_INPUT'])
      expect((response.errors![0]!.extensions as { field?: string }).field).toBe(field)
    }
    expect(codes(await page(tokens.auditor, 'after: $after', { after: 'bm90LWEtY3Vyc29y' }))).toEqual(['BAD_USER_INPUT'])
    expect(codes(await page(tokens.auditor, 'first: 201'))).toEqual(['BAD_USER_INPUT'])
  })

  it("lists a user's events as target or initiator, and lets a user read their own", async () => {
    await add(tokens.admin, kim.id, '+1 2065555555')
    await disable(tokens.kim, kim.id, mobile)
    await add(tokens.admin, people.lee.id, '+1 2065555556')
    const mine = await gateway.graphql(tokens.kim, `{ me { auditEvents { ${PAGE} } } }`)
    expect(codes(mine)).toEqual([])
    expect(mine.data!.me.auditEvents.edges.map((edge: { node: Event }) => edge.node.activityDisplayName)).toEqual([
      'User disabled SMS sign-in',
      'Admin registered security info',
    ])
    const admins = await gateway.graphql(tokens.auditor, `{ user(id: "${admin.id}") { auditEvents(first: 1) { ${PAGE} } } }`)
    expect(codes(admins)).toEqual([])
    expect(admins.data!.user.auditEvents.pageInfo.hasNextPage).toBe(true)
    expect(admins.data!.user.auditEvents.edges[0].node.targetUserId).toBe(people.lee.id)

    // Reading phones does not open the audit log of other users, nor the tenant's.
    const reader = await gateway.graphql(tokens.reader, `{ user(id: "${kim.id}") { auditEvents { ${PAGE} } } }`)
    expect(codes(reader)).toEqual(['FORBIDDEN'])
    expect(codes(await page(tokens.admin))).toEqual(['FORBIDDEN'])
    expect(codes(await page(tokens.kim))).toEqual(['FORBIDDEN'])
  })

  it('confines events to their tenant', async () => {
    await add(tokens.admin, kim.id, '+1 2065555555')
    await add(tokens.outsider, people.outsider.id, '+1 2065555556')
    const outsiderAuditor = await tokenFor({ tid: 'fabrikam', sub: 'fabrikam-app', roles: ['AuditLog.Read.All'] })
    const theirs = await page(outsiderAuditor, 'filter: $f', { f: { targetUserId: kim.id } })
    expect(theirs.data!.auditEvents.edges).toEqual([])
    const own = await page(outsiderAuditor)
    expect(own.data!.auditEvents.edges.map((edge: { node: Event }) => edge.node.targetUserId)).toEqual([people.outsider.id])
    expect((await events()).map((event) => event.targetUserId)).toEqual([kim.id])
  })

  it('writes one log line per committed event, with masked numbers only', async () => {
    const response = await add(tokens.admin, kim.id, '+1 2065555555')
    await add(tokens.admin, kim.id, '+1 2065555555') // refused: PHONE_TYPE_ALREADY_EXISTS
    await update(tokens.admin, kim.id, mobile, '+1 2065550123')
    const lines = logLines.filter((line) => line.audit === true)
    expect(lines.map((line) => [line.activityDisplayName, line.result])).toEqual([
      ['Admin registered security info', 'success'],
      ['Admin registered security info', 'failure'],
      ['Admin updated security info', 'success'],
    ])
    expect(lines[0]).toMatchObject({ requestId: requestIdOf(response), targetUserId: kim.id, newPhoneNumber: '+1 XXXXXXXX55' })
    const everything = logLines.map((line) => JSON.stringify(line)).join('\n')
    expect(everything).not.toContain('2065555555')
    expect(everything).not.toContain('2065550123')
    const stored = await events()
    expect(lines.map((line) => line.id)).toEqual(stored.map((event) => event.id).reverse())
  })

  it('has no mutation that changes or deletes an event', async () => {
    const mutations = await gateway.graphql(tokens.admin, '{ __schema { mutationType { fields { name } } } }')
    const names: string[] = mutations.data!.__schema.mutationType.fields.map((field: { name: string }) => field.name)
    expect(names.filter((name) => /audit/i.test(name))).toEqual([])
  })

  const retryCount = async () => (await gateway.metrics.transactionRetries.get()).values.reduce((sum, value) => sum + value.value, 0)

  /**
   * Makes the next write to Kim's mobile lose a race exactly once: on
   * PostgreSQL another connection holds, uncommitted, Lee's registration of
   * the number Kim's add will try to hold (the add waits on the unique
   * index, then fails on it once it is committed); on SQLite another
   * connection holds the write lock until the add has given up at least once.
   */
  async function holdConflictingWrite(): Promise<{ release(): Promise<void> }> {
    if (provider === 'postgres') {
      const client = new pg.Client({ connectionString: gateway.url })
      await client.connect()
      await client.query('BEGIN')
      await client.query(
        `INSERT INTO "PhoneMethod" ("tenantId", "userId", "phoneType", "phoneNumber", "smsSignInRegistration", "smsSignInNumber")
         VALUES ('contoso', $1, 'mobile', '+1 2065555555', 'registered', '+12065555555')`,
        [people.lee.id],
      )
      return {
        async release() {
          await until(async () => {
            const { rows } = await client.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)
            return rows[0].waiting > 0
          })
          await client.query('COMMIT')
          await client.end()
        },
      }
    }
    const { default: Sqlite } = await import('better-sqlite3')
    const blocker = new Sqlite(gateway.url.slice('file:'.length))
    blocker.exec('BEGIN IMMEDIATE')
    const before = await retryCount()
    return {
      async release() {
        await until(async () => (await retryCount()) > before)
        blocker.exec('ROLLBACK')
        blocker.close()
      },
    }
  }
})

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 2))
}


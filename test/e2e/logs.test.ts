// What a real gateway process writes while it serves a realistic session:
// every stdout line is a JSON log line, request-scoped lines carry their
// request id, and nothing secret or personal is ever written, in any format,
// on stdout or stderr: no token, no JWT secret, no phone number, no stack
// trace, no file path, no SQL.
//
// The session: phones added, updated (full numbers, an extension), read and
// deleted; requests with a badly signed, an expired and a garbled token; a
// number in the wrong format; a malformed GET whose variables are a number;
// and an unexpected database failure whose message quotes the number being
// written (a trigger raises it, the way PostgreSQL's own errors quote row
// data), which the gateway must mask and log without the number.
import { fileURLToPath } from 'node:url'
import { mintToken } from '../../src/auth/mint.ts'
import type { SeedFile } from '../../src/db/seed.ts'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { PHONE_METHOD_ID, prepareDatabase, withDatabase } from '../support/resilience/invariants.ts'
import { requestOf, type GraphQLRequest } from '../support/resilience/operations.ts'
import { launchGateway, productionEnv, RESILIENCE_SECRET, type LaunchedGateway } from '../support/harness/process.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

/** Where this checkout really is (no trailing slash): a path under it in a log line is a leak, wherever the checkout lives. */
const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '')
const KIM = 'log-kim'
const tenants: SeedFile = {
  tenants: [{ id: 'contoso', users: [{ id: KIM, userPrincipalName: 'kim@contoso.com', displayName: 'Kim', directoryRoles: [] }] }],
}

/** Every number of the session, in the national form; each is searched for in three spellings. */
const NUMBERS = {
  mobile: ['1', '2065555555'],
  office: ['44', '2071234567'],
  updatedMobile: ['1', '2065550123'],
  badFormat: ['1', '2065555599'],
  triggered: ['1', '2065550177'],
  inQueryString: ['1', '2065550166'],
} as const
const spelled = (which: keyof typeof NUMBERS) => `+${NUMBERS[which][0]} ${NUMBERS[which][1]}`

/** Lines that belong to the process, not to a request. */
const LIFECYCLE = new Set(['applied migrations', 'seeded the demo tenant', 'listening', 'shutting down: draining in-flight requests', 'shutdown deadline passed: closing the remaining connections', 'stopped'])

/** The trigger: an unexpected failure of the database, with the number in its message. */
const TRIGGER = {
  sqlite: [
    `CREATE TRIGGER "log_test_boom" BEFORE INSERT ON "PhoneMethod" WHEN NEW."phoneType" = 'alternateMobile'
     BEGIN SELECT RAISE(ABORT, 'rejected ' || NEW."phoneNumber" || ' (' || replace(NEW."phoneNumber", ' ', '') || ')'); END`,
  ],
  postgres: [
    `CREATE FUNCTION "log_test_boom"() RETURNS trigger AS $$ BEGIN
       IF NEW."phoneType" = 'alternateMobile' THEN RAISE EXCEPTION 'rejected % (%)', NEW."phoneNumber", replace(NEW."phoneNumber", ' ', ''); END IF;
       RETURN NEW; END $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER "log_test_boom" BEFORE INSERT ON "PhoneMethod" FOR EACH ROW EXECUTE FUNCTION "log_test_boom"()`,
  ],
}

describeOnEachDatabase('the logs of a gateway process on %s', (provider) => {
  let scratch: ScratchDatabase
  let gateway: LaunchedGateway | undefined
  let token: string
  const tokens: string[] = []
  const answers = new Map<string, { status: number; body: string }>()

  beforeAll(async () => {
    scratch = await scratchDatabase(provider)
    await prepareDatabase(scratch.url, tenants)
    gateway = await launchGateway({ env: productionEnv(scratch.url) })
    token = await mintToken(RESILIENCE_SECRET, { tid: 'contoso', sub: 'log-admin', roles: ['UserAuthenticationMethod.ReadWrite.All'] })
    const wrongSecret = await mintToken(`${RESILIENCE_SECRET}-but-not-this-one`, { tid: 'contoso', sub: 'log-admin', roles: ['UserAuthenticationMethod.ReadWrite.All'] })
    const expired = await mintToken(RESILIENCE_SECRET, { tid: 'contoso', sub: 'log-admin', roles: ['UserAuthenticationMethod.ReadWrite.All'] }, -120)
    tokens.push(token, wrongSecret, expired)

    let sequence = 0
    const post = async (body: GraphQLRequest, bearer = token) => {
      const requestId = `log-${++sequence}`
      const response = await fetch(`${gateway!.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'x-request-id': requestId },
        body: JSON.stringify(body),
      })
      answers.set(requestId, { status: response.status, body: await response.text() })
      return requestId
    }

    await post(requestOf({ kind: 'add', userId: KIM, type: 'mobile', number: spelled('mobile') }))
    await post(requestOf({ kind: 'add', userId: 'kim@contoso.com', type: 'office', number: spelled('office') }))
    await post(requestOf({ kind: 'update', userId: KIM, type: 'mobile', number: `${spelled('updatedMobile')}x45` }))
    await post({ query: `{ user(id: "${KIM}") { phoneMethods { methodId phoneNumber phoneType smsSignInState } } }` })
    await post(requestOf({ kind: 'add', userId: KIM, type: 'alternateMobile', number: NUMBERS.badFormat[1] }))
    await post({ query: '{ me { id } }' }, wrongSecret)
    await post({ query: '{ me { id } }' }, expired)
    await post({ query: '{ me { id } }' }, `${token.split('.')[0]}.garbled`)
    // A client's malformed GET: its variables are a bare number.
    const requestId = `log-${++sequence}`
    const search = new URLSearchParams({ query: '{ me { id } }', variables: spelled('inQueryString') })
    const get = await fetch(`${gateway!.url}/graphql?${search}`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': requestId } })
    answers.set(requestId, { status: get.status, body: await get.text() })
    // An unexpected database failure that quotes the number.
    await withDatabase(scratch.url, (db) =>
      db.client.$transaction(async (tx) => {
        for (const statement of TRIGGER[provider]) await tx.$executeRawUnsafe(statement)
      }),
    )
    await post(requestOf({ kind: 'add', userId: KIM, type: 'alternateMobile', number: spelled('triggered') }))
    await post(requestOf({ kind: 'delete', userId: KIM, type: 'office' }))
    expect(await gateway!.terminate()).toEqual({ code: 0, signal: null })
  }, 90_000)
  afterAll(async () => {
    await gateway?.kill9()
    await scratch?.drop()
  })

  const requestIdOf = (index: number) => `log-${index}`
  const lines = () => gateway!.stdout.filter((line) => line.length > 0)

  it('went through the session as expected', () => {
    const summary = [...answers].map(([id, { status, body }]) => [id, status, /"code":"([A-Z_]+)"/.exec(body)?.[1] ?? 'ok'])
    expect(summary).toEqual([
      ['log-1', 200, 'ok'],
      ['log-2', 200, 'ok'],
      ['log-3', 200, 'ok'],
      ['log-4', 200, 'ok'],
      ['log-5', 200, 'BAD_USER_INPUT'],
      ['log-6', 401, 'UNAUTHENTICATED'],
      ['log-7', 401, 'UNAUTHENTICATED'],
      ['log-8', 401, 'UNAUTHENTICATED'],
      ['log-9', 400, 'BAD_REQUEST'],
      ['log-10', 200, 'INTERNAL_SERVER_ERROR'],
      ['log-11', 200, 'ok'],
    ])
    expect(JSON.parse(answers.get('log-4')!.body).data.user.phoneMethods).toEqual([
      { methodId: PHONE_METHOD_ID.mobile, phoneNumber: `${spelled('updatedMobile')}x45`, phoneType: 'mobile', smsSignInState: 'ready' },
      { methodId: PHONE_METHOD_ID.office, phoneNumber: spelled('office'), phoneType: 'office', smsSignInState: 'notSupported' },
    ])
    // The masked failure tells the client nothing.
    expect(JSON.parse(answers.get('log-10')!.body).errors).toEqual([expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } })])
  })

  it('writes only JSON lines on stdout, each request-scoped one with its request id', () => {
    const parsed = lines().map((line) => {
      try {
        return JSON.parse(line) as { msg?: string; requestId?: string; clientRequestId?: string; level?: number; path?: string; status?: number }
      } catch {
        return { notJson: line }
      }
    })
    expect(parsed.filter((line) => 'notJson' in line)).toEqual([])
    const logged = parsed as { msg?: string; requestId?: string; clientRequestId?: string; level?: number; path?: string; status?: number }[]
    expect(logged.filter((line) => !line.requestId && !LIFECYCLE.has(line.msg ?? ''))).toEqual([])
    // One access line per request, with the caller's id for it and its status.
    for (const [requestId, { status }] of answers) {
      expect(logged.filter((line) => line.clientRequestId === requestId && line.msg === 'request').map((line) => [line.path, line.status]), requestId).toEqual([['/graphql', status]])
    }
    // The unexpected failure is logged as an error, with its request id.
    expect(logged.some((line) => line.clientRequestId === requestIdOf(10) && /^[0-9a-f-]{36}$/.test(line.requestId ?? '') && (line.level ?? 0) >= 50)).toBe(true)
  })

  it('never writes a token, the JWT secret, a phone number, a stack trace, a file path or SQL, on stdout or stderr', () => {
    const contains = (text: string) => (line: string) => line.includes(text)
    const forbidden: [string, (line: string) => boolean][] = [
      ['a JWT', (line) => /eyJ[A-Za-z0-9_-]{4,}/.test(line)],
      ['the JWT secret', contains(RESILIENCE_SECRET)],
      ...tokens.map((jwt, i): [string, (line: string) => boolean] => [`token ${i}'s signature`, contains(jwt.split('.')[2]!)]),
      ...Object.entries(NUMBERS).flatMap(([which, [country, national]]): [string, (line: string) => boolean][] => [
        [`the ${which} number`, contains(`+${country} ${national}`)],
        [`the ${which} number (E.164)`, contains(`+${country}${national}`)],
        [`the ${which} number (bare)`, contains(national)],
      ]),
      ['a stack trace', contains('    at ')],
      ['the repository’s path', contains(REPOSITORY_ROOT)],
      ...(provider === 'sqlite' ? ([['the database file’s path', contains(new URL(scratch.url).pathname)]] as [string, (line: string) => boolean][]) : []),
      ['a .ts: location', contains('.ts:')],
      ['SELECT', (line) => /SELECT/i.test(line)],
      ['INSERT', (line) => /INSERT/i.test(line)],
    ]
    const output = [...lines().map((line) => ['stdout', line] as const), ...gateway!.stderr.map((line) => ['stderr', line] as const)]
    const leaks = forbidden.flatMap(([what, found]) =>
      output.filter(([, line]) => found(line)).map(([stream, line]) => `${what} on ${stream}: ${line.slice(0, 400)}`),
    )
    expect(leaks).toEqual([])
  })
})

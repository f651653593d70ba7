// docs/rules.md (concurrency, sign-in preferences) across processes: a deletePhoneMethod racing with
// an updateSignInPreferences that makes the same phone the default, sent to
// different gateway processes on one PostgreSQL database, never leaves a
// default that names a missing phone: exactly one of the two wins.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { mintToken } from '../../src/auth/mint.ts'
import { openDatabase } from '../../src/db/client.ts'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { killAll, launchGateway, productionEnv, RESILIENCE_SECRET, type LaunchedGateway } from '../support/harness/process.ts'
import { prepareDatabase } from '../support/resilience/invariants.ts'
import { postGraphQL } from '../support/resilience/operations.ts'
import { people, testTenants } from '../support/personas/tenants.ts'
import { describeOnPostgres } from '../support/vitest/database-suites.ts'

const PROCESSES = 3
const ROUNDS = 15
const MOBILE = '3179e48a-750b-4051-897c-87b9720928f7'
const RACERS = [people.kim, people.lee, people.reader, people.authAdmin, people.policyAdmin, people.globalAdmin]

const ADD = `mutation ($u: String!, $n: String!) { addPhoneMethod(input: { userId: $u, phoneNumber: $n, phoneType: mobile }) { methodId } }`
const DELETE = `mutation ($u: String!) { deletePhoneMethod(input: { userId: $u, methodId: "${MOBILE}" }) { methodId } }`
const SET_DEFAULT = `mutation ($u: String!, $m: UserDefaultAuthenticationMethodType) {
  updateSignInPreferences(input: { userId: $u, userPreferredMethodForSecondaryAuthentication: $m }) { userPreferredMethodForSecondaryAuthentication }
}`

interface Answer {
  data?: Record<string, unknown> | null
  errors?: { extensions?: { code?: string } }[]
}

describeOnPostgres('a delete racing with a new default, across processes, on postgres', () => {
  let scratch: ScratchDatabase
  const gateways: LaunchedGateway[] = []
  let token: string

  beforeAll(async () => {
    scratch = await scratchDatabase('postgres')
    await prepareDatabase(scratch.url, testTenants)
    gateways.push(
      ...(await Promise.all(
        Array.from({ length: PROCESSES }, () => launchGateway({ env: productionEnv(scratch.url, { DATABASE_POOL_SIZE: '4' }), timeoutMs: 60_000 })),
      )),
    )
    token = await mintToken(RESILIENCE_SECRET, {
      tid: 'contoso',
      sub: people.admin.id,
      scp: 'UserAuthenticationMethod.ReadWrite.All',
      wids: [...people.admin.directoryRoles],
    })
  }, 120_000)
  afterAll(async () => {
    await killAll(gateways)
    await scratch?.drop()
  })

  async function call(gatewayIndex: number, query: string, variables: Record<string, unknown>): Promise<Answer> {
    const outcome = await postGraphQL(gateways[gatewayIndex % PROCESSES]!.url, token, { query, variables })
    if (outcome.kind !== 'answered') throw new Error(`no answer from gateway ${gatewayIndex % PROCESSES}`)
    return outcome.body as Answer
  }
  const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code ?? 'ok'

  it(`lets exactly one of the two win, ${ROUNDS} rounds of ${RACERS.length} users`, async () => {
    const outcomes: Record<string, number> = {}
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(
        RACERS.map(async (user, index) => {
          // Start each round with the mobile there and no default.
          const added = await call(index, ADD, { u: user.id, n: `+1 20655503${String(index).padStart(2, '0')}` })
          expect(['ok', 'PHONE_TYPE_ALREADY_EXISTS']).toContain(codeOf(added))
          expect(codeOf(await call(index, SET_DEFAULT, { u: user.id, m: null }))).toBe('ok')

          const [deleted, defaulted] = await Promise.all([
            call(index, DELETE, { u: user.id }),
            call(index + 1, SET_DEFAULT, { u: user.id, m: 'sms' }),
          ])
          const pair = `delete ${codeOf(deleted)}, default ${codeOf(defaulted)}`
          // Delete first: the default has no mobile to name. Default first: the mobile stays.
          expect(['delete ok, default BAD_USER_INPUT', 'delete DEFAULT_METHOD_CANNOT_BE_DELETED, default ok']).toContain(pair)
          outcomes[pair] = (outcomes[pair] ?? 0) + 1
        }),
      )
    }
    console.log(`[default-method race] ${JSON.stringify(outcomes)}`)
    expect(Object.values(outcomes).reduce((a, b) => a + b, 0)).toBe(ROUNDS * RACERS.length)

    // What is stored agrees: no default names a missing phone.
    const db = await openDatabase({ url: scratch.url })
    try {
      const users = await db.client.user.findMany({
        where: { tenantId: 'contoso', id: { in: RACERS.map((user) => user.id) } },
        select: { id: true, userPreferredMethodForSecondaryAuthentication: true, phoneMethods: { select: { phoneType: true } } },
      })
      expect(users).toHaveLength(RACERS.length)
      for (const user of users) {
        const hasMobile = user.phoneMethods.some((phone) => phone.phoneType === 'mobile')
        expect(user.userPreferredMethodForSecondaryAuthentication === 'sms' ? hasMobile : true, user.id).toBe(true)
      }
    } finally {
      await db.close()
    }
  }, 300_000)
})

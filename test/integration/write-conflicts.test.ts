// The retry path of every write (src/services/write-transaction.ts), forced
// with real serialization failures: a trigger in this test's own PostgreSQL
// database raises SQLSTATE 40001 on the first N inserts of a phone. A
// sequence counts the attempts (nextval survives the rollback that the
// failure causes). The write is retried and answered, the retries metric
// counts each retry, and when the failures outlast the retries the answer is
// CONFLICT_RETRY with nothing written.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { metricValue } from '../support/resilience/invariants.ts'
import { people, personaTokens } from '../support/personas/tenants.ts'
import { describeOnPostgres } from '../support/vitest/database-suites.ts'

const FORCED_CONFLICTS = [
  `CREATE TABLE "conflict_budget" ("failures" int NOT NULL)`,
  `INSERT INTO "conflict_budget" VALUES (0)`,
  `CREATE SEQUENCE "conflict_attempts"`,
  `CREATE FUNCTION "conflict_attempt"() RETURNS trigger AS $$ BEGIN
     IF nextval('conflict_attempts') <= (SELECT "failures" FROM "conflict_budget") THEN
       RAISE EXCEPTION 'forced serialization failure' USING ERRCODE = '40001';
     END IF;
     RETURN NEW; END $$ LANGUAGE plpgsql`,
  `CREATE TRIGGER "conflict_attempt" BEFORE INSERT ON "PhoneMethod" FOR EACH ROW EXECUTE FUNCTION "conflict_attempt"()`,
]

const ADD = 'mutation Add($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { phoneNumber phoneType smsSignInState } }'

describeOnPostgres('write conflicts on PostgreSQL: retried, then answered or CONFLICT_RETRY', () => {
  let gateway: TestGateway
  let admin: string

  beforeAll(async () => {
    gateway = await startGateway('postgres')
    admin = (await personaTokens()).admin
    for (const statement of FORCED_CONFLICTS) await gateway.db.client.$executeRawUnsafe(statement)
  })
  afterAll(async () => {
    await gateway?.close()
  })
  beforeEach(async () => {
    await gateway.db.client.phoneMethod.deleteMany({ where: { userId: people.kim.id } })
  })

  /** The next `failures` inserts of a phone fail with SQLSTATE 40001; counting restarts. */
  const failNextInserts = async (failures: number) => {
    await gateway.db.client.$executeRawUnsafe(`UPDATE "conflict_budget" SET "failures" = ${failures}`)
    await gateway.db.client.$executeRawUnsafe(`ALTER SEQUENCE "conflict_attempts" RESTART`)
  }
  const attempts = async () => {
    const [row] = await gateway.db.client.$queryRawUnsafe<{ last_value: bigint; is_called: boolean }[]>('SELECT last_value, is_called FROM "conflict_attempts"')
    return row!.is_called ? Number(row!.last_value) : 0
  }
  const retries = async () => metricValue(await (await gateway.yoga.fetch('http://gateway.test/metrics')).text(), 'gateway_db_transaction_retries_total')
  const kim = () => gateway.db.client.user.findFirstOrThrow({ where: { id: people.kim.id }, include: { phoneMethods: true } })

  it('retries a write that met serialization failures and answers it, written once', async () => {
    await failNextInserts(2)
    const retriesBefore = await retries()
    const versionBefore = (await kim()).version

    const response = await gateway.graphql(admin, ADD, { input: { userId: people.kim.id, phoneNumber: '+1 2065550142', phoneType: 'mobile' } })

    expect(response.errors).toBeUndefined()
    expect(response.data).toEqual({ addPhoneMethod: { phoneNumber: '+1 2065550142', phoneType: 'mobile', smsSignInState: 'ready' } })
    expect(await attempts()).toBe(3)
    expect((await retries()) - retriesBefore).toBe(2)
    const after = await kim()
    expect(after.phoneMethods.map(({ phoneType, phoneNumber, smsSignInRegistration, smsSignInNumber }) => ({ phoneType, phoneNumber, smsSignInRegistration, smsSignInNumber }))).toEqual([
      { phoneType: 'mobile', phoneNumber: '+1 2065550142', smsSignInRegistration: 'registered', smsSignInNumber: '+12065550142' },
    ])
    // The rolled-back attempts left nothing behind: the user's version moved once.
    expect(after.version).toBe(versionBefore + 1)
  })

  it('answers CONFLICT_RETRY, with nothing written, when the conflicts outlast the retries', async () => {
    await failNextInserts(1000)
    const retriesBefore = await retries()
    const versionBefore = (await kim()).version

    const response = await gateway.graphql(admin, ADD, { input: { userId: people.kim.id, phoneNumber: '+1 2065550143', phoneType: 'mobile' } })

    expect(response.status).toBe(200)
    expect(response.data).toBeNull()
    expect(response.errors).toEqual([expect.objectContaining({ path: ['addPhoneMethod'], extensions: { code: 'CONFLICT_RETRY' } })])
    expect(response.errors![0]!.message).toBe('The change conflicted with concurrent changes and nothing was written. Retry it.')
    // Five attempts, four retries between them (MAX_ATTEMPTS in write-transaction.ts).
    expect(await attempts()).toBe(5)
    expect((await retries()) - retriesBefore).toBe(4)
    const after = await kim()
    expect(after.phoneMethods).toEqual([])
    expect(after.version).toBe(versionBefore)
  })
})

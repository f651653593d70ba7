// npm run db:backup while a gateway process serves the SQLite file under a
// write load: the copy holds every write acknowledged before the backup
// began, and a gateway serving the restored copy gives the same answers as
// the original. On PostgreSQL the command points at pg_dump.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mintToken } from '../../src/auth/mint.ts'
import type { SeedFile } from '../../src/db/seed.ts'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { graphqlOver } from '../support/harness/http-graphql.ts'
import { killAll, launchGateway, productionEnv, RESILIENCE_SECRET, runNpmScript, type LaunchedGateway } from '../support/harness/process.ts'
import { prepareDatabase } from '../support/resilience/invariants.ts'
import { describeOnPostgres } from '../support/vitest/database-suites.ts'

const WRITERS = 16
const writer = (i: number) => `writer-${String(i).padStart(2, '0')}`
const tenants: SeedFile = {
  tenants: [
    {
      id: 'contoso',
      users: Array.from({ length: WRITERS }, (_, i) => ({ id: writer(i), userPrincipalName: `${writer(i)}@contoso.com`, displayName: `Wrïter ${i}` })),
    },
  ],
}

const backup = (url: string, out: string) => runNpmScript('db:backup', ['--out', out], { DATABASE_URL: url })

const EVERYTHING = /* GraphQL */ `
  query Everything {
    users(first: 200) { edges { cursor node { id userPrincipalName displayName phoneMethods { id methodId phoneType phoneNumber smsSignInState } } } }
    smsAuthenticationMethodConfiguration { state includeTargets { id targetType isUsableForSignIn } excludeTargets { id targetType } }
  }
`
const MOBILE = '3179e48a-750b-4051-897c-87b9720928f7'
const numberOf = (sequence: number) => `+1 555${String(sequence).padStart(7, '0')}`
const sequenceOf = (phoneNumber: string) => Number(phoneNumber.slice('+1 555'.length))

describe('npm run db:backup of a SQLite database a gateway is writing to', () => {
  let scratch: ScratchDatabase
  let dir: string
  let token: string
  const gateways: LaunchedGateway[] = []
  beforeAll(async () => {
    scratch = await scratchDatabase('sqlite')
    dir = mkdtempSync(join(tmpdir(), 'backup-'))
    await prepareDatabase(scratch.url, tenants)
    token = await mintToken(RESILIENCE_SECRET, { tid: 'contoso', sub: 'backup-test-app', roles: ['UserAuthenticationMethod.ReadWrite.All', 'Policy.Read.All'] })
  })
  afterAll(async () => {
    await killAll(gateways)
    rmSync(dir, { recursive: true, force: true })
    await scratch.drop()
  })

  it('copies every acknowledged write, and the restored copy serves the same answers', { timeout: 120_000 }, async () => {
    const gateway = await launchGateway({ env: productionEnv(scratch.url) })
    gateways.push(gateway)
    // Each writer changes its own user's mobile, one write after another: the
    // number's sequence tells which of its writes a copy holds.
    const acknowledged = new Array<number>(WRITERS).fill(0)
    let writing = true
    const writers = Array.from({ length: WRITERS }, async (_, i) => {
      await graphqlOver(gateway.url, token, `mutation($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { id } }`, {
        input: { userId: writer(i), phoneType: 'mobile', phoneNumber: numberOf(1) },
      })
      acknowledged[i] = 1
      for (let sequence = 2; writing; sequence++) {
        await graphqlOver(gateway.url, token, `mutation($input: UpdatePhoneMethodInput!) { updatePhoneMethod(input: $input) { id } }`, {
          input: { userId: writer(i), methodId: MOBILE, phoneNumber: numberOf(sequence) },
        })
        acknowledged[i] = sequence
      }
    })
    while (acknowledged.some((sequence) => sequence < 5)) await new Promise((resolve) => setTimeout(resolve, 20))

    const underLoad = join(dir, 'under-load.db')
    const before = [...acknowledged]
    const taken = await backup(scratch.url, underLoad)
    const after = [...acknowledged]
    writing = false
    await Promise.all(writers)
    expect(taken).toMatchObject({ code: 0, stdout: expect.stringMatching(/^backed up \d+ pages to /) })
    // The load went on during the backup: it did not stall the gateway.
    expect(after.some((sequence, i) => sequence > before[i]!)).toBe(true)

    const restoredUnderLoad = await launchGateway({ env: productionEnv(`file:${underLoad}`) })
    gateways.push(restoredUnderLoad)
    const copied = await graphqlOver(restoredUnderLoad.url, token, EVERYTHING)
    const held = copied.users.edges.map((edge: any) => sequenceOf(edge.node.phoneMethods[0].phoneNumber))
    held.forEach((sequence: number, i: number) => {
      expect(sequence, writer(i)).toBeGreaterThanOrEqual(before[i]!)
      expect(sequence, writer(i)).toBeLessThanOrEqual(acknowledged[i]! + 1)
    })
    await restoredUnderLoad.terminate()

    // At rest, with the last writes still in the gateway's -wal file: the copy answers exactly as the original.
    const atRest = join(dir, 'at-rest.db')
    expect((await backup(scratch.url, atRest)).code).toBe(0)
    expect(existsSync(`${atRest}-wal`)).toBe(false)
    const original = await graphqlOver(gateway.url, token, EVERYTHING)
    const restored = await launchGateway({ env: productionEnv(`file:${atRest}`) })
    gateways.push(restored)
    expect(await graphqlOver(restored.url, token, EVERYTHING)).toEqual(original)
    expect(original.users.edges.map((edge: any) => sequenceOf(edge.node.phoneMethods[0].phoneNumber))).toEqual(acknowledged)
    console.log(`backup under load: ${WRITERS} writers, ${before.reduce((a, b) => a + b, 0)} writes acknowledged before it began, all present; at rest: ${original.users.edges.length} users compared, differences: 0`)
  })
})

describeOnPostgres('npm run db:backup on PostgreSQL', () => {
  it('points at pg_dump in one line and fails, since it made no backup', async () => {
    const { code, stdout, stderr } = await backup('postgresql://nobody@127.0.0.1:1/none', join(tmpdir(), 'never.db'))
    expect(code).not.toBe(0)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('pg_dump -Fc')])
  })
})

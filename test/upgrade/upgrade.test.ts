// An upgrade from the last release to this working tree loses nothing and
// finds everything. The released gateway (SCHEMA_CHANGES.md's "Released at"
// commit, built from this repository's history) builds a database through
// its own seed command and its own GraphQL API: two tenants, non-ASCII
// names, phones in every smsSignInState, a policy with targets. Then it
// stops, this tree's `npm run db:migrate` and gateway take over, and every
// user, phone, state, policy and cursor is compared through the new API;
// users(search:) finds the non-ASCII names by their prefixes in any case.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { mintToken } from '../../src/auth/mint.ts'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { graphqlOver } from '../support/harness/http-graphql.ts'
import { killAll, launchGateway, productionEnv, RESILIENCE_SECRET, type LaunchedGateway } from '../support/harness/process.ts'
import { checkOutRelease, ROOT, type ReleasedCheckout } from './released-checkout.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const NAMED = [
  ['emilie', 'Émilie Dubois'],
  ['asa', 'ÅSA Öberg'],
  ['oyvind', 'øyvind Ødegård'],
  ['nono', 'Ñoño Núñez'],
  ['lukasz', 'Łukasz Żółć'],
  ['ilker', 'İlker Işık'],
  ['strasse', 'Straße Groß'],
  ['odysseas', 'ΟΔΥΣΣΕΑΣ Παπαδόπουλος'],
] as const
const BULK = 40
const TENANTS = ['upgrade-a', 'upgrade-b'] as const
const MOBILE = '3179e48a-750b-4051-897c-87b9720928f7'
const OFFICE = 'e37fc753-ff3b-4958-9484-eaa9425c82bc'

const usersOf = (tenant: string) => [
  ...NAMED.map(([id, displayName]) => ({ id: `${tenant}-${id}`, userPrincipalName: `${id}@${tenant}.example`, displayName })),
  ...Array.from({ length: BULK }, (_, i) => ({ id: `${tenant}-bulk-${String(i).padStart(2, '0')}`, userPrincipalName: `Bulk.${i}@${tenant}.example`, displayName: i % 5 ? `Bulk User ${i}` : null })),
]

/** The writes, in the released API's own words (its inputs name a phone by `id`). */
async function writeThroughReleasedApi(url: string, token: string, tenant: string, second: boolean) {
  const call = (query: string, input: Record<string, unknown>) => graphqlOver(url, token, query, { input })
  const add = (user: string, phoneType: string, phoneNumber: string) =>
    call(`mutation($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { id } }`, { userId: `${tenant}-${user}`, phoneType, phoneNumber })
  const policy = (input: Record<string, unknown>) =>
    call(`mutation($input: SmsAuthenticationMethodConfigurationInput!) { updateSmsAuthenticationMethodConfiguration(input: $input) { id } }`, input)
  // Tenant a: every user may sign in by SMS but one excluded; tenant b: two user targets, one not for sign-in.
  await policy(
    second
      ? { state: 'enabled', includeTargets: [{ id: `${tenant}-emilie`, targetType: 'user', isUsableForSignIn: true }, { id: `${tenant}-asa`, targetType: 'user', isUsableForSignIn: false }], excludeTargets: [] }
      : { state: 'enabled', includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: true }], excludeTargets: [{ id: `${tenant}-nono`, targetType: 'user' }] },
  )
  await add('emilie', 'mobile', '+1 5550000001') // ready
  await add('emilie', 'alternateMobile', '+33 612345678') // notSupported
  await add('emilie', 'office', '+1 5550000099x123') // notSupported, with an extension
  await add('asa', 'mobile', '+1 5550000001') // phoneNumberNotUnique (a), notAllowedByPolicy (b)
  await add('oyvind', 'mobile', '+47 41234567')
  await call(`mutation($input: PhoneMethodRefInput!) { disableSmsSignIn(input: $input) { id } }`, { userId: `${tenant}-oyvind`, id: MOBILE }) // notEnabled
  await add('nono', 'mobile', '+34 612345678') // notAllowedByPolicy
  await add('lukasz', 'mobile', '+48 512345678')
  await call(`mutation($input: UpdatePhoneMethodInput!) { updatePhoneMethod(input: $input) { id } }`, { userId: `lukasz@${tenant}.example`, id: MOBILE, phoneNumber: '+48 512345679' })
  await add('ilker', 'office', '+90 2121234567')
  await call(`mutation($input: PhoneMethodRefInput!) { deletePhoneMethod(input: $input) }`, { userId: `${tenant}-ilker`, id: OFFICE })
  for (let i = 0; i < BULK; i += 3) await add(`bulk-${String(i).padStart(2, '0')}`, i % 2 ? 'office' : 'mobile', `+1 555100${String(i).padStart(4, '0')}`)
}

interface Page {
  cursors: (string | null)[]
  users: { id: string; userPrincipalName: string; displayName: string | null; phones: { methodId: string; phoneType: string; phoneNumber: string; smsSignInState: string }[] }[]
  policy: unknown
}

/** Every user in pages of 7 (so that cursors matter), their phones, and the policy, as plain values of either API. */
async function readEverything(url: string, token: string, released: boolean): Promise<Page> {
  const phoneFields = released ? 'id phoneType phoneNumber smsSignInState' : 'methodId phoneType phoneNumber smsSignInState'
  const users: Page['users'] = []
  const cursors: Page['cursors'] = [null]
  for (let cursor: string | null = null; ; ) {
    const data = await graphqlOver(
      url,
      token,
      `query($after: String) { users(first: 7, after: $after) { edges { node { id userPrincipalName displayName phoneMethods { ${phoneFields} } } } pageInfo { hasNextPage endCursor } } }`,
      { after: cursor },
    )
    for (const { node } of data.users.edges) {
      users.push({
        id: node.id,
        userPrincipalName: node.userPrincipalName,
        displayName: node.displayName,
        phones: node.phoneMethods.map((phone: any) => ({ methodId: released ? phone.id : phone.methodId, phoneType: phone.phoneType, phoneNumber: phone.phoneNumber, smsSignInState: phone.smsSignInState })),
      })
    }
    if (!data.users.pageInfo.hasNextPage) break
    cursor = data.users.pageInfo.endCursor
    cursors.push(cursor)
  }
  const { smsAuthenticationMethodConfiguration: policy } = await graphqlOver(
    url,
    token,
    `{ smsAuthenticationMethodConfiguration { id state includeTargets { id targetType isUsableForSignIn } excludeTargets { id targetType } } }`,
  )
  return { cursors, users, policy }
}

/** The first users(first: 7, after: cursor) page, by id, for a cursor the released gateway handed out. */
async function pageAfter(url: string, token: string, cursor: string | null): Promise<string[]> {
  const data = await graphqlOver(url, token, `query($after: String) { users(first: 7, after: $after) { edges { node { id } } } }`, { after: cursor })
  return data.users.edges.map((edge: any) => edge.node.id)
}

let release: ReleasedCheckout

beforeAll(() => {
  release = checkOutRelease()
}, 240_000)
afterAll(() => release?.remove())

describeOnEachDatabase('an upgrade from the released gateway on %s', (provider) => {
  let scratch: ScratchDatabase
  const gateways: LaunchedGateway[] = []
  beforeAll(async () => {
    scratch = await scratchDatabase(provider)
  })
  afterAll(async () => {
    await killAll(gateways)
    await scratch?.drop()
  })

  it('keeps every user, phone, state, policy and cursor, and finds the old users by name', { timeout: 180_000 }, async () => {
    const seedFile = join(release.dir, `upgrade-seed-${provider}.json`)
    writeFileSync(seedFile, JSON.stringify({ tenants: TENANTS.map((id) => ({ id, users: usersOf(id) })) }))
    release.command('seed', ['--file', seedFile], { DATABASE_URL: scratch.url })
    const tokens = Object.fromEntries(
      await Promise.all(
        TENANTS.map(async (tid) => [tid, await mintToken(RESILIENCE_SECRET, { tid, sub: 'upgrade-test-app', roles: ['UserAuthenticationMethod.ReadWrite.All', 'Policy.ReadWrite.AuthenticationMethod'] })] as const),
      ),
    )

    const old = await launchGateway({ env: productionEnv(scratch.url), bundle: release.bundle, cwd: release.dir })
    gateways.push(old)
    const before: Record<string, Page> = {}
    for (const [i, tenant] of TENANTS.entries()) {
      await writeThroughReleasedApi(old.url, tokens[tenant]!, tenant, i === 1)
      before[tenant] = await readEverything(old.url, tokens[tenant]!, true)
    }
    expect(await old.terminate()).toEqual({ code: 0, signal: null })
    const states = new Set(Object.values(before).flatMap((page) => page.users.flatMap((user) => user.phones.map((phone) => phone.smsSignInState))))
    expect([...states].sort()).toEqual(['notAllowedByPolicy', 'notEnabled', 'notSupported', 'phoneNumberNotUnique', 'ready'])

    // The upgrade: this tree's migrate, then its gateway.
    execFileSync('npm', ['run', '-s', 'db:migrate'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: scratch.url }, stdio: 'pipe' })
    const upgraded = await launchGateway({ env: productionEnv(scratch.url) })
    gateways.push(upgraded)

    let rows = 0
    const differences: string[] = []
    const compare = (what: string, was: unknown, is: unknown) => {
      rows++
      if (JSON.stringify(was) !== JSON.stringify(is)) differences.push(`${what}: ${JSON.stringify(was)} became ${JSON.stringify(is)}`)
    }
    let searches = 0
    for (const tenant of TENANTS) {
      const token = tokens[tenant]!
      const after = await readEverything(upgraded.url, token, false)
      compare(`${tenant} users`, before[tenant]!.users.map((user) => user.id), after.users.map((user) => user.id))
      const byId = new Map(after.users.map((user) => [user.id, user]))
      for (const user of before[tenant]!.users) {
        compare(`${tenant} user ${user.id}`, { ...user, phones: undefined }, { ...byId.get(user.id), phones: undefined })
        user.phones.forEach((phone, i) => compare(`${tenant} phone ${user.id}/${phone.phoneType}`, phone, byId.get(user.id)?.phones[i]))
      }
      compare(`${tenant} policy`, before[tenant]!.policy, after.policy)
      // The released gateway's cursors continue where they did.
      for (const [i, cursor] of before[tenant]!.cursors.entries()) {
        compare(`${tenant} page after cursor ${i}`, before[tenant]!.users.slice(i * 7, i * 7 + 7).map((user) => user.id), await pageAfter(upgraded.url, token, cursor))
      }
      // Every named user is found by prefixes of their displayName, in lower, upper and the given case.
      for (const [id, name] of NAMED) {
        const prefixes = [1, 2, 4, 8, name.length].map((length) => [...name].slice(0, length).join(''))
        for (const prefix of prefixes.flatMap((prefix) => [prefix, prefix.toLowerCase(), prefix.toUpperCase()])) {
          searches++
          const data = await graphqlOver(upgraded.url, token, `query($search: String) { users(search: $search, first: 200) { edges { node { id } } } }`, { search: prefix })
          const found = data.users.edges.map((edge: any) => edge.node.id)
          if (!found.includes(`${tenant}-${id}`)) differences.push(`${tenant}: users(search: ${JSON.stringify(prefix)}) does not find ${name}`)
        }
      }
    }
    console.log(
      `upgrade from ${release.commit.slice(0, 12)} (dependencies ${release.dependencies}) on ${provider}: ${rows} rows compared, ${searches} searches, differences: ${differences.length}`,
    )
    expect(differences).toEqual([])
  })
})

// users(search:): a case-insensitive prefix of userPrincipalName or of
// displayName, ordered by userPrincipalName case-insensitively, keyset-paged,
// and an index range on both databases.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openDatabase, Prisma } from '../../src/db/client.ts'
import { migrate, readMigrations, statementsOf } from '../../src/db/migrate.ts'
import { seed } from '../../src/db/seed.ts'
import { displayNameKey, searchKey, searchUsers, userPrincipalNameKey, userSearchStatement } from '../../src/db/user-store.ts'
import { DirectoryRole } from '../../src/domain/principal.ts'
import { scratchDatabase } from '../support/harness/databases.ts'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { scopes, tokenFor } from '../support/personas/tenants.ts'
import { describeOnEachDatabase, describeOnPostgres } from '../support/vitest/database-suites.ts'

const TENANT = 'search'
const user = (id: string, userPrincipalName: string, displayName: string | null, directoryRoles: string[] = []) => ({
  id,
  userPrincipalName,
  displayName,
  directoryRoles,
})
const admin = user('u-admin', 'Admin@Search.example', 'Search Admin', [DirectoryRole.privilegedAuthenticationAdministrator])
const named = [
  user('u-ann', 'ann.lee@search.example', 'Ann Lee'),
  user('u-anna', 'Anna.Berg@search.example', 'Anna Berg'),
  user('u-bob', 'bob@search.example', 'Annika Bobson'),
  user('u-zed', 'zed@search.example', 'ANNE Zed'),
  user('u-cara', 'cara@search.example', 'Cara'),
  user('u-pct', '100%@search.example', 'Percent'),
  user('u-100x', '100x@search.example', null),
  user('u-snake', 'snake_case@search.example', 'Snake'),
  user('u-snakex', 'snakeXcase@search.example', 'Snake X'),
  user('u-emile', 'emile@search.example', 'Émile Zola'),
  user('u-ola', 'ola@search.example', 'Ölander'),
  user('u-plain', 'o.plain@search.example', 'Olander'),
]
// 60 users a search for "kai" finds: a third by an upper-cased
// userPrincipalName, a third by a lower-cased one, a third by displayName only.
const kais = Array.from({ length: 60 }, (_, i) => {
  const n = String(i).padStart(2, '0')
  if (i % 3 === 0) return user(`u-kai-${n}`, `KAI.${n}@search.example`, `Member ${i}`)
  if (i % 3 === 1) return user(`u-kai-${n}`, `kai.${n}@search.example`, null)
  return user(`u-kai-${n}`, `member.${n}@search.example`, `Kai ${i}`)
})
const outsider = user('o-ann', 'ann.other@other.example', 'Ann Other', [DirectoryRole.privilegedAuthenticationAdministrator])

/** Users of a tenant that is large enough for the planners to prefer an index to a scan. */
const BULK_USERS = 5000

const SEARCH = /* GraphQL */ `
  query Search($search: String, $first: Int, $after: String) {
    users(search: $search, first: $first, after: $after) {
      edges { cursor node { id userPrincipalName displayName } }
      pageInfo { hasNextPage endCursor }
    }
  }
`

// Code-point order of the lower-cased userPrincipalName, the order a search answers in.
const byKey = (a: { userPrincipalName: string }, b: { userPrincipalName: string }) =>
  Buffer.compare(Buffer.from(userPrincipalNameKey(a.userPrincipalName)), Buffer.from(userPrincipalNameKey(b.userPrincipalName)))

describeOnEachDatabase('users(search:) on %s', (provider) => {
  let gateway: TestGateway
  let token: string
  let outsiderToken: string

  const ids = async (search: string, first = 200) => {
    const response = await gateway.graphql(token, SEARCH, { search, first })
    expect(response.errors).toBeUndefined()
    return response.data?.users.edges.map((edge: any) => edge.node.id)
  }

  beforeAll(async () => {
    gateway = await startGateway(provider, {
      tenants: {
        tenants: [
          { id: TENANT, users: [admin, ...named, ...kais] },
          { id: 'other', users: [outsider] },
          { id: 'bulk', users: [] },
        ],
      },
    })
    token = await tokenFor({ tid: TENANT, sub: admin.id, scp: scopes.readAll, wids: admin.directoryRoles })
    outsiderToken = await tokenFor({ tid: 'other', sub: outsider.id, scp: scopes.readAll, wids: outsider.directoryRoles })
    await gateway.db.client.$transaction(async (tx) => {
      await tx.user.createMany({
        data: Array.from({ length: BULK_USERS }, (_, i) => {
          const n = String(i).padStart(5, '0')
          return {
            tenantId: 'bulk',
            id: `b-${n}`,
            userPrincipalName: `person${n}@bulk.example`,
            userPrincipalNameKey: userPrincipalNameKey(`person${n}@bulk.example`),
            displayName: `Person ${n}`,
            displayNameKey: displayNameKey(`Person ${n}`),
          }
        }),
      })
      await tx.$executeRawUnsafe('ANALYZE')
    }, { timeout: 60_000, maxWait: 30_000 })
  })
  afterAll(() => gateway.close())

  it('finds users by a prefix of their userPrincipalName', async () => {
    expect(await ids('cara@')).toEqual(['u-cara'])
    expect(await ids('ann.')).toEqual(['u-ann'])
  })

  it('finds users by a prefix of their displayName', async () => {
    expect(await ids('annika')).toEqual(['u-bob'])
    expect(await ids('snake x')).toEqual(['u-snakex'])
  })

  it('compares case-insensitively, whatever the case of the search and of the stored names', async () => {
    const expected = ['u-ann', 'u-anna', 'u-bob', 'u-zed']
    for (const search of ['ann', 'ANN', 'aNn']) expect(await ids(search)).toEqual(expected)
  })

  it('orders by userPrincipalName case-insensitively, whichever name matched', async () => {
    const response = await gateway.graphql(token, SEARCH, { search: 'Ann' })
    expect(response.data?.users.edges.map((edge: any) => edge.node)).toEqual([
      { id: 'u-ann', userPrincipalName: 'ann.lee@search.example', displayName: 'Ann Lee' },
      { id: 'u-anna', userPrincipalName: 'Anna.Berg@search.example', displayName: 'Anna Berg' },
      { id: 'u-bob', userPrincipalName: 'bob@search.example', displayName: 'Annika Bobson' },
      { id: 'u-zed', userPrincipalName: 'zed@search.example', displayName: 'ANNE Zed' },
    ])
    expect(response.data?.users.pageInfo.hasNextPage).toBe(false)
  })

  it('pages through every match once, in order, with keyset cursors', async () => {
    const expected = [...kais].sort(byKey).map((kai) => kai.id)
    const seen: string[] = []
    let after: string | null = null
    let pages = 0
    for (;;) {
      const response: any = await gateway.graphql(token, SEARCH, { search: 'kai', first: 7, after })
      expect(response.errors).toBeUndefined()
      const { edges, pageInfo } = response.data.users
      seen.push(...edges.map((edge: any) => edge.node.id))
      expect(pageInfo.endCursor).toBe(edges.at(-1)?.cursor ?? null)
      pages++
      if (!pageInfo.hasNextPage) break
      after = pageInfo.endCursor
    }
    expect(pages).toBe(9)
    expect(seen).toEqual(expected)
    // Upper-cased KAI.00 sorts with the lower-cased kai.01, not before every lower-case name.
    expect(seen.slice(0, 3)).toEqual(['u-kai-00', 'u-kai-01', 'u-kai-03'])
  })

  it("never shows another tenant's users", async () => {
    expect(await ids('ann')).not.toContain(outsider.id)
    expect(await ids('ann.other')).toEqual([])
    const theirs = await gateway.graphql(outsiderToken, SEARCH, { search: 'ann' })
    expect(theirs.data?.users.edges.map((edge: any) => edge.node.id)).toEqual([outsider.id])
  })

  it('matches %, _ and non-ASCII characters literally', async () => {
    expect(await ids('100%')).toEqual(['u-pct'])
    expect(await ids('snake_')).toEqual(['u-snake'])
    expect(await ids('%')).toEqual([])
    expect(await ids('_')).toEqual([])
    expect(await ids('émile')).toEqual(['u-emile'])
    expect(await ids('ÉMILE')).toEqual(['u-emile'])
    expect(await ids('emile z')).toEqual([])
    expect(await ids('ö')).toEqual(['u-ola'])
    expect(await ids('Ö')).toEqual(['u-ola'])
  })

  it('keeps a cursor to the order it was read in', async () => {
    const searched: any = await gateway.graphql(token, SEARCH, { search: 'kai', first: 2 })
    const listed: any = await gateway.graphql(token, SEARCH, { first: 2 })
    const searchCursor = searched.data.users.pageInfo.endCursor
    const idCursor = listed.data.users.pageInfo.endCursor
    expect(searchCursor).not.toBe(idCursor)
    const mixed = [
      await gateway.graphql(token, SEARCH, { search: 'kai', after: idCursor }),
      await gateway.graphql(token, SEARCH, { after: searchCursor }),
    ]
    for (const response of mixed) {
      expect(codes(response)).toEqual(['BAD_USER_INPUT'])
      expect(response.errors?.[0]?.message).toMatch(/^After /)
      expect(response.data ?? null).toBeNull()
    }
    expect((await gateway.graphql(token, SEARCH, { after: idCursor })).errors).toBeUndefined()
    expect((await gateway.graphql(token, SEARCH, { search: 'kai', after: searchCursor })).errors).toBeUndefined()
  })

  it('refuses cursors it did not make', async () => {
    const forged = ['garbage', Buffer.from('userByName:').toString('base64url'), Buffer.from('userByName:kai').toString('base64')]
    for (const after of forged) {
      const response = await gateway.graphql(token, SEARCH, { search: 'kai', after })
      expect(codes(response)).toEqual(['BAD_USER_INPUT'])
      expect(response.errors?.[0]?.message).toContain('is not a cursor from this connection')
    }
  })

  it('refuses an empty, an over-long or a NUL-carrying search with BAD_USER_INPUT', async () => {
    for (const search of ['', 'a'.repeat(257)]) {
      const response = await gateway.graphql(token, SEARCH, { search })
      expect(codes(response)).toEqual(['BAD_USER_INPUT'])
      expect(response.errors?.[0]?.message).toBe('Search must be 1 to 256 characters.')
    }
    const nul = await gateway.graphql(token, SEARCH, { search: 'ann\u0000' })
    expect(codes(nul)).toEqual(['BAD_USER_INPUT'])
    expect(nul.errors?.[0]?.message).toBe('Search may not contain a NUL character.')
    expect((await gateway.graphql(token, SEARCH, { search: 'a'.repeat(256) })).data?.users.edges).toEqual([])
  })

  it('keeps the permissions of users: a caller without a directory role is refused', async () => {
    const plain = await tokenFor({ tid: TENANT, sub: 'u-cara', scp: scopes.readAll })
    const response = await gateway.graphql(plain, SEARCH, { search: 'ann' })
    expect(codes(response)).toEqual(['FORBIDDEN'])
  })

  it('reads each name prefix as an index range, on the first page and after a cursor', async () => {
    for (const afterKey of [null, 'person01230@bulk.example']) {
      const statement = userSearchStatement('bulk', searchKey('PERSON0123'), afterKey, 51)
      const plan =
        provider === 'sqlite'
          ? (await gateway.db.client.$queryRaw<{ detail: string }[]>(Prisma.sql`EXPLAIN QUERY PLAN ${statement}`)).map((row) => row.detail)
          : (await gateway.db.client.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${statement}`)).map((row) => row['QUERY PLAN'])
      const text = plan.join("\n")
      expect(text).toContain('User_tenantId_userPrincipalNameKey_key')
      expect(text).toContain('User_displayNameSearch_idx')
      if (provider === 'sqlite') {
        // Both reads of "User" are a SEARCH through an index, the displayName one without visiting
        // the table; a SCAN of the table would read every user.
        expect(plan.filter((step) => /\bUser\b/.test(step))).toEqual([
          expect.stringMatching(/^SEARCH User USING INDEX User_tenantId_userPrincipalNameKey_key /),
          expect.stringMatching(/^SEARCH User USING COVERING INDEX User_displayNameSearch_idx /),
        ])
      } else {
        expect(text).not.toContain('Seq Scan')
      }
    }
    // And the answer over the bulk tenant is the ten users person01230 … person01239.
    const answer = await gateway.db.client.$queryRaw<{ id: string }[]>(userSearchStatement('bulk', searchKey('PERSON0123'), null, 51))
    expect(answer.map((row) => row.id)).toEqual(Array.from({ length: 10 }, (_, i) => `b-0123${i}`))
  })
})

describeOnEachDatabase('the user search migration on %s', (provider) => {
  it('fills the search keys of the users an existing database already holds', async () => {
    const scratch = await scratchDatabase(provider)
    const db = await openDatabase({ url: scratch.url })
    try {
      // The database as the first migration left it, recorded as Prisma records it.
      const [first, ...later] = readMigrations(provider)
      expect(later.map((migration) => migration.name)).toContain('20261129100000_user_search')
      await db.client.$transaction(async (tx) => {
        for (const statement of statementsOf(first!.sql)) await tx.$executeRawUnsafe(statement)
        await tx.$executeRawUnsafe(
          `CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" ${provider === 'postgres' ? 'TIMESTAMPTZ' : 'DATETIME'}, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" ${provider === 'postgres' ? 'TIMESTAMPTZ' : 'DATETIME'}, "started_at" ${provider === 'postgres' ? 'TIMESTAMPTZ' : 'DATETIME'} NOT NULL DEFAULT CURRENT_TIMESTAMP, "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
        )
        await tx.$executeRaw`INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "finished_at", "applied_steps_count")
          VALUES (${randomUUID()}, ${createHash('sha256').update(first!.sql).digest('hex')}, ${first!.name}, CURRENT_TIMESTAMP, 1)`
        await tx.$executeRawUnsafe(`INSERT INTO "Tenant" ("id") VALUES ('old')`)
        await tx.$executeRawUnsafe(
          `INSERT INTO "User" ("tenantId", "id", "userPrincipalName", "userPrincipalNameKey", "displayName") VALUES
           ('old', 'o-1', 'Kim@Old.example', 'kim@old.example', 'Kim AKERS'), ('old', 'o-2', 'nameless@old.example', 'nameless@old.example', NULL)`,
        )
      })
      expect(await migrate(db)).toEqual(later.map((migration) => migration.name))
      const keys = await db.client.user.findMany({ where: { tenantId: 'old' }, orderBy: { id: 'asc' }, select: { id: true, displayNameKey: true } })
      expect(keys).toEqual([
        { id: 'o-1', displayNameKey: 'kim akers' },
        { id: 'o-2', displayNameKey: null },
      ])
      expect((await searchUsers(db.statements, 'old', searchKey('KIM A'), null, 10)).map((row) => row.id)).toEqual(['o-1'])
    } finally {
      await db.close()
      await scratch.drop()
    }
  })
})

// The test server's databases use C.UTF-8, whose order is already the code
// points'; a server whose default collation is linguistic must answer alike.
describeOnPostgres('users(search:) on a PostgreSQL database with a linguistic default collation', () => {
  it('matches prefixes and orders by code point all the same', async () => {
    const serverUrl = process.env.TEST_POSTGRES_URL!
    const name = `gateway_test_icu_${randomBytes(6).toString('hex')}`
    const server = new pg.Client({ connectionString: serverUrl })
    await server.connect()
    await server.query(`CREATE DATABASE "${name}" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`)
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    const db = await openDatabase({ url: url.toString() })
    try {
      await migrate(db)
      await seed(db, { tenants: [{ id: TENANT, users: [admin, ...named, ...kais] }] })
      const found = async (search: string) => (await searchUsers(db.statements, TENANT, searchKey(search), null, 200)).map((row) => row.id)
      // en-US compares accents after letters: "émile zola" lies between "emile z" and "emile z" + U+10FFFF there.
      expect(await found('emile z')).toEqual([])
      expect(await found('émile z')).toEqual(['u-emile'])
      expect(await found('ann')).toEqual(['u-ann', 'u-anna', 'u-bob', 'u-zed'])
      expect(await found('ann.')).toEqual(['u-ann'])
      expect(await found('snake_')).toEqual(['u-snake'])
      expect(await found('kai')).toEqual([...kais].sort(byKey).map((kai) => kai.id))
    } finally {
      await db.close()
      await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await server.end()
    }
  })
})

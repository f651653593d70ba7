// A user is found by any prefix of their name, typed in any case and any
// Unicode form, on both databases, whatever a PostgreSQL database's LC_CTYPE,
// and whether an earlier release wrote the user (the upgrade recomputes its
// keys) or this one did.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/db/client.ts'
import { migrate } from '../../src/db/migrate.ts'
import { seed } from '../../src/db/seed.ts'
import { searchUsers } from '../../src/db/user-store.ts'
import { searchKey } from '../../src/domain/search-key.ts'
import { scratchDatabase, type Provider, type ScratchDatabase, type ScratchOptions } from '../support/harness/databases.ts'
import { migrateBefore } from '../support/harness/old-database.ts'
import { describeOn } from '../support/vitest/database-suites.ts'

const graphemes = (text: string) => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].map((part) => part.segment)

/** Names people have, and names fast-check makes up (no NUL: no database stores it). */
const REAL_NAMES = ['Émilie Dubois', 'ÅSA Öberg', 'øyvind', 'ñoño', 'Łukasz', 'İlker Işık', 'ılker', 'Straße', 'STRASSE', 'ẞIGRID', 'ΟΔΥΣΣΕΑΣ', 'Ꭰꭱ', 'ᲒᲘᲝᲠᲒᲘ', 'ﬃon', 'Ｆｕｌｌ', 'e\u0301mile']
const name = fc.oneof(
  fc.constantFrom(...REAL_NAMES),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
).filter((text) => !text.includes('\u0000'))

/** What a caller may type for the first `length` characters of `text`: each in either case, in any normalization form. */
const typedPrefix = (text: string) =>
  fc
    .record({
      length: fc.integer({ min: 1, max: Math.max(1, graphemes(text).length) }),
      cases: fc.array(fc.constantFrom('upper', 'lower', 'as is'), { minLength: 64, maxLength: 64 }),
      form: fc.constantFrom('NFC', 'NFD', 'NFKC', 'NFKD', 'as is'),
    })
    .map(({ length, cases, form }) => {
      const typed = graphemes(text)
        .slice(0, length)
        .map((part, i) => (cases[i % 64] === 'upper' ? part.toUpperCase() : cases[i % 64] === 'lower' ? part.toLowerCase() : part))
        .join('')
      return form === 'as is' ? typed : typed.normalize(form)
    })

describe('searchKey', () => {
  it('keys every typed prefix of a name to a prefix of the name’s key', () => {
    fc.assert(
      fc.property(name.chain((text) => fc.tuple(fc.constant(text), typedPrefix(text))), ([text, typed]) => {
        expect(searchKey(text).startsWith(searchKey(typed))).toBe(true)
      }),
      { numRuns: 20_000 },
    )
  })

  it('is idempotent, so a stored key searched for finds itself', () => {
    fc.assert(
      fc.property(name, (text) => {
        expect(searchKey(searchKey(text))).toBe(searchKey(text))
      }),
      { numRuns: 20_000 },
    )
  })

  it('folds what Unicode’s case mappings and Turkish i make equal', () => {
    expect(searchKey('Émilie')).toBe(searchKey('e\u0301MILIE'))
    expect(searchKey('Straße')).toBe('strasse')
    expect(searchKey('ẞ')).toBe('ss')
    expect(['İlker', 'ILKER', 'ılker', 'ilker', 'i̇lker'].map(searchKey)).toEqual(Array(5).fill('ilker'))
    expect(searchKey('ΟΔΥΣΣΕΑΣ')).toBe(searchKey('οδυσσεας'))
    expect(searchKey('ﬃ')).toBe('ffi')
  })
})

const USERS = 150
const TENANT = 'old'

const targets: [string, Provider, ScratchOptions][] = [
  ['sqlite', 'sqlite', {}],
  ['postgres (the server’s locale)', 'postgres', {}],
  ['postgres with LC_CTYPE C', 'postgres', { locale: 'C' }],
  ['postgres with LC_CTYPE C.UTF-8', 'postgres', { locale: 'C.UTF-8' }],
]

for (const [label, provider, options] of targets) {
  describeOn(provider, `users(search:) over Unicode names on ${label}`, () => {
    let scratch: ScratchDatabase
    let db: Database
    const names = fc.sample(name, { numRuns: USERS, seed: 42 }).concat(REAL_NAMES)
    const userOf = (i: number) => ({ id: `u-${i}`, userPrincipalName: `user.${i}@old.example`, displayName: names[i]! })

    beforeAll(async () => {
      scratch = await scratchDatabase(provider, options)
      db = await openDatabase({ url: scratch.url })
      // Users an earlier release wrote: its seed lower-cased the userPrincipalName
      // in code, and the user search migration filled displayNameKey with SQL lower().
      await migrateBefore(db, '20261129100000_user_search')
      await db.client.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO "Tenant" ("id") VALUES ('${TENANT}')`)
        for (let i = 0; i < names.length; i++) {
          const user = userOf(i)
          await tx.$executeRaw`INSERT INTO "User" ("tenantId", "id", "userPrincipalName", "userPrincipalNameKey", "displayName")
            VALUES (${TENANT}, ${user.id}, ${user.userPrincipalName}, ${user.userPrincipalName.toLowerCase()}, ${user.displayName})`
        }
      })
      await migrate(db)
      // And the same names written by this release.
      await seed(db, { tenants: [{ id: 'new', users: names.map((_, i) => userOf(i)) }] })
    })
    afterAll(async () => {
      await db?.close()
      await scratch?.drop()
    })

    it('finds every user by any typed prefix of their displayName', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: names.length - 1 }).chain((i) => fc.tuple(fc.constant(i), typedPrefix(names[i]!), fc.constantFrom(TENANT, 'new'))),
          async ([i, typed, tenant]) => {
            const found = await searchUsers(db.statements, tenant, searchKey(typed), null, names.length + 1)
            expect(found.map((row) => row.id)).toContain(`u-${i}`)
          },
        ),
        { numRuns: 300 },
      )
    })

    it('stores the same keys for the users of both releases', async () => {
      const keys = async (tenantId: string) =>
        (await db.client.user.findMany({ where: { tenantId }, orderBy: { id: 'asc' }, select: { id: true, userPrincipalNameKey: true, displayNameKey: true } }))
      expect(await keys(TENANT)).toEqual(await keys('new'))
      expect((await keys(TENANT)).map((row) => row.displayNameKey)).toEqual(
        [...names.keys()].map((i) => `u-${i}`).sort().map((id) => searchKey(names[Number(id.slice(2))]!)),
      )
    })
  })
}

// A caller limited to its own account learns nothing about other users from
// a refusal (docs/permissions.md): aimed at someone else, every write and
// read is refused before that user is read or locked, the same way whether
// the user exists or not, and the refusal's audit event records the target
// exactly as the caller wrote it. `me` is the token's id, never a
// userPrincipalName.
import { SignJWT, type JWTPayload } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PHONE_METHOD_ID } from '../../src/domain/phone-method.ts'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { people, personaTokens, scopes, TEST_SECRET } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const MOBILE = PHONE_METHOD_ID.mobile
const GHOST_ID = '11111111-aaaa-4aaa-8aaa-0000000000ff'

/** Lee (who exists) and a user who does not, each named both ways; the UPN in a case of the caller's choosing. */
const PAIRS = [
  { by: 'id', existing: people.lee.id, missing: GHOST_ID },
  { by: 'userPrincipalName', existing: 'Lee@Contoso.COM', missing: 'Ghost@Contoso.COM' },
] as const

const WRITES: { name: string; query: string; input: (userId: string) => Record<string, unknown> }[] = [
  {
    name: 'deletePhoneMethod',
    query: 'mutation($input: PhoneMethodRefInput!) { deletePhoneMethod(input: $input) { methodId } }',
    input: (userId) => ({ userId, methodId: MOBILE }),
  },
  {
    name: 'enableSmsSignIn',
    query: 'mutation($input: PhoneMethodRefInput!) { enableSmsSignIn(input: $input) { id } }',
    input: (userId) => ({ userId, methodId: MOBILE }),
  },
  {
    name: 'disableSmsSignIn',
    query: 'mutation($input: PhoneMethodRefInput!) { disableSmsSignIn(input: $input) { id } }',
    input: (userId) => ({ userId, methodId: MOBILE }),
  },
  {
    name: 'updateSignInPreferences',
    query: 'mutation($input: UpdateSignInPreferencesInput!) { updateSignInPreferences(input: $input) { userPreferredMethodForSecondaryAuthentication } }',
    input: (userId) => ({ userId, userPreferredMethodForSecondaryAuthentication: 'sms' }),
  },
  {
    name: 'addPhoneMethod',
    query: 'mutation($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { id } }',
    input: (userId) => ({ userId, phoneNumber: '+1 4255550100', phoneType: 'office' }),
  },
  {
    name: 'updatePhoneMethod',
    query: 'mutation($input: UpdatePhoneMethodInput!) { updatePhoneMethod(input: $input) { id } }',
    input: (userId) => ({ userId, methodId: MOBILE, phoneNumber: '+1 4255550101' }),
  },
]

const REST_WRITES: { method: string; path: string; body?: unknown }[] = [
  { method: 'DELETE', path: `/authentication/phoneMethods/${MOBILE}` },
  { method: 'POST', path: `/authentication/phoneMethods/${MOBILE}/enableSmsSignIn` },
  { method: 'POST', path: `/authentication/phoneMethods/${MOBILE}/disableSmsSignIn` },
  { method: 'PATCH', path: '/authentication/signInPreferences', body: { userPreferredMethodForSecondaryAuthentication: 'sms' } },
  { method: 'POST', path: '/authentication/phoneMethods', body: { phoneNumber: '+1 4255550100', phoneType: 'office' } },
  { method: 'PATCH', path: `/authentication/phoneMethods/${MOBILE}`, body: { phoneNumber: '+1 4255550101' } },
]

const REST_READS = ['/authentication/phoneMethods', `/authentication/phoneMethods/${MOBILE}`, '/authentication/signInPreferences']

/** A token with exactly these claims (mintToken always sets oid to sub). */
const tokenWithClaims = (claims: JWTPayload) =>
  new SignJWT({ tid: 'contoso', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(TEST_SECRET))

/** An answer without what differs between any two requests (request ids, dates). */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !/request-?id|^date$/i.test(key))
      .map(([key, item]) => [key, comparable(item)]),
  )
}

describeOnEachDatabase('refusals that reveal nothing, on %s', (provider) => {
  let gateway: TestGateway
  let tokens: Awaited<ReturnType<typeof personaTokens>>

  const rest = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await gateway.yoga.fetch(`http://gateway.test/v1.0${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : null }
  }

  /** What one request answers, which statements it ran, and the audit event it left in Kim's trail (if any). */
  const observe = async (send: () => Promise<unknown>) => {
    const before = await kimsLatestEventId()
    gateway.statements.reset()
    const answer = comparable(await send())
    const sql = [...gateway.statements.sql]
    const latest = await kimsLatestEvent()
    return { answer, sql, event: latest && latest.id !== before ? latest : null }
  }

  const kimsLatestEvent = async () => {
    const response = await gateway.graphql(
      tokens.kim,
      '{ me { auditEvents(first: 1) { edges { node { id activityDisplayName result resultReason targetUserId targetUserPrincipalName methodId } } } } }',
    )
    expect(codes(response)).toEqual([])
    return response.data!.me.auditEvents.edges[0]?.node ?? null
  }
  const kimsLatestEventId = async () => (await kimsLatestEvent())?.id ?? null

  const versionOfLee = async () =>
    (await gateway.db.client.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: 'contoso', id: people.lee.id } } })).version

  beforeAll(async () => {
    gateway = await startGateway(provider)
    tokens = await personaTokens()
    for (const [phoneType, phoneNumber] of [['mobile', '+1 2065550100'], ['alternateMobile', '+1 2065550101']]) {
      const added = await gateway.graphql(tokens.admin, 'mutation($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { id } }', {
        input: { userId: people.lee.id, phoneNumber, phoneType },
      })
      expect(codes(added)).toEqual([])
    }
  })
  afterAll(async () => {
    await gateway?.close()
  })

  for (const write of WRITES) {
    for (const pair of PAIRS) {
      it(`refuses Kim's ${write.name} on another user by ${pair.by} before reading them, alike for one who exists and one who does not`, async () => {
        const version = await versionOfLee()
        const send = (userId: string) => () => gateway.graphql(tokens.kim, write.query, { input: write.input(userId) }).then(({ headers: _, ...rest }) => rest)
        const existing = await observe(send(pair.existing))
        const missing = await observe(send(pair.missing))

        expect(codes(existing.answer as never)).toEqual(['FORBIDDEN'])
        expect(existing.answer).toEqual(missing.answer)
        expect(existing.sql).toEqual(missing.sql)
        expect(existing.sql.filter((sql) => /UPDATE\s+"User"/i.test(sql))).toEqual([])
        expect(await versionOfLee()).toBe(version)

        // The event names the target as written, and only that.
        const asWritten = (written: string) =>
          pair.by === 'id' ? { targetUserId: written, targetUserPrincipalName: null } : { targetUserId: null, targetUserPrincipalName: written }
        expect(existing.event).toMatchObject({ result: 'failure', resultReason: 'FORBIDDEN', ...asWritten(pair.existing) })
        expect(missing.event).toMatchObject({ result: 'failure', resultReason: 'FORBIDDEN', ...asWritten(pair.missing) })
        const { id: _e, targetUserId: _ei, targetUserPrincipalName: _eu, ...existingRest } = existing.event
        const { id: _m, targetUserId: _mi, targetUserPrincipalName: _mu, ...missingRest } = missing.event
        expect(existingRest).toEqual(missingRest)
      })
    }
  }

  for (const write of REST_WRITES) {
    for (const pair of PAIRS) {
      it(`refuses Kim's REST ${write.method} ${write.path} on another user by ${pair.by} alike, without reading or locking them`, async () => {
        const version = await versionOfLee()
        const send = (userRef: string) => () => rest(tokens.kim, write.method, `/users/${encodeURIComponent(userRef)}${write.path}`, write.body)
        const existing = await observe(send(pair.existing))
        const missing = await observe(send(pair.missing))
        expect(existing.answer).toMatchObject({ status: 403 })
        expect(existing.answer).toEqual(missing.answer)
        expect(existing.sql).toEqual(missing.sql)
        expect(existing.sql.filter((sql) => /UPDATE\s+"User"/i.test(sql))).toEqual([])
        expect(await versionOfLee()).toBe(version)
        const field = pair.by === 'id' ? 'targetUserId' : 'targetUserPrincipalName'
        const other = pair.by === 'id' ? 'targetUserPrincipalName' : 'targetUserId'
        expect(existing.event).toMatchObject({ resultReason: 'FORBIDDEN', [field]: pair.existing, [other]: null })
        expect(missing.event).toMatchObject({ resultReason: 'FORBIDDEN', [field]: pair.missing, [other]: null })
      })
    }
  }

  for (const pair of PAIRS) {
    it(`refuses Kim's reads of another user by ${pair.by} alike, reading nothing of them`, async () => {
      const reads = [
        (userId: string) => gateway.graphql(tokens.kim, 'query($id: String!) { user(id: $id) { id } }', { id: userId }),
        (userId: string) =>
          gateway.graphql(tokens.kim, `query($id: String!) { phoneMethod(userId: $id, methodId: "${MOBILE}") { id } }`, { id: userId }),
      ]
      for (const read of reads) {
        const existing = await observe(() => read(pair.existing).then(({ headers: _, ...rest }) => rest))
        const missing = await observe(() => read(pair.missing).then(({ headers: _, ...rest }) => rest))
        expect(codes(existing.answer as never)).toEqual(['FORBIDDEN'])
        expect(existing.answer).toEqual(missing.answer)
        expect(existing.sql).toEqual(missing.sql)
        // By id, nothing at all is read; by userPrincipalName, only Kim's own row, and no one's phones.
        expect(existing.sql.length).toBe(pair.by === 'id' ? 0 : 1)
        expect(existing.sql.filter((sql) => sql.includes('"PhoneMethod"'))).toEqual([])
      }
      for (const path of REST_READS) {
        const existing = await observe(() => rest(tokens.kim, 'GET', `/users/${encodeURIComponent(pair.existing)}${path}`))
        const missing = await observe(() => rest(tokens.kim, 'GET', `/users/${encodeURIComponent(pair.missing)}${path}`))
        expect(existing.answer, path).toMatchObject({ status: 403 })
        expect(existing.answer, path).toEqual(missing.answer)
        expect(existing.sql, path).toEqual(missing.sql)
      }
    })
  }

  it('still lets Kim act on herself when she names her own userPrincipalName, in any case', async () => {
    const own = 'KIM@contoso.com'
    const preferences = await gateway.graphql(
      tokens.kim,
      'mutation($input: UpdateSignInPreferencesInput!) { updateSignInPreferences(input: $input) { isSystemPreferredAuthenticationMethodEnabled } }',
      { input: { userId: own, isSystemPreferredAuthenticationMethodEnabled: false } },
    )
    expect(codes(preferences)).toEqual([])
    expect(await kimsLatestEvent()).toMatchObject({
      activityDisplayName: 'User changed default security info',
      result: 'success',
      targetUserId: people.kim.id,
      targetUserPrincipalName: people.kim.userPrincipalName,
    })
    const read = await gateway.graphql(tokens.kim, 'query($id: String!) { user(id: $id) { id } }', { id: own })
    expect(read.data).toEqual({ user: { id: people.kim.id } })
    expect((await rest(tokens.kim, 'GET', `/users/${encodeURIComponent(own)}/authentication/phoneMethods`)).status).toBe(200)
    const update = await rest(tokens.kim, 'PATCH', `/users/${encodeURIComponent(own)}/authentication/signInPreferences`, {
      isSystemPreferredAuthenticationMethodEnabled: true,
    })
    expect(update.status).toBe(204)
  })

  it('lets an administrator still tell a missing user (NOT_FOUND, unaudited) from one out of reach', async () => {
    const missing = await gateway.graphql(tokens.admin, 'mutation($input: PhoneMethodRefInput!) { disableSmsSignIn(input: $input) { id } }', {
      input: { userId: GHOST_ID, methodId: MOBILE },
    })
    expect(codes(missing)).toEqual(['NOT_FOUND'])
  })

  describe('me', () => {
    it("resolves the token's oid as an id only, even when it looks like a userPrincipalName", async () => {
      // A token whose oid is Lee's userPrincipalName: it names no user, so it is nobody's me.
      const token = await tokenWithClaims({ sub: 'someone', oid: people.lee.userPrincipalName, scp: scopes.readWriteSelf })
      const me = await gateway.graphql(token, '{ me { id userPrincipalName phoneMethods { phoneNumber } } }')
      expect(codes(me)).toEqual(['NOT_FOUND'])
      expect(JSON.stringify(me)).not.toContain(people.lee.id)
      const list = await rest(token, 'GET', '/me/authentication/phoneMethods')
      expect(list.status).toBe(404)
      expect(JSON.stringify(list.body)).not.toContain(people.lee.id)
      const version = await versionOfLee()
      const deletion = await rest(token, 'DELETE', `/me/authentication/phoneMethods/${PHONE_METHOD_ID.alternateMobile}`)
      expect(deletion.status).toBe(404)
      expect(await versionOfLee()).toBe(version)
      const phones = await gateway.graphql(tokens.admin, 'query($id: String!) { user(id: $id) { phoneMethods { phoneType } } }', { id: people.lee.id })
      expect(phones.data!.user.phoneMethods).toHaveLength(2)
    })

    it('resolves sub as an id only when there is no oid', async () => {
      const token = await tokenWithClaims({ sub: people.kim.userPrincipalName, scp: scopes.readWriteSelf })
      expect(codes(await gateway.graphql(token, '{ me { id } }'))).toEqual(['NOT_FOUND'])
      const kim = await tokenWithClaims({ sub: 'ignored', oid: people.kim.id, scp: scopes.readWriteSelf })
      const byOid = await gateway.graphql(kim, '{ me { id } }')
      expect(byOid.errors).toBeUndefined()
      expect(byOid.data).toEqual({ me: { id: people.kim.id } })
    })
  })
})

// Every argument of every GraphQL operation and REST route, at its
// boundaries: the longest values the gateway accepts and one past them,
// Unicode of every kind (astral, combining, case folding that changes the
// length, bidi controls, lone surrogates, NUL), dates at and beyond each
// database's range, page sizes at and past their limits, crafted cursors,
// tenants with no row and tokens with odd but signed claims. Whatever the
// value, the answer is a contract error code or data: never
// INTERNAL_SERVER_ERROR, never a 5xx, on both databases.
import fc from 'fast-check'
import { SignJWT, type JWTPayload } from 'jose'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ERROR_CODES } from '../../src/domain/errors.ts'
import { PHONE_METHOD_ID } from '../../src/domain/phone-method.ts'
import { DirectoryRole } from '../../src/domain/principal.ts'
import { codes, startGateway, type GraphQLResponse, type TestGateway } from '../support/harness/gateway.ts'
import { people, personaTokens, scopes, TEST_SECRET, tokenFor } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const MOBILE = PHONE_METHOD_ID.mobile

/** Strings at the edges of what an argument holds. */
const STRINGS: readonly string[] = [
  '',
  ' ',
  'a',
  'a'.repeat(256),
  'a'.repeat(257),
  '😀'.repeat(128),
  '😀'.repeat(129),
  `${'x'.repeat(255)}@`,
  '@',
  '@'.repeat(256),
  '\u0000',
  'kim\u0000@contoso.com',
  '\uD800',
  'a\uDFFFb',
  '\uD83D@contoso.com',
  '\u{10FFFF}',
  '\uFFFF',
  'İ'.repeat(256),
  'İ@contoso.com',
  'ß@CONTOSO.COM',
  '\u202Eevil@contoso.com',
  'a\u200Bb',
  'e\u0301',
  `'; DROP TABLE "User"; --`,
  '%',
  '_',
  '\\',
  '\n\r\t',
  people.kim.id,
  people.kim.id.toUpperCase(),
  people.kim.userPrincipalName,
  'KIM@CONTOSO.COM',
  'all_users',
  'null',
]

/** Date-times at and past each database's range, in every form the filter accepts or refuses. */
const DATES: readonly string[] = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+23:59',
  '0000-12-31T23:59:59.999999999-23:59',
  '1969-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00Z',
  '2026-06-01T12:00:00.123456789+05:30',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999999999-23:59',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '+010000-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-01-01',
  '2026-01-01T24:00:00Z',
]

const INTS: readonly unknown[] = [0, 1, 200, 201, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 1.5, '1', null]

const cursor = (text: string) => Buffer.from(text).toString('base64url')
/** Cursors this gateway never made, shaped like the ones it makes. */
const CURSORS: readonly string[] = [
  cursor('audit:999999999999999:x'),
  cursor('audit:253402300800000:x'),
  cursor('audit:0:0'),
  cursor(`audit:1:${'a'.repeat(64)}`),
  cursor('user:'),
  cursor(`user:${'a'.repeat(4000)}`),
  cursor('user:\u{10FFFF}'),
  cursor('userByName:\u{10FFFF}'),
  cursor('userByName:\u0000'),
  '!!!',
  ...STRINGS.slice(0, 12),
]

interface GraphQLCase {
  readonly name: string
  readonly query: string
  readonly variables: Record<string, unknown>
  readonly as: Persona
}
type Persona = 'admin' | 'kim' | 'auditor' | 'policyAdmin' | 'app' | 'stranger'

/** Each argument of each operation, with the value in its place. */
function graphqlCases(value: string): GraphQLCase[] {
  const ref = (userId: unknown, methodId: unknown = MOBILE) => ({ input: { userId, methodId } })
  const cases: Omit<GraphQLCase, 'as'>[] = [
    { name: 'user(id)', query: 'query($v: String!) { user(id: $v) { id phoneMethods { id } } }', variables: { v: value } },
    { name: 'phoneMethod(userId)', query: `query($v: String!) { phoneMethod(userId: $v, methodId: "${MOBILE}") { id } }`, variables: { v: value } },
    { name: 'phoneMethod(methodId)', query: `query($v: ID!) { phoneMethod(userId: "${people.kim.id}", methodId: $v) { id } }`, variables: { v: value } },
    { name: 'users(search)', query: 'query($v: String) { users(search: $v) { edges { node { id } } } }', variables: { v: value } },
    { name: 'users(after)', query: 'query($v: String) { users(after: $v) { edges { node { id } } } }', variables: { v: value } },
    { name: 'users(search, after)', query: 'query($v: String) { users(search: "a", after: $v) { edges { node { id } } } }', variables: { v: value } },
    { name: 'auditEvents(after)', query: 'query($v: String) { auditEvents(after: $v) { edges { node { id } } } }', variables: { v: value } },
    ...(['targetUserId', 'initiatedByUserId', 'activityDisplayName', 'from', 'to'] as const).map((field) => ({
      name: `auditEvents(filter.${field})`,
      query: `query($v: String) { auditEvents(filter: { ${field}: $v }) { edges { node { id } } } }`,
      variables: { v: value },
    })),
    { name: 'auditEvents(filter.result)', query: 'query($v: AuditResult) { auditEvents(filter: { result: $v }) { edges { node { id } } } }', variables: { v: value } },
    { name: 'me.auditEvents(after)', query: 'query($v: String) { me { auditEvents(after: $v) { edges { node { id } } } } }', variables: { v: value } },
    {
      name: 'addPhoneMethod(userId)',
      query: 'mutation($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { id } }',
      variables: { input: { userId: value, phoneNumber: '+1 4255550100', phoneType: 'office' } },
    },
    {
      name: 'addPhoneMethod(phoneNumber)',
      query: 'mutation($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { id } }',
      variables: { input: { userId: people.lee.id, phoneNumber: value, phoneType: 'office' } },
    },
    {
      name: 'addPhoneMethod(phoneType)',
      query: 'mutation($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { id } }',
      variables: { input: { userId: people.lee.id, phoneNumber: '+1 4255550100', phoneType: value } },
    },
    ...(['userId', 'methodId', 'phoneNumber'] as const).map((field) => ({
      name: `updatePhoneMethod(${field})`,
      query: 'mutation($input: UpdatePhoneMethodInput!) { updatePhoneMethod(input: $input) { id } }',
      variables: { input: { userId: people.lee.id, methodId: MOBILE, phoneNumber: '+1 4255550102', [field]: value } },
    })),
    ...(['deletePhoneMethod', 'enableSmsSignIn', 'disableSmsSignIn'] as const).flatMap((mutation) => [
      { name: `${mutation}(userId)`, query: `mutation($input: PhoneMethodRefInput!) { ${mutation}(input: $input) { __typename } }`, variables: ref(value) },
      {
        name: `${mutation}(methodId)`,
        query: `mutation($input: PhoneMethodRefInput!) { ${mutation}(input: $input) { __typename } }`,
        variables: ref(people.lee.id, value),
      },
    ]),
    {
      name: 'updateSignInPreferences(userId)',
      query: 'mutation($input: UpdateSignInPreferencesInput!) { updateSignInPreferences(input: $input) { isSystemPreferredAuthenticationMethodEnabled } }',
      variables: { input: { userId: value, isSystemPreferredAuthenticationMethodEnabled: true } },
    },
    {
      name: 'updateSignInPreferences(userPreferredMethodForSecondaryAuthentication)',
      query: 'mutation($input: UpdateSignInPreferencesInput!) { updateSignInPreferences(input: $input) { isSystemPreferredAuthenticationMethodEnabled } }',
      variables: { input: { userId: people.lee.id, userPreferredMethodForSecondaryAuthentication: value } },
    },
    {
      name: 'updateSmsAuthenticationMethodConfiguration(includeTargets.id)',
      query: 'mutation($input: UpdateSmsAuthenticationMethodConfigurationInput!) { updateSmsAuthenticationMethodConfiguration(input: $input) { state } }',
      variables: { input: { includeTargets: [{ id: value, targetType: 'user', isUsableForSignIn: true }] } },
    },
    {
      name: 'updateSmsAuthenticationMethodConfiguration(excludeTargets.id)',
      query: 'mutation($input: UpdateSmsAuthenticationMethodConfigurationInput!) { updateSmsAuthenticationMethodConfiguration(input: $input) { state } }',
      variables: { input: { excludeTargets: [{ id: value, targetType: 'group' }] } },
    },
    {
      name: 'updateSmsAuthenticationMethodConfiguration(state)',
      query: 'mutation($input: UpdateSmsAuthenticationMethodConfigurationInput!) { updateSmsAuthenticationMethodConfiguration(input: $input) { state } }',
      variables: { input: { state: value } },
    },
  ]
  const personas = (name: string): Persona[] =>
    name.startsWith('auditEvents') ? ['auditor'] : name.startsWith('updateSms') ? ['policyAdmin'] : name.startsWith('users') ? ['admin'] : ['admin', 'kim']
  return cases.flatMap((one) => personas(one.name).map((as) => ({ ...one, as })))
}

/** A signed token with exactly these claims. */
const tokenWithClaims = (claims: Record<string, unknown>) =>
  new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setExpirationTime('1h').sign(new TextEncoder().encode(TEST_SECRET))

const ALL_SCOPES = `${scopes.writeAll} ${scopes.policyWrite} ${scopes.auditLogRead}`
const ALL_ROLES = [DirectoryRole.privilegedAuthenticationAdministrator, DirectoryRole.authenticationPolicyAdministrator, DirectoryRole.globalAdministrator]

/** Claims a trusted issuer could sign that no test persona has. */
const ODD_CLAIMS: readonly Record<string, unknown>[] = [
  { tid: 'a'.repeat(256), sub: people.admin.id, scp: ALL_SCOPES, wids: ALL_ROLES },
  { tid: 'a'.repeat(257), sub: people.admin.id, scp: ALL_SCOPES, wids: ALL_ROLES },
  { tid: 'тенант-😀', sub: 'кто-то', scp: ALL_SCOPES, wids: ALL_ROLES },
  { tid: '\u0000', sub: people.admin.id, scp: ALL_SCOPES, wids: ALL_ROLES },
  { tid: 'contoso', sub: 'a\u0000b', scp: ALL_SCOPES, wids: ALL_ROLES },
  { tid: 'contoso', oid: 'x'.repeat(10_000), scp: ALL_SCOPES },
  { tid: 'contoso', oid: 'kim@contoso.com', sub: people.admin.id, scp: ALL_SCOPES },
  { tid: 'contoso', oid: '', sub: people.kim.id, scp: scopes.readWriteSelf },
  { tid: 'contoso', sub: '\uD800', scp: ALL_SCOPES, wids: ALL_ROLES },
  { tid: 'contoso', sub: people.kim.id, scp: 'x'.repeat(5000) },
  { tid: 'contoso', sub: people.admin.id, scp: ALL_SCOPES, wids: [1, null, {}, people.admin.directoryRoles[0]] },
  { tid: 'contoso', sub: 'app', roles: 'UserAuthenticationMethod.ReadWrite.All' },
  { tid: 'contoso', sub: 'app', roles: [scopes.writeAll, 7] },
  { tid: 'contoso', sub: people.kim.id, scp: ['UserAuthenticationMethod.ReadWrite'] },
  { tid: 5, sub: people.admin.id, scp: ALL_SCOPES },
  { tid: 'contoso', sub: 5, scp: ALL_SCOPES },
]

/** Documents each odd token sends: a read, a tenant read, an audit read and the writes. */
const EVERY_OPERATION: readonly [string, Record<string, unknown>][] = [
  ['{ me { id userPrincipalName phoneMethods { id } signInPreferences { isSystemPreferredAuthenticationMethodEnabled } auditEvents { edges { node { id } } } } }', {}],
  [`{ user(id: "${people.lee.id}") { id } users { edges { node { id } } } phoneMethod(userId: "${people.lee.id}", methodId: "${MOBILE}") { id } }`, {}],
  ['{ auditEvents { edges { node { id } } } smsAuthenticationMethodConfiguration { state } }', {}],
  ['mutation { resetSmsAuthenticationMethodConfiguration { state } }', {}],
  ['mutation { updateSmsAuthenticationMethodConfiguration(input: { state: enabled }) { state } }', {}],
  [
    'mutation($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { id } }',
    { input: { userId: people.lee.id, phoneNumber: '+1 4255550109', phoneType: 'office' } },
  ],
  [
    'mutation($input: UpdateSignInPreferencesInput!) { updateSignInPreferences(input: $input) { isSystemPreferredAuthenticationMethodEnabled } }',
    { input: { userId: people.kim.userPrincipalName, isSystemPreferredAuthenticationMethodEnabled: true } },
  ],
]

const CONTRACT_CODES = new Set(Object.keys(ERROR_CODES).filter((code) => code !== 'INTERNAL_SERVER_ERROR'))

/** Data or contract errors; no 5xx, no INTERNAL_SERVER_ERROR. */
function expectAnswered(response: GraphQLResponse, what: string): void {
  expect(response.status, what).toBeLessThan(500)
  for (const code of codes(response)) expect(CONTRACT_CODES.has(code ?? ''), `${what}: ${code} ${JSON.stringify(response.errors)}`).toBe(true)
}

/** A path segment as a client would send it; lone surrogates have no UTF-8 form, so they go as the bytes a careless client sends. */
const segment = (value: string) => {
  try {
    return encodeURIComponent(value)
  } catch {
    return value.replace(/[\uD800-\uDFFF]/g, '%ED%A0%80').replace(/[^\w%-]/gu, (char) => encodeURIComponent(char))
  }
}

describeOnEachDatabase('every argument at its boundaries, on %s', (provider) => {
  let gateway: TestGateway
  let tokens: Record<Persona, string>

  const rest = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await gateway.yoga.fetch(`http://gateway.test${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, text }
  }
  const expectRestAnswered = (answer: { status: number; text: string }, what: string) => {
    expect(answer.status, `${what}: ${answer.text}`).toBeLessThan(500)
    expect(answer.text, what).not.toContain('generalException')
  }

  beforeAll(async () => {
    gateway = await startGateway(provider)
    const personas = await personaTokens()
    tokens = {
      admin: personas.admin,
      kim: personas.kim,
      auditor: personas.auditor,
      policyAdmin: personas.policyAdmin,
      app: personas.app,
      // A tenant no row names: its token is as valid as any.
      stranger: await tokenFor({ tid: 'tenant-with-no-row', sub: 'stranger', scp: ALL_SCOPES, wids: ALL_ROLES }),
    }
    const added = await gateway.graphql(tokens.admin, 'mutation($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { id } }', {
      input: { userId: people.lee.id, phoneNumber: '+1 2065550100', phoneType: 'mobile' },
    })
    expect(codes(added)).toEqual([])
  })
  afterAll(async () => {
    await gateway?.close()
  })

  it('answers every string argument of every operation, at every boundary, with data or a contract code', async () => {
    let sent = 0
    for (const value of STRINGS) {
      for (const one of graphqlCases(value)) {
        expectAnswered(await gateway.graphql(tokens[one.as], one.query, one.variables), `${one.name} as ${one.as} with ${JSON.stringify(value)}`)
        sent++
      }
    }
    expect(sent).toBeGreaterThan(1000)
  })

  it('answers every date bound and cursor of the audit log, on both of its connections', async () => {
    for (const date of DATES) {
      for (const field of ['from', 'to']) {
        const response = await gateway.graphql(tokens.auditor, `query($v: String) { auditEvents(filter: { ${field}: $v }) { edges { node { id } } } }`, { v: date })
        expectAnswered(response, `${field} ${date}`)
      }
      const both = await gateway.graphql(tokens.auditor, 'query($a: String, $b: String) { auditEvents(filter: { from: $a, to: $b }) { edges { node { id } } } }', {
        a: date,
        b: date,
      })
      expectAnswered(both, `from and to ${date}`)
    }
    for (const after of CURSORS) {
      expectAnswered(await gateway.graphql(tokens.auditor, 'query($v: String) { auditEvents(after: $v) { edges { node { id } } } }', { v: after }), after)
      expectAnswered(await gateway.graphql(tokens.kim, 'query($v: String) { me { auditEvents(after: $v) { edges { node { id } } } } }', { v: after }), after)
      expectAnswered(await gateway.graphql(tokens.admin, 'query($v: String) { users(after: $v) { edges { node { id } } } }', { v: after }), after)
      expectAnswered(
        await gateway.graphql(tokens.admin, 'query($v: String) { users(search: "k", after: $v) { edges { node { id } } } }', { v: after }),
        after,
      )
    }
  })

  it('reads the audit log from before the databases’ first year to past their last as the whole log', async () => {
    await gateway.graphql(tokens.kim, 'mutation { updateSignInPreferences(input: { userId: "lee@contoso.com" }) { __typename } }')
    const all = await gateway.graphql(tokens.auditor, '{ auditEvents(first: 200) { edges { node { id } } } }')
    expect(all.data!.auditEvents.edges.length).toBeGreaterThan(0)
    const query = 'query($a: String, $b: String) { auditEvents(first: 200, filter: { from: $a, to: $b }) { edges { node { id } } } }'
    for (const [from, to] of [
      ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999999999-23:59'],
      ['0001-01-01T00:00:00+23:59', null],
      [null, '9999-12-31T23:59:59Z'],
    ]) {
      const response = await gateway.graphql(tokens.auditor, query, { a: from, b: to })
      expect(codes(response), `${from} – ${to}`).toEqual([])
      expect(response.data, `${from} – ${to}`).toEqual(all.data)
    }
    for (const [from, to] of [
      [null, '0000-01-01T00:00:00Z'],
      ['9999-12-31T23:59:59.999999999-23:59', null],
    ]) {
      const response = await gateway.graphql(tokens.auditor, query, { a: from, b: to })
      expect(codes(response), `${from} – ${to}`).toEqual([])
      expect(response.data!.auditEvents.edges, `${from} – ${to}`).toEqual([])
    }
  })

  it('answers every page size at and past its limits', async () => {
    for (const first of INTS) {
      expectAnswered(await gateway.graphql(tokens.admin, 'query($v: Int) { users(first: $v) { edges { node { id } } } }', { v: first }), `users ${first}`)
      expectAnswered(
        await gateway.graphql(tokens.auditor, 'query($v: Int) { auditEvents(first: $v) { edges { node { id } } } }', { v: first }),
        `auditEvents ${first}`,
      )
      expectAnswered(
        await gateway.graphql(tokens.kim, 'query($v: Int) { me { auditEvents(first: $v) { edges { node { id } } } } }', { v: first }),
        `me.auditEvents ${first}`,
      )
    }
  })

  it('treats a tenant with no row as a tenant on the default SMS policy, which it may change and reset', async () => {
    const read = await gateway.graphql(tokens.stranger, '{ smsAuthenticationMethodConfiguration { state includeTargets { id } excludeTargets { id } } }')
    expect(codes(read)).toEqual([])
    const initial = read.data!.smsAuthenticationMethodConfiguration
    const reset = await gateway.graphql(tokens.stranger, 'mutation { resetSmsAuthenticationMethodConfiguration { state includeTargets { id } excludeTargets { id } } }')
    expect(codes(reset)).toEqual([])
    expect(reset.data!.resetSmsAuthenticationMethodConfiguration).toEqual(initial)
    const changed = await gateway.graphql(tokens.stranger, 'mutation { updateSmsAuthenticationMethodConfiguration(input: { state: disabled }) { state } }')
    expect(codes(changed)).toEqual([])
    expect((await gateway.graphql(tokens.stranger, '{ smsAuthenticationMethodConfiguration { state } }')).data).toEqual({
      smsAuthenticationMethodConfiguration: { state: 'disabled' },
    })
    // Nothing of another tenant is a target of this one's.
    const foreign = await gateway.graphql(
      tokens.stranger,
      `mutation { updateSmsAuthenticationMethodConfiguration(input: { includeTargets: [{ id: "${people.kim.id}", targetType: user, isUsableForSignIn: true }] }) { state } }`,
    )
    expect(codes(foreign)).toEqual(['BAD_USER_INPUT'])
    const again = await gateway.graphql(tokens.stranger, 'mutation { resetSmsAuthenticationMethodConfiguration { state } }')
    expect(again.data).toEqual({ resetSmsAuthenticationMethodConfiguration: { state: initial.state } })
    // The policy is the tenant's own: contoso's stayed as it was.
    expect(codes(await gateway.graphql(tokens.policyAdmin, '{ smsAuthenticationMethodConfiguration { state } }'))).toEqual([])
  })

  it('answers every operation of a tenant with no row, and every REST route, with data or a contract code', async () => {
    const restTenant = await Promise.all(
      ['GET', 'PATCH', 'DELETE'].map((method) =>
        rest(tokens.stranger, method, '/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/sms', method === 'PATCH' ? { state: 'enabled' } : undefined),
      ),
    )
    expect(restTenant.map((answer) => answer.status)).toEqual([200, 204, 204])
    for (const [query, variables] of EVERY_OPERATION) expectAnswered(await gateway.graphql(tokens.stranger, query, variables), query)
  })

  it('answers tokens with odd but signed claims with data, or UNAUTHENTICATED', async () => {
    for (const claims of ODD_CLAIMS) {
      const token = await tokenWithClaims(claims)
      for (const [query, variables] of EVERY_OPERATION) {
        const response = await gateway.graphql(token, query, variables)
        expectAnswered(response, `${JSON.stringify(claims).slice(0, 120)} ${query}`)
      }
      expectRestAnswered(await rest(token, 'GET', '/v1.0/me/authentication/phoneMethods'), JSON.stringify(claims).slice(0, 120))
      expectRestAnswered(await rest(token, 'DELETE', `/v1.0/me/authentication/phoneMethods/${MOBILE}`), JSON.stringify(claims).slice(0, 120))
    }
    const unstorable = await gateway.graphql(await tokenWithClaims(ODD_CLAIMS[3]!), '{ me { id } }')
    expect(codes(unstorable)).toEqual(['UNAUTHENTICATED'])
  })

  it('answers every REST route with every user and method id, and every body value, below 500', async () => {
    const user = (value: string) => `/v1.0/users/${segment(value)}/authentication`
    for (const value of STRINGS) {
      for (const as of ['admin', 'kim'] as const) {
        const token = tokens[as]
        const answers = [
          await rest(token, 'GET', `${user(value)}/phoneMethods`),
          await rest(token, 'GET', `${user(value)}/phoneMethods/${MOBILE}`),
          await rest(token, 'GET', `/beta/users/${segment(people.lee.id)}/authentication/phoneMethods/${segment(value)}`),
          await rest(token, 'POST', `${user(value)}/phoneMethods`, { phoneNumber: '+1 4255550103', phoneType: 'office' }),
          await rest(token, 'POST', `${user(people.lee.id)}/phoneMethods`, { phoneNumber: value, phoneType: 'office' }),
          await rest(token, 'POST', `${user(people.lee.id)}/phoneMethods`, { phoneNumber: '+1 4255550103', phoneType: value }),
          await rest(token, 'PATCH', `${user(value)}/phoneMethods/${MOBILE}`, { phoneNumber: '+1 4255550104' }),
          await rest(token, 'PATCH', `${user(people.lee.id)}/phoneMethods/${segment(value)}`, { phoneNumber: '+1 4255550104' }),
          await rest(token, 'PATCH', `${user(people.lee.id)}/phoneMethods/${MOBILE}`, { phoneNumber: value }),
          await rest(token, 'DELETE', `${user(value)}/phoneMethods/${PHONE_METHOD_ID.office}`),
          await rest(token, 'DELETE', `${user(people.lee.id)}/phoneMethods/${segment(value)}`),
          await rest(token, 'POST', `${user(value)}/phoneMethods/${MOBILE}/enableSmsSignIn`),
          await rest(token, 'POST', `${user(people.lee.id)}/phoneMethods/${segment(value)}/disableSmsSignIn`),
          await rest(token, 'GET', `${user(value)}/signInPreferences`),
          await rest(token, 'PATCH', `${user(value)}/signInPreferences`, { isSystemPreferredAuthenticationMethodEnabled: true }),
          await rest(token, 'PATCH', `${user(people.lee.id)}/signInPreferences`, { userPreferredMethodForSecondaryAuthentication: value }),
        ]
        answers.forEach((answer, index) => expectRestAnswered(answer, `route ${index} as ${as} with ${JSON.stringify(value)}`))
      }
      const policy = '/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/sms'
      for (const body of [
        { id: value },
        { state: value },
        { includeTargets: [{ id: value, targetType: 'user', isUsableForSignIn: true }] },
        { excludeTargets: [{ id: value, targetType: 'group' }] },
        { [value]: true },
      ]) {
        expectRestAnswered(await rest(tokens.policyAdmin, 'PATCH', policy, body), `policy ${JSON.stringify(body)}`)
      }
    }
  })

  it('answers arbitrary strings, lone surrogates and NULs included, in the free-text arguments', async () => {
    const arbitrary = fc.oneof(fc.string({ maxLength: 300, unit: 'binary' }), fc.string({ maxLength: 300, unit: 'grapheme' }), fc.constantFrom(...STRINGS))
    await fc.assert(
      fc.asyncProperty(arbitrary, fc.constantFrom('admin', 'kim') as fc.Arbitrary<'admin' | 'kim'>, async (value, as) => {
        const response = await gateway.graphql(
          tokens[as],
          `query($v: String!) { user(id: $v) { id } phoneMethod(userId: $v, methodId: $v) { id } }`,
          { v: value },
        )
        expectAnswered(response, JSON.stringify(value))
        const search = await gateway.graphql(tokens.admin, 'query($v: String) { users(search: $v) { edges { node { id } } } }', { v: value })
        expectAnswered(search, JSON.stringify(value))
        const filter = await gateway.graphql(tokens.auditor, 'query($v: String) { auditEvents(filter: { targetUserId: $v, activityDisplayName: $v }) { edges { node { id } } } }', {
          v: value,
        })
        expectAnswered(filter, JSON.stringify(value))
        const write = await gateway.graphql(tokens.kim, 'mutation($v: String!) { deletePhoneMethod(input: { userId: $v, methodId: $v }) { methodId } }', { v: value })
        expectAnswered(write, JSON.stringify(value))
      }),
      { numRuns: 60 },
    )
  })
})

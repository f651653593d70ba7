// Error codes as part of the contract (docs/limits.md, docs/errors.md): every error
// carries one of the 18 codes of the schema's ErrorCode enum, with its HTTP
// status; request errors use the ecosystem's codes; BAD_USER_INPUT names the
// offending input in extensions.field, from the argument for a value the
// schema's rules refuse, from the variable for a variable that does not
// coerce. No error carries parser internals, a stack or a suggestion of a
// name while introspection is off ("production" below).
import { isEnumType } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { schema } from '../../src/schema/index.ts'
import { CONTRACT_ERROR_CODES } from '../support/personas/contract-examples.ts'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { people, personaTokens } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'


interface WireError {
  message: string
  path?: unknown
  extensions?: Record<string, unknown>
}
interface WireResult {
  data?: unknown
  errors?: WireError[]
}

const ENDPOINT = 'http://gateway.test/graphql'
const KIM = people.kim.id
const ADD = 'mutation Add($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { id } }'
const ADD_I = 'mutation Add($i: AddPhoneMethodInput!) { addPhoneMethod(input: $i) { id } }'
const PAGE = 'query Page($first: Int, $after: String) { users(first: $first, after: $after) { edges { node { id } } } }'
const POLICY = 'mutation Policy($p: SmsAuthenticationMethodConfigurationInput!) { updateSmsAuthenticationMethodConfiguration(input: $p) { id } }'
const inlineAdd = (userId: string, phoneNumber: string, phoneType: string) =>
  `mutation { addPhoneMethod(input: { userId: "${userId}", phoneNumber: "${phoneNumber}", phoneType: ${phoneType} }) { id } }`

/** Nothing internal in an error: no parser error, no stack, no file path, no SQL. */
function expectNoInternals(errors: WireError[] | undefined) {
  for (const error of errors ?? []) {
    expect(Object.keys(error.extensions ?? {}), error.message).not.toContain('originalError')
    expect(Object.keys(error.extensions ?? {}), error.message).not.toContain('stack')
    expect(error.message).not.toMatch(/\.(ts|js|mjs|cjs):\d+|\bat \w+ \(|SELECT |INSERT |prisma/i)
  }
}

describeOnEachDatabase('error codes on %s', (provider) => {
  let development: TestGateway
  let production: TestGateway
  let tokens: Awaited<ReturnType<typeof personaTokens>>

  beforeAll(async () => {
    ;[development, production, tokens] = await Promise.all([
      startGateway(provider),
      startGateway(provider, { introspection: false }),
      personaTokens(),
    ])
  })
  afterAll(async () => {
    await development?.close()
    await production?.close()
  })

  const send = async (gateway: TestGateway, init: { body: string | ReadableStream; headers?: Record<string, string>; search?: string; method?: string }) => {
    const response = await gateway.yoga.fetch(`${ENDPOINT}${init.search ?? ''}`, {
      method: init.method ?? 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}`, ...init.headers },
      ...(init.method === 'GET' ? {} : { body: init.body, duplex: 'half' }),
    } as RequestInit)
    const text = await response.text()
    return { status: response.status, text, result: (text ? JSON.parse(text) : {}) as WireResult }
  }

  it('lists exactly the 18 codes of the contract in the schema’s ErrorCode enum, each described', () => {
    const type = schema.getType('ErrorCode')
    expect(isEnumType(type) && type.getValues().map((value) => value.name).sort()).toEqual([...CONTRACT_ERROR_CODES].sort())
    expect(isEnumType(type) && type.getValues().filter((value) => (value.description ?? '').length < 20)).toEqual([])
  })

  describe.each(['development', 'production'] as const)('request errors in %s', (mode) => {
    const gateway = () => (mode === 'development' ? development : production)

    it('answers a document that does not parse with GRAPHQL_PARSE_FAILED (400)', async () => {
      const response = await gateway().graphql(tokens.admin, '{ me { id ')
      expect(response.status).toBe(400)
      expect(codes(response)).toEqual(['GRAPHQL_PARSE_FAILED'])
      expect(response.errors?.[0]?.message).toBe('Syntax Error: Expected Name, found <EOF>.')
      expect(response.data).toBeUndefined()
    })

    it('answers a document that does not validate with GRAPHQL_VALIDATION_FAILED (400)', async () => {
      const response = await gateway().graphql(tokens.admin, '{ me { id mobilePhone } }')
      expect(response.status).toBe(400)
      expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
      expect(response.errors?.[0]?.message).toBe('Cannot query field "mobilePhone" on type "User".')
    })

    it('answers an invalid literal in the document with GRAPHQL_VALIDATION_FAILED, not BAD_USER_INPUT', async () => {
      const unknownEnum = await gateway().graphql(tokens.admin, inlineAdd(KIM, '+1 2065555555', 'pager'))
      expect(unknownEnum.status).toBe(400)
      expect(codes(unknownEnum)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
      expect(unknownEnum.errors?.[0]?.message).toBe('Value "pager" does not exist in "PhoneType" enum.')
    })

    // Armor's cost rule used to read the literal as a page size and answer
    // "Syntax Error: Query Cost limit of 5000 exceeded, found 8589934592."
    it('answers an Int literal out of 32-bit range with the literal’s error alone, not a cost refusal', async () => {
      const response = await gateway().graphql(tokens.admin, '{ users(first: 2147483648) { edges { node { id } } } }')
      expect(response.status).toBe(400)
      expect(response.errors).toEqual([
        expect.objectContaining({ message: 'Int cannot represent non 32-bit signed integer value: 2147483648', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      ])
    })

    it.each([
      ['aliases', `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ')} }`, 'the document uses more than 15 aliases'],
      ['tokens', `{ me { ${'id '.repeat(1000)} } }`, /^the document has more than 1000 tokens/],
      ['directives', `{ me { ${'id @include(if: true) '.repeat(51)} } }`, 'the document uses more than 50 directives'],
      [
        'cost',
        `{ ${['a', 'b', 'c', 'd', 'e'].map((alias) => `${alias}: users(first: 200) { edges { node { id userPrincipalName displayName phoneMethods { id phoneNumber phoneType smsSignInState } } } }`).join(' ')} }`,
        /^the document costs 5005, more than the limit of 5000 /,
      ],
    ])('answers a document over the %s limit with GRAPHQL_VALIDATION_FAILED (400) and that refusal alone', async (_limit, document, message) => {
      const response = await gateway().graphql(tokens.admin, document)
      expect(response.status).toBe(400)
      expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
      expect(response.errors?.[0]?.message).toMatch(message)
      expect(response.data).toBeUndefined()
    })

    it('answers a body that is not JSON with BAD_REQUEST (400) and no parser internals, whatever the Accept header', async () => {
      for (const accept of ['application/json', 'application/graphql-response+json']) {
        const { status, result } = await send(gateway(), { body: '{"query": "{ me { id } }"', headers: { accept } })
        expect(status, accept).toBe(400)
        expect(result.errors).toEqual([{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }])
      }
    })

    it('answers a batch of more than 10 operations with BAD_REQUEST (400) saying the batch is too large', async () => {
      const eleven = JSON.stringify(Array.from({ length: 11 }, () => ({ query: '{ me { id } }' })))
      const { status, result } = await send(gateway(), { body: eleven })
      expect(status).toBe(400)
      expect(result.errors).toEqual([
        { message: 'the batch is too large: it has 11 operations, and a request may carry at most 10', extensions: { code: 'BAD_REQUEST' } },
      ])
    })

    it('answers a body of a type it cannot read with BAD_REQUEST (415)', async () => {
      const { status, result } = await send(gateway(), { body: '{ me { id } }', headers: { 'content-type': 'text/plain' } })
      expect(status).toBe(415)
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_REQUEST'])
      expect(result.errors?.[0]?.message).toMatch(/send application\/json$/)
    })

    it('answers a body too large (413) or without a Content-Length (411) with BAD_REQUEST', async () => {
      const big = JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(1024 * 1024) } })
      const tooLarge = await send(gateway(), { body: big, headers: { 'content-length': String(Buffer.byteLength(big)) } })
      expect(tooLarge.status).toBe(413)
      expect(tooLarge.result.errors).toEqual([{ message: 'the request body may not exceed 1048576 bytes', extensions: { code: 'BAD_REQUEST' } }])
      const chunked = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(JSON.stringify({ query: '{ me { id } }' })))
          controller.close()
        },
      })
      const unmeasured = await send(gateway(), { body: chunked })
      expect(unmeasured.status).toBe(411)
      expect(unmeasured.result.errors).toEqual([{ message: 'a request body must declare its Content-Length', extensions: { code: 'BAD_REQUEST' } }])
    })

    it('answers malformed JSON variables of a GET, and an operationName that picks no operation, with BAD_REQUEST (400)', async () => {
      const get = await send(gateway(), { method: 'GET', body: '', search: '?query=%7Bme%7Bid%7D%7D&variables=%7Bx' })
      expect(get.status).toBe(400)
      expect(get.result.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_REQUEST'])
      const unnamed = await send(gateway(), { body: JSON.stringify({ query: 'query A { me { id } } query B { me { id } }', operationName: 'C' }) })
      expect(unnamed.status).toBe(400)
      expect(unnamed.result.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_REQUEST'])
      expectNoInternals([...(get.result.errors ?? []), ...(unnamed.result.errors ?? [])])
    })
  })

  describe.each(['development', 'production'] as const)('BAD_USER_INPUT and extensions.field in %s', (mode) => {
    const gateway = () => (mode === 'development' ? development : production)
    const expectRefusal = (response: { errors?: WireError[] }, field: string, message: string | RegExp) => {
      expect(response.errors).toHaveLength(1)
      const [error] = response.errors!
      expect(error!.extensions).toEqual({ code: 'BAD_USER_INPUT', field })
      expect(error!.message).toMatch(message)
      expectNoInternals(response.errors)
    }

    const NUMBER_FORMAT = /^Phone number must be "\+<country code> <number>"/
    it.each([
      ['inline', () => [inlineAdd(KIM, '555', 'mobile')]],
      ['in the input variable', () => [ADD, { input: { userId: KIM, phoneNumber: '555', phoneType: 'mobile' } }]],
      ['in a variable of its own', () => ['mutation ($n: String!) { addPhoneMethod(input: { userId: "' + KIM + '", phoneNumber: $n, phoneType: mobile }) { id } }', { n: '555' }]],
    ] as const)('names input.phoneNumber for a number sent %s, and writes nothing', async (_how, request) => {
      const [query, variables] = request() as [string, Record<string, unknown>?]
      expectRefusal(await gateway().graphql(tokens.admin, query, variables), 'input.phoneNumber', NUMBER_FORMAT)
      expect(await gateway().db.client.phoneMethod.count({ where: { tenantId: 'contoso', userId: KIM } })).toBe(0)
    })

    it('names first for a page size out of 1–200, inline or in a variable', async () => {
      expectRefusal(await gateway().graphql(tokens.admin, '{ users(first: 0) { edges { node { id } } } }'), 'first', 'First must be between 1 and 200.')
      expectRefusal(await gateway().graphql(tokens.admin, PAGE, { first: 201 }), 'first', 'First must be between 1 and 200.')
    })

    it('names after for a cursor from elsewhere, inline or in a variable', async () => {
      expectRefusal(await gateway().graphql(tokens.admin, '{ users(after: "bm90LWEtY3Vyc29y") { edges { node { id } } } }'), 'after', /^After is not a cursor/)
      expectRefusal(await gateway().graphql(tokens.admin, PAGE, { after: 'bm90LWEtY3Vyc29y' }), 'after', /^After is not a cursor/)
    })

    it('names the target for an unknown policy target, inline or in a variable, and changes nothing', async () => {
      const group = { id: 'sales', targetType: 'group', isUsableForSignIn: true }
      expectRefusal(
        await gateway().graphql(tokens.policyAdmin, `mutation { updateSmsAuthenticationMethodConfiguration(input: { includeTargets: [{ id: "sales", targetType: group, isUsableForSignIn: true }] }) { id } }`),
        'input.includeTargets.0.id',
        'group targets must be all_users or groups of this tenant; unknown: sales',
      )
      expectRefusal(await gateway().graphql(tokens.policyAdmin, POLICY, { p: { includeTargets: [group] } }), 'input.includeTargets.0.id', /unknown: sales$/)
      // Unknown groups and users are found by the service, in the database: the same paths.
      expectRefusal(
        await gateway().graphql(tokens.policyAdmin, POLICY, { p: { excludeTargets: [{ id: KIM, targetType: 'user' }, { id: 'nobody', targetType: 'user' }] } }),
        'input.excludeTargets.1.id',
        'user targets must be users of this tenant; unknown: nobody',
      )
      const policy = await gateway().graphql(tokens.policyAdmin, '{ smsAuthenticationMethodConfiguration { includeTargets { id } excludeTargets { id } } }')
      expect(policy.data).toEqual({ smsAuthenticationMethodConfiguration: { includeTargets: [{ id: 'all_users' }], excludeTargets: [] } })
    })

    // graphql-jit used to answer `Variable "$phoneType" got invalid value "Mobile"` for both.
    it.each([
      ['$input', ADD, 'input'],
      ['$i', ADD_I, 'i'],
    ])('names the variable the client sent (%s) and the path inside it for a value that does not coerce (400)', async (_name, query, variable) => {
      const response = await gateway().graphql(tokens.admin, query, { [variable]: { userId: KIM, phoneNumber: '+1 2065555555', phoneType: 'Mobile' } })
      expect(response.status).toBe(400)
      const suggestion = mode === 'development' ? ' Did you mean the enum value "mobile"?' : ''
      expectRefusal(
        response,
        `${variable}.phoneType`,
        `Variable "$${variable}" has an invalid value at "${variable}.phoneType": Value "Mobile" does not exist in "PhoneType" enum.${suggestion}`,
      )
      expect(response.errors?.[0]?.message).not.toContain('$phoneType')
      expect(response.data).toBeUndefined()
    })

    it('names the variable for a variable missing, out of Int range, or wrong deep inside a list', async () => {
      expectRefusal(await gateway().graphql(tokens.admin, ADD_I, {}), 'i', 'Variable "$i" of required type "AddPhoneMethodInput!" was not provided.')
      expectRefusal(
        await gateway().graphql(tokens.admin, PAGE, { first: 2147483648 }),
        'first',
        'Variable "$first" has an invalid value: Int cannot represent non 32-bit signed integer value: 2147483648',
      )
      expectRefusal(
        await gateway().graphql(tokens.policyAdmin, POLICY, { p: { excludeTargets: [{ id: KIM, targetType: 'user' }, { id: KIM, targetType: 'person' }] } }),
        'p.excludeTargets.1.targetType',
        /^Variable "\$p" has an invalid value at "p\.excludeTargets\.1\.targetType": Value "person" does not exist in "AuthenticationMethodTargetType" enum\./,
      )
    })
  })

  describe('suggestions of names', () => {
    const GUESSES = [
      ['a field', '{ me { userPrincipalNam } }'],
      ['an argument', '{ users(frist: 1) { edges { node { id } } } }'],
      ['a type', 'mutation ($i: AddPhoneMethodInpt!) { addPhoneMethod(input: $i) { id } }'],
      ['an enum value', inlineAdd(KIM, '+1 2065555555', 'mobil')],
      ['an input field', `mutation { addPhoneMethod(input: { userId: "${KIM}", phoneNumber: "+1 2065555555", phoneTyp: mobile }) { id } }`],
    ] as const
    const VARIABLE_GUESSES = [
      ['an enum value in a variable', { userId: KIM, phoneNumber: '+1 2065555555', phoneType: 'mobil' }],
      ['an input field in a variable', { userId: KIM, phoneNumber: '+1 2065555555', phoneType: 'mobile', phoneTyp: 'mobile' }],
    ] as const
    const messagesOf = async (gateway: TestGateway) => {
      const responses = [
        ...(await Promise.all(GUESSES.map(([, document]) => gateway.graphql(tokens.admin, document)))),
        ...(await Promise.all(VARIABLE_GUESSES.map(([, input]) => gateway.graphql(tokens.admin, ADD, { input })))),
      ]
      return responses.map((response) => response.errors?.map((error) => error.message).join(' ') ?? '')
    }

    it('are made while introspection is on (development): the schema is public anyway', async () => {
      for (const message of await messagesOf(development)) expect(message).toMatch(/Did you mean/)
    })

    it('are never made while introspection is off (production)', async () => {
      expect(await messagesOf(production)).toEqual([
        'Cannot query field "userPrincipalNam" on type "User".',
        'Unknown argument "frist" on field "Query.users".',
        'Unknown type "AddPhoneMethodInpt".',
        'Value "mobil" does not exist in "PhoneType" enum.',
        'Field "AddPhoneMethodInput.phoneType" of required type "PhoneType!" was not provided. Field "phoneTyp" is not defined by type "AddPhoneMethodInput".',
        'Variable "$input" has an invalid value at "input.phoneType": Value "mobil" does not exist in "PhoneType" enum.',
        'Variable "$input" has an invalid value: Field "phoneTyp" is not defined by type "AddPhoneMethodInput".',
      ])
    })
  })

  describe('the rules’ and the gateway’s own codes', () => {
    it('answers a missing or bad token with UNAUTHENTICATED (401, WWW-Authenticate: Bearer)', async () => {
      for (const token of [undefined, 'not-a-jwt']) {
        const response = await development.graphql(token, '{ me { id } }')
        expect(response.status).toBe(401)
        expect(response.headers.get('www-authenticate')).toBe('Bearer')
        expect(codes(response)).toEqual(['UNAUTHENTICATED'])
      }
    })

    it('answers FORBIDDEN, NOT_FOUND, MOBILE_REQUIRED and PHONE_TYPE_ALREADY_EXISTS with their codes (200), each changing nothing', async () => {
      const add = (token: string, userId: string, phoneType: string) =>
        development.graphql(token, ADD, { input: { userId, phoneNumber: '+1 2065555555', phoneType } })
      const lee = people.lee.id
      const forbidden = await add(tokens.kim, KIM, 'mobile')
      expect([forbidden.status, codes(forbidden)]).toEqual([200, ['FORBIDDEN']])
      const notFound = await add(tokens.admin, 'nobody@contoso.com', 'mobile')
      expect([notFound.status, codes(notFound)]).toEqual([200, ['NOT_FOUND']])
      const mobileRequired = await add(tokens.admin, lee, 'alternateMobile')
      expect([mobileRequired.status, codes(mobileRequired)]).toEqual([200, ['MOBILE_REQUIRED']])
      expect(codes(await add(tokens.admin, lee, 'mobile'))).toEqual([])
      const twice = await add(tokens.admin, lee, 'mobile')
      expect([twice.status, codes(twice)]).toEqual([200, ['PHONE_TYPE_ALREADY_EXISTS']])
      const stored = await development.db.client.phoneMethod.findMany({ where: { tenantId: 'contoso', userId: { in: [KIM, lee] } }, select: { userId: true, phoneType: true } })
      expect(stored).toEqual([{ userId: lee, phoneType: 'mobile' }])
    })

    it('answers RATE_LIMITED (429, Retry-After) over the mutation rate limit', async () => {
      const limited = await startGateway(provider, { mutationRateLimit: 1 })
      try {
        const add = () => limited.graphql(tokens.admin, inlineAdd(people.reader.id, '+1 2065555555', 'office'))
        expect(codes(await add())).toEqual([])
        const refused = await add()
        expect([refused.status, codes(refused)]).toEqual([429, ['RATE_LIMITED']])
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      } finally {
        await limited.close()
      }
    })

    it('answers an unexpected failure with a bare INTERNAL_SERVER_ERROR: no SQL, no number, no stack', async () => {
      const trigger =
        provider === 'sqlite'
          ? [`CREATE TRIGGER "error_codes_boom" BEFORE INSERT ON "PhoneMethod" BEGIN SELECT RAISE(ABORT, 'boom ' || NEW."phoneNumber"); END`]
          : [
              `CREATE FUNCTION "error_codes_boom"() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'boom %', NEW."phoneNumber"; END $$ LANGUAGE plpgsql`,
              `CREATE TRIGGER "error_codes_boom" BEFORE INSERT ON "PhoneMethod" FOR EACH ROW EXECUTE FUNCTION "error_codes_boom"()`,
            ]
      // Writes go through a transaction (plain statements use the read-only connections on SQLite).
      const execute = (statements: string[]) =>
        production.db.client.$transaction(async (tx) => {
          for (const statement of statements) await tx.$executeRawUnsafe(statement)
        })
      await execute(trigger)
      try {
        const response = await production.graphql(tokens.admin, inlineAdd(people.globalAdmin.id, '+1 2065550123', 'office'))
        expect(response.errors).toEqual([{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }])
      } finally {
        await execute([`DROP TRIGGER "error_codes_boom"${provider === 'sqlite' ? '' : ' ON "PhoneMethod"'}`])
      }
    })
  })
})

// Fuzzing the HTTP surface through yoga.fetch: random and mutated GraphQL
// documents, random JSON bodies and batches, random headers and methods,
// random phone numbers. Whatever comes in, what goes out is well-formed:
//
// - the HTTP status is one of
//     200  a GraphQL result (data and/or errors)
//     204  OPTIONS: the CORS preflight answer, empty
//     400  the request could not be read as GraphQL (bad JSON, wrong shape, bad
//          multipart, a Content-Length that is not a number, a batch of more
//          than 10), or a document or variables error with `accept: application/graphql-response+json`
//     401  no or a bad bearer token (docs/permissions.md)
//     403  Yoga's CSRF prevention (a request without a preflight header); not
//          expected while every request with a token carries Authorization, allowed
//     405  a method other than GET/POST, or a mutation over GET
//     406  an `accept` the gateway cannot answer in (empty body)
//     411  a body without a Content-Length (the body limit reads the header)
//     413  a body over the limit (docs/limits.md)
//     415  a content-type Yoga cannot read (BAD_REQUEST)
//     429  RATE_LIMITED (off in this harness, allowed)
//   and never a 5xx (the database is up: 503 would be a bug too);
// - a body that is JSON (a result object, or an array of them for a batch),
//   or, when the client asked for them, an event stream or multipart/mixed
//   whose parts are such results; empty only for 204 and 406;
// - every error has a message and a code of docs/errors.md, never
//   INTERNAL_SERVER_ERROR (random input is the client's fault, not a bug),
//   and shows no stack, no file path;
// - 401 carries WWW-Authenticate: Bearer.
// Afterwards the stored phones still satisfy every invariant, and the gateway
// still answers.
import fc from 'fast-check'
import { Lexer, parse, print, Source, TokenKind } from 'graphql'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { mintToken } from '../../src/auth/mint.ts'
import { exampleDocuments } from '../../src/examples/index.ts'
import { startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { checkInvariants, PHONE_METHOD_ID, resultProblem, tally } from '../support/resilience/invariants.ts'
import { people, personaTokens, TEST_SECRET, tokenFor } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const ALLOWED_STATUSES = new Set([200, 204, 400, 401, 403, 405, 406, 411, 413, 415, 429])
const EMPTY_BODY_STATUSES = new Set([204, 406])
const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 400)

interface FuzzRequest {
  method: string
  /** Query string for GET, '' otherwise (or a random one). */
  search: string
  headers: Record<string, string>
  body?: string | Uint8Array
}

// ---------------------------------------------------------------------------
// Documents

/** Every operation of the examples, one document each. */
const EXAMPLE_OPERATIONS = Object.values(exampleDocuments).flatMap((document) => parse(document).definitions.map((definition) => print(definition)))

function tokensOf(document: string): string[] {
  const lexer = new Lexer(new Source(document))
  const tokens: string[] = []
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) tokens.push(document.slice(token.start, token.end))
  return tokens
}
const EXAMPLE_TOKENS = EXAMPLE_OPERATIONS.map(tokensOf)

const VOCABULARY = [
  '{', '}', '(', ')', '[', ']', ':', '!', '$', '@', '...', '=', '|', '&', ',',
  'query', 'mutation', 'subscription', 'fragment', 'on', 'true', 'false', 'null',
  '__typename', '__schema', '__type', 'me', 'user', 'users', 'phoneMethod', 'phoneMethods', 'addPhoneMethod', 'updatePhoneMethod',
  'deletePhoneMethod', 'enableSmsSignIn', 'updateSmsAuthenticationMethodConfiguration', 'smsAuthenticationMethodConfiguration',
  'input', 'userId', 'id', 'phoneNumber', 'phoneType', 'mobile', 'office', 'first', 'after', 'edges', 'node',
  '@include(if: true)', '@skip(if: $x)', '@deprecated', '$x', '0', '-1', '1e309', '3.14', '99999999999999999999',
  '"x"', '"+1 2065555555"', '"""block"""', '"\\u0000"', '"\\uD800"', '"unterminated', '#comment\n', '\u00a0', '\u2028', '\ufeff',
]

const mutationOf = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...VOCABULARY), fc.string({ maxLength: 12, unit: 'binary' })) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.constantFrom(...VOCABULARY) }),
)

/** A valid example operation with a few token-level mutations. */
const mutatedExample = fc
  .tuple(fc.nat({ max: EXAMPLE_TOKENS.length - 1 }), fc.array(mutationOf, { minLength: 1, maxLength: 4 }), fc.constantFrom(' ', '', '\n', '\t,'))
  .map(([index, mutations, separator]) => {
    const tokens = [...EXAMPLE_TOKENS[index]!]
    for (const mutation of mutations) {
      const at = tokens.length === 0 ? 0 : mutation.at % tokens.length
      switch (mutation.kind) {
        case 'delete':
          tokens.splice(at, 1)
          break
        case 'duplicate':
          tokens.splice(at, 0, ...Array.from({ length: mutation.times }, () => tokens[at] ?? '{'))
          break
        case 'swap': {
          const other = tokens.length === 0 ? 0 : mutation.with % tokens.length
          ;[tokens[at], tokens[other]] = [tokens[other]!, tokens[at]!]
          break
        }
        case 'insert':
          tokens.splice(at, 0, mutation.text)
          break
        case 'replace':
          tokens[at] = mutation.text
          break
      }
    }
    return tokens.join(separator)
  })

const deepDocument = fc.tuple(fc.integer({ min: 1, max: 400 }), fc.constantFrom('selection', 'list', 'object', 'fragments', 'parens')).map(([depth, shape]) => {
  switch (shape) {
    case 'selection':
      return `{ ${'users { edges { node { '.repeat(Math.ceil(depth / 3))}id${' } } }'.repeat(Math.ceil(depth / 3))} }`
    case 'list':
      return `{ user(id: ${'['.repeat(depth)}"x"${']'.repeat(depth)}) { id } }`
    case 'object':
      return `mutation { addPhoneMethod(input: ${'{ userId: '.repeat(depth)}"x"${' }'.repeat(depth)}) { id } }`
    case 'fragments':
      return `{ me { ...F0 } } ${Array.from({ length: depth }, (_, i) => `fragment F${i} on User { id ...F${(i + 1) % depth} }`).join(' ')}`
    case 'parens':
      return `${'{'.repeat(depth)}${'}'.repeat(depth)}`
  }
})

const manyAliases = fc
  .tuple(fc.integer({ min: 1, max: 80 }), fc.constantFrom('me { id }', 'users(first: 200) { edges { node { phoneMethods { id } } } }', '__typename', 'smsAuthenticationMethodConfiguration { id }'))
  .map(([count, field]) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`)

const documentArb = fc.oneof(
  { arbitrary: fc.constantFrom(...EXAMPLE_OPERATIONS), weight: 3 },
  { arbitrary: mutatedExample, weight: 8 },
  { arbitrary: fc.string({ maxLength: 300, unit: 'binary' }), weight: 2 },
  { arbitrary: fc.string({ maxLength: 300, unit: 'grapheme' }), weight: 1 },
  { arbitrary: deepDocument, weight: 2 },
  { arbitrary: manyAliases, weight: 2 },
  { arbitrary: fc.integer({ min: 900, max: 3000 }).map((count) => `{ me { ${'id '.repeat(count)} } }`), weight: 1 },
)

// ---------------------------------------------------------------------------
// Phone numbers and the writes that carry them

const VALID_NUMBERS = ['+1 2065555555', '+1 5555551234', '+1 5555551234x123', '+44 2071234567', '+33 612345678', '+81 312345678', '+1 4255550199']
const phoneNumberArb = fc.oneof(
  { arbitrary: fc.constantFrom(...VALID_NUMBERS), weight: 4 },
  {
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 999 }), fc.stringMatching(/^[0-9]{0,20}$/), fc.option(fc.stringMatching(/^[0-9]{0,12}$/)))
      .map(([code, digits, extension]) => `+${code} ${digits}${extension === null ? '' : `x${extension}`}`),
    weight: 4,
  },
  {
    arbitrary: fc.constantFrom(
      '5555551234', '+1-555-555-1234', '+1 555 555 1234', '+1 5555551234x', '+1 123', '+999 5555551234', '+１ ２０６５５５５５５５',
      '+1 ٢٠٦٥٥٥٥٥٥٥', '+1 2065555555\n', ' +1 2065555555', '+44 02071234567', `+1 ${'5'.repeat(70)}`, '', '+', '+1 ', '\u0000',
    ),
    weight: 3,
  },
  { arbitrary: fc.string({ maxLength: 80, unit: 'binary' }), weight: 2 },
)

const userRefArb = fc.oneof(
  fc.constantFrom(people.kim.id, people.lee.id, people.reader.id, people.outsider.id, 'nobody', ''),
  fc.mixedCase(fc.constantFrom(people.kim.userPrincipalName, people.lee.userPrincipalName)),
  fc.string({ maxLength: 40, unit: 'binary' }),
)
const phoneTypeArb = fc.oneof(fc.constantFrom('mobile', 'alternateMobile', 'office'), fc.constantFrom('Mobile', 'fax', '', 'mobile '))
const methodIdArb = fc.oneof(fc.constantFrom(...Object.values(PHONE_METHOD_ID)), fc.string({ maxLength: 40 }))

const ADD = 'mutation Add($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { methodId phoneNumber phoneType smsSignInState } }'
const UPDATE = 'mutation Update($input: UpdatePhoneMethodInput!) { updatePhoneMethod(input: $input) { methodId phoneNumber phoneType smsSignInState } }'

const phoneWriteArb = fc.oneof(
  fc.record({ userId: userRefArb, phoneNumber: phoneNumberArb, phoneType: phoneTypeArb }).map((input) => ({ query: ADD, variables: { input } })),
  fc.record({ userId: userRefArb, methodId: methodIdArb, phoneNumber: phoneNumberArb }).map((input) => ({ query: UPDATE, variables: { input } })),
  // The number inlined into the document instead of a variable.
  fc.tuple(userRefArb, phoneNumberArb, phoneTypeArb).map(([userId, phoneNumber, phoneType]) => ({
    query: `mutation { addPhoneMethod(input: { userId: ${JSON.stringify(userId)}, phoneNumber: ${JSON.stringify(phoneNumber)}, phoneType: ${/^[_A-Za-z][_0-9A-Za-z]*$/.test(phoneType) ? phoneType : JSON.stringify(phoneType)} }) { id phoneNumber smsSignInState } }`,
  })),
)

// ---------------------------------------------------------------------------
// Variables and bodies

const hugeList = fc.tuple(fc.integer({ min: 0, max: 300_000 }), fc.constantFrom('x', 1, null, { a: 1 })).map(([length, item]) => Array.from({ length }, () => item))

const variablesArb = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }), weight: 2 },
  { arbitrary: fc.record({ input: fc.jsonValue({ maxDepth: 4 }) }), weight: 2 },
  { arbitrary: fc.record({ input: fc.record({ userId: hugeList, phoneNumber: phoneNumberArb, phoneType: phoneTypeArb }) }), weight: 1 },
  { arbitrary: fc.record({ x: hugeList }), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
)

const operationArb = fc.oneof(
  { arbitrary: fc.record({ query: documentArb, variables: variablesArb }, { requiredKeys: ['query'] }), weight: 6 },
  { arbitrary: phoneWriteArb, weight: 4 },
  {
    arbitrary: fc.record(
      { query: fc.oneof(documentArb, fc.jsonValue({ maxDepth: 1 })), variables: fc.jsonValue({ maxDepth: 2 }), operationName: fc.oneof(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 1 })), extensions: fc.jsonValue({ maxDepth: 2 }) },
      { requiredKeys: [] },
    ),
    weight: 2,
  },
)

const jsonBodyArb: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { arbitrary: operationArb.map((operation) => JSON.stringify(operation)), weight: 10 },
  { arbitrary: fc.array(fc.oneof(operationArb, fc.jsonValue({ maxDepth: 2 })), { maxLength: 13 }).map((batch) => JSON.stringify(batch)), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'), weight: 2 },
  { arbitrary: operationArb.chain((operation) => fc.nat().map((cut) => { const text = JSON.stringify(operation); return text.slice(0, cut % (text.length + 1)) })), weight: 2 },
  { arbitrary: fc.string({ maxLength: 200, unit: 'binary' }), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 200 }), weight: 1 },
)

// ---------------------------------------------------------------------------
// Headers and methods

const headerText = fc.string({ maxLength: 60, unit: 'binary-ascii' }).map((text) => text.replace(/[\r\n\0]/g, ''))

const contentTypeArb = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 12 },
  {
    arbitrary: fc.constantFrom(
      undefined, 'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/graphql-response+json', 'application/graphql',
      'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'multipart/form-data', 'application/json, text/plain',
      'APPLICATION/JSON', 'application/jsonp', '*/*',
    ),
    weight: 4,
  },
  { arbitrary: headerText, weight: 1 },
)

const acceptArb = fc.oneof(
  { arbitrary: fc.constantFrom(undefined, 'application/json', 'application/graphql-response+json'), weight: 10 },
  {
    arbitrary: fc.constantFrom('*/*', 'text/html', 'text/event-stream', 'multipart/mixed', 'application/json;q=0.1, text/html', 'application/xml', 'application/graphql-response+json; charset=utf-8'),
    weight: 3,
  },
  { arbitrary: headerText, weight: 1 },
)

type Tokens = Awaited<ReturnType<typeof personaTokens>> & { expired: string; foreignTenant: string; wrongSecret: string; unsigned: string; noTenant: string }

function authorizationArb(tokens: Tokens): fc.Arbitrary<string | undefined> {
  const valid = [tokens.admin, tokens.app, tokens.kim, tokens.reader, tokens.authAdmin, tokens.policyAdmin, tokens.outsider]
  const tampered = tokens.admin.slice(0, -4) + (tokens.admin.endsWith('AAAA') ? 'BBBB' : 'AAAA')
  return fc.oneof(
    { arbitrary: fc.constantFrom(...valid).map((token) => `Bearer ${token}`), weight: 14 },
    {
      arbitrary: fc.constantFrom(
        undefined, 'Bearer', 'Bearer ', `bearer ${tokens.admin}`, `Bearer  ${tokens.admin}`, `Bearer ${tokens.admin} extra`, `Basic ${Buffer.from('a:b').toString('base64')}`,
        `Bearer ${tampered}`, `Bearer ${tokens.expired}`, `Bearer ${tokens.foreignTenant}`, `Bearer ${tokens.wrongSecret}`, `Bearer ${tokens.unsigned}`,
        `Bearer ${tokens.noTenant}`, 'Bearer a.b.c', 'Bearer eyJ.eyJ.', `Bearer ${tokens.admin.split('.').slice(0, 2).join('.')}.`,
      ),
      weight: 4,
    },
    { arbitrary: headerText.map((text) => `Bearer ${text}`), weight: 1 },
    { arbitrary: headerText, weight: 1 },
  )
}

function requestArb(tokens: Tokens): fc.Arbitrary<FuzzRequest> {
  const headersArb = fc
    .record({ contentType: contentTypeArb, accept: acceptArb, authorization: authorizationArb(tokens), requestId: fc.option(headerText) })
    .map(({ contentType, accept, authorization, requestId }) => {
      const headers: Record<string, string> = {}
      if (contentType !== undefined) headers['content-type'] = contentType
      if (accept !== undefined) headers.accept = accept
      if (authorization !== undefined) headers.authorization = authorization
      if (requestId !== null) headers['x-request-id'] = requestId
      return headers
    })
  const post = fc.record({ method: fc.constant('POST'), search: fc.constant(''), headers: headersArb, body: jsonBodyArb })
  const searchArb = fc
    .record(
      {
        query: fc.oneof(documentArb, phoneWriteArb.map((write) => write.query)),
        variables: fc.oneof(variablesArb.map((variables) => JSON.stringify(variables) ?? ''), fc.string({ maxLength: 40 })),
        operationName: fc.string({ maxLength: 20 }),
        extensions: fc.oneof(fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)), fc.string({ maxLength: 40 })),
      },
      { requiredKeys: [] },
    )
    .map((params) => `?${new URLSearchParams(params as Record<string, string>).toString()}`)
  const get = fc.record({ method: fc.constant('GET'), search: searchArb, headers: headersArb })
  // The other two body formats Yoga reads: a form, and multipart (GraphQL multipart request spec).
  const form = fc.record({
    method: fc.constant('POST'),
    search: fc.constant(''),
    headers: headersArb.map((headers) => ({ ...headers, 'content-type': 'application/x-www-form-urlencoded' })),
    body: searchArb.map((search) => search.slice(1)),
  })
  const multipart = fc
    .record({
      headers: headersArb,
      operations: fc.oneof(jsonBodyArb.filter((body): body is string => typeof body === 'string'), fc.constant(undefined)),
      map: fc.oneof(fc.constant(undefined), fc.constant('{"0":["variables.input.phoneNumber"]}'), fc.string({ maxLength: 30 })),
      file: fc.boolean(),
    })
    .map(({ headers, operations, map, file }) => {
      const boundary = 'fuzzboundary'
      const part = (name: string, value: string, filename?: string) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: text/plain` : ''}\r\n\r\n${value}\r\n`
      const body =
        (operations === undefined ? '' : part('operations', operations)) +
        (map === undefined ? '' : part('map', map)) +
        (file ? part('0', '+1 2065555555', 'number.txt') : '') +
        `--${boundary}--\r\n`
      return { method: 'POST', search: '', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, body }
    })
  const other = fc.record({
    method: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
    search: fc.oneof(fc.constant(''), searchArb),
    headers: headersArb,
    body: jsonBodyArb,
  }).map((request) => (request.method === 'HEAD' ? { ...request, body: undefined } : request))
  return fc.oneof({ arbitrary: post, weight: 12 }, { arbitrary: get, weight: 3 }, { arbitrary: form, weight: 1 }, { arbitrary: multipart, weight: 1 }, { arbitrary: other, weight: 1 })
}

// ---------------------------------------------------------------------------
// The property

/** The JSON results inside an event stream ("event: next" data lines). */
function eventStreamResults(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter((event) => /^event: next$/m.test(event))
    .map((event) => JSON.parse(event.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n')))
}

/** The JSON results inside a multipart/mixed body. */
function multipartResults(text: string, contentType: string): unknown[] {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1] ?? '-'
  return text
    .split(`--${boundary}`)
    .map((part) => part.split('\r\n\r\n').slice(1).join('\r\n\r\n').trim())
    .filter((body) => body.length > 0)
    .map((body) => JSON.parse(body))
}

/** Why the response is malformed, or undefined. */
async function responseProblem(request: FuzzRequest, response: Response): Promise<string | undefined> {
  const status = response.status
  if (!ALLOWED_STATUSES.has(status)) return `HTTP ${status}`
  if (status === 204 && request.method !== 'OPTIONS') return '204 for a request other than OPTIONS'
  const text = await response.text()
  const contentType = response.headers.get('content-type') ?? ''
  if (status === 401 && response.headers.get('www-authenticate') !== 'Bearer') return '401 without WWW-Authenticate: Bearer'
  if (text === '') return EMPTY_BODY_STATUSES.has(status) || request.method === 'HEAD' ? undefined : `an empty ${status} body`
  let payloads: unknown[]
  try {
    if (contentType.startsWith('text/event-stream')) payloads = eventStreamResults(text)
    else if (contentType.startsWith('multipart/mixed')) payloads = multipartResults(text, contentType)
    else if (/^application\/(graphql-response\+)?json/.test(contentType)) payloads = [JSON.parse(text)]
    else return `content-type ${contentType} for ${status}: ${text.slice(0, 200)}`
  } catch (error) {
    return `unreadable ${contentType} body (${String(error)}): ${text.slice(0, 200)}`
  }
  // A batch (a JSON array body) is answered with an array of results.
  const operations = typeof request.body === 'string' ? (/name="operations"\r\n\r\n([\s\S]*?)\r\n--/.exec(request.body)?.[1] ?? request.body) : ''
  const batch = request.method === 'POST' && operations.trimStart().startsWith('[')
  if (payloads.some(Array.isArray) && !batch) return 'an array answer to a request that was no batch'
  const results = payloads.flat()
  if ((status === 200 || status === 400) && results.length === 0 && !batch) return `no result in ${text.slice(0, 200)}`
  for (const result of results) {
    const problem = resultProblem(result)
    if (problem) return `${status}: ${problem}`
  }
  if (status === 401 && !text.includes('"UNAUTHENTICATED"')) return `401 without UNAUTHENTICATED: ${text.slice(0, 200)}`
  return undefined
}

const describeRequest = (request: FuzzRequest) =>
  JSON.stringify({ ...request, body: typeof request.body === 'string' ? request.body.slice(0, 500) : request.body && `<${request.body.length} bytes>` })

describeOnEachDatabase('fuzzing the HTTP surface on %s', (provider) => {
  let gateway: TestGateway
  let tokens: Tokens
  const seen = { statuses: [] as string[], codes: [] as string[] }

  beforeAll(async () => {
    gateway = await startGateway(provider)
    const personas = await personaTokens()
    const [header, payload] = personas.admin.split('.')
    tokens = {
      ...personas,
      expired: await tokenFor({ sub: people.admin.id, scp: 'UserAuthenticationMethod.ReadWrite.All', wids: [...people.admin.directoryRoles] }, -60),
      foreignTenant: await tokenFor({ tid: 'nowhere', sub: people.admin.id, scp: 'UserAuthenticationMethod.ReadWrite.All', wids: [...people.admin.directoryRoles] }),
      wrongSecret: await mintToken(`${TEST_SECRET}-but-not-quite`, { tid: 'contoso', sub: people.admin.id, scp: 'UserAuthenticationMethod.ReadWrite.All' }),
      unsigned: `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`,
      noTenant: `${header}.${Buffer.from(JSON.stringify({ sub: 'x', exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url')}.${personas.admin.split('.')[2]}`,
    }
  })
  afterAll(async () => {
    console.log(`[fuzz ${provider}] statuses`, tally(seen.statuses), 'error codes', tally(seen.codes))
    await gateway?.close()
  })

  const send = async (request: FuzzRequest) => {
    const response = await gateway.yoga.fetch(`http://gateway.test/graphql${request.search}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD' ? { body: request.body } : {}),
    })
    seen.statuses.push(String(response.status))
    return response
  }

  const check = async (request: FuzzRequest) => {
    const response = await send(request)
    const problem = await responseProblem(request, response.clone())
    const text = await response.text()
    for (const code of text.matchAll(/"code":"([A-Z_]+)"/g)) seen.codes.push(code[1]!)
    if (problem) throw new Error(`${problem}\nrequest: ${describeRequest(request)}\nresponse: ${text.slice(0, 500)}`)
  }

  it('answers random requests (documents, bodies, batches, headers, methods) with well-formed responses only', async () => {
    await fc.assert(fc.asyncProperty(requestArb(tokens), check), { numRuns: NUM_RUNS * 3 })
  }, 60_000)

  it('answers random phone numbers, users and types in addPhoneMethod/updatePhoneMethod well, and stores only valid numbers', async () => {
    const writeArb = fc.tuple(phoneWriteArb, fc.constantFrom(tokens.admin, tokens.app, tokens.authAdmin, tokens.kim, tokens.reader, tokens.outsider))
    await fc.assert(
      fc.asyncProperty(writeArb, async ([write, token]) =>
        check({
          method: 'POST',
          search: '',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
          body: JSON.stringify(write),
        }),
      ),
      { numRuns: NUM_RUNS * 2 },
    )
  }, 60_000)

  // What the fuzzing found, pinned down as plain examples.

  it('answers malformed JSON in the variables or extensions of a GET or form request as a bad request', async () => {
    for (const [method, search, body] of [
      ['GET', '?query=%7Bme%7Bid%7D%7D&variables=%7Bx', undefined],
      ['GET', '?query=%7Bme%7Bid%7D%7D&extensions=%2B', undefined],
      ['POST', '', 'query=%7Bme%7Bid%7D%7D&variables=%7Bx'],
    ] as const) {
      const response = await send({
        method,
        search,
        headers: { authorization: `Bearer ${tokens.admin}`, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body,
      })
      const result = (await response.json()) as { errors?: { extensions?: { code?: string } }[] }
      expect(result.errors?.map((error) => error.extensions?.code), `${method} ${search}${body ?? ''}`).toEqual(['BAD_REQUEST'])
      expect(response.status).toBe(400)
    }
  })

  it('treats a NUL character in a user reference like any unknown user', async () => {
    const user = await gateway.graphql(tokens.admin, 'query($id: String!) { user(id: $id) { id } }', { id: 'kim\u0000@contoso.com' })
    expect(user.errors).toBeUndefined()
    expect(user.data).toEqual({ user: null })
    const method = await gateway.graphql(tokens.admin, `query($id: String!) { phoneMethod(userId: $id, methodId: "${PHONE_METHOD_ID.mobile}") { id } }`, { id: 'a\u0000' })
    expect(method.errors).toBeUndefined()
    expect(method.data).toEqual({ phoneMethod: null })
    const write = await gateway.graphql(tokens.admin, ADD, { input: { userId: 'a\u0000b', phoneNumber: '+1 2065555555', phoneType: 'office' } })
    expect(write.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND'])
    const policy = await gateway.graphql(
      tokens.policyAdmin,
      'mutation($id: String!) { updateSmsAuthenticationMethodConfiguration(input: { excludeTargets: [{ id: $id, targetType: user }] }) { id } }',
      { id: 'a\u0000' },
    )
    expect(policy.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.excludeTargets.0.id' }])
  })

  it('refuses a subscription (the schema has none) as a document that does not fit the schema, alone or beside other operations', async () => {
    for (const body of [{ query: 'subscription Me { me { id } }' }, { query: 'subscription S { me { id } } query Q { me { id } }', operationName: 'S' }]) {
      const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
        body: JSON.stringify(body),
      })
      const result = (await response.json()) as { errors?: { extensions?: { code?: string } }[] }
      expect(result.errors?.map((error) => error.extensions?.code), body.query).toEqual(['GRAPHQL_VALIDATION_FAILED'])
    }
  })

  it('keeps every stored phone valid and every invariant, and still answers, after the fuzzing', async () => {
    expect(await checkInvariants(gateway.db)).toEqual([])
    const response = await gateway.graphql(tokens.admin, '{ me { id } users(first: 10) { edges { node { phoneMethods { id } } } } }')
    expect(response.status).toBe(200)
    expect(response.errors).toBeUndefined()
    expect(response.data?.me.id).toBe(people.admin.id)
    const health = await gateway.yoga.fetch('http://gateway.test/health')
    expect(health.status).toBe(200)
  })
})

// Raw HTTP heads against the real process (development and production):
// generated Host values, request targets, methods, header names and values,
// sent byte for byte over TCP. Whatever arrives, the gateway answers with a
// status it documents, an X-Request-Id and nosniff, a body that shows nothing
// of its insides (no stack, no file path, no SQL, no library's own message),
// and it stays up.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { prepareDatabase } from '../support/resilience/invariants.ts'
import { launchGateway, productionEnv, type LaunchedGateway } from '../support/harness/process.ts'
import { exchangeRaw, head, type RawAnswer } from '../support/harness/raw-http.ts'
import { people, personaTokens, TEST_SECRET, testTenants } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '')
const RUNS = Number(process.env.RAW_HTTP_RUNS ?? 300)

/**
 * Every status the gateway may answer a request head with (README, Errors and
 * docs/security.md): success, the documented refusals, 421 for a host it
 * does not answer to, Node's own 408/431 and 417, and 503 when it sheds load.
 */
const DOCUMENTED_STATUSES = new Set([200, 201, 204, 400, 401, 403, 404, 405, 406, 409, 411, 413, 415, 417, 421, 429, 431, 503])

// What a body of the gateway never contains: its insides.
const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\n\s*at [^\n]*[(:]|\bat (?:new |async )?[\w.<>]+ \(/],
  ['a file path', /(?:node_modules|dist\/main\.js|file:\/\/|\/src\/[\w/-]+\.ts|\.[cm]?[jt]s:\d+)/],
  ['the checkout', new RegExp(REPOSITORY_ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
  ['SQL', /\b(?:SELECT\s.+\sFROM|INSERT INTO|UPDATE\s+"|DELETE FROM|SQLITE_|syntax error at or near)\b|prisma/i],
  ['a library message', /TypeError|RangeError|SyntaxError: |Invalid URL|Cannot read propert|ERR_[A-Z_]{3,}|HPE_[A-Z_]+|undefined is not/],
]

/** What a response's leak check reads: its head and body, but not the GraphiQL page's inlined scripts. */
function leaksIn(answer: RawAnswer): string[] {
  const isGraphiQL = answer.status === 200 && answer.headers['content-type']?.startsWith('text/html')
  const text = isGraphiQL ? answer.raw.slice(0, answer.raw.indexOf('\r\n\r\n')) : answer.raw
  return LEAKS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name)
}

// Printable ASCII and a few bytes that parsers and URL code trip on; never CR or LF, which end a line.
const awkwardChar = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.constantFrom('\t', '\x00', '\x7f', '\xff', '\xc3', '%00', '%2e%2e', '%ff', '\\', '@', '#', '[', ']', ':') },
)
const awkwardText = (maxLength: number) => fc.array(awkwardChar, { maxLength }).map((chars) => chars.join(''))

const hostValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('localhost', '127.0.0.1', '[::1]', 'LOCALHOST', 'localhost:4000', 'localhost.', 'attacker.example', 'auth-api.example.com:443') },
  fc.constantFrom(
    'a b', 'xn--', '[::1', 'a:b:c', 'localhost%00.evil.com', '', ' ', 'a@b', 'localhost/x', 'localhost?x', 'localhost#x',
    '[::1]:99999', 'localhost:-1', '127.1', '..', '.', 'xn--a.xn--', '[fe80::1%25eth0]', 'host\\x', '\xff\xfe',
  ),
  fc.domain(),
  awkwardText(40),
)

// Mostly plain characters: a path that still reaches a route.
const pathTail = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', '', '/', '?', '?query=%7B__typename%7D', '?$select=id', '?select=phoneNumber', '/x', '/..', '?a=%', '#frag') },
  { weight: 1, arbitrary: awkwardText(30) },
)

const PATHS = [
  '/graphql', '/health', '/ready', '/metrics', '/', '/favicon.ico',
  `/v1.0/users/${people.kim.id}/authentication/phoneMethods`, '/beta/me/authentication/phoneMethods',
  '/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/sms', '/beta/users/kim@contoso.com/authentication/signInPreferences',
]
const requestTarget = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...PATHS), pathTail).map(([path, tail]) => path + tail.replaceAll(' ', '%20')) },
  { weight: 2, arbitrary: fc.constantFrom('*', 'http://evil.example/health', 'https://localhost/graphql', 'localhost:443', '//x:y@[', '/graphql?query=%7B__typename%7D', '/%', '/%%', '/\\\\evil.example', '/..%2f..%2fetc/passwd', '/graphql?query={me{id}}&variables=[', '/v1.0/users/%00/authentication/phoneMethods') },
  { weight: 2, arbitrary: awkwardText(60).map((text) => text.replaceAll(' ', '')) },
)

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('GET', 'GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS') },
  fc.constantFrom('PUT', 'TRACE', 'CONNECT', 'PROPFIND', 'SEARCH', 'PURGE', 'QUERY'),
  fc.stringMatching(/^[A-Za-z!#$%&'*+.^_`|~-]{1,12}$/),
)

const headerName = fc.oneof(
  { weight: 16, arbitrary: fc.constantFrom(
    'origin', 'x-request-id', 'client-request-id', 'accept', 'content-type', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-for',
    'forwarded', 'authorization', 'cookie', 'upgrade', 'expect', 'access-control-request-method', 'access-control-request-headers',
    'x-graphql-yoga-csrf', 'range', 'if-none-match', 'accept-encoding', 'graphql-require-preflight',
  ) },
  awkwardText(20).map((name) => name.replaceAll(':', '')),
)

/** Tokens that get a request past authentication, so that generated heads reach the routes too. */
let bearer: string[] = []
const headerValue = (name: string) =>
  name === 'authorization'
    ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...bearer.map((token) => `Bearer ${token}`), 'Bearer', 'Bearer eyJ.x.y', 'Basic YTpi') }, awkwardText(40))
    : fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom('http://localhost:5173', 'https://evil.example', 'null', '100-continue', 'websocket', 'application/json', 'text/html', '*/*', 'https', 'a'.repeat(129), 'trace-1') },
        awkwardText(80),
      )
const header = headerName.chain((name) => headerValue(name.toLowerCase()).map((value) => [name, value] as const))

// Headers that make the server wait for a body these heads do not send.
const WAITS_FOR_BODY = /^\s*(?:content-length|transfer-encoding|connection)\s*$/i

const requestHead = fc
  .record({
    method,
    target: requestTarget,
    version: fc.constantFrom(...Array<string>(12).fill('HTTP/1.1'), 'HTTP/1.0', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 x'),
    host: fc.option(hostValue, { nil: undefined, freq: 8 }),
    headers: fc.array(header, { maxLength: 4 }),
  })
  .map(({ method, target, version, host, headers }) =>
    head(`${method} ${target} ${version}`, [
      ...(host === undefined ? [] : [['Host', host] as const]),
      ...headers.filter(([name]) => !WAITS_FOR_BODY.test(name)),
    ]),
  )

/** Sends RUNS generated heads to the gateway and checks every answer, then that the gateway is still well. */
async function survivesGeneratedHeads(gateway: LaunchedGateway): Promise<void> {
  const statuses = new Map<number, number>()
  await fc.assert(
    fc.asyncProperty(requestHead, async (bytes) => {
      const answer = await exchangeRaw(gateway.url, bytes)
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
      const context = JSON.stringify(bytes)
      expect(DOCUMENTED_STATUSES.has(answer.status), `${context} → ${answer.raw.slice(0, 300)}`).toBe(true)
      expect(answer.headers['x-request-id'], context).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
      expect(answer.headers['x-content-type-options'], context).toBe('nosniff')
      expect(leaksIn(answer), `${context} → ${answer.raw.slice(0, 600)}`).toEqual([])
      expect(gateway.alive()).toBe(true)
    }),
    { numRuns: RUNS },
  )
  // The shape of the run, for whoever reads the log: how often each status came back.
  console.info(`raw HTTP heads: ${RUNS} runs; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`)
  expect(gateway.alive()).toBe(true)
  expect((await fetch(`${gateway.url}/health`)).status).toBe(200)
  // No log line carries a stack or a path either, and nothing went to stderr.
  expect(gateway.stdout.join('\n')).not.toMatch(/\n\s*at [^\n]*\(|node_modules|\.ts:\d+/)
  expect(gateway.stderr.join('\n')).toBe('')
}

beforeAll(async () => {
  bearer = Object.values(await personaTokens()).slice(0, 3)
})

describeOnEachDatabase('raw HTTP heads against the real process in production on %s', (provider) => {
  let scratch: ScratchDatabase
  let gateway: LaunchedGateway | undefined
  beforeAll(async () => {
    scratch = await scratchDatabase(provider)
    await prepareDatabase(scratch.url, testTenants)
    gateway = await launchGateway({ env: productionEnv(scratch.url, { JWT_SECRET: TEST_SECRET }) })
  }, 120_000)
  afterAll(async () => {
    await gateway?.kill9()
    await scratch?.drop()
  })

  it('answers every generated head with a documented status, a request id, nosniff and no leak, and stays up', () => survivesGeneratedHeads(gateway!), 600_000)
})

describe('raw HTTP heads against the real process in development on sqlite', () => {
  let dir: string
  let gateway: LaunchedGateway | undefined
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'raw-http-development-'))
    gateway = await launchGateway({ cwd: dir, env: { NODE_ENV: 'development', DATABASE_URL: `file:${join(dir, 'dev.db')}`, JWT_SECRET: TEST_SECRET } })
  }, 120_000)
  afterAll(async () => {
    await gateway?.kill9()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers every generated head with a documented status, a request id, nosniff and no leak, and stays up', () => survivesGeneratedHeads(gateway!), 600_000)
})

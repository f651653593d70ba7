// The kit as a package (issue 22): `npm pack` in client/ (which builds it),
// the tarball installed into a new app in a temporary directory outside the
// repository, next to the client libraries from the registry (npm's cache
// first), and then the app's own TypeScript, its own vitest and the kit's
// `phone-methods-check` command, run there. No alias and no path into the
// gateway: what a frontend team gets.
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const KIT = join(ROOT, 'client')
const APP_FILES = join(ROOT, 'test', 'fixtures', 'kit-app')
const INSTALL_MS = 600_000

/** The version of a library the gateway's own tests run with: the app gets the same from the registry. */
const versionOf = (name: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version

// npm's settings of an enclosing `npm test` (prefix, workspace, …) are not the app's.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || key === 'npm_config_cache'))

let scratch: string
let app: string

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'kit-app-'))
  app = join(scratch, 'app')
  await run('npm', ['pack', '--pack-destination', scratch], { cwd: KIT, env })
  const tarball = readdirSync(scratch).find((file) => file.endsWith('.tgz'))!
  cpSync(APP_FILES, app, { recursive: true })
  const dependencies = Object.fromEntries(
    ['@apollo/client', '@urql/core', '@urql/exchange-graphcache', '@urql/exchange-persisted', 'graphql', 'graphql-request', 'rxjs'].map((name) => [name, versionOf(name)]),
  )
  const devDependencies = Object.fromEntries(['vitest', 'typescript', '@types/node'].map((name) => [name, versionOf(name)]))
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'scratch-app', private: true, type: 'module', dependencies: { '@phone-methods/client-kit': `file:../${tarball}`, ...dependencies }, devDependencies }, null, 2),
  )
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: app, env })
}, INSTALL_MS)
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

describe('the packed kit in a new app', () => {
  it('ships built modules, declarations, the schema, the manifest and the operations, and no source', () => {
    const installed = join(app, 'node_modules', '@phone-methods', 'client-kit')
    const files = readdirSync(installed, { recursive: true }) as string[]
    expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/mocks.js', 'dist/bin/check.js', 'schema.graphql', 'generated/persisted-documents.json', 'operations/users.graphql']))
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([])
    expect(readFileSync(join(installed, 'dist', 'mocks.js'), 'utf8')).not.toMatch(/\.\.\/src\//)
  })

  it("type-checks under the app's strict TypeScript", async () => {
    await run('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: app, env })
  }, INSTALL_MS)

  it("passes the app's own vitest: both caches over the kit's mocks, every error fixture, no warning", async () => {
    const { stdout } = await run('npx', ['vitest', 'run'], { cwd: app, env: { ...env, NO_COLOR: '1' } })
    expect(stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Tests\s+(\d+) passed \(\1\)/)
  }, INSTALL_MS)

  it('checks the app’s operations: quiet when they validate, naming each one that does not', async () => {
    const quiet = await run('npx', ['phone-methods-check', 'operations'], { cwd: app, env })
    expect([quiet.stdout, quiet.stderr]).toEqual(['', ''])
    const stale = await run('npx', ['phone-methods-check', '--schema', 'node_modules/@phone-methods/client-kit/schema.graphql', 'operations', 'stale-operations'], { cwd: app, env }).then(
      () => expect.fail('the check passed'),
      (error: { code: number; stderr: string }) => error,
    )
    expect(stale.code).toBe(1)
    expect(stale.stderr).toContain('stale-operations/stale.graphql: StaleScreen: Cannot query field "phoneNumbers" on type "User".')
    expect(stale.stderr).not.toContain('PeopleScreen')
  }, INSTALL_MS)
})

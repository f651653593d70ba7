// The npm run commands of README.md, run as a user runs them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTokenVerifier } from '../../src/auth/tokens.ts'
import { openDatabase } from '../../src/db/client.ts'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'
import { runNpmScript } from '../support/harness/process.ts'

const SECRET = 'commands-test-secret-with-at-least-32-chars'

const npmRun = (script: string, args: string[], env: Record<string, string>) => runNpmScript(script, args, { JWT_SECRET: SECRET, ...env })

describe('npm run token', () => {
  it('mints a delegated token that the gateway accepts, with the claims asked for', async () => {
    const { code, stdout } = await npmRun(
      'token',
      ['--tid', 'fabrikam', '--sub', 'u-1', '--scp', 'UserAuthenticationMethod.ReadWrite.All', '--wids', 'r1,r2', '--expires-in', '600'],
      {},
    )
    expect(code).toBe(0)
    const token = stdout.trim()
    const principal = await createTokenVerifier({ jwtSecret: SECRET })(token)
    expect(principal).toMatchObject({ tenantId: 'fabrikam', subjectId: 'u-1', kind: 'user' })
    expect([...principal.scopes]).toEqual(['UserAuthenticationMethod.ReadWrite.All'])
    expect([...principal.directoryRoles]).toEqual(['r1', 'r2'])
    const claims = decodeJwt(token)
    expect(claims.exp! - claims.iat!).toBe(600)
  })

  it('mints app-only tokens, in the demo tenant by default', async () => {
    const { stdout } = await npmRun('token', ['--sub', 'app-1', '--roles', 'UserAuthenticationMethod.ReadWrite.All'], {})
    const principal = await createTokenVerifier({ jwtSecret: SECRET })(stdout.trim())
    expect(principal).toMatchObject({ tenantId: 'contoso', kind: 'app' })
    expect([...principal.appPermissions]).toEqual(['UserAuthenticationMethod.ReadWrite.All'])
  })

  it('refuses to run without --sub, saying so', async () => {
    const { code, stderr } = await npmRun('token', [], {})
    expect(code).not.toBe(0)
    expect(stderr).toContain('--sub is required')
  })
})

describeOnEachDatabase('npm run db:migrate and db:seed on %s', (provider) => {
  let scratch: ScratchDatabase
  let dir: string
  beforeAll(async () => {
    scratch = await scratchDatabase(provider)
    dir = mkdtempSync(join(tmpdir(), 'gateway-seed-'))
  })
  afterAll(async () => {
    await scratch.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('migrates, then has nothing left to do', async () => {
    const first = await npmRun('db:migrate', [], { DATABASE_URL: scratch.url })
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/applied: \d+_init/)
    const second = await npmRun('db:migrate', [], { DATABASE_URL: scratch.url })
    expect(second.stdout).toContain('up to date')
  })

  it('upserts the users of a seed file; a new tenant gets the default SMS policy', async () => {
    const file = join(dir, 'users.json')
    const users = (displayName: string) => ({
      tenants: [
        {
          id: 'northwind',
          users: [
            { id: 'n-1', userPrincipalName: 'Ana@Northwind.example', displayName, directoryRoles: [] },
            { id: 'n-2', userPrincipalName: 'boss@northwind.example', displayName: 'Boss', directoryRoles: ['7be44c8a-adaf-4e2a-84d6-ab2649e08a13'] },
          ],
        },
      ],
    })
    writeFileSync(file, JSON.stringify(users('Ana')))
    expect((await npmRun('db:seed', ['--file', file], { DATABASE_URL: scratch.url })).stdout).toContain('seeded 1 tenant(s), 2 user(s)')
    writeFileSync(file, JSON.stringify(users('Ana Trujillo')))
    expect((await npmRun('db:seed', ['--file', file], { DATABASE_URL: scratch.url })).code).toBe(0)

    const db = await openDatabase({ url: scratch.url })
    try {
      const stored = await db.client.user.findMany({ where: { tenantId: 'northwind' }, orderBy: { id: 'asc' }, include: { directoryRoles: true } })
      expect(stored.map((user) => [user.id, user.displayName, user.userPrincipalNameKey, user.directoryRoles.length])).toEqual([
        ['n-1', 'Ana Trujillo', 'ana@northwind.example', 0],
        ['n-2', 'Boss', 'boss@northwind.example', 1],
      ])
      const policy = await db.client.smsPolicy.findUnique({ where: { tenantId: 'northwind' }, include: { targets: true } })
      expect(policy?.state).toBe('enabled')
      expect(policy?.targets.map((target) => [target.list, target.targetId, target.isUsableForSignIn])).toEqual([['include', 'all_users', true]])
    } finally {
      await db.close()
    }
  })

  it('refuses a malformed seed file with one line naming the problem', async () => {
    const file = join(dir, 'bad.json')
    writeFileSync(file, JSON.stringify({ tenants: [{ id: 'x', users: [{ id: 'a@b', userPrincipalName: 'a@b' }] }] }))
    const { code, stderr } = await npmRun('db:seed', ['--file', file], { DATABASE_URL: scratch.url })
    expect(code).not.toBe(0)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toContain('tenants.0.users.0.id')
  })
})

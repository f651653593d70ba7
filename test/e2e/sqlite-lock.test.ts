// One gateway process per SQLite file, however the file is named: a second
// gateway reaching the same file through a symlink (to the file or to its
// folder) or a path with `..` refuses to start, and the first keeps serving.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchGateway, productionEnv, type LaunchedGateway } from '../support/harness/process.ts'

describe('the SQLite one-process lock', () => {
  let dir: string
  let first: LaunchedGateway

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-lock-'))
    mkdirSync(join(dir, 'data'))
    symlinkSync(join(dir, 'data'), join(dir, 'linked-folder'))
    symlinkSync(join(dir, 'data', 'dev.db'), join(dir, 'linked-file.db'))
    first = await launchGateway({ cwd: dir, env: productionEnv(`file:${join(dir, 'data', 'dev.db')}`) })
  })
  afterAll(async () => {
    await first?.kill9()
    rmSync(dir, { recursive: true, force: true })
  })

  it.each([
    ['a symlink to its folder', () => `file:${join(dir, 'linked-folder', 'dev.db')}`],
    ['a symlink to the file', () => `file:${join(dir, 'linked-file.db')}`],
    ['a path through ..', () => `file:${join(dir, 'data')}/../data/dev.db`],
    ['a relative path', () => 'file:./data/dev.db'],
  ])('refuses a second gateway on the same file through %s', async (_, url) => {
    const refusal = await launchGateway({ cwd: dir, env: productionEnv(url()) }).then(
      (second) => second.kill9().then(() => 'started'),
      (error: Error) => error.message,
    )
    expect(refusal).toMatch(/another gateway process is already serving the SQLite file of DATABASE_URL/)
    expect(first.alive()).toBe(true)
  })

  it('still serves from the first process', async () => {
    expect((await fetch(`${first.url}/ready`)).status).toBe(200)
  })
})

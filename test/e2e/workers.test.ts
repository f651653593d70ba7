// WORKERS=n: `npm start` runs n gateway processes on one port (Node's
// cluster) on PostgreSQL. The primary migrates once and prints the development
// banner once, restarts a worker that dies, and on SIGTERM drains every worker
// and exits 0, also when nobody reads its output any more. On SQLite any value
// but 1 stops the start with one line.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { GATEWAY_BUNDLE, killAll, launchGateway, RESILIENCE_SECRET, type LaunchedGateway } from '../support/harness/process.ts'
import { describeOnPostgres } from '../support/vitest/database-suites.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** The pids of the workers that answered, from the instance label of /metrics (a new connection each time). */
async function servingPids(url: string, requests: number): Promise<Set<string>> {
  const pids = new Set<string>()
  for (let i = 0; i < requests; i++) {
    const text = await (await fetch(`${url}/metrics`, { headers: { connection: 'close' } })).text()
    const pid = /instance="[^"]*:(\d+)"/.exec(text)?.[1]
    if (pid) pids.add(pid)
  }
  return pids
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const said = (gateway: LaunchedGateway, msg: string) => gateway.stdout.filter((line) => line.includes(`"msg":"${msg}"`)).length

describeOnPostgres('WORKERS on PostgreSQL', () => {
  let scratch: ScratchDatabase
  const gateways: LaunchedGateway[] = []
  beforeAll(async () => {
    scratch = await scratchDatabase('postgres')
  })
  afterAll(async () => {
    await killAll(gateways)
    await scratch?.drop()
  })

  it('serves from every worker on one port, migrates and prints the banner once, restarts a dead worker, and drains all on SIGTERM', { timeout: 120_000 }, async () => {
    const gateway = await launchGateway({
      env: { DATABASE_URL: scratch.url, NODE_ENV: 'development', JWT_SECRET: RESILIENCE_SECRET, WORKERS: '2', LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '2000' },
      timeoutMs: 60_000,
    })
    gateways.push(gateway)
    while (said(gateway, 'listening') < 2) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(said(gateway, 'applied migrations')).toBe(1)
    expect(said(gateway, 'seeded the demo tenant')).toBe(1)
    const pids = await servingPids(gateway.url, 12)
    expect(pids.size).toBe(2)
    expect(pids.has(String(gateway.child.pid))).toBe(false)

    // A worker that dies is replaced.
    const [victim] = [...pids].map(Number)
    process.kill(victim!, 'SIGKILL')
    while (said(gateway, 'listening') < 3) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(said(gateway, 'a gateway worker ended: starting another')).toBe(1)
    const after = await servingPids(gateway.url, 12)
    expect(after.has(String(victim))).toBe(false)
    expect(after.size).toBe(2)
    expect(gateway.stdout.filter((line) => line.startsWith('Authorization: Bearer ')).length).toBe(1)

    // Nobody reads the output any more, then SIGTERM: every worker drains and the primary exits 0.
    gateway.child.stdout!.destroy()
    gateway.child.stderr!.destroy()
    expect(await gateway.terminate()).toEqual({ code: 0, signal: null })
    for (const pid of after) expect(alive(Number(pid)), `worker ${pid}`).toBe(false)
  })
})

describe('WORKERS on SQLite', () => {
  it('stops the start with one line naming WORKERS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workers-sqlite-'))
    try {
      const child = spawn(process.execPath, [GATEWAY_BUNDLE], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: `file:${join(dir, 'x.db')}`, WORKERS: '2', JWT_SECRET: RESILIENCE_SECRET, PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.stdout.resume()
      expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(1)
      expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('WORKERS must be 1 on SQLite')])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

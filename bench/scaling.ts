// npm run bench:scaling [-- --processes 1,2,3 --seconds 10 --connections 32 --workloads R1,W1 --rounds 2 --warmup 3]
// Throughput of R1 and W1 against 1, 2, 3… gateway processes (`WORKERS=n`,
// Node's cluster, one port) on one PostgreSQL database: how far more
// processes carry before the single PostgreSQL primary (or the machine) is the
// limit. The process counts take turns within each round, so a noisy machine
// weighs on all of them alike; read the ratios to one process, not the
// absolute numbers. PostgreSQL at --postgres-url / $BENCH_POSTGRES_URL
// (default postgresql://postgres@127.0.0.1:5432/postgres).
import { spawn, type ChildProcess } from 'node:child_process'
import { cpus } from 'node:os'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { mintToken } from '../src/auth/mint.ts'
import { ADMIN, ADMIN_SCOPES, generateDataset, PAA_ROLE, TENANT } from './lib/dataset.ts'
import { prepareDatabase } from './lib/databases.ts'
import { headersFor } from './lib/measure.ts'
import { freePort } from './lib/processes.ts'
import { planWorkload, type WorkloadName } from './lib/workloads.ts'

const { values } = parseArgs({
  options: {
    processes: { type: 'string', default: '1,2,3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    workloads: { type: 'string', default: 'R1,W1' },
    rounds: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '3' },
    users: { type: 'string', default: '10000' },
    'postgres-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
  },
})
const counts = values.processes.split(',').map(Number)
const workloads = values.workloads.split(',') as WorkloadName[]
const seconds = Number(values.seconds)
const connections = Number(values.connections)
const SECRET = 'bench-scaling-secret-of-at-least-32-characters'

interface Gateway {
  url: string
  child: ChildProcess
}

async function startGateway(databaseUrl: string, workers: number): Promise<Gateway> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--max-old-space-size=128', 'dist/main.js'], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, JWT_SECRET: SECRET, PORT: String(port), MUTATION_RATE_LIMIT: '0', LOG_LEVEL: 'warn', WORKERS: String(workers), AUDIT_PURGE: 'off' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  })
  const url = `http://127.0.0.1:${port}`
  // Ready when every worker answers: as many distinct pids on /metrics as workers.
  const pids = new Set<string>()
  for (let attempt = 0; pids.size < workers; attempt++) {
    if (attempt > 600) throw new Error(`${workers} gateway processes did not start`)
    try {
      const text = await (await fetch(`${url}/metrics`, { headers: { connection: 'close' } })).text()
      const pid = /instance="[^"]*:(\d+)"/.exec(text)?.[1]
      if (pid) pids.add(pid)
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  return { url, child }
}

async function stop(gateway: Gateway): Promise<void> {
  const exited = new Promise((resolve) => gateway.child.once('exit', resolve))
  process.kill(-gateway.child.pid!, 'SIGTERM')
  await exited
}

const dataset = generateDataset({ users: Number(values.users) })
const db = await prepareDatabase('postgres', dataset, 'scaling', { postgresUrl: values['postgres-url'], keep: false })
const token = await mintToken(SECRET, { tid: TENANT, sub: ADMIN.id, scp: ADMIN_SCOPES, wids: [PAA_ROLE] }, 12 * 3600)
const results = new Map<string, number[]>()
try {
  for (let round = 0; round < Number(values.rounds); round++) {
    // The order rotates round by round.
    const order = counts.map((_, i) => counts[(i + round) % counts.length]!)
    for (const workers of order) {
      const gateway = await startGateway(db.url, workers)
      try {
        // Each process compiles its code and fills its caches on its own: warm them all before measuring.
        await autocannon({ url: `${gateway.url}/graphql`, method: 'POST', headers: headersFor(token), connections, duration: Number(values.warmup), ...planWorkload('R1', dataset).load(connections) })
        for (const workload of workloads) {
          const plan = planWorkload(workload, dataset)
          const result = await autocannon({
            url: `${gateway.url}/graphql`,
            method: 'POST',
            headers: headersFor(token),
            connections,
            duration: seconds,
            ...plan.load(connections),
          })
          const errors = result.errors + result.non2xx + result.timeouts
          const key = `${workload} ${workers}`
          results.set(key, [...(results.get(key) ?? []), errors > 0 ? NaN : result.requests.average])
          process.stdout.write(`round ${round + 1}: ${workload} with ${workers} process(es): ${result.requests.average.toFixed(0)} req/s${errors ? ` (${errors} errors: invalid)` : ''}\n`)
          if (plan.writes) await db.removeW1Leftovers()
        }
      } finally {
        await stop(gateway)
      }
    }
  }
} finally {
  await db.close()
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
process.stdout.write(`\n${cpus().length} CPUs; ${values.users} users; ${connections} connections; ${seconds} s × ${values.rounds} rounds (median)\n`)
process.stdout.write(`| workload | ${counts.map((n) => `${n} process${n > 1 ? 'es' : ''}`).join(' | ')} |\n|---|${counts.map(() => '---').join('|')}|\n`)
for (const workload of workloads) {
  const base = median(results.get(`${workload} ${counts[0]}`) ?? [NaN])
  const cells = counts.map((n) => {
    const value = median(results.get(`${workload} ${n}`) ?? [NaN])
    return `${value.toFixed(0)} req/s (×${(value / base).toFixed(2)})`
  })
  process.stdout.write(`| ${workload} | ${cells.join(' | ')} |\n`)
}
process.exit(0)

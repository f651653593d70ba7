// One measured run: autocannon over loopback against one server, with what
// the server process used meanwhile (CPU, peak RSS, event-loop utilisation,
// GC time, SQL statements) and what else the machine was doing.
import autocannon from 'autocannon'
import {
  cpuSecondsOf,
  machineCpu,
  memoryOf,
  postgresCpuBetween,
  postgresCpuByPid,
  resetPeakRss,
  type ServerProcess,
} from './processes.ts'
import type { Sample, WorkloadPlan } from './workloads.ts'

export interface RunStats {
  requests: number
  seconds: number
  rps: number
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number }
  /** Non-2xx answers, connection errors, timeouts, and 2xx answers carrying GraphQL errors. */
  failures: { non2xx: number; errors: number; timeouts: number; graphqlErrors: number; firstBadBody?: string }
  statementsPerRequest: number | null
  peakRssBytes: number
  /** RSS when the run started (what the process holds idle, after the previous runs). */
  startRssBytes: number
  /** Whether the peak was read from VmHWM reset at the start of the run (else: the highest 200 ms sample). */
  peakFromHwm: boolean
  /** CPU used during the run, in cores (1 = one core busy all the time). */
  cpu: { server: number; loadGenerator: number; postgres: number; machine: number; other: number }
  /** Share of wall time the server's event loop was busy, and spent in GC. */
  eventLoopUtilization: number | null
  gcShare: number | null
}

export const valid = (stats: RunStats) =>
  stats.failures.non2xx + stats.failures.errors + stats.failures.timeouts + stats.failures.graphqlErrors === 0 && stats.requests > 0

interface ControlStats {
  pid: number
  statements: number
  gcMs: number
  elu: { idle: number; active: number }
}

async function getJson<T>(url: string): Promise<T | undefined> {
  try {
    const response = await fetch(url)
    return response.ok ? ((await response.json()) as T) : undefined
  } catch {
    return undefined
  }
}

/** Statements so far, as the server counts them: the floor its own, the others at their drivers. */
async function statementsOf(server: ServerProcess): Promise<number | undefined> {
  if (server.kind === 'floor') return (await getJson<{ statements: number }>(`${server.url}/stats`))?.statements
  return (await getJson<ControlStats>(`${server.controlUrl}/stats`))?.statements
}

export const headersFor = (token: string) => ({
  'content-type': 'application/json',
  accept: 'application/json',
  authorization: `Bearer ${token}`,
})

export interface LoadSettings {
  connections: number
  seconds: number
  /** Sample the PostgreSQL server processes' CPU too. */
  postgres: boolean
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

export async function drive(server: ServerProcess, token: string, plan: WorkloadPlan, settings: LoadSettings): Promise<RunStats> {
  const control0 = await getJson<ControlStats>(`${server.controlUrl}/stats`)
  const statements0 = await statementsOf(server)
  const hwmReset = resetPeakRss(server.pid)
  const startRss = memoryOf(server.pid).rss
  let sampledPeak = startRss
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, memoryOf(server.pid).rss)
  }, 200)
  const serverCpu0 = cpuSecondsOf(server.pid)
  const postgres0 = settings.postgres ? postgresCpuByPid() : new Map<number, number>()
  const machine0 = machineCpu()
  const self0 = process.cpuUsage()
  const started = performance.now()

  let latencies = new Float64Array(1 << 16)
  let count = 0
  let graphqlErrors = 0
  let firstBadBody: string | undefined
  const instance = autocannon({
    url: `${server.url}/graphql`,
    method: 'POST',
    headers: headersFor(token),
    connections: settings.connections,
    duration: settings.seconds,
    timeout: 10,
    verifyBody: (body) => {
      if (!body.includes('"errors"')) return true
      graphqlErrors++
      firstBadBody ??= body.slice(0, 600)
      return false
    },
    ...plan.load(settings.connections),
  })
  instance.on('response', (_client, _status, _bytes, responseTime: number) => {
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2)
      grown.set(latencies)
      latencies = grown
    }
    latencies[count++] = responseTime
  })
  const result = await instance
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)

  const self1 = process.cpuUsage(self0)
  const machine1 = machineCpu()
  const serverCpu = (cpuSecondsOf(server.pid) - serverCpu0) / seconds
  const postgres = settings.postgres ? postgresCpuBetween(postgres0, postgresCpuByPid()) / seconds : 0
  const loadGenerator = (self1.user + self1.system) / 1e6 / seconds
  const machine = (machine1.busy - machine0.busy) / seconds
  const memory = memoryOf(server.pid)
  const statements1 = await statementsOf(server)
  const control1 = await getJson<ControlStats>(`${server.controlUrl}/stats`)

  const sorted = latencies.slice(0, count).sort()
  let sum = 0
  for (const value of sorted) sum += value
  let eventLoopUtilization: number | null = null
  let gcShare: number | null = null
  if (control0 && control1) {
    const active = control1.elu.active - control0.elu.active
    const idle = control1.elu.idle - control0.elu.idle
    eventLoopUtilization = active + idle > 0 ? active / (active + idle) : null
    gcShare = (control1.gcMs - control0.gcMs) / (seconds * 1000)
  }
  return {
    requests: count,
    seconds,
    rps: count / seconds,
    latencyMs: {
      mean: count ? sum / count : 0,
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? 0,
    },
    failures: { non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, graphqlErrors, firstBadBody },
    statementsPerRequest: statements0 !== undefined && statements1 !== undefined && count > 0 ? (statements1 - statements0) / count : null,
    peakRssBytes: hwmReset ? Math.max(memory.hwm, sampledPeak) : sampledPeak,
    peakFromHwm: hwmReset,
    startRssBytes: startRss,
    cpu: { server: serverCpu, loadGenerator, postgres, machine, other: Math.max(0, machine - serverCpu - loadGenerator - postgres) },
    eventLoopUtilization,
    gcShare,
  }
}

export interface Answer {
  status: number
  text: string
}

export async function send(server: ServerProcess, token: string, body: string): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: headersFor(token), body })
  return { status: response.status, text: await response.text() }
}

export async function sendAll(server: ServerProcess, token: string, samples: Sample[]): Promise<Answer[]> {
  const answers: Answer[] = []
  for (const sample of samples) answers.push(await send(server, token, sample.body))
  return answers
}

/** One server's answers to the sample requests. */
export interface Answers {
  /** How the report names the server ("gateway", "floor", …). */
  name: string
  answers: Answer[]
}

/**
 * The same JSON from both servers, compared after parsing (key order
 * included: both follow the query's selection order), and no errors from
 * either.
 */
export function compareAnswers(samples: Sample[], reference: Answers, other: Answers): string[] {
  const problems: string[] = []
  const canonical = (text: string) => {
    try {
      return JSON.stringify(JSON.parse(text))
    } catch {
      return text
    }
  }
  samples.forEach((sample, i) => {
    const a = reference.answers[i]!
    const b = other.answers[i]!
    for (const [name, answer] of [[reference.name, a], [other.name, b]] as const) {
      if (answer.status !== 200 || answer.text.includes('"errors"')) problems.push(`${sample.label}: the ${name} answered ${answer.status} ${answer.text.slice(0, 300)}`)
    }
    if (canonical(a.text) !== canonical(b.text)) {
      const width = Math.max(reference.name.length, other.name.length) + 1
      problems.push(
        `${sample.label}: the answers differ\n  ${`${reference.name}:`.padEnd(width)} ${a.text.slice(0, 400)}\n  ${`${other.name}:`.padEnd(width)} ${b.text.slice(0, 400)}`,
      )
    }
  })
  return problems
}

export interface StatementTrace {
  label: string
  /** As the server counts them (the floor: its own counter; the others: at their drivers). */
  perRequest: number
  /** As counted at the drivers by the preload (for the floor, a cross-check of its own counter). */
  driverPerRequest: number
  /** The SQL run for one request (text → times per request). */
  sql: Record<string, number>
}

/** Statements per request of each kind, counted while the requests run one at a time. */
export async function countStatements(server: ServerProcess, token: string, groups: Sample[][]): Promise<StatementTrace[]> {
  const traces: StatementTrace[] = []
  for (const group of groups) {
    await fetch(`${server.controlUrl}/trace/start`, { method: 'POST' })
    const before = await statementsOf(server)
    for (const sample of group) {
      const answer = await send(server, token, sample.body)
      if (answer.status !== 200 || answer.text.includes('"errors"')) {
        throw new Error(`${server.kind} ${sample.label}: ${answer.status} ${answer.text.slice(0, 300)}`)
      }
    }
    const after = await statementsOf(server)
    const traced = (await (await fetch(`${server.controlUrl}/trace/stop`, { method: 'POST' })).json()) as Record<string, number>
    const sql = Object.fromEntries(Object.entries(traced).map(([text, n]) => [text, n / group.length]))
    traces.push({
      label: group[0]?.label ?? '?',
      perRequest: before !== undefined && after !== undefined ? (after - before) / group.length : NaN,
      driverPerRequest: Object.values(sql).reduce((sum, n) => sum + n, 0),
      sql,
    })
  }
  return traces
}

export async function startProfile(server: ServerProcess): Promise<void> {
  await fetch(`${server.controlUrl}/profile/start?interval=250`, { method: 'POST' })
}

export async function stopProfile(server: ServerProcess, path: string): Promise<void> {
  await fetch(`${server.controlUrl}/profile/stop?path=${encodeURIComponent(path)}`, { method: 'POST' })
}

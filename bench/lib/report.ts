// The results of one `npm run bench`, as a table on the terminal and as
// bench/RESULTS.md. The "What each lever bought" section of an existing
// bench/RESULTS.md (between its markers) is kept across runs: it is written by hand.
import { existsSync, readFileSync } from 'node:fs'
import { SERVER_NAMES, type ServerName } from './lineup.ts'
import type { RunStats, StatementTrace } from './measure.ts'
import type { ProfileSummary } from './profile.ts'
import { formatProfile } from './profile.ts'
import type { WorkloadName } from './workloads.ts'
import { DESCRIPTIONS, SEARCH_PAGE } from './workloads.ts'

export type Provider = 'sqlite' | 'postgres'
export const PROVIDER_NAME: Record<Provider, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' }

export const TARGETS: Record<WorkloadName, number> = { R1: 0.5, R2: 0.5, W1: 0.5 }
export const SCALE_TARGETS = { r1: 1.3, keyset: 1.5, search: 1.5, r2RssBytes: 200 * 1024 * 1024 }

export interface ServerRuns {
  runs: RunStats[]
  statements: StatementTrace[]
  /**
   * The naive peer's and the baseline gateway's own problems (answers unlike
   * the gateway's, errors under load): they void only the ratio against that
   * server. The gateway's and the floor's are the workload's `problems`.
   */
  problems?: string[]
}

/** The servers the gateway is compared with. */
export type Rival = Exclude<ServerName, 'gateway'>
export const RIVALS: readonly Rival[] = ['floor', 'naive', 'baseline']

/** The gateway's req/s over the rival's, and the same per CPU-second of each server; null (NaN before JSON) when invalid. */
export type WorkloadRatios = Partial<Record<Rival, { rps: number; perCpu: number }>>

export interface WorkloadResult {
  workload: WorkloadName
  /** Why the workload is not comparable (the gateway's or the floor's answers differ or have errors, errors under load); empty when valid. */
  problems: string[]
  gateway: ServerRuns
  floor: ServerRuns
  /** The naive peer (R1 and W1, unless --no-naive). */
  naive?: ServerRuns
  /** The gateway of the --ab-gateway checkout. */
  baseline?: ServerRuns
  /** Written into results.json from the runs (see ratiosOf). */
  ratios?: WorkloadRatios
  profiles?: Partial<Record<ServerName, ProfileSummary>> & { files: string[] }
}

export interface ProviderResult {
  provider: Provider
  skipped?: string
  seedSeconds?: number
  notes?: string[]
  /** The Node.js version each server ran on ("v24.22.3"). */
  nodes?: Partial<Record<ServerName, string>>
  workloads: WorkloadResult[]
}

export interface LatencyProbe {
  /** Mean, p50, p99 in ms, one connection. */
  mean: number
  p50: number
  p99: number
  rps: number
  valid: boolean
}

export interface ScaleResult {
  provider: Provider
  skipped?: string
  datasets: {
    label: string
    users: number
    phoneRows: number
    seedSeconds: number
    problems: string[]
    /** auditEvents' newest page, of the tenant and of one user: the gateway only (the floor has no audit reads). */
    gateway: { r1: LatencyProbe; firstPage: LatencyProbe; lastPage: LatencyProbe; auditPage?: LatencyProbe; auditPageOfUser?: LatencyProbe }
    floor: { r1: LatencyProbe; firstPage: LatencyProbe; lastPage: LatencyProbe }
  }[]
}

/** Which name a search probe's prefix matches. */
export type SearchProbeKind = 'userPrincipalName' | 'displayName'

/** users(search:) first pages at 10,000 users against 1,000,000 (gateway only: the floor has no search). */
export interface SearchScaleResult {
  provider: Provider
  skipped?: string
  datasets: {
    label: string
    users: number
    seedSeconds: number
    problems: string[]
    probes: { kind: SearchProbeKind; search: string; matches: number; latency: LatencyProbe }[]
  }[]
}

export interface BenchResults {
  startedAt: string
  finishedAt: string
  command: string
  short: boolean
  machine: {
    cpu: string
    cores: number
    memoryGiB: number
    kernel: string
    node: string
    sqlite: string
    postgres: string
    git: string
    loadAverageStart: number[]
    loadAverageEnd: number[]
  }
  settings: {
    users: number
    phoneRows: number
    connections: number
    seconds: number
    warmupSeconds: number
    rounds: number
    logLevel: string
    scaleSeconds: number
    gatewayCommand?: string
    nodeFlags?: string
    /** Whether the naive peer ran (R1 and W1). */
    naive?: boolean
    /** The --ab-gateway checkout: its directory and commit, and the Node bin directory (--ab-node) and flags (--ab-node-flags) it ran with. */
    abGateway?: { dir: string; checkout: string; nodeBin?: string; nodeFlags?: string }
    /** The --gateway-dir checkout, when the gateway measured is not this one's. */
    gatewayDir?: { dir: string; checkout: string }
  }
  providers: ProviderResult[]
  scale: ScaleResult[]
  searchScale: SearchScaleResult[]
}

// ---------------------------------------------------------------- numbers ----

export const median = (values: number[]) => {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const fmt = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const mb = (bytes: number) => `${fmt(bytes / (1024 * 1024), 0)} MB`
const pct = (share: number | null) => (share === null || Number.isNaN(share) ? '–' : `${Math.round(share * 100)}%`)

export interface Summary {
  rps: number
  /** Requests per CPU-second of the server process: what a request costs, whatever else the machine was doing. */
  rpsPerCpu: number
  p50: number
  p99: number
  statements: number | null
  peakRss: number
  cpu: number
  loadGenerator: number
  other: number
  elu: number | null
  gc: number | null
  valid: boolean
}

export function summarize(runs: RunStats[]): Summary {
  const valid = runs.length > 0 && runs.every((run) => run.failures.non2xx + run.failures.errors + run.failures.timeouts + run.failures.graphqlErrors === 0)
  const nullable = (values: (number | null)[]) => {
    const present = values.filter((value): value is number => value !== null)
    return present.length ? median(present) : null
  }
  return {
    rps: median(runs.map((run) => run.rps)),
    rpsPerCpu: median(runs.map((run) => (run.cpu.server > 0 ? run.rps / run.cpu.server : NaN))),
    p50: median(runs.map((run) => run.latencyMs.p50)),
    p99: median(runs.map((run) => run.latencyMs.p99)),
    statements: nullable(runs.map((run) => run.statementsPerRequest)),
    peakRss: Math.max(0, ...runs.map((run) => run.peakRssBytes)),
    cpu: median(runs.map((run) => run.cpu.server)),
    loadGenerator: median(runs.map((run) => run.cpu.loadGenerator)),
    other: median(runs.map((run) => run.cpu.other)),
    elu: nullable(runs.map((run) => run.eventLoopUtilization)),
    gc: nullable(runs.map((run) => run.gcShare)),
    valid,
  }
}

/** Whether the rival took part in the workload and nothing voids the comparison with it. */
function comparable(result: WorkloadResult, rival: Rival): result is WorkloadResult & Record<Rival, ServerRuns> {
  const other = result[rival]
  return other !== undefined && result.problems.length === 0 && (other.problems ?? []).length === 0
}

/** The same ratio, per CPU-second of each server: less sensitive to a shared, busy machine. */
export function cpuRatioOf(result: WorkloadResult, rival: Rival = 'floor'): number {
  if (!comparable(result, rival)) return NaN
  return summarize(result.gateway.runs).rpsPerCpu / summarize(result[rival].runs).rpsPerCpu
}

/** The gateway's req/s over the rival's (the floor unless named); NaN when invalid. */
export function ratioOf(result: WorkloadResult, rival: Rival = 'floor'): number {
  if (!comparable(result, rival)) return NaN
  const gateway = summarize(result.gateway.runs)
  const other = summarize(result[rival].runs)
  if (!gateway.valid || !other.valid) return NaN
  return gateway.rps / other.rps
}

/** Every ratio of the workload, for results.json. */
export function ratiosOf(result: WorkloadResult): WorkloadRatios {
  const present = RIVALS.filter((rival) => result[rival] !== undefined)
  return Object.fromEntries(present.map((rival) => [rival, { rps: ratioOf(result, rival), perCpu: cpuRatioOf(result, rival) }]))
}

const mark = (ok: boolean) => (ok ? '✓' : '✗')

type ScaleDataset = ScaleResult['datasets'][number]

/**
 * The two scale ratios of one server: R1 at 1M rows against 10k, and the last
 * users page against the first. NaN (invalid) when a probe behind it had
 * errors or the datasets' answers differed from the floor's: a ratio of
 * failing runs measures the failure, not the server.
 */
function scaleRatios(small: ScaleDataset, large: ScaleDataset, server: 'gateway' | 'floor') {
  const sound = small.problems.length === 0 && large.problems.length === 0
  const ratio = (a: LatencyProbe, b: LatencyProbe) => (sound && a.valid && b.valid ? a.mean / b.mean : NaN)
  return {
    r1: ratio(large[server].r1, small[server].r1),
    keyset: ratio(large[server].lastPage, large[server].firstPage),
  }
}

/** A scale check whose probes all ran without errors, on answers equal to the floor's. */
export function scaleValid(scale: ScaleResult): boolean {
  const [small, large] = scale.datasets
  if (scale.skipped || !small || !large) return true
  return (['gateway', 'floor'] as const).every((server) => Object.values(scaleRatios(small, large, server)).every((ratio) => !Number.isNaN(ratio)))
}

/** A search scale check whose probes all ran without errors. */
export function searchScaleValid(search: SearchScaleResult): boolean {
  return search.skipped !== undefined || searchRatios(search).every(({ ratio }) => !Number.isNaN(ratio))
}

/** A benchmark run whose every ratio (against the floor, the naive peer, the baseline) was measured on clean runs with equal answers. */
export function benchValid(results: BenchResults): boolean {
  return (
    results.providers.every((p) => p.workloads.every((w) => Object.values(ratiosOf(w)).every(({ rps }) => !Number.isNaN(rps)))) &&
    results.scale.every(scaleValid) &&
    results.searchScale.every(searchScaleValid)
  )
}

/** "1.12 ✓" against a target (a ceiling), or "invalid". */
const judgedRatio = (ratio: number, ceiling: number | undefined) =>
  Number.isNaN(ratio) ? 'invalid' : `${ratio.toFixed(2)}${ceiling === undefined ? '' : ` ${mark(ratio <= ceiling)}`}`

/** Per probe kind: the first page's mean at 1M users against 10k (NaN, like scaleRatios, when either run failed). */
function searchRatios(result: SearchScaleResult) {
  const [small, large] = result.datasets
  if (!small || !large) return []
  const sound = small.problems.length === 0 && large.problems.length === 0
  return small.probes.flatMap((probe) => {
    const other = large.probes.find((candidate) => candidate.kind === probe.kind)
    if (!other) return []
    const ratio = sound && probe.latency.valid && other.latency.valid ? other.latency.mean / probe.latency.mean : NaN
    return [{ kind: probe.kind, small: probe, large: other, ratio }]
  })
}

// ------------------------------------------------------------------ table ----

/** A column of the terminal table: its title, its width, its cell. */
type Column = [string, number, (w: WorkloadResult) => string]

const p50p99 = (runs: ServerRuns) => {
  const summary = summarize(runs.runs)
  return `${fmt(summary.p50, 1)}/${fmt(summary.p99, 1)}`
}

/** One value per server, "/"-separated: the gateway's, the floor's and (when shown) the naive peer's, "–" where it was not measured. */
const perServer = (w: WorkloadResult, naive: boolean, value: (runs: ServerRuns) => string, separator = '/') =>
  [w.gateway, w.floor, ...(naive ? [w.naive] : [])].map((runs) => (runs && runs.runs.length > 0 ? value(runs) : '–')).join(separator)

/** The workload's problems and those of its naive peer and baseline, each named. */
function allProblems(w: WorkloadResult): string[] {
  return [...w.problems, ...(['naive', 'baseline'] as const).flatMap((rival) => (w[rival]?.problems ?? []).map((problem) => `${rival}: ${problem}`))]
}

/**
 * The same-run A/B of --ab-gateway, one line per provider: this gateway's
 * req/s and req/s per CPU-second over those of the gateway at the other
 * checkout, measured in the same alternating rounds.
 */
function abNotes(provider: ProviderResult, ab: BenchResults['settings']['abGateway']): string[] {
  const measured = provider.workloads.filter((w) => w.baseline)
  if (!ab || measured.length === 0) return []
  const parts = measured.map((w) => {
    const ratio = ratioOf(w, 'baseline')
    if (Number.isNaN(ratio)) return `${w.workload} invalid`
    const [self, base] = [summarize(w.gateway.runs), summarize(w.baseline!.runs)]
    return (
      `${w.workload} ${fmt(self.rps)} / ${fmt(base.rps)} req/s ×${ratio.toFixed(2)} (per CPU-second ×${fmt(cpuRatioOf(w, 'baseline'), 2)}; ` +
      `peak RSS ${mb(self.peakRss)} / ${mb(base.peakRss)})`
    )
  })
  const how = [provider.nodes?.baseline && `on Node ${provider.nodes.baseline}`, ab.nodeFlags && `with \`${ab.nodeFlags}\``].filter(Boolean).join(' ')
  return [`A/B: this gateway / gateway at ${ab.checkout}${how ? ` ${how}` : ''}: ${parts.join(', ')}`]
}


export function terminalTable(results: BenchResults): string {
  const lines: string[] = []
  for (const provider of results.providers) {
    lines.push(`\n${PROVIDER_NAME[provider.provider]}${provider.skipped ? ` — skipped: ${provider.skipped}` : ''}`)
    if (provider.skipped) continue
    const naive = provider.workloads.some((w) => w.naive)
    const ratio = (w: WorkloadResult, rival: Rival) => {
      const value = ratioOf(w, rival)
      return w[rival] === undefined ? '–' : Number.isNaN(value) ? 'INVALID' : value.toFixed(2)
    }
    const naiveColumns: Column[] = [
      ['naive req/s', 12, (w) => (w.naive ? fmt(summarize(w.naive.runs).rps) : '–')],
      ['gw/naive', 9, (w) => ratio(w, 'naive')],
      ['per-CPU', 7, (w) => fmt(cpuRatioOf(w, 'naive'), 2)],
    ]
    const columns: Column[] = [
      ['gw req/s', 9, (w) => fmt(summarize(w.gateway.runs).rps)],
      ['floor req/s', 12, (w) => fmt(summarize(w.floor.runs).rps)],
      ['ratio', 7, (w) => ratio(w, 'floor')],
      ['per-CPU', 7, (w) => fmt(cpuRatioOf(w), 2)],
      ...(naive ? naiveColumns : []),
      ['gw p50/p99 ms', 15, (w) => p50p99(w.gateway)],
      ['floor p50/p99', 15, (w) => p50p99(w.floor)],
      [`SQL/req gw/fl${naive ? '/nv' : ''}`, naive ? 18 : 14, (w) => perServer(w, naive, (runs) => fmt(summarize(runs.runs).statements, 1))],
      [`RSS gw/fl${naive ? '/nv' : ''}`, naive ? 22 : 15, (w) => perServer(w, naive, (runs) => mb(summarize(runs.runs).peakRss))],
    ]
    lines.push(['workload'.padEnd(8), ...columns.map(([title, width]) => title.padStart(width))].join(' '))
    for (const w of provider.workloads) {
      lines.push([w.workload.padEnd(8), ...columns.map(([, width, cell]) => cell(w).padStart(width))].join(' '))
      for (const problem of allProblems(w)) lines.push(`  ! ${problem}`)
    }
    for (const note of [...abNotes(provider, results.settings.abGateway), ...(provider.notes ?? [])]) lines.push(`  ${note}`)
  }
  for (const scale of results.scale) {
    if (scale.skipped) {
      lines.push(`\nscale ${PROVIDER_NAME[scale.provider]}: skipped: ${scale.skipped}`)
      continue
    }
    const [small, large] = scale.datasets
    if (!small || !large) continue
    for (const server of ['gateway', 'floor'] as const) {
      const { r1, keyset } = scaleRatios(small, large, server)
      lines.push(
        `scale ${PROVIDER_NAME[scale.provider]} ${server}: R1 mean ${fmt(small[server].r1.mean, 2)} ms at ${small.label} → ${fmt(large[server].r1.mean, 2)} ms at ${large.label} (×${judgedRatio(r1, undefined)}); ` +
          `users last/first page ${fmt(large[server].lastPage.mean, 2)}/${fmt(large[server].firstPage.mean, 2)} ms (×${judgedRatio(keyset, undefined)})`,
      )
    }
  }
  for (const search of results.searchScale) {
    if (search.skipped) {
      lines.push(`\nsearch scale ${PROVIDER_NAME[search.provider]}: skipped: ${search.skipped}`)
      continue
    }
    for (const { kind, small, large, ratio } of searchRatios(search)) {
      lines.push(
        `search scale ${PROVIDER_NAME[search.provider]} gateway, ${kind} prefix: first page ${fmt(small.latency.mean, 2)} ms at ${search.datasets[0]!.label} → ` +
          `${fmt(large.latency.mean, 2)} ms at ${search.datasets[1]!.label} (×${ratio.toFixed(2)})`,
      )
    }
  }
  return lines.join('\n')
}

// --------------------------------------------------------------- markdown ----

const LEVERS_START = '<!-- levers:start -->'
const LEVERS_END = '<!-- levers:end -->'

function leversSection(previousPath: string, results: BenchResults): string {
  if (existsSync(previousPath)) {
    const previous = readFileSync(previousPath, 'utf8')
    const start = previous.indexOf(LEVERS_START)
    const end = previous.indexOf(LEVERS_END)
    if (start >= 0 && end > start) return previous.slice(start, end + LEVERS_END.length)
  }
  const baseline = (provider: Provider) => {
    const p = results.providers.find((entry) => entry.provider === provider)
    return (['R1', 'R2', 'W1'] as const).map((name) => {
      const w = p?.workloads.find((entry) => entry.workload === name)
      return w ? fmt(ratioOf(w), 2) : '–'
    })
  }
  const [sr1, sr2, sw1] = baseline('sqlite')
  const [pr1, pr2, pw1] = baseline('postgres')
  return [
    LEVERS_START,
    'Each row: one change to the gateway, measured with a full `npm run bench` right after it; the ratios are gateway/floor from that run (SQLite · PostgreSQL).',
    '',
    '| # | lever | R1 | R2 | W1 | R2 peak RSS | notes |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| 0 | baseline (${results.startedAt.slice(0, 10)}) | ${sr1} · ${pr1} | ${sr2} · ${pr2} | ${sw1} · ${pw1} | | naive Yoga + Pothos + Prisma |`,
    '',
    LEVERS_END,
  ].join('\n')
}

function providerTable(provider: ProviderResult, abGateway: BenchResults['settings']['abGateway']): string[] {
  const lines = [
    `### ${PROVIDER_NAME[provider.provider]}`,
    '',
  ]
  if (provider.skipped) return [...lines, `Skipped: ${provider.skipped}`, '']
  const naive = provider.workloads.some((w) => w.naive)
  const servers = `gateway · floor${naive ? ' · naive' : ''}`
  lines.push(
    '| workload | gateway req/s | floor req/s | ratio gateway/floor (target) | ratio per server CPU-second | ' +
      (naive ? 'naive req/s | ratio gateway/naive (per server CPU-second) | naive p50 / p99 ms | ' : '') +
      `gateway p50 / p99 ms | floor p50 / p99 ms | SQL statements / request (${servers}) | peak RSS (${servers}) | server CPU, cores (${servers}) | ` +
      `event loop busy (${servers}) | GC share of wall time (${servers}) |`,
    `| --- | ---: | ---: | ---: | ---: | ${naive ? '---: | ---: | ---: | ' : ''}---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
  )
  for (const w of provider.workloads) {
    const g = summarize(w.gateway.runs)
    const f = summarize(w.floor.runs)
    const n = w.naive && summarize(w.naive.runs)
    const ratio = ratioOf(w)
    const target = TARGETS[w.workload]
    const naiveRatio = ratioOf(w, 'naive')
    const each = (value: (summary: Summary) => string) => perServer(w, naive, (runs) => value(summarize(runs.runs)), ' · ')
    lines.push(
      `| ${w.workload} | ${fmt(g.rps)} | ${fmt(f.rps)} | ${Number.isNaN(ratio) ? '**invalid**' : `**${ratio.toFixed(2)}** ${mark(ratio >= target)} (≥ ${target})`} | ${fmt(cpuRatioOf(w), 2)} | ` +
        (naive
          ? `${n ? fmt(n.rps) : '–'} | ${!n ? '–' : Number.isNaN(naiveRatio) ? '**invalid**' : `**${naiveRatio.toFixed(2)}** (${fmt(cpuRatioOf(w, 'naive'), 2)})`} | ` +
            `${n ? `${fmt(n.p50, 2)} / ${fmt(n.p99, 2)}` : '–'} | `
          : '') +
        `${fmt(g.p50, 2)} / ${fmt(g.p99, 2)} | ${fmt(f.p50, 2)} / ${fmt(f.p99, 2)} | ${each((x) => fmt(x.statements, 1))} | ` +
        `${each((x) => mb(x.peakRss))} | ${each((x) => fmt(x.cpu, 2))} | ${each((x) => pct(x.elu))} | ${each((x) => pct(x.gc))} |`,
    )
  }
  lines.push('')
  for (const w of provider.workloads) for (const problem of allProblems(w)) lines.push(`- **${w.workload} invalid**: ${problem.replace(/\n/g, ' ')}`)
  for (const note of [...abNotes(provider, abGateway), ...(provider.notes ?? [])]) lines.push(`- ${note}`)
  lines.push('')
  return lines
}

function runsTable(results: BenchResults): string[] {
  const lines = [
    '| provider | workload | server | round | requests | req/s | mean / p50 / p90 / p99 / max ms | failures | SQL/req | RSS at start → peak | CPU: server · load generator · PostgreSQL · other (cores) |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const provider of results.providers) {
    for (const w of provider.workloads) {
      for (const server of SERVER_NAMES) {
        w[server]?.runs.forEach((run, i) => {
          const failures = run.failures.non2xx + run.failures.errors + run.failures.timeouts + run.failures.graphqlErrors
          const l = run.latencyMs
          lines.push(
            `| ${PROVIDER_NAME[provider.provider]} | ${w.workload} | ${server} | ${i + 1} | ${fmt(run.requests)} | ${fmt(run.rps)} | ` +
              `${fmt(l.mean, 2)} / ${fmt(l.p50, 2)} / ${fmt(l.p90, 2)} / ${fmt(l.p99, 2)} / ${fmt(l.max, 1)} | ${failures} | ${fmt(run.statementsPerRequest, 2)} | ` +
              `${mb(run.startRssBytes)} → ${mb(run.peakRssBytes)}${run.peakFromHwm ? '' : '*'} | ${fmt(run.cpu.server, 2)} · ${fmt(run.cpu.loadGenerator, 2)} · ${fmt(run.cpu.postgres, 2)} · ${fmt(run.cpu.other, 2)} |`,
          )
        })
      }
    }
  }
  return lines
}

function statementsSection(results: BenchResults): string[] {
  const lines: string[] = []
  const sqlRows = (trace: StatementTrace | undefined) =>
    Object.entries(trace?.sql ?? {})
      .sort((a, b) => b[1] - a[1])
      .map(([sql, n]) => `| ${fmt(n, 2)} | \`${sql.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 400)}\` |`)
  for (const provider of results.providers) {
    for (const w of provider.workloads) {
      for (const trace of w.gateway.statements) {
        const traces = SERVER_NAMES.flatMap((server) => {
          const found = w[server]?.statements.find((entry) => entry.label === trace.label)
          return found ? [{ server, trace: found }] : []
        })
        lines.push(
          `<details><summary>${PROVIDER_NAME[provider.provider]} ${w.workload} ${trace.label}: ` +
            `${traces.map(({ server, trace }) => `${server} ${fmt(trace.perRequest, 1)}`).join(', ')} statements per request</summary>`,
          '',
          ...traces.flatMap(({ server, trace }) => [`| per request | SQL (${server}) |`, '| ---: | --- |', ...sqlRows(trace), '']),
          '</details>',
          '',
        )
      }
    }
  }
  return lines
}

function scaleSection(results: BenchResults): string[] {
  if (results.scale.length === 0) return ['Not run (`--short` or `--no-scale`).', '']
  const lines: string[] = []
  const probe = (p: LatencyProbe) => `${fmt(p.mean, 2)} / ${fmt(p.p50, 2)} / ${fmt(p.p99, 2)}${p.valid ? '' : ' **invalid**'}`
  lines.push(
    'One connection, so that latency is the service time of one request; R1 picks users uniformly over the whole tenant. Both datasets are served at the same time ' +
      '(a gateway and a floor on each) and the probes alternate between them in 3 slices; times are the medians over the slices of mean / p50 / p99, in ms.',
    '',
    '| provider | server | R1 at 10,000 phone rows | R1 at 1,000,000 phone rows | ratio of means (target ≤ 1.3) | `users(first: 100)` first page (1M rows) | last page (1M rows) | ratio last/first (target ≤ 1.5) | first page, 1M rows vs 10k (not a target) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  )
  for (const scale of results.scale) {
    if (scale.skipped) {
      lines.push(`| ${PROVIDER_NAME[scale.provider]} | skipped: ${scale.skipped} | | | | | | | |`)
      continue
    }
    const [small, large] = scale.datasets
    if (!small || !large) continue
    for (const server of ['gateway', 'floor'] as const) {
      const { r1, keyset } = scaleRatios(small, large, server)
      const judged = server === 'gateway'
      lines.push(
        `| ${PROVIDER_NAME[scale.provider]} | ${server} | ${probe(small[server].r1)} | ${probe(large[server].r1)} | ${judgedRatio(r1, judged ? SCALE_TARGETS.r1 : undefined)} | ` +
          `${probe(large[server].firstPage)} | ${probe(large[server].lastPage)} | ${judgedRatio(keyset, judged ? SCALE_TARGETS.keyset : undefined)} | ` +
          `×${(large[server].firstPage.mean / small[server].firstPage.mean).toFixed(2)} |`,
      )
    }
  }
  lines.push('')
  for (const scale of results.scale) {
    for (const dataset of scale.datasets) {
      lines.push(
        `- ${PROVIDER_NAME[scale.provider]}, ${dataset.label}: ${fmt(dataset.users)} users, ${fmt(dataset.phoneRows)} phone rows, seeded in ${fmt(dataset.seedSeconds, 1)} s; ` +
          `users(first: 100) first / last page: gateway ${fmt(dataset.gateway.firstPage.mean, 2)} / ${fmt(dataset.gateway.lastPage.mean, 2)} ms, ` +
          `floor ${fmt(dataset.floor.firstPage.mean, 2)} / ${fmt(dataset.floor.lastPage.mean, 2)} ms.`,
      )
      for (const problem of dataset.problems) lines.push(`  - **invalid**: ${problem.replace(/\n/g, ' ')}`)
    }
  }
  lines.push('')
  return lines
}

function searchScaleSection(results: BenchResults): string[] {
  if (results.searchScale.length === 0) return ['Not run (`--short`, `--no-scale` or `--scale-checks` without `search`).', '']
  const probe = (p: LatencyProbe) => `${fmt(p.mean, 2)} / ${fmt(p.p50, 2)} / ${fmt(p.p99, 2)}${p.valid ? '' : ' **invalid**'}`
  const lines = [
    `\`users(search: $search, first: ${SEARCH_PAGE})\` { edges { cursor node { id userPrincipalName displayName } } pageInfo }, gateway only (the floor has no search). ` +
      'Each dataset gets two prefixes that match as many of its users as the other dataset\'s do: one of userPrincipalName (its index range stops after the page) and one of displayName (its range reads every match, to order them by userPrincipalName); ' +
      'one connection, both datasets served at once, the probes alternating in 3 slices; medians over the slices of mean / p50 / p99, in ms.',
    '',
    '| provider | prefix of | at 10,000 users: search (matches) | first page | at 1,000,000 users: search (matches) | first page | ratio of means (target ≤ 1.5) |',
    '| --- | --- | --- | ---: | --- | ---: | ---: |',
  ]
  for (const search of results.searchScale) {
    if (search.skipped) {
      lines.push(`| ${PROVIDER_NAME[search.provider]} | skipped: ${search.skipped} | | | | | |`)
      continue
    }
    for (const { kind, small, large, ratio } of searchRatios(search)) {
      lines.push(
        `| ${PROVIDER_NAME[search.provider]} | ${kind} | \`${small.search}\` (${fmt(small.matches)}) | ${probe(small.latency)} | ` +
          `\`${large.search}\` (${fmt(large.matches)}) | ${probe(large.latency)} | ${judgedRatio(ratio, SCALE_TARGETS.search)} |`,
      )
    }
  }
  lines.push('')
  for (const search of results.searchScale) {
    for (const dataset of search.datasets) {
      lines.push(`- ${PROVIDER_NAME[search.provider]}, ${dataset.label}: seeded in ${fmt(dataset.seedSeconds, 1)} s.`)
      for (const problem of dataset.problems) lines.push(`  - **invalid**: ${problem.replace(/\n/g, ' ')}`)
    }
  }
  lines.push('')
  return lines
}

function targetsSection(results: BenchResults): string[] {
  const lines: string[] = []
  for (const provider of results.providers) {
    if (provider.skipped) continue
    const parts = provider.workloads.map((w) => {
      const ratio = ratioOf(w)
      return `${w.workload} ${Number.isNaN(ratio) ? 'invalid' : `${ratio.toFixed(2)} ${mark(ratio >= TARGETS[w.workload])}`}`
    })
    const naive = provider.workloads
      .filter((w) => w.naive)
      .map((w) => `${w.workload} ${Number.isNaN(ratioOf(w, 'naive')) ? 'invalid' : ratioOf(w, 'naive').toFixed(2)}`)
    lines.push(
      `- ${PROVIDER_NAME[provider.provider]} (ratio gateway/floor, target ≥ 0.5${provider.provider === 'postgres' ? ', reported' : ''}): ${parts.join(', ')}` +
        (naive.length > 0 ? `; gateway/naive (what the levers bought, not a target): ${naive.join(', ')}` : ''),
    )
    const r2 = provider.workloads.find((w) => w.workload === 'R2')
    if (r2) {
      const rss = summarize(r2.gateway.runs).peakRss
      lines.push(`- ${PROVIDER_NAME[provider.provider]} gateway peak RSS under R2: ${mb(rss)} ${mark(rss < SCALE_TARGETS.r2RssBytes)} (target < 200 MB)`)
    }
  }
  for (const scale of results.scale) {
    const [small, large] = scale.datasets
    if (scale.skipped || !small || !large) continue
    const { r1, keyset } = scaleRatios(small, large, 'gateway')
    lines.push(
      `- ${PROVIDER_NAME[scale.provider]} scale: R1 at 1M vs 10k phone rows ×${judgedRatio(r1, SCALE_TARGETS.r1)} (≤ 1.3); last vs first page ×${judgedRatio(keyset, SCALE_TARGETS.keyset)} (≤ 1.5)`,
    )
  }
  for (const scale of results.scale) {
    const [small, large] = scale.datasets
    if (scale.skipped || !small?.gateway.auditPage || !large?.gateway.auditPage) continue
    const tenant = large.gateway.auditPage.mean / small.gateway.auditPage.mean
    const ofUser = large.gateway.auditPageOfUser!.mean / small.gateway.auditPageOfUser!.mean
    lines.push(
      `- ${PROVIDER_NAME[scale.provider]} scale: auditEvents(first: 50) at 1M vs 10k events ×${tenant.toFixed(2)} ${mark(tenant <= SCALE_TARGETS.keyset)}, ` +
        `filtered by targetUserId ×${ofUser.toFixed(2)} ${mark(ofUser <= SCALE_TARGETS.keyset)} (≤ 1.5; ` +
        `${fmt(small.gateway.auditPage.mean, 2)} → ${fmt(large.gateway.auditPage.mean, 2)} ms and ${fmt(small.gateway.auditPageOfUser!.mean, 2)} → ${fmt(large.gateway.auditPageOfUser!.mean, 2)} ms)`,
    )
  }
  for (const search of results.searchScale) {
    const ratios = searchRatios(search)
    if (search.skipped || ratios.length === 0) continue
    const parts = ratios.map(({ kind, ratio }) => `${kind} prefix ×${judgedRatio(ratio, SCALE_TARGETS.search)}`)
    lines.push(`- ${PROVIDER_NAME[search.provider]} search scale, first page at 1M vs 10k users (≤ 1.5): ${parts.join(', ')}`)
  }
  return lines
}

function profilesSection(results: BenchResults): string[] {
  const lines: string[] = []
  for (const provider of results.providers) {
    for (const w of provider.workloads) {
      if (!w.profiles) continue
      for (const server of SERVER_NAMES) {
        const profile = w.profiles[server]
        if (profile) lines.push(formatProfile(`${PROVIDER_NAME[provider.provider]} ${w.workload}: ${server}`, profile, server === 'gateway' ? 15 : 10))
      }
      lines.push(`Profiles: ${w.profiles.files.map((file) => `\`${file}\``).join(', ')}`, '')
    }
  }
  return lines
}

/**
 * The command line as a reader can repeat it: directories of this machine
 * (an --ab-gateway checkout, say) and database URLs, which may carry a
 * password, become placeholders.
 */
export function withoutMachinePaths(command: string): string {
  return command
    .replace(/(^|[\s=])postgres(?:ql)?:\/\/\S+/g, '$1<postgres-url>')
    .replace(/(^|[\s=])(?:~|\.{1,2})?\/\S*/g, '$1<dir>')
}

/** Which Node the figures are on: the harness's, unless a server ran on another (--ab-node). */
function nodeLine(results: BenchResults): string {
  const harness = results.machine.node
  const servers = new Map<string, string>()
  for (const provider of results.providers) for (const [name, node] of Object.entries(provider.nodes ?? {})) servers.set(name, node)
  const others = [...servers].filter(([, node]) => node !== harness)
  if (others.length === 0) return `every figure below was measured on Node ${harness}`
  return `every figure below was measured on Node ${harness} (the harness, autocannon) except: ${others.map(([name, node]) => `${name} on Node ${node}`).join(', ')}`
}

export function markdown(results: BenchResults, previousPath: string, notes: string[] = []): string {
  const m = results.machine
  const s = results.settings
  const lines = [
    '# Benchmark: the gateway against the floor of its stack',
    '',
    '<!-- Written by `npm run bench` (bench/run.ts). Everything but the "What each lever bought" section is regenerated on every run. -->',
    '',
    `- **Command**: \`${withoutMachinePaths(results.command)}\``,
    `- **When**: ${results.startedAt} → ${results.finishedAt}; code at ${m.git}`,
    `- **Node**: ${nodeLine(results)}`,
    `- **Machine**: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.kernel}; Node ${m.node}, SQLite ${m.sqlite} (better-sqlite3), ${m.postgres}`,
    `- **Shared machine**: other workers were running on it (load average ${m.loadAverageStart.map((x) => x.toFixed(2)).join(' ')} at the start, ` +
      `${m.loadAverageEnd.map((x) => x.toFixed(2)).join(' ')} at the end; the "other" CPU column of the runs below is what the rest of the machine used meanwhile). ` +
      'Absolute numbers move with that; quote the **ratios**, measured in the same run, with the servers taking turns.',
    `- **Data**: tenant \`contoso\`, ${fmt(s.users)} users with 1–3 phones each (${fmt(s.phoneRows)} phone rows), one Privileged Authentication Administrator whose token (scopes \`UserAuthenticationMethod.ReadWrite.All Policy.ReadWrite.AuthenticationMethod\`) every request carries, the default SMS policy.`,
    `- **Load**: autocannon over loopback, ${s.connections} connections, ${s.seconds} s per run after a ${s.warmupSeconds} s warm-up per server and workload, ${s.rounds} round(s) with the order of the servers rotating (each takes every place in turn); the table shows medians over the rounds. Gateway: started with \`${s.gatewayCommand ?? 'tsx src/main.ts'}\`, \`NODE_ENV=production\`, \`LOG_LEVEL=${s.logLevel}\`, \`MUTATION_RATE_LIMIT=0\`, every other limit and rule at its default${s.nodeFlags ? `; node flags for every server: \`${s.nodeFlags}\`` : ''}.`,
    ...(s.naive ? ['- **Naive peer**: measured on R1 and W1 beside the gateway and the floor; gateway/naive is what the levers bought against the same stack left at its defaults (not a target).'] : []),
    ...(s.gatewayDir ? [`- **Gateway checkout**: the gateway measured is another checkout's, at ${s.gatewayDir.checkout}, not this checkout's.`] : []),
    ...(s.abGateway
      ? [
          `- **A/B**: the gateway of another checkout, at ${s.abGateway.checkout}` +
            `${s.abGateway.nodeBin ? ' (on another Node: see the Node line)' : ''}${s.abGateway.nodeFlags ? `, with \`${s.abGateway.nodeFlags}\`` : ''}, ` +
            'measured in the same rounds, on every workload; its ratios are the "A/B" line under each provider\'s table.',
        ]
      : []),
    ...notes.map((note) => `- ${note}`),
    '',
    '## Results',
    '',
    ...results.providers.flatMap((provider) => providerTable(provider, results.settings.abGateway)),
    '### Targets',
    '',
    ...targetsSection(results),
    '',
    '## Scale',
    '',
    ...scaleSection(results),
    '### Search: `users(search:)` at 1,000,000 users against 10,000',
    '',
    ...searchScaleSection(results),
    '## What each lever bought',
    '',
    leversSection(previousPath, results),
    '',
    '## Workloads',
    '',
    ...(['R1', 'R2', 'W1'] as const).map((name) => `- **${name}**: ${DESCRIPTIONS[name]}.`),
    '',
    '## How it is measured',
    '',
    '- The servers run as separate processes on the same freshly seeded database, with the same JWT secret, and are measured one at a time: the gateway started the way a user starts it (`npm start`, which builds and runs `dist/main.js`, unless `--gateway-command` says otherwise), the floor with `node_modules/.bin/tsx bench/floor/server.ts`.',
    '- **Floor** (`bench/floor/server.ts`): node:http + graphql-js `execute` over the gateway\'s own `schema.graphql`, a parse+validate cache keyed by the query text, jose HS256 verification with the same checks (signature, `exp`, `tid`), the same authorization decisions and rules, raw better-sqlite3 prepared statements or a pg pool (10 connections, like the gateway\'s default) with named statements, one IN query for the phones of all users of a request, the SMS policy read once per request. Before a workload is measured, every server answers the same sample requests and its JSON must be identical to the gateway\'s; a run with any non-2xx answer, connection error, timeout or GraphQL `errors` in a body counts as invalid.',
    '- **Naive peer** (`bench/naive/server.ts`, R1 and W1 only): a textbook GraphQL Yoga + Pothos + Prisma server, run with tsx from source: no graphql-jit, no DataLoader, no caches (jose `jwtVerify` on every request, the SMS policy read with Prisma for every mobile), Prisma model queries only (`findUnique` with `include: { phoneMethods: true }`; each write an interactive `$transaction` that bumps the user\'s version, checks the rules, reads the policy, inserts or deletes, and inserts the same audit row as the floor), the official adapters as their READMEs set them up (`PrismaBetterSqlite3({ url })`, `PrismaPg` with a pool of 10). Its sample answers must equal the gateway\'s, like the floor\'s; a difference or an error under load makes the run invalid.',
    '- **A/B gateway** (`--ab-gateway DIR`): the gateway of another checkout, started the same way in DIR, on the same PostgreSQL database, or on SQLite on a page-for-page copy of the seeded file (a gateway refuses a SQLite file another gateway serves); measured in the same rotating rounds on every workload, its answers compared with this gateway\'s.',
    '- **SQL statements per request**: counted where the drivers run them — every better-sqlite3 `Statement#run/get/all/iterate` and `Database#exec`, every pg `Client#query`, BEGIN and COMMIT included — by a module preloaded into the server process (`bench/support/preload.mjs`); the floor also counts its own (the two agree). The table divides the statements run during the measured runs by the requests answered; the per-request SQL lists below come from sequential sample requests.',
    '- **Peak RSS**: of the node process that runs the server (tsx runs the script in a child process; the preload reports its pid): `VmHWM` from `/proc/<pid>/status`, reset at the start of each run by writing 5 to `/proc/<pid>/clear_refs` (a `*` marks runs where that failed and the highest 200 ms sample of `VmRSS` is shown).',
    '- **Ratio per server CPU-second**: (gateway req/s ÷ gateway CPU cores used) ÷ (floor req/s ÷ floor CPU cores used): what a request costs each server, which moves much less than req/s when other work on the machine takes CPU away from one run and not the other. The targets are judged on the plain ratio, as the issue states them.',
    '- **CPU**: from `/proc` during each run: the server process, the harness itself (autocannon, the load generator, shares the 2 cores), the PostgreSQL server processes (all of them: other workers\' tests may use the same server), and the rest of the machine. **Event loop busy** is the server\'s event-loop utilisation, **GC** its time in garbage collection, both from the preload.',
    '',
    '## All runs',
    '',
    ...runsTable(results),
    '',
    '## What the gateway sends to the database',
    '',
    ...statementsSection(results),
    ...(results.providers.some((p) => p.workloads.some((w) => w.profiles)) ? ['## CPU profiles of the servers under load', '', ...profilesSection(results)] : []),
  ]
  return `${lines.join('\n')}\n`
}

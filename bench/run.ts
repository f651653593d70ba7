// `npm run bench`: the gateway against the floor of its stack (ISSUE 7).
//
//   tsx bench/run.ts [--short] [--providers sqlite,postgres] [--workloads R1,R2,W1]
//                    [--connections 16] [--duration 10] [--warmup 3] [--rounds 2]
//                    [--users 10000] [--no-scale] [--scale-only] [--scale-checks rows,search]
//                    [--scale-providers sqlite,postgres]
//                    [--scale-duration 5] [--log-level warn] [--cpu-prof]
//                    [--postgres-url postgresql://postgres@127.0.0.1:5432/postgres]
//                    [--out bench/RESULTS.md] [--json bench/data/results.json]
//                    [--no-naive] [--ab-gateway DIR] [--gateway-dir DIR]
//                    [--ab-node BINDIR] [--ab-node-flags=FLAGS]
//
// Seeds a database per provider, starts the gateway, the floor server and
// the naive peer (and with --ab-gateway the gateway of another checkout) as
// separate processes, checks they answer the gateway's JSON, drives each
// workload against each in turn with autocannon, and writes bench/RESULTS.md.
// `--short` is the CI smoke run (under a minute, no scale check, written to
// bench/data/RESULTS.short.md); it reports ratios and never gates on them. The
// exit code is 1 only when the benchmark itself is invalid (a server answered
// errors, or answered differently from the gateway).
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import pg from 'pg'
import { mintToken } from '../src/auth/mint.ts'
import { DirectoryRole } from '../src/domain/principal.ts'
import { describeCheckout } from './lib/checkout.ts'
import { DATA, databaseForSecondGateway, prepareDatabase, together, type BenchDatabase } from './lib/databases.ts'
import { ADMIN, ADMIN_SCOPES, PAA_ROLE, TENANT, generateDataset, type Dataset } from './lib/dataset.ts'
import { inTurn, Lineup, NAIVE_WORKLOADS, type LineupSettings, type ServerName } from './lib/lineup.ts'
import {
  compareAnswers,
  countStatements,
  drive,
  send,
  sendAll,
  startProfile,
  stopProfile,
  valid,
  type Answer,
  type RunStats,
} from './lib/measure.ts'
import { DEFAULT_GATEWAY_COMMAND, installCleanup, nodeIn, ROOT, runCleanups, startServer, type ServerProcess } from './lib/processes.ts'
import { summarizeProfile } from './lib/profile.ts'
import {
  markdown,
  PROVIDER_NAME,
  benchValid,
  ratiosOf,
  summarize,
  terminalTable,
  type BenchResults,
  type LatencyProbe,
  type Provider,
  type ProviderResult,
  type ScaleResult,
  type SearchProbeKind,
  type SearchScaleResult,
  type ServerRuns,
  type WorkloadResult,
} from './lib/report.ts'
import { postgresReachable } from './lib/seed.ts'
import {
  auditPageBody,
  planWorkload,
  r2Body,
  r2LiteralBody,
  SEARCH_PAGE,
  searchBody,
  WORKLOADS,
  type WorkloadName,
  type WorkloadPlan,
} from './lib/workloads.ts'

const USAGE = `usage: tsx bench/run.ts [options]
  --short                  CI smoke run: 2 s runs, 0.5 s warm-up, 1 round, no scale check (under a minute);
                           writes bench/data/RESULTS.short.md unless --out is given
  --providers LIST         sqlite,postgres (default both; PostgreSQL is skipped when unreachable)
  --workloads LIST         R1,R2,W1 (default all)
  --connections N          concurrent connections (default 16)
  --duration S             seconds per measured run (default 10; short: 2)
  --warmup S               warm-up seconds per server and workload (default 3; short: 0.5)
  --rounds N               measured runs per server and workload, order rotating (default 2; short: 1)
  --users N                users in the main dataset (default 10000)
  --no-scale               skip the scale check (1,000,000 phone rows; keyset last vs first page)
  --scale-only             only the scale checks (no R1/R2/W1 runs); give --out and --json to keep bench/RESULTS.md
  --scale-checks LIST      rows (R1 and users pages at 1,000,000 phone rows vs 10,000),
                           search (users(search:) first pages at 1,000,000 users vs 10,000); default both
  --scale-providers LIST   providers for the scale check (default: those of --providers)
  --scale-duration S       seconds per scale probe, taken in 3 alternating slices (default 6)
  --log-level LEVEL        the gateway's LOG_LEVEL (default warn)
  --cpu-prof               also profile every server under each workload (V8 CPU profiler, in-process)
  --postgres-url URL       a database URL on the PostgreSQL server to use (default
                           $BENCH_POSTGRES_URL or postgresql://postgres@127.0.0.1:5432/postgres)
  --out FILE               the report (default bench/RESULTS.md)
  --json FILE              the raw results (default bench/data/results.json, or results.short.json)
  --gateway-command CMD    how to start the gateway (default "npm start --silent", as a user does; e.g.
                           "node_modules/.bin/tsx src/main.ts" to skip the bundle)
  --node-flags=FLAGS       extra node flags for every server process, to try levers
                           (e.g. --node-flags=--max-semi-space-size=32; note the "=")
  --no-naive               leave out the naive peer (bench/naive/server.ts, measured on R1 and W1)
  --ab-gateway DIR         also measure the gateway of another checkout of this repository (DIR, with its
                           node_modules and generated clients in place), started the same way in DIR, in
                           the same rounds on every workload: the same-run A/B of a lever
  --ab-node BINDIR         run the --ab-gateway gateway on the node in BINDIR (e.g. /usr/bin), put first on its
                           PATH: the same-run A/B of two Node releases (DIR's node_modules must be built for it)
  --ab-node-flags=FLAGS    extra node flags for the --ab-gateway gateway only, after --node-flags (e.g.
                           --ab-node-flags=--max-semi-space-size=16; note the "="): the same-run A/B of V8 flags
  --gateway-dir DIR        the checkout whose gateway is "the gateway" (default: this one), prepared as for
                           --ab-gateway: with --ab-gateway, the A/B of two earlier commits
  --keep                   keep the databases (SQLite files under bench/data/, PostgreSQL databases)`

interface Options {
  short: boolean
  providers: Provider[]
  workloads: WorkloadName[]
  connections: number
  seconds: number
  warmup: number
  rounds: number
  users: number
  scale: boolean
  scaleOnly: boolean
  scaleChecks: ScaleCheck[]
  scaleProviders: Provider[]
  scaleSeconds: number
  logLevel: string
  cpuProf: boolean
  postgresUrl: string
  out: string
  json: string
  keep: boolean
  nodeFlags: string[]
  gatewayCommand: string[]
  naive: boolean
  /** The --ab-gateway checkout, an absolute path. */
  abGateway?: string
  /** The bin directory of the node the --ab-gateway gateway runs on. */
  abNode?: string
  /** Node flags for the --ab-gateway gateway only. */
  abNodeFlags: string[]
  /** The --gateway-dir checkout, an absolute path (default: this one). */
  gatewayDir?: string
}

const SCALE_CHECKS = ['rows', 'search'] as const
type ScaleCheck = (typeof SCALE_CHECKS)[number]

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      short: { type: 'boolean', default: false },
      providers: { type: 'string' },
      workloads: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      users: { type: 'string' },
      'no-scale': { type: 'boolean', default: false },
      'scale-only': { type: 'boolean', default: false },
      'scale-checks': { type: 'string' },
      'scale-providers': { type: 'string' },
      'scale-duration': { type: 'string' },
      'log-level': { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      'postgres-url': { type: 'string' },
      out: { type: 'string' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'node-flags': { type: 'string' },
      'gateway-command': { type: 'string' },
      'no-naive': { type: 'boolean', default: false },
      'ab-gateway': { type: 'string' },
      'ab-node': { type: 'string' },
      'ab-node-flags': { type: 'string' },
      'gateway-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    process.exit(0)
  }
  const short = values.short!
  const list = <T extends string>(value: string | undefined, allowed: readonly T[], fallback: readonly T[], name: string): T[] => {
    if (!value) return [...fallback]
    const items = value.split(',').map((item) => item.trim()).filter(Boolean)
    for (const item of items) if (!allowed.includes(item as T)) throw new Error(`--${name}: unknown ${item} (one of ${allowed.join(', ')})`)
    return items as T[]
  }
  const number = (value: string | undefined, fallback: number, name: string) => {
    if (value === undefined) return fallback
    const parsed = Number(value)
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number`)
    return parsed
  }
  const providers = list(values.providers, ['sqlite', 'postgres'] as const, ['sqlite', 'postgres'], 'providers')
  for (const option of ['ab-node', 'ab-node-flags'] as const) {
    if (values[option] !== undefined && values['ab-gateway'] === undefined) throw new Error(`--${option} applies to the --ab-gateway gateway: give --ab-gateway DIR too`)
  }
  if (values['ab-node'] !== undefined) nodeIn(values['ab-node'], 'ab-node')
  return {
    short,
    providers,
    workloads: list(values.workloads, WORKLOADS, WORKLOADS, 'workloads'),
    connections: number(values.connections, 16, 'connections'),
    seconds: number(values.duration, short ? 2 : 10, 'duration'),
    warmup: number(values.warmup, short ? 0.5 : 3, 'warmup'),
    rounds: number(values.rounds, short ? 1 : 2, 'rounds'),
    users: number(values.users, 10_000, 'users'),
    scale: !short && !values['no-scale'],
    scaleOnly: values['scale-only']!,
    scaleChecks: list(values['scale-checks'], SCALE_CHECKS, SCALE_CHECKS, 'scale-checks'),
    scaleProviders: list(values['scale-providers'], ['sqlite', 'postgres'] as const, providers, 'scale-providers'),
    scaleSeconds: number(values['scale-duration'], 6, 'scale-duration'),
    logLevel: values['log-level'] ?? 'warn',
    cpuProf: values['cpu-prof']!,
    postgresUrl: values['postgres-url'] ?? process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    out: values.out ?? (short ? 'bench/data/RESULTS.short.md' : 'bench/RESULTS.md'),
    json: values.json ?? (short ? 'bench/data/results.short.json' : 'bench/data/results.json'),
    keep: values.keep!,
    nodeFlags: values['node-flags']?.split(/\s+/).filter(Boolean) ?? [],
    gatewayCommand: values['gateway-command']?.split(/\s+/).filter(Boolean) ?? DEFAULT_GATEWAY_COMMAND,
    naive: !values['no-naive'],
    abGateway: values['ab-gateway'] === undefined ? undefined : checkoutDir(values['ab-gateway'], 'ab-gateway'),
    gatewayDir: values['gateway-dir'] === undefined ? undefined : checkoutDir(values['gateway-dir'], 'gateway-dir'),
    abNode: values['ab-node'] === undefined ? undefined : resolve(values['ab-node']),
    abNodeFlags: values['ab-node-flags']?.split(/\s+/).filter(Boolean) ?? [],
  }
}

/** A directory that holds a checkout of this project, as an absolute path. */
function checkoutDir(dir: string, option: string): string {
  const absolute = resolve(dir)
  if (!existsSync(`${absolute}/package.json`) || !existsSync(`${absolute}/node_modules`)) {
    throw new Error(`--${option} ${dir}: not a checkout with its node_modules installed`)
  }
  return absolute
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)

// ---------------------------------------------------------------- servers ----

/** The lineup's settings from the options: the naive peer and the A/B gateway only where asked for. */
function lineupSettings(secret: string, opts: Options, extras: { naive: boolean; baseline: boolean }): LineupSettings {
  return {
    secret,
    logLevel: opts.logLevel,
    nodeFlags: opts.nodeFlags,
    gatewayCommand: opts.gatewayCommand,
    gatewayDir: opts.gatewayDir,
    naive: extras.naive,
    baselineDir: extras.baseline ? opts.abGateway : undefined,
    baselineNodeBin: opts.abNode,
    baselineNodeFlags: opts.abNodeFlags,
  }
}

/** A token of the benchmark's admin, with these scopes and directory roles; it outlasts any run. */
const adminTokenWith = (secret: string, scp: string, wids: string[]) => mintToken(secret, { tid: TENANT, sub: ADMIN.id, scp, wids }, 12 * 3600)

/** What every workload request carries: a Privileged Authentication Administrator's token. */
const adminToken = (secret: string) => adminTokenWith(secret, ADMIN_SCOPES, [PAA_ROLE])

/** A Global Reader who may read the audit log: the auditEvents probes of the scale check. */
const auditorToken = (secret: string) => adminTokenWith(secret, 'AuditLog.Read.All', [DirectoryRole.globalReader])

// ----------------------------------------------------------- main bench ----

const emptyRuns = (): ServerRuns => ({ runs: [], statements: [] })

/** Where a server's problems go: the gateway's and the floor's void the whole workload, the others' only the ratio against them. */
function problemsOf(result: WorkloadResult, name: ServerName): string[] {
  if (name === 'gateway' || name === 'floor') return result.problems
  return (result[name] ??= emptyRuns()).problems ??= []
}

async function benchWorkload(
  provider: Provider,
  plan: WorkloadPlan,
  lineup: Lineup,
  db: BenchDatabase,
  token: string,
  opts: Options,
): Promise<WorkloadResult> {
  /** Removes W1's leftovers; after a load run, first lets the requests still in flight on the server commit. */
  const tidy = async (afterLoad = true) => {
    if (!plan.writes) return
    // autocannon ends a run by closing its connections: the server still finishes what it was doing.
    if (afterLoad) await sleep(300)
    let removed = await db.removeW1Leftovers()
    if (afterLoad) {
      await sleep(150)
      removed += await db.removeW1Leftovers()
    }
    if (removed > opts.connections) log(`  removed ${removed} W1 leftovers (more than one per connection?)`)
  }
  const result: WorkloadResult = { workload: plan.name, problems: [], gateway: emptyRuns(), floor: emptyRuns() }
  let contenders = lineup.for(plan.name)
  for (const { name } of contenders) result[name] ??= { ...emptyRuns(), problems: [] }
  const runsOf = (name: ServerName) => result[name]!
  /** Records a server's problem; a server with problems is measured no further. */
  const fail = (name: ServerName, ...problems: string[]) => {
    problemsOf(result, name).push(...problems)
    if (problems.length > 0) contenders = contenders.filter((contender) => contender.name !== name)
  }

  // The gateway's answers from every server, or the comparison means nothing.
  const samples = plan.samples()
  const answers = new Map<ServerName, Answer[]>()
  for (const { name, server } of contenders) {
    answers.set(name, await sendAll(server, token, samples))
    await tidy(false)
  }
  for (const { name } of contenders.slice(1)) {
    fail(name, ...compareAnswers(samples, { name: 'gateway', answers: answers.get('gateway')! }, { name, answers: answers.get(name)! }))
  }
  if (result.problems.length > 0) {
    log(`  ${plan.name}: the gateway and the floor do not answer the same; not measured:\n    ${result.problems.join('\n    ')}`)
    return result
  }
  for (const name of ['naive', 'baseline'] as const) {
    const problems = result[name]?.problems ?? []
    if (problems.length > 0) log(`  ${plan.name}: the ${name} does not answer as the gateway does; not measured:\n    ${problems.join('\n    ')}`)
  }
  log(`  ${plan.name}: ${samples.length} sample answers identical (${contenders.map(({ name }) => name).join(', ')})`)

  const groups = plan.statementSamples().map((group) => group.slice(0, opts.short ? 4 : group.length))
  for (const { name, server } of contenders) {
    try {
      runsOf(name).statements = await countStatements(server, token, groups)
    } catch (error) {
      fail(name, `counting statements: ${String(error)}`)
    }
    await tidy(false)
  }
  if (result.problems.length > 0) return result

  const settings = { connections: opts.connections, postgres: provider === 'postgres' }
  for (const { server } of contenders) {
    await drive(server, token, plan, { ...settings, seconds: opts.warmup })
    await tidy()
  }
  for (let round = 0; round < opts.rounds; round++) {
    for (const { name, server } of inTurn(contenders, round)) {
      const run: RunStats = await drive(server, token, plan, { ...settings, seconds: opts.seconds })
      await tidy()
      runsOf(name).runs.push(run)
      log(
        `  ${plan.name} ${name.padEnd(8)} round ${round + 1}: ${run.rps.toFixed(0)} req/s, p50 ${run.latencyMs.p50.toFixed(2)} ms, p99 ${run.latencyMs.p99.toFixed(2)} ms, ` +
          `${run.statementsPerRequest?.toFixed(2) ?? '?'} SQL/req, RSS ${(run.peakRssBytes / 2 ** 20).toFixed(0)} MB, CPU ${run.cpu.server.toFixed(2)}` +
          (valid(run) ? '' : ` — INVALID: ${JSON.stringify(run.failures)}`),
      )
      if (!valid(run)) {
        // Its other rounds still run: the report shows every round's failures.
        problemsOf(result, name).push(
          `${name} round ${round + 1}: ${run.failures.non2xx} non-2xx, ${run.failures.errors} connection errors, ${run.failures.timeouts} timeouts, ` +
            `${run.failures.graphqlErrors} answers with GraphQL errors${run.failures.firstBadBody ? ` (first: ${run.failures.firstBadBody})` : ''}`,
        )
      }
    }
  }

  if (opts.cpuProf) {
    mkdirSync(`${DATA}/profiles`, { recursive: true })
    const profiles: NonNullable<WorkloadResult['profiles']> = { files: [] }
    result.profiles = profiles
    for (const { name, server } of contenders) {
      const file = `${DATA}/profiles/${provider}-${plan.name}-${name}.cpuprofile`
      await startProfile(server)
      const { requests } = await drive(server, token, plan, { ...settings, seconds: opts.seconds })
      await stopProfile(server, file)
      await tidy()
      profiles[name] = summarizeProfile(file, 40, requests)
      profiles.files.push(file.slice(ROOT.length))
    }
  }
  return result
}


/**
 * What the audit insert costs W1, measured in the same run: the floor as it
 * is (each write also inserts its audit event) against a second floor on the
 * same database started with FLOOR_AUDIT=off, in alternating rounds.
 */
async function auditInsertCost(
  provider: Provider,
  dataset: Dataset,
  floor: ServerProcess,
  db: BenchDatabase,
  secret: string,
  token: string,
  opts: Options,
): Promise<string> {
  const plan = planWorkload('W1', dataset)
  const settings = { connections: opts.connections, postgres: provider === 'postgres' }
  const bare = await startServer({ kind: 'floor', databaseUrl: db.url, jwtSecret: secret, logLevel: opts.logLevel, nodeFlags: opts.nodeFlags, env: { FLOOR_AUDIT: 'off' } })
  const runs = { audited: [] as RunStats[], bare: [] as RunStats[] }
  const servers = { audited: floor, bare }
  const tidy = async () => {
    await sleep(300)
    await db.removeW1Leftovers()
  }
  try {
    await drive(bare, token, plan, { ...settings, seconds: opts.warmup })
    await tidy()
    for (let round = 0; round < opts.rounds; round++) {
      for (const kind of round % 2 === 0 ? (['bare', 'audited'] as const) : (['audited', 'bare'] as const)) {
        const run = await drive(servers[kind], token, plan, { ...settings, seconds: opts.seconds })
        await tidy()
        runs[kind].push(run)
        log(`  W1 floor ${kind === 'bare' ? 'without' : 'with'} the audit row, round ${round + 1}: ${run.rps.toFixed(0)} req/s, CPU ${run.cpu.server.toFixed(2)}${valid(run) ? '' : ' — INVALID'}`)
      }
    }
  } finally {
    await bare.stop()
  }
  const audited = summarize(runs.audited)
  const without = summarize(runs.bare)
  return (
    `W1's audit insert, A/B in this run on the floor (FLOOR_AUDIT=off for B): with the audit row ${fmtNumber(audited.rps)} req/s (${fmtNumber(audited.rpsPerCpu)} per CPU-second), ` +
    `without ${fmtNumber(without.rps)} req/s (${fmtNumber(without.rpsPerCpu)}); with/without ×${(audited.rps / without.rps).toFixed(2)} (per CPU ×${(audited.rpsPerCpu / without.rpsPerCpu).toFixed(2)})` +
    ([...runs.audited, ...runs.bare].every(valid) ? '' : ' — **invalid runs**')
  )
}
const fmtNumber = (value: number) => Math.round(value).toLocaleString('en-US')

async function benchProvider(provider: Provider, dataset: Dataset, secret: string, token: string, opts: Options): Promise<ProviderResult> {
  log(`${PROVIDER_NAME[provider]}: seeding ${dataset.label} (${dataset.phoneRows} phone rows)`)
  const main = await prepareDatabase(provider, dataset, `main-${provider}`, opts)
  const naive = opts.naive && opts.workloads.some((workload) => NAIVE_WORKLOADS.includes(workload))
  const copy = opts.abGateway ? await databaseForSecondGateway(provider, main, opts) : undefined
  const db = copy ? together([main, copy]) : main
  log(`${PROVIDER_NAME[provider]}: seeded in ${db.seedSeconds.toFixed(1)} s; starting the gateway, the floor${naive ? ', the naive peer' : ''}${opts.abGateway ? ` and the gateway at ${opts.abGateway}` : ''}`)
  const result: ProviderResult = { provider, seedSeconds: db.seedSeconds, workloads: [] }
  const lineup = await Lineup.start(main.url, lineupSettings(secret, opts, { naive, baseline: true }), copy?.url)
  result.nodes = lineup.nodes()
  log(`  Node: ${lineup.contenders.map(({ name, server }) => `${name} ${server.node.version} (${server.node.binary})`).join(', ')}`)
  try {
    if (opts.workloads.includes('R2')) {
      // The issue's R2 written literally, users(first: 100): is it within the gateway's limits?
      const [answer] = await sendAll(lineup.server('gateway'), token, [{ label: 'R2 literal', body: r2LiteralBody(dataset, 0) }])
      const refused = answer!.status !== 200 || answer!.text.includes('"errors"')
      result.notes = [
        refused
          ? `R2 written with a literal page size, \`users(first: 100)\`, is refused by the gateway: ${answer!.status} ${answer!.text.slice(0, 200)} ` +
            '(the cost limit prices a literal `first` and a variable alike: see docs/limits.md). R2 is measured with `first: $first` = 100.'
          : 'R2 written with a literal page size, `users(first: 100)`, is accepted by the gateway too.',
      ]
      log(`  ${result.notes[0]}`)
    }
    for (const workload of opts.workloads) {
      result.workloads.push(await benchWorkload(provider, planWorkload(workload, dataset), lineup, db, token, opts))
    }
    if (opts.workloads.includes('W1')) {
      result.notes = [...(result.notes ?? []), await auditInsertCost(provider, dataset, lineup.server('floor'), db, secret, token, opts)]
    }
  } finally {
    await lineup.stop()
    await db.close()
  }
  return result
}


// ------------------------------------------------------------------ scale ----

/** A user in the middle of the dataset who has phones, and so audit events. */
function userWithPhones(dataset: Dataset): string {
  const middle = Math.floor(dataset.userIds.length / 2)
  const index = [...dataset.combos.keys()].find((i) => i >= middle && dataset.combos[i] !== 255)!
  return dataset.userIds[index]!
}

function fixedPlan(body: string): WorkloadPlan {
  return {
    name: 'R2',
    writes: false,
    load: () => ({ requests: [{ body }] }),
    samples: () => [],
    statementSamples: () => [],
  }
}

/**
 * Latency of the plans, one connection: each plan gets `slices` runs of
 * `seconds / slices`, taken in turns (a, b, c, a, b, c, …) so that a change in
 * what the rest of the machine does hits them alike; the medians are kept.
 */
async function probeInTurns(
  targets: { server: ServerProcess; plan: WorkloadPlan }[],
  token: string,
  seconds: number,
  slices: number,
  postgres: boolean,
): Promise<LatencyProbe[]> {
  const runs: RunStats[][] = targets.map(() => [])
  for (let slice = 0; slice < slices; slice++) {
    for (const [i, target] of targets.entries()) {
      runs[i]!.push(await drive(target.server, token, target.plan, { connections: 1, seconds: seconds / slices, postgres }))
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  return runs.map((list) => ({
    mean: median(list.map((run) => run.latencyMs.mean)),
    p50: median(list.map((run) => run.latencyMs.p50)),
    p99: median(list.map((run) => run.latencyMs.p99)),
    rps: median(list.map((run) => run.rps)),
    valid: list.every(valid),
  }))
}

/**
 * Item 3 of the issue: R1 latency at 1,000,000 phone rows against 10,000, and
 * the last page of users(first: 100) against the first. Both datasets are
 * served at once (a gateway and a floor on each) so that their probes can
 * alternate.
 */
async function scaleCheck(provider: Provider, datasets: [Dataset, Dataset], secret: string, token: string, opts: Options): Promise<ScaleResult> {
  const auditor = await auditorToken(secret)
  const result: ScaleResult = { provider, datasets: [] }
  const postgres = provider === 'postgres'
  const prepared: { dataset: Dataset; db: BenchDatabase; lineup: Lineup }[] = []
  try {
    for (const dataset of datasets) {
      log(`scale ${PROVIDER_NAME[provider]}: seeding ${dataset.label}`)
      const db = await prepareDatabase(provider, dataset, `scale-${dataset.phoneRows}-${provider}`, opts)
      log(`scale ${PROVIDER_NAME[provider]}: seeded ${dataset.userIds.length} users, ${dataset.phoneRows} phone rows in ${db.seedSeconds.toFixed(1)} s`)
      prepared.push({ dataset, db, lineup: await Lineup.start(db.url, lineupSettings(secret, opts, { naive: false, baseline: false })) })
    }
    const plans = prepared.map(({ dataset }) => {
      const lastStart = Math.max(0, dataset.userIds.length - 100)
      return {
        r1: planWorkload('R1', dataset),
        first: fixedPlan(r2Body(dataset, 0)),
        last: fixedPlan(r2Body(dataset, lastStart)),
        samples: [
          ...planWorkload('R1', dataset).samples().slice(0, 4),
          { label: 'first page', body: r2Body(dataset, 0) },
          { label: 'last page', body: r2Body(dataset, lastStart) },
        ],
      }
    })
    const entries = prepared.map(({ dataset, db }) => ({
      label: dataset.label,
      users: dataset.userIds.length,
      phoneRows: dataset.phoneRows,
      seedSeconds: db.seedSeconds,
      problems: [] as string[],
    })) as ScaleResult['datasets']
    for (const [i, { lineup }] of prepared.entries()) {
      const samples = plans[i]!.samples
      const answers = async (name: 'gateway' | 'floor') => ({ name, answers: await sendAll(lineup.server(name), token, samples) })
      entries[i]!.problems.push(...compareAnswers(samples, await answers('gateway'), await answers('floor')))
    }
    const slices = 3
    for (const kind of ['gateway', 'floor'] as const) {
      // Warm every path on every server first.
      for (const [i, { lineup }] of prepared.entries()) {
        await drive(lineup.server(kind), token, plans[i]!.r1, { connections: opts.connections, seconds: Math.min(2, opts.warmup), postgres })
        for (const plan of [plans[i]!.first, plans[i]!.last]) await drive(lineup.server(kind), token, plan, { connections: 1, seconds: 0.5, postgres })
      }
      const r1 = await probeInTurns(
        prepared.map(({ lineup }, i) => ({ server: lineup.server(kind), plan: plans[i]!.r1 })),
        token,
        opts.scaleSeconds,
        slices,
        postgres,
      )
      const pages = await probeInTurns(
        prepared.flatMap(({ lineup }, i) => [
          { server: lineup.server(kind), plan: plans[i]!.first },
          { server: lineup.server(kind), plan: plans[i]!.last },
        ]),
        token,
        opts.scaleSeconds,
        slices,
        postgres,
      )
      // The audit trail (one event per phone row): its newest page, and one user's, at 10k and 1M events.
      const audit =
        kind === 'gateway'
          ? await probeInTurns(
              prepared.flatMap(({ lineup, dataset }) => [
                { server: lineup.server('gateway'), plan: fixedPlan(auditPageBody()) },
                { server: lineup.server('gateway'), plan: fixedPlan(auditPageBody(userWithPhones(dataset))) },
              ]),
              auditor,
              opts.scaleSeconds,
              slices,
              postgres,
            )
          : []
      prepared.forEach((_, i) => {
        entries[i]![kind] = { r1: r1[i]!, firstPage: pages[2 * i]!, lastPage: pages[2 * i + 1]! }
        if (kind === 'gateway') Object.assign(entries[i]!.gateway, { auditPage: audit[2 * i]!, auditPageOfUser: audit[2 * i + 1]! })
        log(
          `scale ${PROVIDER_NAME[provider]} ${entries[i]!.label} ${kind}: R1 ${r1[i]!.mean.toFixed(2)} ms, ` +
            `first page ${pages[2 * i]!.mean.toFixed(2)} ms, last page ${pages[2 * i + 1]!.mean.toFixed(2)} ms`,
        )
      })
    }
    result.datasets = entries
  } finally {
    for (const { lineup, db } of prepared) {
      await lineup.stop()
      await db.close()
    }
  }
  return result
}

/** A prefix of `digits` matches 1,111 numbered users among 10,000 with 1 digit, among 1,000,000 with 3. */
const SEARCH_DATASETS = [
  { users: 10_000, label: '10,000 users', digits: '9' },
  { users: 1_000_000, label: '1,000,000 users', digits: '123' },
] as const

/** The dataset's users a search finds, in the gateway's order (the lower-cased userPrincipalName's code points). */
function expectedSearch(dataset: Dataset, search: string): { ids: string[]; matches: number } {
  const prefix = search.toLowerCase()
  const found: { id: string; key: Buffer }[] = []
  for (const { users } of dataset.rows(20_000)) {
    for (const user of users) {
      const key = user.userPrincipalName.toLowerCase()
      if (key.startsWith(prefix) || user.displayName.toLowerCase().startsWith(prefix)) found.push({ id: user.id, key: Buffer.from(key) })
    }
  }
  found.sort((a, b) => Buffer.compare(a.key, b.key))
  return { ids: found.slice(0, SEARCH_PAGE).map((user) => user.id), matches: found.length }
}

/**
 * Issue 11 item 3: the first page of users(search:) at 1,000,000 users against
 * 10,000, for prefixes matching the same number of users in each (1,111). Two
 * gateways, one per dataset, are probed in turns; the floor has no search.
 */
async function searchScaleCheck(provider: Provider, secret: string, token: string, opts: Options): Promise<SearchScaleResult> {
  const result: SearchScaleResult = { provider, datasets: [] }
  const postgres = provider === 'postgres'
  const prepared: { probes: { kind: SearchProbeKind; search: string; plan: WorkloadPlan }[]; db: BenchDatabase; gateway: ServerProcess }[] = []
  try {
    for (const spec of SEARCH_DATASETS) {
      const dataset = generateDataset({ users: spec.users, label: spec.label })
      const searches = (
        [
          ['userPrincipalName', `USER${spec.digits}`],
          ['displayName', `user ${spec.digits}`],
        ] as const
      ).map(([kind, search]) => ({ kind, search, expected: expectedSearch(dataset, search) }))
      log(`search scale ${PROVIDER_NAME[provider]}: seeding ${dataset.label}`)
      const db = await prepareDatabase(provider, dataset, `search-${spec.users}-${provider}`, opts)
      log(`search scale ${PROVIDER_NAME[provider]}: seeded ${dataset.userIds.length} users in ${db.seedSeconds.toFixed(1)} s`)
      const gateway = await startServer({
        kind: 'gateway',
        command: opts.gatewayCommand,
        cwd: opts.gatewayDir,
        databaseUrl: db.url,
        jwtSecret: secret,
        logLevel: opts.logLevel,
        nodeFlags: opts.nodeFlags,
      })
      const entry: SearchScaleResult['datasets'][number] = { label: dataset.label, users: dataset.userIds.length, seedSeconds: db.seedSeconds, problems: [], probes: [] }
      const probes = searches.map(({ kind, search }) => ({ kind, search, plan: fixedPlan(searchBody(search)) }))
      // The expected pages are computed before the gateway starts: 1,000,000 users take seconds,
      // longer than the server keeps an idle connection, which fetch would then reuse as it closes.
      for (const [i, probe] of probes.entries()) {
        const { expected } = searches[i]!
        const answer = await send(gateway, token, searchBody(probe.search)).then(
          (reply) => JSON.parse(reply.text),
          (error: Error) => ({ error: `${error.message} (${String(error.cause)}); gateway stderr: ${gateway.stderr.join('').slice(-1000)}` }),
        )
        const ids = answer.data?.users?.edges?.map((edge: { node: { id: string } }) => edge.node.id)
        if (JSON.stringify(ids) !== JSON.stringify(expected.ids) || answer.data?.users?.pageInfo?.hasNextPage !== expected.matches > SEARCH_PAGE) {
          entry.problems.push(`search "${probe.search}": the gateway's first page is not the ${SEARCH_PAGE} expected users: ${JSON.stringify(answer).slice(0, 300)}`)
        }
        entry.probes.push({ kind: probe.kind, search: probe.search, matches: expected.matches, latency: { mean: NaN, p50: NaN, p99: NaN, rps: NaN, valid: false } })
      }
      result.datasets.push(entry)
      prepared.push({ probes, db, gateway })
    }
    for (const { probes, gateway } of prepared) {
      for (const probe of probes) await drive(gateway, token, probe.plan, { connections: 1, seconds: 1, postgres })
    }
    const latencies = await probeInTurns(
      prepared.flatMap(({ probes, gateway }) => probes.map((probe) => ({ server: gateway, plan: probe.plan }))),
      token,
      opts.scaleSeconds,
      3,
      postgres,
    )
    let next = 0
    for (const entry of result.datasets) {
      for (const probe of entry.probes) {
        probe.latency = latencies[next++]!
        log(`search scale ${PROVIDER_NAME[provider]} ${entry.label}: "${probe.search}" (${probe.matches} matches) first page ${probe.latency.mean.toFixed(2)} ms`)
      }
    }
  } finally {
    for (const { gateway, db } of prepared) {
      await gateway.stop()
      await db.close()
    }
  }
  return result
}

// ---------------------------------------------------------------- machine ----

function machine(opts: Options, postgresVersion: string): BenchResults['machine'] {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim()
    } catch {
      return undefined
    }
  })()
  const git = describeCheckout(ROOT)
  const sqlite = (() => {
    const db = new Database(':memory:')
    try {
      return String(db.prepare('SELECT sqlite_version()').pluck().get())
    } finally {
      db.close()
    }
  })()
  void opts
  return {
    cpu: cpuinfo ?? cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: `${osType()} ${release()}`,
    node: process.version,
    sqlite,
    postgres: postgresVersion,
    git,
    loadAverageStart: loadavg(),
    loadAverageEnd: [],
  }
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version')
    return `PostgreSQL ${rows[0]?.server_version ?? '?'}`
  } catch {
    return 'PostgreSQL unreachable'
  } finally {
    await client.end().catch(() => {})
  }
}

// ------------------------------------------------------------------- main ----

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2))
  installCleanup()
  mkdirSync(DATA, { recursive: true })
  const startedAt = new Date().toISOString()
  const wantsPostgres = opts.providers.includes('postgres') || (opts.scale && opts.scaleProviders.includes('postgres'))
  const postgresUp = wantsPostgres ? await postgresReachable(opts.postgresUrl) : false
  const results: BenchResults = {
    startedAt,
    finishedAt: '',
    command: `npm run bench --${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`.replace(/ --$/, ''),
    short: opts.short,
    machine: machine(opts, wantsPostgres ? await postgresVersion(opts.postgresUrl) : 'PostgreSQL not used'),
    settings: {
      users: opts.users,
      phoneRows: 0,
      connections: opts.connections,
      seconds: opts.seconds,
      warmupSeconds: opts.warmup,
      rounds: opts.rounds,
      logLevel: opts.logLevel,
      scaleSeconds: opts.scaleSeconds,
      gatewayCommand: opts.gatewayCommand.join(' '),
      nodeFlags: opts.nodeFlags.join(' '),
      naive: opts.naive && !opts.scaleOnly && opts.workloads.some((workload) => NAIVE_WORKLOADS.includes(workload)),
      ...(opts.abGateway
        ? {
            abGateway: {
              dir: opts.abGateway,
              checkout: describeCheckout(opts.abGateway),
              ...(opts.abNode ? { nodeBin: opts.abNode } : {}),
              ...(opts.abNodeFlags.length > 0 ? { nodeFlags: opts.abNodeFlags.join(' ') } : {}),
            },
          }
        : {}),
      ...(opts.gatewayDir ? { gatewayDir: { dir: opts.gatewayDir, checkout: describeCheckout(opts.gatewayDir) } } : {}),
    },
    providers: [],
    scale: [],
    searchScale: [],
  }
  const secret = randomBytes(33).toString('base64url')
  const token = await adminToken(secret)
  const dataset = generateDataset({ users: opts.users, label: `${opts.users} users` })
  results.settings.phoneRows = dataset.phoneRows

  for (const provider of opts.scaleOnly ? [] : opts.providers) {
    if (provider === 'postgres' && !postgresUp) {
      results.providers.push({ provider, skipped: `no PostgreSQL at ${opts.postgresUrl.replace(/\/\/[^@]*@/, '//')}`, workloads: [] })
      log('PostgreSQL: unreachable, skipped')
      continue
    }
    results.providers.push(await benchProvider(provider, dataset, secret, token, opts))
  }

  if (opts.scale && opts.scaleChecks.includes('rows')) {
    const small = generateDataset({ phoneRows: 10_000, label: '10,000 phone rows' })
    const large = generateDataset({ phoneRows: 1_000_000, label: '1,000,000 phone rows' })
    for (const provider of opts.scaleProviders) {
      if (provider === 'postgres' && !postgresUp) {
        results.scale.push({ provider, skipped: 'PostgreSQL unreachable', datasets: [] })
        continue
      }
      results.scale.push(await scaleCheck(provider, [small, large], secret, token, opts))
    }
  }
  if (opts.scale && opts.scaleChecks.includes('search')) {
    for (const provider of opts.scaleProviders) {
      if (provider === 'postgres' && !postgresUp) {
        results.searchScale.push({ provider, skipped: 'PostgreSQL unreachable', datasets: [] })
        continue
      }
      results.searchScale.push(await searchScaleCheck(provider, secret, token, opts))
    }
  }

  results.finishedAt = new Date().toISOString()
  results.machine.loadAverageEnd = loadavg()
  for (const provider of results.providers) for (const w of provider.workloads) w.ratios = ratiosOf(w)
  const out = opts.out.startsWith('/') ? opts.out : `${ROOT}${opts.out}`
  const json = opts.json.startsWith('/') ? opts.json : `${ROOT}${opts.json}`
  writeFileSync(json, JSON.stringify(results, null, 2))
  writeFileSync(out, markdown(results, out, opts.short ? ['**Short run** (`--short`, CI smoke): too short for stable numbers; ratios are reported, not judged.'] : []))
  process.stdout.write(`${terminalTable(results)}\n\nwrote ${opts.out} and ${opts.json}\n`)

  return benchValid(results) ? 0 : 1
}

let code = 1
try {
  code = await main()
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
} finally {
  await runCleanups()
}
process.exit(code)

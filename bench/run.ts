// `npm run bench`: the gateway against the floor of its stack (ISSUE 7).
//
//   tsx bench/run.ts [--short] [--providers sqlite,postgres] [--workloads R1,R2,W1]
//                    [--connections 16] [--duration 10] [--warmup 3] [--rounds 2]
//                    [--users 10000] [--no-scale] [--scale-only] [--scale-checks rows,search]
//                    [--scale-providers sqlite,postgres]
//                    [--scale-duration 5] [--log-level warn] [--cpu-prof]
//                    [--postgres-url postgresql://postgres@127.0.0.1:5432/postgres]
//                    [--out bench/RESULTS.md] [--json bench/data/results.json]
//
// Seeds a database per provider, starts the gateway and the floor server as
// separate processes, checks they answer the same JSON, drives each workload
// against each with autocannon, and writes bench/RESULTS.md. `--short` is the
// CI smoke run (under a minute, no scale check, written to
// bench/data/RESULTS.short.md); it reports ratios and never gates on them. The
// exit code is 1 only when the benchmark itself is invalid (a server answered
// errors, or the two servers answered differently).
import { execFileSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { SignJWT } from 'jose'
import pg from 'pg'
import { ADMIN, ADMIN_SCOPES, PAA_ROLE, TENANT, generateDataset, type Dataset } from './lib/dataset.ts'
import {
  compareAnswers,
  countStatements,
  drive,
  send,
  sendAll,
  startProfile,
  stopProfile,
  valid,
  type RunStats,
} from './lib/measure.ts'
import { DEFAULT_GATEWAY_COMMAND, installCleanup, onCleanup, ROOT, runCleanups, startServer, type ServerProcess } from './lib/processes.ts'
import { summarizeProfile } from './lib/profile.ts'
import {
  markdown,
  PROVIDER_NAME,
  benchValid,
  terminalTable,
  type BenchResults,
  type LatencyProbe,
  type Provider,
  type ProviderResult,
  type ScaleResult,
  type SearchProbeKind,
  type SearchScaleResult,
  type WorkloadResult,
} from './lib/report.ts'
import { createPostgresDatabase, postgresReachable, removeSqliteFiles, seedPostgres, seedSqlite } from './lib/seed.ts'
import {
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
  --rounds N               measured runs per server and workload, order alternating (default 2; short: 1)
  --users N                users in the main dataset (default 10000)
  --no-scale               skip the scale check (1,000,000 phone rows; keyset last vs first page)
  --scale-only             only the scale checks (no R1/R2/W1 runs); give --out and --json to keep bench/RESULTS.md
  --scale-checks LIST      rows (R1 and users pages at 1,000,000 phone rows vs 10,000),
                           search (users(search:) first pages at 1,000,000 users vs 10,000); default both
  --scale-providers LIST   providers for the scale check (default: those of --providers)
  --scale-duration S       seconds per scale probe, taken in 3 alternating slices (default 6)
  --log-level LEVEL        the gateway's LOG_LEVEL (default warn)
  --cpu-prof               also profile both servers under each workload (V8 CPU profiler, in-process)
  --postgres-url URL       a database URL on the PostgreSQL server to use (default
                           $BENCH_POSTGRES_URL or postgresql://postgres@127.0.0.1:5432/postgres)
  --out FILE               the report (default bench/RESULTS.md)
  --json FILE              the raw results (default bench/data/results.json, or results.short.json)
  --gateway-command CMD    how to start the gateway (default "npm start --silent", as a user does; e.g.
                           "node_modules/.bin/tsx src/main.ts" to skip the bundle)
  --node-flags=FLAGS       extra node flags for both server processes, to try levers
                           (e.g. --node-flags=--max-semi-space-size=32; note the "=")
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
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
const DATA = `${ROOT}bench/data`

// ------------------------------------------------------------- databases ----

interface BenchDatabase {
  url: string
  seedSeconds: number
  /** Removes what W1 added and did not delete (a run stops between an add and its delete); returns how many. */
  removeW1Leftovers(): Promise<number>
  close(): Promise<void>
}

const W1_LEFTOVERS = `DELETE FROM "PhoneMethod" WHERE "tenantId" = $1 AND "phoneType" = 'mobile' AND "phoneNumber" LIKE '+1 425%'`

async function prepareDatabase(provider: Provider, dataset: Dataset, name: string, opts: Options): Promise<BenchDatabase> {
  const started = performance.now()
  if (provider === 'sqlite') {
    // Named after this run's pid too: two runs at once must not share a file.
    const path = `${DATA}/${name}-${process.pid}.db`
    await seedSqlite(path, dataset)
    const seedSeconds = (performance.now() - started) / 1000
    const db = new Database(path, { timeout: 10_000 })
    const leftovers = db.prepare(W1_LEFTOVERS.replace('$1', '?'))
    let closed = false
    const close = async () => {
      if (closed) return
      closed = true
      db.close()
      if (!opts.keep) removeSqliteFiles(path)
    }
    onCleanup(close)
    return { url: `file:${path}`, seedSeconds, removeW1Leftovers: async () => leftovers.run(TENANT).changes, close }
  }
  const database = await createPostgresDatabase(opts.postgresUrl, `bench_${name.replace(/[^a-z0-9]/gi, '_')}`)
  let client: pg.Client | undefined
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await client?.end().catch(() => {})
    if (!opts.keep) await database.drop()
  }
  onCleanup(close)
  await seedPostgres(database.url, dataset)
  const seedSeconds = (performance.now() - started) / 1000
  client = new pg.Client({ connectionString: database.url })
  // DROP DATABASE … WITH (FORCE) at the end ends this connection from the server's side.
  client.on('error', () => {})
  await client.connect()
  return {
    url: database.url,
    seedSeconds,
    removeW1Leftovers: async () => (await client!.query(W1_LEFTOVERS, [TENANT])).rowCount ?? 0,
    close,
  }
}

// ---------------------------------------------------------------- servers ----

async function startBoth(databaseUrl: string, secret: string, opts: Options): Promise<{ gateway: ServerProcess; floor: ServerProcess }> {
  const [gateway, floor] = await Promise.allSettled([
    startServer({ kind: 'gateway', command: opts.gatewayCommand, databaseUrl, jwtSecret: secret, logLevel: opts.logLevel, nodeFlags: opts.nodeFlags }),
    startServer({ kind: 'floor', databaseUrl, jwtSecret: secret, logLevel: opts.logLevel, nodeFlags: opts.nodeFlags }),
  ])
  if (gateway.status === 'fulfilled' && floor.status === 'fulfilled') return { gateway: gateway.value, floor: floor.value }
  if (gateway.status === 'fulfilled') await gateway.value.stop()
  if (floor.status === 'fulfilled') await floor.value.stop()
  throw gateway.status === 'rejected' ? gateway.reason : (floor as PromiseRejectedResult).reason
}

function adminToken(secret: string): Promise<string> {
  return new SignJWT({ tid: TENANT, oid: ADMIN.id, scp: ADMIN_SCOPES, wids: [PAA_ROLE] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(ADMIN.id)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(secret))
}

// ----------------------------------------------------------- main bench ----

async function benchWorkload(
  provider: Provider,
  plan: WorkloadPlan,
  servers: { gateway: ServerProcess; floor: ServerProcess },
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
  const result: WorkloadResult = { workload: plan.name, problems: [], gateway: { runs: [], statements: [] }, floor: { runs: [], statements: [] } }

  // Same answers from both servers, or the comparison means nothing.
  const samples = plan.samples()
  const gatewayAnswers = await sendAll(servers.gateway, token, samples)
  await tidy(false)
  const floorAnswers = await sendAll(servers.floor, token, samples)
  await tidy(false)
  result.problems.push(...compareAnswers(samples, gatewayAnswers, floorAnswers))
  if (result.problems.length > 0) {
    log(`  ${plan.name}: the servers do not answer the same; not measured:\n    ${result.problems.join('\n    ')}`)
    return result
  }
  log(`  ${plan.name}: ${samples.length} sample answers identical`)

  try {
    const groups = plan.statementSamples().map((group) => group.slice(0, opts.short ? 4 : group.length))
    result.gateway.statements = await countStatements(servers.gateway, token, groups)
    await tidy(false)
    result.floor.statements = await countStatements(servers.floor, token, groups)
    await tidy(false)
  } catch (error) {
    result.problems.push(`counting statements: ${String(error)}`)
    return result
  }

  const settings = { connections: opts.connections, postgres: provider === 'postgres' }
  for (const kind of ['gateway', 'floor'] as const) {
    await drive(servers[kind], token, plan, { ...settings, seconds: opts.warmup })
    await tidy()
  }
  for (let round = 0; round < opts.rounds; round++) {
    const order = round % 2 === 0 ? (['gateway', 'floor'] as const) : (['floor', 'gateway'] as const)
    for (const kind of order) {
      const run: RunStats = await drive(servers[kind], token, plan, { ...settings, seconds: opts.seconds })
      await tidy()
      result[kind].runs.push(run)
      log(
        `  ${plan.name} ${kind.padEnd(7)} round ${round + 1}: ${run.rps.toFixed(0)} req/s, p50 ${run.latencyMs.p50.toFixed(2)} ms, p99 ${run.latencyMs.p99.toFixed(2)} ms, ` +
          `${run.statementsPerRequest?.toFixed(2) ?? '?'} SQL/req, RSS ${(run.peakRssBytes / 2 ** 20).toFixed(0)} MB, CPU ${run.cpu.server.toFixed(2)}` +
          (valid(run) ? '' : ` — INVALID: ${JSON.stringify(run.failures)}`),
      )
      if (!valid(run)) {
        result.problems.push(
          `${kind} round ${round + 1}: ${run.failures.non2xx} non-2xx, ${run.failures.errors} connection errors, ${run.failures.timeouts} timeouts, ` +
            `${run.failures.graphqlErrors} answers with GraphQL errors${run.failures.firstBadBody ? ` (first: ${run.failures.firstBadBody})` : ''}`,
        )
      }
    }
  }

  if (opts.cpuProf) {
    mkdirSync(`${DATA}/profiles`, { recursive: true })
    result.profiles = { files: [] }
    for (const kind of ['gateway', 'floor'] as const) {
      const file = `${DATA}/profiles/${provider}-${plan.name}-${kind}.cpuprofile`
      await startProfile(servers[kind])
      await drive(servers[kind], token, plan, { ...settings, seconds: opts.seconds })
      await stopProfile(servers[kind], file)
      await tidy()
      result.profiles[kind] = summarizeProfile(file, 40)
      result.profiles.files.push(file.slice(ROOT.length))
    }
  }
  return result
}

async function benchProvider(provider: Provider, dataset: Dataset, secret: string, token: string, opts: Options): Promise<ProviderResult> {
  log(`${PROVIDER_NAME[provider]}: seeding ${dataset.label} (${dataset.phoneRows} phone rows)`)
  const db = await prepareDatabase(provider, dataset, `main-${provider}`, opts)
  log(`${PROVIDER_NAME[provider]}: seeded in ${db.seedSeconds.toFixed(1)} s; starting the gateway and the floor`)
  const result: ProviderResult = { provider, seedSeconds: db.seedSeconds, workloads: [] }
  const servers = await startBoth(db.url, secret, opts)
  try {
    if (opts.workloads.includes('R2')) {
      // The issue's R2 written literally, users(first: 100): is it within the gateway's limits?
      const [answer] = await sendAll(servers.gateway, token, [{ label: 'R2 literal', body: r2LiteralBody(dataset, 0) }])
      const refused = answer!.status !== 200 || answer!.text.includes('"errors"')
      result.notes = [
        refused
          ? `R2 written with a literal page size, \`users(first: 100)\`, is refused by the gateway: ${answer!.status} ${answer!.text.slice(0, 200)} ` +
            '(graphql-armor\'s cost limit multiplies by a literal `first`, not by a variable). R2 is measured with `first: $first` = 100, which it accepts.'
          : 'R2 written with a literal page size, `users(first: 100)`, is accepted by the gateway too.',
      ]
      log(`  ${result.notes[0]}`)
    }
    for (const workload of opts.workloads) {
      result.workloads.push(await benchWorkload(provider, planWorkload(workload, dataset), servers, db, token, opts))
    }
  } finally {
    await servers.gateway.stop()
    await servers.floor.stop()
    await db.close()
  }
  return result
}

// ------------------------------------------------------------------ scale ----

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
  const result: ScaleResult = { provider, datasets: [] }
  const postgres = provider === 'postgres'
  const prepared: { dataset: Dataset; db: BenchDatabase; servers: { gateway: ServerProcess; floor: ServerProcess } }[] = []
  try {
    for (const dataset of datasets) {
      log(`scale ${PROVIDER_NAME[provider]}: seeding ${dataset.label}`)
      const db = await prepareDatabase(provider, dataset, `scale-${dataset.phoneRows}-${provider}`, opts)
      log(`scale ${PROVIDER_NAME[provider]}: seeded ${dataset.userIds.length} users, ${dataset.phoneRows} phone rows in ${db.seedSeconds.toFixed(1)} s`)
      prepared.push({ dataset, db, servers: await startBoth(db.url, secret, opts) })
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
    for (const [i, { servers }] of prepared.entries()) {
      const samples = plans[i]!.samples
      entries[i]!.problems.push(...compareAnswers(samples, await sendAll(servers.gateway, token, samples), await sendAll(servers.floor, token, samples)))
    }
    const slices = 3
    for (const kind of ['gateway', 'floor'] as const) {
      // Warm every path on every server first.
      for (const [i, { servers }] of prepared.entries()) {
        await drive(servers[kind], token, plans[i]!.r1, { connections: opts.connections, seconds: Math.min(2, opts.warmup), postgres })
        for (const plan of [plans[i]!.first, plans[i]!.last]) await drive(servers[kind], token, plan, { connections: 1, seconds: 0.5, postgres })
      }
      const r1 = await probeInTurns(
        prepared.map(({ servers }, i) => ({ server: servers[kind], plan: plans[i]!.r1 })),
        token,
        opts.scaleSeconds,
        slices,
        postgres,
      )
      const pages = await probeInTurns(
        prepared.flatMap(({ servers }, i) => [
          { server: servers[kind], plan: plans[i]!.first },
          { server: servers[kind], plan: plans[i]!.last },
        ]),
        token,
        opts.scaleSeconds,
        slices,
        postgres,
      )
      prepared.forEach((_, i) => {
        entries[i]![kind] = { r1: r1[i]!, firstPage: pages[2 * i]!, lastPage: pages[2 * i + 1]! }
        log(
          `scale ${PROVIDER_NAME[provider]} ${entries[i]!.label} ${kind}: R1 ${r1[i]!.mean.toFixed(2)} ms, ` +
            `first page ${pages[2 * i]!.mean.toFixed(2)} ms, last page ${pages[2 * i + 1]!.mean.toFixed(2)} ms`,
        )
      })
    }
    result.datasets = entries
  } finally {
    for (const { servers, db } of prepared) {
      await servers.gateway.stop()
      await servers.floor.stop()
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
  const git = (() => {
    try {
      const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
      // --no-optional-locks: a read-only look that never rewrites the index.
      const dirty = execFileSync('git', ['--no-optional-locks', 'status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' })
        .split('\n')
        .filter(Boolean).length
      return `${head}${dirty ? ` + ${dirty} uncommitted change(s)` : ''}`
    } catch {
      return 'unknown'
    }
  })()
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

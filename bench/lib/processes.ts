// The servers under test, each a separate process: the gateway started by
// `npm start` itself (whatever the project's start script does: today it
// bundles src/ with esbuild and runs `node dist/main.js`), in this checkout or
// in another one (`cwd`, the A/B of --ab-gateway), the floor by
// `node_modules/.bin/tsx bench/floor/server.ts`, the naive peer by
// `node_modules/.bin/tsx bench/naive/server.ts`. Either way the server runs in
// a child of a wrapper process (npm, tsx), so everything that is measured
// (RSS, CPU, profiles) is read from the process that runs the server, whose
// pid the preload's control endpoint reports. Every process started here is
// killed when the harness exits, however it exits. A server runs on the node
// its PATH finds (npm start's `exec node dist/main.js`, tsx's shebang): the
// harness's own, or that of `nodeBin` put first on its PATH (--ab-node).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs'
import { delimiter } from 'node:path'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const TSX = `${ROOT}node_modules/.bin/tsx`
const PRELOAD = new URL('../support/preload.mjs', import.meta.url).href

/** Which program a server process runs. */
export type ServerKind = 'gateway' | 'floor' | 'naive'

export interface ServerProcess {
  kind: ServerKind
  url: string
  /** The tsx wrapper. */
  wrapperPid: number
  /** The node process that runs the server. */
  pid: number
  /** The Node.js that runs it: its version ("v20.20.2") and its binary. */
  node: { version: string; binary: string }
  controlUrl: string
  stderr: string[]
  stop(): Promise<void>
}

const live = new Set<{ child: ChildProcess; pid?: number }>()

function killAll(signal: NodeJS.Signals): void {
  for (const entry of live) {
    for (const pid of [entry.pid, entry.child.pid]) {
      if (pid === undefined) continue
      try {
        process.kill(pid, signal)
      } catch {
        // already gone
      }
    }
  }
}

let cleanupInstalled = false
const cleanups: (() => Promise<void>)[] = []

/** Runs at the end, also on ctrl-c and on errors (e.g. dropping a PostgreSQL database). */
export function onCleanup(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup)
}

export async function runCleanups(): Promise<void> {
  const pending = cleanups.splice(0).reverse()
  for (const cleanup of pending) await cleanup().catch((error) => process.stderr.write(`cleanup failed: ${String(error)}\n`))
}

export function installCleanup(): void {
  if (cleanupInstalled) return
  cleanupInstalled = true
  process.on('exit', () => killAll('SIGKILL'))
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      process.stderr.write(`\n${signal}: stopping the servers and cleaning up\n`)
      killAll('SIGTERM')
      void runCleanups().finally(() => process.exit(130))
    })
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Variables a developer's shell may carry that would change what is measured. */
const SCRUBBED = [
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'PORT',
  'HOST',
  'JWT_SECRET',
  'JWT_JWKS_URL',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'MUTATION_RATE_LIMIT',
  'GRAPHIQL',
  'LOG_LEVEL',
  'MAX_BODY_BYTES',
  'MAX_ALIASES',
  'MAX_DEPTH',
  'MAX_TOKENS',
  'MAX_COST',
  'MAX_DIRECTIVES',
  'MAX_BATCH',
  'SHUTDOWN_TIMEOUT_MS',
  'NODE_ENV',
  'NODE_OPTIONS',
  'DEBUG',
]

/** How the gateway is started unless told otherwise: exactly as a user starts it. */
export const DEFAULT_GATEWAY_COMMAND = ['npm', 'start', '--silent']

/** The scripts the preload may instrument (argv[1] of the server process). */
const SERVER_SCRIPT = String.raw`(?:^|[\/])(?:src[\/]main\.ts|dist[\/]main\.m?js|bench[\/](?:floor|naive)[\/]server\.ts)$`

export interface StartOptions {
  kind: ServerKind
  /** The gateway's command line (default: npm start); the floor and the naive peer always run under tsx. */
  command?: string[]
  /** Where the command runs (default: this checkout); the A/B gateway runs in its own checkout, with its node_modules. */
  cwd?: string
  databaseUrl: string
  jwtSecret: string
  logLevel: string
  poolSize?: number
  /** Extra node flags for the server process (e.g. --max-old-space-size). */
  nodeFlags?: string[]
  timeoutMs?: number
  /** Extra environment for the server (e.g. FLOOR_AUDIT=off). */
  env?: Record<string, string>
  /**
   * A directory holding another `node` (and `npm`), put first on the server's
   * PATH: the server, its wrapper and `npm start`'s build step run on that
   * Node. The checkout it runs in needs node_modules built for it (better-sqlite3).
   */
  nodeBin?: string
}

/** `dir/node` when it is an executable, else an error naming the option. */
export function nodeIn(dir: string, option: string): string {
  const node = `${dir.replace(/\/+$/, '')}/node`
  try {
    accessSync(node, constants.X_OK)
  } catch {
    throw new Error(`--${option} ${dir}: no executable node there (give the bin directory, e.g. /usr/bin)`)
  }
  return node
}

/** The Node.js a process runs, from its executable. */
function nodeOf(pid: number): { version: string; binary: string } {
  try {
    const binary = readlinkSync(`/proc/${pid}/exe`)
    return { version: execFileSync(binary, ['--version'], { encoding: 'utf8', env: {} }).trim(), binary }
  } catch {
    return { version: 'unknown', binary: 'unknown' }
  }
}

export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const port = await freePort()
  const controlPort = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of SCRUBBED) delete env[name]
  Object.assign(env, {
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    JWT_SECRET: options.jwtSecret,
    PORT: String(port),
    HOST: '127.0.0.1',
    MUTATION_RATE_LIMIT: '0',
    LOG_LEVEL: options.logLevel,
    BENCH_CONTROL_PORT: String(controlPort),
    BENCH_SERVER_SCRIPT: SERVER_SCRIPT,
    NODE_OPTIONS: [`--import=${PRELOAD}`, ...(options.nodeFlags ?? [])].join(' '),
    ...(options.poolSize ? { DATABASE_POOL_SIZE: String(options.poolSize) } : {}),
    ...(options.nodeBin ? { PATH: [options.nodeBin, env.PATH].filter(Boolean).join(delimiter) } : {}),
    ...options.env,
  })
  const [command, ...args] = options.kind === 'gateway' ? (options.command ?? DEFAULT_GATEWAY_COMMAND) : [TSX, `bench/${options.kind}/server.ts`]
  const child = spawn(command!, args, { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const entry: { child: ChildProcess; pid?: number } = { child }
  live.add(entry)
  const stderr: string[] = []
  const stdout: string[] = []
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr.push(chunk.toString())
    if (stderr.length > 200) stderr.splice(0, 100)
  })
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout.push(chunk.toString())
    if (stdout.length > 200) stdout.splice(0, 100)
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let hasExited = false
  void exited.then(() => {
    hasExited = true
    live.delete(entry)
  })

  const url = `http://127.0.0.1:${port}`
  const controlUrl = `http://127.0.0.1:${controlPort}`
  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  for (;;) {
    if (hasExited) throw new Error(`the ${options.kind} exited before answering /health:\n${[...stdout, ...stderr].join('').slice(-3000)}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`the ${options.kind} did not answer /health in time:\n${[...stdout, ...stderr].join('').slice(-3000)}`)
    }
    const ok = await fetch(`${url}/health`).then((response) => response.ok, () => false)
    if (ok) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const stats = (await (await fetch(`${controlUrl}/stats`)).json()) as { pid: number }
  entry.pid = stats.pid

  return {
    kind: options.kind,
    url,
    wrapperPid: child.pid!,
    pid: stats.pid,
    node: nodeOf(stats.pid),
    controlUrl,
    stderr,
    async stop() {
      if (hasExited) return
      // The server first (a wrapper such as npm may not pass the signal on), then its wrapper.
      signal(stats.pid, 'SIGTERM')
      const timer = setTimeout(() => {
        signal(stats.pid, 'SIGKILL')
        signal(child.pid!, 'SIGKILL')
      }, 15_000)
      const wrapperGone = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)])
      if (!wrapperGone) child.kill('SIGTERM')
      await exited
      clearTimeout(timer)
      if (processAlive(stats.pid)) signal(stats.pid, 'SIGKILL')
    },
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch {
    // gone
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

// ------------------------------------------------------------ /proc reads ----

const CLOCK_TICKS = 100

/** Resident set size now and its peak (VmHWM), in bytes. */
export function memoryOf(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') }
  } catch {
    return { rss: 0, hwm: 0 }
  }
}

/** Resets VmHWM to the current RSS (Linux: write 5 to clear_refs). */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

/** CPU seconds (user + system) a process has used. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
  } catch {
    return 0
  }
}

/** Busy and total CPU seconds of the whole machine (all cores). */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!
  const values = line.trim().split(/\s+/).slice(1).map(Number)
  const idle = (values[3] ?? 0) + (values[4] ?? 0)
  const total = values.reduce((sum, value) => sum + value, 0)
  return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS }
}

/** CPU seconds of each PostgreSQL server process now, by pid. */
export function postgresCpuByPid(): Map<number, number> {
  const byPid = new Map<number, number>()
  for (const entry of readdirSafe('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      if (name !== 'postgres' && !name.startsWith('postgres:')) continue
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      byPid.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS)
    } catch {
      // gone meanwhile
    }
  }
  return byPid
}

/**
 * CPU seconds the PostgreSQL server processes used between two readings: the
 * ones alive at the end, less what they had used at the start (a backend that
 * ended meanwhile is not counted; one that started meanwhile counts whole).
 */
export function postgresCpuBetween(start: Map<number, number>, end: Map<number, number>): number {
  let total = 0
  for (const [pid, seconds] of end) total += Math.max(0, seconds - (start.get(pid) ?? 0))
  return total
}

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path)
  } catch {
    return []
  }
}

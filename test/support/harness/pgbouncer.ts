// A PgBouncer of the test's own in front of the test PostgreSQL server:
// Debian's package (1.18) in transaction pooling mode, trust authentication,
// on a free port, with a generated configuration, stopped with the test. It
// never touches the system's PgBouncer service. PgBouncer refuses to run as
// root: as root it is started with `-u postgres` (the PostgreSQL package's user).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const BINARY = '/usr/sbin/pgbouncer'

/** Why PgBouncer cannot run here, or undefined when it can. */
export function pgbouncerAbsent(): string | undefined {
  if (!process.env.TEST_POSTGRES_URL) return 'TEST_POSTGRES_URL is not set'
  const probe = spawnSync(BINARY, ['--version'], { encoding: 'utf8' })
  return probe.status === 0 ? undefined : `PgBouncer is not installed (${BINARY}; apt-get install -y pgbouncer)`
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Resolves once something accepts connections on the port. */
export async function listening(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => (socket.destroy(), resolve(true)))
      socket.once('error', () => resolve(false))
    })
    if (open) return
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export interface TestPgBouncer {
  /** `url` with its host and port replaced by PgBouncer's, and `pgbouncer=true`. */
  pooled(url: string): string
  stop(): Promise<void>
}

export async function startPgBouncer(options: { poolSize?: number } = {}): Promise<TestPgBouncer> {
  const server = new URL(process.env.TEST_POSTGRES_URL!)
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'pgbouncer-'))
  const ini = join(dir, 'pgbouncer.ini')
  writeFileSync(join(dir, 'users.txt'), `"${decodeURIComponent(server.username || 'postgres')}" ""\n`)
  writeFileSync(
    ini,
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${options.poolSize ?? 20}`,
      'max_client_conn = 500',
      // node-postgres sends no other startup parameter than these PgBouncer knows.
      'ignore_startup_parameters = extra_float_digits',
      '',
    ].join('\n'),
  )
  chmodSync(dir, 0o755)
  const asRoot = process.getuid?.() === 0
  const child: ChildProcess = spawn(BINARY, [...(asRoot ? ['-u', 'postgres'] : []), ini], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    await Promise.race([listening(port), exited.then(() => Promise.reject(new Error(`pgbouncer exited: ${stderr}`)))])
  } catch (error) {
    child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  return {
    pooled(url: string) {
      const pooled = new URL(url)
      pooled.hostname = '127.0.0.1'
      pooled.port = String(port)
      pooled.searchParams.set('pgbouncer', 'true')
      return pooled.toString()
    },
    async stop() {
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))])
      child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

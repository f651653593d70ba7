// A private PostgreSQL server for tests that stop and start the database
// (the shared one on 127.0.0.1:5432 serves other tests and is never touched):
// initdb into a temporary directory, pg_ctl on a free port, its own socket
// directory. initdb refuses to run as root, so as root every command runs as
// the postgres user (runuser), in a directory that user owns.
import { execFile, execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface PrivatePostgres {
  port: number
  /** A URL for a database on this server. */
  url(database: string): string
  start(): Promise<void>
  /** pg_ctl stop: `immediate` is a crash (no checkpoint, connections cut), `fast` a clean stop. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>
  /**
   * SIGSTOPs every process of the server: it keeps its connections open and
   * answers nothing, like a database behind a network partition or a frozen VM.
   */
  freeze(): void
  /** SIGCONTs what freeze() stopped. Idempotent. */
  thaw(): void
  /** Stops the server (if running) and deletes its directory. Idempotent, never throws. */
  destroy(): Promise<void>
}

/** Where this machine's PostgreSQL binaries are (the highest version under /usr/lib/postgresql). */
export function postgresBinaries(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : []
  if (versions.length === 0) throw new Error(`no PostgreSQL binaries (initdb) under ${root}`)
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0]!, 'bin')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinaries()
  const asRoot = process.getuid?.() === 0
  const command = (tool: string, args: string[]) => (asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args]) as [string, string[]]
  const exec = async (tool: string, args: string[]) => {
    const [file, argv] = command(tool, args)
    try {
      await run(file, argv, { timeout: 60_000 })
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string }
      throw new Error(`${file} ${argv.join(' ')} failed: ${stderr || stdout || String(error)}${existsSync(log) ? `\n${readFileSync(log, 'utf8').slice(-2000)}` : ''}`)
    }
  }

  const dir = mkdtempSync(join(tmpdir(), 'gateway-private-pg-'))
  const data = join(dir, 'data')
  const log = join(dir, 'server.log')
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    chownSync(dir, uid, gid)
  }
  const port = await freePort()
  let running = false
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`
  // If the test process dies without afterAll, do not leave the server behind.
  const onExit = () => {
    server.thaw()
    if (!running) return
    const [file, argv] = command('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'])
    try {
      execFileSync(file, argv, { stdio: 'ignore' })
    } catch {
      // already gone
    }
  }
  process.once('exit', onExit)

  let frozen: number[] = []
  const serverPids = () => {
    const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
    const children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
    return [postmaster, ...children]
  }
  const signal = (pids: number[], name: NodeJS.Signals) => {
    for (const pid of pids) {
      try {
        process.kill(pid, name)
      } catch {
        // gone
      }
    }
  }

  const server: PrivatePostgres = {
    port,
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await exec('pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', '-t', '60', 'start'])
      running = true
    },
    async stop(mode = 'immediate') {
      await exec('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop'])
      running = false
    },
    freeze() {
      frozen = serverPids()
      signal(frozen, 'SIGSTOP')
    },
    thaw() {
      signal(frozen, 'SIGCONT')
      frozen = []
    },
    async destroy() {
      server.thaw()
      process.removeListener('exit', onExit)
      if (running) await server.stop('immediate').catch(() => {})
      rmSync(dir, { recursive: true, force: true })
    },
  }
  try {
    await exec('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions'])
    await server.start()
    await run(...command('psql', ['-h', dir, '-p', String(port), '-U', 'postgres', '-qc', 'CREATE DATABASE gateway']))
  } catch (error) {
    await server.destroy()
    throw error
  }
  return server
}

// A real gateway process, started exactly as `npm start` starts it (the
// bundle dist/main.js, which the tests' global setup builds), on a port the
// operating system picks,
//   - in a process group of its own, so that `kill9()` SIGKILLs the gateway
//     and anything it started at once, as a container runtime or systemd does,
//   - keeping every byte of stdout and stderr, from the first one,
//   - exposing the exit, so that tests can watch for crashes.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const GATEWAY_BUNDLE = `${ROOT}dist/main.js`

export const RESILIENCE_SECRET = 'resilience-secret-that-is-at-least-32-characters'

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface LaunchedGateway {
  child: ChildProcess
  url: string
  /** Every line the process wrote to stdout so far (the last, unterminated one included once it ends). */
  stdout: string[]
  /** Everything the process wrote to stderr so far, as lines. */
  stderr: string[]
  /** The admin token of the development banner, once printed (development only). */
  readonly adminToken: string | undefined
  /** Resolves when the process has exited. */
  exited: Promise<Exit>
  alive(): boolean
  /** SIGTERM to the process, as a supervisor sends it. */
  terminate(): Promise<Exit>
  /** SIGKILL to every process of the gateway at once. Idempotent; safe in afterAll. */
  kill9(): Promise<Exit>
}

export interface LaunchOptions {
  env: Record<string, string>
  cwd?: string
  /** Another build of the gateway (an earlier release's); default this checkout's. */
  bundle?: string
  timeoutMs?: number
}

/** Production settings: no banner, no GraphiQL, a known JWT secret, no rate limit. */
export function productionEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'production',
    JWT_SECRET: RESILIENCE_SECRET,
    MUTATION_RATE_LIMIT: '0',
    PORT: '0',
    LOG_LEVEL: 'info',
    ...extra,
  }
}

export function launchGateway(options: LaunchOptions): Promise<LaunchedGateway> {
  const child = spawn(process.execPath, [options.bundle ?? GATEWAY_BUNDLE], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, PORT: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const stdout: string[] = []
  const stderr: string[] = []
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  let running = true
  void exited.then(() => (running = false))

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      // the group is gone already
    }
  }
  const lines = (sink: string[], onLine?: (line: string) => void) => {
    let buffered = ''
    return {
      data: (chunk: Buffer) => {
        buffered += chunk.toString()
        const parts = buffered.split('\n')
        buffered = parts.pop()!
        for (const line of parts) {
          sink.push(line)
          onLine?.(line)
        }
      },
      end: () => {
        if (buffered) sink.push(buffered)
        buffered = ''
      },
    }
  }

  let started = false
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer)
      killGroup('SIGKILL')
      reject(error)
    }
    const timer = setTimeout(
      () => fail(new Error(`the gateway did not start in time:\n${[...stdout, ...stderr].join('\n')}`)),
      options.timeoutMs ?? 45_000,
    )
    const out = lines(stdout, (line) => {
      if (!line.startsWith('{')) return
      let parsed: { msg?: string; port?: number }
      try {
        parsed = JSON.parse(line)
      } catch {
        return
      }
      if (parsed.msg !== 'listening') return
      started = true
      clearTimeout(timer)
      resolve({
        child,
        url: `http://127.0.0.1:${parsed.port}`,
        stdout,
        stderr,
        get adminToken() {
          return stdout.map((out) => out.match(/^Authorization: Bearer (\S+)$/)?.[1]).find(Boolean)
        },
        exited,
        alive: () => running,
        terminate: () => {
          if (running) child.kill('SIGTERM')
          return exited
        },
        kill9: () => {
          // Even when the gateway is gone, a member of its group may linger: kill the group regardless.
          killGroup('SIGKILL')
          return exited
        },
      })
    })
    const err = lines(stderr)
    child.stdout!.on('data', out.data)
    child.stdout!.on('end', out.end)
    child.stderr!.on('data', err.data)
    child.stderr!.on('end', err.end)
    void exited.then((exit) =>
      started ||
      fail(new Error(`the gateway exited (${exit.code ?? exit.signal}) before listening:\n${[...stdout, ...stderr].join('\n')}`)),
    )
  })
}

/** SIGKILLs every given gateway that is still there (for afterAll). */
export async function killAll(gateways: Iterable<LaunchedGateway | undefined>): Promise<void> {
  await Promise.all([...gateways].map((gateway) => gateway?.kill9()))
}

export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

/** `npm run -s <script> -- <args>` in the repository, as a user runs it: its exit code and output, whether it failed or not. */
export async function runNpmScript(script: string, args: string[] = [], env: Record<string, string> = {}): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '-s', script, '--', ...args], { cwd: ROOT, env: { ...process.env, ...env } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as CommandResult
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

// A real gateway process, started as `npm start` starts it, on a port the
// operating system picks.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const MAIN = `${ROOT}src/main.ts`
// `--import tsx` resolves from the working directory, which is a temporary one here.
const TSX_LOADER = pathToFileURL(`${ROOT}node_modules/tsx/dist/loader.mjs`).href

export interface GatewayProcess {
  child: ChildProcess
  url: string
  /** Every line the process wrote to stdout so far. */
  output: string[]
  /** The admin token of the development banner, when printed. */
  adminToken?: string
  /** Sends the signal and resolves with the exit code (or the signal's name). */
  stop(signal?: NodeJS.Signals): Promise<number | string>
}

export function startGatewayProcess(options: { cwd: string; env?: Record<string, string>; timeoutMs?: number }): Promise<GatewayProcess> {
  // As `npm start` runs it: node itself is the gateway, so signals reach it directly.
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
    cwd: options.cwd,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'development', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  const errors: string[] = []
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the gateway did not start in time:\n${[...output, ...errors].join('\n')}`)), options.timeoutMs ?? 30_000)
    const fail = (error: Error) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(error)
    }
    let buffered = ''
    let adminToken: string | undefined
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) {
        output.push(line)
        adminToken ??= line.match(/^Authorization: Bearer (\S+)$/)?.[1]
        const listening = line.startsWith('{') ? (JSON.parse(line) as { msg?: string; port?: number }) : undefined
        if (listening?.msg === 'listening') {
          clearTimeout(timer)
          resolve({
            child,
            url: `http://127.0.0.1:${listening.port}`,
            output,
            get adminToken() {
              return adminToken
            },
            stop: (signal = 'SIGTERM') => {
              if (child.exitCode === null && child.signalCode === null) child.kill(signal)
              return exited
            },
          })
        }
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => errors.push(chunk.toString()))
    void exited.then((code) => fail(new Error(`the gateway exited (${code}) before listening:\n${[...output, ...errors].join('\n')}`)))
  })
}

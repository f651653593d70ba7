// A Redis server of the test's own (the machine's redis-server binary) on a
// free port, nothing kept on disk: stopped and started again by tests that
// take Redis away from a running gateway.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { freePort, listening } from './pgbouncer.ts'

/** Why no Redis server can be started here, or undefined. */
export function redisServerAbsent(): string | undefined {
  return spawnSync('redis-server', ['--version']).status === 0 ? undefined : 'redis-server is not installed (apt-get install -y redis-server)'
}

export interface TestRedis {
  url: string
  /** Stops the server (SIGTERM), and resolves once it is gone. */
  stop(): Promise<void>
  /** Starts it again on the same port. */
  start(): Promise<void>
}

export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    await listening(port)
  }
  const stop = async () => {
    const running = child
    if (!running || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGTERM')
    await exited
  }
  await start()
  return { url: `redis://127.0.0.1:${port}`, stop, start }
}

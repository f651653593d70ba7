// WORKERS > 1: this process is the cluster's primary. It prepares the database
// once (migrations, the demo tenant), then forks that many gateway processes
// that share one port (Node's cluster hands them the connections in turn),
// restarts one that dies (after a pause that grows while they keep dying
// young, so a broken database is not hammered), and on SIGTERM or SIGINT
// passes the signal on and exits 0 once every worker has drained.
import cluster, { type Worker } from 'node:cluster'
import { availableParallelism } from 'node:os'
import type { Config } from './config.ts'
import { logsFlushed, type Logger } from './logger.ts'

/** Set by the primary in the environment of the one worker that prints the development banner. */
export const BANNER_WORKER_ENV = 'GATEWAY_PRINTS_BANNER'

/** A worker that lived this long was serving: its death is not part of a crash loop. */
const HEALTHY_LIFETIME_MS = 30_000
const FIRST_RESTART_DELAY_MS = 500
const MAX_RESTART_DELAY_MS = 30_000
/** After the workers' own deadline (drain, close, flush): how long the primary still waits before it ends them. */
const WORKER_EXIT_GRACE_MS = 3000

export function workerCount(workers: Config['workers']): number {
  return workers === 'auto' ? availableParallelism() : workers
}

/** Runs the cluster; `gatewayDeadlineMs` is how long a worker may take to stop once asked. */
export function runPrimary(count: number, gatewayDeadlineMs: number, logger: Logger, showBanner: boolean): void {
  let stopping = false
  let youngDeaths = 0
  const started = new Map<Worker, number>()

  const fork = (banner: boolean) => {
    const worker = cluster.fork(banner ? { [BANNER_WORKER_ENV]: '1' } : {})
    started.set(worker, Date.now())
  }

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (started.get(worker) ?? Date.now())
    started.delete(worker)
    if (stopping) {
      if (started.size === 0) void finish()
      return
    }
    youngDeaths = lived >= HEALTHY_LIFETIME_MS ? 0 : youngDeaths + 1
    const delay = youngDeaths === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** (youngDeaths - 1))
    logger.warn({ pid: worker.process.pid, code, signal, restartInMs: delay }, 'a gateway worker ended: starting another')
    setTimeout(() => stopping || fork(false), delay).unref()
  })

  const finish = async () => {
    logger.info('stopped')
    await logsFlushed(1000)
    process.exit(0)
  }

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    logger.info({ signal, workers: started.size }, 'shutting down: every worker drains its in-flight requests')
    if (started.size === 0) return void finish()
    for (const worker of started.keys()) worker.process.kill('SIGTERM')
    // A worker that does not end by its own deadline is ended; the primary exits 0 regardless, as asked.
    setTimeout(() => {
      for (const worker of started.keys()) worker.process.kill('SIGKILL')
      void finish()
    }, gatewayDeadlineMs + WORKER_EXIT_GRACE_MS).unref()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))

  logger.info({ workers: count }, 'starting gateway workers')
  for (let i = 0; i < count; i++) fork(showBanner && i === 0)
}

// The servers measured side by side on one database, all running at once:
// the gateway (this checkout's, or with --gateway-dir another's: the reference
// whose answers every other server's must equal), the floor, the naive peer
// (R1 and W1 only), and, with --ab-gateway, the gateway of another checkout
// (the baseline of a same-run A/B), on another Node (--ab-node) or with other
// node flags (--ab-node-flags) when asked.
import { startServer, type ServerProcess, type StartOptions } from './processes.ts'
import type { WorkloadName } from './workloads.ts'

export type ServerName = 'gateway' | 'floor' | 'naive' | 'baseline'
export const SERVER_NAMES: readonly ServerName[] = ['gateway', 'floor', 'naive', 'baseline']

/** What the naive peer serves: a textbook server for the single-user read and write. */
export const NAIVE_WORKLOADS: readonly WorkloadName[] = ['R1', 'W1']

export interface Contender {
  name: ServerName
  server: ServerProcess
}

export interface LineupSettings {
  secret: string
  logLevel: string
  nodeFlags: string[]
  gatewayCommand: string[]
  /** The checkout whose gateway is measured (--gateway-dir; default this one). */
  gatewayDir?: string
  naive: boolean
  /** Another checkout of this repository whose gateway is measured against this one's (--ab-gateway). */
  baselineDir?: string
  /** The bin directory of the Node the baseline gateway runs on (--ab-node; default the harness's). */
  baselineNodeBin?: string
  /** Node flags for the baseline gateway only, after `nodeFlags` (--ab-node-flags). */
  baselineNodeFlags?: string[]
}

export class Lineup {
  private constructor(readonly contenders: readonly Contender[]) {}

  /**
   * Starts the servers at once. `baselineUrl` is the baseline gateway's
   * database when it cannot share `url` (a copy of a SQLite file).
   */
  static async start(url: string, settings: LineupSettings, baselineUrl = url): Promise<Lineup> {
    const common = { databaseUrl: url, jwtSecret: settings.secret, logLevel: settings.logLevel, nodeFlags: settings.nodeFlags }
    const specs: [ServerName, StartOptions][] = [
      ['gateway', { ...common, kind: 'gateway', command: settings.gatewayCommand, cwd: settings.gatewayDir }],
      ['floor', { ...common, kind: 'floor' }],
    ]
    if (settings.naive) specs.push(['naive', { ...common, kind: 'naive' }])
    if (settings.baselineDir) {
      specs.push([
        'baseline',
        {
          ...common,
          kind: 'gateway',
          command: settings.gatewayCommand,
          cwd: settings.baselineDir,
          databaseUrl: baselineUrl,
          nodeBin: settings.baselineNodeBin,
          nodeFlags: [...settings.nodeFlags, ...(settings.baselineNodeFlags ?? [])],
        },
      ])
    }
    const started = await Promise.allSettled(specs.map(([, options]) => startServer(options)))
    const failure = started.find((outcome) => outcome.status === 'rejected')
    if (failure) {
      await Promise.all(started.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.stop() : undefined)))
      throw failure.reason
    }
    return new Lineup(specs.map(([name], i) => ({ name, server: (started[i] as PromiseFulfilledResult<ServerProcess>).value })))
  }

  /** The Node.js version each server runs on. */
  nodes(): Partial<Record<ServerName, string>> {
    return Object.fromEntries(this.contenders.map(({ name, server }) => [name, server.node.version]))
  }

  server(name: ServerName): ServerProcess {
    const contender = this.contenders.find((entry) => entry.name === name)
    if (!contender) throw new Error(`no ${name} server in this lineup`)
    return contender.server
  }

  /** The servers that take part in a workload, the gateway first. */
  for(workload: WorkloadName): Contender[] {
    return this.contenders.filter(({ name }) => name !== 'naive' || NAIVE_WORKLOADS.includes(workload))
  }

  async stop(): Promise<void> {
    await Promise.all(this.contenders.map(({ server }) => server.stop()))
  }
}

/**
 * The order of round `round`: rotated one place a round, so that every server
 * takes every position in turn and a change in what the rest of the machine
 * does falls on each alike (with two servers: alternating).
 */
export function inTurn<T>(contenders: readonly T[], round: number): T[] {
  const shift = round % contenders.length
  return [...contenders.slice(shift), ...contenders.slice(0, shift)]
}

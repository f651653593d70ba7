// The benchmark's verdict on itself: a scale ratio computed from probes that
// had errors, or from answers that differ from the floor's, is invalid (it
// is printed as such, never with a ✓, and the run exits 1); so is a run
// whose naive peer answered differently from the gateway or failed under load.
import { describe, expect, it } from 'vitest'
import type { RunStats } from '../../bench/lib/measure.ts'
import {
  benchValid,
  ratioOf,
  ratiosOf,
  scaleValid,
  terminalTable,
  type BenchResults,
  type LatencyProbe,
  type ScaleResult,
  type ServerRuns,
  type WorkloadResult,
} from '../../bench/lib/report.ts'

const probe = (mean: number, valid = true): LatencyProbe => ({ mean, p50: mean, p99: mean * 2, rps: 1000 / mean, valid })
const servers = (r1: LatencyProbe, first: LatencyProbe, last: LatencyProbe) => ({ r1, firstPage: first, lastPage: last })

function scale(options: { largeR1Valid?: boolean; problems?: string[] } = {}): ScaleResult {
  const dataset = (label: string, r1: LatencyProbe, problems: string[] = []) => ({
    label,
    users: 100,
    phoneRows: 1000,
    seedSeconds: 1,
    problems,
    gateway: servers(r1, probe(2), probe(2.2)),
    floor: servers(probe(1), probe(1), probe(1.1)),
  })
  return {
    provider: 'sqlite',
    datasets: [dataset('10,000 phone rows', probe(1)), dataset('1,000,000 phone rows', probe(1.1, options.largeR1Valid ?? true), options.problems)],
  }
}

const results = (scales: ScaleResult[]) => ({ providers: [], scale: scales, searchScale: [] }) as unknown as BenchResults

describe('the scale check', () => {
  it('is valid, with its ratios printed, when every probe ran cleanly on equal answers', () => {
    expect(scaleValid(scale())).toBe(true)
    expect(terminalTable(results([scale()]))).toContain('(×1.10); users last/first page 2.20/2.00 ms (×1.10)')
  })

  it('is invalid, and prints its ratio as invalid, when a probe had errors', () => {
    const broken = scale({ largeR1Valid: false })
    expect(scaleValid(broken)).toBe(false)
    const table = terminalTable(results([broken]))
    expect(table).toContain('scale SQLite gateway: R1 mean 1.00 ms at 10,000 phone rows → 1.10 ms at 1,000,000 phone rows (×invalid)')
    // The keyset probes of that server were clean: that ratio stands.
    expect(table).toContain('users last/first page 2.20/2.00 ms (×1.10)')
  })

  it('is invalid when the gateway answered differently from the floor', () => {
    const differing = scale({ problems: ['R1 user 7: the gateway answered {"a":1}, the floor {"a":2}'] })
    expect(scaleValid(differing)).toBe(false)
    expect(terminalTable(results([differing])).match(/×invalid/g)).toHaveLength(4)
  })
})

describe('the naive peer and the A/B baseline', () => {
  const run = (rps: number, graphqlErrors = 0) =>
    ({
      requests: rps * 2,
      seconds: 2,
      rps,
      latencyMs: { mean: 1, p50: 1, p90: 1, p99: 1, max: 1 },
      failures: { non2xx: 0, errors: 0, timeouts: 0, graphqlErrors },
      statementsPerRequest: 2,
      peakRssBytes: 1,
      startRssBytes: 1,
      peakFromHwm: true,
      cpu: { server: 1, loadGenerator: 0, postgres: 0, machine: 1, other: 0 },
      eventLoopUtilization: null,
      gcShare: null,
    }) as RunStats
  const workload = (naive: Partial<ServerRuns> = {}): WorkloadResult => ({
    workload: 'R1',
    problems: [],
    gateway: { runs: [run(200)], statements: [] },
    floor: { runs: [run(1000)], statements: [] },
    naive: { runs: [run(100)], statements: [], problems: [], ...naive },
  })
  const withWorkload = (w: WorkloadResult) =>
    ({ providers: [{ provider: 'sqlite', workloads: [w] }], scale: [], searchScale: [], settings: {} }) as unknown as BenchResults

  it('gives the gateway/naive ratio beside gateway/floor', () => {
    expect(ratiosOf(workload())).toEqual({ floor: { rps: 0.2, perCpu: 0.2 }, naive: { rps: 2, perCpu: 2 } })
    expect(benchValid(withWorkload(workload()))).toBe(true)
    expect(terminalTable(withWorkload(workload()))).toMatch(/R1 +200 +1,000 +0\.20 +0\.20 +100 +2\.00 +2\.00/)
  })

  it('makes the run invalid when the naive peer answers differently, without voiding gateway/floor', () => {
    const differing = workload({ runs: [], problems: ['user(7): the answers differ'] })
    expect(ratioOf(differing, 'naive')).toBeNaN()
    expect(ratioOf(differing)).toBeCloseTo(0.2)
    expect(benchValid(withWorkload(differing))).toBe(false)
  })

  it('makes the run invalid when the naive peer had errors under load', () => {
    expect(benchValid(withWorkload(workload({ runs: [run(100, 3)] })))).toBe(false)
  })
})

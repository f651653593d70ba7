// The benchmark's verdict on itself: a scale ratio computed from probes that
// had errors, or from answers that differ from the floor's, is invalid (it
// is printed as such, never with a ✓, and the run exits 1).
import { describe, expect, it } from 'vitest'
import { scaleValid, terminalTable, type BenchResults, type LatencyProbe, type ScaleResult } from '../../bench/lib/report.ts'

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

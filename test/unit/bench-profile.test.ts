// The gateway is profiled as its bundle (dist/main.js): bench/lib/profile.ts
// tells its time per src/ file through the source map the build writes beside it.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { summarizeProfile } from '../../bench/lib/profile.ts'

describe('a CPU profile of the bundle', () => {
  it('charges each frame to the src/ file it was written in, self and inclusive, per request', () => {
    const dir = mkdtempSync(`${tmpdir()}/bench-profile-`)
    mkdirSync(`${dir}/dist`)
    // Line 0 of the bundle comes from src/plugins/cost-limit.ts, line 1 from src/plugins/document-cost.ts.
    writeFileSync(`${dir}/dist/main.js.map`, JSON.stringify({ version: 3, sources: ['../src/plugins/cost-limit.ts', '../src/plugins/document-cost.ts'], names: [], mappings: 'AAAA;ACAA' }))
    const bundle = pathToFileURL(`${dir}/dist/main.js`).href
    const frame = (functionName: string, url: string, lineNumber: number) => ({ functionName, url, lineNumber, columnNumber: 0 })
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '', -1), children: [2, 4] },
        { id: 2, callFrame: frame('onRequestParseDone', bundle, 0), children: [3] },
        { id: 3, callFrame: frame('cost', bundle, 1), children: [] },
        { id: 4, callFrame: frame('(idle)', '', -1), children: [] },
      ],
      startTime: 0,
      endTime: 400,
      // 100 µs each: cost-limit 1 sample, document-cost (called by it) 2, idle 1.
      samples: [2, 3, 3, 4],
      timeDeltas: [0, 100, 100, 100, 100],
    }
    writeFileSync(`${dir}/main.cpuprofile`, JSON.stringify(profile))
    const summary = summarizeProfile(`${dir}/main.cpuprofile`, 10, 3)
    expect(summary.sourceMapped).toBe(true)
    const module = (name: string) => summary.byModule.find((entry) => entry.name === name)
    expect(module('src/plugins/cost-limit.ts')).toMatchObject({ selfMs: 0.1, inclusiveMs: 0.3 })
    expect(module('src/plugins/document-cost.ts')).toMatchObject({ selfMs: 0.2, inclusiveMs: 0.2 })
    expect(module('src/plugins/cost-limit.ts')!.inclusiveShare).toBeCloseTo(1)
    expect(summary.topFunctions.map((f) => f.where)).toEqual(['src/plugins/document-cost.ts:1', 'src/plugins/cost-limit.ts:1'])
  })
})

// bench/RESULTS.md is committed: what it records must mean something on
// another machine, so the command line it quotes names no local directory
// and no database URL (which may carry a password).
import { describe, expect, it } from 'vitest'
import { withoutMachinePaths } from '../../bench/lib/report.ts'

describe('the command line bench/RESULTS.md records', () => {
  it.each([
    ['npm run bench -- --ab-gateway /work/wt/ab-6fcf23b', 'npm run bench -- --ab-gateway <dir>'],
    ['npm run bench -- --gateway-dir=../other --short', 'npm run bench -- --gateway-dir=<dir> --short'],
    ['npm run bench -- --ab-gateway ~/checkouts/main', 'npm run bench -- --ab-gateway <dir>'],
    ['npm run bench -- --postgres-url postgresql://bench:secret@db:5432/bench', 'npm run bench -- --postgres-url <postgres-url>'],
    ['npm run bench -- --short', 'npm run bench -- --short'],
  ])('%s is recorded as %s', (command, recorded) => {
    expect(withoutMachinePaths(command)).toBe(recorded)
  })
})

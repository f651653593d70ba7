// A vitest reporter for CI's closing line: what passed, what failed, what
// never ran because its setup (a beforeAll, the file itself) failed, what was
// skipped on purpose and why, and the errors no test owned (an unhandled
// rejection). vitest's JSON report counts a test whose beforeAll failed as
// skipped and leaves unhandled errors out, so .ci/summary.mjs reads this.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Reporter, SerializedError, TestCase, TestModule, TestRunEndReason, TestSuite } from 'vitest/node'

export interface RunOutcome {
  reason: TestRunEndReason
  passed: number
  failed: string[]
  /** Tests that never ran because a beforeAll or the file around them failed. */
  notRun: string[]
  /** Files that failed with no test to show for it (they did not load). */
  brokenFiles: string[]
  /** Deliberately skipped tests, counted by the reason they give. */
  skipped: Record<string, number>
  unhandledErrors: string[]
}

const firstLine = (text: string | undefined) => (text ?? '').split('\n')[0]!

function setupFailed(test: TestCase): boolean {
  for (let parent: TestSuite | TestModule = test.parent; ; parent = parent.parent) {
    if (parent.errors().length > 0) return true
    if (parent.type === 'module') return false
  }
}

export default class RunOutcomeReporter implements Reporter {
  constructor(private readonly options: { outputFile: string }) {}

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    const outcome: RunOutcome = { reason, passed: 0, failed: [], notRun: [], brokenFiles: [], skipped: {}, unhandledErrors: [] }
    for (const module of modules) {
      const tests = [...module.children.allTests()]
      if (tests.length === 0 && module.state() === 'failed') {
        outcome.brokenFiles.push(`${module.relativeModuleId}: ${firstLine(module.errors()[0]?.message)}`)
      }
      for (const test of tests) {
        const result = test.result()
        const name = `${module.relativeModuleId} > ${test.fullName}`
        if (result.state === 'passed') outcome.passed++
        else if (result.state === 'failed') outcome.failed.push(name)
        else if (result.state === 'pending' || setupFailed(test)) outcome.notRun.push(name)
        else {
          const why = result.note ?? (test.options.mode === 'todo' ? 'todo' : 'skipped in the code')
          outcome.skipped[why] = (outcome.skipped[why] ?? 0) + 1
        }
      }
    }
    outcome.unhandledErrors = unhandledErrors.map((error) => `${error.name ?? 'Error'}: ${firstLine(error.message)}`)
    mkdirSync(dirname(this.options.outputFile), { recursive: true })
    writeFileSync(this.options.outputFile, `${JSON.stringify(outcome, null, 2)}\n`)
  }
}

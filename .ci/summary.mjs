// Prints "N passed, N failed, N skipped" from vitest's JSON report. A test
// file that failed without a failing test (it did not even load) counts as
// one failure. Exits 1 when anything failed or the report is missing.
import { existsSync, readFileSync } from 'node:fs'

const file = process.argv[2]
if (!file || !existsSync(file)) {
  console.error(`no vitest report at ${file}: the tests did not run to the end`)
  console.log('0 passed, 1 failed, 0 skipped')
  process.exit(1)
}
const report = JSON.parse(readFileSync(file, 'utf8'))
const brokenFiles = report.testResults.filter(
  (result) => result.status === 'failed' && !result.assertionResults.some((test) => test.status === 'failed'),
).length
const failed = report.numFailedTests + brokenFiles
console.log(`${report.numPassedTests} passed, ${failed} failed, ${report.numPendingTests + report.numTodoTests} skipped`)
process.exit(failed > 0 || !report.success ? 1 : 0)

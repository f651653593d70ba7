// Prints "N passed, N failed, N skipped" from the run outcome that
// test/support/vitest/run-outcome-reporter.ts wrote, and vitest's exit status:
// a test that never ran because its setup failed, a file that did not load
// and an error no test owned (an unhandled rejection) all count as failed,
// and a non-zero exit status is never summed up as "0 failed". Deliberate
// skips are listed with their reason. Exits 1 when anything failed.
// usage: node .ci/summary.mjs <outcome.json> <vitest exit status>
import { existsSync, readFileSync } from 'node:fs'

const [file, exitStatusText] = process.argv.slice(2)
const exitStatus = Number(exitStatusText ?? 'NaN')
if (!file || !existsSync(file)) {
  console.error(`no test outcome at ${file}: the tests did not run to the end (exit status ${exitStatusText})`)
  console.log('0 passed, 1 failed, 0 skipped')
  process.exit(1)
}
const outcome = JSON.parse(readFileSync(file, 'utf8'))
const list = (title, items) => {
  if (items.length === 0) return
  console.log(`${title} (${items.length}):`)
  for (const item of items.slice(0, 30)) console.log(`  ${item}`)
  if (items.length > 30) console.log(`  … and ${items.length - 30} more`)
}
list('failed', outcome.failed)
list('never ran: their setup failed', outcome.notRun)
list('files that did not load', outcome.brokenFiles)
list('errors outside any test (unhandled)', outcome.unhandledErrors)
for (const [why, count] of Object.entries(outcome.skipped)) console.log(`skipped ${count}: ${why}`)

let failed = outcome.failed.length + outcome.notRun.length + outcome.brokenFiles.length + outcome.unhandledErrors.length
if (exitStatus !== 0 && failed === 0) {
  console.log(`vitest exited with status ${exitStatusText} (run ${outcome.reason}) without a failing test: counted as one failure`)
  failed = 1
}
const skipped = Object.values(outcome.skipped).reduce((sum, count) => sum + count, 0)
console.log(`${outcome.passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)

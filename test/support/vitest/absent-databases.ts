// A vitest setup file: a suite declared with describeOn / describeOnPostgres /
// describeOnEachDatabase (database-suites.ts) whose database is not there
// carries a skip reason. Its beforeAll/afterAll hooks are dropped before they
// run (they would try to reach a server that is not there) and each of its
// tests skips itself with that reason, so the run counts them as skipped.
import { beforeAll, beforeEach, TestRunner, type RunnerTask, type RunnerTestSuite } from 'vitest'

function skipReason(task: RunnerTask): string | undefined {
  for (let suite: RunnerTestSuite | undefined = task.type === 'suite' ? task : task.suite; suite; suite = suite.suite) {
    if (suite.meta.skipReason) return suite.meta.skipReason
  }
  return undefined
}

function dropSuiteHooks(suite: RunnerTestSuite): void {
  const hooks = TestRunner.getSuiteHooks(suite)
  for (const list of [hooks.beforeAll, hooks.afterAll, hooks.aroundAll]) list.length = 0
  for (const child of suite.tasks) if (child.type === 'suite') dropSuiteHooks(child)
}

function dropHooksOfSkipped(suite: RunnerTestSuite): void {
  if (skipReason(suite)) return dropSuiteHooks(suite)
  for (const child of suite.tasks) if (child.type === 'suite') dropHooksOfSkipped(child)
}

// Hooks of a setup file belong to the test file itself: this runs before any of its suites.
beforeAll(({}, file) => {
  for (const task of file.tasks) if (task.type === 'suite') dropHooksOfSkipped(task)
})

beforeEach(({ task, skip }) => {
  const why = skipReason(task)
  if (why) skip(why)
})

// A vitest setup file: without TEST_POSTGRES_URL, the PostgreSQL half of
// every test file is reported as skipped, with the reason, instead of
// vanishing from the count. `providers` always lists both databases; the
// suites that need PostgreSQL are the ones whose name says so ("… on
// postgres", as describe.each(providers) names them, or "… PostgreSQL …").
// Their beforeAll/afterAll hooks are dropped before they run (they would try
// to reach a server that is not there) and each of their tests skips itself.
import { beforeAll, beforeEach, TestRunner, type RunnerTask, type RunnerTestSuite } from 'vitest'
import { POSTGRES_ABSENT } from '../harness/databases.ts'

const NEEDS_POSTGRES = /postgres/i

function needsPostgres(task: RunnerTask): boolean {
  for (let suite: RunnerTestSuite | undefined = task.type === 'suite' ? task : task.suite; suite; suite = suite.suite) {
    if (NEEDS_POSTGRES.test(suite.name)) return true
  }
  return false
}

function dropSuiteHooks(suite: RunnerTestSuite): void {
  const hooks = TestRunner.getSuiteHooks(suite)
  for (const list of [hooks.beforeAll, hooks.afterAll, hooks.aroundAll]) list.length = 0
  for (const child of suite.tasks) if (child.type === 'suite') dropSuiteHooks(child)
}

if (POSTGRES_ABSENT) {
  const note = POSTGRES_ABSENT
  // Hooks of a setup file belong to the test file itself: this runs before any of its suites.
  beforeAll(({}, file) => {
    for (const task of file.tasks) if (task.type === 'suite' && needsPostgres(task)) dropSuiteHooks(task)
  })
  beforeEach(({ task, skip }) => {
    if (needsPostgres(task)) skip(note)
  })
}

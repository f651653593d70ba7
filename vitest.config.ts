import { configDefaults, defineConfig } from 'vitest/config'
import RunOutcomeReporter from './test/support/vitest/run-outcome-reporter.ts'

/**
 * The tests that run the gateway in this process (no gateway process, no
 * dist/main.js): `npm run test:fast` is this project (test/README.md).
 */
export const IN_PROCESS_TESTS = ['test/unit/**/*.test.ts', 'test/property/**/*.test.ts', 'test/integration/**/*.test.ts']

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS and ESM builds; Node (and so every dependency) loads
    // the CJS one, and the schema's objects must come from that same copy.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    setupFiles: ['test/support/vitest/absent-databases.ts'],
    // The run outcome is what .ci/run counts passed/failed/skipped from.
    reporters: ['default', new RunOutcomeReporter({ outputFile: 'test-results/outcome.json' })],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'in-process',
          include: IN_PROCESS_TESTS,
          // Importing the server takes a fork about a second; without isolation
          // each worker imports it once instead of once per file. These files
          // share no module state: each starts its own gateway on its own
          // scratch database, and restores what it changes (timers, spies).
          isolate: false,
          // Nothing here waits on a clock or another process, so every core
          // can take a file (vitest's default leaves one core idle: on two
          // cores, one file at a time).
          maxWorkers: '100%',
          // Before the process tests, which keep vitest's default parallelism.
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'processes',
          include: ['test/**/*.test.ts'],
          // A scratch app's own tests: they run where test/client/package.test.ts installs the packed kit.
          exclude: [...configDefaults.exclude, 'test/fixtures/kit-app/**', ...IN_PROCESS_TESTS],
          // Builds dist/main.js, which the process tests start as `npm start` does.
          globalSetup: ['test/support/vitest/global-setup.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})

import { configDefaults, defineConfig } from 'vitest/config'
import RunOutcomeReporter from './test/support/vitest/run-outcome-reporter.ts'

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS and ESM builds; Node (and so every dependency) loads
    // the CJS one, and the schema's objects must come from that same copy.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // A scratch app's own tests: they run where test/client/package.test.ts installs the packed kit.
    exclude: [...configDefaults.exclude, 'test/fixtures/kit-app/**'],
    globalSetup: ['test/support/vitest/global-setup.ts'],
    setupFiles: ['test/support/vitest/absent-databases.ts'],
    // The run outcome is what .ci/run counts passed/failed/skipped from.
    reporters: ['default', new RunOutcomeReporter({ outputFile: 'test-results/outcome.json' })],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})

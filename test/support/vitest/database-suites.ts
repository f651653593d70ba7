// Suites that need a database say so by how they are declared, so that a run
// without TEST_POSTGRES_URL still collects the PostgreSQL half and reports it
// as skipped, with the reason, instead of letting it vanish from the count.
// The skipping itself is absent-databases.ts's job (the setup file), which
// honours `skipReason` on any suite.
import { describe } from 'vitest'
import { POSTGRES_ABSENT, providers, type Provider } from '../harness/databases.ts'

declare module '@vitest/runner' {
  interface TaskMeta {
    /** Set on a suite that cannot run here: its hooks never run and each of its tests is skipped with this reason. */
    skipReason?: string
  }
}

/** Why a suite on `provider` cannot run here, or undefined when it can. */
export function databaseAbsent(provider: Provider): string | undefined {
  return provider === 'postgres' ? POSTGRES_ABSENT : undefined
}

/** A suite that needs `provider`: skipped, with the reason, when that database is not there. */
export function describeOn(provider: Provider, name: string, body: () => void): void {
  const skipReason = databaseAbsent(provider)
  describe(name, { meta: skipReason ? { skipReason } : {} }, body)
}

/** A suite that only makes sense on PostgreSQL. */
export function describeOnPostgres(name: string, body: () => void): void {
  describeOn('postgres', name, body)
}

/** The same suite once per database; `%s` in the name becomes the provider, as with describe.each. */
export function describeOnEachDatabase(name: string, body: (provider: Provider) => void): void {
  for (const provider of providers) describeOn(provider, name.replaceAll('%s', provider), () => body(provider))
}

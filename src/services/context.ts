import type { Database } from '../db/client.ts'
import type { Loaders } from '../db/loaders.ts'
import type { Principal } from '../domain/principal.ts'
import type { WriteObserver } from './write-transaction.ts'

/**
 * What one request carries into the services: small, and read-only. (Its id
 * travels with the log context instead: see logger.ts requestScope.)
 */
export interface RequestContext {
  readonly principal: Principal
  readonly loaders: Loaders
  readonly db: Database
  readonly writes: WriteObserver
}

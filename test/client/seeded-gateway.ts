// One real gateway process per client test file, started as `npm start`
// starts it, on a fresh SQLite file seeded with the people the client tests
// act on, and the tokens they act with.
import { mintToken } from '../../src/auth/mint.ts'
import type { SeedFile } from '../../src/db/seed.ts'
import { scratchDatabase, type ScratchDatabase } from '../support/harness/databases.ts'
import { launchGateway, productionEnv, RESILIENCE_SECRET, type LaunchedGateway } from '../support/harness/process.ts'
import { prepareDatabase } from '../support/resilience/invariants.ts'

export const people = {
  kim: { id: 'c1000000-0000-4000-8000-000000000001', userPrincipalName: 'kim@contoso.com', displayName: 'Kim Akers', directoryRoles: [] },
  lee: { id: 'c1000000-0000-4000-8000-000000000002', userPrincipalName: 'lee@contoso.com', displayName: 'Lee Gu', directoryRoles: [] },
  ana: { id: 'c1000000-0000-4000-8000-000000000003', userPrincipalName: 'ana@contoso.com', displayName: 'Ana Bowman', directoryRoles: [] },
  bo: { id: 'c1000000-0000-4000-8000-000000000004', userPrincipalName: 'bo@contoso.com', displayName: 'Bo Chen', directoryRoles: [] },
} as const

const tenants: SeedFile = {
  tenants: [{ id: 'contoso', users: Object.values(people).map((person) => ({ ...person, directoryRoles: [] })) }],
}

export interface SeededGateway {
  url: string
  /** An app-only token that may read and write every phone and the SMS policy, and read the audit log (and sees full numbers). */
  adminToken: string
  /** Kim's own token: reads and deletes her phones, may not add one. */
  kimToken: string
  stop(): Promise<void>
}

/** `env`: more settings of the process (PERSISTED_OPERATIONS, say). */
export async function startSeededGateway(env: Record<string, string> = {}): Promise<SeededGateway> {
  const scratch: ScratchDatabase = await scratchDatabase('sqlite')
  let gateway: LaunchedGateway | undefined
  try {
    await prepareDatabase(scratch.url, tenants)
    gateway = await launchGateway({ env: productionEnv(scratch.url, env) })
  } catch (error) {
    await scratch.drop()
    throw error
  }
  return {
    url: gateway.url,
    adminToken: await mintToken(RESILIENCE_SECRET, {
      tid: 'contoso',
      sub: 'kit-admin-app',
      roles: ['UserAuthenticationMethod.ReadWrite.All', 'Policy.ReadWrite.AuthenticationMethod', 'AuditLog.Read.All'],
    }),
    kimToken: await mintToken(RESILIENCE_SECRET, { tid: 'contoso', sub: people.kim.id, scp: 'UserAuthenticationMethod.ReadWrite' }),
    stop: async () => {
      await gateway.kill9()
      await scratch.drop()
    },
  }
}

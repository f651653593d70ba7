// A tenant worth attacking: enough users, each with every phone type, and an
// audit trail, so that the heaviest allowed request reads thousands of rows;
// and a gateway process started on it as `npm start` starts one.
import { randomUUID } from 'node:crypto'
import { mintToken } from '../../src/auth/mint.ts'
import type { SeedFile } from '../../src/db/seed.ts'
import { DirectoryRole } from '../../src/domain/principal.ts'
import { prepareDatabase, withDatabase } from '../support/resilience/invariants.ts'
import { RESILIENCE_SECRET } from '../support/harness/process.ts'

export const USERS = 400
const READER_ID = 'adversarial-reader'
const AUDIT_EVENTS = 600

const userId = (index: number) => `adv-${String(index).padStart(4, '0')}`

const tenants: SeedFile = {
  tenants: [
    {
      id: 'contoso',
      users: [
        { id: READER_ID, userPrincipalName: 'reader@contoso.com', displayName: 'Reader', directoryRoles: [DirectoryRole.globalReader] },
        ...Array.from({ length: USERS }, (_, i) => ({ id: userId(i), userPrincipalName: `${userId(i)}@contoso.com`, displayName: `User ${i}`, directoryRoles: [] })),
      ],
    },
  ],
}

const number = (index: number, line: number) => `+1 206555${String(index * 3 + line).padStart(4, '0')}`

/** Migrates, seeds the users, gives each one a phone of every type, and writes an audit trail about them. */
export async function prepareHeavyTenant(url: string): Promise<void> {
  await prepareDatabase(url, tenants)
  await withDatabase(url, async ({ client }) => {
    const types = ['mobile', 'alternateMobile', 'office'] as const
    await client.phoneMethod.createMany({
      data: Array.from({ length: USERS }, (_, i) => types.map((phoneType, line) => ({ tenantId: 'contoso', userId: userId(i), phoneType, phoneNumber: number(i, line) }))).flat(),
    })
    // Recent: the gateway purges events older than its retention.
    const start = Date.now() - AUDIT_EVENTS * 1000
    await client.auditEvent.createMany({
      data: Array.from({ length: AUDIT_EVENTS }, (_, i) => ({
        id: randomUUID(),
        tenantId: 'contoso',
        activityDateTime: new Date(start + i * 1000),
        activityDisplayName: 'Admin registered security info',
        category: 'UserManagement',
        result: 'success' as const,
        initiatedByAppId: 'seed',
        targetUserId: userId(i % USERS),
        requestId: `seed-${i}`,
      })),
    })
  })
}

/** A Global Reader who may also read the audit log: every read of the schema is open to them. */
export const readerToken = () =>
  mintToken(RESILIENCE_SECRET, {
    tid: 'contoso',
    sub: READER_ID,
    scp: 'UserAuthenticationMethod.Read.All AuditLog.Read.All Policy.Read.All',
    wids: [DirectoryRole.globalReader],
  })

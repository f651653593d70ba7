// The people of the test tenants, and tokens for each persona.
import { mintToken, type TokenClaims } from '../../../src/auth/mint.ts'
import type { SeedFile } from '../../../src/db/seed.ts'
import { DirectoryRole } from '../../../src/domain/principal.ts'

export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long'

export const people = {
  kim: { id: '11111111-aaaa-4aaa-8aaa-000000000001', userPrincipalName: 'kim@contoso.com', displayName: 'Kim Akers', directoryRoles: [] },
  lee: { id: '11111111-aaaa-4aaa-8aaa-000000000002', userPrincipalName: 'lee@contoso.com', displayName: 'Lee Gu', directoryRoles: [] },
  admin: {
    id: '11111111-aaaa-4aaa-8aaa-000000000003',
    userPrincipalName: 'admin@contoso.com',
    displayName: 'Privileged Admin',
    directoryRoles: [DirectoryRole.privilegedAuthenticationAdministrator],
  },
  authAdmin: {
    id: '11111111-aaaa-4aaa-8aaa-000000000004',
    userPrincipalName: 'authadmin@contoso.com',
    displayName: 'Auth Admin',
    directoryRoles: [DirectoryRole.authenticationAdministrator],
  },
  reader: {
    id: '11111111-aaaa-4aaa-8aaa-000000000005',
    userPrincipalName: 'reader@contoso.com',
    displayName: 'Global Reader',
    directoryRoles: [DirectoryRole.globalReader],
  },
  policyAdmin: {
    id: '11111111-aaaa-4aaa-8aaa-000000000006',
    userPrincipalName: 'policyadmin@contoso.com',
    displayName: 'Policy Admin',
    directoryRoles: [DirectoryRole.authenticationPolicyAdministrator],
  },
  globalAdmin: {
    id: '11111111-aaaa-4aaa-8aaa-000000000007',
    userPrincipalName: 'globaladmin@contoso.com',
    displayName: 'Global Admin',
    directoryRoles: [DirectoryRole.globalAdministrator],
  },
  outsider: {
    id: '22222222-bbbb-4bbb-8bbb-000000000001',
    userPrincipalName: 'pat@fabrikam.com',
    displayName: 'Pat (fabrikam)',
    directoryRoles: [],
  },
} as const

export const testTenants: SeedFile = {
  tenants: [
    {
      id: 'contoso',
      users: [people.kim, people.lee, people.admin, people.authAdmin, people.reader, people.policyAdmin, people.globalAdmin].map(
        (person) => ({ ...person, directoryRoles: [...person.directoryRoles] }),
      ),
    },
    { id: 'fabrikam', users: [{ ...people.outsider, directoryRoles: [] }] },
  ],
}

export const scopes = {
  writeAll: 'UserAuthenticationMethod.ReadWrite.All',
  readAll: 'UserAuthenticationMethod.Read.All',
  readWriteSelf: 'UserAuthenticationMethod.ReadWrite',
  readSelf: 'UserAuthenticationMethod.Read',
  policyWrite: 'Policy.ReadWrite.AuthenticationMethod',
  policyRead: 'Policy.Read.All',
  auditLogRead: 'AuditLog.Read.All',
}

export function tokenFor(claims: Partial<TokenClaims> & { sub: string }, expiresIn = 3600): Promise<string> {
  return mintToken(TEST_SECRET, { tid: 'contoso', ...claims }, expiresIn)
}

/** Ready-made tokens for the usual personas. */
export async function personaTokens() {
  const as = (person: { id: string; directoryRoles: readonly string[] }, scp: string) =>
    tokenFor({ sub: person.id, scp, wids: [...person.directoryRoles] })
  return {
    admin: await as(people.admin, `${scopes.writeAll} ${scopes.policyWrite}`),
    authAdmin: await as(people.authAdmin, scopes.writeAll),
    reader: await as(people.reader, scopes.readAll),
    /** The Global Reader who may also read the audit log. */
    auditor: await as(people.reader, `${scopes.auditLogRead} ${scopes.readAll}`),
    kim: await as(people.kim, scopes.readWriteSelf),
    policyAdmin: await as(people.policyAdmin, `${scopes.policyWrite} ${scopes.readAll}`),
    app: await tokenFor({ sub: 'app-0001', roles: [scopes.writeAll, scopes.policyWrite] }),
    outsider: await tokenFor({
      tid: 'fabrikam',
      sub: people.outsider.id,
      scp: `${scopes.writeAll} ${scopes.policyWrite}`,
      wids: [DirectoryRole.privilegedAuthenticationAdministrator],
    }),
  }
}

// The Authentication Administrator's reach (src/domain/permissions.ts): Entra's
// "Who can reset passwords" list, and a decision that fails closed.
import { describe, expect, it } from 'vitest'
import { decide, ROLES_AN_AUTHENTICATION_ADMINISTRATOR_MAY_RESET } from '../../src/domain/permissions.ts'
import { DirectoryRole, type Principal } from '../../src/domain/principal.ts'

const caller = (...roles: string[]): Principal => ({
  tenantId: 'contoso',
  subjectId: 'caller',
  kind: 'user',
  scopes: new Set(['UserAuthenticationMethod.ReadWrite.All']),
  appPermissions: new Set(),
  directoryRoles: new Set(roles),
})
const onTarget = (...roles: string[]) => ({ kind: 'otherUser' as const, directoryRoles: new Set(roles) })
const HELPDESK_ADMINISTRATOR = '729827e3-9c14-49f7-bb1b-9608f156bbb8'
const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1'

describe("an Authentication Administrator's reach", () => {
  const authAdmin = caller(DirectoryRole.authenticationAdministrator)

  it('is the eight roles of the "Auth Admin" column, by template id', () => {
    expect([...ROLES_AN_AUTHENTICATION_ADMINISTRATOR_MAY_RESET].sort()).toEqual(
      [
        'c4e39bd9-1100-46d3-8c65-fb160da0071f', // Authentication Administrator
        '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', // Directory Readers
        '95e79109-95c0-4d8e-aee3-d01accf2d47b', // Guest Inviter
        '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b', // Message Center Reader
        '966707d0-3269-4727-9be2-8c3a10f19b9d', // Password Administrator
        '4a5d8f65-41da-4de4-8968-e035b65339cf', // Reports Reader
        '27460883-1df1-4691-b032-3b79643e5e63', // User Experience Success Manager
        '75934031-6c7e-415a-99d7-48dbd49e875e', // Usage Summary Reports Reader
      ].sort(),
    )
  })

  it('covers users with no role, or only listed roles', () => {
    expect(decide(authAdmin, 'addPhoneMethod', onTarget()).allowed).toBe(true)
    for (const role of ROLES_AN_AUTHENTICATION_ADMINISTRATOR_MAY_RESET) {
      expect(decide(authAdmin, 'deletePhoneMethod', onTarget(role)).allowed, role).toBe(true)
    }
    expect(decide(authAdmin, 'updateSignInPreferences', onTarget(DirectoryRole.directoryReaders, DirectoryRole.reportsReader)).allowed).toBe(true)
  })

  it('stops at any other role, even beside a listed one', () => {
    for (const role of [DirectoryRole.globalAdministrator, DirectoryRole.privilegedAuthenticationAdministrator, HELPDESK_ADMINISTRATOR, USER_ADMINISTRATOR]) {
      expect(decide(authAdmin, 'updatePhoneMethod', onTarget(role)).allowed, role).toBe(false)
    }
    expect(decide(authAdmin, 'enableSmsSignIn', onTarget(DirectoryRole.directoryReaders, HELPDESK_ADMINISTRATOR)).allowed).toBe(false)
  })

  it('fails closed when the target roles are unknown', () => {
    expect(decide(authAdmin, 'addPhoneMethod', { kind: 'otherUser' }).allowed).toBe(false)
  })

  it('does not limit a Privileged Authentication Administrator or a Global Administrator', () => {
    for (const admin of [caller(DirectoryRole.privilegedAuthenticationAdministrator), caller(DirectoryRole.globalAdministrator)]) {
      expect(decide(admin, 'addPhoneMethod', onTarget(DirectoryRole.globalAdministrator)).allowed).toBe(true)
      expect(decide(admin, 'addPhoneMethod', { kind: 'otherUser' }).allowed).toBe(true)
    }
  })
})

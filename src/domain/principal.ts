/** Who is calling: the verified claims of an Entra-shaped access token. */
export interface Principal {
  readonly tenantId: string
  /** The caller's object id: the user for user tokens, the app for app-only tokens. */
  readonly subjectId: string
  /** App-only tokens carry application permissions (`roles`) and no delegated scopes (`scp`). */
  readonly kind: 'user' | 'app'
  readonly scopes: ReadonlySet<string>
  readonly appPermissions: ReadonlySet<string>
  /** Directory role template ids (`wids`). */
  readonly directoryRoles: ReadonlySet<string>
}

/** Directory role template ids, as Entra ID defines them. */
export const DirectoryRole = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  authenticationPolicyAdministrator: '0526716b-113d-4c15-b2c8-68e3c22b9f80',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  guestInviter: '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  messageCenterReader: '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b',
  passwordAdministrator: '966707d0-3269-4727-9be2-8c3a10f19b9d',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  userExperienceSuccessManager: '27460883-1df1-4691-b032-3b79643e5e63',
  usageSummaryReportsReader: '75934031-6c7e-415a-99d7-48dbd49e875e',
} as const

export const DirectoryRoleName: Readonly<Record<string, string>> = {
  [DirectoryRole.globalAdministrator]: 'Global Administrator',
  [DirectoryRole.globalReader]: 'Global Reader',
  [DirectoryRole.authenticationAdministrator]: 'Authentication Administrator',
  [DirectoryRole.privilegedAuthenticationAdministrator]: 'Privileged Authentication Administrator',
  [DirectoryRole.authenticationPolicyAdministrator]: 'Authentication Policy Administrator',
  [DirectoryRole.directoryReaders]: 'Directory Readers',
  [DirectoryRole.guestInviter]: 'Guest Inviter',
  [DirectoryRole.messageCenterReader]: 'Message Center Reader',
  [DirectoryRole.passwordAdministrator]: 'Password Administrator',
  [DirectoryRole.reportsReader]: 'Reports Reader',
  [DirectoryRole.userExperienceSuccessManager]: 'User Experience Success Manager',
  [DirectoryRole.usageSummaryReportsReader]: 'Usage Summary Reports Reader',
}

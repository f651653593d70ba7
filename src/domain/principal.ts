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
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
} as const

export const DirectoryRoleName: Readonly<Record<string, string>> = {
  [DirectoryRole.globalAdministrator]: 'Global Administrator',
  [DirectoryRole.globalReader]: 'Global Reader',
  [DirectoryRole.authenticationAdministrator]: 'Authentication Administrator',
  [DirectoryRole.privilegedAuthenticationAdministrator]: 'Privileged Authentication Administrator',
  [DirectoryRole.authenticationPolicyAdministrator]: 'Authentication Policy Administrator',
  [DirectoryRole.reportsReader]: 'Reports Reader',
  [DirectoryRole.securityReader]: 'Security Reader',
  [DirectoryRole.securityAdministrator]: 'Security Administrator',
}

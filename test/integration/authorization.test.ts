// The authorization matrix of docs/permissions.md, as data:
//
//   GRID 1 — every persona × every operation, the user-aimed operations aimed
//            at lee, another user of contoso who holds no directory role.
//   GRID 2 — the user-aimed operations on the other kinds of target: the
//            caller's own account (by id and by userPrincipalName), users who
//            hold a directory role, users that do not exist, users of the
//            other tenant.
//
// Every cell is one test with an exact expected outcome. Cells run against
// one gateway per provider; every cell starts from the same baseline (the
// phones and policies of test/support/personas/authz-fixtures.ts), and the state is put
// back after any cell that changed it, so cells do not depend on their order.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { PHONE_METHOD_ID } from '../../src/domain/phone-method.ts'
import { DEFAULT_SMS_POLICY } from '../../src/domain/sms-policy.ts'
import {
  AUDIT_PERSONAS,
  auditMatrixTokens,
  authzTenants,
  changedKeys,
  mobileOf,
  everyone,
  PERSONAS,
  matrixTokens,
  phoneSnapshot,
  phoneView,
  POLICY_OF,
  policySnapshot,
  resetState,
  restore,
  slice,
  snapshot,
  tenantOfPersona,
  tenantView,
  unregisterMobileOf,
  userOfPersona,
  userView,
  type AuditPersona,
  type Persona,
  type PersonName,
  type Snapshot,
  type Visibility,
} from '../support/personas/authz-fixtures.ts'
import { codes, startGateway, type GraphQLResponse, type TestGateway } from '../support/harness/gateway.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

// ---------------------------------------------------------------------------
// The operations, each asking for everything that masking could touch.

const USER_FIELDS = 'id userPrincipalName phoneMethods { methodId phoneNumber isPhoneNumberMasked phoneType smsSignInState }'
const PHONE_FIELDS = 'methodId phoneNumber isPhoneNumberMasked phoneType smsSignInState'
const POLICY_FIELDS = 'id state includeTargets { id targetType isUsableForSignIn } excludeTargets { id targetType }'
const PREFERENCE_FIELDS = 'userPreferredMethodForSecondaryAuthentication isSystemPreferredAuthenticationMethodEnabled'
const MOBILE = PHONE_METHOD_ID.mobile
const ADDED_NUMBER = { full: '+1 4255550100', masked: '+1 XXXXXXXX00' }
const UPDATED_NUMBER = { full: '+1 4255550111', masked: '+1 XXXXXXXX11' }

const OPERATIONS = {
  user: { aimedAtUser: true, mutation: false, document: `query ($target: String!) { result: user(id: $target) { ${USER_FIELDS} } }` },
  users: { aimedAtUser: false, mutation: false, document: `{ result: users(first: 50) { edges { node { ${USER_FIELDS} } } } }` },
  phoneMethod: {
    aimedAtUser: true,
    mutation: false,
    document: `query ($target: String!) { result: phoneMethod(userId: $target, methodId: "${MOBILE}") { ${PHONE_FIELDS} } }`,
  },
  me: { aimedAtUser: false, mutation: false, document: `{ result: me { ${USER_FIELDS} } }` },
  addPhoneMethod: {
    aimedAtUser: true,
    mutation: true,
    document: `mutation ($target: String!) {
      result: addPhoneMethod(input: { userId: $target, phoneNumber: "${ADDED_NUMBER.full}", phoneType: alternateMobile }) { ${PHONE_FIELDS} }
    }`,
  },
  updatePhoneMethod: {
    aimedAtUser: true,
    mutation: true,
    document: `mutation ($target: String!) {
      result: updatePhoneMethod(input: { userId: $target, methodId: "${MOBILE}", phoneNumber: "${UPDATED_NUMBER.full}" }) { ${PHONE_FIELDS} }
    }`,
  },
  deletePhoneMethod: {
    aimedAtUser: true,
    mutation: true,
    document: `mutation ($target: String!) { result: deletePhoneMethod(input: { userId: $target, methodId: "${MOBILE}" }) { methodId } }`,
  },
  enableSmsSignIn: {
    aimedAtUser: true,
    mutation: true,
    document: `mutation ($target: String!) { result: enableSmsSignIn(input: { userId: $target, methodId: "${MOBILE}" }) { ${PHONE_FIELDS} } }`,
  },
  disableSmsSignIn: {
    aimedAtUser: true,
    mutation: true,
    document: `mutation ($target: String!) { result: disableSmsSignIn(input: { userId: $target, methodId: "${MOBILE}" }) { ${PHONE_FIELDS} } }`,
  },
  smsAuthenticationMethodConfiguration: {
    aimedAtUser: false,
    mutation: false,
    document: `{ result: smsAuthenticationMethodConfiguration { ${POLICY_FIELDS} } }`,
  },
  updateSmsAuthenticationMethodConfiguration: {
    aimedAtUser: false,
    mutation: true,
    document: `mutation { result: updateSmsAuthenticationMethodConfiguration(input: { state: disabled }) { ${POLICY_FIELDS} } }`,
  },
  signInPreferences: {
    aimedAtUser: true,
    mutation: false,
    document: `query ($target: String!) { result: user(id: $target) { signInPreferences { ${PREFERENCE_FIELDS} } } }`,
  },
  updateSignInPreferences: {
    aimedAtUser: true,
    mutation: true,
    document: `mutation ($target: String!) {
      result: updateSignInPreferences(input: { userId: $target, userPreferredMethodForSecondaryAuthentication: sms }) { ${PREFERENCE_FIELDS} }
    }`,
  },
  resetSmsAuthenticationMethodConfiguration: {
    aimedAtUser: false,
    mutation: true,
    document: `mutation { result: resetSmsAuthenticationMethodConfiguration { ${POLICY_FIELDS} } }`,
  },
} as const
type Operation = keyof typeof OPERATIONS

// ---------------------------------------------------------------------------
// Targets: how a case names the user it is aimed at.

const TARGETS = {
  kim: everyone.kim.id,
  'kim@': everyone.kim.userPrincipalName,
  lee: everyone.lee.id,
  'LEE@': 'LEE@Contoso.COM',
  ray: everyone.ray.id,
  'ray@': everyone.ray.userPrincipalName,
  admin: everyone.admin.id,
  'admin@': everyone.admin.userPrincipalName,
  authAdmin: everyone.authAdmin.id,
  reader: everyone.reader.id,
  policyAdmin: everyone.policyAdmin.id,
  globalAdmin: everyone.globalAdmin.id,
  directoryReader: everyone.directoryReader.id,
  guestInviter: everyone.guestInviter.id,
  messageCenterReader: everyone.messageCenterReader.id,
  passwordAdmin: everyone.passwordAdmin.id,
  reportsReader: everyone.reportsReader.id,
  successManager: everyone.successManager.id,
  usageReader: everyone.usageReader.id,
  readerAndHelpdesk: everyone.readerAndHelpdesk.id,
  pat: everyone.outsider.id,
  'pat@': everyone.outsider.userPrincipalName,
  nobody: '11111111-aaaa-4aaa-8aaa-0000000000ff',
  'nobody@': 'nobody@contoso.com',
} as const
type Target = keyof typeof TARGETS

/** Who a target names, in whichever tenant holds them (null: nobody anywhere). */
const OWNER: Record<Target, PersonName | null> = {
  kim: 'kim',
  'kim@': 'kim',
  lee: 'lee',
  'LEE@': 'lee',
  ray: 'ray',
  'ray@': 'ray',
  admin: 'admin',
  'admin@': 'admin',
  authAdmin: 'authAdmin',
  reader: 'reader',
  policyAdmin: 'policyAdmin',
  globalAdmin: 'globalAdmin',
  directoryReader: 'directoryReader',
  guestInviter: 'guestInviter',
  messageCenterReader: 'messageCenterReader',
  passwordAdmin: 'passwordAdmin',
  reportsReader: 'reportsReader',
  successManager: 'successManager',
  usageReader: 'usageReader',
  readerAndHelpdesk: 'readerAndHelpdesk',
  pat: 'outsider',
  'pat@': 'outsider',
  nobody: null,
  'nobody@': null,
}

// ---------------------------------------------------------------------------
// Cells: the expected outcome of one operation for one caller on one target.

type Cell =
  | { kind: 'unauthenticated' }
  /** Success; phone numbers of the target read in full. */
  | { kind: 'full' }
  /** Success; phone numbers of the target read masked ("+1 XXXXXXXX55"). */
  | { kind: 'masked' }
  /** Success where nothing is masked (delete, the SMS policy). */
  | { kind: 'ok' }
  /** A nullable read that answers null, no error. */
  | { kind: 'null' }
  | { kind: 'error'; code: 'FORBIDDEN'; mentions: string[] }
  | { kind: 'error'; code: 'NOT_FOUND' }

const U: Cell = { kind: 'unauthenticated' }
const FULL: Cell = { kind: 'full' }
const MASK: Cell = { kind: 'masked' }
const OK: Cell = { kind: 'ok' }
const NULL: Cell = { kind: 'null' }
const NF: Cell = { kind: 'error', code: 'NOT_FOUND' }
/** FORBIDDEN, and the message names each of these (scopes, permissions, roles, or the reason). */
const F = (...mentions: string[]): Cell => ({ kind: 'error', code: 'FORBIDDEN', mentions })

// The FORBIDDEN answers, by what is missing.
const F_READ_ALL = F('UserAuthenticationMethod.Read.All') //             reading another user needs an .All scope (or app permission)
const F_READER_ROLE = F('Global Reader', 'Authentication Administrator', 'Privileged Authentication Administrator', 'Global Administrator')
const F_WRITE_ALL = F('UserAuthenticationMethod.ReadWrite.All') //       changing another user needs a .ReadWrite.All scope (or app permission)
const F_WRITER_ROLE = F('Privileged Authentication Administrator', 'Global Administrator', 'Authentication Administrator')
const F_PAA = F('Privileged Authentication Administrator', 'Global Administrator') // an Authentication Administrator on a user holding a role off its list
const F_SELF_READ = F('UserAuthenticationMethod.Read') //                reading oneself needs at least .Read
const F_SELF_WRITE = F('UserAuthenticationMethod.ReadWrite') //          delete/enable/disable on oneself needs at least .ReadWrite
const F_OWN = F("users can't add or update a phone method on their own account")
const F_USER_TOKEN = F('user token') //                                  me with an app-only token
const F_POLICY_READ = F('Policy.Read.All')
const F_POLICY_WRITE = F('Policy.ReadWrite.AuthenticationMethod')
const F_POLICY_ROLE = F('Authentication Policy Administrator', 'Global Administrator')
const F_POLICY_READER_ROLE = F('Global Reader', 'Authentication Policy Administrator', 'Global Administrator')

// ---------------------------------------------------------------------------
// Legend. U: HTTP 401 + UNAUTHENTICATED. FULL / MASK: success, the target's numbers in
// full / masked. OK: success where nothing is masked. NULL: null, no error. NF: NOT_FOUND.
// F_…: FORBIDDEN, and the message names what is missing (see the F_ constants above).
// Personas are "<who> · <scope or permission>"; who: kim (a plain user), GR (Global
// Reader), AA (Authentication Administrator), PAA (Privileged Authentication
// Administrator), APA (Authentication Policy Administrator), GA (Global Administrator),
// app (app-only token, permissions in `roles`), fabrikam … (a caller of the other tenant).
// Scopes without a prefix are UserAuthenticationMethod.*, "Phone." is UserAuthMethod-Phone.*.
//
// GRID 1: every persona × every operation. User-aimed operations are aimed at
// lee (contoso, no directory role): for contoso callers "another user", for
// fabrikam callers a user of another tenant.

type Grid1Row = [
  persona: Persona,
  user: Cell,
  users: Cell,
  phoneMethod: Cell,
  me: Cell,
  addPhoneMethod: Cell,
  updatePhoneMethod: Cell,
  deletePhoneMethod: Cell,
  enableSmsSignIn: Cell,
  disableSmsSignIn: Cell,
  smsPolicy: Cell,
  updateSmsPolicy: Cell,
  signInPreferences: Cell,
  updateSignInPreferences: Cell,
  resetSmsPolicy: Cell,
]
const GRID1_COLUMNS: Operation[] = [
  'user',
  'users',
  'phoneMethod',
  'me',
  'addPhoneMethod',
  'updatePhoneMethod',
  'deletePhoneMethod',
  'enableSmsSignIn',
  'disableSmsSignIn',
  'smsAuthenticationMethodConfiguration',
  'updateSmsAuthenticationMethodConfiguration',
  'signInPreferences',
  'updateSignInPreferences',
  'resetSmsAuthenticationMethodConfiguration',
]

// prettier-ignore
const GRID1: Grid1Row[] = [
  //  persona                                               user(lee)       users           phoneMethod     me              add(lee)        update(lee)     delete(lee)     enable(lee)     disable(lee)    smsPolicy       updateSmsPolicy signInPrefs(lee) updatePrefs(lee) resetSmsPolicy
  ['anonymous',                                             U,              U,              U,              U,              U,              U,              U,              U,              U,              U,              U,              U,              U,              U],

  // A plain user: self scopes open their own account only (grid 2), never another user.
  ['kim · Read',                                            F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     FULL,           F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  ['kim · ReadWrite',                                       F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     FULL,           F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  ['kim · Phone.Read',                                      F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     FULL,           F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  ['kim · Phone.ReadWrite',                                 F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     FULL,           F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  // The right scope for other users, but no directory role.
  ['kim · Read.All (no role)',                              F_READER_ROLE,  F_READER_ROLE,  F_READER_ROLE,  FULL,           F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, F_READER_ROLE,  F_WRITE_ALL,    F_POLICY_WRITE],
  ['kim · ReadWrite.All (no role)',                         F_READER_ROLE,  F_READER_ROLE,  F_READER_ROLE,  FULL,           F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_POLICY_READ,  F_POLICY_WRITE, F_READER_ROLE,  F_WRITER_ROLE,  F_POLICY_WRITE],
  ['kim · Phone.Read.All (no role)',                        F_READER_ROLE,  F_READER_ROLE,  F_READER_ROLE,  FULL,           F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, F_READER_ROLE,  F_WRITE_ALL,    F_POLICY_WRITE],
  ['kim · Phone.ReadWrite.All (no role)',                   F_READER_ROLE,  F_READER_ROLE,  F_READER_ROLE,  FULL,           F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_POLICY_READ,  F_POLICY_WRITE, F_READER_ROLE,  F_WRITER_ROLE,  F_POLICY_WRITE],
  ['kim · User.Read',                                       F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  // The SMS policy: a policy scope opens nothing without a role (Global Reader, Authentication Policy Administrator or Global Administrator).
  ['kim · Policy.Read.All',                                 F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READER_ROLE,F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  ['kim · Policy.ReadWrite.AuthenticationMethod (no role)', F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READER_ROLE,F_POLICY_ROLE,  F_READ_ALL,     F_WRITE_ALL,    F_POLICY_ROLE],
  ['kim · Policy.Read.AuthenticationMethod (no role)',      F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READER_ROLE,F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],

  // Global Reader: reads other users, masked; changes nothing.
  ['GR · Read.All',                                         MASK,           MASK,           MASK,           FULL,           F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, OK,             F_WRITE_ALL,    F_POLICY_WRITE],
  ['GR · Phone.Read.All',                                   MASK,           MASK,           MASK,           FULL,           F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, OK,             F_WRITE_ALL,    F_POLICY_WRITE],
  ['GR · ReadWrite.All',                                    MASK,           MASK,           MASK,           FULL,           F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_POLICY_READ,  F_POLICY_WRITE, OK,             F_WRITER_ROLE,  F_POLICY_WRITE],
  // ... and reading the SMS policy, with any policy read scope (Policy.Read.AuthenticationMethod is the least privileged).
  ['GR · Policy.Read.All',                                  F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    OK,             F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  ['GR · Policy.Read.AuthenticationMethod',                 F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    OK,             F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],

  // Authentication Administrator: reads masked, changes users who hold no directory role (lee).
  ['AA · ReadWrite.All',                                    MASK,           MASK,           MASK,           FULL,           MASK,           MASK,           OK,             MASK,           MASK,           F_POLICY_READ,  F_POLICY_WRITE, OK,             OK,             F_POLICY_WRITE],
  ['AA (ray) · ReadWrite.All',                              MASK,           MASK,           MASK,           FULL,           MASK,           MASK,           OK,             MASK,           MASK,           F_POLICY_READ,  F_POLICY_WRITE, OK,             OK,             F_POLICY_WRITE],
  ['AA · Phone.ReadWrite.All',                              MASK,           MASK,           MASK,           FULL,           MASK,           MASK,           OK,             MASK,           MASK,           F_POLICY_READ,  F_POLICY_WRITE, OK,             OK,             F_POLICY_WRITE],
  ['AA · Read.All',                                         MASK,           MASK,           MASK,           FULL,           F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, OK,             F_WRITE_ALL,    F_POLICY_WRITE],

  // Privileged Authentication Administrator: full numbers, any target; a role without the scope opens nothing.
  ['PAA · ReadWrite.All',                                   FULL,           FULL,           FULL,           FULL,           FULL,           FULL,           OK,             FULL,           FULL,           F_POLICY_READ,  F_POLICY_WRITE, OK,             OK,             F_POLICY_WRITE],
  ['PAA · Phone.ReadWrite.All',                             FULL,           FULL,           FULL,           FULL,           FULL,           FULL,           OK,             FULL,           FULL,           F_POLICY_READ,  F_POLICY_WRITE, OK,             OK,             F_POLICY_WRITE],
  ['PAA · Read.All',                                        FULL,           FULL,           FULL,           FULL,           F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, OK,             F_WRITE_ALL,    F_POLICY_WRITE],
  ['PAA · ReadWrite (self scope only)',                     F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     FULL,           F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  ['PAA · User.Read (role, no scope)',                      F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  ['PAA · Policy.ReadWrite.AuthenticationMethod',           F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READER_ROLE,F_POLICY_ROLE,  F_READ_ALL,     F_WRITE_ALL,    F_POLICY_ROLE],

  // Authentication Policy Administrator: the SMS policy only. Global Administrator: the SMS policy, and every user's
  // phones with full numbers (as a Privileged Authentication Administrator) when the token has the scope.
  ['APA · Policy.ReadWrite.AuthenticationMethod',           F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    OK,             OK,             F_READ_ALL,     F_WRITE_ALL,    OK],
  ['APA · Policy.Read.All',                                 F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    OK,             F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  ['APA · Policy.Read.AuthenticationMethod',                F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    OK,             F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  ['APA · ReadWrite.All',                                   F_READER_ROLE,  F_READER_ROLE,  F_READER_ROLE,  FULL,           F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_POLICY_READ,  F_POLICY_WRITE, F_READER_ROLE,  F_WRITER_ROLE,  F_POLICY_WRITE],
  ['GA · Policy.ReadWrite.AuthenticationMethod',            F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    OK,             OK,             F_READ_ALL,     F_WRITE_ALL,    OK],
  ['GA · User.Read (role, no scope)',                       F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  ['GA · ReadWrite.All',                                    FULL,           FULL,           FULL,           FULL,           FULL,           FULL,           OK,             FULL,           FULL,           F_POLICY_READ,  F_POLICY_WRITE, OK,             OK,             F_POLICY_WRITE],
  ['GA · Policy.Read.AuthenticationMethod',                 F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    OK,             F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],

  // App-only tokens: permissions in `roles`, full numbers, no `me`.
  ['app · ReadWrite.All',                                   FULL,           FULL,           FULL,           F_USER_TOKEN,   FULL,           FULL,           OK,             FULL,           FULL,           F_POLICY_READ,  F_POLICY_WRITE, OK,             OK,             F_POLICY_WRITE],
  ['app · Phone.ReadWrite.All',                             FULL,           FULL,           FULL,           F_USER_TOKEN,   FULL,           FULL,           OK,             FULL,           FULL,           F_POLICY_READ,  F_POLICY_WRITE, OK,             OK,             F_POLICY_WRITE],
  ['app · Read.All',                                        FULL,           FULL,           FULL,           F_USER_TOKEN,   F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, OK,             F_WRITE_ALL,    F_POLICY_WRITE],
  ['app · Phone.Read.All',                                  FULL,           FULL,           FULL,           F_USER_TOKEN,   F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, OK,             F_WRITE_ALL,    F_POLICY_WRITE],
  ['app · Policy.ReadWrite.AuthenticationMethod',           F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_USER_TOKEN,   F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    OK,             OK,             F_READ_ALL,     F_WRITE_ALL,    OK],
  ['app · Policy.Read.All',                                 F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_USER_TOKEN,   F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    OK,             F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  ['app · Policy.Read.AuthenticationMethod',                F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_USER_TOKEN,   F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    OK,             F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  ['app · ReadWrite (a delegated name)',                    F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_USER_TOKEN,   F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],
  ['app · no permission',                                   F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_USER_TOKEN,   F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_POLICY_READ,  F_POLICY_WRITE, F_READ_ALL,     F_WRITE_ALL,    F_POLICY_WRITE],

  // fabrikam callers: lee is in another tenant, so null / NOT_FOUND; users and the policy are fabrikam's own.
  ['fabrikam PAA · ReadWrite.All + Policy.ReadWrite',       NULL,           FULL,           NULL,           FULL,           NF,             NF,             NF,             NF,             NF,             F_POLICY_READER_ROLE,F_POLICY_ROLE,  NULL,           NF,             F_POLICY_ROLE],
  ['fabrikam GA · Policy.ReadWrite.AuthenticationMethod',   F_READ_ALL,     F_READ_ALL,     F_READ_ALL,     F_SELF_READ,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    OK,             OK,             F_READ_ALL,     F_WRITE_ALL,    OK],
  ['fabrikam app · ReadWrite.All + Policy.ReadWrite',       NULL,           FULL,           NULL,           F_USER_TOKEN,   NF,             NF,             NF,             NF,             NF,             OK,             OK,             NULL,           NF,             OK],
]

// ---------------------------------------------------------------------------
// GRID 2: the user-aimed operations on every other kind of target.

type Grid2Row = [
  persona: Persona,
  target: Target,
  user: Cell,
  phoneMethod: Cell,
  addPhoneMethod: Cell,
  updatePhoneMethod: Cell,
  deletePhoneMethod: Cell,
  enableSmsSignIn: Cell,
  disableSmsSignIn: Cell,
  signInPreferences: Cell,
  updateSignInPreferences: Cell,
]
const GRID2_COLUMNS: Operation[] = [
  'user',
  'phoneMethod',
  'addPhoneMethod',
  'updatePhoneMethod',
  'deletePhoneMethod',
  'enableSmsSignIn',
  'disableSmsSignIn',
  'signInPreferences',
  'updateSignInPreferences',
]

// prettier-ignore
const GRID2: Grid2Row[] = [
  //  persona                                          target        user            phoneMethod     add             update          delete          enable          disable         signInPrefs     updatePrefs

  // ON SELF. Reads: any self scope or its .All form. add/update: never, whatever the scope or role.
  // delete/enable/disable: a ReadWrite scope or its .All form.
  ['kim · Read',                                      'kim',        FULL,           FULL,           F_OWN,          F_OWN,          F_SELF_WRITE,   F_SELF_WRITE,   F_SELF_WRITE,   OK,             F_SELF_WRITE],
  ['kim · ReadWrite',                                 'kim',        FULL,           FULL,           F_OWN,          F_OWN,          OK,             FULL,           FULL,           OK,             OK],
  ['kim · Phone.Read',                                'kim',        FULL,           FULL,           F_OWN,          F_OWN,          F_SELF_WRITE,   F_SELF_WRITE,   F_SELF_WRITE,   OK,             F_SELF_WRITE],
  ['kim · Phone.ReadWrite',                           'kim',        FULL,           FULL,           F_OWN,          F_OWN,          OK,             FULL,           FULL,           OK,             OK],
  ['kim · Read.All (no role)',                        'kim',        FULL,           FULL,           F_OWN,          F_OWN,          F_SELF_WRITE,   F_SELF_WRITE,   F_SELF_WRITE,   OK,             F_SELF_WRITE],
  ['kim · ReadWrite.All (no role)',                   'kim',        FULL,           FULL,           F_OWN,          F_OWN,          OK,             FULL,           FULL,           OK,             OK],
  ['kim · Phone.Read.All (no role)',                  'kim',        FULL,           FULL,           F_OWN,          F_OWN,          F_SELF_WRITE,   F_SELF_WRITE,   F_SELF_WRITE,   OK,             F_SELF_WRITE],
  ['kim · Phone.ReadWrite.All (no role)',             'kim',        FULL,           FULL,           F_OWN,          F_OWN,          OK,             FULL,           FULL,           OK,             OK],
  ['kim · User.Read',                                 'kim',        F_SELF_READ,    F_SELF_READ,    F_OWN,          F_OWN,          F_SELF_WRITE,   F_SELF_WRITE,   F_SELF_WRITE,   F_SELF_READ,    F_SELF_WRITE],
  // ... by userPrincipalName: the same account, so the same answers.
  ['kim · Read',                                      'kim@',       FULL,           FULL,           F_OWN,          F_OWN,          F_SELF_WRITE,   F_SELF_WRITE,   F_SELF_WRITE,   OK,             F_SELF_WRITE],
  ['kim · ReadWrite',                                 'kim@',       FULL,           FULL,           F_OWN,          F_OWN,          OK,             FULL,           FULL,           OK,             OK],
  ['kim · User.Read',                                 'kim@',       F_SELF_READ,    F_SELF_READ,    F_OWN,          F_OWN,          F_SELF_WRITE,   F_SELF_WRITE,   F_SELF_WRITE,   F_SELF_READ,    F_SELF_WRITE],
  // ... admins on themselves: their own numbers in full; add/update never, even for a PAA.
  ['GR · Read.All',                                   'reader',     FULL,           FULL,           F_OWN,          F_OWN,          F_SELF_WRITE,   F_SELF_WRITE,   F_SELF_WRITE,   OK,             F_SELF_WRITE],
  ['AA · ReadWrite.All',                              'authAdmin',  FULL,           FULL,           F_OWN,          F_OWN,          OK,             FULL,           FULL,           OK,             OK],
  ['AA · Read.All',                                   'authAdmin',  FULL,           FULL,           F_OWN,          F_OWN,          F_SELF_WRITE,   F_SELF_WRITE,   F_SELF_WRITE,   OK,             F_SELF_WRITE],
  ['PAA · ReadWrite.All',                             'admin',      FULL,           FULL,           F_OWN,          F_OWN,          OK,             FULL,           FULL,           OK,             OK],
  ['PAA · Phone.ReadWrite.All',                       'admin@',     FULL,           FULL,           F_OWN,          F_OWN,          OK,             FULL,           FULL,           OK,             OK],
  ['PAA · ReadWrite (self scope only)',               'admin',      FULL,           FULL,           F_OWN,          F_OWN,          OK,             FULL,           FULL,           OK,             OK],
  ['PAA · User.Read (role, no scope)',                'admin',      F_SELF_READ,    F_SELF_READ,    F_OWN,          F_OWN,          F_SELF_WRITE,   F_SELF_WRITE,   F_SELF_WRITE,   F_SELF_READ,    F_SELF_WRITE],
  ['fabrikam PAA · ReadWrite.All + Policy.ReadWrite', 'pat',        FULL,           FULL,           F_OWN,          F_OWN,          OK,             FULL,           FULL,           OK,             OK],

  // ANOTHER USER WHO HOLDS A DIRECTORY ROLE (ray: Helpdesk Administrator, a role off the Authentication Administrator's list;
  // admin: PAA). Authentication Administrators read them, masked, but change none of them; others change them.
  ['AA · ReadWrite.All',                              'ray',        MASK,           MASK,           F_PAA,          F_PAA,          F_PAA,          F_PAA,          F_PAA,          OK,             F_PAA],
  ['AA · Phone.ReadWrite.All',                        'admin@',     MASK,           MASK,           F_PAA,          F_PAA,          F_PAA,          F_PAA,          F_PAA,          OK,             F_PAA],
  ['PAA · ReadWrite.All',                             'ray',        FULL,           FULL,           FULL,           FULL,           OK,             FULL,           FULL,           OK,             OK],
  ['PAA · Phone.ReadWrite.All',                       'authAdmin',  FULL,           FULL,           FULL,           FULL,           OK,             FULL,           FULL,           OK,             OK],
  ['app · ReadWrite.All',                             'ray',        FULL,           FULL,           FULL,           FULL,           OK,             FULL,           FULL,           OK,             OK],

  // USERS HOLDING A ROLE ON ENTRA'S LIST OF ROLES AN AUTHENTICATION ADMINISTRATOR MAY RESET (src/domain/permissions.ts):
  // within its reach, numbers still masked. A user with a listed role and an unlisted one, a Global Administrator
  // or a Privileged Authentication Administrator (above) is not.
  ['AA · ReadWrite.All',                              'directoryReader',MASK,           MASK,           MASK,           MASK,           OK,             MASK,           MASK,           OK,             OK],
  ['AA · ReadWrite.All',                              'guestInviter',MASK,           MASK,           MASK,           MASK,           OK,             MASK,           MASK,           OK,             OK],
  ['AA · ReadWrite.All',                              'messageCenterReader',MASK,           MASK,           MASK,           MASK,           OK,             MASK,           MASK,           OK,             OK],
  ['AA · ReadWrite.All',                              'passwordAdmin',MASK,           MASK,           MASK,           MASK,           OK,             MASK,           MASK,           OK,             OK],
  ['AA · ReadWrite.All',                              'reportsReader',MASK,           MASK,           MASK,           MASK,           OK,             MASK,           MASK,           OK,             OK],
  ['AA · ReadWrite.All',                              'successManager',MASK,           MASK,           MASK,           MASK,           OK,             MASK,           MASK,           OK,             OK],
  ['AA · ReadWrite.All',                              'usageReader',MASK,           MASK,           MASK,           MASK,           OK,             MASK,           MASK,           OK,             OK],
  ['AA (ray) · ReadWrite.All',                        'authAdmin',  MASK,           MASK,           MASK,           MASK,           OK,             MASK,           MASK,           OK,             OK],
  ['AA · ReadWrite.All',                              'readerAndHelpdesk',MASK,           MASK,           F_PAA,          F_PAA,          F_PAA,          F_PAA,          F_PAA,          OK,             F_PAA],
  ['AA · Phone.ReadWrite.All',                        'globalAdmin',MASK,           MASK,           F_PAA,          F_PAA,          F_PAA,          F_PAA,          F_PAA,          OK,             F_PAA],
  // A Global Administrator reaches everyone, with full numbers, but adds and updates no phone of its own.
  ['GA · ReadWrite.All',                              'admin',      FULL,           FULL,           FULL,           FULL,           OK,             FULL,           FULL,           OK,             OK],
  ['GA · ReadWrite.All',                              'readerAndHelpdesk',FULL,           FULL,           FULL,           FULL,           OK,             FULL,           FULL,           OK,             OK],
  ['GA · ReadWrite.All',                              'globalAdmin',FULL,           FULL,           F_OWN,          F_OWN,          OK,             FULL,           FULL,           OK,             OK],

  // ANOTHER USER WITHOUT A ROLE, other spellings, and kim's office phone (masking drops its extension).
  ['GR · Read.All',                                   'kim',        MASK,           MASK,           F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    OK,             F_WRITE_ALL],
  ['AA · ReadWrite.All',                              'kim',        MASK,           MASK,           MASK,           MASK,           OK,             MASK,           MASK,           OK,             OK],
  ['AA · Phone.ReadWrite.All',                        'LEE@',       MASK,           MASK,           MASK,           MASK,           OK,             MASK,           MASK,           OK,             OK],
  ['PAA · ReadWrite.All',                             'kim@',       FULL,           FULL,           FULL,           FULL,           OK,             FULL,           FULL,           OK,             OK],

  // A USER THAT DOES NOT EXIST: null / NOT_FOUND for callers who may act on others; for everyone
  // else the same FORBIDDEN as for an existing user (never NOT_FOUND).
  ['PAA · ReadWrite.All',                             'nobody',     NULL,           NULL,           NF,             NF,             NF,             NF,             NF,             NULL,           NF],
  ['AA · ReadWrite.All',                              'nobody@',    NULL,           NULL,           NF,             NF,             NF,             NF,             NF,             NULL,           NF],
  ['app · ReadWrite.All',                             'nobody',     NULL,           NULL,           NF,             NF,             NF,             NF,             NF,             NULL,           NF],
  ['GR · Read.All',                                   'nobody@',    NULL,           NULL,           F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    NULL,           F_WRITE_ALL],
  ['kim · ReadWrite',                                 'nobody',     F_READ_ALL,     F_READ_ALL,     F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_READ_ALL,     F_WRITE_ALL],
  ['kim · ReadWrite.All (no role)',                   'nobody@',    F_READER_ROLE,  F_READER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_WRITER_ROLE,  F_READER_ROLE,  F_WRITER_ROLE],

  // A USER OF THE OTHER TENANT, by id or userPrincipalName: exactly as if they did not exist.
  ['PAA · ReadWrite.All',                             'pat',        NULL,           NULL,           NF,             NF,             NF,             NF,             NF,             NULL,           NF],
  ['AA · ReadWrite.All',                              'pat@',       NULL,           NULL,           NF,             NF,             NF,             NF,             NF,             NULL,           NF],
  ['app · Phone.ReadWrite.All',                       'pat@',       NULL,           NULL,           NF,             NF,             NF,             NF,             NF,             NULL,           NF],
  ['kim · ReadWrite',                                 'pat',        F_READ_ALL,     F_READ_ALL,     F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_WRITE_ALL,    F_READ_ALL,     F_WRITE_ALL],
  ['fabrikam PAA · ReadWrite.All + Policy.ReadWrite', 'kim',        NULL,           NULL,           NF,             NF,             NF,             NF,             NF,             NULL,           NF],
  ['fabrikam PAA · ReadWrite.All + Policy.ReadWrite', 'admin@',     NULL,           NULL,           NF,             NF,             NF,             NF,             NF,             NULL,           NF],
  ['fabrikam app · ReadWrite.All + Policy.ReadWrite', 'kim@',       NULL,           NULL,           NF,             NF,             NF,             NF,             NF,             NULL,           NF],
]

// ---------------------------------------------------------------------------
// The cells, flattened.

interface Case {
  operation: Operation
  persona: Persona
  target: Target | null
  cell: Cell
}

const CASES: Case[] = [
  ...GRID1.flatMap(([persona, ...cells]) =>
    cells.map((cell, column): Case => {
      const operation = GRID1_COLUMNS[column]!
      return { operation, persona, target: OPERATIONS[operation].aimedAtUser ? 'lee' : null, cell }
    }),
  ),
  ...GRID2.flatMap(([persona, target, ...cells]) =>
    cells.map((cell, column): Case => ({ operation: GRID2_COLUMNS[column]!, persona, target, cell })),
  ),
]

const describeCell = (cell: Cell) =>
  cell.kind === 'error' ? (cell.code === 'FORBIDDEN' ? `FORBIDDEN naming ${cell.mentions.join(' / ')}` : cell.code) : cell.kind
const caseName = ({ operation, persona, target, cell }: Case) =>
  `${operation}${target ? `(${target})` : ''} as ${persona} → ${describeCell(cell)}`

/** Whether a message names `name` as a word of its own (so ".ReadWrite" is not found inside ".ReadWrite.All"). */
function mentions(message: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(^|[^\\w.-])${escaped}($|[^\\w.-])`).test(message)
}

/** What `result` must be for a successful cell. */
function expectedResult(operation: Operation, cell: Cell, persona: Persona, target: Target | null): unknown {
  const visibility: Visibility = cell.kind === 'masked' ? 'masked' : 'full'
  const owner = target ? OWNER[target] : null
  const need = (name: PersonName | null) => {
    if (!name) throw new Error(`the cell ${operation} as ${persona} on ${target} expects success on nobody`)
    return name
  }
  const tenant = tenantOfPersona(persona)
  switch (operation) {
    case 'user':
      return userView(need(owner), visibility)
    case 'users':
      return tenantView(tenant, visibility, userOfPersona(persona))
    case 'phoneMethod':
      return phoneView(mobileOf(need(owner)), visibility)
    case 'me':
      return userView(need(userOfPersona(persona)), visibility)
    case 'addPhoneMethod':
      return {
        methodId: PHONE_METHOD_ID.alternateMobile,
        phoneNumber: ADDED_NUMBER[visibility],
        isPhoneNumberMasked: visibility === 'masked',
        phoneType: 'alternateMobile',
        smsSignInState: 'notSupported',
      }
    case 'updatePhoneMethod':
      return {
        methodId: MOBILE,
        phoneNumber: UPDATED_NUMBER[visibility],
        isPhoneNumberMasked: visibility === 'masked',
        phoneType: 'mobile',
        smsSignInState: 'ready',
      }
    case 'deletePhoneMethod':
      return { methodId: MOBILE }
    case 'enableSmsSignIn':
      return { ...phoneView(mobileOf(need(owner)), visibility), smsSignInState: 'ready' }
    case 'disableSmsSignIn':
      return { ...phoneView(mobileOf(need(owner)), visibility), smsSignInState: 'notEnabled' }
    case 'smsAuthenticationMethodConfiguration':
      return { id: 'Sms', ...POLICY_OF[tenant] }
    case 'updateSmsAuthenticationMethodConfiguration':
      return { id: 'Sms', ...POLICY_OF[tenant], state: 'disabled' }
    case 'signInPreferences':
      need(owner)
      return { signInPreferences: { userPreferredMethodForSecondaryAuthentication: null, isSystemPreferredAuthenticationMethodEnabled: true } }
    case 'updateSignInPreferences':
      need(owner)
      return { userPreferredMethodForSecondaryAuthentication: 'sms', isSystemPreferredAuthenticationMethodEnabled: true }
    case 'resetSmsAuthenticationMethodConfiguration':
      return { id: 'Sms', ...DEFAULT_SMS_POLICY }
  }
}

const ON_POLICY: ReadonlySet<Operation> = new Set(['updateSmsAuthenticationMethodConfiguration', 'resetSmsAuthenticationMethodConfiguration'])

/** The rows a successful mutation may change: the target's phones and preferences, or the caller's tenant's policy. */
function changeScope(operation: Operation, persona: Persona, target: Target | null): string {
  const tenant = tenantOfPersona(persona)
  if (ON_POLICY.has(operation)) return `policy/${tenant}`
  return `phone/${tenant}/${everyone[OWNER[target!]!].id}/`
}

/** Whether a cell is expected to change the database. */
const changesState = ({ operation, cell }: Case) =>
  OPERATIONS[operation].mutation && (cell.kind === 'full' || cell.kind === 'masked' || cell.kind === 'ok')

describeOnEachDatabase('authorization matrix (docs/permissions.md) on %s', (provider) => {
  let gateway: TestGateway
  let tokens: Awaited<ReturnType<typeof matrixTokens>>
  let baseline: Snapshot

  beforeAll(async () => {
    gateway = await startGateway(provider, { tenants: authzTenants })
    tokens = await matrixTokens()
    await resetState(gateway)
    baseline = await snapshot(gateway)
  })
  afterAll(() => gateway?.close())

  /** Runs `work`, then puts the baseline back if anything changed it. */
  async function fromBaseline<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } finally {
      await restore(gateway, changedKeys(baseline, await snapshot(gateway)))
    }
  }

  const run = (operation: Operation, persona: Persona, target: Target | null) =>
    gateway.graphql(tokens[persona], OPERATIONS[operation].document, target ? { target: TARGETS[target] } : undefined)

  /** Runs one cell from the baseline and checks its outcome; leaves the baseline behind. */
  async function checkCell(testCase: Case): Promise<void> {
    const { operation, persona, target, cell } = testCase
    const spec = OPERATIONS[operation]
    const owner = target ? OWNER[target] : null
    // Mutations compare the rows they could touch before and after (the phones, or the policies).
    const onPolicy = ON_POLICY.has(operation)
    const take = onPolicy ? policySnapshot : phoneSnapshot
    const base = slice(baseline, onPolicy ? 'policy/' : 'phone/')
    let after: Snapshot | undefined
    try {
      // enableSmsSignIn that should succeed gets a mobile that is not registered yet, so that success shows.
      const prepared = operation === 'enableSmsSignIn' && changesState(testCase) && owner !== null
      if (prepared) await unregisterMobileOf(gateway, everyone[owner].id)
      const before = prepared ? await take(gateway) : base

      const response = await run(operation, persona, target)
      if (spec.mutation) after = await take(gateway)
      const changed = after ? changedKeys(before, after) : []

      if (cell.kind === 'unauthenticated') {
        expect(response.status).toBe(401)
        expect(response.headers.get('www-authenticate')).toBe('Bearer')
        expect(codes(response)).toEqual(['UNAUTHENTICATED'])
        expect(response.data).toBeUndefined()
        expect(changed).toEqual([])
        return
      }
      if (cell.kind === 'error') {
        expect(codes(response), JSON.stringify(response.errors)).toEqual([cell.code])
        expect(response.data?.result ?? null).toBeNull()
        const message = response.errors?.[0]?.message ?? ''
        if (cell.code === 'FORBIDDEN') {
          for (const name of cell.mentions) expect(mentions(message, name), `"${message}" should name ${name}`).toBe(true)
          // A refusal never tells whether the target exists: it does not even repeat who was asked for.
          if (target) expect(message).not.toContain(TARGETS[target])
          if (owner) expect(message).not.toContain(everyone[owner].id)
        }
        expect(changed, 'a refused mutation changes nothing').toEqual([])
        return
      }
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined()
      expect(response.status).toBe(200)
      if (cell.kind === 'null') {
        expect(response.data).toEqual({ result: null })
        return
      }
      expect(response.data?.result).toEqual(expectedResult(operation, cell, persona, target))
      if (spec.mutation) {
        const scope = changeScope(operation, persona, target)
        expect(changed.length, 'a successful mutation changes something').toBeGreaterThan(0)
        expect(changed.filter((key) => !key.startsWith(scope)), `changes outside ${scope}`).toEqual([])
      }
    } finally {
      // Back to the baseline, whatever happened.
      if (spec.mutation) await restore(gateway, changedKeys(base, after ?? (await take(gateway))))
    }
  }

  it('the grids name every persona in grid 1 exactly once, and every cell once', () => {
    expect(GRID1.map(([persona]) => persona).sort()).toEqual(Object.keys(PERSONAS).sort())
    const names = CASES.map((testCase) => `${testCase.operation}|${testCase.persona}|${testCase.target}`)
    expect(new Set(names).size).toBe(names.length)
  })

  // Every cell starts from the baseline and leaves it behind (checkCell restores what a mutation changed).
  it.each(CASES.map((testCase) => [caseName(testCase), testCase] as const))('%s', (_name, testCase) => checkCell(testCase))

  // ---------------------------------------------------------------------------
  // What a refusal gives away: nothing about whether the target exists.

  const USER_AIMED: Operation[] = GRID2_COLUMNS
  const shape = (response: GraphQLResponse, ref: string) => ({
    status: response.status,
    codes: codes(response),
    data: response.data ?? null,
    message: response.errors?.[0]?.message.replaceAll(ref, '<ref>') ?? null,
  })

  it.each([
    ['PAA · ReadWrite.All', ['pat', 'pat@'], ['nobody', 'nobody@']],
    ['AA · ReadWrite.All', ['pat', 'pat@'], ['nobody', 'nobody@']],
    ['app · ReadWrite.All', ['pat', 'pat@'], ['nobody', 'nobody@']],
    ['fabrikam PAA · ReadWrite.All + Policy.ReadWrite', ['kim', 'kim@'], ['nobody', 'nobody@']],
  ] as [Persona, [Target, Target], [Target, Target]][])(
    'a user of another tenant is indistinguishable from a nonexistent one, as %s',
    async (persona, [foreignId, foreignUpn], [missingId, missingUpn]) => {
      await fromBaseline(async () => {
        for (const operation of USER_AIMED) {
          for (const [foreign, missing] of [
            [foreignId, missingId],
            [foreignUpn, missingUpn],
          ] as const) {
            const a = shape(await run(operation, persona, foreign), TARGETS[foreign])
            const b = shape(await run(operation, persona, missing), TARGETS[missing])
            expect(a, `${operation} on ${foreign} vs ${missing}`).toEqual(b)
            expect(a.codes).toEqual(OPERATIONS[operation].mutation ? ['NOT_FOUND'] : [])
          }
        }
        expect(changedKeys(baseline, await snapshot(gateway))).toEqual([])
      })
    },
  )

  it.each([
    ['kim · Read' as Persona],
    ['kim · ReadWrite.All (no role)' as Persona],
    ['PAA · ReadWrite (self scope only)' as Persona],
  ])('%s gets the very same FORBIDDEN for any other user, existing or not', async (persona) => {
    const self = userOfPersona(persona)
    const others = (['lee', 'kim', 'ray', 'admin@', 'nobody', 'nobody@', 'pat@'] as Target[]).filter(
      (target) => OWNER[target] !== self,
    )
    await fromBaseline(async () => {
      for (const operation of USER_AIMED) {
        const answers = []
        for (const target of others) answers.push(shape(await run(operation, persona, target), TARGETS[target]))
        expect(answers[0]?.codes, operation).toEqual(['FORBIDDEN'])
        for (const [i, answer] of answers.entries()) expect(answer, `${operation} on ${others[i]}`).toEqual(answers[0])
      }
      expect(changedKeys(baseline, await snapshot(gateway))).toEqual([])
    })
  })

  // ---------------------------------------------------------------------------
  // Masking, spelled out once more on a single read (docs/permissions.md: "+1 XXXXXXXX55", extension dropped).

  it.each([
    ['GR · Read.All' as Persona, ['+1 XXXXXXXX55', '+1 XXXXXXXX99']],
    ['AA · ReadWrite.All' as Persona, ['+1 XXXXXXXX55', '+1 XXXXXXXX99']],
    ['PAA · ReadWrite.All' as Persona, ['+1 5555551255', '+1 4255550199x123']],
    ['app · Read.All' as Persona, ['+1 5555551255', '+1 4255550199x123']],
    ['kim · Read' as Persona, ['+1 5555551255', '+1 4255550199x123']],
  ])("%s reads kim's mobile and office numbers as %j", async (persona, numbers) => {
    const response = await run('user', persona, 'kim')
    expect(response.errors).toBeUndefined()
    expect(response.data?.result.phoneMethods.map((phone: { phoneNumber: string }) => phone.phoneNumber)).toEqual(numbers)
  })

  it('a masked number keeps the country code and the last two digits, and hides every other digit', async () => {
    const response = await run('users', 'GR · Read.All', null)
    const numbers: string[] = response.data?.result.edges.flatMap((edge: any) =>
      edge.node.id === everyone.reader.id ? [] : edge.node.phoneMethods.map((phone: { phoneNumber: string }) => phone.phoneNumber),
    )
    expect(numbers.length).toBeGreaterThan(5)
    for (const number of numbers) expect(number).toMatch(/^\+[1-9][0-9]{0,2} X+[0-9]{2}$/)
  })
})

// ---------------------------------------------------------------------------
// GRID 3: the audit log (docs/permissions.md, its last row): every persona × the
// tenant's events, their own (me), and another user's (lee). The personas of
// grids 1 and 2 hold no AuditLog.Read.All, so their answers follow from the
// grid 1 columns "me" and "user"; the audit-log readers are listed here.
// Every successful read shows only masked numbers and only the caller's tenant.

const EVENT_FIELDS = 'activityDisplayName targetUserId initiatedByUserId initiatedByAppId oldPhoneNumber newPhoneNumber'
const AUDIT_OPERATIONS = {
  auditEvents: `{ result: auditEvents(first: 200) { edges { node { ${EVENT_FIELDS} } } } }`,
  'me { auditEvents }': `{ result: me { auditEvents(first: 200) { edges { node { ${EVENT_FIELDS} } } } } }`,
  'user(lee) { auditEvents }': `query ($target: String!) { result: user(id: $target) { auditEvents(first: 200) { edges { node { ${EVENT_FIELDS} } } } } }`,
} as const
type AuditOperation = keyof typeof AUDIT_OPERATIONS

const F_AUDIT_LOG = F('AuditLog.Read.All')
const F_AUDIT_ROLE = F('Reports Reader', 'Security Reader', 'Security Administrator', 'Global Reader', 'Global Administrator')

/** A persona without AuditLog.Read.All: what grid 1 answers for me and user(lee), the audit log refused behind it. */
function withoutAuditLog(persona: Persona): [Cell, Cell, Cell] {
  const row = GRID1.find(([name]) => name === persona)!
  const [me, user] = [row[1 + GRID1_COLUMNS.indexOf('me')] as Cell, row[1 + GRID1_COLUMNS.indexOf('user')] as Cell]
  const readable = (cell: Cell) => cell.kind === 'full' || cell.kind === 'masked'
  return [persona === 'anonymous' ? U : F_AUDIT_LOG, readable(me) ? OK : me, readable(user) ? F_AUDIT_LOG : user]
}

// prettier-ignore
const GRID3_READERS: [AuditPersona, Cell, Cell, Cell][] = [
  //  persona                                                         auditEvents     me { auditEvents }   user(lee) { auditEvents }
  ['RR · AuditLog.Read.All',                                          OK,             F_SELF_READ,         F_READ_ALL],
  ['SR · AuditLog.Read.All',                                          OK,             F_SELF_READ,         F_READ_ALL],
  ['SA · AuditLog.Read.All',                                          OK,             F_SELF_READ,         F_READ_ALL],
  ['GR · AuditLog.Read.All + Read.All',                               OK,             OK,                  OK],
  ['GA · AuditLog.Read.All',                                          OK,             F_SELF_READ,         F_READ_ALL],
  ['PAA · AuditLog.Read.All (a role that does not read the log)',     F_AUDIT_ROLE,   OK,                  F_AUDIT_ROLE],
  ['kim · AuditLog.Read.All (no role)',                               F_AUDIT_ROLE,   OK,                  F_READ_ALL],
  ['app · AuditLog.Read.All',                                         OK,             F_USER_TOKEN,        F_READ_ALL],
  ['app · AuditLog.Read.All + Read.All',                              OK,             F_USER_TOKEN,        OK],
  ['fabrikam app · AuditLog.Read.All',                                OK,             F_USER_TOKEN,        F_READ_ALL],
]
const GRID3_COLUMNS: AuditOperation[] = ['auditEvents', 'me { auditEvents }', 'user(lee) { auditEvents }']
const GRID3: [Persona | AuditPersona, Cell, Cell, Cell][] = [
  ...(Object.keys(PERSONAS) as Persona[]).map((persona): [Persona, Cell, Cell, Cell] => [persona, ...withoutAuditLog(persona)]),
  ...GRID3_READERS,
]
const MASKED_NUMBER = /^\+[1-9][0-9]{0,2} X+[0-9]{2}$/

describeOnEachDatabase('authorization of the audit log (docs/permissions.md) on %s', (provider) => {
  let gateway: TestGateway
  let tokens: Record<Persona | AuditPersona, string | undefined>

  beforeAll(async () => {
    gateway = await startGateway(provider, { tenants: authzTenants })
    tokens = { ...(await matrixTokens()), ...(await auditMatrixTokens()) }
    await resetState(gateway)
    // Events about every user of both tenants, with numbers; and one refusal, initiated by a user.
    const app = tokens['app · ReadWrite.All']
    const mutation = (name: string, input: string) => `mutation { ${name}(input: { ${input} }) { __typename } }`
    for (const name of Object.keys(everyone) as PersonName[]) {
      const token = name === 'outsider' ? tokens['fabrikam app · ReadWrite.All + Policy.ReadWrite'] : app
      const update = mutation('updatePhoneMethod', `userId: "${everyone[name].id}", methodId: "${MOBILE}", phoneNumber: "+1 4255550142"`)
      expect(codes(await gateway.graphql(token, update))).toEqual([])
    }
    expect(codes(await gateway.graphql(tokens['PAA · ReadWrite.All'], mutation('addPhoneMethod', `userId: "${everyone.kim.id}", phoneNumber: "+1 4255550100", phoneType: mobile`)))).toEqual([
      'PHONE_TYPE_ALREADY_EXISTS',
    ])
    await resetState(gateway)
  })
  afterAll(() => gateway?.close())

  it('grid 3 names every persona once', () => {
    expect(GRID3.map(([persona]) => persona).sort()).toEqual([...Object.keys(PERSONAS), ...Object.keys(AUDIT_PERSONAS)].sort())
  })

  const cases = GRID3.flatMap(([persona, ...cells]) => cells.map((cell, column) => [GRID3_COLUMNS[column]!, persona, cell] as const))
  it.each(cases.map(([operation, persona, cell]) => [`${operation} as ${persona} → ${describeCell(cell)}`, operation, persona, cell] as const))(
    '%s',
    async (_name, operation, persona, cell) => {
      const response = await gateway.graphql(tokens[persona], AUDIT_OPERATIONS[operation], operation.startsWith('user') ? { target: everyone.lee.id } : undefined)
      if (cell.kind === 'unauthenticated') {
        expect(response.status).toBe(401)
        expect(codes(response)).toEqual(['UNAUTHENTICATED'])
        return
      }
      if (cell.kind === 'error') {
        expect(codes(response), JSON.stringify(response.errors)).toEqual([cell.code])
        // User.auditEvents is nullable: a refusal there keeps the user and nulls the events alone.
        const refusedPart = operation.startsWith('user') ? (response.data?.result?.auditEvents ?? null) : (response.data?.result ?? null)
        expect(refusedPart).toBeNull()
        if (cell.code === 'FORBIDDEN') {
          const message = response.errors?.[0]?.message ?? ''
          for (const name of cell.mentions) expect(mentions(message, name), `"${message}" should name ${name}`).toBe(true)
        }
        return
      }
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined()
      if (cell.kind === 'null') {
        expect(response.data).toEqual({ result: null })
        return
      }
      const connection = operation === 'auditEvents' ? response.data!.result : response.data!.result.auditEvents
      const events: Record<string, string | null>[] = connection.edges.map((edge: { node: unknown }) => edge.node)
      expect(events.length).toBeGreaterThan(0)
      const claims = { ...PERSONAS, ...AUDIT_PERSONAS }[persona] as { tid?: string; sub?: string }
      const tenant = claims.tid === 'fabrikam' ? 'fabrikam' : 'contoso'
      const tenantUsers = new Set<string>(
        (Object.keys(everyone) as PersonName[]).filter((name) => (name === 'outsider') === (tenant === 'fabrikam')).map((name) => everyone[name].id),
      )
      for (const event of events) {
        for (const number of [event.oldPhoneNumber, event.newPhoneNumber]) if (number !== null) expect(number).toMatch(MASKED_NUMBER)
        if (event.targetUserId != null) expect(tenantUsers.has(event.targetUserId), `${event.targetUserId} outside ${tenant}`).toBe(true)
        if (event.initiatedByUserId != null) expect(tenantUsers.has(event.initiatedByUserId)).toBe(true)
      }
      // A user's events are those whose target or initiator they are.
      const involved = operation === 'me { auditEvents }' ? claims.sub : operation === 'user(lee) { auditEvents }' ? everyone.lee.id : undefined
      if (involved) for (const event of events) expect([event.targetUserId, event.initiatedByUserId]).toContain(involved)
      expect(events.some((event) => event.newPhoneNumber !== null)).toBe(true)
    },
  )
})

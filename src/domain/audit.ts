// The audit trail's vocabulary (docs/audit.md): which changes are
// audited, what Entra calls each, and what one event holds. Pure: the
// services describe a change, the store writes what this file makes of it.
import type { ErrorCode } from './errors.ts'
import { PHONE_METHOD_ID, type PhoneType } from './phone-method.ts'
import { maskPhoneNumber } from './phone-number.ts'
import type { Principal } from './principal.ts'

export type AuditedChange =
  | 'addPhoneMethod'
  | 'updatePhoneMethod'
  | 'deletePhoneMethod'
  | 'enableSmsSignIn'
  | 'disableSmsSignIn'
  | 'updateSignInPreferences'
  | 'changeSmsPolicy'
  | 'resetSmsPolicy'

export type AuditResult = 'success' | 'failure'

/**
 * Refusals a service makes once it holds the request: each is recorded as a
 * failure event. Anything refused earlier (a bad token, bad input, the rate
 * limit, an unknown user) never reaches the audit trail.
 */
export const AUDITED_REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'FORBIDDEN',
  'NOT_FOUND',
  'PHONE_TYPE_ALREADY_EXISTS',
  'MOBILE_REQUIRED',
  'ALTERNATE_MOBILE_EXISTS',
  'SMS_SIGN_IN_NOT_SUPPORTED',
  'SMS_SIGN_IN_NOT_ALLOWED',
  'PHONE_NUMBER_NOT_UNIQUE',
  'DEFAULT_METHOD_CANNOT_BE_DELETED',
])

/** Entra's activity names; "User …" when a user acts on their own account (an app always counts as an admin). */
const ACTIVITY: Readonly<Record<AuditedChange, { admin: string; self: string }>> = {
  addPhoneMethod: { admin: 'Admin registered security info', self: 'Admin registered security info' },
  updatePhoneMethod: { admin: 'Admin updated security info', self: 'Admin updated security info' },
  deletePhoneMethod: { admin: 'Admin deleted security info', self: 'User deleted security info' },
  enableSmsSignIn: { admin: 'Admin enabled SMS sign-in', self: 'User enabled SMS sign-in' },
  disableSmsSignIn: { admin: 'Admin disabled SMS sign-in', self: 'User disabled SMS sign-in' },
  updateSignInPreferences: { admin: 'Admin changed default security info', self: 'User changed default security info' },
  changeSmsPolicy: { admin: 'Authentication Methods Policy Update', self: 'Authentication Methods Policy Update' },
  resetSmsPolicy: { admin: 'Authentication Methods Policy Reset', self: 'Authentication Methods Policy Reset' },
}

const CATEGORY: Readonly<Record<AuditedChange, string>> = {
  addPhoneMethod: 'UserManagement',
  updatePhoneMethod: 'UserManagement',
  deletePhoneMethod: 'UserManagement',
  enableSmsSignIn: 'UserManagement',
  disableSmsSignIn: 'UserManagement',
  updateSignInPreferences: 'UserManagement',
  changeSmsPolicy: 'Policy',
  resetSmsPolicy: 'Policy',
}

/** Every activity name this gateway writes, with its category (docs/audit.md has a row for each). */
export const ACTIVITY_CATEGORIES: ReadonlyMap<string, string> = new Map(
  (Object.keys(ACTIVITY) as AuditedChange[]).flatMap((change) => [ACTIVITY[change].admin, ACTIVITY[change].self].map((name): [string, string] => [name, CATEGORY[change]])),
)

/** Every activity name this gateway writes. */
export const ACTIVITY_NAMES: readonly string[] = [...ACTIVITY_CATEGORIES.keys()]

/**
 * What a service knows of its change, filled in as the transaction learns it
 * (the target once it is found, the old number once it is read), so that a
 * refusal halfway through is recorded with what was known by then.
 */
export interface AuditDraft {
  readonly change: AuditedChange
  /** The user once found; before that, a refusal's target as the caller wrote it (an id or a userPrincipalName, not both). */
  target?: { readonly id?: string; readonly userPrincipalName?: string }
  phoneType?: PhoneType
  /** Canonical numbers: masked when the event is made. */
  oldPhoneNumber?: string
  newPhoneNumber?: string
}

/** One event as a service makes it; the store adds the initiator's userPrincipalName from the directory. */
export interface NewAuditEvent {
  readonly id: string
  readonly tenantId: string
  readonly activityDateTime: Date
  readonly activityDisplayName: string
  readonly category: string
  readonly result: AuditResult
  readonly resultReason: ErrorCode | null
  readonly initiatedByUserId: string | null
  readonly initiatedByAppId: string | null
  readonly targetUserId: string | null
  readonly targetUserPrincipalName: string | null
  readonly methodId: string | null
  readonly phoneType: PhoneType | null
  readonly oldPhoneNumber: string | null
  readonly newPhoneNumber: string | null
  readonly requestId: string
  readonly correlationId: string | null
}

/** One event, as stored and as read. */
export interface AuditEvent extends NewAuditEvent {
  readonly initiatedByUserPrincipalName: string | null
}

export interface AuditOutcome {
  readonly id: string
  readonly at: Date
  readonly requestId: string
  /** The caller's own id for its request, when it gave one. */
  readonly correlationId?: string
  /** Absent on success. */
  readonly refusedWith?: ErrorCode
}

/**
 * When a UUIDv7 event id was made: its first 48 bits are Unix milliseconds.
 * An event's time is its id's, so (activityDateTime, id) orders a process's
 * events as they happened.
 */
export function timeOfEventId(id: string): Date {
  return new Date(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16))
}

/**
 * The smallest UUIDv7 of a millisecond: an event id sorts below it, as text
 * (how both databases order the primary key), exactly when the event
 * happened before that millisecond. Times outside UUIDv7's 48 bits are
 * clamped to its first and last millisecond.
 */
export function firstEventIdAt(time: Date): string {
  const ms = Math.min(Math.max(time.getTime(), 0), 2 ** 48 - 1)
  const hex = ms.toString(16).padStart(12, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8)}-0000-0000-000000000000`
}

export function auditEventOf(principal: Principal, draft: AuditDraft, outcome: AuditOutcome): NewAuditEvent {
  const onSelf = principal.kind === 'user' && draft.target?.id === principal.subjectId
  const mask = (number: string | undefined) => (number === undefined ? null : maskPhoneNumber(number))
  return {
    id: outcome.id,
    tenantId: principal.tenantId,
    activityDateTime: outcome.at,
    activityDisplayName: ACTIVITY[draft.change][onSelf ? 'self' : 'admin'],
    category: CATEGORY[draft.change],
    result: outcome.refusedWith ? 'failure' : 'success',
    resultReason: outcome.refusedWith ?? null,
    initiatedByUserId: principal.kind === 'user' ? principal.subjectId : null,
    initiatedByAppId: principal.kind === 'app' ? principal.subjectId : null,
    targetUserId: draft.target?.id ?? null,
    targetUserPrincipalName: draft.target?.userPrincipalName ?? null,
    methodId: draft.phoneType ? PHONE_METHOD_ID[draft.phoneType] : null,
    phoneType: draft.phoneType ?? null,
    oldPhoneNumber: mask(draft.oldPhoneNumber),
    newPhoneNumber: mask(draft.newPhoneNumber),
    requestId: outcome.requestId,
    correlationId: outcome.correlationId ?? null,
  }
}

/**
 * The times an event can have: from the Unix epoch, where a UUIDv7's clock
 * starts, to the end of the year 9999, the latest time both databases store
 * (PostgreSQL knows no year 0, and neither reads a five-digit year).
 */
export const EVENT_TIMES = { earliest: new Date(0), latest: new Date('9999-12-31T23:59:59.999Z') } as const

export const isEventTime = (date: Date) => date >= EVENT_TIMES.earliest && date <= EVENT_TIMES.latest

const toEventTime = (date: Date) =>
  date < EVENT_TIMES.earliest ? EVENT_TIMES.earliest : date > EVENT_TIMES.latest ? EVENT_TIMES.latest : date

/**
 * The same filter with its bounds moved inside the times an event can have,
 * which selects the same events: any valid date-time is a bound the
 * databases can compare with.
 */
export function withinEventTimes(filter: AuditEventFilter): AuditEventFilter {
  return {
    ...filter,
    ...(filter.from && { from: toEventTime(filter.from) }),
    ...(filter.to && { to: toEventTime(filter.to) }),
  }
}

/** The filters of `auditEvents(filter:)`; `from` inclusive, `to` exclusive. */
export interface AuditEventFilter {
  readonly targetUserId?: string
  readonly initiatedByUserId?: string
  readonly activityDisplayName?: string
  readonly result?: AuditResult
  readonly from?: Date
  readonly to?: Date
}

/** A keyset position: the last event of the previous page. */
export interface AuditCursor {
  readonly activityDateTime: Date
  readonly id: string
}

// The audit trail (docs/audit.md): AuditEvent, shaped like Graph's
// directoryAudit, the tenant's events on Query and a user's own on User.
// Read-only: no mutation changes or deletes an event.
import { z } from 'zod'
import { isEventTime, type AuditCursor, type AuditEvent as AuditEventModel } from '../domain/audit.ts'
import { isStorable } from '../domain/text.ts'
import { tenantAuditEvents, userAuditEvents, type AuditEventPage } from '../services/audit-events.ts'
import { builder } from './builder.ts'
import { ErrorCode } from './error-code.ts'
import { PageInfo, pageInfoOf } from './page-info.ts'
import { PhoneType } from './phone-method.ts'
import { firstInput, PAGE_SIZE, User } from './user.ts'
import { pagedByFirst } from './prices.ts'

const AuditResult = builder.enumType('AuditResult', {
  description: 'Whether an audited change was made.',
  values: {
    success: { description: 'The change was made and committed.' },
    failure: { description: 'The change was refused; resultReason says why. Nothing was changed.' },
  },
})

const AuditEvent = builder.objectRef<AuditEventModel>('AuditEvent').implement({
  description:
    "One change to a user's phones or to the SMS policy, or one refused attempt at one, shaped like Microsoft Graph's " +
    'directoryAudit. Written in the same transaction as the change. Phone numbers are masked for every reader.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "The event's unique id." }),
    activityDateTime: t.string({
      description: 'When it happened: ISO 8601, UTC.',
      resolve: (event) => event.activityDateTime.toISOString(),
    }),
    activityDisplayName: t.exposeString('activityDisplayName', {
      description: 'What happened, as Entra names it: "Admin registered security info", "User deleted security info", …',
    }),
    category: t.exposeString('category', { description: '"UserManagement" for phones, "Policy" for the SMS policy.' }),
    result: t.field({ type: AuditResult, description: 'Whether the change was made.', resolve: (event) => event.result }),
    resultReason: t.field({
      type: ErrorCode,
      nullable: true,
      description: 'The error code that refused the change (FORBIDDEN, NOT_FOUND or a rule code); null on success.',
      resolve: (event) => event.resultReason,
    }),
    initiatedByUserId: t.exposeString('initiatedByUserId', { nullable: true, description: 'The caller, for user tokens.' }),
    initiatedByUserPrincipalName: t.exposeString('initiatedByUserPrincipalName', {
      nullable: true,
      description: "The caller's userPrincipalName, for user tokens of a user of the tenant.",
    }),
    initiatedByAppId: t.exposeString('initiatedByAppId', { nullable: true, description: "App-only tokens: the token's subject." }),
    targetUserId: t.exposeString('targetUserId', {
      nullable: true,
      description:
        'The user whose phones were changed; null for policy events. A refusal before the user was looked up (a caller limited ' +
        'to their own account naming someone else) has the id exactly as the caller wrote it, or null if they wrote a userPrincipalName.',
    }),
    targetUserPrincipalName: t.exposeString('targetUserPrincipalName', {
      nullable: true,
      description:
        "That user's userPrincipalName. A refusal before the user was looked up has the userPrincipalName exactly as the caller " +
        'wrote it, or null if they wrote an id.',
    }),
    methodId: t.exposeID('methodId', { nullable: true, description: "Microsoft Graph's fixed id of the phone, for phone events." }),
    phoneType: t.field({ type: PhoneType, nullable: true, description: 'The type of the phone, for phone events.', resolve: (event) => event.phoneType }),
    oldPhoneNumber: t.exposeString('oldPhoneNumber', { nullable: true, description: 'The number before the change, always masked.' }),
    newPhoneNumber: t.exposeString('newPhoneNumber', { nullable: true, description: 'The number after the change, always masked.' }),
    requestId: t.exposeString('requestId', { description: "The gateway's own id of the request that made the change (its X-Request-Id)." }),
    correlationId: t.exposeString('correlationId', {
      nullable: true,
      description: "The id the caller gave that request (its client-request-id or X-Request-Id header), when it gave one of 1 to 128 letters, digits and . _ : -.",
    }),
  }),
})

// Keyset pagination on (activityDateTime, id): a cursor names the last event of a page.
const CURSOR = /^audit:(\d{1,15}):(.{1,64})$/s
const encodeCursor = (event: AuditCursor) =>
  Buffer.from(`audit:${event.activityDateTime.getTime()}:${event.id}`).toString('base64url')

function decodeCursor(cursor: string): AuditCursor | null {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString())
  if (!match || !isStorable(match[2]!)) return null
  const decoded = { activityDateTime: new Date(Number(match[1])), id: match[2]! }
  // No event has a time outside these, so no page of this connection ends there.
  return isEventTime(decoded.activityDateTime) && encodeCursor(decoded) === cursor ? decoded : null
}

const cursorInput = z
  .string()
  .nullish()
  .transform((cursor, ctx) => {
    if (cursor === null || cursor === undefined) return null
    const decoded = decodeCursor(cursor)
    if (decoded) return decoded
    ctx.addIssue({ code: 'custom', message: 'is not a cursor from this connection (use pageInfo.endCursor or an edge cursor)' })
    return z.NEVER
  })

const AuditEventEdge = builder.objectRef<AuditEventModel>('AuditEventEdge').implement({
  description: 'An event in a page, with its cursor.',
  fields: (t) => ({
    cursor: t.string({ description: 'Opaque: pass it as `after` to continue after this event.', resolve: encodeCursor }),
    node: t.field({ type: AuditEvent, description: 'The event.', resolve: (event) => event }),
  }),
})

const AuditEventConnection = builder.objectRef<AuditEventPage>('AuditEventConnection').implement({
  description: 'A page of audit events, newest first (by activityDateTime, then id).',
  fields: (t) => ({
    edges: t.field({ type: [AuditEventEdge], description: 'The events of this page.', resolve: ({ events }) => events }),
    pageInfo: t.field({
      type: PageInfo,
      description: 'Where this page sits in the list.',
      resolve: ({ events, hasNextPage }) => pageInfoOf(events, hasNextPage, encodeCursor),
    }),
  }),
})

const text = z.string().max(256, 'may not exceed 256 characters').refine(isStorable, 'may not contain a NUL character').nullish()
const dateTime = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, such as 2026-11-29T12:00:00Z' })
  .nullish()
  .transform((value) => (value ? new Date(value) : undefined))

const AuditEventFilter = builder.inputType('AuditEventFilter', {
  description: 'Which events to list; every field given must match.',
  fields: (t) => ({
    targetUserId: t.string({ required: false, description: 'Events about this user (by id).' }).validate(text),
    initiatedByUserId: t.string({ required: false, description: 'Events this user made (by id).' }).validate(text),
    activityDisplayName: t.string({ required: false, description: 'Events of this activity (exact match).' }).validate(text),
    result: t.field({ type: AuditResult, required: false, description: 'Only successes, or only failures.' }),
    from: t.string({ required: false, description: 'Events at or after this ISO 8601 date-time.' }).validate(dateTime),
    to: t.string({ required: false, description: 'Events before this ISO 8601 date-time.' }).validate(dateTime),
  }),
})

/**
 * A user's events are two statements (as target, as initiator) of first + 1
 * rows each, per user asked: beyond the page's edges, these are priced here.
 */
const STATEMENTS_PER_USER_PAGE = 5

const firstArg = { required: false, defaultValue: PAGE_SIZE.default, description: `How many events to return, 1 to ${PAGE_SIZE.max}.` } as const
const afterArg = { required: false, description: "Return the events after this cursor (a previous page's pageInfo.endCursor)." } as const

builder.queryFields((t) => ({
  auditEvents: t.field({
    type: AuditEventConnection,
    extensions: pagedByFirst(PAGE_SIZE.default),
    description:
      "The tenant's audit events, newest first. Needs AuditLog.Read.All and a Reports Reader, Security Reader, Security " +
      'Administrator, Global Reader or Global Administrator role (app-only: the AuditLog.Read.All permission).',
    args: {
      first: t.arg.int(firstArg).validate(firstInput),
      after: t.arg.string(afterArg).validate(cursorInput),
      filter: t.arg({ type: AuditEventFilter, required: false, description: 'Which events to list.' }),
    },
    resolve: (_root, { first, after, filter }, ctx) =>
      tenantAuditEvents(
        ctx,
        { first, after: after ?? null },
        {
          targetUserId: filter?.targetUserId ?? undefined,
          initiatedByUserId: filter?.initiatedByUserId ?? undefined,
          activityDisplayName: filter?.activityDisplayName ?? undefined,
          result: filter?.result ?? undefined,
          from: filter?.from ?? undefined,
          to: filter?.to ?? undefined,
        },
      ),
  }),
}))

builder.objectField(User, 'auditEvents', (t) =>
  t.field({
    type: AuditEventConnection,
    // Nullable: a caller who may read the user but not their events still gets the user (and one FORBIDDEN at this path).
    nullable: true,
    // Not batched across users: two statements (as target, as initiator) for each user it is asked of.
    extensions: pagedByFirst(PAGE_SIZE.default, { weight: STATEMENTS_PER_USER_PAGE }),
    description:
      'The audit events whose target or initiator is this user, newest first. A user may read their own ' +
      "(me { auditEvents }); other users' need the audit-log permissions of Query.auditEvents. " +
      'null, with a FORBIDDEN error at this path, for a caller who may read the user but not their events.',
    args: { first: t.arg.int(firstArg).validate(firstInput), after: t.arg.string(afterArg).validate(cursorInput) },
    resolve: (user, { first, after }, ctx) => userAuditEvents(ctx, user.id, { first, after: after ?? null }),
  }),
)

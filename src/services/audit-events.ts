// Reading the audit trail: the tenant's events for its audit-log readers, and
// one user's events for those readers or for the user themselves. Nothing
// here writes: events are made by write-transaction.ts and only the retention
// purge removes them.
import { readAuditEvents } from '../db/audit-store.ts'
import { withinEventTimes, type AuditCursor, type AuditEvent, type AuditEventFilter } from '../domain/audit.ts'
import { decide } from '../domain/permissions.ts'
import { authorizeTenant, forbidden } from './access.ts'
import type { RequestContext } from './context.ts'

export interface AuditEventPage {
  readonly events: AuditEvent[]
  readonly hasNextPage: boolean
}

export interface AuditPageRequest {
  readonly first: number
  readonly after: AuditCursor | null
}

/** `auditEvents`: the caller's tenant's events, newest first. */
export async function tenantAuditEvents(ctx: RequestContext, page: AuditPageRequest, filter: AuditEventFilter): Promise<AuditEventPage> {
  authorizeTenant(ctx.principal, 'readAuditLog')
  const events = await readAuditEvents(ctx.db, { tenantId: ctx.principal.tenantId, filter: withinEventTimes(filter), after: page.after, limit: page.first + 1 })
  return pageOf(events, page.first)
}

/**
 * `User.auditEvents`: the events whose target or initiator is the user. Two
 * keyset reads (one per index) merged, rather than one read with an OR that
 * neither index can answer in order.
 */
export async function userAuditEvents(ctx: RequestContext, userId: string, page: AuditPageRequest): Promise<AuditEventPage> {
  const { principal } = ctx
  const onSelf = principal.kind === 'user' && principal.subjectId === userId
  const decision = decide(principal, 'readAuditLog', onSelf ? { kind: 'self' } : { kind: 'otherUser' })
  if (!decision.allowed) throw forbidden(decision.reason)
  const read = (filter: AuditEventFilter) =>
    readAuditEvents(ctx.db, { tenantId: principal.tenantId, filter, after: page.after, limit: page.first + 1 })
  const [asTarget, asInitiator] = await Promise.all([read({ targetUserId: userId }), read({ initiatedByUserId: userId })])
  const merged = new Map([...asTarget, ...asInitiator].map((event) => [event.id, event]))
  return pageOf([...merged.values()].sort(newestFirst), page.first)
}

const newestFirst = (a: AuditEvent, b: AuditEvent) =>
  b.activityDateTime.getTime() - a.activityDateTime.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)

const pageOf = (events: AuditEvent[], first: number): AuditEventPage => ({
  events: events.slice(0, first),
  hasNextPage: events.length > first,
})

// The audit trail after a resilience run (docs/audit.md): every write
// the gateway acknowledged has exactly one success event, every refusal a
// service made has exactly one failure event with its code, and nothing else
// left an event, least of all a write that was not applied. Requests are
// matched to events by the X-Request-Id each one was sent with, which the
// gateway keeps as the event's correlationId (its own requestId is new).
import type { Database } from '../../../src/db/client.ts'
import { AUDITED_REFUSALS } from '../personas/contract-examples.ts'
import { errorCodes } from './invariants.ts'
import type { Outcome } from './operations.ts'

const MASKED = /^\+[1-9][0-9]{0,2} X+[0-9]{2}$/

export interface AuditedRequest {
  requestId: string
  outcome: Outcome
  /** For a request without an answer: whether the stored state shows it applied, when it can tell. */
  applied?: boolean
}

export interface StoredAuditEvent {
  /** The id the request was sent with. */
  requestId: string
  result: string
  resultReason: string | null
  oldPhoneNumber: string | null
  newPhoneNumber: string | null
}

export async function storedAuditEvents(db: Database): Promise<StoredAuditEvent[]> {
  const events = await db.client.auditEvent.findMany({
    select: { correlationId: true, result: true, resultReason: true, oldPhoneNumber: true, newPhoneNumber: true },
  })
  return events.map(({ correlationId, ...event }) => ({ requestId: correlationId ?? '(none)', ...event }))
}

export function auditTrailViolations(requests: AuditedRequest[], events: StoredAuditEvent[]): string[] {
  const violations: string[] = []
  const byRequest = new Map<string, StoredAuditEvent[]>()
  for (const event of events) byRequest.set(event.requestId, [...(byRequest.get(event.requestId) ?? []), event])
  const sent = new Set(requests.map((request) => request.requestId))
  for (const requestId of byRequest.keys()) if (!sent.has(requestId)) violations.push(`${requestId}: an event for a request nobody sent`)
  for (const event of events) {
    for (const number of [event.oldPhoneNumber, event.newPhoneNumber]) {
      if (number !== null && !MASKED.test(number)) violations.push(`${event.requestId}: an unmasked number in an event`)
    }
  }
  for (const { requestId, outcome, applied } of requests) {
    const found = byRequest.get(requestId) ?? []
    const shape = found.map((event) => (event.result === 'success' ? 'success' : `failure ${event.resultReason}`))
    let expected: string
    let fits: boolean
    if (outcome.kind === 'lost') {
      // Either it happened whole (one event) or not at all; a refusal may have been recorded before the answer was lost.
      const refusal = shape.length === 1 && shape[0] !== 'success'
      expected = applied === true ? 'one success' : applied === false ? 'no success' : 'at most one event'
      fits = applied === true ? shape.length === 1 && shape[0] === 'success' : applied === false ? shape.length === 0 || refusal : shape.length <= 1
    } else {
      const [code] = errorCodes(outcome.body)
      const wanted = outcome.status === 200 && code === undefined ? ['success'] : code !== undefined && AUDITED_REFUSALS.has(code) ? [`failure ${code}`] : []
      expected = JSON.stringify(wanted)
      fits = JSON.stringify(wanted) === JSON.stringify(shape)
    }
    if (!fits) {
      const answer = outcome.kind === 'lost' ? `lost (applied: ${applied ?? 'unknown'})` : `HTTP ${outcome.status} ${errorCodes(outcome.body).join('+') || 'ok'}`
      violations.push(`${requestId}: answered ${answer}, events ${JSON.stringify(shape)}, expected ${expected}`)
    }
  }
  return violations
}

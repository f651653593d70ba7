// Request ids (docs/security.md): every request gets the gateway's own id,
// never one the caller chose, so that an id in the audit trail or a log line
// always names one request. The caller's own id (client-request-id, or
// X-Request-Id as many clients send it), when sane, is kept beside it:
// echoed, logged and stored on the request's audit events as correlationId.
// Each request also gets one access-log line.
import { randomUUID } from 'node:crypto'
import type { Plugin } from 'graphql-yoga'
import { requestScope, type Logger } from '../logger.ts'

const SANE_CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** The gateway's id for a new request. */
export const newRequestId = (): string => randomUUID()

/** The caller's id for its request, when it sent a sane one. */
export function clientRequestIdOf(headers: Headers): string | undefined {
  const offered = headers.get('client-request-id') ?? headers.get('x-request-id')
  return offered !== null && SANE_CLIENT_REQUEST_ID.test(offered) ? offered : undefined
}

/** The request's path: as Yoga parsed it, or (a request answered before that, by the host check) parsed here. */
export const pathOf = (request: Request): string => requestScope.getStore()?.path ?? new URL(request.url).pathname

export function useRequestLog(logger: Logger): Plugin {
  return {
    instrumentation: {
      request: ({ request }, handle) =>
        requestScope.run({ requestId: newRequestId(), clientRequestId: clientRequestIdOf(request.headers), startedAt: performance.now() }, handle),
    },
    onRequest({ url }) {
      const scope = requestScope.getStore()
      if (scope) scope.path = url.pathname
    },
    onResponse({ request, response }) {
      const scope = requestScope.getStore()
      if (scope) response.headers.set('x-request-id', scope.requestId)
      if (scope?.clientRequestId) response.headers.set('client-request-id', scope.clientRequestId)
      // Not even the line's fields when the level writes no access log.
      if (!logger.isLevelEnabled('info')) return
      logger.info(
        {
          method: request.method,
          path: pathOf(request),
          status: response.status,
          durationMs: scope && Math.round((performance.now() - scope.startedAt) * 10) / 10,
        },
        'request',
      )
    },
  }
}

// Gives each request an id (the caller's X-Request-Id when it is sane),
// makes it the log context of everything done for the request, returns it
// in X-Request-Id, and writes one access-log line per request.
import { randomUUID } from 'node:crypto'
import type { Plugin } from 'graphql-yoga'
import { requestScope, type Logger } from '../logger.ts'

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/

export function useRequestLog(logger: Logger): Plugin {
  return {
    instrumentation: {
      request: ({ request }, handle) => {
        const offered = request.headers.get('x-request-id')
        const requestId = offered && SANE_REQUEST_ID.test(offered) ? offered : randomUUID()
        return requestScope.run({ requestId, startedAt: performance.now() }, handle)
      },
    },
    onResponse({ request, response }) {
      const scope = requestScope.getStore()
      if (scope) response.headers.set('x-request-id', scope.requestId)
      logger.info(
        {
          method: request.method,
          path: new URL(request.url).pathname,
          status: response.status,
          durationMs: scope && Math.round((performance.now() - scope.startedAt) * 10) / 10,
        },
        'request',
      )
    },
  }
}

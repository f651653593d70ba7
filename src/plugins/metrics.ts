// Serves GET /metrics and records what it reports: requests and latencies by
// route, operations by type, errors by code.
import { getOperationAST, type ExecutionResult } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { Metrics } from '../metrics.ts'
import { requestScope } from '../logger.ts'

const ROUTES = new Set(['/graphql', '/health', '/ready', '/metrics'])
// The REST routes count under their version (one label each, whatever the user or phone).
const REST_VERSION = /^\/(?:v1\.0|beta)(?=\/)/

export function useMetrics(metrics: Metrics): Plugin {
  const countErrors = (result: ExecutionResult) => {
    for (const error of result.errors ?? []) metrics.errors.inc({ code: String(error.extensions?.code ?? 'none') })
  }
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/metrics') return
      endResponse(
        new fetchAPI.Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType } }),
      )
    },
    onExecute({ args }) {
      metrics.operations.inc({ type: getOperationAST(args.document, args.operationName)?.operation ?? 'unknown' })
    },
    onResultProcess({ result }) {
      if (Array.isArray(result)) result.forEach(countErrors)
      else if (!(Symbol.asyncIterator in result)) countErrors(result as ExecutionResult)
    },
    onResponse({ request, response }) {
      const path = new URL(request.url).pathname
      const route = ROUTES.has(path) ? path : (REST_VERSION.exec(path)?.[0] ?? 'other')
      metrics.requests.inc({ route, status: String(response.status) })
      const scope = requestScope.getStore()
      if (scope) metrics.requestDuration.observe({ route }, (performance.now() - scope.startedAt) / 1000)
    },
  }
}

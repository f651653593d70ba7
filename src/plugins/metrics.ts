// Serves GET /metrics and records what it reports: requests and latencies by
// route, operations by type, errors by code. With METRICS_TOKEN set, only a
// scraper presenting it reads them (they name routes, codes and load).
import { createHash, timingSafeEqual } from 'node:crypto'
import { getOperationAST, type ExecutionResult } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { Metrics } from '../metrics.ts'
import { requestScope } from '../logger.ts'
import { pathOf } from './request-log.ts'

const ROUTES = new Set(['/graphql', '/health', '/ready', '/metrics'])
// The REST routes count under their version (one label each, whatever the user or phone).
const REST_VERSION = /^\/(?:v1\.0|beta)(?=\/)/

/** Compares digests, so that neither the token's length nor its first wrong character shows in the time taken. */
function presentsToken(request: Request, token: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(request.headers.get('authorization') ?? ''), digest(`Bearer ${token}`))
}

/** The value kept under `key`, made the first time it is asked for. */
function keptIn<T>(kept: Map<string, T>, key: string, make: () => T): T {
  let value = kept.get(key)
  if (value === undefined) kept.set(key, (value = make()))
  return value
}

export function useMetrics(metrics: Metrics, token?: string): Plugin {
  // prom-client hashes the label set on every inc and observe: each labelled
  // series (a few routes, statuses and operation types) is looked up once
  // instead. The registry is never reset, so the series stay the registry's own.
  const requestCounts = new Map<string, { inc(): void }>()
  const requestDurations = new Map<string, { observe(seconds: number): void }>()
  const operationCounts = new Map<string, { inc(): void }>()
  const countErrors = (result: ExecutionResult) => {
    for (const error of result.errors ?? []) metrics.errors.inc({ code: String(error.extensions?.code ?? 'none') })
  }
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/metrics') return
      if (token !== undefined && !presentsToken(request, token)) {
        endResponse(
          new fetchAPI.Response('The metrics need their bearer token (METRICS_TOKEN).\n', {
            status: 401,
            headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' },
          }),
        )
        return
      }
      endResponse(
        new fetchAPI.Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType } }),
      )
    },
    onExecute({ args }) {
      const type = getOperationAST(args.document, args.operationName)?.operation ?? 'unknown'
      keptIn(operationCounts, type, () => metrics.operations.labels({ type })).inc()
    },
    onResultProcess({ result }) {
      if (Array.isArray(result)) result.forEach(countErrors)
      else if (!(Symbol.asyncIterator in result)) countErrors(result as ExecutionResult)
    },
    onResponse({ request, response }) {
      const path = pathOf(request)
      const route = ROUTES.has(path) ? path : (REST_VERSION.exec(path)?.[0] ?? 'other')
      const status = String(response.status)
      keptIn(requestCounts, `${route} ${status}`, () => metrics.requests.labels({ route, status })).inc()
      const scope = requestScope.getStore()
      if (scope) keptIn(requestDurations, route, () => metrics.requestDuration.labels({ route })).observe((performance.now() - scope.startedAt) / 1000)
    },
  }
}

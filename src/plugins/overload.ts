// Load shedding: past MAX_CONCURRENT_REQUESTS requests in flight, or while the
// heap is nearly full or the event loop is late, a new request is answered
// at once with 503 and Retry-After (SERVER_BUSY; on the REST routes Graph's
// serviceNotAvailable) instead of being taken on: the process keeps serving
// what it has, and stays alive. /health, /ready and /metrics are never shed,
// so that a supervisor and a scraper still see the process.
//
// Hand-written because the well-kept guards are bound to their framework
// (@fastify/under-pressure); Node measures the event loop itself
// (monitorEventLoopDelay) and V8 its heap (getHeapStatistics).
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { getHeapStatistics } from 'node:v8'
import { GraphQLError } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { ErrorCode } from '../domain/errors.ts'
import type { Logger } from '../logger.ts'
import { graphErrorResponse, RestError } from '../rest/graph-error.ts'

const CODE: ErrorCode = 'SERVER_BUSY'
const RETRY_AFTER_SECONDS = '1'
const NEVER_SHED = new Set(['/health', '/ready', '/metrics'])
const REST_PREFIXES = ['/v1.0/', '/beta/']
/** The event loop's delay is the mean over this window, started afresh each time. */
const DELAY_WINDOW_MS = 500

export interface OverloadLimits {
  /** Requests in flight at most (0: no limit). */
  maxConcurrentRequests: number
  /** Shed while the heap in use is over this share of the heap limit (0–1; 0: never). */
  maxHeapUsedRatio: number
  /** Shed while the event loop's mean delay is over this (0: never). */
  maxEventLoopDelayMs: number
}

export function useOverloadGuard(limits: OverloadLimits, logger: Logger): Plugin {
  const admitted = new WeakSet<Request>()
  let inFlight = 0
  const delay = monitorEventLoopDelay({ resolution: 20 })
  let lateLoop = false
  let window: NodeJS.Timeout | undefined
  if (limits.maxEventLoopDelayMs > 0) {
    delay.enable()
    window = setInterval(() => {
      lateLoop = delay.mean / 1e6 > limits.maxEventLoopDelayMs
      delay.reset()
    }, DELAY_WINDOW_MS).unref()
  }
  const heapLimit = getHeapStatistics().heap_size_limit

  const overloaded = (): boolean => {
    if (limits.maxConcurrentRequests > 0 && inFlight >= limits.maxConcurrentRequests) return true
    if (lateLoop) return true
    // A microsecond or so: cheap enough to ask for every request, and the heap can fill between two samples.
    if (limits.maxHeapUsedRatio > 0 && getHeapStatistics().used_heap_size > heapLimit * limits.maxHeapUsedRatio) return true
    return false
  }

  return {
    onRequest({ request, url, endResponse }) {
      if (NEVER_SHED.has(url.pathname)) return
      if (!overloaded()) {
        admitted.add(request)
        inFlight++
        return
      }
      const message = 'the gateway is busy: retry after a second'
      if (REST_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) {
        endResponse(graphErrorResponse(new RestError(503, CODE, message, { 'Retry-After': RETRY_AFTER_SECONDS }), logger))
        return
      }
      const body = { errors: [new GraphQLError(message, { extensions: { code: CODE } }).toJSON()] }
      endResponse(
        new Response(JSON.stringify(body), {
          status: 503,
          headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': RETRY_AFTER_SECONDS },
        }),
      )
    },
    onResponse({ request }) {
      if (admitted.delete(request)) inFlight--
    },
    onDispose() {
      if (window) clearInterval(window)
      delay.disable()
    },
  }
}

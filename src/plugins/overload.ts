// Load shedding: past MAX_CONCURRENT_REQUESTS requests or MAX_COST_IN_FLIGHT
// of cost in flight, or while the heap is nearly full or the event loop is
// late, a new request is answered
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
import { requestScope, type Logger } from '../logger.ts'
import { graphErrorResponse, RestError } from '../rest/graph-error.ts'
import { isRestPath } from '../rest/routes.ts'

const CODE: ErrorCode = 'SERVER_BUSY'
const RETRY_AFTER_SECONDS = '1'
const NEVER_SHED = new Set(['/health', '/ready', '/metrics'])
/** The event loop's delay is its 99th percentile over this window, started afresh each time. */
const DELAY_WINDOW_MS = 500
/**
 * How often the event loop's timer samples its delay. Node records the whole
 * time between two samples, this interval included: an idle loop reads about
 * 20 ms. The interval is taken off, so that the limit counts only the delay.
 */
const DELAY_SAMPLE_MS = 20

export interface OverloadLimits {
  /** Requests in flight at most (0: no limit). */
  maxConcurrentRequests: number
  /** Shed while the heap in use is over this share of the heap limit (0–1; 0: never). */
  maxHeapUsedRatio: number
  /** Shed while the event loop's delay (99th percentile over half a second) is over this (0: never). */
  maxEventLoopDelayMs: number
  /** GraphQL requests are shed while the cost of those in flight would go over this (0: no limit). */
  maxCostInFlight: number
}

export interface OverloadGuard {
  plugin: Plugin
  /**
   * Takes `cost` from the budget of work in flight for an admitted request, or
   * throws SERVER_BUSY: a request is only as light as what it asks for, and a
   * count of requests alone would let a few hundred of the heaviest in at once.
   */
  reserveCost(request: Request, cost: number): void
}

const serverBusy = (message = 'the gateway is busy: retry after a second') =>
  new GraphQLError(message, { extensions: { code: CODE, http: { status: 503, headers: { 'Retry-After': RETRY_AFTER_SECONDS } } } })

/**
 * Reads and drops a small body: answering before the client has sent it
 * would reset the connection under the client (ECONNRESET instead of a 503).
 * A larger or unannounced one is left unread.
 */
async function drained(request: Request, maxBodyBytes: number): Promise<void> {
  const length = Number(request.headers.get('content-length') ?? 0)
  if (!request.body || !(length <= maxBodyBytes)) return
  await request.arrayBuffer().catch(() => undefined)
}

function busyResponse(path: string, logger: Logger): Response {
  const busy = serverBusy()
  if (isRestPath(path)) {
    const clientRequestId = requestScope.getStore()?.clientRequestId
    return graphErrorResponse(new RestError(503, CODE, busy.message, { 'Retry-After': RETRY_AFTER_SECONDS }), logger, clientRequestId)
  }
  const body = { errors: [new GraphQLError(busy.message, { extensions: { code: CODE } }).toJSON()] }
  return new Response(JSON.stringify(body), {
    status: 503,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': RETRY_AFTER_SECONDS },
  })
}

export function createOverloadGuard(limits: OverloadLimits, maxBodyBytes: number, logger: Logger): OverloadGuard {
  const admitted = new WeakSet<Request>()
  const reserved = new WeakMap<Request, number>()
  let inFlight = 0
  let costInFlight = 0
  const delay = monitorEventLoopDelay({ resolution: DELAY_SAMPLE_MS })
  let lateLoop = false
  let window: NodeJS.Timeout | undefined
  if (limits.maxEventLoopDelayMs > 0) {
    delay.enable()
    window = setInterval(() => {
      lateLoop = delay.percentile(99) / 1e6 - DELAY_SAMPLE_MS > limits.maxEventLoopDelayMs
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

  const plugin: Plugin = {
    onRequest({ request, url, endResponse }) {
      if (NEVER_SHED.has(url.pathname)) return
      if (!overloaded()) {
        admitted.add(request)
        inFlight++
        return
      }
      // Only a shed request waits for anything here: the admitted ones go on at once.
      return drained(request, maxBodyBytes).then(() => endResponse(busyResponse(url.pathname, logger)))
    },
    onResponse({ request }) {
      if (admitted.delete(request)) inFlight--
      const cost = reserved.get(request)
      if (cost !== undefined) {
        reserved.delete(request)
        costInFlight -= cost
      }
    },
    onDispose() {
      if (window) clearInterval(window)
      delay.disable()
    },
  }

  return {
    plugin,
    reserveCost(request, cost) {
      if (limits.maxCostInFlight <= 0 || cost === 0) return
      // Alone, a request within MAX_COST is always admitted: the budget never starves one.
      if (costInFlight > 0 && costInFlight + cost > limits.maxCostInFlight) throw serverBusy()
      reserved.set(request, (reserved.get(request) ?? 0) + cost)
      costInFlight += cost
    },
  }
}

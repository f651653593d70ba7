// Prometheus metrics of one gateway process (GET /metrics). A registry per
// instance, so that tests can build several servers side by side.
import { hostname } from 'node:os'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

export interface PoolStats {
  total: number
  idle: number
  waiting: number
}

export class Metrics {
  readonly registry = new Registry()

  readonly requests = new Counter({
    name: 'gateway_http_requests_total',
    help: 'HTTP requests answered, by route and status.',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  })

  readonly requestDuration = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route.',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  })

  readonly operations = new Counter({
    name: 'gateway_graphql_operations_total',
    help: 'GraphQL operations executed, by type.',
    labelNames: ['type'] as const,
    registers: [this.registry],
  })

  readonly errors = new Counter({
    name: 'gateway_graphql_errors_total',
    help: 'GraphQL errors returned, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  })

  readonly transactionRetries = new Counter({
    name: 'gateway_db_transaction_retries_total',
    help: 'Write transactions run again after losing a race to a concurrent writer.',
    registers: [this.registry],
  })

  readonly rateLimitFallbacks = new Counter({
    name: 'gateway_rate_limit_fallbacks_total',
    help: 'Mutations counted against this process alone because the shared rate limit store (Redis) could not answer.',
    registers: [this.registry],
  })

  readonly rateLimitStoreUp = new Gauge({
    name: 'gateway_rate_limit_store_up',
    help: 'With REDIS_URL: whether the shared rate limit store (Redis) answered the last charge (1) or not (0); always 0 without it.',
    registers: [this.registry],
  })

  readonly dbStatements = new Counter({
    name: 'gateway_db_statements_total',
    help: 'SQL statements run (only with METRICS_DB_STATEMENTS=true).',
    registers: [this.registry],
  })

  constructor(poolStats?: () => PoolStats | undefined) {
    // Every series names its process, so that a scrape through a load balancer is attributable.
    this.registry.setDefaultLabels({ instance: `${hostname()}:${process.pid}` })
    collectDefaultMetrics({ register: this.registry })
    const registry = this.registry
    new Gauge({
      name: 'gateway_db_pool_connections',
      help: 'PostgreSQL pool connections, by state (total, idle, waiting requests).',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const stats = poolStats?.()
        if (!stats) return
        for (const [state, value] of Object.entries(stats)) this.set({ state }, value)
      },
    })
  }
}

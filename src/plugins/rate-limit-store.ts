// The Redis connection of the shared mutation rate limit (REDIS_URL). It must
// never hold a request: a command that has not answered within
// COMMAND_TIMEOUT_MS fails (and the charge falls back to this process's own
// budget), and while disconnected commands fail at once instead of queueing
// until Redis is back. Reconnects go on in the background.
import { Redis } from 'ioredis'

const COMMAND_TIMEOUT_MS = 500
const CONNECT_TIMEOUT_MS = 2000
const MAX_RECONNECT_DELAY_MS = 2000

export function connectRateLimitStore(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
  })
  // Connection errors are told by the rate limit itself (once per outage): an
  // unhandled 'error' event would end the process.
  redis.on('error', () => {})
  return redis
}

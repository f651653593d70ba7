// CORS_ORIGINS: which web pages may call the gateway from a browser. An
// allowed origin is approved by name (never `*`); any other origin, and a
// preflight from it, gets no CORS header at all, so its page can neither read
// an answer nor send the Authorization header.
import type { CORSOptions } from 'graphql-yoga'

/** Yoga's `cors` option for these origins (`:*` in one stands for any port). */
export function corsPolicy(origins: readonly string[]): (request: Request) => CORSOptions {
  const allowed = new Set(origins)
  return (request) => {
    const origin = request.headers.get('origin')
    if (!origin || !(allowed.has(origin) || allowed.has(origin.replace(/(:\d+)?$/, ':*')))) return false
    return {
      origin: [origin],
      credentials: true,
      // What a client may want to read from an answer: the id to report, when
      // to retry, and where a phone created through the REST routes lives.
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'Location'],
    }
  }
}

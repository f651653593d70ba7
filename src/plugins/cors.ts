// CORS_ORIGINS: which web pages may call the gateway from a browser. An
// allowed origin is approved by name (never `*`); any other origin, and a
// preflight from it, gets no CORS header at all, so its page can neither read
// an answer nor send the Authorization header. The GraphiQL page is never
// shared with another origin, allowed or not: it holds an admin token.
import { shouldRenderGraphiQL, type CORSOptions, type Plugin } from 'graphql-yoga'

/** Yoga's `cors` option for these origins (`:*` in one stands for any port). */
export function corsPolicy(origins: readonly string[]): (request: Request) => CORSOptions {
  const allowed = new Set(origins)
  return (request) => {
    const origin = request.headers.get('origin')
    if (!origin || !(allowed.has(origin) || allowed.has(origin.replace(/(:\d+)?$/, ':*')))) return false
    if (shouldRenderGraphiQL(request)) return false
    return {
      origin: [origin],
      credentials: true,
      // What a client may want to read from an answer: the ids to report, when
      // to retry, and where a phone created through the REST routes lives.
      exposedHeaders: ['X-Request-Id', 'client-request-id', 'Retry-After', 'Location'],
    }
  }
}

/**
 * Every answer's CORS headers depend on the request's Origin, so a cache
 * between the gateway and browsers must keep one answer per Origin.
 */
export function useCorsVary(): Plugin {
  return {
    onResponse({ response }) {
      const vary = response.headers.get('vary')
      if (!vary?.split(',').some((name) => name.trim().toLowerCase() === 'origin')) response.headers.append('vary', 'Origin')
    },
  }
}

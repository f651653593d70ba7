// Headers every answer carries (docs/security.md). Nothing the gateway sends
// may be sniffed into another type or kept by a cache (answers hold phone
// numbers, the GraphiQL page an admin token), and an HTML page of the gateway
// (GraphiQL) may not be framed by another page, nor leak its URL onward.
import type { Plugin } from 'graphql-yoga'

/** On every response, including those the HTTP edge writes itself. */
export const EVERY_RESPONSE_HEADERS = { 'x-content-type-options': 'nosniff' } as const

// GraphiQL inlines its scripts and styles and calls /graphql on its own
// origin: nothing else is needed, and nothing may embed it.
const PAGE_POLICY =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const PAGE_HEADERS = {
  'content-security-policy': PAGE_POLICY,
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const

export function useResponseHeaders(): Plugin {
  return {
    onResponse({ response }) {
      for (const [name, value] of Object.entries(EVERY_RESPONSE_HEADERS)) response.headers.set(name, value)
      response.headers.set('cache-control', 'no-store')
      if (response.headers.get('content-type')?.startsWith('text/html')) {
        for (const [name, value] of Object.entries(PAGE_HEADERS)) response.headers.set(name, value)
      }
    },
  }
}

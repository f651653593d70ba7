// ALLOWED_HOSTS: the gateway answers only requests whose Host header names it.
// DNS rebinding: a page on attacker.example re-resolves its own name to
// 127.0.0.1, and the browser then treats the gateway as that page's own
// origin, so CORS cannot stop the page reading the answers (GraphiQL's page
// with its admin token, among them). The Host header the browser sends still
// says attacker.example, and that is what this check refuses.
import type { Plugin } from 'graphql-yoga'
import { hostNameOf } from '../host-header.ts'

export interface HostCheck {
  admits(request: Request): boolean
  /** Answers 421 to any other host, before any route runs. */
  plugin: Plugin
}

export function hostCheck(allowed: readonly string[] | 'any'): HostCheck {
  const names = new Set(allowed)
  const admits = (request: Request) => {
    if (allowed === 'any') return true
    const host = request.headers.get('host') ?? new URL(request.url).host
    const name = hostNameOf(host)
    return name !== undefined && names.has(name)
  }
  return {
    admits,
    plugin: {
      onRequest({ request, fetchAPI, endResponse }) {
        if (admits(request)) return
        endResponse(
          new fetchAPI.Response('This gateway does not answer to that host name.\n', {
            status: 421,
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          }),
        )
      },
    },
  }
}

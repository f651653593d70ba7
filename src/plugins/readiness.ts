// GET /ready: 200 while the database answers, 503 otherwise (docs/operations.md).
// Yoga's useReadinessCheck matches its endpoint with a URLPattern on every
// request of every route (1.5 % of the gateway's CPU on a small read, SQLite R1, in a profile),
// and also answers any path that merely ends in /ready; this one compares
// the path Yoga has parsed already, and answers /ready alone.
import type { Plugin } from 'graphql-yoga'

export const READY_PATH = '/ready'

export function useReadiness(isReady: () => Promise<boolean>): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== READY_PATH) return
      return isReady().then((ready) => endResponse(new fetchAPI.Response(null, { status: ready ? 200 : 503 })))
    },
  }
}

// MAX_BODY_BYTES, cheaply: a request with a body must declare its length
// (411 otherwise), and node's HTTP parser reads exactly that many bytes, so
// checking the header is enough; no stream needs watching. (Yoga's own
// limiter pipes every body through a stream to count chunked ones: some 5 %
// of a small read's CPU.)
import { createGraphQLError, type Plugin } from 'graphql-yoga'

export interface BodySizeRefusal {
  status: number
  message: string
}

/** Why a request's declared body size is refused, if it is (shared by /graphql and the REST routes). */
export function bodySizeRefusal(request: Request, maxBytes: number): BodySizeRefusal | undefined {
  const declared = request.headers.get('content-length')
  if (declared === null) return request.body ? { status: 411, message: 'a request body must declare its Content-Length' } : undefined
  if (!/^[0-9]+$/.test(declared)) return { status: 400, message: 'the Content-Length header is not a length' }
  if (Number(declared) > maxBytes) return { status: 413, message: `the request body may not exceed ${maxBytes} bytes` }
  return undefined
}

export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequestParse({ request }) {
      const refusal = bodySizeRefusal(request, maxBytes)
      if (refusal) {
        throw createGraphQLError(refusal.message, { extensions: { code: 'BAD_REQUEST', http: { status: refusal.status } } })
      }
    },
  }
}

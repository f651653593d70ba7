// MAX_BODY_BYTES, cheaply: a request with a body must declare its length
// (411 otherwise), and node's HTTP parser reads exactly that many bytes, so
// checking the header is enough; no stream needs watching. (Yoga's own
// limiter pipes every body through a stream to count chunked ones: some 5 %
// of a small read's CPU.)
import { createGraphQLError, type Plugin } from 'graphql-yoga'

const refusal = (status: number, message: string) =>
  createGraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status } } })

export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequestParse({ request }) {
      const declared = request.headers.get('content-length')
      if (declared === null) {
        if (request.body) throw refusal(411, 'a request body must declare its Content-Length')
        return
      }
      if (!/^[0-9]+$/.test(declared)) throw refusal(400, 'the Content-Length header is not a length')
      if (Number(declared) > maxBytes) throw refusal(413, `the request body may not exceed ${maxBytes} bytes`)
    },
  }
}

// A POST whose body Yoga cannot read (no parser for its Content-Type) gets
// 415, as from Yoga, but with an error saying why (Yoga's own 415 has no body):
// a malformed request, BAD_REQUEST.
import { createGraphQLError, type Plugin } from 'graphql-yoga'

export function useSupportedContentType(): Plugin {
  return {
    onRequestParse({ request, requestParser }) {
      if (request.method !== 'POST' || requestParser) return
      const given = request.headers.get('content-type')
      throw createGraphQLError(
        `${given ? 'the Content-Type of the body is not one this endpoint reads' : 'the body has no Content-Type'}: send application/json`,
        { extensions: { code: 'BAD_REQUEST', http: { status: 415 } } },
      )
    },
  }
}

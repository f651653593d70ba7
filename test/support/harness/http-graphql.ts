// GraphQL over HTTP to a gateway process.

/** An answer as it came: `body` is the parsed JSON, undefined when the text is not JSON. */
export interface HttpAnswer {
  status: number
  headers: Headers
  body: unknown
  text: string
}

/** POSTs `body` (one request or a batch) as JSON to the gateway's /graphql and reads the whole answer; rejects only when no answer comes. */
export async function postOverHttp(url: string, token: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = undefined
  }
  return { status: response.status, headers: response.headers, body: parsed, text }
}

/** The data of a successful answer, or a thrown error with the answer. */
export async function graphqlOver(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] }
  if (!response.ok || body.errors || !body.data) throw new Error(`GraphQL answered ${response.status}: ${JSON.stringify(body)}`)
  return body.data
}

// GraphQL over HTTP to a gateway process: the data of a successful answer, or a thrown error with the answer.
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

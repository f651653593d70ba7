// Trusted documents (issue 22): a real gateway process with
// PERSISTED_OPERATIONS=allowed and one with =required, both on the kit's
// manifest (client/generated/persisted-documents.json, the default), driven
// by Apollo Client's persisted-query link and urql's persisted exchange as
// the kit configures them (`trustedDocuments: true`), and by hand: a hash
// in `extensions.persistedQuery`, a `documentId`, an unknown hash, a
// document of one's own. Every refusal matches the mock recipe's fixture
// (code, status, message).
import { gql } from '@apollo/client'
import { print } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApolloClient } from '../../client/apollo.ts'
import { errorCodeOf } from '../../client/errors.ts'
import { UserPhonesDocument } from '../../client/generated/graphql.ts'
import { ERROR_FIXTURES } from '../../client/mocks.ts'
import { documentHashOf } from '../../client/trusted-documents.ts'
import { createUrqlClient } from '../../client/urql.ts'
import manifest from '../../client/generated/persisted-documents.json' with { type: 'json' }
import { launchGateway, productionEnv } from '../support/harness/process.ts'
import { people, startSeededGateway, type SeededGateway } from './seeded-gateway.ts'

/** A document no build of the kit produced. */
const OWN_DOCUMENT = gql`
  query OwnDocument($userId: String!) {
    user(id: $userId) {
      displayName
    }
  }
`

/** A fetch that remembers what each request sent: whether it carried the document itself. */
function recordingFetch() {
  const sent: { withQuery: boolean; hash?: string }[] = []
  const fetchAndRecord: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const parameters =
      request.method === 'GET'
        ? Object.fromEntries(new URL(request.url).searchParams)
        : ((await request.clone().json()) as Record<string, unknown>)
    const extensions = typeof parameters.extensions === 'string' ? JSON.parse(parameters.extensions) : parameters.extensions
    sent.push({ withQuery: typeof parameters.query === 'string' && parameters.query.length > 0, hash: extensions?.persistedQuery?.sha256Hash })
    return fetch(request)
  }
  return { sent, fetch: fetchAndRecord }
}

/** A request by hand: one body, the status and the answer. */
async function post(gateway: SeededGateway, body: Record<string, unknown>) {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${gateway.adminToken}` },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] } }
}

const kimsPhones = { userId: people.kim.id }
const hashOfUserPhones = () => documentHashOf(UserPhonesDocument)

/** The refusal matches the fixture a UI test uses for its code. */
function expectFixture(answer: Awaited<ReturnType<typeof post>>, code: 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_ONLY') {
  const fixture = ERROR_FIXTURES[code]
  expect(answer.body.errors).toHaveLength(1)
  expect(answer.body.errors![0]).toMatchObject({ message: fixture.error.message, extensions: fixture.error.extensions })
  expect(answer.status).toBe(fixture.status)
}

describe('the manifest', () => {
  it("holds every kit document under the hash each generated document carries", async () => {
    expect((manifest as Record<string, string>)[`sha256:${await hashOfUserPhones()}`]).toContain('query UserPhones')
  })
})

describe('PERSISTED_OPERATIONS=allowed', () => {
  let gateway: SeededGateway
  beforeAll(async () => {
    gateway = await startSeededGateway({ PERSISTED_OPERATIONS: 'allowed' })
  })
  afterAll(() => gateway?.stop())

  it('runs a request that sends the hash in extensions.persistedQuery, or as documentId, instead of the document', async () => {
    const hash = await hashOfUserPhones()
    const byExtension = await post(gateway, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: kimsPhones })
    expect(byExtension).toMatchObject({ status: 200, body: { data: { user: { id: people.kim.id } } } })
    const byDocumentId = await post(gateway, { documentId: `sha256:${hash}`, variables: kimsPhones })
    expect(byDocumentId).toMatchObject({ status: 200, body: { data: { user: { id: people.kim.id } } } })
  })

  it('still runs a document sent as it is, and answers an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    expect((await post(gateway, { query: print(OWN_DOCUMENT), variables: kimsPhones })).body).toEqual({ data: { user: { displayName: people.kim.displayName } } })
    expectFixture(await post(gateway, { extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }), 'PERSISTED_QUERY_NOT_FOUND')
  })

  it('Apollo Client sends the kit document by hash alone; its own document after a miss, with the document', async () => {
    const { sent, fetch } = recordingFetch()
    const client = createApolloClient(gateway.url, gateway.adminToken, { fetch, trustedDocuments: true })
    expect((await client.query({ query: UserPhonesDocument, variables: kimsPhones })).data!.user!.id).toBe(people.kim.id)
    expect(sent).toEqual([{ withQuery: false, hash: await hashOfUserPhones() }])
    expect((await client.query({ query: OWN_DOCUMENT, variables: kimsPhones, fetchPolicy: 'network-only' })).data).toMatchObject({ user: { displayName: people.kim.displayName } })
    expect(sent.slice(1).map((request) => request.withQuery)).toEqual([false, true])
  })

  it('urql sends the kit document by hash alone; its own document after a miss, with the document', async () => {
    const { sent, fetch } = recordingFetch()
    const client = createUrqlClient(gateway.url, gateway.adminToken, { fetch, trustedDocuments: true })
    const answer = await client.query(UserPhonesDocument, kimsPhones).toPromise()
    expect(answer.error).toBeUndefined()
    expect(answer.data!.user!.id).toBe(people.kim.id)
    expect(sent).toEqual([{ withQuery: false, hash: await hashOfUserPhones() }])
    const own = await client.query(OWN_DOCUMENT, kimsPhones, { requestPolicy: 'network-only' }).toPromise()
    expect(own.data).toMatchObject({ user: { displayName: people.kim.displayName } })
    expect(sent.slice(1).map((request) => request.withQuery)).toEqual([false, true])
  })
})

describe('PERSISTED_OPERATIONS=required', () => {
  let gateway: SeededGateway
  beforeAll(async () => {
    gateway = await startSeededGateway({ PERSISTED_OPERATIONS: 'required' })
  })
  afterAll(() => gateway?.stop())

  it("runs the manifest's documents, by hash or documentId", async () => {
    const hash = await hashOfUserPhones()
    expect(await post(gateway, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: kimsPhones })).toMatchObject({ status: 200, body: { data: { user: { id: people.kim.id } } } })
    expect(await post(gateway, { documentId: hash, variables: kimsPhones })).toMatchObject({ status: 200, body: { data: { user: { id: people.kim.id } } } })
  })

  it('refuses a document of its own with PERSISTED_QUERY_ONLY, even one the manifest has, and an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    expectFixture(await post(gateway, { query: print(OWN_DOCUMENT), variables: kimsPhones }), 'PERSISTED_QUERY_ONLY')
    expectFixture(await post(gateway, { query: print(UserPhonesDocument), variables: kimsPhones }), 'PERSISTED_QUERY_ONLY')
    expectFixture(await post(gateway, { query: '{ __schema { types { name } } }' }), 'PERSISTED_QUERY_ONLY')
    expectFixture(await post(gateway, { documentId: 'f'.repeat(64) }), 'PERSISTED_QUERY_NOT_FOUND')
  })

  it.each([
    ['Apollo Client', (g: SeededGateway) => createApolloClient(g.url, g.adminToken, { trustedDocuments: true }).query({ query: UserPhonesDocument, variables: kimsPhones }).then((result) => result.data)],
    ['urql', (g: SeededGateway) => createUrqlClient(g.url, g.adminToken, { trustedDocuments: true }).query(UserPhonesDocument, kimsPhones).toPromise().then((result) => result.data)],
  ])('%s runs the kit documents', async (_library, query) => {
    expect(await query(gateway)).toMatchObject({ user: { id: people.kim.id } })
  })

  it.each([
    ['Apollo Client', (g: SeededGateway) => createApolloClient(g.url, g.adminToken, { trustedDocuments: true }).query({ query: OWN_DOCUMENT, variables: kimsPhones }).then(() => undefined, (error: unknown) => error)],
    ['urql', (g: SeededGateway) => createUrqlClient(g.url, g.adminToken, { trustedDocuments: true }).query(OWN_DOCUMENT, kimsPhones).toPromise().then((result) => result.error)],
  ])('%s gets PERSISTED_QUERY_ONLY for a document of its own', async (_library, query) => {
    expect(errorCodeOf(await query(gateway))).toBe('PERSISTED_QUERY_ONLY')
  })

  it('will not start with GraphiQL on: GraphiQL sends documents the manifest does not have', async () => {
    const refusal = await launchGateway({ env: productionEnv('file:./unused.db', { PERSISTED_OPERATIONS: 'required', GRAPHIQL: 'true' }) }).then(
      () => expect.fail('the gateway started'),
      (error: Error) => error.message,
    )
    expect(refusal).toMatch(/GRAPHIQL=true needs PERSISTED_OPERATIONS off or allowed/)
  })

  it('will not start on a manifest that is not there, naming the variable', async () => {
    const refusal = await launchGateway({
      env: productionEnv('file:./unused.db', { PERSISTED_OPERATIONS: 'required', PERSISTED_OPERATIONS_FILE: '/nonexistent/manifest.json' }),
    }).then(
      () => expect.fail('the gateway started'),
      (error: Error) => error.message,
    )
    expect(refusal).toMatch(/PERSISTED_OPERATIONS_FILE: the persisted documents file does not exist/)
    expect(refusal).not.toContain('/nonexistent')
  })
})

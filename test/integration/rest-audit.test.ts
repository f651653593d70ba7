// The audit trail covers the Graph-compatible REST routes as it covers
// GraphQL (docs/rest.md, docs/audit.md): the routes call the same services, so a
// change made through Microsoft's Graph client writes exactly one event with
// the response's request id, a refusal one failure event, and a request
// refused before a service none.
import { GraphError, ResponseType } from '@microsoft/microsoft-graph-client'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { serveOverHttp, type ServedGateway } from '../support/harness/graph-client.ts'
import { people, personaTokens } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const MOBILE = '3179e48a-750b-4051-897c-87b9720928f7'
const EVENT = `activityDisplayName category result resultReason initiatedByUserId targetUserId methodId phoneType
  oldPhoneNumber newPhoneNumber requestId`

describeOnEachDatabase('the audit trail of REST calls on %s', (provider) => {
  let gateway: TestGateway
  let served: ServedGateway
  let tokens: Awaited<ReturnType<typeof personaTokens>>

  const events = async () => {
    const response = await gateway.graphql(tokens.auditor, `{ auditEvents(first: 50) { edges { node { ${EVENT} } } } }`)
    expect(codes(response)).toEqual([])
    return response.data!.auditEvents.edges.map((edge: { node: Record<string, unknown> }) => edge.node).reverse()
  }
  /** The Graph client's answer as HTTP, for its status and X-Request-Id. */
  const raw = (token: string) => (path: string) => served.client(token).api(path).responseType(ResponseType.RAW)

  beforeAll(async () => {
    gateway = await startGateway(provider)
    served = await serveOverHttp(gateway.yoga)
    tokens = await personaTokens()
  })
  beforeEach(async () => {
    await gateway.db.client.$transaction(async (tx) => {
      await tx.phoneMethod.deleteMany({})
      await tx.auditEvent.deleteMany({})
    })
  })
  afterAll(async () => {
    await served?.close()
    await gateway?.close()
  })

  it('records the seed’s request as one success event carrying the response’s request id', async () => {
    const response: Response = await raw(tokens.admin)('/users/kim@contoso.com/authentication/phoneMethods').post({
      phoneNumber: '+1 2065555555',
      phoneType: 'mobile',
    })
    expect(response.status).toBe(201)
    expect(await events()).toEqual([
      {
        activityDisplayName: 'Admin registered security info',
        category: 'UserManagement',
        result: 'success',
        resultReason: null,
        initiatedByUserId: people.admin.id,
        targetUserId: people.kim.id,
        methodId: MOBILE,
        phoneType: 'mobile',
        oldPhoneNumber: null,
        newPhoneNumber: '+1 XXXXXXXX55',
        requestId: response.headers.get('x-request-id'),
      },
    ])
  })

  it('records a refusal as one failure event with its code, and the user’s own deletion through /me as the user’s', async () => {
    const phones = served.client(tokens.admin).api(`/users/${people.kim.id}/authentication/phoneMethods`)
    await phones.post({ phoneNumber: '+1 2065555555', phoneType: 'mobile' })
    const refused = await phones.post({ phoneNumber: '+1 2065550100', phoneType: 'mobile' }).catch((error: GraphError) => error)
    expect(refused).toBeInstanceOf(GraphError)
    expect(refused).toMatchObject({ statusCode: 409, code: 'invalidRequest' })
    expect(JSON.parse((refused as GraphError).body).innerError.code).toBe('PHONE_TYPE_ALREADY_EXISTS')

    const deleted: Response = await raw(tokens.kim)(`/me/authentication/phoneMethods/${MOBILE}`).delete()
    expect(deleted.status).toBe(204)

    const trail = await events()
    expect(trail.map((event: Record<string, unknown>) => [event.activityDisplayName, event.result, event.resultReason, event.initiatedByUserId])).toEqual([
      ['Admin registered security info', 'success', null, people.admin.id],
      ['Admin registered security info', 'failure', 'PHONE_TYPE_ALREADY_EXISTS', people.admin.id],
      ['User deleted security info', 'success', null, people.kim.id],
    ])
    expect(trail[1]).toMatchObject({ requestId: (refused as GraphError).requestId, newPhoneNumber: '+1 XXXXXXXX00' })
    expect(trail[2]).toMatchObject({ requestId: deleted.headers.get('x-request-id'), oldPhoneNumber: '+1 XXXXXXXX55', newPhoneNumber: null })
  })

  it('records nothing for a request refused before a service: a bad number, an unknown property, a bad token', async () => {
    const phones = served.client(tokens.admin).api(`/users/${people.kim.id}/authentication/phoneMethods`)
    for (const body of [{ phoneNumber: '5555551234', phoneType: 'mobile' }, { phoneNumber: '+1 2065555555', phoneType: 'mobile', color: 'red' }]) {
      await expect(phones.post(body)).rejects.toMatchObject({ statusCode: 400 })
    }
    await expect(served.client('not-a-token').api('/me/authentication/phoneMethods').get()).rejects.toMatchObject({ statusCode: 401 })
    expect(await events()).toEqual([])
  })
})

// The authorization matrix on REST: every persona of the GraphQL matrix
// (test/integration/authorization.test.ts) runs every phone and policy
// operation through both edges, each from the same baseline. The REST
// answer must carry the code GraphQL gives (a GraphQL null is REST's 404)
// with §3b's status, show the same numbers (masked or not), and change
// exactly the same rows: one rule set, whichever edge a caller uses.
import { GraphError, ResponseType } from '@microsoft/microsoft-graph-client'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { PHONE_METHOD_ID } from '../../src/domain/phone-method.ts'
import {
  authzTenants,
  changedKeys,
  everyone,
  PERSONAS,
  matrixTokens,
  resetState,
  restore,
  snapshot,
  userOfPersona,
  type Persona,
  type Snapshot,
} from '../support/personas/authz-fixtures.ts'
import { startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { serveOverHttp, type ServedGateway } from '../support/harness/graph-client.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const MOBILE = PHONE_METHOD_ID.mobile
const PHONE = 'phoneNumber phoneType smsSignInState'
const POLICY_PATH = '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/sms'

/** §3b's status for each code. */
const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  MOBILE_REQUIRED: 400,
  SMS_SIGN_IN_NOT_SUPPORTED: 400,
  SMS_SIGN_IN_NOT_ALLOWED: 400,
  PHONE_TYPE_ALREADY_EXISTS: 409,
  ALTERNATE_MOBILE_EXISTS: 409,
  PHONE_NUMBER_NOT_UNIQUE: 409,
}

interface Operation {
  /** The GraphQL document; `result` is the answer's field. */
  graphql: string
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** The REST path under the version, for a user reference. */
  path: string
  body?: unknown
  success: number
  /** The phone numbers (or policy state) an answer shows, to compare masking. */
  shown?: (result: any) => unknown
  /** Where REST answers an app-only token as Graph does, unlike GraphQL. */
  appOnlyRest?: { code: string; status: number }
}

const phones = (userRef: string) => `/users/${encodeURIComponent(userRef)}/authentication/phoneMethods`

function userOperations(userRef: string): Record<string, Operation> {
  const target = JSON.stringify(userRef)
  return {
    list: {
      graphql: `{ result: user(id: ${target}) { phoneMethods { ${PHONE} } } }`,
      method: 'GET',
      path: phones(userRef),
      success: 200,
      shown: (result) => (result.phoneMethods ?? result.value).map((phone: { phoneNumber: string }) => phone.phoneNumber),
    },
    get: {
      graphql: `{ result: phoneMethod(userId: ${target}, methodId: "${MOBILE}") { ${PHONE} } }`,
      method: 'GET',
      path: `${phones(userRef)}/${MOBILE}`,
      success: 200,
      shown: (result) => [result.phoneNumber, result.smsSignInState],
    },
    add: {
      graphql: `mutation { result: addPhoneMethod(input: { userId: ${target}, phoneNumber: "+1 4255550100", phoneType: office }) { ${PHONE} } }`,
      method: 'POST',
      path: phones(userRef),
      body: { phoneNumber: '+1 4255550100', phoneType: 'office' },
      success: 201,
    },
    update: {
      graphql: `mutation { result: updatePhoneMethod(input: { userId: ${target}, methodId: "${MOBILE}", phoneNumber: "+1 4255550111" }) { ${PHONE} } }`,
      method: 'PATCH',
      path: `${phones(userRef)}/${MOBILE}`,
      body: { phoneNumber: '+1 4255550111' },
      success: 204,
    },
    delete: {
      graphql: `mutation { result: deletePhoneMethod(input: { userId: ${target}, methodId: "${MOBILE}" }) { methodId } }`,
      method: 'DELETE',
      path: `${phones(userRef)}/${MOBILE}`,
      success: 204,
    },
    enableSmsSignIn: {
      graphql: `mutation { result: enableSmsSignIn(input: { userId: ${target}, methodId: "${MOBILE}" }) { ${PHONE} } }`,
      method: 'POST',
      path: `${phones(userRef)}/${MOBILE}/enableSmsSignIn`,
      success: 204,
    },
    disableSmsSignIn: {
      graphql: `mutation { result: disableSmsSignIn(input: { userId: ${target}, methodId: "${MOBILE}" }) { ${PHONE} } }`,
      method: 'POST',
      path: `${phones(userRef)}/${MOBILE}/disableSmsSignIn`,
      success: 204,
    },
  }
}

const TENANT_OPERATIONS: Record<string, Operation> = {
  me: {
    graphql: `{ result: me { phoneMethods { ${PHONE} } } }`,
    method: 'GET',
    path: '/me/authentication/phoneMethods',
    success: 200,
    shown: (result) => (result.phoneMethods ?? result.value).map((phone: { phoneNumber: string }) => phone.phoneNumber),
    // Graph: "/me request is only valid with delegated authentication flow." (GraphQL's me says FORBIDDEN).
    appOnlyRest: { code: 'BAD_REQUEST', status: 400 },
  },
  readPolicy: {
    graphql: '{ result: smsAuthenticationMethodConfiguration { state includeTargets { id } } }',
    method: 'GET',
    path: POLICY_PATH,
    success: 200,
    shown: (result) => [result.state, result.includeTargets.map((target: { id: string }) => target.id)],
  },
  changePolicy: {
    graphql: 'mutation { result: updateSmsAuthenticationMethodConfiguration(input: { state: disabled }) { state } }',
    method: 'PATCH',
    path: POLICY_PATH,
    body: { '@odata.type': '#microsoft.graph.smsAuthenticationMethodConfiguration', state: 'disabled' },
    success: 204,
  },
}

/**
 * The operations a persona runs: all of them on lee and on itself, a read and
 * two writes on a user of the other tenant, and the tenant-wide ones.
 */
function operationsOf(persona: Persona): [string, Operation][] {
  const self = userOfPersona(persona)
  const on = (name: string, ref: string, only?: string[]) =>
    Object.entries(userOperations(ref))
      .filter(([op]) => !only || only.includes(op))
      .map(([op, spec]): [string, Operation] => [`${op}(${name})`, spec])
  return [
    ...on('lee', everyone.lee.id),
    ...(self ? on('self', everyone[self].id) : []),
    ...on('pat (fabrikam)', everyone.outsider.id, ['list', 'add', 'delete']),
    ...Object.entries(TENANT_OPERATIONS),
  ]
}

interface Outcome {
  code: string
  status?: number
  shown?: unknown
  changed: Snapshot
}

describeOnEachDatabase('the authorization matrix through REST on %s', (provider) => {
  let gateway: TestGateway
  let served: ServedGateway
  let tokens: Awaited<ReturnType<typeof matrixTokens>>
  let baseline: Snapshot
  /** Every GraphQL outcome the personas met, so that the comparison is known to cover both answers. */
  const seen = new Set<string>()

  beforeAll(async () => {
    gateway = await startGateway(provider, { tenants: authzTenants })
    served = await serveOverHttp(gateway.yoga)
    tokens = await matrixTokens()
    await resetState(gateway)
    baseline = await snapshot(gateway)
  })
  afterAll(async () => {
    await served?.close()
    await gateway?.close()
  })

  /** Runs `work` from the baseline; returns what it answered and the rows a write changed (their new values), then restores. */
  async function fromBaseline(spec: Operation, work: () => Promise<Omit<Outcome, 'changed'>>): Promise<Outcome> {
    const outcome = await work()
    if (spec.method === 'GET') return { ...outcome, changed: {} }
    const after = await snapshot(gateway)
    const keys = changedKeys(baseline, after)
    await restore(gateway, keys)
    return { ...outcome, changed: Object.fromEntries(keys.map((key) => [key, after[key] ?? 'deleted'])) }
  }

  const viaGraphQL = (persona: Persona, spec: Operation) =>
    fromBaseline(spec, async () => {
      const response = await gateway.graphql(tokens[persona], spec.graphql)
      const code = response.errors?.[0]?.extensions?.code
      if (code) return { code }
      const result = response.data?.result
      return result === null ? { code: 'NOT_FOUND' } : { code: 'ok', shown: spec.shown?.(result) }
    })

  const viaRest = (persona: Persona, spec: Operation) =>
    fromBaseline(spec, async () => {
      const token = tokens[persona]
      if (!token) {
        const response = await fetch(`${served.origin}/v1.0${spec.path}`, { method: spec.method })
        return { code: (await response.json()).error.innerError.code, status: response.status }
      }
      const request = served.client(token, 'v1.0').api(spec.path).responseType(ResponseType.RAW)
      try {
        const response: Response =
          spec.method === 'GET'
            ? await request.get()
            : spec.method === 'DELETE'
              ? await request.delete()
              : spec.method === 'PATCH'
                ? await request.patch(spec.body)
                : await request.post(spec.body ?? {})
        const body = response.status === 204 ? undefined : await response.json()
        // A raw response is the client's answer whatever its status.
        if (!response.ok) return { code: body.error.innerError.code, status: response.status }
        return { code: 'ok', status: response.status, shown: body && spec.shown?.(body) }
      } catch (error) {
        if (!(error instanceof GraphError)) throw error
        return { code: JSON.parse(error.body).innerError.code ?? 'none', status: error.statusCode }
      }
    })

  it.each(Object.keys(PERSONAS) as Persona[])('%s gets from REST what it gets from GraphQL', async (persona) => {
    const answers: Record<string, { graphql: Outcome; rest: Outcome }> = {}
    for (const [name, spec] of operationsOf(persona)) {
      answers[name] = { graphql: await viaGraphQL(persona, spec), rest: await viaRest(persona, spec) }
    }
    for (const [name, spec] of operationsOf(persona)) {
      const { graphql, rest } = answers[name]!
      const appOnly = 'roles' in PERSONAS[persona]
      const expected =
        appOnly && spec.appOnlyRest
          ? { ...spec.appOnlyRest, shown: undefined, changed: graphql.changed }
          : { code: graphql.code, status: graphql.code === 'ok' ? spec.success : STATUS[graphql.code], shown: graphql.shown, changed: graphql.changed }
      expect(rest, `${name} as ${persona}`).toEqual(expected)
    }
    for (const { graphql } of Object.values(answers)) seen.add(graphql.code)
  })

  it('compared successes and every kind of refusal the personas meet', () => {
    expect([...seen].sort()).toEqual(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'ok'])
  })
})

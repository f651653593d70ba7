// Examples never rot: every example document of src/examples (GraphiQL's and
// the README's operations) is valid against the schema, every operation in
// them runs on the demo tenant through the gateway and answers what it says,
// and every ```graphql block of the README is one of these operations.
import { readFileSync } from 'node:fs'
import { Kind, parse, print, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleDocuments, GRAPHIQL_DEFAULT_DOCUMENT } from '../../src/examples/index.ts'
import { demoTenant } from '../../src/db/seed.ts'
import { schema } from '../../src/schema/index.ts'
import { startGateway, type GraphQLResponse, type TestGateway } from '../support/harness/gateway.ts'
import { tokenFor } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

// The demo tenant (src/db/demo-tenant.json), which the examples are written for.
const KIM_ID = '7d1a4f2c-5b8e-4c3a-9f61-2e8b7c0d4a15'
const ADMIN_ID = 'a0b2c4d6-e8f0-4a1b-8c3d-5e7f9a1b3c5d'
const MOBILE_ID = '3179e48a-750b-4051-897c-87b9720928f7'
const SMS_PILOT = '3c1f8e2a-6b4d-4f7a-9c2e-1a5b7d9e0f13'
// Kim's mobile's global id, written out (not computed by the code under test).
const KIMS_MOBILE = '8tPhSDZrLyu_wDonk7hlYa5CD3eqHMP1'

const parsed: Record<string, DocumentNode> = Object.fromEntries(
  Object.entries(exampleDocuments).map(([file, text]) => [file, parse(text)]),
)

const operationsOf = (document: DocumentNode) =>
  document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)

/** Every example operation by name, with the file it lives in. */
const exampleOperations = new Map<string, { file: string; node: OperationDefinitionNode }>(
  Object.entries(parsed).flatMap(([file, document]) =>
    operationsOf(document).map((node) => [node.name?.value ?? `<unnamed in ${file}>`, { file, node }] as const),
  ),
)

/** Kim's mobile as AddKimsMobile answers it (the README shows this answer too). */
const ADDED_MOBILE = { id: KIMS_MOBILE, methodId: MOBILE_ID, phoneNumber: '+1 2065555555', phoneType: 'mobile', smsSignInState: 'ready' }

/**
 * The order the examples run in on a fresh demo tenant, each with the data it
 * must answer. Every example operation appears at least once; some run twice
 * to show the effect of a later one.
 */
const RUN_ORDER: { operation: string; data: Record<string, unknown> }[] = [
  { operation: 'Me', data: { me: { id: ADMIN_ID, userPrincipalName: 'admin@contoso.com', displayName: 'Contoso Admin' } } },
  { operation: 'KimsPhones', data: { user: { displayName: 'Kim Akers', phoneMethods: [] } } },
  {
    operation: 'SmsPolicy',
    data: {
      smsAuthenticationMethodConfiguration: {
        id: 'Sms',
        state: 'enabled',
        includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: true }],
        excludeTargets: [],
      },
    },
  },
  { operation: 'AddKimsMobile', data: { addPhoneMethod: ADDED_MOBILE } },
  { operation: 'KimsPhones', data: { user: { displayName: 'Kim Akers', phoneMethods: [ADDED_MOBILE] } } },
  {
    operation: 'KimsSignInPreferences',
    data: { user: { signInPreferences: { userPreferredMethodForSecondaryAuthentication: null, isSystemPreferredAuthenticationMethodEnabled: true } } },
  },
  {
    operation: 'MakeSmsKimsDefault',
    data: { updateSignInPreferences: { userPreferredMethodForSecondaryAuthentication: 'sms', isSystemPreferredAuthenticationMethodEnabled: true } },
  },
  {
    operation: 'KimsSignInPreferences',
    data: { user: { signInPreferences: { userPreferredMethodForSecondaryAuthentication: 'sms', isSystemPreferredAuthenticationMethodEnabled: true } } },
  },
  { operation: 'ChangeKimsMobile', data: { updatePhoneMethod: { id: KIMS_MOBILE, methodId: MOBILE_ID, phoneNumber: '+1 2065550123', smsSignInState: 'ready' } } },
  { operation: 'TurnOffKimsSmsSignIn', data: { disableSmsSignIn: { id: KIMS_MOBILE, methodId: MOBILE_ID, smsSignInState: 'notEnabled' } } },
  { operation: 'TurnOnKimsSmsSignIn', data: { enableSmsSignIn: { id: KIMS_MOBILE, methodId: MOBILE_ID, smsSignInState: 'ready' } } },
  { operation: 'KeepKimOffSmsSignIn', data: { updateSmsAuthenticationMethodConfiguration: { state: 'enabled', excludeTargets: [{ id: KIM_ID }] } } },
  { operation: 'KimsMobile', data: { phoneMethod: { phoneNumber: '+1 2065550123', phoneType: 'mobile', smsSignInState: 'notAllowedByPolicy' } } },
  {
    operation: 'LetEveryoneSignInBySms',
    data: { updateSmsAuthenticationMethodConfiguration: { state: 'enabled', includeTargets: [{ id: 'all_users', isUsableForSignIn: true }] } },
  },
  // The mobile stayed registered while the policy excluded Kim: ready again.
  { operation: 'KimsMobile', data: { phoneMethod: { phoneNumber: '+1 2065550123', phoneType: 'mobile', smsSignInState: 'ready' } } },
  // Kim is a member of the SMS pilot group (src/db/demo-tenant.json): still ready.
  {
    operation: 'LetOnlyTheSmsPilotSignInBySms',
    data: { updateSmsAuthenticationMethodConfiguration: { includeTargets: [{ id: SMS_PILOT, targetType: 'group' }] } },
  },
  { operation: 'KimsMobile', data: { phoneMethod: { phoneNumber: '+1 2065550123', phoneType: 'mobile', smsSignInState: 'ready' } } },
  { operation: 'KeepKimOffSmsSignIn', data: { updateSmsAuthenticationMethodConfiguration: { state: 'enabled', excludeTargets: [{ id: KIM_ID }] } } },
  { operation: 'KimsMobile', data: { phoneMethod: { phoneNumber: '+1 2065550123', phoneType: 'mobile', smsSignInState: 'notAllowedByPolicy' } } },
  {
    operation: 'ResetSmsPolicy',
    data: {
      resetSmsAuthenticationMethodConfiguration: {
        state: 'enabled',
        includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: true }],
        excludeTargets: [],
      },
    },
  },
  { operation: 'KimsMobile', data: { phoneMethod: { phoneNumber: '+1 2065550123', phoneType: 'mobile', smsSignInState: 'ready' } } },
  {
    operation: 'FirstPageOfUsers',
    data: {
      users: {
        edges: [
          { node: { userPrincipalName: 'kim@contoso.com', phoneMethods: [{ phoneType: 'mobile', phoneNumber: '+1 2065550123' }] } },
          { node: { userPrincipalName: 'admin@contoso.com', phoneMethods: [] } },
        ],
        pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
      },
    },
  },
  { operation: 'ClearKimsDefault', data: { updateSignInPreferences: { userPreferredMethodForSecondaryAuthentication: null } } },
  { operation: 'DeleteKimsMobile', data: { deletePhoneMethod: { id: KIMS_MOBILE, methodId: MOBILE_ID, user: { phoneMethods: [] } } } },
  { operation: 'KimsPhones', data: { user: { displayName: 'Kim Akers', phoneMethods: [] } } },
]

describe('the example documents (src/examples)', () => {
  it('are there, and GraphiQL opens with getting-started.graphql: Me, KimsPhones, AddKimsMobile', () => {
    expect(Object.keys(exampleDocuments).length).toBeGreaterThan(0)
    expect(operationsOf(parse(GRAPHIQL_DEFAULT_DOCUMENT)).map((operation) => operation.name?.value)).toEqual(['Me', 'KimsPhones', 'AddKimsMobile'])
  })

  for (const file of Object.keys(exampleDocuments)) {
    it(`${file} is valid against the schema`, () => {
      expect(validate(schema, parsed[file]!).map((error) => error.message)).toEqual([])
      expect(operationsOf(parsed[file]!).length).toBeGreaterThan(0)
    })
  }

  it('name every operation, each name once across all files', () => {
    const names = Object.values(parsed).flatMap((document) => operationsOf(document).map((operation) => operation.name?.value))
    expect(names.every(Boolean)).toBe(true)
    expect(new Set(names).size).toBe(names.length)
  })

  it('are all in the run order of this test, and it runs nothing else', () => {
    expect(new Set(RUN_ORDER.map((step) => step.operation))).toEqual(new Set(exampleOperations.keys()))
  })
})

describe('the README', () => {
  const graphqlBlocks = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!)

  it('shows GraphQL operations', () => {
    expect(graphqlBlocks.length).toBeGreaterThan(0)
  })

  graphqlBlocks.forEach((block, index) => {
    it(`\`\`\`graphql block ${index + 1} is made of example operations, exactly as in src/examples`, () => {
      for (const definition of parse(block).definitions) {
        expect(definition.kind).toBe(Kind.OPERATION_DEFINITION)
        const name = (definition as OperationDefinitionNode).name?.value
        const example = name ? exampleOperations.get(name) : undefined
        expect(example, `README operation ${name ?? '(unnamed)'} is not in src/examples`).toBeDefined()
        expect(print(definition), `README operation ${name} differs from src/examples/${example!.file}`).toBe(print(example!.node))
      }
    })
  })

  it('shows the seed file format as src/db/demo-tenant.json is', () => {
    const seedFiles = [...README.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((match) => JSON.parse(match[1]!) as { tenants?: unknown })
      .filter((json) => json.tenants)
    expect(seedFiles).toEqual([demoTenant])
  })

  it('shows the answer AddKimsMobile gives', () => {
    const answers = [...README.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((match) => JSON.parse(match[1]!) as { data?: Record<string, unknown> })
      .filter((json) => json.data && 'addPhoneMethod' in json.data)
    expect(answers).toEqual([{ data: RUN_ORDER.find((step) => step.operation === 'AddKimsMobile')!.data }])
  })
})

describeOnEachDatabase('the example operations, run in order on the demo tenant on %s', (provider) => {
  let gateway: TestGateway
  let adminToken: string

  beforeAll(async () => {
    gateway = await startGateway(provider, { tenants: demoTenant })
    // The token `npm start` prints: admin@contoso.com with the demo admin's directory roles (Privileged
    // Authentication Administrator, and Authentication Policy Administrator for the SMS policy examples).
    const admin = demoTenant.tenants[0]!.users.find((user) => user.id === ADMIN_ID)!
    expect(admin.directoryRoles).toContain('7be44c8a-adaf-4e2a-84d6-ab2649e08a13')
    adminToken = await tokenFor({
      sub: ADMIN_ID,
      wids: [...(admin.directoryRoles ?? [])],
      scp: 'UserAuthenticationMethod.ReadWrite.All Policy.ReadWrite.AuthenticationMethod',
    })
  })
  afterAll(() => gateway?.close())

  /** Runs one operation the way GraphiQL does: the whole document, with the operation's name. */
  async function run(operation: string): Promise<GraphQLResponse> {
    const { file } = exampleOperations.get(operation)!
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query: exampleDocuments[file], operationName: operation }),
    })
    return { status: response.status, headers: response.headers, ...((await response.json()) as object) }
  }

  RUN_ORDER.forEach(({ operation, data }, index) => {
    it(`${index + 1}. ${operation}`, async () => {
      const response = await run(operation)
      expect(response.errors).toBeUndefined()
      expect(response.status).toBe(200)
      expect(response.data).toEqual(data)
    })
  })
})

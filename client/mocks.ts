// A mocked gateway for UI tests that run with no gateway and no database:
// @graphql-tools/mock over the kit's schema.graphql, answering through a
// `fetch` that Apollo Client, urql and graphql-request all accept
// (`createApolloClient(url, token, { fetch: mock.fetch })`). The data looks
// like the real thing: a directory of people that pages as the gateway pages
// (`first`, `after` with real cursors, `hasNextPage`, `search`), numbers in
// the contract's format from ranges reserved for fiction, Graph's fixed
// method ids and order, an SMS policy that decides smsSignInState, and an
// audit log (ISO times, Entra's activity names, masked numbers) that every
// write adds to. Business rules are not mocked: make an operation fail with
// `fail(operationName, code)`, which answers with the error a real gateway
// sends for that code (ERROR_FIXTURES, checked against a real gateway).
import { readFileSync } from 'node:fs'
import { addMocksToSchema } from '@graphql-tools/mock'
import { buildSchema, graphql, GraphQLError, type GraphQLFormattedError } from 'graphql'
import { ErrorCode } from './errors.ts'
import { AuditResult, PhoneType, SmsSignInState } from './generated/enums.ts'

/** Graph's fixed id of each phone type (PhoneAuthenticationMethod.methodId). */
export const METHOD_ID: Readonly<Record<PhoneType, string>> = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
}

const GRAPH_ORDER: readonly PhoneType[] = [PhoneType.Mobile, PhoneType.AlternateMobile, PhoneType.Office]

/**
 * The n-th number reserved for fiction, as "+<country code> <number>":
 * North America's 555-0100…0199 (Seattle's area code) for mobiles, the UK's
 * drama range 020 7946 0000…0999 for office phones.
 */
function fictionalNumber(n: number, phoneType: PhoneType): string {
  return phoneType === PhoneType.Office ? `+44 2079460${String(n % 1000).padStart(3, '0')}` : `+1 20655501${String(n % 100).padStart(2, '0')}`
}

/** As the gateway shows numbers in audit events: every digit but the last two hidden, extension dropped. */
export function maskedNumber(phoneNumber: string): string {
  const [countryCode, national = ''] = phoneNumber.replace(/x\d*$/, '').split(' ')
  return `${countryCode} ${'X'.repeat(Math.max(0, national.length - 2))}${national.slice(-2)}`
}

/** The mock tenant's directory: `kim@contoso.com` is the first. */
export const MOCK_PEOPLE: readonly { id: string; userPrincipalName: string; displayName: string }[] = [
  'Kim Akers',
  'Lee Gu',
  'Ana Bowman',
  'Bo Chen',
  'Megan Bowen',
  'Diego Siciliani',
  'Isaiah Langer',
  'Lynne Robbins',
  'Adele Vance',
  'Alex Wilber',
  'Grady Archie',
  'Henrietta Mueller',
].map((displayName, index) => ({
  id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
  userPrincipalName: `${displayName.split(' ')[0]!.toLowerCase()}@contoso.com`,
  displayName,
}))

/** Who the mock's writes are made by, as the audit log shows them. */
const INITIATOR = { id: '00000000-0000-4000-8000-0000000000ad', userPrincipalName: 'admin@contoso.com' }

/** The first audit event's time; each later event is a minute after the one before. */
const FIRST_EVENT_AT = Date.parse('2026-01-05T09:00:00.000Z')

export interface ErrorFixture {
  /** The HTTP status the gateway answers with, and the headers that matter to a client. */
  status: number
  headers?: Record<string, string>
  error: GraphQLFormattedError
}

const fixture = (code: ErrorCode, message: string, status = 200, extensions: Record<string, unknown> = {}, headers?: Record<string, string>): ErrorFixture => ({
  status,
  ...(headers ? { headers } : {}),
  error: { message, extensions: { code, ...extensions } },
})

/**
 * The error a real gateway sends for each code, as a UI test needs it: for
 * each, the message is the gateway's own for one case (the test suite of the
 * gateway checks each against a live gateway).
 */
export const ERROR_FIXTURES: Readonly<Record<ErrorCode, ErrorFixture>> = {
  UNAUTHENTICATED: fixture('UNAUTHENTICATED', 'Unauthenticated: the bearer token is not a JWT', 401),
  FORBIDDEN: fixture('FORBIDDEN', "Forbidden: users can't add or update a phone method on their own account"),
  NOT_FOUND: fixture('NOT_FOUND', `The user has no phone method with id "${METHOD_ID.office}".`, 200, { field: 'input.methodId' }),
  BAD_USER_INPUT: fixture(
    'BAD_USER_INPUT',
    'Phone number must be "+<country code> <number>" with an optional "x<extension>", using ASCII digits only, for example "+1 5555551234" or "+1 5555551234x123".',
    200,
    { field: 'input.phoneNumber' },
  ),
  PHONE_TYPE_ALREADY_EXISTS: fixture('PHONE_TYPE_ALREADY_EXISTS', 'The user already has a mobile phone. Update or delete it instead.', 200, { field: 'input.phoneType' }),
  MOBILE_REQUIRED: fixture('MOBILE_REQUIRED', 'The user needs a mobile phone before an alternate mobile phone can be added.', 200, { field: 'input.phoneType' }),
  ALTERNATE_MOBILE_EXISTS: fixture(
    'ALTERNATE_MOBILE_EXISTS',
    "The mobile phone can't be deleted while the user has an alternate mobile phone. Delete the alternate mobile phone first.",
    200,
    { field: 'input.methodId' },
  ),
  SMS_SIGN_IN_NOT_SUPPORTED: fixture('SMS_SIGN_IN_NOT_SUPPORTED', 'SMS sign-in works only on the mobile phone, not on an alternate mobile phone.', 200, {
    field: 'input.methodId',
  }),
  SMS_SIGN_IN_NOT_ALLOWED: fixture('SMS_SIGN_IN_NOT_ALLOWED', "The tenant's SMS authentication method policy does not let this user sign in by SMS."),
  PHONE_NUMBER_NOT_UNIQUE: fixture('PHONE_NUMBER_NOT_UNIQUE', 'Another user of this tenant already uses this number for SMS sign-in.'),
  DEFAULT_METHOD_CANNOT_BE_DELETED: fixture(
    'DEFAULT_METHOD_CANNOT_BE_DELETED',
    "This phone is the user's default sign-in method (voiceMobile). Change the default method first.",
    200,
    { field: 'input.methodId' },
  ),
  RATE_LIMITED: fixture('RATE_LIMITED', 'too many changes in a minute; retry after 30 seconds', 429, {}, { 'retry-after': '30' }),
  SERVER_BUSY: fixture('SERVER_BUSY', 'the gateway is busy: retry after a second', 503, {}, { 'retry-after': '1' }),
  CONFLICT_RETRY: fixture('CONFLICT_RETRY', 'The change conflicted with concurrent changes and nothing was written. Retry it.'),
  INTERNAL_SERVER_ERROR: fixture('INTERNAL_SERVER_ERROR', 'Unexpected error.'),
  GRAPHQL_PARSE_FAILED: fixture('GRAPHQL_PARSE_FAILED', 'Syntax Error: Expected Name, found <EOF>.', 400),
  GRAPHQL_VALIDATION_FAILED: fixture('GRAPHQL_VALIDATION_FAILED', 'Cannot query field "phoneNumbers" on type "User".', 400),
  BAD_REQUEST: fixture('BAD_REQUEST', 'POST body sent invalid JSON.', 400),
  PERSISTED_QUERY_NOT_FOUND: fixture('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound'),
  PERSISTED_QUERY_ONLY: fixture('PERSISTED_QUERY_ONLY', 'PersistedQueryOnly'),
}

interface MockedPhone {
  phoneNumber: string
  /** Whether the mobile is registered for SMS sign-in (the policy decides whether that counts). */
  registered: boolean
}

interface MockedEvent {
  id: string
  activityDateTime: string
  activityDisplayName: string
  category: 'UserManagement' | 'Policy'
  result: AuditResult
  resultReason: null
  initiatedByUserId: string
  initiatedByUserPrincipalName: string
  initiatedByAppId: null
  targetUserId: string | null
  targetUserPrincipalName: string | null
  methodId: string | null
  phoneType: PhoneType | null
  oldPhoneNumber: string | null
  newPhoneNumber: string | null
  requestId: string
}

interface SmsPolicy {
  id: 'Sms'
  state: 'enabled' | 'disabled'
  includeTargets: { id: string; targetType: 'user' | 'group'; isUsableForSignIn: boolean }[]
  excludeTargets: { id: string; targetType: 'user' | 'group' }[]
}

const defaultPolicy = (): SmsPolicy => ({
  id: 'Sms',
  state: 'enabled',
  includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: true }],
  excludeTargets: [],
})

interface GraphQLRequest {
  query: string
  variables?: Record<string, unknown>
  operationName?: string
}

/** The operation of a GraphQL-over-HTTP request: a JSON body, or (urql's default for queries) GET parameters. */
async function graphQLRequestOf(request: Request): Promise<GraphQLRequest> {
  if (request.method !== 'GET') return (await request.json()) as GraphQLRequest
  const parameters = new URL(request.url).searchParams
  const variables = parameters.get('variables')
  return {
    query: parameters.get('query') ?? '',
    ...(variables ? { variables: JSON.parse(variables) as Record<string, unknown> } : {}),
    ...(parameters.has('operationName') ? { operationName: parameters.get('operationName')! } : {}),
  }
}

// The media type the gateway answers the kit's clients with (they all accept it): with it, clients read
// the errors of a 4xx answer as GraphQL errors (Apollo Client reports a bare server error otherwise).
const GRAPHQL_RESPONSE = { 'content-type': 'application/graphql-response+json; charset=utf-8' }

/** The gateway's refusal of a page size or cursor, word for word. */
const badPage = (field: 'first' | 'after') =>
  new GraphQLError(
    field === 'first' ? 'First must be between 1 and 200.' : 'After is not a cursor from this connection (use pageInfo.endCursor or an edge cursor).',
    { extensions: { code: ErrorCode.BadUserInput, field } },
  )

const encodeCursor = (kind: string, key: string) => btoa(encodeURIComponent(`mock:${kind}:${key}`))

/** One page of a list already in the connection's order: Relay's connection, with cursors that name the position. */
function pageOf<T>(items: readonly T[], kind: string, keyOf: (item: T) => string, args: { first?: number | null; after?: string | null }) {
  const first = args.first ?? 50
  if (!Number.isInteger(first) || first < 1 || first > 200) throw badPage('first')
  let start = 0
  if (args.after) {
    const index = items.findIndex((item) => encodeCursor(kind, keyOf(item)) === args.after)
    if (index === -1) throw badPage('after')
    start = index + 1
  }
  const page = items.slice(start, start + first)
  const edges = page.map((node) => ({ cursor: encodeCursor(kind, keyOf(node)), node }))
  return {
    edges,
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  }
}

export interface MockGateway {
  /** A fetch for the client under test: it answers from the mocks, or with an error fixture. */
  fetch: typeof fetch
  /** From now on, answer this operation with the error fixture of `code` (undefined: answer normally again). */
  fail(operationName: string, code: ErrorCode | undefined): void
}

/** The schema the kit was built for (the package's schema.graphql). */
export function kitSchemaSource(): string {
  return readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')
}

export function createMockGateway(typeDefs: string = kitSchemaSource()): MockGateway {
  let numbers = 0
  let requests = 0
  const failing = new Map<string, ErrorCode>()
  const events: MockedEvent[] = []
  let policy = defaultPolicy()
  const preferences = new Map<string, { userPreferredMethodForSecondaryAuthentication: string | null; isSystemPreferredAuthenticationMethodEnabled: boolean }>()

  const newPhone = (phoneType: PhoneType, phoneNumber = fictionalNumber(numbers++, phoneType)): MockedPhone => ({ phoneNumber, registered: phoneType === PhoneType.Mobile })

  // Every user has a mobile; every other user an office phone too.
  const phoneBooks = new Map(
    MOCK_PEOPLE.map((person, index) => {
      const book = new Map<PhoneType, MockedPhone>([[PhoneType.Mobile, newPhone(PhoneType.Mobile)]])
      if (index % 2 === 1) book.set(PhoneType.Office, newPhone(PhoneType.Office))
      return [person.id, book]
    }),
  )

  const personOf = (ref: string) => MOCK_PEOPLE.find((person) => person.id === ref || person.userPrincipalName === ref.toLowerCase())
  const userOf = (ref: string) => {
    const person = personOf(ref)
    if (!person) throw new GraphQLError(`There is no user with id or userPrincipalName "${ref}" in this tenant.`, { extensions: { code: ErrorCode.NotFound, field: 'input.userId' } })
    return person
  }
  const storedPhone = (userId: string, phoneType: PhoneType | undefined) => {
    const stored = phoneType && phoneBooks.get(userId)?.get(phoneType)
    if (!stored) throw new GraphQLError('The user has no phone method with id of this type.', { extensions: { code: ErrorCode.NotFound, field: 'input.methodId' } })
    return stored
  }
  const allowedByPolicy = (userId: string) =>
    policy.state === 'enabled' &&
    policy.includeTargets.some((target) => target.isUsableForSignIn && (target.id === 'all_users' || target.id === userId)) &&
    !policy.excludeTargets.some((target) => target.id === userId)
  const phone = (userId: string, phoneType: PhoneType) => {
    const stored = storedPhone(userId, phoneType)
    const smsSignInState =
      phoneType !== PhoneType.Mobile
        ? SmsSignInState.NotSupported
        : !allowedByPolicy(userId)
          ? SmsSignInState.NotAllowedByPolicy
          : stored.registered
            ? SmsSignInState.Ready
            : SmsSignInState.NotEnabled
    // `id` is unique per user and type, like the gateway's (opaque) id.
    return { id: `mock-${userId}-${phoneType}`, methodId: METHOD_ID[phoneType], phoneType, isPhoneNumberMasked: false, phoneNumber: stored.phoneNumber, smsSignInState, userId }
  }
  const phonesOf = (userId: string) => GRAPH_ORDER.filter((phoneType) => phoneBooks.get(userId)!.has(phoneType)).map((phoneType) => phone(userId, phoneType))
  const typeOf = (methodId: string) => GRAPH_ORDER.find((phoneType) => METHOD_ID[phoneType] === methodId)
  const userNode = (person: { id: string }) => ({ ...personOf(person.id)! })

  const audit = (activityDisplayName: string, target?: { userId: string; phoneType?: PhoneType; oldNumber?: string; newNumber?: string }) => {
    const n = events.length
    const person = target && personOf(target.userId)
    events.push({
      id: `0194b0c0-0000-7000-8000-${String(n + 1).padStart(12, '0')}`,
      activityDateTime: new Date(FIRST_EVENT_AT + n * 60_000).toISOString(),
      activityDisplayName,
      category: person ? 'UserManagement' : 'Policy',
      result: AuditResult.Success,
      resultReason: null,
      initiatedByUserId: INITIATOR.id,
      initiatedByUserPrincipalName: INITIATOR.userPrincipalName,
      initiatedByAppId: null,
      targetUserId: person?.id ?? null,
      targetUserPrincipalName: person?.userPrincipalName ?? null,
      methodId: target?.phoneType ? METHOD_ID[target.phoneType] : null,
      phoneType: target?.phoneType ?? null,
      oldPhoneNumber: target?.oldNumber ? maskedNumber(target.oldNumber) : null,
      newPhoneNumber: target?.newNumber ? maskedNumber(target.newNumber) : null,
      requestId: `mock-request-${++requests}`,
    })
  }
  // The log starts with the registration of every phone the directory has.
  for (const person of MOCK_PEOPLE) {
    for (const { phoneType, phoneNumber } of phonesOf(person.id)) audit('Admin registered security info', { userId: person.id, phoneType, newNumber: phoneNumber })
  }
  const newestFirst = () => [...events].reverse()

  type Page = { first?: number | null; after?: string | null }
  type PhoneRef = { input: { userId: string; methodId: string } }
  const setRegistration = (registered: boolean, activity: string) => (_: unknown, { input }: PhoneRef) => {
    const { id } = userOf(input.userId)
    storedPhone(id, typeOf(input.methodId)).registered = registered
    audit(activity, { userId: id, phoneType: typeOf(input.methodId)! })
    return phone(id, typeOf(input.methodId)!)
  }

  const schema = addMocksToSchema({
    schema: buildSchema(typeDefs),
    resolvers: {
      Query: {
        user: (_: unknown, { id }: { id: string }) => {
          const person = personOf(id)
          return person ? userNode(person) : null
        },
        users: (_: unknown, args: Page & { search?: string | null }) => {
          const search = args.search?.toLowerCase()
          const people = search
            ? MOCK_PEOPLE.filter((person) => [person.userPrincipalName, person.displayName].some((name) => name.toLowerCase().startsWith(search))).sort((a, b) =>
                a.userPrincipalName.localeCompare(b.userPrincipalName),
              )
            : MOCK_PEOPLE
          return pageOf(people.map(userNode), search ? `search-${search}` : 'users', (person) => person.id, args)
        },
        phoneMethod: (_: unknown, { userId, methodId }: { userId: string; methodId: string }) => {
          const person = personOf(userId)
          const phoneType = typeOf(methodId)
          return person && phoneType && phoneBooks.get(person.id)!.has(phoneType) ? phone(person.id, phoneType) : null
        },
        smsAuthenticationMethodConfiguration: () => policy,
        auditEvents: (_: unknown, args: Page & { filter?: { targetUserId?: string; activityDisplayName?: string; result?: string } | null }) => {
          const filter = args.filter ?? {}
          const matching = newestFirst().filter(
            (event) =>
              (!filter.targetUserId || event.targetUserId === filter.targetUserId) &&
              (!filter.activityDisplayName || event.activityDisplayName === filter.activityDisplayName) &&
              (!filter.result || event.result === filter.result),
          )
          return pageOf(matching, `events-${JSON.stringify(filter)}`, (event) => event.id, args)
        },
      },
      User: {
        phoneMethods: (user: { id: string }) => phonesOf(user.id),
        signInPreferences: (user: { id: string }) =>
          preferences.get(user.id) ?? { userPreferredMethodForSecondaryAuthentication: null, isSystemPreferredAuthenticationMethodEnabled: true },
        auditEvents: (user: { id: string }, args: Page) =>
          pageOf(
            newestFirst().filter((event) => event.targetUserId === user.id || event.initiatedByUserId === user.id),
            `user-events-${user.id}`,
            (event) => event.id,
            args,
          ),
      },
      PhoneAuthenticationMethod: { user: (phone: { userId: string }) => userNode({ id: phone.userId }) },
      Mutation: {
        addPhoneMethod: (_: unknown, { input }: { input: { userId: string; phoneType: PhoneType; phoneNumber: string } }) => {
          const { id } = userOf(input.userId)
          phoneBooks.get(id)!.set(input.phoneType, newPhone(input.phoneType, input.phoneNumber))
          audit('Admin registered security info', { userId: id, phoneType: input.phoneType, newNumber: input.phoneNumber })
          return phone(id, input.phoneType)
        },
        updatePhoneMethod: (_: unknown, { input }: { input: { userId: string; methodId: string; phoneNumber: string } }) => {
          const { id } = userOf(input.userId)
          const phoneType = typeOf(input.methodId)
          const old = storedPhone(id, phoneType).phoneNumber
          phoneBooks.get(id)!.set(phoneType!, newPhone(phoneType!, input.phoneNumber))
          audit('Admin updated security info', { userId: id, phoneType: phoneType!, oldNumber: old, newNumber: input.phoneNumber })
          return phone(id, phoneType!)
        },
        deletePhoneMethod: (_: unknown, { input }: PhoneRef) => {
          const { id } = userOf(input.userId)
          const deleted = phone(id, typeOf(input.methodId)!)
          phoneBooks.get(id)!.delete(deleted.phoneType)
          audit('Admin deleted security info', { userId: id, phoneType: deleted.phoneType, oldNumber: deleted.phoneNumber })
          return { id: deleted.id, methodId: deleted.methodId, user: userNode({ id }) }
        },
        enableSmsSignIn: setRegistration(true, 'Admin enabled SMS sign-in'),
        disableSmsSignIn: setRegistration(false, 'Admin disabled SMS sign-in'),
        updateSignInPreferences: (_: unknown, { input }: { input: { userId: string; userPreferredMethodForSecondaryAuthentication?: string | null; isSystemPreferredAuthenticationMethodEnabled?: boolean | null } }) => {
          const { id } = userOf(input.userId)
          const before = preferences.get(id) ?? { userPreferredMethodForSecondaryAuthentication: null, isSystemPreferredAuthenticationMethodEnabled: true }
          const after = {
            userPreferredMethodForSecondaryAuthentication:
              input.userPreferredMethodForSecondaryAuthentication === undefined ? before.userPreferredMethodForSecondaryAuthentication : input.userPreferredMethodForSecondaryAuthentication,
            isSystemPreferredAuthenticationMethodEnabled: input.isSystemPreferredAuthenticationMethodEnabled ?? before.isSystemPreferredAuthenticationMethodEnabled,
          }
          preferences.set(id, after)
          audit('Admin changed default security info', { userId: id })
          return after
        },
        updateSmsAuthenticationMethodConfiguration: (_: unknown, { input }: { input: Partial<SmsPolicy> }) => {
          policy = {
            ...policy,
            ...(input.state ? { state: input.state } : {}),
            ...(input.includeTargets ? { includeTargets: input.includeTargets } : {}),
            ...(input.excludeTargets ? { excludeTargets: input.excludeTargets } : {}),
          }
          audit('Authentication Methods Policy Update')
          return policy
        },
        resetSmsAuthenticationMethodConfiguration: () => {
          policy = defaultPolicy()
          audit('Authentication Methods Policy Reset')
          return policy
        },
      },
    },
  })

  return {
    fetch: async (input, init) => {
      const { query, variables, operationName } = await graphQLRequestOf(new Request(input, init))
      const code = operationName ? failing.get(operationName) : undefined
      if (code) {
        const { status, headers, error } = ERROR_FIXTURES[code]
        // A refused operation answers data: null; a refused request (any other status) no data at all.
        const body = status === 200 ? { errors: [error], data: null } : { errors: [error] }
        return Response.json(body, { status, headers: { ...GRAPHQL_RESPONSE, ...headers } })
      }
      return Response.json(await graphql({ schema, source: query, variableValues: variables, operationName }), { headers: GRAPHQL_RESPONSE })
    },
    fail: (operationName, code) => {
      if (code) failing.set(operationName, code)
      else failing.delete(operationName)
    },
  }
}

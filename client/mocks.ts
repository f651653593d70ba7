// A mocked gateway for UI tests that run with no gateway and no database:
// @graphql-tools/mock over schema.graphql, answering through a `fetch` that
// Apollo Client, urql and graphql-request all accept
// (`createApolloClient(url, token, mock.fetch)`). The data looks like the
// real thing: numbers in the contract's format from ranges reserved for
// fiction, Graph's fixed method ids, a user's phones in Graph's order, and
// writes that later reads see. Business rules are not mocked: make an
// operation fail with `fail(operationName, code)`, which answers with the
// error a real gateway sends for that code.
import { addMocksToSchema, type IMockStore, type Ref } from '@graphql-tools/mock'
import { buildSchema, graphql, type GraphQLFormattedError } from 'graphql'
import { ErrorCode } from './errors.ts'
import { PhoneType, SmsSignInState } from './generated/enums.ts'

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

const PEOPLE = ['Kim Akers', 'Lee Gu', 'Ana Bowman', 'Bo Chen', 'Megan Bowen', 'Diego Siciliani', 'Isaiah Langer', 'Lynne Robbins']

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

/** The error a real gateway sends for each code, as a UI test needs it. */
export const ERROR_FIXTURES: Readonly<Record<ErrorCode, ErrorFixture>> = {
  UNAUTHENTICATED: fixture('UNAUTHENTICATED', 'Unauthenticated: the token has expired', 401),
  FORBIDDEN: fixture('FORBIDDEN', 'Forbidden: this operation needs the scope UserAuthenticationMethod.ReadWrite.All'),
  NOT_FOUND: fixture('NOT_FOUND', 'no user with id or userPrincipalName "nobody@contoso.com" in this tenant'),
  BAD_USER_INPUT: fixture('BAD_USER_INPUT', 'phoneNumber must be "+<country code> <number>" with an optional "x<extension>"', 200, { field: 'input.phoneNumber' }),
  PHONE_TYPE_ALREADY_EXISTS: fixture('PHONE_TYPE_ALREADY_EXISTS', 'the user already has a mobile phone; update or delete it instead'),
  MOBILE_REQUIRED: fixture('MOBILE_REQUIRED', 'a user must have a mobile phone before an alternateMobile phone can be added'),
  ALTERNATE_MOBILE_EXISTS: fixture('ALTERNATE_MOBILE_EXISTS', "the mobile phone can't be deleted while an alternateMobile phone exists; delete that first"),
  SMS_SIGN_IN_NOT_SUPPORTED: fixture('SMS_SIGN_IN_NOT_SUPPORTED', 'SMS sign-in is only supported on the mobile phone, not on office'),
  SMS_SIGN_IN_NOT_ALLOWED: fixture('SMS_SIGN_IN_NOT_ALLOWED', "the tenant's SMS authentication method policy does not let this user sign in by SMS"),
  PHONE_NUMBER_NOT_UNIQUE: fixture('PHONE_NUMBER_NOT_UNIQUE', 'another user of this tenant already uses this number for SMS sign-in'),
  DEFAULT_METHOD_CANNOT_BE_DELETED: fixture('DEFAULT_METHOD_CANNOT_BE_DELETED', "this phone is the user's default sign-in method; change the default method first"),
  RATE_LIMITED: fixture('RATE_LIMITED', 'too many changes in a minute; retry after 30 seconds', 429, {}, { 'retry-after': '30' }),
  SERVER_BUSY: fixture('SERVER_BUSY', 'the gateway is busy: retry after a second', 503, {}, { 'retry-after': '1' }),
  CONFLICT_RETRY: fixture('CONFLICT_RETRY', 'the change conflicted with concurrent changes; nothing was written, retry it'),
  INTERNAL_SERVER_ERROR: fixture('INTERNAL_SERVER_ERROR', 'Unexpected error.'),
  GRAPHQL_PARSE_FAILED: fixture('GRAPHQL_PARSE_FAILED', 'Syntax Error: Expected Name, found <EOF>.', 400),
  GRAPHQL_VALIDATION_FAILED: fixture('GRAPHQL_VALIDATION_FAILED', 'Cannot query field "phoneNumbers" on type "User".', 400),
  BAD_REQUEST: fixture('BAD_REQUEST', 'the request body is not valid JSON', 400),
}

interface MockedPhone {
  phoneNumber: string
  smsSignInState: SmsSignInState
}

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

export interface MockGateway {
  /** A fetch for the client under test: it answers from the mocks, or with an error fixture. */
  fetch: typeof fetch
  /** From now on, answer this operation with the error fixture of `code` (undefined: answer normally again). */
  fail(operationName: string, code: ErrorCode | undefined): void
}

export function createMockGateway(typeDefs: string): MockGateway {
  let people = 0
  let numbers = 0
  // Each user's phones by type, created on first read; the writes change them.
  const phoneBooks = new Map<string, Map<PhoneType, MockedPhone>>()
  const failing = new Map<string, ErrorCode>()

  const newPhone = (phoneType: PhoneType, phoneNumber = fictionalNumber(numbers++, phoneType)): MockedPhone => ({
    phoneNumber,
    smsSignInState: phoneType === PhoneType.Mobile ? SmsSignInState.Ready : SmsSignInState.NotSupported,
  })

  const schema = addMocksToSchema({
    schema: buildSchema(typeDefs),
    mocks: {
      User: () => {
        const displayName = PEOPLE[people++ % PEOPLE.length]!
        return { displayName, userPrincipalName: `${displayName.split(' ')[0]!.toLowerCase()}${people}@contoso.com` }
      },
      PageInfo: () => ({ hasNextPage: false, hasPreviousPage: false }),
      SmsAuthenticationMethodConfiguration: () => ({
        id: 'Sms',
        state: 'enabled',
        includeTargets: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: true }],
        excludeTargets: [],
      }),
    },
    resolvers: (store: IMockStore) => {
      const userRef = (userId: string) => store.get('User', userId) as Ref
      const idOf = (user: Ref) => String(store.get(user, 'id'))
      const phoneBookOf = (userId: string) => {
        let book = phoneBooks.get(userId)
        if (!book) {
          // Every user has a mobile; every other user an office phone too.
          book = new Map([[PhoneType.Mobile, newPhone(PhoneType.Mobile)]])
          if (phoneBooks.size % 2 === 1) book.set(PhoneType.Office, newPhone(PhoneType.Office))
          phoneBooks.set(userId, book)
        }
        return book
      }
      const storedPhone = (userId: string, phoneType: PhoneType) => {
        const stored = phoneBookOf(userId).get(phoneType)
        if (!stored) throw new Error(`the mock user ${userId} has no ${phoneType} phone`)
        return stored
      }
      // `id` is unique per user and type, like the gateway's (opaque) id.
      const phone = (userId: string, phoneType: PhoneType) => ({
        id: `mock-${userId}-${phoneType}`,
        methodId: METHOD_ID[phoneType],
        phoneType,
        isPhoneNumberMasked: false,
        user: userRef(userId),
        ...storedPhone(userId, phoneType),
      })
      const typeOf = (methodId: string) => GRAPH_ORDER.find((phoneType) => METHOD_ID[phoneType] === methodId)!
      type PhoneRefArgs = { input: { userId: string; methodId: string } }
      const setSignIn = (smsSignInState: SmsSignInState) => (_: unknown, { input }: PhoneRefArgs) => {
        storedPhone(input.userId, typeOf(input.methodId)).smsSignInState = smsSignInState
        return phone(input.userId, typeOf(input.methodId))
      }
      return {
        Query: {
          user: (_: unknown, { id }: { id: string }) => userRef(id),
          phoneMethod: (_: unknown, { userId, methodId }: { userId: string; methodId: string }) =>
            phoneBookOf(userId).has(typeOf(methodId)) ? phone(userId, typeOf(methodId)) : null,
        },
        User: {
          phoneMethods: (user: Ref) => {
            const book = phoneBookOf(idOf(user))
            return GRAPH_ORDER.filter((phoneType) => book.has(phoneType)).map((phoneType) => phone(idOf(user), phoneType))
          },
        },
        Mutation: {
          addPhoneMethod: (_: unknown, { input }: { input: { userId: string; phoneType: PhoneType; phoneNumber: string } }) => {
            phoneBookOf(input.userId).set(input.phoneType, newPhone(input.phoneType, input.phoneNumber))
            return phone(input.userId, input.phoneType)
          },
          updatePhoneMethod: (_: unknown, { input }: { input: { userId: string; methodId: string; phoneNumber: string } }) => {
            phoneBookOf(input.userId).set(typeOf(input.methodId), newPhone(typeOf(input.methodId), input.phoneNumber))
            return phone(input.userId, typeOf(input.methodId))
          },
          deletePhoneMethod: (_: unknown, { input }: PhoneRefArgs) => {
            const deleted = phone(input.userId, typeOf(input.methodId))
            phoneBookOf(input.userId).delete(typeOf(input.methodId))
            return { id: deleted.id, methodId: deleted.methodId, user: userRef(input.userId) }
          },
          enableSmsSignIn: setSignIn(SmsSignInState.Ready),
          disableSmsSignIn: setSignIn(SmsSignInState.NotEnabled),
        },
      }
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

// The phone-method writes the resilience tests send over real HTTP, and
// what each one does to a user's phones when it succeeds.
import { request as httpRequest } from 'node:http'
import { postOverHttp } from '../harness/http-graphql.ts'
import { PHONE_METHOD_ID, type PhoneType } from './invariants.ts'

const FIELDS = 'methodId phoneNumber phoneType smsSignInState'

export type PhoneOp =
  | { kind: 'add'; userId: string; type: PhoneType; number: string }
  | { kind: 'update'; userId: string; type: PhoneType; number: string }
  | { kind: 'delete'; userId: string; type: PhoneType }
  | { kind: 'enable'; userId: string; type: PhoneType }
  | { kind: 'disable'; userId: string; type: PhoneType }

export interface GraphQLRequest {
  query: string
  variables?: Record<string, unknown>
}

/** The GraphQL request for an operation; `userRef` names the user another way (a userPrincipalName). */
export function requestOf(op: PhoneOp, userRef: string = op.userId): GraphQLRequest {
  const ref = { userId: userRef, methodId: PHONE_METHOD_ID[op.type] }
  switch (op.kind) {
    case 'add':
      return {
        query: `mutation Add($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { ${FIELDS} } }`,
        variables: { input: { userId: userRef, phoneNumber: op.number, phoneType: op.type } },
      }
    case 'update':
      return {
        query: `mutation Update($input: UpdatePhoneMethodInput!) { updatePhoneMethod(input: $input) { ${FIELDS} } }`,
        variables: { input: { ...ref, phoneNumber: op.number } },
      }
    case 'delete':
      return { query: 'mutation Delete($input: PhoneMethodRefInput!) { deletePhoneMethod(input: $input) { methodId } }', variables: { input: ref } }
    case 'enable':
      return {
        query: `mutation Enable($input: PhoneMethodRefInput!) { enableSmsSignIn(input: $input) { ${FIELDS} } }`,
        variables: { input: ref },
      }
    case 'disable':
      return {
        query: `mutation Disable($input: PhoneMethodRefInput!) { disableSmsSignIn(input: $input) { ${FIELDS} } }`,
        variables: { input: ref },
      }
  }
}

/** The result field of an operation's mutation. */
export const fieldOf = (op: PhoneOp) =>
  ({ add: 'addPhoneMethod', update: 'updatePhoneMethod', delete: 'deletePhoneMethod', enable: 'enableSmsSignIn', disable: 'disableSmsSignIn' })[op.kind]

export type Outcome =
  | { kind: 'answered'; status: number; body: unknown; text: string; sentAt: number; answeredAt: number }
  /** No answer (the connection failed): the write may or may not have happened. */
  | { kind: 'lost'; error: string; sentAt: number; answeredAt: number }

/** POSTs a GraphQL request over HTTP; never throws. */
export async function postGraphQL(
  url: string,
  token: string,
  body: GraphQLRequest | GraphQLRequest[],
  headers: Record<string, string> = {},
): Promise<Outcome> {
  const sentAt = performance.now()
  try {
    const { status, body: parsed, text } = await postOverHttp(url, token, body, headers)
    return { kind: 'answered', status, body: parsed, text, sentAt, answeredAt: performance.now() }
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    return { kind: 'lost', error: cause?.code ?? cause?.message ?? String(error), sentAt, answeredAt: performance.now() }
  }
}

/** The successful result of an answered operation, or undefined. */
export function successOf(op: PhoneOp, outcome: Outcome): unknown {
  if (outcome.kind !== 'answered' || outcome.status !== 200) return undefined
  const body = outcome.body as { data?: Record<string, unknown> | null; errors?: unknown } | undefined
  if (body?.errors !== undefined) return undefined
  const value = body?.data?.[fieldOf(op)]
  return value === null ? undefined : value
}

/** A user's phones as a client can know them: type → number and (mobile) stored registration. */
export type PhoneBook = Map<PhoneType, { number: string; registration: string }>

/** What a successful operation leaves, given what it answered. */
export function applied(book: PhoneBook, op: PhoneOp, result: unknown): PhoneBook {
  const next = new Map(book)
  const state = (result as { smsSignInState?: string } | undefined)?.smsSignInState
  const registration = state === 'ready' ? 'registered' : state === 'phoneNumberNotUnique' ? 'phoneNumberNotUnique' : 'notEnabled'
  switch (op.kind) {
    case 'add':
    case 'update':
      next.set(op.type, { number: op.number, registration: op.type === 'mobile' ? registration : 'notEnabled' })
      break
    case 'delete':
      next.delete(op.type)
      break
    case 'enable':
    case 'disable':
      next.set(op.type, { ...next.get(op.type)!, registration })
      break
  }
  return next
}

/**
 * What the gateway must answer to `op` on a user whose phones are exactly
 * `book` (no one else writes them, and the SMS policy lets everyone sign in):
 * the error code, or 'ok'. Enabling may also meet PHONE_NUMBER_NOT_UNIQUE,
 * which depends on other users.
 */
export function expectedAnswers(book: PhoneBook, op: PhoneOp): string[] {
  const has = (type: PhoneType) => book.has(type)
  switch (op.kind) {
    case 'add':
      if (has(op.type)) return ['PHONE_TYPE_ALREADY_EXISTS']
      if (op.type === 'alternateMobile' && !has('mobile')) return ['MOBILE_REQUIRED']
      return ['ok']
    case 'update':
      return has(op.type) ? ['ok'] : ['NOT_FOUND']
    case 'delete':
      if (!has(op.type)) return ['NOT_FOUND']
      return op.type === 'mobile' && has('alternateMobile') ? ['ALTERNATE_MOBILE_EXISTS'] : ['ok']
    case 'enable':
      if (!has(op.type)) return ['NOT_FOUND']
      if (op.type !== 'mobile') return ['SMS_SIGN_IN_NOT_SUPPORTED']
      return book.get('mobile')!.registration === 'registered' ? ['ok'] : ['ok', 'PHONE_NUMBER_NOT_UNIQUE']
    case 'disable':
      if (!has(op.type)) return ['NOT_FOUND']
      return op.type === 'mobile' ? ['ok'] : ['SMS_SIGN_IN_NOT_SUPPORTED']
  }
}

/**
 * The smsSignInState docs/rules.md requires in the answer of a
 * successful `op` on a user whose phones were `book`, when the SMS policy
 * lets everyone sign in (undefined: the answer carries no phone). A mobile
 * that gets a new number may also meet another user's hold on it.
 */
export function requiredStates(book: PhoneBook, op: PhoneOp): string[] | undefined {
  if (op.kind === 'delete') return undefined
  if (op.type !== 'mobile') return ['notSupported']
  const before = book.get('mobile')
  switch (op.kind) {
    case 'add':
      return ['ready', 'phoneNumberNotUnique']
    case 'update':
      // An update that keeps the number keeps the registration as it was.
      if (before?.number === op.number) return [before.registration === 'registered' ? 'ready' : before.registration]
      return ['ready', 'phoneNumberNotUnique']
    case 'enable':
      return ['ready']
    case 'disable':
      return ['notEnabled']
  }
}

/** A small seeded PRNG (mulberry32), so that a run can be replayed from its printed seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface SlowRequest {
  /** Resolves once the gateway has read the request's headers (it answered 100 Continue). */
  accepted: Promise<void>
  /** Sends the body, which the gateway is waiting for. */
  finish(): void
  /** The answer, or a rejection when the connection was closed first. */
  response: Promise<{ status: number; body: string }>
}

/**
 * A POST whose body comes only when `finish()` is called. It sends
 * `Expect: 100-continue`, so `accepted` proves the gateway process has the
 * request in hand (Node answers 100 Continue as it dispatches the request):
 * from then on the request is in flight, with no guessing about timing.
 */
export function slowPost(url: string, token: string, body: GraphQLRequest): SlowRequest {
  const payload = Buffer.from(JSON.stringify(body))
  const target = new URL(`${url}/graphql`)
  let accept!: () => void
  let refuse!: (error: Error) => void
  const accepted = new Promise<void>((resolve, reject) => {
    accept = resolve
    refuse = reject
  })
  const request = httpRequest({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/json',
      'content-length': String(payload.length),
      authorization: `Bearer ${token}`,
      expect: '100-continue',
    },
  })
  request.on('continue', () => accept())
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (answer) => {
      const chunks: Buffer[] = []
      answer.on('data', (chunk: Buffer) => chunks.push(chunk))
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body: Buffer.concat(chunks).toString() }))
      answer.on('error', reject)
    })
    request.on('error', (error) => {
      refuse(error)
      reject(error)
    })
  })
  response.catch(() => {})
  accepted.catch(() => {})
  request.flushHeaders()
  return { accepted, finish: () => request.end(payload), response }
}

// A concurrent write load whose every acknowledged write can be checked
// exactly afterwards: each lane owns its users and sends its operations one
// after another, so it knows the order of every write to them and what each
// must answer (expectedAnswers). A lane stops at its first request without a
// definite answer (no answer, or the database unavailable): that one request
// either happened whole or not at all.
import { errorCodes, PHONE_TYPES, resultProblem, type PhoneType, type StoredPhone } from './invariants.ts'
import {
  applied,
  expectedAnswers,
  postGraphQL,
  requestOf,
  requiredStates,
  seededRandom,
  successOf,
  type Outcome,
  type PhoneBook,
  type PhoneOp,
} from './operations.ts'

export interface LaneRecord {
  /** Sent as X-Request-Id: the audit event of this write carries it. */
  requestId: string
  op: PhoneOp
  outcome: Outcome
  expected: string[]
}

// Mobiles share a small pool of numbers, so that SMS sign-in uniqueness is
// contended across lanes; other numbers are fresh for every write.
const MOBILE_NUMBERS = Array.from({ length: 6 }, (_, i) => `+1 20655501${String(i).padStart(2, '0')}`)
let fresh = 0
const freshNumber = (type: PhoneType) =>
  type === 'office' ? `+1 425555${String(1000 + (fresh++ % 9000))}` : `+44 207123${String(1000 + (fresh++ % 9000))}`

/** Mostly operations that succeed, some that must fail (the answers are checked too). */
function randomOp(random: () => number, userId: string, book: PhoneBook): PhoneOp {
  const type = PHONE_TYPES[Math.floor(random() * 3)]!
  const roll = random()
  const number = type === 'mobile' ? MOBILE_NUMBERS[Math.floor(random() * MOBILE_NUMBERS.length)]! : freshNumber(type)
  if (!book.has(type)) {
    if (roll < 0.85) return { kind: 'add', userId, type, number }
    return roll < 0.93 ? { kind: 'update', userId, type, number } : { kind: 'delete', userId, type }
  }
  if (roll < 0.1) return { kind: 'add', userId, type, number }
  if (roll < 0.5) return { kind: 'update', userId, type, number }
  if (roll < 0.75) return { kind: 'delete', userId, type }
  return { kind: random() < 0.5 ? 'enable' : 'disable', userId, type: random() < 0.85 ? 'mobile' : type }
}

export interface LaneLoad {
  /** Resolves when every lane has stopped. */
  done: Promise<void>
  stop(): void
  /** What each user's phones are after its acknowledged writes. */
  books: Map<string, PhoneBook>
  records: LaneRecord[]
  /** Answers that were malformed or not what the lane's model required. */
  mismatches: string[]
  /** Per user: the request whose outcome is unknown. */
  unknown: Map<string, LaneRecord>
  acks(): number
}

export interface LaneOptions {
  url: string
  token: string
  /** The users of each lane (no two lanes share a user). */
  lanes: string[][]
  seed: number
  /** Called after every acknowledged write with the running count. */
  onAck?(count: number): void
  /** Answers that end a lane with an unknown outcome besides a lost request (e.g. HTTP 503). */
  isUnavailable?(outcome: Outcome & { kind: 'answered' }): boolean
}

export function startLanes(options: LaneOptions): LaneLoad {
  const books = new Map<string, PhoneBook>()
  const records: LaneRecord[] = []
  const mismatches: string[] = []
  const unknown = new Map<string, LaneRecord>()
  let acks = 0
  let stopped = false
  const describe = (book: PhoneBook) => describeBook(book)

  const lane = async (index: number, users: string[]) => {
    const random = seededRandom(options.seed + index)
    for (const user of users) books.set(user, new Map())
    for (let sent = 0; !stopped; sent++) {
      const userId = users[Math.floor(random() * users.length)]!
      const book = books.get(userId)!
      const op = randomOp(random, userId, book)
      const expected = expectedAnswers(book, op)
      const requestId = `lane-${options.seed}-${index}-${sent}`
      const outcome = await postGraphQL(options.url, options.token, requestOf(op), { 'x-request-id': requestId })
      const record = { requestId, op, outcome, expected }
      records.push(record)
      if (outcome.kind === 'lost' || options.isUnavailable?.(outcome)) {
        unknown.set(userId, record)
        return
      }
      const problem = outcome.status === 200 ? resultProblem(outcome.body) : `HTTP ${outcome.status}: ${outcome.text.slice(0, 200)}`
      if (problem) mismatches.push(`${op.kind} ${op.type} on ${userId}: ${problem}`)
      const result = successOf(op, outcome)
      const answer = result !== undefined ? 'ok' : (errorCodes(outcome.body)[0] ?? 'none')
      // CONFLICT_RETRY: the contract's "nothing was written, retry it".
      if (!expected.includes(answer) && answer !== 'CONFLICT_RETRY') {
        mismatches.push(`${op.kind} ${op.type} on ${userId} answered ${answer}, expected ${expected.join(' or ')}, phones ${describe(book)}`)
      }
      if (result !== undefined) {
        // The answer's state is checked against the contract, not trusted: the books take their registrations from it.
        const state = (result as { smsSignInState?: string }).smsSignInState
        const required = requiredStates(book, op)
        if (required && !required.includes(state ?? 'none')) {
          mismatches.push(`${op.kind} ${op.type} on ${userId} answered smsSignInState ${state}, expected ${required.join(' or ')}, phones ${describe(book)}`)
        }
        books.set(userId, applied(book, op, result))
        acks++
        options.onAck?.(acks)
      }
    }
  }
  const done = Promise.all(options.lanes.map((users, index) => lane(index, users))).then(() => {})
  return { done, stop: () => (stopped = true), books, records, mismatches, unknown, acks: () => acks }
}

export const describeBook = (book: PhoneBook) =>
  JSON.stringify(Object.fromEntries([...book].map(([type, phone]) => [type, `${phone.number} (${phone.registration})`])))

export const bookOf = (phones: StoredPhone[], userId: string): PhoneBook =>
  new Map(
    phones
      .filter((phone) => phone.userId === userId)
      .map((phone) => [phone.phoneType, { number: phone.phoneNumber, registration: phone.smsSignInRegistration }]),
  )

/** Same phones and numbers; registrations compared unless `anyMobileRegistration`. */
function sameBook(actual: PhoneBook, expected: PhoneBook, anyMobileRegistration: boolean): boolean {
  if (actual.size !== expected.size) return false
  for (const [type, phone] of expected) {
    const stored = actual.get(type)
    if (!stored || stored.number !== phone.number) return false
    if (type === 'mobile' && !anyMobileRegistration && stored.registration !== phone.registration) return false
  }
  return true
}

/**
 * Whether the request a lane had in flight when it stopped was applied, as
 * far as the stored phones tell (undefined when it would have changed nothing visible).
 */
export function unknownOutcomeApplied(load: LaneLoad, phones: StoredPhone[], userId: string): boolean | undefined {
  const pending = load.unknown.get(userId)
  const book = load.books.get(userId)
  if (!pending || !book) return undefined
  if (!expectedAnswers(book, pending.op).includes('ok')) return false
  // An update that keeps the number changes nothing, the mobile's registration
  // included (docs/rules.md, smsSignInState): nothing stored tells whether it ran.
  const { op } = pending
  if (op.kind === 'update' && book.get(op.type)?.number === op.number) return undefined
  const actual = bookOf(phones, userId)
  const afterwards = applied(book, pending.op, { smsSignInState: 'ready' })
  if (sameBook(afterwards, book, false)) return undefined
  if (sameBook(actual, book, false)) return false
  return sameBook(actual, afterwards, pending.op.type === 'mobile') ? true : undefined
}

/**
 * Every lane user whose stored phones are not what its acknowledged writes
 * left (numbers and the mobile's SMS sign-in registration), allowing the
 * one request with an unknown outcome to have happened whole.
 */
export function unexplainedUsers(load: LaneLoad, phones: StoredPhone[]): string[] {
  const problems: string[] = []
  for (const [userId, book] of load.books) {
    const actual = bookOf(phones, userId)
    if (sameBook(actual, book, false)) continue
    const pending = load.unknown.get(userId)
    if (pending && expectedAnswers(book, pending.op).includes('ok')) {
      const afterwards = applied(book, pending.op, { smsSignInState: 'ready' })
      if (sameBook(actual, afterwards, pending.op.type === 'mobile')) continue
    }
    problems.push(
      `${userId}: acknowledged ${describeBook(book)}, stored ${describeBook(actual)}${pending ? `, unknown ${pending.op.kind} ${pending.op.type}` : ''}`,
    )
  }
  return problems
}

/** What each answer was, counted: 'ok', an error code, 'HTTP <status>' or 'lost'. */
export function answerCounts(records: LaneRecord[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const { op, outcome } of records) {
    const answer =
      outcome.kind === 'lost'
        ? 'lost'
        : outcome.status !== 200
          ? `HTTP ${outcome.status}`
          : successOf(op, outcome) !== undefined
            ? 'ok'
            : (errorCodes(outcome.body)[0] ?? 'none')
    counts[answer] = (counts[answer] ?? 0) + 1
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)))
}

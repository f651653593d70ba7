// The three workloads of the issue, as request bodies for autocannon and as
// the sample requests every server must answer as the gateway does.
import type { AutocannonClient, AutocannonOptions } from 'autocannon'
import { prng, w1Number, type Dataset } from './dataset.ts'

export type WorkloadName = 'R1' | 'R2' | 'W1'
export const WORKLOADS: readonly WorkloadName[] = ['R1', 'R2', 'W1']

const PHONE_FIELDS = 'phoneMethods { id methodId phoneNumber phoneType smsSignInState }'
export const R1_QUERY = `query R1($id: String!) { user(id: $id) { id userPrincipalName displayName ${PHONE_FIELDS} } }`
const R2_SELECTION = `edges { cursor node { id userPrincipalName displayName ${PHONE_FIELDS} } } pageInfo { hasNextPage endCursor }`
/** As a paginating client sends it: page size and cursor in variables. */
export const R2_QUERY = `query R2($first: Int!, $after: String) { users(first: $first, after: $after) { ${R2_SELECTION} } }`
/**
 * The same with the page size written in the document. The cost limit prices
 * a literal `first` and a variable alike (502 here, docs/limits.md); the
 * harness still checks that the gateway accepts this form.
 */
export const R2_LITERAL_QUERY = `query R2($after: String) { users(first: 100, after: $after) { ${R2_SELECTION} } }`
/** A user picker's query: the first page of the users a prefix finds, names only. */
export const SEARCH_QUERY =
  'query Search($search: String!, $first: Int!) { users(search: $search, first: $first) { edges { cursor node { id userPrincipalName displayName } } pageInfo { hasNextPage endCursor } } }'
export const SEARCH_PAGE = 50
export const ADD_MUTATION =
  'mutation Add($input: AddPhoneMethodInput!) { addPhoneMethod(input: $input) { id methodId phoneNumber phoneType smsSignInState } }'
export const DELETE_MUTATION = 'mutation Delete($input: PhoneMethodRefInput!) { deletePhoneMethod(input: $input) { id methodId } }'
export const MOBILE_ID = '3179e48a-750b-4051-897c-87b9720928f7'

export const DESCRIPTIONS: Record<WorkloadName, string> = {
  R1: '`user(id)` { id userPrincipalName displayName phoneMethods { id methodId phoneNumber phoneType smsSignInState } } for a random user (uniform over the tenant)',
  R2:
    '`users(first: $first, after: $after)` with `first` = 100 and the same fields per user (and each edge\'s `cursor`, `pageInfo { hasNextPage endCursor }`), ' +
    'each request a page starting at a random user (keyset cursor)',
  W1:
    '`addPhoneMethod` (a mobile, on a user who has only an office phone: registered for SMS sign-in → `ready`) then ' +
    '`deletePhoneMethod` of that mobile, as two requests; every connection works on its own disjoint set of users',
}

export const cursorOf = (id: string) => Buffer.from(`user:${id}`).toString('base64url')

const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables })

export const r1Body = (id: string) => body(R1_QUERY, { id })
/** The page after user number `start - 1` (the first page for 0). */
export const r2Body = (dataset: Dataset, start: number) =>
  body(R2_QUERY, { first: 100, after: start === 0 ? null : cursorOf(dataset.userIds[start - 1]!) })
export const r2LiteralBody = (dataset: Dataset, start: number) =>
  body(R2_LITERAL_QUERY, { after: start === 0 ? null : cursorOf(dataset.userIds[start - 1]!) })
export const searchBody = (search: string) => body(SEARCH_QUERY, { search, first: SEARCH_PAGE })
export const addBody = (dataset: Dataset, j: number) =>
  body(ADD_MUTATION, { input: { userId: dataset.userIds[dataset.officeOnly[j]!]!, phoneNumber: w1Number(j), phoneType: 'mobile' } })
const AUDIT_PAGE_QUERY = `query AuditPage($filter: AuditEventFilter) {
  auditEvents(first: 50, filter: $filter) { edges { cursor node { id activityDateTime activityDisplayName result targetUserId newPhoneNumber requestId } } pageInfo { hasNextPage endCursor } }
}`
/** The newest page of the tenant's audit events, or of one target user's. */
export const auditPageBody = (targetUserId?: string) => body(AUDIT_PAGE_QUERY, { filter: targetUserId ? { targetUserId } : null })
export const deleteBody = (dataset: Dataset, j: number) => body(DELETE_MUTATION, { input: { userId: dataset.userIds[dataset.officeOnly[j]!]!, methodId: MOBILE_ID } })

export interface Sample {
  label: string
  body: string
}

export interface WorkloadPlan {
  name: WorkloadName
  /** autocannon options that choose the bodies (requests or setupClient). */
  load(connections: number): Pick<AutocannonOptions, 'requests' | 'setupClient'>
  /** Requests answered by every server, in this order, that must match the gateway's exactly (W1: each server runs the same add then delete). */
  samples(): Sample[]
  /** Requests, one of each kind, whose statements are counted (`repeat` times each). */
  statementSamples(): Sample[][]
  /** W1 only: rows to remove after a run, so that the next run starts from the seeded state. */
  writes: boolean
}

/** Bodies cycled through by every connection in turn (one shared counter). */
function cycling(bodies: string[]): Pick<AutocannonOptions, 'requests'> {
  let next = 0
  return {
    requests: [
      {
        setupRequest: (request) => {
          request.body = bodies[next++ % bodies.length]!
          return request
        },
      },
    ],
  }
}

export function planWorkload(name: WorkloadName, dataset: Dataset, seed = 7): WorkloadPlan {
  const random = prng(seed)
  const users = dataset.userIds.length
  const pick = () => Math.floor(random() * users)
  // Users other than the admin (who has no phones).
  const someUser = () => {
    for (;;) {
      const i = pick()
      if (dataset.combos[i] !== 255) return i
    }
  }
  if (name === 'R1') {
    const bodies = Array.from({ length: 20_000 }, () => r1Body(dataset.userIds[someUser()]!))
    return {
      name,
      writes: false,
      load: () => cycling(bodies),
      samples: () => {
        // One user of each set of phones, then random ones, and one that does not exist.
        const byCombo = [0, 1, 2, 3, 4].map((combo) => dataset.combos.indexOf(combo)).filter((i) => i >= 0)
        const ids = [...byCombo, ...Array.from({ length: 10 }, someUser)].map((i) => dataset.userIds[i]!)
        return [...ids, '00000000-0000-4000-8000-000000000000'].map((id) => ({ label: `user(${id})`, body: r1Body(id) }))
      },
      statementSamples: () => [Array.from({ length: 20 }, () => ({ label: 'R1', body: bodies[pick() % bodies.length]! }))],
    }
  }
  if (name === 'R2') {
    const lastStart = Math.max(0, users - 100)
    const starts = Array.from({ length: 2_000 }, () => Math.floor(random() * (lastStart + 1)))
    const bodies = starts.map((start) => r2Body(dataset, start))
    return {
      name,
      writes: false,
      load: () => cycling(bodies),
      samples: () =>
        [0, starts[0]!, lastStart, users - 1].map((start) => ({ label: `users(first: 100) from #${start}`, body: r2Body(dataset, start) })),
      statementSamples: () => [Array.from({ length: 10 }, (_, i) => ({ label: 'R2', body: bodies[i]! }))],
    }
  }
  // W1: the last office-only user is kept for the checks; the others are shared out between connections.
  const pool = dataset.officeOnly.length - 1
  if (pool < 1) throw new Error('W1 needs users with only an office phone')
  const adds = Array.from({ length: pool }, (_, j) => addBody(dataset, j))
  const deletes = Array.from({ length: pool }, (_, j) => deleteBody(dataset, j))
  const check = pool
  return {
    name,
    writes: true,
    load: (connections) => {
      let clients = 0
      const perConnection = Math.floor(pool / connections)
      if (perConnection < 1) throw new Error(`W1 needs at least one user per connection (${pool} users, ${connections} connections)`)
      return {
        requests: [{}],
        setupClient: (client: AutocannonClient) => {
          const c = clients++ % connections
          let k = 0
          let current = c
          client.setRequests([
            {
              setupRequest: (request) => {
                current = c + (k++ % perConnection) * connections
                request.body = adds[current]!
                return request
              },
            },
            {
              setupRequest: (request) => {
                request.body = deletes[current]!
                return request
              },
            },
          ])
        },
      }
    },
    samples: () => [
      { label: 'addPhoneMethod', body: addBody(dataset, check) },
      { label: 'deletePhoneMethod', body: deleteBody(dataset, check) },
    ],
    statementSamples: () => [
      Array.from({ length: 10 }, (_, i) => ({ label: 'addPhoneMethod', body: addBody(dataset, check - 1 - i) })),
      Array.from({ length: 10 }, (_, i) => ({ label: 'deletePhoneMethod', body: deleteBody(dataset, check - 1 - i) })),
    ],
  }
}

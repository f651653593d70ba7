// The REST routes' reading of a Graph URL, for any spelling a tool may send:
// segments in any case and OData key syntax reach the same route with the
// same ids; every OData option but $select, and every `$` path segment, is
// refused by name; each status gets Graph's error code.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { graphCodeOf, RestError } from '../../src/rest/graph-error.ts'
import { queryOptionsOf } from '../../src/rest/query-options.ts'
import { matchRoute } from '../../src/rest/routes.ts'

const MOBILE = '3179e48a-750b-4051-897c-87b9720928f7'

/** A spelling of a word in arbitrary case. */
const anyCase = (word: string) =>
  fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''))

/** A user reference as tools send one: a userPrincipalName with characters that need encoding. */
const userPrincipalName = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9._'+-]{1,20}$/), fc.stringMatching(/^[a-z0-9-]{1,12}\.[a-z]{2,5}$/))
  .map(([local, domain]) => `${local}@${domain}`)

const refusalOf = (work: () => unknown): RestError => {
  try {
    work()
  } catch (error) {
    expect(error).toBeInstanceOf(RestError)
    return error as RestError
  }
  throw new Error('expected a refusal')
}

describe('Graph URLs as tools spell them', () => {
  it('reaches the same route with the same ids whatever the segments’ case, with plain or OData key segments', () => {
    const expected = matchRoute('POST', `/v1.0/users/kim%40contoso.com/authentication/phoneMethods/${MOBILE}/enableSmsSignIn`)
    fc.assert(
      fc.property(
        anyCase('users'),
        anyCase('authentication'),
        anyCase('phoneMethods'),
        anyCase('enableSmsSignIn'),
        fc.boolean(),
        fc.boolean(),
        (users, authentication, phoneMethods, action, keyedUser, keyedMethod) => {
          const user = keyedUser ? `${users}('kim%40contoso.com')` : `${users}/kim%40contoso.com`
          const method = keyedMethod ? `${phoneMethods}('${MOBILE}')` : `${phoneMethods}/${MOBILE}`
          const route = matchRoute('POST', `/v1.0/${user}/${authentication}/${method}/${action}`)
          expect(route.handler).toBe(expected.handler)
          expect(route.params).toEqual({ userId: 'kim@contoso.com', methodId: MOBILE })
        },
      ),
    )
  })

  it('reads any userPrincipalName from OData key syntax as from a plain segment (quotes doubled inside)', () => {
    fc.assert(
      fc.property(userPrincipalName, (upn) => {
        const plain = matchRoute('GET', `/beta/users/${encodeURIComponent(upn)}/authentication/phoneMethods`)
        const keyed = matchRoute('GET', `/beta/users('${encodeURIComponent(upn.replaceAll("'", "''"))}')/authentication/phoneMethods`)
        expect(keyed.params).toEqual(plain.params)
        expect(plain.params.userId).toBe(upn)
      }),
    )
  })

  it('serves the SMS policy at sms, Sms, SMS and in key syntax', () => {
    const base = '/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations'
    const expected = matchRoute('GET', `${base}/sms`).handler
    for (const path of [`${base}/Sms`, `${base}/SMS`, `${base}('sms')`, `${base}('Sms')`, `/v1.0/Policies/AuthenticationMethodsPolicy/AuthenticationMethodConfigurations/sMs`]) {
      expect(matchRoute('GET', path).handler, path).toBe(expected)
    }
  })

  it('refuses any `$` path segment by name (400), never taking it for an id', () => {
    fc.assert(
      fc.property(fc.constantFrom('$count', '$value', '$ref', '$metadata', '$batch'), (segment) => {
        const refusal = refusalOf(() => matchRoute('GET', `/v1.0/users/kim%40contoso.com/authentication/phoneMethods/${segment}`))
        expect([refusal.status, refusal.code]).toEqual([400, 'BAD_REQUEST'])
        expect(refusal.message).toContain(segment)
      }),
    )
  })

  it('takes $select (and select= on /beta), and refuses every other OData option by name', () => {
    const url = (query: string) => new URL(`http://gateway/v1.0/me/authentication/phoneMethods?${query}`)
    expect(queryOptionsOf(url('$select=phoneNumber,phoneType'), 'v1.0')).toEqual({ select: ['phoneNumber', 'phoneType'] })
    expect(queryOptionsOf(url('select=phoneNumber'), 'beta')).toEqual({ select: ['phoneNumber'] })
    expect(queryOptionsOf(url('select=phoneNumber'), 'v1.0')).toEqual({})
    fc.assert(
      fc.property(
        fc.constantFrom('top', 'filter', 'count', 'expand', 'orderby', 'search', 'skip', 'format'),
        fc.boolean(),
        fc.constantFrom<'v1.0' | 'beta'>('v1.0', 'beta'),
        (option, upper, version) => {
          const name = `$${upper ? option.toUpperCase() : option}`
          const refusal = refusalOf(() => queryOptionsOf(url(`$select=id&${name}=1`), version))
          expect([refusal.status, refusal.code]).toEqual([400, 'BAD_REQUEST'])
          expect(refusal.message).toContain(name)
        },
      ),
    )
  })
})

describe('Graph’s error code for each status', () => {
  it.each([
    [400, 'BAD_USER_INPUT', false, 'invalidRequest'],
    [400, 'BAD_REQUEST', false, 'invalidRequest'],
    [401, 'UNAUTHENTICATED', false, 'InvalidAuthenticationToken'],
    [403, 'FORBIDDEN', false, 'accessDenied'],
    [404, 'NOT_FOUND', false, 'itemNotFound'],
    [404, 'NOT_FOUND', true, 'Request_ResourceNotFound'],
    [405, 'BAD_REQUEST', false, 'invalidRequest'],
    [409, 'PHONE_TYPE_ALREADY_EXISTS', false, 'invalidRequest'],
    [409, 'DEFAULT_METHOD_CANNOT_BE_DELETED', false, 'invalidRequest'],
    [409, 'CONFLICT_RETRY', false, 'resourceModified'],
    [413, 'BAD_REQUEST', false, 'invalidRequest'],
    [415, 'BAD_REQUEST', false, 'invalidRequest'],
    [429, 'RATE_LIMITED', false, 'activityLimitReached'],
    [500, 'INTERNAL_SERVER_ERROR', false, 'generalException'],
    [503, 'INTERNAL_SERVER_ERROR', false, 'serviceNotAvailable'],
  ] as const)('%i %s (missing user: %s) is %s', (status, code, missingUser, graphCode) => {
    expect(graphCodeOf({ status, code, missingUser })).toBe(graphCode)
  })
})

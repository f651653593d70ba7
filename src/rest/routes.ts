// the route table of docs/rest.md, under /v1.0 and /beta, for
// /users/{id | userPrincipalName} and for /me. find-my-way (Fastify's
// router) matches paths, case-insensitively as Graph does (the version
// segment aside, which is exact before a path gets here), and decodes their
// parameters. OData's key syntax, `users('kim@contoso.com')`, is rewritten
// to a plain segment first, so each route is written once.
import Router from 'find-my-way'
import type { RestHandler } from './call.ts'
import {
  createPhoneMethod,
  deletePhoneMethodRoute,
  disableSmsSignInRoute,
  enableSmsSignInRoute,
  getAuthenticationMethod,
  getPhoneMethod,
  listAuthenticationMethods,
  listPhoneMethods,
  updatePhoneMethodRoute,
} from './phone-methods.ts'
import { RestError } from './graph-error.ts'
import { getSignInPreferences, updateSignInPreferencesRoute } from './sign-in-preferences.ts'
import { getSmsPolicy, resetSmsPolicyRoute, updateSmsPolicy } from './sms-policy.ts'

export const VERSIONS = ['v1.0', 'beta'] as const
export type Version = (typeof VERSIONS)[number]

const METHODS = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'] as const
type Method = (typeof METHODS)[number]

export interface Route {
  readonly handler: RestHandler
  readonly version: Version
  /** Reached through /me: acts on the caller. */
  readonly me: boolean
}

export interface MatchedRoute extends Route {
  readonly params: { readonly userId?: string; readonly methodId?: string }
}

const PHONE_ROUTES: [Method, string, RestHandler][] = [
  ['GET', '/authentication/phoneMethods', listPhoneMethods],
  ['POST', '/authentication/phoneMethods', createPhoneMethod],
  ['GET', '/authentication/phoneMethods/:methodId', getPhoneMethod],
  ['PATCH', '/authentication/phoneMethods/:methodId', updatePhoneMethodRoute],
  ['DELETE', '/authentication/phoneMethods/:methodId', deletePhoneMethodRoute],
  ['POST', '/authentication/phoneMethods/:methodId/enableSmsSignIn', enableSmsSignInRoute],
  ['POST', '/authentication/phoneMethods/:methodId/disableSmsSignIn', disableSmsSignInRoute],
  ['GET', '/authentication/methods', listAuthenticationMethods],
  ['GET', '/authentication/methods/:methodId', getAuthenticationMethod],
  // A beta resource in Graph; served under /v1.0 too.
  ['GET', '/authentication/signInPreferences', getSignInPreferences],
  ['PATCH', '/authentication/signInPreferences', updateSignInPreferencesRoute],
]

const POLICY_ROUTES: [Method, string, RestHandler][] = [
  ['GET', '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/sms', getSmsPolicy],
  ['PATCH', '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/sms', updateSmsPolicy],
  ['DELETE', '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/sms', resetSmsPolicyRoute],
]

// A userPrincipalName may be long: the user lookup's own limit (256) answers, not the router's.
const router = Router({ ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 1024 })
const ignored = () => undefined
for (const version of VERSIONS) {
  for (const [method, path, handler] of PHONE_ROUTES) {
    router.on(method, `/${version}/users/:userId${path}`, ignored, { handler, version, me: false } satisfies Route)
    router.on(method, `/${version}/me${path}`, ignored, { handler, version, me: true } satisfies Route)
  }
  for (const [method, path, handler] of POLICY_ROUTES) {
    router.on(method, `/${version}${path}`, ignored, { handler, version, me: false } satisfies Route)
  }
}

/** Every route as `[method, path]` below the version (a user's under /users/{userId}; /me has the same ones), for documents that must cover them all. */
export const ROUTE_TABLE: readonly (readonly [Method, string])[] = [
  ...PHONE_ROUTES.map(([method, path]) => [method, `/users/{userId}${path}`] as const),
  ...POLICY_ROUTES.map(([method, path]) => [method, path] as const),
]

/** Whether a path is one of the REST routes' (the rest of the server never sees it). */
export const isRestPath = (path: string) => VERSIONS.some((version) => path.startsWith(`/${version}/`))

/** `name('key')` or `name(key)`: an OData key segment (`''` inside quotes is one `'`). */
const KEY_SEGMENT = /^([A-Za-z]+)\((?:'((?:[^']|'')*)'|([^'()]*))\)$/

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

/**
 * The path with OData key segments as plain ones (`users('a@b')` →
 * `users/a%40b`). A segment such as `$count`, `$value` or `$ref` asks OData
 * for something these routes do not serve: refused by name, as the query
 * options are, rather than taken for an id.
 */
function plainPath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      const text = decoded(segment)
      if (text === undefined) return segment
      if (text.startsWith('$')) throw new RestError(400, 'BAD_REQUEST', `the OData path segment ${text} is not supported`)
      const key = KEY_SEGMENT.exec(text)
      if (!key) return segment
      const value = key[2] === undefined ? key[3]! : key[2].replaceAll("''", "'")
      return `${key[1]}/${encodeURIComponent(value)}`
    })
    .join('/')
}

/** The route of a request; 404 for a path that is none, 405 (with Allow) for a method a path does not take. */
export function matchRoute(method: string, rawPath: string): MatchedRoute {
  const path = plainPath(rawPath)
  const found = (METHODS as readonly string[]).includes(method) ? router.find(method as Method, path) : null
  if (found) return { ...(found.store as Route), params: found.params }
  const allowed = METHODS.filter((candidate) => router.find(candidate, path))
  if (allowed.length === 0) throw new RestError(404, 'NOT_FOUND', `no resource at ${rawPath}`)
  throw new RestError(405, 'BAD_REQUEST', `${method} is not supported here; use ${allowed.join(', ')}`, { Allow: allowed.join(', ') })
}

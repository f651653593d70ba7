// Microsoft's own Graph SDKs, pointed at a gateway served over real HTTP on
// 127.0.0.1. The classic JavaScript client attaches tokens by itself only for
// https Graph hosts (or https custom hosts), so a one-step middleware puts
// the bearer token on every request before the client's HTTP handler sends
// it. The Kiota-based SDK (@microsoft/msgraph-sdk) takes a request adapter
// whose base URL is the gateway and a token provider that allows its host.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Client, GraphError, HTTPMessageHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client'
import { AllowedHostsValidator, BaseBearerTokenAuthenticationProvider, type AccessTokenProvider } from '@microsoft/kiota-abstractions'
import { createGraphServiceClient, GraphRequestAdapter, type GraphServiceClient } from '@microsoft/msgraph-sdk'
import '@microsoft/msgraph-sdk-users'
import { expect } from 'vitest'
import type { Server } from '../../../src/server.ts'

/** A fixed token, given only to the allowed hosts (as Kiota's providers for Entra do). */
class FixedToken implements AccessTokenProvider {
  private readonly hosts = new AllowedHostsValidator(new Set(['127.0.0.1']))
  constructor(private readonly token: string) {}
  getAuthorizationToken = async (url?: string) => (this.hosts.isUrlHostValid(url ?? '') ? this.token : '')
  getAllowedHostsValidator = () => this.hosts
}

export interface KiotaGraph {
  graph: GraphServiceClient
  adapter: GraphRequestAdapter
}

class BearerToken implements Middleware {
  private next?: Middleware
  constructor(private readonly token: string) {}
  async execute(context: Context): Promise<void> {
    const headers = new Headers(context.options?.headers as HeadersInit | undefined)
    headers.set('Authorization', `Bearer ${this.token}`)
    context.options = { ...context.options, headers }
    return this.next!.execute(context)
  }
  setNext(next: Middleware): void {
    this.next = next
  }
}

export interface ServedGateway {
  /** e.g. http://127.0.0.1:40123 */
  origin: string
  /** A Graph client that calls this gateway with `token` (default version: beta, as in the seed's example). */
  client(token: string, version?: 'v1.0' | 'beta'): Client
  /** The Kiota-based SDK's service client (and its adapter, for paths the v1.0 SDK has no builder for) that calls this gateway with `token`. */
  kiota(token: string, version?: 'v1.0' | 'beta'): KiotaGraph
  close(): Promise<void>
}

export async function serveOverHttp(yoga: Server): Promise<ServedGateway> {
  const server: HttpServer = createServer(yoga)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    client(token, version = 'beta') {
      const bearer = new BearerToken(token)
      bearer.setNext(new HTTPMessageHandler())
      return Client.initWithMiddleware({ baseUrl: `${origin}/`, defaultVersion: version, middleware: bearer })
    },
    kiota(token, version = 'v1.0') {
      const adapter = new GraphRequestAdapter(new BaseBearerTokenAuthenticationProvider(new FixedToken(token)))
      adapter.baseUrl = `${origin}/${version}`
      return { graph: createGraphServiceClient(adapter), adapter }
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}

/** The Graph error a call failed with (the classic client throws a GraphError carrying Graph's error body). */
export async function failureOf(call: Promise<unknown>): Promise<GraphError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error, 'the call should have failed').toBeInstanceOf(GraphError)
  return error as GraphError
}

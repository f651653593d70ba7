// Microsoft's own Graph JavaScript client, pointed at a gateway served over
// real HTTP on 127.0.0.1. The client attaches tokens by itself only for
// https Graph hosts (or https custom hosts), so a one-step middleware puts
// the bearer token on every request before the client's HTTP handler sends it.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Client, HTTPMessageHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client'
import type { Server } from '../../src/server.ts'

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
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}

// The origin every absolute link of an answer starts with (REST Location and
// @odata.context), chosen so that a caller cannot put a host of their choice
// into it (docs/security.md): PUBLIC_URL when set; otherwise the request's
// host only when ALLOWED_HOSTS names it, and the address the request came in
// on when it does not. X-Forwarded-Proto and X-Forwarded-Host count only when
// the connection comes from a proxy named in TRUST_PROXY.
import { isIP } from 'node:net'
import { hostNameOf } from './host-header.ts'

export interface LinkSettings {
  /** PUBLIC_URL without its trailing slash. */
  publicUrl?: string
  /** TRUST_PROXY: peer addresses whose X-Forwarded-* headers are believed. */
  trustProxy: readonly string[]
  /** ALLOWED_HOSTS. */
  allowedHosts: readonly string[] | 'any'
}

/** What node:http gives Yoga as its server context; absent when Yoga is called in-process. */
interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string; localAddress?: string; localPort?: number } }
}

export type LinkOrigin = (request: Request, serverContext: unknown) => string

const IPV4_MAPPED = /^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i

/** An address as TRUST_PROXY lists it and as sockets report it: IPv4-mapped IPv6 as plain IPv4. */
export const normalizedAddress = (address: string): string => address.replace(IPV4_MAPPED, '').toLowerCase()

const firstValue = (header: string | null) => header?.split(',')[0]?.trim() || undefined

export function linkOrigin(settings: LinkSettings): LinkOrigin {
  if (settings.publicUrl) {
    const publicUrl = settings.publicUrl
    return () => publicUrl
  }
  const trusted = new Set(settings.trustProxy.map(normalizedAddress))
  const namedHosts = new Set(settings.allowedHosts === 'any' ? [] : settings.allowedHosts)
  return (request, serverContext) => {
    const socket = (serverContext as NodeServerContext | undefined)?.req?.socket
    const viaTrustedProxy = socket?.remoteAddress !== undefined && trusted.has(normalizedAddress(socket.remoteAddress))
    const forwardedProto = viaTrustedProxy ? firstValue(request.headers.get('x-forwarded-proto'))?.toLowerCase() : undefined
    const scheme = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : new URL(request.url).protocol.slice(0, -1)
    const host = (viaTrustedProxy && firstValue(request.headers.get('x-forwarded-host'))) || request.headers.get('host') || ''
    const name = hostNameOf(host)
    if (name !== undefined && namedHosts.has(name)) return `${scheme}://${host.toLowerCase()}`
    return `${scheme}://${listenAddress(socket)}`
  }
}

/** Where the connection arrived: an address of this machine the caller reached, never a name the caller wrote. */
function listenAddress(socket: NonNullable<NonNullable<NodeServerContext['req']>['socket']> | undefined): string {
  if (!socket?.localAddress) return 'localhost'
  const address = normalizedAddress(socket.localAddress)
  const host = isIP(address) === 6 ? `[${address}]` : address
  return socket.localPort ? `${host}:${socket.localPort}` : host
}

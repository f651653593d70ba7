// Where absolute links point: never at a host the caller chose, unless the
// operator named it; forwarded headers only from a trusted proxy.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { linkOrigin } from '../../src/links.ts'

const peer = (remoteAddress: string, localAddress = '10.1.2.3', localPort = 4000) => ({ req: { socket: { remoteAddress, localAddress, localPort } } })
const request = (headers: Record<string, string>) => new Request('http://ignored.example/beta/me', { headers })

describe('linkOrigin', () => {
  it('is PUBLIC_URL whatever the request says', () => {
    const origin = linkOrigin({ publicUrl: 'https://auth-api.example.com/gateway', trustProxy: ['10.0.0.1'], allowedHosts: ['evil.example'] })
    expect(origin(request({ host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' }), peer('10.0.0.1'))).toBe(
      'https://auth-api.example.com/gateway',
    )
  })

  it('is the request’s host only when ALLOWED_HOSTS names it, else the address the connection arrived on', () => {
    const origin = linkOrigin({ trustProxy: [], allowedHosts: ['auth-api.example.com'] })
    expect(origin(request({ host: 'Auth-API.example.com:8443' }), peer('192.0.2.7'))).toBe('http://auth-api.example.com:8443')
    expect(origin(request({ host: 'attacker.example' }), peer('192.0.2.7'))).toBe('http://10.1.2.3:4000')
    expect(origin(request({ host: 'attacker.example' }), peer('192.0.2.7', '::ffff:127.0.0.1'))).toBe('http://127.0.0.1:4000')
    expect(origin(request({ host: 'attacker.example' }), peer('::1', '::1'))).toBe('http://[::1]:4000')
    // ALLOWED_HOSTS=* names no host.
    expect(linkOrigin({ trustProxy: [], allowedHosts: 'any' })(request({ host: 'attacker.example' }), peer('192.0.2.7'))).toBe('http://10.1.2.3:4000')
  })

  it('reads X-Forwarded-Proto and -Host from a TRUST_PROXY peer only (IPv4-mapped or not)', () => {
    const origin = linkOrigin({ trustProxy: ['10.0.0.1'], allowedHosts: ['auth-api.example.com'] })
    const forwarded = request({ host: '10.1.2.3:4000', 'x-forwarded-host': 'auth-api.example.com, proxy.internal', 'x-forwarded-proto': 'HTTPS, http' })
    expect(origin(forwarded, peer('10.0.0.1'))).toBe('https://auth-api.example.com')
    expect(origin(forwarded, peer('::ffff:10.0.0.1'))).toBe('https://auth-api.example.com')
    expect(origin(forwarded, peer('10.0.0.2'))).toBe('http://10.1.2.3:4000')
    expect(origin(request({ host: 'auth-api.example.com', 'x-forwarded-proto': 'gopher' }), peer('10.0.0.1'))).toBe('http://auth-api.example.com')
  })

  it('never puts an unnamed host from Host or X-Forwarded-Host into a link (property)', () => {
    const named = ['auth-api.example.com', 'localhost']
    const origin = linkOrigin({ trustProxy: ['10.0.0.1'], allowedHosts: named })
    const hostish = fc.oneof(fc.domain(), fc.string(), fc.constantFrom('auth-api.example.com.evil.example', 'localhost@evil.example', 'evil.example#auth-api.example.com', 'LOCALHOST:1'))
    fc.assert(
      fc.property(hostish, fc.option(hostish), fc.constantFrom('10.0.0.1', '10.0.0.9'), (host, forwardedHost, remote) => {
        let built: Request
        try {
          built = request({ host, ...(forwardedHost === null ? {} : { 'x-forwarded-host': forwardedHost }) })
        } catch {
          return // not a header value at all
        }
        const linkHost = new URL(origin(built, peer(remote))).hostname
        expect([...named, '10.1.2.3']).toContain(linkHost)
      }),
      { numRuns: 500 },
    )
  })
})

// HTTP/1.1 over a plain TCP socket: the request head exactly as written (any
// Host, any request target, any header bytes, which an HTTP client library
// would refuse or fix), and the answer as the server wrote it.
import { connect } from 'node:net'

export interface RawAnswer {
  /** 0 when the server closed the connection without a status line. */
  status: number
  headers: Record<string, string>
  body: string
  /** Everything received, head included. */
  raw: string
}

/** A head from its request line and header lines; the connection closes after one answer. */
export function head(requestLine: string, headers: readonly (readonly [string, string])[]): string {
  return `${requestLine}\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}Connection: close\r\n\r\n`
}

/** Sends `bytes` to the gateway and reads until the server closes the connection. */
export function exchangeRaw(origin: string, bytes: string, timeoutMs = 15_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const socket = connect(Number(port), hostname, () => socket.write(bytes, 'latin1'))
    socket.setTimeout(timeoutMs, () => {
      socket.destroy()
      reject(new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(bytes.slice(0, 200))}`))
    })
    socket.on('data', (chunk) => chunks.push(chunk))
    // A server may reset a connection whose bytes it refused; what it wrote before still counts.
    socket.on('error', () => {})
    socket.on('close', () => resolve(parseAnswer(Buffer.concat(chunks).toString('latin1'))))
  })
}

function parseAnswer(received: string): RawAnswer {
  // An interim answer (100 Continue) comes before the real one.
  const raw = received.replace(/^(?:HTTP\/1\.[01] 1\d\d[^\r]*\r\n(?:[^\r]+\r\n)*\r\n)+/, '')
  const end = raw.indexOf('\r\n\r\n')
  const [statusLine = '', ...lines] = (end >= 0 ? raw.slice(0, end) : raw).split('\r\n')
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0)
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  const body = end >= 0 ? raw.slice(end + 4) : ''
  return { status, headers, body: headers['transfer-encoding'] === 'chunked' ? dechunked(body) : body, raw }
}

function dechunked(body: string): string {
  let out = ''
  let rest = body
  for (;;) {
    const lineEnd = rest.indexOf('\r\n')
    const size = Number.parseInt(rest.slice(0, lineEnd), 16)
    if (lineEnd < 0 || !Number.isFinite(size) || size === 0) return out
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size)
    rest = rest.slice(lineEnd + 2 + size + 2)
  }
}

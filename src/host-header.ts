// The Host header as the gateway reads it, for the host check, the HTTP edge
// and absolute links alike: a host name or an IPv6 address in brackets, then
// an optional port.
import { domainToUnicode } from 'node:url'

const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d*)?$/i

/** The host name of a Host header, lower case and without its port; undefined when the header is not of that shape. */
export function hostNameOf(host: string): string | undefined {
  return HOST_HEADER.exec(host)?.[1]?.toLowerCase()
}

/**
 * A punycode label (`xn--…`) that decodes to nothing: Node 20's URL parser
 * throws on it, Node 24's keeps it as written, so the rule is ours, the same
 * on every Node.
 */
const isBrokenPunycode = (label: string) => label.startsWith('xn--') && [label, ''].includes(domainToUnicode(label))

/**
 * Whether the WHATWG URL parser (which builds each request's URL) accepts the
 * header and reads the very same host name from it: no `%00`, no `user@`, no
 * `/path`, no empty or invalid label. Given the request's path too, it parses
 * the whole URL the request will have, once: a path after the host cannot
 * change the host the parser reads, and the edge need not parse the URL
 * again for the path (false then also when the path is what fails).
 */
export function hostParses(host: string, path = ''): boolean {
  const name = hostNameOf(host)
  if (name === undefined || name.split('.').some(isBrokenPunycode)) return false
  try {
    return new URL(`http://${host}${path}`).hostname === name
  } catch {
    return false
  }
}

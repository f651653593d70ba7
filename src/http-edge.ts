// The node:http server in front of Yoga. It answers, itself, whatever cannot
// become a Fetch Request (a Host or request target that does not parse, a
// head that Node's parser refuses, a CONNECT, an Expect it cannot meet):
// one line of plain text, the gateway's request id and a log line, instead of
// what Node and Yoga's server adapter would answer (an empty 400 without an
// id, or a 500 carrying a stack trace with the paths of the installation).
// See docs/security.md.
import { createServer as createHttpServer, STATUS_CODES, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { sendNodeResponse } from '@whatwg-node/server'
import { hostParses } from './host-header.ts'
import type { Logger } from './logger.ts'
import { newRequestId } from './plugins/request-log.ts'
import { EVERY_RESPONSE_HEADERS } from './plugins/response-headers.ts'
import type { Server } from './server.ts'

const HOST_PROBLEM = 'The Host header is missing or is not a host name.'
const TARGET_PROBLEM = 'The request target cannot be parsed.'

/** Why a request cannot be handed to Yoga, or undefined when it can. */
function unparseable(request: IncomingMessage): string | undefined {
  // HTTP/1.1 needs a Host; an HTTP/1.0 request without one is for this address.
  const host = request.headers.host ?? (request.httpVersion === '1.0' ? 'localhost' : undefined)
  if (host === undefined) return HOST_PROBLEM
  const target = request.url ?? ''
  const path = target.startsWith('/') ? target : ''
  if (!hostParses(host, path)) {
    // One parse of the whole URL checked both the host and the path: which is at fault?
    return !path || !hostParses(host) ? HOST_PROBLEM : TARGET_PROBLEM
  }
  if (!path) return 'The request target is not a path: only paths starting with / are served.'
  return undefined
}

interface Refusal {
  status: number
  message: string
  requestId: string
}

function refusal(status: number, message: string): Refusal {
  return { status, message, requestId: newRequestId() }
}

function headersOf({ message, requestId }: Refusal): Record<string, string> {
  return {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(message) + 1),
    'x-request-id': requestId,
    ...EVERY_RESPONSE_HEADERS,
    'cache-control': 'no-store',
    connection: 'close',
  }
}

function refuse(response: ServerResponse, answer: Refusal): void {
  response.writeHead(answer.status, headersOf(answer))
  response.end(`${answer.message}\n`)
}

/** For a socket Node took away from the HTTP machinery (a head it could not parse, a CONNECT). */
function refuseOnSocket(socket: Duplex, answer: Refusal): void {
  const head = Object.entries(headersOf(answer)).map(([name, value]) => `${name}: ${value}\r\n`)
  socket.end(`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n${head.join('')}\r\n${answer.message}\n`)
}

/** Node's parser errors, as the status Node itself would answer them with. */
function statusOfParseError(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT') return 408
  return 400
}

const PARSE_ERROR_MESSAGE: Record<number, string> = {
  400: 'The request is not well-formed HTTP.',
  408: 'The request did not arrive in time.',
  431: 'The request headers are too large.',
}

export function createHttpEdge(yoga: Server, logger: Logger): HttpServer {
  const logRefusal = (answer: Refusal, reason: string, method?: string) =>
    logger.warn({ requestId: answer.requestId, method, status: answer.status, reason }, 'request refused before routing')

  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const problem = unparseable(request)
    if (problem) {
      const answer = refusal(400, problem)
      refuse(response, answer)
      logRefusal(answer, problem, request.method)
      return
    }
    let fetchResponse: Response
    try {
      fetchResponse = await yoga.handleNodeRequestAndResponse(request, response, { req: request, res: response })
    } catch (error) {
      // Yoga's adapter would answer with the error's stack: answer with its id only.
      const answer = refusal(500, 'The gateway could not answer this request.')
      logger.error({ err: error, requestId: answer.requestId }, 'request failed outside the GraphQL pipeline')
      if (!response.headersSent) refuse(response, answer)
      else response.destroy()
      return
    }
    try {
      await sendNodeResponse(fetchResponse, response, request, true)
    } catch (error) {
      logger.warn({ err: error }, 'sending a response failed')
      response.destroy()
    }
  }

  // requireHostHeader: Node would answer a missing Host with an empty 400 of its own.
  const server = createHttpServer({ requireHostHeader: false }, (request, response) => void answer(request, response))

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The peer is gone, or a response is already on its way on this connection: nothing can be said.
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight) {
      socket.destroy()
      return
    }
    const status = statusOfParseError(error.code)
    const answer = refusal(status, PARSE_ERROR_MESSAGE[status]!)
    refuseOnSocket(socket, answer)
    logRefusal(answer, error.code ?? 'unparseable')
  })

  // CONNECT asks for a tunnel, which this server does not make.
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    const answer = refusal(400, 'The request target is not a path: only paths starting with / are served.')
    refuseOnSocket(socket, answer)
    logRefusal(answer, 'CONNECT', request.method)
  })

  // Expect: 100-continue asks whether to send the body: not for a request about to be refused.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (!unparseable(request)) response.writeContinue()
    void answer(request, response)
  })

  // An Expect other than 100-continue.
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const answer = refusal(417, 'The Expect header asks for something this server does not do.')
    refuse(response, answer)
    logRefusal(answer, 'Expect', request.method)
  })

  return server
}

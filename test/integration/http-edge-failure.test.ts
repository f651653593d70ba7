// A failure outside the GraphQL pipeline (a plugin's onRequest throwing,
// which Yoga's server adapter would answer with the error's stack and the
// installation's paths) reaches the client as a 500 with one line and the
// request id, and the log as one line with that id.
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { createSchema, createYoga } from 'graphql-yoga'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpEdge } from '../../src/http-edge.ts'
import { createLogger } from '../../src/logger.ts'
import type { Server } from '../../src/server.ts'
import { exchangeRaw, head } from '../support/harness/raw-http.ts'

describe('the HTTP edge when the pipeline throws', () => {
  const lines: string[] = []
  const logger = createLogger('info', new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }))
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }),
    plugins: [
      {
        onRequest() {
          throw new TypeError('boom at /srv/gateway/node_modules/x/index.js:12:3 SELECT * FROM "User"')
        },
      },
    ],
  })
  const http = createHttpEdge(yoga as unknown as Server, logger)
  let origin: string
  beforeAll(async () => {
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())))

  it('answers 500 with one plain line and a request id, and logs the failure under that id without the path', async () => {
    const answer = await exchangeRaw(origin, head('GET /graphql HTTP/1.1', [['Host', 'localhost']]))
    expect(answer.status).toBe(500)
    expect(answer.body).toBe('The gateway could not answer this request.\n')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    const requestId = answer.headers['x-request-id']!
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
    const logged = lines.map((line) => JSON.parse(line)).filter((line) => line.requestId === requestId)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({ level: 50, err: { type: 'TypeError' } })
    expect(JSON.stringify(logged)).not.toMatch(/node_modules|index\.js:12/)
  })
})

// docs/rest.md's endpoint-by-endpoint table is a script: each row's request
// is sent, in order, as the caller the row names, and must get the row's
// status; and the rows together reach every route the gateway serves.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PHONE_METHOD_ID } from '../../src/domain/phone-method.ts'
import { matchRoute, ROUTE_TABLE } from '../../src/rest/routes.ts'
import { startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { serveOverHttp, type ServedGateway } from '../support/harness/graph-client.ts'
import { people, personaTokens } from '../support/personas/tenants.ts'

interface Row {
  method: string
  path: string
  body?: string
  caller: string
  status: number
}

const ROW = /^`([A-Z]+) (\S+)`(?: `(.+?)`)? as (\w+)$/

function tableRows(): Row[] {
  const document = readFileSync(new URL('../../docs/rest.md', import.meta.url), 'utf8')
  const section = document.split('## Endpoint by endpoint')[1]?.split('\n## ')[0] ?? ''
  const lines = section.split('\n').filter((line) => line.startsWith('| `'))
  return lines.map((line) => {
    const cells = line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim())
    const request = ROW.exec(cells[0]!)
    if (!request) throw new Error(`a row of docs/rest.md does not read as "\`METHOD path\` [\`body\`] as caller": ${cells[0]}`)
    const path = request[2]!.replaceAll('{kim}', people.kim.id).replaceAll('{mobile}', PHONE_METHOD_ID.mobile).replaceAll('{office}', PHONE_METHOD_ID.office)
    return { method: request[1]!, path, body: request[3], caller: request[4]!, status: Number(cells.at(-1)) }
  })
}

describe('docs/rest.md, endpoint by endpoint', () => {
  const rows = tableRows()
  let gateway: TestGateway
  let served: ServedGateway
  let tokens: Record<string, string | undefined>

  beforeAll(async () => {
    gateway = await startGateway('sqlite')
    served = await serveOverHttp(gateway.yoga)
    tokens = { ...(await personaTokens()), nobody: undefined }
  })
  afterAll(async () => {
    await served?.close()
    await gateway?.close()
  })

  it('has a row for every route the gateway serves', () => {
    expect(rows.length).toBeGreaterThan(30)
    const reached = new Set(
      rows.flatMap((row) => {
        try {
          return [matchRoute(row.method, row.path).handler]
        } catch {
          // A row about a path that is no route (404, 405, `/$count`).
          return []
        }
      }),
    )
    for (const [method, path] of ROUTE_TABLE) {
      const example = `/v1.0${path.replace('{userId}', people.kim.id).replace(':methodId', PHONE_METHOD_ID.mobile)}`
      expect(reached.has(matchRoute(method, example).handler), `${method} ${path}`).toBe(true)
    }
  })

  it('answers each row’s request with the row’s status, in order', async () => {
    const answers: string[] = []
    for (const row of rows) {
      expect(Object.keys(tokens), row.caller).toContain(row.caller)
      const headers = new Headers()
      const token = tokens[row.caller]
      if (token) headers.set('authorization', `Bearer ${token}`)
      if (row.body !== undefined) headers.set('content-type', 'application/json')
      const response = await fetch(`${served.origin}${row.path}`, { method: row.method, headers, body: row.body })
      answers.push(`${row.method} ${row.path} as ${row.caller} → ${response.status} ${response.status >= 400 ? await response.text() : ''}`)
      expect(response.status, answers.join('\n')).toBe(row.status)
    }
  })
})

// Stopping the gateway as a supervisor does (docker stop, systemd, a dev
// runner, Ctrl-C): SIGTERM or SIGINT to the process `npm start` is, or to the
// gateway process itself, lets the request in flight finish, then ends every
// process of the gateway with exit code 0, also when nobody reads its stdout
// or stderr any more. A request is "in flight" here once the gateway has
// answered `100 Continue` to its headers; its body is sent only after the
// gateway has stopped listening, so the drain is what lets it finish.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchGateway, RESILIENCE_SECRET, type Exit, type LaunchedGateway } from '../support/harness/process.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const ADD_KIMS_MOBILE = JSON.stringify({
  query: 'mutation { addPhoneMethod(input: { userId: "kim@contoso.com", phoneNumber: "+1 2065555555", phoneType: mobile }) { phoneType smsSignInState } }',
})

interface Started {
  /** The process the supervisor started: npm, or the gateway itself. */
  child: ChildProcess
  gatewayPid: number
  url: string
  token: string
  exited: Promise<Exit>
  /** The reader of stdout and stderr goes away. */
  closeOutput(): void
}

/** `npm start`, as `docker stop` on `CMD ["npm","start"]` or systemd would run it, in a process group of its own. */
function npmStart(databaseUrl: string, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    // A known JWT_SECRET: development mode would otherwise write its secret into the working tree.
    env: { ...process.env, NODE_ENV: 'development', PORT: '0', DATABASE_URL: databaseUrl, JWT_SECRET: RESILIENCE_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  return new Promise((resolve, reject) => {
    let out = ''
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const port = /"msg":"listening"/.test(out) ? /"port":(\d+)/.exec(out)?.[1] : undefined
      const token = /^Authorization: Bearer (\S+)$/m.exec(out)?.[1]
      if (!port || !token) return
      child.stdout!.off('data', onData)
      // `npm start` runs `sh -c "… && exec node dist/main.js"`: npm's only child is the gateway.
      const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)
      if (children.length !== 1) return reject(new Error(`npm start has ${children.length} child processes, not only the gateway`))
      resolve({
        child,
        gatewayPid: Number(children[0]),
        url: `http://127.0.0.1:${port}`,
        token,
        exited,
        closeOutput: () => {
          child.stdout!.destroy()
          child.stderr!.destroy()
        },
      })
    }
    child.stdout!.on('data', onData)
    child.stderr!.resume()
    void exited.then((exit) => reject(new Error(`npm start exited (${exit.code ?? exit.signal}) before listening:\n${out}`)))
  })
}

/** A request whose headers the gateway has taken (`100 Continue`), its body still to come. */
function requestInFlight(url: string, token: string, body: string) {
  let taken!: () => void
  const headersTaken = new Promise<void>((resolve) => (taken = resolve))
  const request = httpRequest(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      authorization: `Bearer ${token}`,
      expect: '100-continue',
    },
  })
  request.on('continue', taken)
  request.flushHeaders()
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('error', reject)
    request.on('response', (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (text += chunk))
      response.on('end', () => resolve({ status: response.statusCode!, body: text }))
    })
  })
  return { headersTaken, finish: () => (request.end(body), answer), answer }
}

/** Resolves once the gateway refuses new connections: it has begun its shutdown. */
async function stoppedListening(url: string): Promise<void> {
  for (;;) {
    const refused = await fetch(`${url}/health`).then(
      () => false,
      () => true,
    )
    if (refused) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * No process of the group is alive. A zombie has ended and is only waiting
 * for its parent to collect it: esbuild's helper, left by the build step, is
 * collected by init, which on this kind of machine (not a real init) takes its time.
 */
function groupIsGone(pgid: number): boolean {
  const alive = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        // Fields after the command's closing parenthesis: state, ppid, pgrp, …
        const [state, , group] = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ')
        return Number(group) === pgid && state !== 'Z' ? [pid] : []
      } catch {
        return [] // ended while we looked
      }
    })
  return alive.length === 0
}

const graphql = (url: string, token: string, body: string) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })

describe('stopping the gateway', () => {
  let dir: string
  let running: Started | undefined
  let direct: LaunchedGateway | undefined
  let databases = 0
  const database = () => `file:${join(dir, `gateway-${++databases}.db`)}`

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-shutdown-'))
  })
  // A gateway that failed to stop is still killed, with everything it started.
  afterEach(async () => {
    if (running && !groupIsGone(running.child.pid!)) process.kill(-running.child.pid!, 'SIGKILL')
    await direct?.kill9()
    running = direct = undefined
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.each([
    ['SIGTERM', 'the npm process'],
    ['SIGTERM', 'the gateway process'],
    ['SIGINT', 'the npm process'],
    ['SIGINT', 'the gateway process'],
  ] as const)('%s to %s drains the request in flight and ends every process with exit code 0', async (signal, target) => {
    running = await npmStart(database())
    const inFlight = requestInFlight(running.url, running.token, ADD_KIMS_MOBILE)
    await inFlight.headersTaken

    process.kill(target === 'the npm process' ? running.child.pid! : running.gatewayPid, signal)
    await stoppedListening(running.url)
    const answer = await inFlight.finish()

    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toEqual({ data: { addPhoneMethod: { phoneType: 'mobile', smsSignInState: 'ready' } } })
    expect(await running.exited).toEqual({ code: 0, signal: null })
    expect(groupIsGone(running.child.pid!)).toBe(true)
  })

  it('answers requests while nobody reads stdout, and still stops on SIGTERM to npm with exit code 0', async () => {
    running = await npmStart(database())
    running.closeOutput()
    // Every request writes log lines into the closed pipe.
    for (let i = 0; i < 20; i++) {
      const response = await graphql(running.url, running.token, JSON.stringify({ query: '{ me { userPrincipalName } }' }))
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ data: { me: { userPrincipalName: 'admin@contoso.com' } } })
    }
    const inFlight = requestInFlight(running.url, running.token, ADD_KIMS_MOBILE)
    await inFlight.headersTaken

    running.child.kill('SIGTERM')
    await stoppedListening(running.url)

    expect((await inFlight.finish()).status).toBe(200)
    expect(await running.exited).toEqual({ code: 0, signal: null })
    expect(groupIsGone(running.child.pid!)).toBe(true)
  })

  it('stops on SIGTERM to the gateway process started without npm, right after its stdout and stderr closed', async () => {
    direct = await launchGateway({ cwd: dir, env: { NODE_ENV: 'development', DATABASE_URL: database(), JWT_SECRET: RESILIENCE_SECRET } })
    // The shutdown's own log lines are the first to meet the closed pipe.
    direct.child.stdout!.destroy()
    direct.child.stderr!.destroy()
    expect(await direct.terminate()).toEqual({ code: 0, signal: null })
    expect(groupIsGone(direct.child.pid!)).toBe(true)
  })

  it('ends a request that outlives SHUTDOWN_TIMEOUT_MS, and still exits with code 0', async () => {
    running = await npmStart(database(), { SHUTDOWN_TIMEOUT_MS: '500' })
    const stuck = requestInFlight(running.url, running.token, ADD_KIMS_MOBILE)
    await stuck.headersTaken

    running.child.kill('SIGTERM')
    // The body never comes: the deadline closes the connection.
    await expect(stuck.answer).rejects.toThrow()
    expect(await running.exited).toEqual({ code: 0, signal: null })
    expect(groupIsGone(running.child.pid!)).toBe(true)
  })
})

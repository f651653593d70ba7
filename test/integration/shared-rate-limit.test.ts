// MUTATION_RATE_LIMIT with REDIS_URL: one budget per caller for every gateway
// sharing that Redis, GraphQL and REST alike; while Redis is away each gateway
// counts alone (the same limit), says so once in its log and in /metrics,
// never answers 5xx because of it, and shares the budget again once Redis is
// back. Each run uses callers of its own, so the machine's Redis may be shared.
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/logger.ts'
import { connectRateLimitStore } from '../../src/plugins/rate-limit-store.ts'
import { codes, startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { redisServerAbsent, startTestRedis, type TestRedis } from '../support/harness/redis-server.ts'
import { scopes, tokenFor } from '../support/personas/tenants.ts'

const MACHINE_REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const RUN = randomUUID().slice(0, 8)

/** A write the limit charges (the user does not exist: nothing is written either way). */
async function write(gateway: TestGateway, token: string, viaRest: boolean): Promise<{ status: number; limited: boolean }> {
  if (viaRest) {
    const response = await gateway.yoga.fetch('http://gateway.test/v1.0/users/nobody@contoso.com/authentication/phoneMethods', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ phoneNumber: '+1 2065550100', phoneType: 'mobile' }),
    })
    // Graph's code is activityLimitReached; the gateway's own is innerError.code.
    const body = (await response.json()) as { error?: { innerError?: { code?: string } } }
    return { status: response.status, limited: body.error?.innerError?.code === 'RATE_LIMITED' }
  }
  const response = await gateway.graphql(token, 'mutation { addPhoneMethod(input: { userId: "nobody", phoneNumber: "+1 2065550100", phoneType: mobile }) { id } }')
  return { status: response.status, limited: codes(response).includes('RATE_LIMITED') }
}

/** A store that has connected: the first writes of a test must reach Redis, not the fallback. */
async function connected(store: Redis): Promise<Redis> {
  if (store.status !== 'ready') await new Promise((resolve) => store.once('ready', resolve))
  return store
}

async function reachable(url: string): Promise<string | undefined> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  probe.on('error', () => {})
  try {
    await probe.connect()
    await probe.ping()
    return undefined
  } catch {
    return `no Redis answers at ${url}`
  } finally {
    probe.disconnect()
  }
}

describe('the mutation rate limit shared through Redis', () => {
  let absent: string | undefined
  const gateways: TestGateway[] = []
  const stores: Redis[] = []
  beforeAll(async () => {
    absent = await reachable(MACHINE_REDIS)
    if (absent && process.env.CI) throw new Error(`CI must run the shared rate limit tests: ${absent}`)
    if (absent) return
    for (let i = 0; i < 3; i++) {
      const store = await connected(connectRateLimitStore(MACHINE_REDIS))
      stores.push(store)
      gateways.push(await startGateway('sqlite', { mutationRateLimit: 10, rateLimitStore: store }))
    }
  })
  beforeEach(({ skip }) => {
    if (absent) skip(absent)
  })
  afterAll(async () => {
    stores.forEach((store) => store.disconnect())
    await Promise.all(gateways.map((gateway) => gateway.close()))
  })

  it('accepts exactly MUTATION_RATE_LIMIT of 60 writes sent round-robin to three gateways, GraphQL and REST', async () => {
    const token = await tokenFor({ sub: `shared-${RUN}`, roles: [scopes.writeAll] })
    const answers = []
    for (let i = 0; i < 60; i++) answers.push(await write(gateways[i % 3]!, token, i % 2 === 1))
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([])
    expect(answers.filter((answer) => !answer.limited)).toHaveLength(10)
    expect(answers.filter((answer) => answer.limited).every((answer) => answer.status === 429)).toBe(true)
  })

  it('refuses a document over the remaining budget whole, and counts nothing for it', async () => {
    const token = await tokenFor({ sub: `shared-whole-${RUN}`, roles: [scopes.writeAll] })
    const eleven = `mutation { ${Array.from({ length: 11 }, (_, i) => `m${i}: addPhoneMethod(input: { userId: "nobody", phoneNumber: "+1 2065550100", phoneType: mobile }) { id }`).join(' ')} }`
    expect(codes(await gateways[0]!.graphql(token, eleven))).toEqual(['RATE_LIMITED'])
    const answers = []
    for (let i = 0; i < 12; i++) answers.push(await write(gateways[(i + 1) % 3]!, token, false))
    expect(answers.filter((answer) => !answer.limited)).toHaveLength(10)
  })
})

describe('the mutation rate limit while its Redis is away', () => {
  const absent = redisServerAbsent()
  let redis: TestRedis
  let gateway: TestGateway
  let store: Redis
  const lines: string[] = []
  beforeAll(async () => {
    if (absent && process.env.CI) throw new Error(absent)
    if (absent) return
    redis = await startTestRedis()
    store = await connected(connectRateLimitStore(redis.url))
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) })
    gateway = await startGateway('sqlite', { mutationRateLimit: 5, rateLimitStore: store, logger })
  })
  beforeEach(({ skip }) => {
    if (absent) skip(absent)
  })
  afterAll(async () => {
    store?.disconnect()
    await gateway?.close()
    await redis?.stop()
  })

  const said = (text: string) => lines.filter((line) => line.includes(text)).length
  const metric = async (name: string) => {
    const text = await (await gateway.yoga.fetch('http://gateway.test/metrics')).text()
    return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN)
  }

  it('falls back to its own budget of the same limit, says so once, counts it, and shares again once Redis is back', async () => {
    const token = await tokenFor({ sub: `away-${RUN}`, roles: [scopes.writeAll] })
    for (let i = 0; i < 3; i++) expect((await write(gateway, token, false)).limited).toBe(false)
    expect(await store.exists(`phone-gateway:mutations:contoso\u0000away-${RUN}`)).toBe(1)

    await redis.stop()
    const away = []
    for (let i = 0; i < 8; i++) away.push(await write(gateway, token, i % 2 === 0))
    expect(away.filter((answer) => answer.status >= 500)).toEqual([])
    expect(away.filter((answer) => !answer.limited)).toHaveLength(5)
    expect(said('cannot be reached')).toBe(1)
    expect(await metric('gateway_rate_limit_fallbacks_total')).toBe(8)
    expect((await gateway.yoga.fetch('http://gateway.test/ready')).status).toBe(200)

    await redis.start()
    const back = await tokenFor({ sub: `back-${RUN}`, roles: [scopes.writeAll] })
    // Reconnecting takes a moment: until then the local budget answers.
    for (let attempt = 0; attempt < 100 && said('answers again') === 0; attempt++) {
      expect((await write(gateway, back, false)).status).toBeLessThan(500)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(said('answers again')).toBe(1)
    expect(said('cannot be reached')).toBe(1)
    const fresh = await tokenFor({ sub: `fresh-${RUN}`, roles: [scopes.writeAll] })
    await write(gateway, fresh, false)
    expect(await store.get(`phone-gateway:mutations:contoso\u0000fresh-${RUN}`)).toBe('1')
  })
})

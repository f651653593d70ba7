// HS256 verifications are remembered until the token expires, and no longer.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mintToken } from '../../src/auth/mint.ts'
import { createTokenVerifier } from '../../src/auth/tokens.ts'

const SECRET = 'token-cache-secret-of-at-least-32-characters'

describe('the HS256 verification cache', () => {
  afterEach(() => vi.useRealTimers())

  it('refuses a remembered token once it has expired', async () => {
    const verify = createTokenVerifier({ jwtSecret: SECRET })
    const start = Date.now()
    vi.useFakeTimers({ now: start, toFake: ['Date'] })
    const token = await mintToken(SECRET, { tid: 'contoso', sub: 'u-1', scp: 'x' }, 60)
    expect((await verify(token)).subjectId).toBe('u-1')
    vi.setSystemTime(start + 30_000)
    expect((await verify(token)).subjectId).toBe('u-1')
    vi.setSystemTime(start + 61_000)
    await expect(verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('expired') })
  })

  it('never remembers a token signed with another secret', async () => {
    const verify = createTokenVerifier({ jwtSecret: SECRET })
    const forged = await mintToken(`${SECRET}-but-not-ours`, { tid: 'contoso', sub: 'u-1' }, 60)
    await expect(verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    await expect(verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
  })
})

// A read never observes another request's uncommitted writes. On SQLite this
// needs care: the adapter runs every query of its client on one connection,
// so the gateway reads through a second connection.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startGateway, type TestGateway } from '../support/harness/gateway.ts'
import { people, personaTokens } from '../support/personas/tenants.ts'
import { describeOnEachDatabase } from '../support/vitest/database-suites.ts'

describeOnEachDatabase('read isolation on %s', (provider) => {
  let gateway: TestGateway
  let token: string
  beforeAll(async () => {
    gateway = await startGateway(provider)
    token = (await personaTokens()).admin
  })
  afterAll(() => gateway.close())

  const phonesOfKim = async () =>
    (await gateway.graphql(token, `{ user(id: "${people.kim.id}") { phoneMethods { phoneNumber } } }`)).data?.user.phoneMethods

  it('does not show a write until its transaction commits, and never a rolled-back one', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let written!: () => void
    const insideTransaction = new Promise<void>((resolve) => (written = resolve))

    const committing = gateway.db.client.$transaction(async (tx) => {
      await tx.phoneMethod.create({ data: { tenantId: 'contoso', userId: people.kim.id, phoneType: 'office', phoneNumber: '+1 2065550111' } })
      written()
      await held
    })
    await insideTransaction
    expect(await phonesOfKim()).toEqual([])
    release()
    await committing
    expect(await phonesOfKim()).toEqual([{ phoneNumber: '+1 2065550111' }])

    const rollingBack = gateway.db.client.$transaction(async (tx) => {
      await tx.phoneMethod.update({
        where: { tenantId_userId_phoneType: { tenantId: 'contoso', userId: people.kim.id, phoneType: 'office' } },
        data: { phoneNumber: '+1 2065550222' },
      })
      expect(await phonesOfKim()).toEqual([{ phoneNumber: '+1 2065550111' }])
      throw new Error('roll back')
    })
    await expect(rollingBack).rejects.toThrow('roll back')
    expect(await phonesOfKim()).toEqual([{ phoneNumber: '+1 2065550111' }])
  })
})

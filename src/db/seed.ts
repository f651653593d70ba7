// Upserts tenants, users and groups from the seed file format of README.md
import { readFileSync } from 'node:fs'
import demoTenantFile from './demo-tenant.json' with { type: 'json' }
import { z } from 'zod'
import { ALL_USERS, DEFAULT_SMS_POLICY } from '../domain/sms-policy.ts'
import { isStorable } from '../domain/text.ts'
import { Prisma, type Database, type PrismaTx } from './client.ts'
import { writeSmsPolicy } from './sms-policy-store.ts'
import { displayNameKey, userPrincipalNameKey } from './user-store.ts'

const identifier = z.string().trim().min(1).max(256).refine(isStorable, 'may not contain a NUL character')

export const seedFileSchema = z.object({
  tenants: z.array(
    z.object({
      id: identifier,
      users: z.array(
        z.object({
          id: identifier.refine((id) => !id.includes('@'), 'a user id may not contain "@" (that is how a userPrincipalName is told apart)'),
          userPrincipalName: identifier.refine((upn) => upn.includes('@'), 'must be name@domain'),
          displayName: z.string().max(256).nullish(),
          directoryRoles: z.array(identifier).default([]),
        }),
      ),
      groups: z
        .array(
          z.object({
            id: identifier.refine((id) => id !== ALL_USERS, `${ALL_USERS} is the built-in group of every user`),
            displayName: z.string().max(256).nullish(),
            members: z.array(identifier).default([]),
          }),
        )
        .default([]),
    }),
  ),
})

export type SeedFile = z.input<typeof seedFileSchema>

/** The demo tenant contoso that `npm start` seeds into an empty database. */
export const demoTenant: SeedFile = demoTenantFile

export function readSeedFile(path: string): SeedFile {
  const parsed = seedFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`${path}: ${issue.path.join('.')}: ${issue.message}`)
  }
  return parsed.data
}

/** How many users go into one transaction: big seeds commit as they go. */
const USERS_PER_TRANSACTION = 500

/**
 * Upserts every tenant, user and group; a new tenant gets the default SMS
 * policy, and each named group gets exactly the members listed. Returns the
 * number of users written.
 */
export async function seed(db: Database, file: SeedFile): Promise<number> {
  const { tenants } = seedFileSchema.parse(file)
  let written = 0
  for (const tenant of tenants) {
    await db.transaction(async (tx) => {
      const created = await tx.execute(Prisma.sql`INSERT INTO "Tenant" ("id") VALUES (${tenant.id}) ON CONFLICT DO NOTHING`)
      if (created > 0) await writeSmsPolicy(tx, db.provider, tenant.id, DEFAULT_SMS_POLICY)
    })
    for (let start = 0; start < tenant.users.length; start += USERS_PER_TRANSACTION) {
      const users = tenant.users.slice(start, start + USERS_PER_TRANSACTION)
      await db.client.$transaction((tx) => upsertUsers(tx, tenant.id, users), { timeout: 60_000, maxWait: 30_000 })
      written += users.length
    }
    if (tenant.groups.length > 0) await db.client.$transaction((tx) => upsertGroups(tx, tenant.id, tenant.groups), { timeout: 60_000, maxWait: 30_000 })
  }
  return written
}

type SeedGroup = z.output<typeof seedFileSchema>['tenants'][number]['groups'][number]

async function upsertGroups(tx: PrismaTx, tenantId: string, groups: SeedGroup[]): Promise<void> {
  const memberIds = [...new Set(groups.flatMap((group) => group.members))]
  const known = new Set(
    (await tx.user.findMany({ where: { tenantId, id: { in: memberIds } }, select: { id: true } })).map((user) => user.id),
  )
  const unknown = memberIds.filter((id) => !known.has(id))
  if (unknown.length > 0) throw new Error(`tenant ${tenantId}: group members must be users of the tenant; unknown: ${unknown.join(', ')}`)
  for (const group of groups) {
    const fields = { displayName: group.displayName ?? null }
    await tx.group.upsert({
      where: { tenantId_id: { tenantId, id: group.id } },
      create: { tenantId, id: group.id, ...fields },
      update: fields,
    })
    await tx.groupMember.deleteMany({ where: { tenantId, groupId: group.id } })
    await tx.groupMember.createMany({ data: [...new Set(group.members)].map((userId) => ({ tenantId, groupId: group.id, userId })) })
  }
}

type SeedUser = z.output<typeof seedFileSchema>['tenants'][number]['users'][number]

async function upsertUsers(tx: PrismaTx, tenantId: string, users: SeedUser[]): Promise<void> {
  for (const user of users) {
    const fields = {
      userPrincipalName: user.userPrincipalName,
      userPrincipalNameKey: userPrincipalNameKey(user.userPrincipalName),
      displayName: user.displayName ?? null,
      displayNameKey: displayNameKey(user.displayName ?? null),
    }
    await tx.user.upsert({
      where: { tenantId_id: { tenantId, id: user.id } },
      create: { tenantId, id: user.id, ...fields },
      update: fields,
    })
    await tx.directoryRoleAssignment.deleteMany({ where: { tenantId, userId: user.id } })
    await tx.directoryRoleAssignment.createMany({
      data: [...new Set(user.directoryRoles)].map((roleTemplateId) => ({ tenantId, userId: user.id, roleTemplateId })),
    })
  }
}

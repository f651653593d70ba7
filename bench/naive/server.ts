// The naive peer (issue 15 item 4): a textbook GraphQL Yoga + Pothos + Prisma
// server for the benchmark's R1 and W1, written the way a team would write it
// first, so that the report can say what the gateway's levers bought against
// the same stack left at its defaults.
//
// Textbook on purpose, so do not optimise it:
// - run by tsx from source (no bundle), graphql-js's own executor (no
//   graphql-jit), Yoga with its default plugins;
// - jose `jwtVerify` on every request (no cache of verified tokens, the raw
//   secret handed to jose each time);
// - Prisma model queries only, no raw SQL: `findUnique` with
//   `include: { phoneMethods: true }` for `user(id)`, and for each write an
//   interactive `prisma.$transaction(async (tx) => …)`;
// - no DataLoader and no per-request cache: the SMS policy is read with Prisma
//   for every mobile whose smsSignInState is asked for;
// - the official driver adapters as their READMEs set them up:
//   `new PrismaBetterSqlite3({ url })` (one connection),
//   `new PrismaPg({ connectionString, max: 10 })` (the gateway's default pool).
//
// It answers what R1 and W1 ask, with the gateway's answers: user(id) with its
// phones; addPhoneMethod and deletePhoneMethod with the contract's rules (one
// phone per type, alternateMobile after mobile, SMS sign-in registration and
// number uniqueness decided by the policy read in the write's transaction, the
// default method's phone kept), its authorization (tenant from `tid`, scopes
// and `wids`, the target's directory roles for writes), and one success audit
// event per write in the write's transaction, the same row the floor inserts
// (the initiator's userPrincipalName read from the directory). Left out, as
// the floor leaves them out: failure events for refused writes, conflict
// retries (a write locks its user's row, as the model says, so writes to one
// user take turns; a lost race elsewhere is an error), the limits, the rate
// limit, and every other field of the schema.
//
// Reused from src/: the generated Prisma clients, the mapping of a token's
// claims to a caller (auth/tokens.ts principalOf), and pure domain helpers so
// that the answers are the gateway's by construction rather than by copy:
// domain/phone-method.ts (global id, Graph's method ids, type order),
// domain/phone-number.ts (parse, mask), domain/permissions.ts (decide,
// mayActOnOthers, seesFullPhoneNumbers), domain/phone-rules.ts and
// domain/sign-in-preferences.ts (the add/delete rules), domain/sms-policy.ts
// and domain/sms-sign-in.ts (who the policy allows, smsSignInState),
// domain/audit.ts (the event's fields and time).
//
// Environment: DATABASE_URL (file:… or postgres(ql)://…), JWT_SECRET, PORT, HOST.
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import SchemaBuilder from '@pothos/core'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { GraphQLError } from 'graphql'
import { createYoga } from 'graphql-yoga'
import { jwtVerify } from 'jose'
import { v7 as uuidv7 } from 'uuid'
import { PrismaClient as PostgresClient } from '../../src/db/generated/postgres/client.ts'
import { Prisma, PrismaClient as SqliteClient, type PhoneMethod as PhoneRow } from '../../src/db/generated/sqlite/client.ts'
import { principalOf as principalFromClaims } from '../../src/auth/tokens.ts'
import { auditEventOf, timeOfEventId, type AuditDraft } from '../../src/domain/audit.ts'
import { decide, mayActOnOthers, seesFullPhoneNumbers, type Operation } from '../../src/domain/permissions.ts'
import { inPhoneTypeOrder, PHONE_METHOD_ID, PHONE_TYPES, phoneMethodGlobalId, phoneTypeOfMethodId, type PhoneType } from '../../src/domain/phone-method.ts'
import { maskPhoneNumber, parsePhoneNumber } from '../../src/domain/phone-number.ts'
import { assertCanAdd, assertCanDelete } from '../../src/domain/phone-rules.ts'
import type { Principal } from '../../src/domain/principal.ts'
import { assertNotDefaultMethod } from '../../src/domain/sign-in-preferences.ts'
import { allowsSmsSignIn, DEFAULT_SMS_POLICY, groupIdsNamedBy, type SmsPolicy } from '../../src/domain/sms-policy.ts'
import { smsSignInState } from '../../src/domain/sms-sign-in.ts'

// -------------------------------------------------------------- database ----

type Db = SqliteClient
type Tx = Prisma.TransactionClient

function openPrisma(url: string): Db {
  if (url.startsWith('file:')) return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url }) })
  // Both clients come from one model, so the SQLite client's types describe this one too.
  if (/^postgres(ql)?:\/\//.test(url)) return new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }) as unknown as Db
  throw new Error('DATABASE_URL must start with file:, postgres:// or postgresql://')
}

const prisma = openPrisma(process.env.DATABASE_URL ?? '')

const userWhere = (tenantId: string, ref: string) =>
  ref.includes('@')
    ? { tenantId_userPrincipalNameKey: { tenantId, userPrincipalNameKey: ref.toLowerCase() } }
    : { tenantId_id: { tenantId, id: ref } }

async function readPolicy(db: Db | Tx, tenantId: string): Promise<SmsPolicy> {
  const stored = await db.smsPolicy.findUnique({ where: { tenantId }, include: { targets: { orderBy: { position: 'asc' } } } })
  if (!stored) return DEFAULT_SMS_POLICY
  return {
    state: stored.state,
    includeTargets: stored.targets.filter((target) => target.list === 'include').map((target) => ({ ...target, id: target.targetId })),
    excludeTargets: stored.targets.filter((target) => target.list === 'exclude').map((target) => ({ ...target, id: target.targetId })),
  }
}

/** Whether the tenant's SMS policy, as `db` reads it now, lets the user sign in by SMS. */
async function policyAllows(db: Db | Tx, tenantId: string, userId: string): Promise<boolean> {
  const policy = await readPolicy(db, tenantId)
  // A group target other than all_users needs the user's groups.
  const memberships = groupIdsNamedBy(policy).length > 0 ? await db.groupMember.findMany({ where: { tenantId, userId } }) : []
  return allowsSmsSignIn(policy, { id: userId, groupIds: new Set(memberships.map((membership) => membership.groupId)) })
}

// ---------------------------------------------------------------- access ----

interface Context {
  principal: Principal
  requestId: string
}

const refused = (code: string, message: string) => new GraphQLError(message, { extensions: { code } })

/** The gateway's rule (src/services/access.ts): a caller limited to itself gets FORBIDDEN for any other user, existing or not. */
function authorize(principal: Principal, operation: Operation, user: { id: string; directoryRoles?: { roleTemplateId: string }[] } | null): void {
  const decision =
    user?.id === principal.subjectId
      ? decide(principal, operation, { kind: 'self' })
      : !user
        ? mayActOnOthers(principal, operation)
        : decide(principal, operation, {
            kind: 'otherUser',
            directoryRoles: user.directoryRoles && new Set(user.directoryRoles.map((role) => role.roleTemplateId)),
          })
  if (!decision.allowed) throw refused('FORBIDDEN', `Forbidden: ${decision.reason}`)
}

const unauthenticated = () =>
  new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } } })

const secret = new TextEncoder().encode(process.env.JWT_SECRET ?? '')

async function principalOf(request: Request): Promise<Principal> {
  const token = request.headers.get('authorization')?.match(/^Bearer +(\S+)$/i)?.[1]
  if (!token) throw unauthenticated()
  const claims = await jwtVerify(token, secret, { algorithms: ['HS256'], requiredClaims: ['exp', 'tid'] }).then(
    (verified) => verified.payload,
    () => {
      throw unauthenticated()
    },
  )
  return principalFromClaims(claims)
}

// ---------------------------------------------------------------- writes ----

/** The target of a write, its phones and roles. Bumping its version is the row lock that makes writes to one user take turns. */
async function lockTarget(tx: Tx, ctx: Context, operation: Operation, ref: string) {
  const user = await tx.user
    .update({
      where: userWhere(ctx.principal.tenantId, ref),
      data: { version: { increment: 1 } },
      include: { phoneMethods: true, directoryRoles: true },
    })
    .catch((error: unknown) => {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') return null
      throw error
    })
  authorize(ctx.principal, operation, user)
  if (!user) throw refused('NOT_FOUND', `no user with id or userPrincipalName "${ref}" in this tenant`)
  return user
}

/** The change's success event, in its transaction: the row the floor inserts. */
async function audit(tx: Tx, ctx: Context, draft: AuditDraft): Promise<void> {
  const id = uuidv7()
  const event = auditEventOf(ctx.principal, draft, { id, at: timeOfEventId(id), requestId: ctx.requestId })
  const initiator = event.initiatedByUserId
    ? await tx.user.findUnique({ where: { tenantId_id: { tenantId: event.tenantId, id: event.initiatedByUserId } } })
    : null
  await tx.auditEvent.create({ data: { ...event, initiatedByUserPrincipalName: initiator?.userPrincipalName ?? null } })
}

/** A phone as the schema resolves it; a write's answer carries the decision its transaction made. */
type Phone = PhoneRow & { allowedByPolicy?: boolean }

function addPhoneMethod(ctx: Context, input: { userId: string; phoneNumber: string; phoneType: PhoneType }): Promise<Phone> {
  const number = parsePhoneNumber(input.phoneNumber)
  if (!number.ok) throw new GraphQLError(number.message, { extensions: { code: 'BAD_USER_INPUT', field: 'input.phoneNumber' } })
  const { tenantId } = ctx.principal
  return prisma.$transaction(async (tx) => {
    const user = await lockTarget(tx, ctx, 'addPhoneMethod', input.userId)
    assertCanAdd(new Set(user.phoneMethods.map((phone) => phone.phoneType)), input.phoneType)
    const allowedByPolicy = input.phoneType === 'mobile' && (await policyAllows(tx, tenantId, user.id))
    const heldByAnother =
      allowedByPolicy &&
      (await tx.phoneMethod.findFirst({ where: { tenantId, smsSignInNumber: number.value.e164, userId: { not: user.id } } })) !== null
    const registration = !allowedByPolicy ? 'notEnabled' : heldByAnother ? 'phoneNumberNotUnique' : 'registered'
    const phone = await tx.phoneMethod.create({
      data: {
        tenantId,
        userId: user.id,
        phoneType: input.phoneType,
        phoneNumber: number.value.canonical,
        smsSignInRegistration: registration,
        smsSignInNumber: registration === 'registered' ? number.value.e164 : null,
      },
    })
    await audit(tx, ctx, { change: 'addPhoneMethod', target: user, phoneType: input.phoneType, newPhoneNumber: number.value.canonical })
    return { ...phone, allowedByPolicy }
  })
}

function deletePhoneMethod(ctx: Context, input: { userId: string; methodId: string }) {
  const { tenantId } = ctx.principal
  const phoneType = phoneTypeOfMethodId(input.methodId)
  return prisma.$transaction(async (tx) => {
    const user = await lockTarget(tx, ctx, 'deletePhoneMethod', input.userId)
    const types = new Set(user.phoneMethods.map((phone) => phone.phoneType))
    if (!phoneType || !types.has(phoneType)) throw refused('NOT_FOUND', `the user has no phone method with id "${input.methodId}"`)
    assertCanDelete(types, phoneType)
    assertNotDefaultMethod(user.userPreferredMethodForSecondaryAuthentication, phoneType)
    const deleted = await tx.phoneMethod.delete({ where: { tenantId_userId_phoneType: { tenantId, userId: user.id, phoneType } } })
    await audit(tx, ctx, { change: 'deletePhoneMethod', target: user, phoneType, oldPhoneNumber: deleted.phoneNumber })
    return { tenantId, userId: user.id, phoneType }
  })
}

// ---------------------------------------------------------------- schema ----

// As the contract's schema: non-null unless said otherwise, inputs required.
const builder = new SchemaBuilder<{ Context: Context; DefaultFieldNullability: false; DefaultInputFieldRequiredness: true }>({
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
})

const PhoneTypeEnum = builder.enumType('PhoneType', { values: PHONE_TYPES })
const SmsSignInStateEnum = builder.enumType('SmsSignInState', {
  values: ['notSupported', 'notAllowedByPolicy', 'notEnabled', 'phoneNumberNotUnique', 'ready', 'notConfigured', 'unknownFutureValue'] as const,
})

const PhoneMethodType = builder.objectRef<Phone>('PhoneAuthenticationMethod').implement({
  fields: (t) => ({
    id: t.id({ resolve: (phone, _args, ctx) => phoneMethodGlobalId(ctx.principal.tenantId, phone.userId, phone.phoneType) }),
    methodId: t.id({ resolve: (phone) => PHONE_METHOD_ID[phone.phoneType] }),
    phoneNumber: t.string({
      resolve: (phone, _args, ctx) => (seesFullPhoneNumbers(ctx.principal, phone.userId) ? phone.phoneNumber : maskPhoneNumber(phone.phoneNumber)),
    }),
    isPhoneNumberMasked: t.boolean({ resolve: (phone, _args, ctx) => !seesFullPhoneNumbers(ctx.principal, phone.userId) }),
    phoneType: t.field({ type: PhoneTypeEnum, resolve: (phone) => phone.phoneType }),
    smsSignInState: t.field({
      type: SmsSignInStateEnum,
      resolve: async (phone, _args, ctx) => {
        if (phone.phoneType !== 'mobile') return smsSignInState(phone, false)
        return smsSignInState(phone, phone.allowedByPolicy ?? (await policyAllows(prisma, ctx.principal.tenantId, phone.userId)))
      },
    }),
  }),
})

const UserType = builder.objectRef<Prisma.UserGetPayload<{ include: { phoneMethods: true } }>>('User').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    userPrincipalName: t.exposeString('userPrincipalName'),
    displayName: t.exposeString('displayName', { nullable: true }),
    phoneMethods: t.field({ type: [PhoneMethodType], resolve: (user) => inPhoneTypeOrder(user.phoneMethods) }),
  }),
})

const DeletePhoneMethodPayload = builder.objectRef<{ tenantId: string; userId: string; phoneType: PhoneType }>('DeletePhoneMethodPayload').implement({
  fields: (t) => ({
    id: t.id({ resolve: (deleted) => phoneMethodGlobalId(deleted.tenantId, deleted.userId, deleted.phoneType) }),
    methodId: t.id({ resolve: (deleted) => PHONE_METHOD_ID[deleted.phoneType] }),
  }),
})

const AddPhoneMethodInput = builder.inputType('AddPhoneMethodInput', {
  fields: (t) => ({
    userId: t.string(),
    phoneNumber: t.string(),
    phoneType: t.field({ type: PhoneTypeEnum }),
  }),
})

const PhoneMethodRefInput = builder.inputType('PhoneMethodRefInput', {
  fields: (t) => ({
    userId: t.string(),
    methodId: t.id(),
  }),
})

builder.queryType({
  fields: (t) => ({
    user: t.field({
      type: UserType,
      nullable: true,
      args: { id: t.arg.string() },
      resolve: async (_root, args, ctx) => {
        const user = await prisma.user.findUnique({ where: userWhere(ctx.principal.tenantId, args.id), include: { phoneMethods: true } })
        authorize(ctx.principal, 'readPhoneMethods', user)
        return user
      },
    }),
  }),
})

builder.mutationType({
  fields: (t) => ({
    addPhoneMethod: t.field({
      type: PhoneMethodType,
      args: { input: t.arg({ type: AddPhoneMethodInput }) },
      resolve: (_root, { input }, ctx) => addPhoneMethod(ctx, input),
    }),
    deletePhoneMethod: t.field({
      type: DeletePhoneMethodPayload,
      args: { input: t.arg({ type: PhoneMethodRefInput }) },
      resolve: (_root, { input }, ctx) => deletePhoneMethod(ctx, { userId: input.userId, methodId: String(input.methodId) }),
    }),
  }),
})

// ---------------------------------------------------------------- server ----

const yoga = createYoga<Record<string, unknown>, Context>({
  schema: builder.toSchema(),
  context: async ({ request }) => ({ principal: await principalOf(request), requestId: randomUUID() }),
})

// Yoga answers /health itself (its default health check endpoint).
const server = createServer(yoga)
server.listen(Number(process.env.PORT ?? 4200), process.env.HOST ?? '127.0.0.1')

const stop = () => server.close(() => void prisma.$disconnect().finally(() => process.exit(0)))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

// The floor of this stack: what the benchmark workloads cost with no
// framework at all. node:http, graphql-js `execute` over the gateway's own
// SDL (schema.graphql) with a parse+validate cache keyed by the query text,
// HS256 bearer tokens checked with jose exactly as the gateway checks them
// (signature, exp, tid), the same authorization decisions, and raw driver
// calls: better-sqlite3 prepared statements, or a pg Pool with named
// (server-prepared) statements. A user's phones are batched per request (one
// IN query however many users a page holds); the SMS policy is read at most
// once per request, only when a mobile needs its smsSignInState.
//
// It implements what the workloads use — user(id), users(first, after) with
// phoneMethods, addPhoneMethod, deletePhoneMethod — with the gateway's
// semantics and rules, and answers the same JSON (the harness checks that).
// Writes do the gateway's work in one transaction: lock the user's row (which
// also proves it exists, and says whether it holds a directory role), read
// the user's phone types and check the rules, for a mobile read the SMS policy
// and whether another user holds the number, then insert; or delete.
//
// Each write also records its audit event in its own transaction, as the
// gateway does (one INSERT that takes the initiator's userPrincipalName from
// the directory), so that W1 compares like for like.
//
// Environment: DATABASE_URL (file:… or postgres(ql)://…), JWT_SECRET, PORT,
// HOST (127.0.0.1), DATABASE_POOL_SIZE (10), FLOOR_AUDIT (`off`: no audit
// row, for the benchmark's A/B of what the audit insert costs).
import { createHash, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import {
  buildSchema,
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql'
import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose'
import { parsePhoneNumberFromString } from 'libphonenumber-js/min'
import pg from 'pg'
import { v7 as timeOrderedId } from 'uuid'

// ---------------------------------------------------------------- domain ----

type PhoneType = 'mobile' | 'alternateMobile' | 'office'
const PHONE_TYPES: readonly PhoneType[] = ['mobile', 'alternateMobile', 'office']
const PHONE_METHOD_ID: Record<PhoneType, string> = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
}
const typeOfMethodId = (id: string) => PHONE_TYPES.find((type) => PHONE_METHOD_ID[type] === id)
/** The gateway's cache-safe phone id: the same hash of tenant, user and type. */
const globalPhoneId = (tenantId: string, userId: string, phoneType: PhoneType) =>
  createHash('sha256').update(JSON.stringify([tenantId, userId, phoneType])).digest('base64url').slice(0, 32)
interface DeletedPhone {
  userId: string
  phoneType: PhoneType
}

interface UserRow {
  id: string
  userPrincipalName: string
  displayName: string | null
}
interface PhoneRow {
  userId: string
  phoneType: PhoneType
  phoneNumber: string
  smsSignInRegistration: 'registered' | 'notEnabled' | 'phoneNumberNotUnique'
}
interface Target {
  id: string
  targetType: 'user' | 'group'
  isUsableForSignIn?: boolean
}
interface Policy {
  state: 'enabled' | 'disabled'
  include: Target[]
  exclude: Target[]
}
const DEFAULT_POLICY: Policy = { state: 'enabled', include: [{ id: 'all_users', targetType: 'group', isUsableForSignIn: true }], exclude: [] }

const covers = (target: Target, userId: string) => (target.targetType === 'group' ? target.id === 'all_users' : target.id === userId)
const allowsSmsSignIn = (policy: Policy, userId: string) =>
  policy.state === 'enabled' &&
  policy.include.some((target) => target.isUsableForSignIn && covers(target, userId)) &&
  !policy.exclude.some((target) => covers(target, userId))

class FloorError extends GraphQLError {
  constructor(code: string, message: string) {
    super(message, { extensions: { code } })
  }
}

const SHAPE = /^\+([1-9][0-9]{0,2}) ([0-9]{1,17})(?:x([0-9]{1,10}))?$/
const FORMAT = 'must be "+<country code> <number>" with an optional "x<extension>"'

/** The gateway's phone number rule: shape, country code, possible number, no trunk prefix. */
function parsePhone(input: string): { canonical: string; e164: string } {
  if (input.length > 64) throw new FloorError('BAD_USER_INPUT', `phoneNumber: ${FORMAT}`)
  const shape = SHAPE.exec(input)
  if (!shape) throw new FloorError('BAD_USER_INPUT', `phoneNumber: ${FORMAT}`)
  const [, countryCode, number] = shape as unknown as [string, string, string]
  const parsed = parsePhoneNumberFromString(`+${countryCode}${number}`)
  if (!parsed || parsed.countryCallingCode !== countryCode || !parsed.isPossible() || parsed.nationalNumber !== number) {
    throw new FloorError('BAD_USER_INPUT', `phoneNumber: ${FORMAT}`)
  }
  return { canonical: input, e164: `+${countryCode}${number}` }
}

function maskPhone(canonical: string): string {
  const shape = SHAPE.exec(canonical)
  if (!shape) return 'X'.repeat(canonical.length)
  const [, countryCode, number] = shape as unknown as [string, string, string]
  return `+${countryCode} ${'X'.repeat(number.length - 2)}${number.slice(-2)}`
}

function assertUserRef(ref: string): void {
  if (ref.length < 1 || ref.length > 256) throw new FloorError('BAD_USER_INPUT', 'id: must name a user by id or userPrincipalName')
}

// ---------------------------------------------------------- permissions ----
// docs/permissions.md for the operations the floor serves (a compact copy of src/domain/permissions.ts).

interface Principal {
  tenantId: string
  subjectId: string
  kind: 'user' | 'app'
  scopes: Set<string>
  appPermissions: Set<string>
  directoryRoles: Set<string>
}
type Operation = 'read' | 'add' | 'delete'

const ROLE = {
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  authAdmin: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  privilegedAuthAdmin: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
}
const READ_ALL = ['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All', 'UserAuthMethod-Phone.Read.All', 'UserAuthMethod-Phone.ReadWrite.All']
const WRITE_ALL = ['UserAuthenticationMethod.ReadWrite.All', 'UserAuthMethod-Phone.ReadWrite.All']
const READ_SELF = ['UserAuthenticationMethod.Read', 'UserAuthenticationMethod.ReadWrite', 'UserAuthMethod-Phone.Read', 'UserAuthMethod-Phone.ReadWrite', ...READ_ALL]
const WRITE_SELF = ['UserAuthenticationMethod.ReadWrite', 'UserAuthMethod-Phone.ReadWrite', ...WRITE_ALL]
type Reach = 'any' | 'noRoles'
const RULES: Record<Operation, { scopes: string[]; roles: Record<string, Reach>; self: string[] | null; app: string[] }> = {
  read: {
    scopes: READ_ALL,
    roles: { [ROLE.globalReader]: 'any', [ROLE.authAdmin]: 'any', [ROLE.privilegedAuthAdmin]: 'any' },
    self: READ_SELF,
    app: READ_ALL,
  },
  add: { scopes: WRITE_ALL, roles: { [ROLE.privilegedAuthAdmin]: 'any', [ROLE.authAdmin]: 'noRoles' }, self: null, app: WRITE_ALL },
  delete: { scopes: WRITE_ALL, roles: { [ROLE.privilegedAuthAdmin]: 'any', [ROLE.authAdmin]: 'noRoles' }, self: WRITE_SELF, app: WRITE_ALL },
}
const hasAny = (held: Set<string>, wanted: string[]) => wanted.some((name) => held.has(name))
const forbidden = () => new FloorError('FORBIDDEN', 'Forbidden')

type Target_ = { kind: 'self' } | { kind: 'other'; holdsDirectoryRole?: boolean } | { kind: 'tenant' }
function allowed(principal: Principal, operation: Operation, target: Target_): boolean {
  const rule = RULES[operation]
  if (principal.kind === 'app') return hasAny(principal.appPermissions, rule.app)
  if (target.kind === 'self') return rule.self !== null && hasAny(principal.scopes, rule.self)
  if (!hasAny(principal.scopes, rule.scopes)) return false
  let reachesSome = false
  for (const role of principal.directoryRoles) {
    const reach = rule.roles[role]
    if (reach === 'any') return true
    if (reach) reachesSome = true
  }
  return reachesSome && target.kind === 'other' && target.holdsDirectoryRole === false
}

/** src/services/access.ts authorizeTarget, split around the lookup so that SQLite's can be synchronous. */
function beforeLookup(principal: Principal, operation: Operation, userRef: string): boolean {
  const onOthers = allowed(principal, operation, { kind: 'other', holdsDirectoryRole: false })
  if (!onOthers && !allowed(principal, operation, { kind: 'self' })) throw forbidden()
  void userRef
  return onOthers
}
function afterLookup<U extends { id: string; holdsDirectoryRole?: boolean }>(
  principal: Principal,
  operation: Operation,
  onOthers: boolean,
  user: U | null,
): U | null {
  if (!onOthers && user?.id !== principal.subjectId) throw forbidden()
  if (!user) return null
  const target: Target_ = user.id === principal.subjectId ? { kind: 'self' } : { kind: 'other', holdsDirectoryRole: user.holdsDirectoryRole }
  if (!allowed(principal, operation, target)) throw forbidden()
  return user
}

const seesFullNumbers = (principal: Principal, ownerId: string) =>
  principal.kind === 'app' || principal.subjectId === ownerId || principal.directoryRoles.has(ROLE.privilegedAuthAdmin)

// --------------------------------------------------------------- storage ----

interface WriteAuth {
  principal: Principal
  before(): boolean
  after<U extends { id: string; holdsDirectoryRole: boolean }>(onOthers: boolean, user: U | null): U | null
}

// ----------------------------------------------------------------- audit ----

const AUDITING = process.env.FLOOR_AUDIT !== 'off'
const AUDIT_COLUMNS = [
  'id', 'tenantId', 'activityDateTime', 'activityDisplayName', 'category', 'result', 'resultReason', 'initiatedByUserId',
  'initiatedByUserPrincipalName', 'initiatedByAppId', 'targetUserId', 'targetUserPrincipalName', 'methodId', 'phoneType',
  'oldPhoneNumber', 'newPhoneNumber', 'requestId',
].map((column) => `"${column}"`).join(', ')

interface AuditFacts {
  change: 'add' | 'delete'
  target: { id: string; userPrincipalName: string }
  phoneType: PhoneType
  oldNumber?: string
  newNumber?: string
}

/** The gateway's success event (src/domain/audit.ts), as the values of AUDIT_INSERT's placeholders. */
function auditValues(principal: Principal, tenantId: string, facts: AuditFacts, sqliteTime: boolean): unknown[] {
  const id = timeOrderedId()
  const at = new Date(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toISOString()
  const self = principal.kind === 'user' && principal.subjectId === facts.target.id
  const activity = facts.change === 'add' ? 'Admin registered security info' : self ? 'User deleted security info' : 'Admin deleted security info'
  const initiatedByUserId = principal.kind === 'user' ? principal.subjectId : null
  return [
    id, tenantId, sqliteTime ? at.replace('Z', '+00:00') : at, activity, 'UserManagement', 'success', null, initiatedByUserId,
    tenantId, initiatedByUserId, principal.kind === 'app' ? principal.subjectId : null, facts.target.id, facts.target.userPrincipalName,
    PHONE_METHOD_ID[facts.phoneType], facts.phoneType, facts.oldNumber === undefined ? null : maskPhone(facts.oldNumber),
    facts.newNumber === undefined ? null : maskPhone(facts.newNumber), randomUUID(),
  ]
}

interface Store {
  /** Statements sent to the database (BEGIN and COMMIT included). */
  statements: number
  findUser(tenantId: string, userRef: string): Promise<UserRow | null> | UserRow | null
  listUsers(tenantId: string, afterId: string | null, limit: number): Promise<UserRow[]> | UserRow[]
  phonesOf(tenantId: string, userIds: readonly string[]): Promise<PhoneRow[]> | PhoneRow[]
  policy(tenantId: string): Promise<Policy> | Policy
  addPhone(tenantId: string, userRef: string, phoneType: PhoneType, number: { canonical: string; e164: string }, auth: WriteAuth): Promise<PhoneRow> | PhoneRow
  deletePhone(tenantId: string, userRef: string, methodId: string, auth: WriteAuth): Promise<DeletedPhone> | DeletedPhone
  close(): Promise<void> | void
}

const userNotFound = (ref: string) => new FloorError('NOT_FOUND', `no user with id or userPrincipalName "${ref}" in this tenant`)
const phoneNotFound = (id: string) => new FloorError('NOT_FOUND', `the user has no phone method with id "${id}"`)

function checkAdd(types: Set<string>, type: PhoneType): void {
  if (types.has(type)) throw new FloorError('PHONE_TYPE_ALREADY_EXISTS', `the user already has a ${type} phone`)
  if (type === 'alternateMobile' && !types.has('mobile')) throw new FloorError('MOBILE_REQUIRED', 'a mobile phone is required first')
}
function checkDelete(types: Set<string>, type: PhoneType | undefined, methodId: string): PhoneType {
  if (!type || !types.has(type)) throw phoneNotFound(methodId)
  if (type === 'mobile' && types.has('alternateMobile')) throw new FloorError('ALTERNATE_MOBILE_EXISTS', 'delete the alternateMobile first')
  return type
}

interface PolicyJoinRow {
  state: Policy['state']
  list: 'include' | 'exclude' | null
  targetId: string | null
  targetType: Target['targetType'] | null
  isUsableForSignIn: boolean | number | null
}
function policyOf(rows: PolicyJoinRow[]): Policy {
  if (rows.length === 0) return DEFAULT_POLICY
  const policy: Policy = { state: rows[0]!.state, include: [], exclude: [] }
  for (const row of rows) {
    if (row.list === null || row.targetId === null || row.targetType === null) continue
    if (row.list === 'include') policy.include.push({ id: row.targetId, targetType: row.targetType, isUsableForSignIn: Boolean(row.isUsableForSignIn) })
    else policy.exclude.push({ id: row.targetId, targetType: row.targetType })
  }
  return policy
}

const USER_COLUMNS = '"id", "userPrincipalName", "displayName"'
/**
 * Locking the user's row (the UPDATE) also proves it exists and, in the same
 * statement, says whether it holds a directory role. Its phone types are read
 * by a statement of their own, after the lock: on PostgreSQL a subquery here
 * would read the snapshot taken before waiting for the lock.
 */
const LOCK_RETURNING =
  '"id", "userPrincipalName", EXISTS (SELECT 1 FROM "DirectoryRoleAssignment" r WHERE r."tenantId" = "User"."tenantId" AND r."userId" = "User"."id") AS "holdsDirectoryRole"'
interface LockRow {
  id: string
  userPrincipalName: string
  holdsDirectoryRole: boolean | number
}
const PHONE_COLUMNS = '"userId", "phoneType", "phoneNumber", "smsSignInRegistration"'

function sqliteStore(path: string): Store {
  const db = new Database(path, { timeout: 5000 })
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  const sql = {
    userById: db.prepare(`SELECT ${USER_COLUMNS} FROM "User" WHERE "tenantId" = ? AND "id" = ?`),
    userByUpn: db.prepare(`SELECT ${USER_COLUMNS} FROM "User" WHERE "tenantId" = ? AND "userPrincipalNameKey" = ?`),
    usersFirst: db.prepare(`SELECT ${USER_COLUMNS} FROM "User" WHERE "tenantId" = ? ORDER BY "id" LIMIT ?`),
    usersAfter: db.prepare(`SELECT ${USER_COLUMNS} FROM "User" WHERE "tenantId" = ? AND "id" > ? ORDER BY "id" LIMIT ?`),
    policy: db.prepare(
      `SELECT p."state", t."list", t."targetId", t."targetType", t."isUsableForSignIn" FROM "SmsPolicy" p
       LEFT JOIN "SmsPolicyTarget" t ON t."tenantId" = p."tenantId" WHERE p."tenantId" = ? ORDER BY t."position"`,
    ),
    lockById: db.prepare(`UPDATE "User" SET "version" = "version" + 1 WHERE "tenantId" = ? AND "id" = ? RETURNING ${LOCK_RETURNING}`),
    lockByUpn: db.prepare(`UPDATE "User" SET "version" = "version" + 1 WHERE "tenantId" = ? AND "userPrincipalNameKey" = ? RETURNING ${LOCK_RETURNING}`),
    types: db.prepare(`SELECT "phoneType" FROM "PhoneMethod" WHERE "tenantId" = ? AND "userId" = ?`).pluck(),
    holder: db.prepare(`SELECT "userId" FROM "PhoneMethod" WHERE "tenantId" = ? AND "smsSignInNumber" = ? AND "userId" <> ? LIMIT 1`).pluck(),
    insert: db.prepare(
      `INSERT INTO "PhoneMethod" ("tenantId", "userId", "phoneType", "phoneNumber", "smsSignInRegistration", "smsSignInNumber") VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    delete: db.prepare(`DELETE FROM "PhoneMethod" WHERE "tenantId" = ? AND "userId" = ? AND "phoneType" = ? RETURNING "phoneNumber"`).pluck(),
    audit: db.prepare(
      `INSERT INTO "AuditEvent" (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT "userPrincipalName" FROM "User" WHERE "tenantId" = ? AND "id" = ?), ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  }
  const audit = (auth: WriteAuth, tenantId: string, facts: AuditFacts) => {
    if (!AUDITING) return
    store.statements++
    sql.audit.run(...auditValues(auth.principal, tenantId, facts, true))
  }
  const phonesIn = new Map<number, Database.Statement>()
  const phonesStatement = (n: number) => {
    let statement = phonesIn.get(n)
    if (!statement) {
      statement = db.prepare(`SELECT ${PHONE_COLUMNS} FROM "PhoneMethod" WHERE "tenantId" = ? AND "userId" IN (${Array(n).fill('?').join(', ')})`)
      phonesIn.set(n, statement)
    }
    return statement
  }
  const store: Store = {
    statements: 0,
    findUser(tenantId, ref) {
      store.statements++
      const row = ref.includes('@') ? sql.userByUpn.get(tenantId, ref.toLowerCase()) : sql.userById.get(tenantId, ref)
      return (row as UserRow | undefined) ?? null
    },
    listUsers(tenantId, afterId, limit) {
      store.statements++
      return (afterId === null ? sql.usersFirst.all(tenantId, limit) : sql.usersAfter.all(tenantId, afterId, limit)) as UserRow[]
    },
    phonesOf(tenantId, userIds) {
      store.statements++
      return phonesStatement(userIds.length).all(tenantId, ...userIds) as PhoneRow[]
    },
    policy(tenantId) {
      store.statements++
      return policyOf(sql.policy.all(tenantId) as PolicyJoinRow[])
    },
    addPhone(tenantId, ref, phoneType, number, auth) {
      return add.immediate(tenantId, ref, phoneType, number, auth)
    },
    deletePhone(tenantId, ref, methodId, auth) {
      return remove.immediate(tenantId, ref, methodId, auth)
    },
    close: () => void db.close(),
  }
  const lock = (tenantId: string, ref: string, auth: WriteAuth) => {
    const onOthers = auth.before()
    store.statements++
    const row = (ref.includes('@') ? sql.lockByUpn.get(tenantId, ref.toLowerCase()) : sql.lockById.get(tenantId, ref)) as LockRow | undefined
    const user = auth.after(onOthers, row ? { id: row.id, userPrincipalName: row.userPrincipalName, holdsDirectoryRole: Boolean(row.holdsDirectoryRole) } : null)
    if (!user) throw userNotFound(ref)
    store.statements++
    return { id: user.id, userPrincipalName: user.userPrincipalName, types: new Set(sql.types.all(tenantId, user.id) as string[]) }
  }
  const add = db.transaction((tenantId: string, ref: string, phoneType: PhoneType, number: { canonical: string; e164: string }, auth: WriteAuth): PhoneRow => {
    store.statements += 2 // BEGIN, COMMIT
    const user = lock(tenantId, ref, auth)
    checkAdd(user.types, phoneType)
    let registration: PhoneRow['smsSignInRegistration'] = 'notEnabled'
    if (phoneType === 'mobile' && allowsSmsSignIn(store.policy(tenantId) as Policy, user.id)) {
      store.statements++
      registration = sql.holder.get(tenantId, number.e164, user.id) === undefined ? 'registered' : 'phoneNumberNotUnique'
    }
    store.statements++
    sql.insert.run(tenantId, user.id, phoneType, number.canonical, registration, registration === 'registered' ? number.e164 : null)
    audit(auth, tenantId, { change: 'add', target: user, phoneType, newNumber: number.canonical })
    return { userId: user.id, phoneType, phoneNumber: number.canonical, smsSignInRegistration: registration }
  })
  const remove = db.transaction((tenantId: string, ref: string, methodId: string, auth: WriteAuth): DeletedPhone => {
    store.statements += 2
    const user = lock(tenantId, ref, auth)
    const type = checkDelete(user.types, typeOfMethodId(methodId), methodId)
    store.statements++
    const oldNumber = sql.delete.get(tenantId, user.id, type) as string
    audit(auth, tenantId, { change: 'delete', target: user, phoneType: type, oldNumber })
    return { userId: user.id, phoneType: type }
  })
  return store
}

function postgresStore(url: string, poolSize: number): Store {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 3000 })
  type Queryable = Pick<pg.PoolClient, 'query'>
  const run = async <R extends pg.QueryResultRow>(on: Queryable, name: string, text: string, values: unknown[]) => {
    store.statements++
    return (await on.query<R>({ name, text, values })).rows
  }
  const inTransaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect()
    try {
      store.statements++
      await client.query('BEGIN')
      const result = await work(client)
      store.statements++
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }
  }
  const readPolicy = async (on: Queryable, tenantId: string) =>
    policyOf(
      await run<PolicyJoinRow>(
        on,
        'floor_policy',
        `SELECT p."state", t."list", t."targetId", t."targetType", t."isUsableForSignIn" FROM "SmsPolicy" p
         LEFT JOIN "SmsPolicyTarget" t ON t."tenantId" = p."tenantId" WHERE p."tenantId" = $1 ORDER BY t."position"`,
        [tenantId],
      ),
    )
  const lock = async (client: Queryable, tenantId: string, ref: string, auth: WriteAuth) => {
    const onOthers = auth.before()
    const byUpn = ref.includes('@')
    const rows = await run<LockRow>(
      client,
      byUpn ? 'floor_lock_upn' : 'floor_lock_id',
      `UPDATE "User" SET "version" = "version" + 1 WHERE "tenantId" = $1 AND ${byUpn ? '"userPrincipalNameKey"' : '"id"'} = $2 RETURNING ${LOCK_RETURNING}`,
      [tenantId, byUpn ? ref.toLowerCase() : ref],
    )
    const found = rows[0] ? { id: rows[0].id, userPrincipalName: rows[0].userPrincipalName, holdsDirectoryRole: Boolean(rows[0].holdsDirectoryRole) } : null
    const user = auth.after(onOthers, found)
    if (!user) throw userNotFound(ref)
    const types = await run<{ phoneType: string }>(client, 'floor_types', `SELECT "phoneType" FROM "PhoneMethod" WHERE "tenantId" = $1 AND "userId" = $2`, [
      tenantId,
      user.id,
    ])
    return { id: user.id, userPrincipalName: user.userPrincipalName, types: new Set(types.map((row) => row.phoneType)) }
  }
  const audit = async (client: Queryable, auth: WriteAuth, tenantId: string, facts: AuditFacts) => {
    if (!AUDITING) return
    await run(
      client,
      'floor_audit',
      `INSERT INTO "AuditEvent" (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6::"AuditResult", $7, $8,
         (SELECT "userPrincipalName" FROM "User" WHERE "tenantId" = $9 AND "id" = $10), $11, $12, $13, $14, $15::"PhoneType", $16, $17, $18)`,
      auditValues(auth.principal, tenantId, facts, false),
    )
  }
  const store: Store = {
    statements: 0,
    async findUser(tenantId, ref) {
      const byUpn = ref.includes('@')
      const rows = await run<UserRow>(
        pool,
        byUpn ? 'floor_user_upn' : 'floor_user_id',
        `SELECT ${USER_COLUMNS} FROM "User" WHERE "tenantId" = $1 AND ${byUpn ? '"userPrincipalNameKey"' : '"id"'} = $2`,
        [tenantId, byUpn ? ref.toLowerCase() : ref],
      )
      return rows[0] ?? null
    },
    listUsers(tenantId, afterId, limit) {
      return afterId === null
        ? run<UserRow>(pool, 'floor_users_first', `SELECT ${USER_COLUMNS} FROM "User" WHERE "tenantId" = $1 ORDER BY "id" LIMIT $2`, [tenantId, limit])
        : run<UserRow>(pool, 'floor_users_after', `SELECT ${USER_COLUMNS} FROM "User" WHERE "tenantId" = $1 AND "id" > $2 ORDER BY "id" LIMIT $3`, [
            tenantId,
            afterId,
            limit,
          ])
    },
    phonesOf(tenantId, userIds) {
      return run<PhoneRow>(pool, 'floor_phones', `SELECT ${PHONE_COLUMNS} FROM "PhoneMethod" WHERE "tenantId" = $1 AND "userId" = ANY($2::text[])`, [
        tenantId,
        userIds,
      ])
    },
    policy: (tenantId) => readPolicy(pool, tenantId),
    addPhone(tenantId, ref, phoneType, number, auth) {
      return inTransaction(async (client) => {
        const user = await lock(client, tenantId, ref, auth)
        checkAdd(user.types, phoneType)
        let registration: PhoneRow['smsSignInRegistration'] = 'notEnabled'
        if (phoneType === 'mobile' && allowsSmsSignIn(await readPolicy(client, tenantId), user.id)) {
          const holder = await run(
            client,
            'floor_holder',
            `SELECT "userId" FROM "PhoneMethod" WHERE "tenantId" = $1 AND "smsSignInNumber" = $2 AND "userId" <> $3 LIMIT 1`,
            [tenantId, number.e164, user.id],
          )
          registration = holder.length === 0 ? 'registered' : 'phoneNumberNotUnique'
        }
        await run(
          client,
          'floor_insert',
          `INSERT INTO "PhoneMethod" ("tenantId", "userId", "phoneType", "phoneNumber", "smsSignInRegistration", "smsSignInNumber")
           VALUES ($1, $2, $3::"PhoneType", $4, $5::"SmsSignInRegistration", $6)`,
          [tenantId, user.id, phoneType, number.canonical, registration, registration === 'registered' ? number.e164 : null],
        )
        await audit(client, auth, tenantId, { change: 'add', target: user, phoneType, newNumber: number.canonical })
        return { userId: user.id, phoneType, phoneNumber: number.canonical, smsSignInRegistration: registration }
      })
    },
    deletePhone(tenantId, ref, methodId, auth) {
      return inTransaction(async (client) => {
        const user = await lock(client, tenantId, ref, auth)
        const type = checkDelete(user.types, typeOfMethodId(methodId), methodId)
        const [deleted] = await run<{ phoneNumber: string }>(
          client,
          'floor_delete',
          `DELETE FROM "PhoneMethod" WHERE "tenantId" = $1 AND "userId" = $2 AND "phoneType" = $3::"PhoneType" RETURNING "phoneNumber"`,
          [tenantId, user.id, type],
        )
        await audit(client, auth, tenantId, { change: 'delete', target: user, phoneType: type, oldNumber: deleted!.phoneNumber })
        return { userId: user.id, phoneType: type }
      })
    },
    close: () => pool.end(),
  }
  return store
}

// ------------------------------------------------------------- requests ----

interface Context {
  principal: Principal
  store: Store
  loadPhones(userId: string): Promise<PhoneRow[]>
  policy(): Promise<Policy>
}

/** One IN query for every user whose phones a request asks for (DataLoader's scheduling). */
function phoneBatcher(store: Store, tenantId: string): (userId: string) => Promise<PhoneRow[]> {
  let batch: { ids: string[]; result: Promise<Map<string, PhoneRow[]>> } | undefined
  return (userId) => {
    if (!batch) {
      const current: { ids: string[]; result?: Promise<Map<string, PhoneRow[]>> } = { ids: [] }
      current.result = Promise.resolve()
        .then(() => new Promise<void>((resolve) => process.nextTick(resolve)))
        .then(async () => {
          batch = undefined
          const byUser = new Map<string, PhoneRow[]>()
          for (const row of await store.phonesOf(tenantId, current.ids)) {
            const list = byUser.get(row.userId)
            if (list) list.push(row)
            else byUser.set(row.userId, [row])
          }
          return byUser
        })
      batch = current as { ids: string[]; result: Promise<Map<string, PhoneRow[]>> }
    }
    batch.ids.push(userId)
    return batch.result.then((byUser) => byUser.get(userId) ?? [])
  }
}

const CURSOR_PREFIX = 'user:'
const encodeCursor = (user: { id: string }) => Buffer.from(CURSOR_PREFIX + user.id).toString('base64url')
function decodeCursor(cursor: string): string | null {
  const decoded = Buffer.from(cursor, 'base64url').toString()
  const id = decoded.slice(CURSOR_PREFIX.length)
  return decoded.startsWith(CURSOR_PREFIX) && encodeCursor({ id }) === cursor ? id : null
}

interface Page {
  users: UserRow[]
  hasNextPage: boolean
}

function writeAuth(principal: Principal, operation: Operation, ref: string): WriteAuth {
  return {
    principal,
    before: () => beforeLookup(principal, operation, ref),
    after: (onOthers, user) => afterLookup(principal, operation, onOthers, user),
  }
}

type Resolvers = Record<string, Record<string, GraphQLFieldResolver<any, Context, any>>>

type ResolvedPhone = PhoneRow & { smsSignInState: string }

function smsSignInState(phone: PhoneRow, policy: Policy | undefined): string {
  if (phone.phoneType !== 'mobile') return 'notSupported'
  if (!policy || !allowsSmsSignIn(policy, phone.userId)) return 'notAllowedByPolicy'
  return phone.smsSignInRegistration === 'registered' ? 'ready' : phone.smsSignInRegistration
}

const resolvers: Resolvers = {
  Query: {
    async user(_root, args: { id: string }, ctx) {
      assertUserRef(args.id)
      const onOthers = beforeLookup(ctx.principal, 'read', args.id)
      const user = await ctx.store.findUser(ctx.principal.tenantId, args.id)
      return afterLookup(ctx.principal, 'read', onOthers, user)
    },
    async users(_root, args: { first: number | null; after: string | null }, ctx): Promise<Page> {
      const first = args.first ?? 50
      if (!Number.isInteger(first) || first < 1 || first > 200) throw new FloorError('BAD_USER_INPUT', 'first: must be between 1 and 200')
      const afterId = args.after === null || args.after === undefined ? null : decodeCursor(args.after)
      if (args.after && afterId === null) throw new FloorError('BAD_USER_INPUT', 'after: is not a cursor from this connection')
      if (!allowed(ctx.principal, 'read', { kind: 'tenant' })) throw forbidden()
      const users = await ctx.store.listUsers(ctx.principal.tenantId, afterId, first + 1)
      return { users: users.slice(0, first), hasNextPage: users.length > first }
    },
  },
  Mutation: {
    async addPhoneMethod(_root, { input }: { input: { userId: string; phoneNumber: string; phoneType: PhoneType } }, ctx) {
      assertUserRef(input.userId)
      const number = parsePhone(input.phoneNumber)
      return ctx.store.addPhone(ctx.principal.tenantId, input.userId, input.phoneType, number, writeAuth(ctx.principal, 'add', input.userId))
    },
    async deletePhoneMethod(_root, { input }: { input: { userId: string; methodId: string } }, ctx) {
      assertUserRef(input.userId)
      if (input.methodId.length > 256) throw new FloorError('BAD_USER_INPUT', 'methodId: may not exceed 256 characters')
      const deleted = await ctx.store.deletePhone(ctx.principal.tenantId, input.userId, input.methodId, writeAuth(ctx.principal, 'delete', input.userId))
      return { tenantId: ctx.principal.tenantId, ...deleted }
    },
  },
  User: {
    // The phones, in Graph's order, with their smsSignInState derived here: the
    // policy is read (once per request) only when one of them is a mobile, and
    // the fields below stay synchronous.
    async phoneMethods(user: UserRow, _args, ctx): Promise<ResolvedPhone[]> {
      const phones = await ctx.loadPhones(user.id)
      const policy = phones.some((phone) => phone.phoneType === 'mobile') ? await ctx.policy() : undefined
      const resolved = phones.map((phone) => ({ ...phone, smsSignInState: smsSignInState(phone, policy) }))
      return resolved.length > 1 ? resolved.sort((a, b) => PHONE_TYPES.indexOf(a.phoneType) - PHONE_TYPES.indexOf(b.phoneType)) : resolved
    },
  },
  PhoneAuthenticationMethod: {
    id: (phone: PhoneRow, _args, ctx: Context) => globalPhoneId(ctx.principal.tenantId, phone.userId, phone.phoneType),
    methodId: (phone: PhoneRow) => PHONE_METHOD_ID[phone.phoneType],
    phoneNumber: (phone: PhoneRow, _args, ctx) => (seesFullNumbers(ctx.principal, phone.userId) ? phone.phoneNumber : maskPhone(phone.phoneNumber)),
    // Not async: a promise per phone is what makes graphql-js slow.
    smsSignInState(phone: PhoneRow | ResolvedPhone, _args, ctx: Context) {
      if ('smsSignInState' in phone) return phone.smsSignInState
      if (phone.phoneType !== 'mobile') return 'notSupported'
      return ctx.policy().then((policy) => smsSignInState(phone, policy))
    },
  },
  DeletePhoneMethodPayload: {
    id: (deleted: DeletedPhone & { tenantId: string }) => globalPhoneId(deleted.tenantId, deleted.userId, deleted.phoneType),
    methodId: (deleted: DeletedPhone) => PHONE_METHOD_ID[deleted.phoneType],
  },
  UserConnection: {
    edges: (page: Page) => page.users,
    pageInfo: (page: Page) => page,
  },
  UserEdge: {
    cursor: (user: UserRow) => encodeCursor(user),
    node: (user: UserRow) => user,
  },
  PageInfo: {
    hasPreviousPage: () => false,
    startCursor: (page: Page) => (page.users[0] ? encodeCursor(page.users[0]) : null),
    endCursor: (page: Page) => (page.users.length > 0 ? encodeCursor(page.users[page.users.length - 1]!) : null),
  },
}

function floorSchema(): GraphQLSchema {
  const sdl = readFileSync(fileURLToPath(new URL('../../schema.graphql', import.meta.url)), 'utf8')
  const schema = buildSchema(sdl)
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName) as GraphQLObjectType
    const defined = type.getFields()
    for (const [fieldName, resolve] of Object.entries(fields)) {
      if (!defined[fieldName]) throw new Error(`${typeName}.${fieldName} is not in schema.graphql`)
      defined[fieldName].resolve = resolve
    }
  }
  return schema
}

// --------------------------------------------------------------- tokens ----

/**
 * jose's jwtVerify with the same options as the gateway's, and the same
 * economies: the HMAC key is imported once (a CryptoKey: given the raw secret,
 * jose imports it again on every call), and a verified token is remembered
 * until it expires, as the gateway remembers its HS256 tokens.
 */
function tokenVerifier(secretText: string) {
  const key = crypto.subtle.importKey('raw', new TextEncoder().encode(secretText), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
  const verified = new Map<string, { principal: Principal; expiresAt: number }>()
  return async (token: string): Promise<Principal> => {
    const remembered = verified.get(token)
    if (remembered && remembered.expiresAt > Date.now()) return remembered.principal
    if (decodeProtectedHeader(token).alg !== 'HS256') throw new Error('algorithm')
    const { payload } = await jwtVerify(token, await key, { algorithms: ['HS256'], requiredClaims: ['exp', 'tid'] })
    const principal = principalOf(payload)
    if (verified.size >= 10_000) verified.delete(verified.keys().next().value!)
    verified.set(token, { principal, expiresAt: payload.exp! * 1000 })
    return principal
  }
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [])

function principalOf(claims: JWTPayload): Principal {
  const subjectId = typeof claims.oid === 'string' && claims.oid ? claims.oid : claims.sub
  if (typeof claims.tid !== 'string' || !claims.tid || typeof subjectId !== 'string' || !subjectId) throw new Error('claims')
  return {
    tenantId: claims.tid,
    subjectId,
    kind: claims.scp === undefined && Array.isArray(claims.roles) ? 'app' : 'user',
    scopes: new Set(typeof claims.scp === 'string' ? claims.scp.split(' ').filter(Boolean) : []),
    appPermissions: new Set(strings(claims.roles)),
    directoryRoles: new Set(strings(claims.wids)),
  }
}

// ----------------------------------------------------------------- http ----

const MAX_BODY_BYTES = 1024 * 1024

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        resolve(null)
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export async function startFloor(env: NodeJS.ProcessEnv = process.env) {
  const url = env.DATABASE_URL ?? ''
  const secret = env.JWT_SECRET
  if (!secret) throw new Error('JWT_SECRET is required')
  const store = url.startsWith('file:')
    ? sqliteStore(url.slice('file:'.length))
    : /^postgres(ql)?:\/\//.test(url)
      ? postgresStore(url, Number(env.DATABASE_POOL_SIZE ?? 10))
      : (() => {
          throw new Error('DATABASE_URL must start with file:, postgres:// or postgresql://')
        })()
  const schema = floorSchema()
  const verify = tokenVerifier(secret)
  const documents = new Map<string, DocumentNode | readonly GraphQLError[]>()
  let graphqlRequests = 0

  const prepared = (query: string): DocumentNode | readonly GraphQLError[] => {
    let entry = documents.get(query)
    if (!entry) {
      try {
        const document = parse(query)
        const errors = validate(schema, document)
        entry = errors.length > 0 ? errors : document
      } catch (error) {
        entry = [error instanceof GraphQLError ? error : new GraphQLError(String(error))]
      }
      if (documents.size >= 1000) documents.clear()
      documents.set(query, entry)
    }
    return entry
  }

  const unauthenticated = (res: ServerResponse) =>
    send(res, 401, { errors: [{ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }] }, { 'www-authenticate': 'Bearer' })

  const server = createServer(async (req, res) => {
    try {
      if (req.url === '/health') return send(res, 200, { ok: true })
      if (req.url === '/stats') return send(res, 200, { statements: store.statements, graphqlRequests })
      if (req.method !== 'POST' || !req.url?.startsWith('/graphql')) return send(res, 404, { error: 'not found' })
      graphqlRequests++
      const token = req.headers.authorization?.match(/^Bearer +(\S+)$/i)?.[1]
      if (!token) return unauthenticated(res)
      let principal: Principal
      try {
        principal = await verify(token)
      } catch {
        return unauthenticated(res)
      }
      const text = await readBody(req)
      if (text === null) return send(res, 413, { errors: [{ message: 'Request body too large', extensions: { code: 'BAD_USER_INPUT' } }] })
      const body = JSON.parse(text) as { query?: string; variables?: Record<string, unknown>; operationName?: string }
      if (typeof body.query !== 'string') return send(res, 400, { errors: [{ message: 'query is required', extensions: { code: 'BAD_USER_INPUT' } }] })
      const document = prepared(body.query)
      if (Array.isArray(document)) return send(res, 400, { errors: document })
      let policy: Promise<Policy> | undefined
      const contextValue: Context = {
        principal,
        store,
        loadPhones: phoneBatcher(store, principal.tenantId),
        policy: () => (policy ??= Promise.resolve(store.policy(principal.tenantId))),
      }
      const result = await execute({
        schema,
        document: document as DocumentNode,
        variableValues: body.variables,
        operationName: body.operationName,
        contextValue,
      })
      send(res, 200, result)
    } catch (error) {
      process.stderr.write(`floor: ${String(error)}\n`)
      if (!res.headersSent) send(res, 500, { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] })
    }
  })
  const port = Number(env.PORT ?? 4100)
  const host = env.HOST ?? '127.0.0.1'
  await new Promise<void>((resolve) => server.listen(port, host, resolve))
  return {
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await store.close()
    },
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const floor = await startFloor()
  const stop = () =>
    void floor
      .close()
      .catch(() => {})
      .finally(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

// Configuration is read once; a bad value stops the start with one line naming the variable.
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, pooledUrl } from '../../src/config.ts'

const SECRET = 'a-production-secret-of-at-least-32-chars'

describe('loadConfig', () => {
  it('has the defaults of docs/configuration.md', () => {
    const config = loadConfig({})
    expect(config.database).toEqual({
      url: 'file:./data/dev.db',
      provider: 'sqlite',
      poolSize: 10,
      migrationUrl: 'file:./data/dev.db',
      waitLimits: { statementMs: 5000, lockMs: 3000, idleInTransactionMs: 5000 },
    })
    expect(config).toMatchObject({ workers: 1, auditPurge: true, redisUrl: undefined })
    expect(config.http).toEqual({ port: 4000, host: '127.0.0.1' })
    expect(config.mutationRateLimit).toBe(600)
    expect(config.limits).toEqual({ bodyBytes: 1048576, aliases: 15, depth: 10, tokens: 1000, cost: 5000, directives: 50, batch: 10 })
    expect(config.graphiql).toBe(true)
    expect(config.production).toBe(false)
    expect(config.auditRetentionDays).toBe(90)
    expect(config.overload).toEqual({ maxConcurrentRequests: 256, maxCostInFlight: 20_000, maxHeapUsedRatio: 0.85, maxEventLoopDelayMs: 1000 })
    expect(config.metricsDbStatements).toBe(false)
    expect(config.corsOrigins).toEqual(['http://localhost:*', 'http://127.0.0.1:*'])
    expect(config.allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]'])
  })

  it('allows no browser origin and any host name in production, unless configured', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET })).toMatchObject({ corsOrigins: [], allowedHosts: 'any' })
    const configured = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      CORS_ORIGINS: 'https://App.Example.com, https://admin.example.com:443,http://localhost:*',
      ALLOWED_HOSTS: 'Gateway.Example.com, [::1],10.0.0.7',
    })
    // As browsers write an origin and a Host header: lower case, no default port.
    expect(configured.corsOrigins).toEqual(['https://app.example.com', 'https://admin.example.com', 'http://localhost:*'])
    expect(configured.allowedHosts).toEqual(['gateway.example.com', '[::1]', '10.0.0.7'])
    expect(loadConfig({ ALLOWED_HOSTS: '*' }).allowedHosts).toBe('any')
  })

  it('reads the scale-out settings: pooler, direct URL, wait limits, Redis, workers, purge', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u@pooler:6432/db?pgbouncer=true',
      DIRECT_DATABASE_URL: 'postgresql://u@primary:5432/db',
      DATABASE_STATEMENT_TIMEOUT_MS: '8000',
      DATABASE_LOCK_TIMEOUT_MS: '0',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '10000',
      REDIS_URL: 'redis://cache:6379/2',
      WORKERS: 'auto',
      AUDIT_PURGE: 'off',
    })
    expect(config.database).toMatchObject({
      migrationUrl: 'postgresql://u@primary:5432/db',
      waitLimits: { statementMs: 8000, lockMs: 0, idleInTransactionMs: 10000 },
    })
    expect(config).toMatchObject({ redisUrl: 'redis://cache:6379/2', workers: 'auto', auditPurge: false })
    expect(pooledUrl('postgresql://u@pooler:6432/db?pgbouncer=true&sslmode=disable')).toEqual({ url: 'postgresql://u@pooler:6432/db?sslmode=disable', pooled: true })
    expect(pooledUrl('postgresql://u@primary:5432/db')).toEqual({ url: 'postgresql://u@primary:5432/db', pooled: false })
  })

  it.each([
    [{ WORKERS: '2' }, 'WORKERS must be 1 on SQLite'],
    [{ DATABASE_URL: 'postgres://h/db', WORKERS: 'many' }, 'WORKERS must be auto or a whole number'],
    [{ DATABASE_URL: 'postgres://h/db', WORKERS: '0' }, 'WORKERS must be auto or a whole number'],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
    [{ AUDIT_PURGE: 'sometimes' }, 'AUDIT_PURGE must be on or off'],
    [{ DIRECT_DATABASE_URL: 'file:./x.db' }, 'DIRECT_DATABASE_URL must start with postgres:// or postgresql://'],
    [{ DATABASE_URL: 'postgres://h/db?pgbouncer=yes' }, 'DATABASE_URL must be a valid URL whose pgbouncer parameter'],
    [{ DATABASE_LOCK_TIMEOUT_MS: '1s' }, 'DATABASE_LOCK_TIMEOUT_MS must be a whole number'],
  ])('refuses the scale-out setting %j in one line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })

  it('picks the provider from DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database.provider).toBe('postgres')
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h/db' }).database.provider).toBe('postgres')
    expect(loadConfig({ DATABASE_URL: 'file:/tmp/x.db' }).database.provider).toBe('sqlite')
  })

  it.each([
    [{ DATABASE_URL: 'mysql://root@localhost/db' }, 'DATABASE_URL'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ JWT_JWKS_URL: 'not a url' }, 'JWT_JWKS_URL'],
    [{ MUTATION_RATE_LIMIT: '-1' }, 'MUTATION_RATE_LIMIT'],
    [{ GRAPHIQL: 'yes' }, 'GRAPHIQL'],
    [{ MAX_DEPTH: '0' }, 'MAX_DEPTH'],
    [{ AUDIT_RETENTION_DAYS: 'ninety' }, 'AUDIT_RETENTION_DAYS'],
    [{ AUDIT_RETENTION_DAYS: '0' }, 'AUDIT_RETENTION_DAYS'],
    [{ CORS_ORIGINS: 'https://*.example.net' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://web.example.org/graphql' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'web.example.org' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'ftp://files.example.com' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: ' , ' }, 'CORS_ORIGINS'],
    [{ ALLOWED_HOSTS: 'localhost:4000' }, 'ALLOWED_HOSTS'],
    [{ ALLOWED_HOSTS: 'evil.example@localhost' }, 'ALLOWED_HOSTS'],
    [{ ALLOWED_HOSTS: 'http://localhost' }, 'ALLOWED_HOSTS'],
    [{ PUBLIC_URL: 'gateway.example.org' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://auth-api.example.com' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://auth-api.example.com/?x=1' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://user:pw@auth-api.example.com' }, 'PUBLIC_URL'],
    [{ TRUST_PROXY: 'proxy.internal' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/8' }, 'TRUST_PROXY'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    [{ MAX_CONCURRENT_REQUESTS: 'many' }, 'MAX_CONCURRENT_REQUESTS'],
    [{ MAX_COST_IN_FLIGHT: '-1' }, 'MAX_COST_IN_FLIGHT'],
    [{ MAX_HEAP_USED_PERCENT: '150' }, 'MAX_HEAP_USED_PERCENT'],
    [{ MAX_EVENT_LOOP_DELAY_MS: '1s' }, 'MAX_EVENT_LOOP_DELAY_MS'],
    [{ METRICS_DB_STATEMENTS: 'yes' }, 'METRICS_DB_STATEMENTS'],
  ])('refuses %j with one line naming %s, without echoing the value', (env, variable) => {
    try {
      loadConfig(env)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      const message = (error as Error).message
      expect(message).toContain(variable)
      expect(message.split('\n')).toHaveLength(1)
      for (const value of Object.values(env)) expect(message).not.toContain(value)
    }
  })

  it('reads PUBLIC_URL without its trailing slash, TRUST_PROXY as addresses, and METRICS_TOKEN', () => {
    expect(loadConfig({})).toMatchObject({ publicUrl: undefined, trustProxy: [], metricsToken: undefined })
    const config = loadConfig({
      PUBLIC_URL: 'https://Auth-API.example.com/gateway/',
      TRUST_PROXY: '10.0.0.2, ::FFFF:10.0.0.3,::1',
      METRICS_TOKEN: 'a-metrics-token-of-some-length',
    })
    expect(config.publicUrl).toBe('https://auth-api.example.com/gateway')
    // A socket reports an IPv4 peer of a dual-stack listener as ::ffff:a.b.c.d.
    expect(config.trustProxy).toEqual(['10.0.0.2', '10.0.0.3', '::1'])
    expect(config.metricsToken).toBe('a-metrics-token-of-some-length')
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:4000' }).publicUrl).toBe('http://localhost:4000')
  })

  it('refuses production without JWT_SECRET or JWT_JWKS_URL', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET or JWT_JWKS_URL is required when NODE_ENV=production/)
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET }).production).toBe(true)
    expect(loadConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'https://login.example/keys' }).production).toBe(true)
  })

  it('turns GraphiQL and introspection off in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET })).toMatchObject({ graphiql: false, introspection: false })
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, GRAPHIQL: 'true' })).toMatchObject({ graphiql: true, introspection: true })
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, INTROSPECTION: 'true' })).toMatchObject({ graphiql: false, introspection: true })
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', JWT_SECRET: '' }).http.port).toBe(4000)
  })
})

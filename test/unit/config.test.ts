// Configuration is read once; a bad value stops the start with one line naming the variable.
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.ts'

const SECRET = 'a-production-secret-of-at-least-32-chars'

describe('loadConfig', () => {
  it('has the defaults of CONTRACT §2', () => {
    const config = loadConfig({})
    expect(config.database).toEqual({ url: 'file:./data/dev.db', provider: 'sqlite', poolSize: 10 })
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

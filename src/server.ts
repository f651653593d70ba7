// createServer(deps) → the Yoga instance: GraphQL over HTTP at /graphql,
// GraphiQL for browsers, /health and /ready. No globals: tests build as many
// as they like and call `yoga.fetch` in-process.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor'
import { renderGraphiQL } from '@graphql-yoga/render-graphiql'
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga'
import { bearerAuth } from './auth/plugin.ts'
import type { VerifyToken } from './auth/tokens.ts'
import type { Config } from './config.ts'
import type { Database } from './db/client.ts'
import { createLoaders } from './db/loaders.ts'
import { requestScope, type Logger } from './logger.ts'
import { maskUnexpectedError, useContractErrorCodes } from './plugins/error-codes.ts'
import { useRequestLog } from './plugins/request-log.ts'
import { schema } from './schema/index.ts'
import type { RequestContext } from './services/context.ts'

export interface ServerDeps {
  db: Database
  verifyToken: VerifyToken
  logger: Logger
  limits: Config['limits']
  /** GraphiQL for browsers at GET /graphql, with this token filled in when given. */
  graphiql: false | { token?: string }
}

export type Server = YogaServerInstance<Record<string, unknown>, RequestContext>

export function createServer({ db, verifyToken, logger, limits, graphiql }: ServerDeps): Server {
  const auth = bearerAuth(verifyToken)
  return createYoga<Record<string, unknown>, RequestContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug(args[0]),
      info: (...args) => logger.info(args[0]),
      warn: (...args) => logger.warn(args[0]),
      error: (...args) => logger.error(args[0]),
    },
    maskedErrors: { maskError: maskUnexpectedError },
    batching: { limit: limits.batch },
    maxRequestBodySize: limits.bodyBytes,
    graphiql: graphiql && {
      title: 'Phone authentication methods',
      headers: graphiql.token ? JSON.stringify({ Authorization: `Bearer ${graphiql.token}` }, null, 2) : undefined,
    },
    renderGraphiQL,
    context: ({ request }): RequestContext => {
      const principal = auth.principalOf(request)
      return {
        principal,
        requestId: requestScope.getStore()?.requestId ?? 'none',
        loaders: createLoaders(db, principal.tenantId),
        db,
        writes: {},
      }
    },
    plugins: [
      useRequestLog(logger),
      useReadinessCheck({ endpoint: '/ready', check: () => db.ping().then(() => true, () => false) }),
      auth.plugin,
      EnvelopArmorPlugin({
        maxAliases: { n: limits.aliases, exposeLimits: true },
        maxDepth: { n: limits.depth, ignoreIntrospection: true, exposeLimits: true },
        maxTokens: { n: limits.tokens, exposeLimits: true },
        costLimit: { maxCost: limits.cost, exposeLimits: true },
        maxDirectives: { n: limits.directives, exposeLimits: true },
        blockFieldSuggestion: { enabled: true },
      }),
      useContractErrorCodes(),
    ],
  })
}

// createServer(deps) → the Yoga instance: GraphQL over HTTP at /graphql,
// GraphiQL for browsers, /health and /ready. No globals: tests build as many
// as they like and call `yoga.fetch` in-process.
import { useGraphQlJit } from '@envelop/graphql-jit'
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention'
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection'
import { Kind, type DocumentNode } from 'graphql'
import { createYoga, type YogaServerInstance } from 'graphql-yoga'
import { bearerAuth } from './auth/plugin.ts'
import type { VerifyToken } from './auth/tokens.ts'
import type { Config } from './config.ts'
import type { Database } from './db/client.ts'
import { createLoaders } from './db/loaders.ts'
import { GRAPHIQL_DEFAULT_DOCUMENT } from './examples/index.ts'
import type { Logger } from './logger.ts'
import type { Metrics } from './metrics.ts'
import type { Principal } from './domain/principal.ts'
import { hostCheck } from './plugins/allowed-hosts.ts'
import { useBatchLimit } from './plugins/batch-limit.ts'
import { useBodyLimit } from './plugins/body-limit.ts'
import { useSupportedContentType } from './plugins/content-type.ts'
import { corsPolicy, useCorsVary } from './plugins/cors.ts'
import { useCostLimit } from './plugins/cost-limit.ts'
import { useDocumentLimits } from './plugins/document-limits.ts'
import { isExpectedFailure, maskUnexpectedError, useContractErrorCodes } from './plugins/error-codes.ts'
import { useHiddenSuggestions } from './plugins/hidden-suggestions.ts'
import { useMetrics } from './plugins/metrics.ts'
import { createOverloadGuard } from './plugins/overload.ts'
import { useOperationVariables } from './plugins/operation-variables.ts'
import type { Redis } from 'ioredis'
import { DOCUMENT_ID_PARAMETER, usePersistedDocuments, type PersistedOperations } from './plugins/persisted-operations.ts'
import { createMutationRateLimit } from './plugins/rate-limit.ts'
import { useReadiness } from './plugins/readiness.ts'
import { useRequestLog } from './plugins/request-log.ts'
import { useResponseHeaders } from './plugins/response-headers.ts'
import { useValidationCache } from './plugins/validation-cache.ts'
import { linkOrigin } from './links.ts'
import { useGraphRest } from './rest/plugin.ts'
import { schema } from './schema/index.ts'
import { PAGE_SIZE } from './schema/user.ts'
import type { RequestContext } from './services/context.ts'
import type { WriteObserver } from './services/write-transaction.ts'

export interface ServerDeps {
  db: Database
  verifyToken: VerifyToken
  logger: Logger
  metrics: Metrics
  limits: Config['limits']
  /** Load shedding (default: none, for in-process tests). */
  overload?: Config['overload']
  /** Mutations per minute per caller; 0 turns the limit off. */
  mutationRateLimit: number
  /** The Redis that holds one rate limit budget per caller for every process (REDIS_URL); unset: this process counts alone. */
  rateLimitStore?: Redis
  /** GraphiQL for browsers at GET /graphql, with this token filled in when given. */
  graphiql: false | { token?: string }
  introspection: boolean
  /** Browser origins allowed by CORS (CORS_ORIGINS). */
  corsOrigins: Config['corsOrigins']
  /** Host names answered to (ALLOWED_HOSTS); other hosts get 421. */
  allowedHosts: Config['allowedHosts']
  /** PUBLIC_URL: the base of absolute links. */
  publicUrl?: string
  /** TRUST_PROXY (default none). */
  trustProxy?: readonly string[]
  /** METRICS_TOKEN: GET /metrics asks for it when set. */
  metricsToken?: string
  /** Trusted documents (PERSISTED_OPERATIONS); absent: off. */
  persistedOperations?: PersistedOperations
}

export type Server = YogaServerInstance<Record<string, unknown>, RequestContext>

/** A database that takes longer than this to answer `SELECT 1` is not ready. */
const READY_TIMEOUT_MS = 2000

function answersWithin(ms: number, ping: Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))
  return Promise.race([ping.then(() => true, () => false), late]).finally(() => clearTimeout(timer))
}

function isJitSafe(document: DocumentNode): boolean {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
  return operations.length === 1 && operations[0]!.operation !== 'subscription'
}

/**
 * Yoga logs an unexpected error twice (when masking it, and when answering):
 * write it once. It also logs every error that masking turned into another,
 * which an expected failure's GraphQL form is: those are answers, not errors.
 */
function yogaLogging(logger: Logger) {
  const logged = new WeakSet<object>()
  const once = (write: (first: unknown) => void) => (first: unknown) => {
    if (typeof first === 'object' && first !== null) {
      if (logged.has(first)) return
      logged.add(first)
    }
    write(first)
  }
  return {
    debug: (...args: unknown[]) => logger.debug(args[0]),
    info: (...args: unknown[]) => logger.info(args[0]),
    warn: once((first) => logger.warn(first)),
    error: once((first) => {
      if (!isExpectedFailure(first)) logger.error(first)
    }),
  }
}

export function createServer(deps: ServerDeps): Server {
  const { db, verifyToken, logger, metrics, limits, graphiql } = deps
  const auth = bearerAuth(verifyToken)
  const writes: WriteObserver = {
    onRetry: () => metrics.transactionRetries.inc(),
    // For SIEM shipping: each committed audit event is also one log line
    // (its fields are not even gathered when the level writes no such line).
    onAudited: (event) => {
      if (logger.isLevelEnabled('info')) logger.info({ audit: true, ...event, activityDateTime: event.activityDateTime.toISOString() }, 'audit event')
    },
  }
  const rateLimit = createMutationRateLimit(deps.mutationRateLimit, deps.rateLimitStore && { redis: deps.rateLimitStore, logger, metrics })
  const contextFor = (principal: Principal): RequestContext => ({ principal, loaders: createLoaders(db, principal.tenantId), db, writes })
  const hosts = hostCheck(deps.allowedHosts)
  const overload = deps.overload && createOverloadGuard(deps.overload, limits.bodyBytes, logger)
  return createYoga<Record<string, unknown>, RequestContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: yogaLogging(logger),
    // isDev would add the original error (message, stack) to responses.
    maskedErrors: { maskError: maskUnexpectedError, isDev: false },
    batching: { limit: limits.batch },
    // Yoga keeps the parsed documents; their validation results, useValidationCache below.
    parserAndValidationCache: { validationCache: false },
    ...(deps.persistedOperations ? { extraParamNames: [DOCUMENT_ID_PARAMETER] } : {}),
    // No file uploads here: a multipart request is unsupported (415), never parsed.
    multipart: false,
    maxRequestBodySize: false, // useBodyLimit below
    cors: corsPolicy(deps.corsOrigins),
    // Yoga serves GraphiQL before any plugin runs, the host check included:
    // the page (with its token) asks the host check itself.
    graphiql:
      graphiql &&
      ((request) =>
        hosts.admits(request) && {
          title: 'Phone authentication methods',
          defaultQuery: GRAPHIQL_DEFAULT_DOCUMENT,
          headers: graphiql.token ? JSON.stringify({ Authorization: `Bearer ${graphiql.token}` }, null, 2) : undefined,
        }),
    // GraphiQL inlines all its assets (served with no internet): some 9 MB of
    // script, loaded on the first browser visit only, never when it is off.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    context: ({ request }): RequestContext => contextFor(auth.principalOf(request)),
    plugins: [
      // First of the plugins, so that every route (GraphQL, /ready, /metrics, REST) inherits it.
      hosts.plugin,
      useRequestLog(logger),
      useResponseHeaders(),
      useCorsVary(),
      useMetrics(metrics, deps.metricsToken),
      // Before any work on the request: a shed request costs next to nothing.
      overload ? overload.plugin : {},
      useReadiness(() => answersWithin(READY_TIMEOUT_MS, db.ping())),
      // Graph-compatible REST (/v1.0, /beta): same auth, limits and services as /graphql.
      useGraphRest({
        auth,
        contextFor,
        rateLimit,
        maxBodyBytes: limits.bodyBytes,
        logger,
        linkOrigin: linkOrigin({ publicUrl: deps.publicUrl, trustProxy: deps.trustProxy ?? [], allowedHosts: deps.allowedHosts }),
      }),
      auth.plugin,
      useBodyLimit(limits.bodyBytes),
      useBatchLimit(limits.batch),
      useCostLimit({ schema, maxCost: limits.cost, maxTokens: limits.tokens, maxPageSize: PAGE_SIZE.max, reserve: overload?.reserveCost }),
      // A browser sends Authorization only after a CORS preflight, so every
      // authenticated request was preflighted already; this keeps that true
      // for any other way in (a form post, a simple GET).
      useCSRFPrevention({ requestHeaders: ['authorization', 'x-graphql-yoga-csrf'] }),
      useSupportedContentType(),
      // Before anything reads the document: a request that names one by its hash gets it here.
      deps.persistedOperations ? usePersistedDocuments(deps.persistedOperations) : {},
      deps.introspection ? {} : useDisableIntrospection(),
      useOperationVariables({ hideSuggestions: !deps.introspection }),
      rateLimit.plugin,
      useDocumentLimits(limits),
      useValidationCache(),
      deps.introspection ? {} : useHiddenSuggestions(),
      useContractErrorCodes(),
      // Compiles each document once into a JavaScript function (graphql-jit),
      // instead of walking the AST for every request. Only where it is safe:
      // documents of one operation (the plugin caches one compiled form per
      // document, whatever operationName asks for, and GraphiQL sends
      // several), and only queries and mutations (graphql-jit fails on a
      // subscription, which this schema does not serve, instead of refusing it).
      useGraphQlJit({}, { enableIf: ({ document }) => isJitSafe(document) }),
    ],
  })
}

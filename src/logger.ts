// Structured JSON logs (pino). Every line written while a request is being
// handled carries its request id; nothing that looks like a token or a phone
// number is ever written, whatever an error message happens to contain.
// Logging can neither block nor break the process: see standardOutput.
import { AsyncLocalStorage } from 'node:async_hooks'
import { pino, type DestinationStream, type Logger } from 'pino'

export type { Logger }

/**
 * The request being handled, for every log line written on its behalf: the
 * gateway's own id for it, and the id its caller gave it (client-request-id),
 * when the caller gave a sane one.
 */
export const requestScope = new AsyncLocalStorage<{
  requestId: string
  clientRequestId?: string
  startedAt: number
  /** The URL's path as Yoga parsed it (for the access log and the metrics, which would otherwise parse the URL again each). */
  path?: string
}>()

const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g
const BEARER = /(bearer\s+)\S+/gi
// A phone number as this gateway writes it: "+", a country code, digits.
const PHONE = /\+\d[\d ()-]{4,}\d/g
// In text we did not write (error messages), also any bare run of seven or
// more digits (a number may appear there without its "+") and file paths.
const DIGIT_RUN = /\d{7,}/g
const FILE_PATH = /(?:[A-Za-z]:)?(?:[\\/][\w.@-]+)+\.(?:ts|js|mjs|cjs|node|db)\b(?::\d+)*/g

export function scrub(text: string): string {
  return text.replace(JWT, '[token]').replace(BEARER, '$1[token]').replace(PHONE, '[number]')
}

function scrubbed(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value)
  if (value instanceof Error) return serializeError(value)
  if (depth > 4 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => scrubbed(item, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubbed(item, depth + 1)]))
}

/** An error as a log line may show it: kind, code and a scrubbed message; no stack (it names files). */
function serializeError(error: Error): Record<string, unknown> {
  // A GraphQLError around a thrown error: the thrown one is what happened.
  const cause = (error as { originalError?: unknown }).originalError
  if (cause instanceof Error) return serializeError(cause)
  const code = (error as { code?: unknown }).code
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: scrub(error.message).replace(DIGIT_RUN, '[number]').replace(FILE_PATH, '[file]').trim().slice(0, 300),
  }
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const scope = requestScope.getStore()
        if (!scope) return {}
        return scope.clientRequestId ? { requestId: scope.requestId, clientRequestId: scope.clientRequestId } : { requestId: scope.requestId }
      },
      // formatters.log below has already made errors safe: pino's own err serializer must not redo it.
      serializers: { err: (error: unknown) => error },
      formatters: {
        // The request ids are ours, or checked to be short and plain; everything else is scrubbed.
        log: ({ requestId, clientRequestId, ...rest }) => ({
          ...(requestId ? { requestId } : {}),
          ...(clientRequestId ? { clientRequestId } : {}),
          ...(scrubbed(rest) as object),
        }),
      },
      hooks: {
        // pino takes an error's own message as the line's msg: make it the scrubbed one.
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[]
          const safe = first instanceof Error ? [{ err: first }, rest[0] ?? serializeError(first).message] : args
          method.apply(this, safe.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as Parameters<typeof method>)
        },
      },
    },
    destination,
  )
}

/** A reader that falls this far behind loses lines instead of growing the queue without end. */
const MAX_QUEUED_LOG_BYTES = 8 * 1024 * 1024

/**
 * The process's stdout as a log destination that never blocks and never
 * breaks the process. Node writes to a pipe or socket without blocking and
 * queues what the reader has not taken yet; when nobody reads any more
 * (EPIPE), or the queue passes MAX_QUEUED_LOG_BYTES, lines are dropped.
 * (pino's default destination, sonic-boom, retries a write to a closed pipe
 * forever in its synchronous flush at exit: the process never ended.)
 */
function standardOutput(): DestinationStream {
  let readerGone = false
  process.stdout.on('error', () => (readerGone = true))
  // Node itself writes warnings to stderr; a closed stderr must not crash the process either.
  process.stderr.on('error', () => {})
  return {
    write(line: string) {
      if (!readerGone && process.stdout.writableLength <= MAX_QUEUED_LOG_BYTES) process.stdout.write(line)
    },
  }
}

/**
 * Why something failed, as one line for a terminal: the first line of the
 * message that says anything (Prisma's messages begin with a blank one),
 * scrubbed like a log line; never a stack.
 */
export function oneLineReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  // Prisma heads its messages with where the call was made ("Invalid
  // `prisma.$executeRawUnsafe()` invocation:"); the reason follows.
  const lines = message
    .split('\n')
    .map((text) => text.trim())
    .filter((text) => text.length > 0)
  const line = lines.find((text) => !/^Invalid `[^`]*` invocation/.test(text)) ?? lines[0]
  const cause = error instanceof Error && error.cause !== undefined && error.cause !== error ? oneLineReason(error.cause) : undefined
  return scrub(line ?? cause ?? (error instanceof Error ? error.name : 'unknown error'))
    .replace(FILE_PATH, '[file]')
    .slice(0, 500)
}

/** The gateway process's own logger, on stdout. */
export function createProcessLogger(level: string): Logger {
  return createLogger(level, standardOutput())
}

/** Resolves once stdout has passed on every queued line, or after `timeoutMs` (a reader may never read again). */
export function logsFlushed(timeoutMs: number): Promise<void> {
  if (process.stdout.writableLength === 0 || process.stdout.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs)
    // Writes are passed on in order: this empty one's callback comes after all the others.
    process.stdout.write('', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

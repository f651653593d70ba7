// Structured JSON logs (pino). Every line written while a request is being
// handled carries its request id; nothing that looks like a token or a phone
// number is ever written, whatever an error message happens to contain.
import { AsyncLocalStorage } from 'node:async_hooks'
import { pino, type DestinationStream, type Logger } from 'pino'

export type { Logger }

/** The request being handled, for every log line written on its behalf. */
export const requestScope = new AsyncLocalStorage<{ requestId: string; startedAt: number }>()

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
        return scope ? { requestId: scope.requestId } : {}
      },
      // formatters.log below has already made errors safe: pino's own err serializer must not redo it.
      serializers: { err: (error: unknown) => error },
      formatters: {
        // The request id is ours and safe; everything else is scrubbed.
        log: ({ requestId, ...rest }) => ({ ...(requestId ? { requestId } : {}), ...(scrubbed(rest) as object) }),
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

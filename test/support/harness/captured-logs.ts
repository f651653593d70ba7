// The gateway's log lines as a test reads them: a pino logger at info whose
// lines are kept in memory, one JSON text per line.
import { Writable } from 'node:stream'
import { createLogger } from '../../../src/logger.ts'

export function capturedLogs() {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean))
      done()
    },
  })
  return { lines, logger: createLogger('info', destination) }
}

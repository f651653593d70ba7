// Command-line options for the npm run commands, with one clear line on misuse.
import { parseArgs, type ParseArgsConfig } from 'node:util'

export function options<T extends NonNullable<ParseArgsConfig['options']>>(usage: string, spec: T) {
  try {
    return parseArgs({ options: spec, strict: true, allowPositionals: false }).values
  } catch (error) {
    fail(`${(error as Error).message}\nusage: ${usage}`)
  }
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

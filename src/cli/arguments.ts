// Command-line options for the npm run commands, with one clear line on misuse.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { ConfigError } from '../config.ts'
import { oneLineReason } from '../logger.ts'

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

/**
 * Runs a command; whatever stops it is one line on stderr (the underlying
 * reason, never a stack) and exit code 1.
 */
export async function runCommand(name: string, command: () => Promise<void>): Promise<void> {
  try {
    await command()
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : `${name} failed: ${oneLineReason(error)}`)
  }
}

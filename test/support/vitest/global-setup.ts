// Builds dist/main.js once, so that the end-to-end tests run the gateway as
// `npm start` does.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export default function buildGateway(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../../src/cli/build.mjs', import.meta.url))], { stdio: 'inherit' })
}

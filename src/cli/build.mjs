// npm run build — bundles the gateway into dist/main.js for `npm start`:
// plain JavaScript for node, no TypeScript loader at run time (it costs some
// 60 MB of memory and start-up time). Packages stay in node_modules.
// Type checking is `npm run typecheck` (part of `npm test`), not this.
// The bundle replaces the previous one in a single rename, so a gateway
// starting meanwhile (another `npm start`, a test) reads a whole file.
import { build } from 'esbuild'
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const bundle = `${root}dist/main.js`

const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outfile: bundle,
  write: false,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
})

mkdirSync(`${root}dist`, { recursive: true })
writeFileSync(`${bundle}.${process.pid}.tmp`, outputFiles[0].contents)
renameSync(`${bundle}.${process.pid}.tmp`, bundle)

// npm run build — bundles the gateway into dist/main.js for `npm start`:
// plain JavaScript for node, no TypeScript loader at run time (it costs some
// 60 MB of memory and start-up time). Packages stay in node_modules.
// Type checking is `npm run typecheck` (part of `npm test`), not this.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))

await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
})

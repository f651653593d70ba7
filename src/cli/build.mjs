// npm run build — bundles the gateway into dist/main.js for `npm start`:
// plain JavaScript for node, no TypeScript loader at run time (it costs some
// 60 MB of memory and start-up time). Packages stay in node_modules.
// Type checking is `npm run typecheck` (part of `npm test`), not this.
// The bundle replaces the previous one in a single rename, so a gateway
// starting meanwhile (another `npm start`, a test) reads a whole file.
// Beside it, dist/main.js.map maps the bundle back to src/ for CPU profiles
// (bench/lib/profile.ts). It is external and the bundle does not name it (no
// sourceMappingURL comment): node never reads it, and without
// --enable-source-maps neither would an error's stack, so it costs the
// running gateway nothing.
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
  sourcemap: 'external',
})

mkdirSync(`${root}dist`, { recursive: true })
// The map first: a bundle is never newer than the map that describes it.
for (const suffix of ['.map', '']) {
  const output = outputFiles.find((file) => file.path === `${bundle}${suffix}`)
  writeFileSync(`${bundle}${suffix}.${process.pid}.tmp`, output.contents)
  renameSync(`${bundle}${suffix}.${process.pid}.tmp`, `${bundle}${suffix}`)
}

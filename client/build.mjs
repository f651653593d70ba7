// Builds the package: ES modules and type declarations in dist/ (tsc), and
// the schema the kit was generated from beside them. Runs before `npm pack`
// (prepack), so a tarball always holds a fresh build; dist/ is not committed.
import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const here = (path) => fileURLToPath(new URL(path, import.meta.url))
const gatewaySchema = here('../schema.graphql')
// In the gateway's repository the kit ships the gateway's schema.graphql; an unpacked tarball has its copy already.
if (existsSync(gatewaySchema)) copyFileSync(gatewaySchema, here('schema.graphql'))
rmSync(here('dist'), { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
execFileSync(process.execPath, [tsc, '-p', here('tsconfig.build.json')], { stdio: 'inherit' })
chmodSync(here('dist/bin/check.js'), 0o755)

// tsc rewrites the sources' relative `.ts` imports to `.js` in the modules, not in the declarations: an app's
// TypeScript would then look for .ts files the package does not have.
for (const file of readdirSync(here('dist'), { recursive: true })) {
  if (!file.endsWith('.d.ts')) continue
  const path = here(`dist/${file}`)
  writeFileSync(path, readFileSync(path, 'utf8').replace(/((?:from|import\()\s*['"]\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1.js$2'))
}

// The release named by SCHEMA_CHANGES.md's "Released at" line, as a runnable
// checkout of this repository's own history: its files (git archive, which
// leaves this repository untouched), its Prisma clients and its bundle. Its
// dependencies are this checkout's node_modules, linked, when every package
// its lockfile pins is installed here at a version semver-compatible with
// it; otherwise `npm ci` installs its own (slow, but what it asked for).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface ReleasedCheckout {
  commit: string
  dir: string
  bundle: string
  /** How its dependencies were provided. */
  dependencies: 'linked' | 'npm ci'
  /** Runs one of its npm scripts' TypeScript commands (`src/cli/<name>.ts`) with its own code. */
  command(name: string, args: string[], env: Record<string, string>): string
  remove(): void
}

export function releasedCommit(): string {
  const line = /^Released at ([0-9a-f]{7,40})\s*$/m.exec(readFileSync(join(ROOT, 'SCHEMA_CHANGES.md'), 'utf8'))
  if (!line) throw new Error('SCHEMA_CHANGES.md has no "Released at <commit>" line')
  return line[1]!
}

export function checkOutRelease(commit: string = releasedCommit()): ReleasedCheckout {
  try {
    execFileSync('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: ROOT, stdio: 'ignore' })
  } catch {
    throw new Error(`the released commit ${commit} is not in this clone: fetch the history first (git fetch --unshallow), as .ci/run does`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'released-'))
  execFileSync('sh', ['-c', `git archive --format=tar ${commit} | tar -x -C "${dir}"`], { cwd: ROOT })
  const run = (args: string[], env: Record<string, string> = {}) =>
    execFileSync(process.execPath, args, { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  let dependencies: ReleasedCheckout['dependencies'] = 'linked'
  if (incompatiblePackages(dir).length === 0) {
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
    run(['prisma/generate.mjs'])
  } else {
    dependencies = 'npm ci'
    process.stderr.write(`the release's lockfile pins packages this checkout lacks: npm ci in ${dir}\n`)
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'ignore' })
  }
  run(['src/cli/build.mjs'])
  return {
    commit,
    dir,
    bundle: join(dir, 'dist/main.js'),
    dependencies,
    command: (name, args, env) => run(['--import', 'tsx', `src/cli/${name}.ts`, ...args], env),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** The packages the release's lockfile pins that this checkout lacks or has at a semver-incompatible version. */
function incompatiblePackages(releaseDir: string): string[] {
  const lock = JSON.parse(readFileSync(join(releaseDir, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; optional?: boolean }>
  }
  return Object.entries(lock.packages).flatMap(([path, { version, optional }]) => {
    // Optional packages are other platforms' builds (esbuild's, for one): npm installs only this one's.
    if (!path.startsWith('node_modules/') || !version || optional) return []
    const manifest = join(ROOT, path, 'package.json')
    const installed = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : undefined
    return installed && caretCompatible(version, installed) ? [] : [`${path}@${version} (here: ${installed ?? 'absent'})`]
  })
}

/** Whether `installed` satisfies ^`wanted`. */
function caretCompatible(wanted: string, installed: string): boolean {
  const parse = (version: string) => version.split(/[.+-]/).slice(0, 3).map(Number)
  const [a, b, c] = parse(wanted)
  const [x, y, z] = parse(installed)
  if (wanted === installed) return true
  if (a !== x || [a, b, c, x, y, z].some(Number.isNaN)) return false
  if (a! > 0) return y! > b! || (y === b && z! >= c!)
  return b === y && z! >= c!
}

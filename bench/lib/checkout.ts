// Which code a checkout holds, for the report: the commit, and whether
// uncommitted changes ride on it.
import { execFileSync } from 'node:child_process'

/** `git rev-parse --short HEAD` of the checkout at `dir`, "+ N uncommitted change(s)" when its work tree differs; "unknown" outside git. */
export function describeCheckout(dir: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim()
    // --no-optional-locks: a read-only look that never rewrites the index.
    const dirty = execFileSync('git', ['--no-optional-locks', 'status', '--porcelain'], { cwd: dir, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean).length
    return `${head}${dirty ? ` + ${dirty} uncommitted change(s)` : ''}`
  } catch {
    return 'unknown'
  }
}

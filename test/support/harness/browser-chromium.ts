// A real browser for tests: a system Chromium, driven by playwright-core,
// with a fresh profile directory and a network fence around one origin.
// `npx playwright install` cannot work here (no internet), so the browser is
// the system one: CHROMIUM_PATH, else the usual install locations. Without
// one, a developer's run skips the browser test and says so loudly; CI
// (CI=true) fails instead, since a green CI run must have driven a browser.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/** Where Debian, Ubuntu and Google's packages put the browser. */
export const USUAL_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'] as const

export type ChromiumLookup =
  | { readonly found: true; readonly path: string }
  /** `required`: the run is CI's, where a missing browser is a failure, not a skip. */
  | { readonly found: false; readonly reason: string; readonly required: boolean }

/**
 * Which Chromium the browser test drives. An explicit CHROMIUM_PATH is taken
 * as it is (a wrong one fails at launch rather than being skipped).
 */
export function locateChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): ChromiumLookup {
  if (env.CHROMIUM_PATH) return { found: true, path: env.CHROMIUM_PATH }
  const path = USUAL_CHROMIUM_PATHS.find((candidate) => exists(candidate))
  if (path) return { found: true, path }
  return {
    found: false,
    reason: `no Chromium: CHROMIUM_PATH is not set and none of ${USUAL_CHROMIUM_PATHS.join(', ')} exists (apt-get install -y chromium): the browser test did not run`,
    required: Boolean(env.CI) && env.CI !== 'false',
  }
}

export const CHROMIUM = locateChromium()

/** Where screenshots go: test-results/ of the repository (gitignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../../test-results/', import.meta.url))

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export interface FencedBrowser {
  context: BrowserContext
  page: Page
  /** Every URL the pages and their workers asked for, in order. */
  requested: string[]
  /** The requests that left the allowed origin (each was aborted). */
  outside: string[]
  /** Uncaught exceptions thrown in the page. */
  pageErrors: string[]
  /** What the page's console reported as errors (a Content-Security-Policy violation among them). */
  consoleErrors: string[]
  screenshot(name: string): Promise<string>
  close(): Promise<void>
}

/** The origin a URL belongs to; a blob: URL belongs to the origin that made it, a data: URL to none (it never leaves the page). */
function originOf(url: string): string | 'inline' {
  if (url.startsWith('data:')) return 'inline'
  return new URL(url).origin
}

/**
 * Launches Chromium with a fresh profile, and lets through only requests to
 * `allowedOrigin` (and inline data: URLs): everything else is aborted and
 * recorded in `outside`, so that a test can prove the page needs no internet.
 */
export async function launchFencedChromium(allowedOrigin: string): Promise<FencedBrowser> {
  if (!CHROMIUM.found) throw new Error(CHROMIUM.reason)
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'))
  let context: BrowserContext
  try {
    // playwright refuses a --user-data-dir flag; a persistent context on a fresh directory is exactly that.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM.path,
      headless: true,
      args: FLAGS,
      viewport: { width: 1400, height: 1200 },
      serviceWorkers: 'block',
    })
  } catch (error) {
    rmSync(profile, { recursive: true, force: true })
    throw error
  }
  const requested: string[] = []
  const outside: string[] = []
  const pageErrors: string[] = []
  const consoleErrors: string[] = []
  context.on('request', (request) => {
    requested.push(request.url())
    // Requests that routing does not see (blob: workers, for one) are still checked here.
    if (originOf(request.url()) !== allowedOrigin && originOf(request.url()) !== 'inline' && !outside.includes(request.url())) {
      outside.push(request.url())
    }
  })
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (originOf(url) === allowedOrigin || originOf(url) === 'inline') return route.continue()
    if (!outside.includes(url)) outside.push(url)
    return route.abort('blockedbyclient')
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  return {
    context,
    page,
    requested,
    outside,
    pageErrors,
    consoleErrors,
    async screenshot(name) {
      mkdirSync(ARTIFACTS, { recursive: true })
      const path = join(ARTIFACTS, `${name}.png`)
      await page.screenshot({ path, fullPage: true })
      return path
    },
    async close() {
      await context.close().catch(() => {})
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

// A real browser for tests: Debian's Chromium (apt), driven by playwright-core,
// with a fresh profile directory and a network fence around one origin.
// `npx playwright install` cannot work here (no internet), so the browser is
// the system one and its absence is a test failure, never a skip.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

/** Where screenshots go: test-results/ of the repository (gitignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../test-results/', import.meta.url))

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
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's Chromium (as root: apt-get install -y chromium)`)
  }
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'))
  let context: BrowserContext
  try {
    // playwright refuses a --user-data-dir flag; a persistent context on a fresh directory is exactly that.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
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

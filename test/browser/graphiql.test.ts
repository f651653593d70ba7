// GraphiQL in a real browser, on the real process (`npm start` in a fresh
// directory): it renders with no internet (every request outside the gateway's
// own origin is blocked, and there must be none), opens with the example
// document and the development admin token, and runs a mutation and a query.
// Screenshots: test-results/graphiql-*.png.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GRAPHIQL_DEFAULT_DOCUMENT } from '../../src/examples/index.ts'
import { CHROMIUM, launchFencedChromium, type FencedBrowser } from '../support/harness/browser-chromium.ts'
import { launchGateway, type LaunchedGateway } from '../support/harness/process.ts'

const MOBILE_ID = '3179e48a-750b-4051-897c-87b9720928f7'
// Kim's mobile's global id in the demo tenant, written out.
const KIMS_MOBILE = { id: '8tPhSDZrLyu_wDonk7hlYa5CD3eqHMP1', methodId: MOBILE_ID, phoneNumber: '+1 2065555555', phoneType: 'mobile', smsSignInState: 'ready' }
/** How long one step in the page may take before the test says which one did not happen. */
const STEP = { timeout: 20_000 }

/** Monaco draws spaces as no-break spaces; the text a person reads has plain ones. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ')

/** The banner comes before the "listening" line the launcher waits for. */
function adminTokenOf(gateway: LaunchedGateway): string {
  if (!gateway.adminToken) throw new Error(`the gateway printed no admin token:\n${gateway.stdout.join('\n')}`)
  return gateway.adminToken
}

// Without a browser a developer's run still runs everything else, and says
// loudly (a warning and a skipped test naming the reason) what it did not run.
const ABSENT = CHROMIUM.found ? undefined : CHROMIUM
const SKIPPED = ABSENT !== undefined && !ABSENT.required
if (ABSENT) console.warn(`\n!!! ${ABSENT.reason}${ABSENT.required ? ' (CI=true: a failure)' : ''} !!!\n`)

if (SKIPPED) {
  describe('GraphiQL in Chromium, served by the real process', () => {
    it.skip(ABSENT.reason, () => {})
  })
}

describe.skipIf(SKIPPED)('GraphiQL in Chromium, served by the real process', () => {
  let dir: string
  let gateway: LaunchedGateway | undefined
  let browser: FencedBrowser | undefined
  let adminToken: string
  /** Why the browser or the gateway did not come up: every test fails with it (a failed beforeAll would only mark them skipped). */
  let setupError: unknown

  /** The browser on GraphiQL, or the reason there is none (so that the test fails with it). */
  const started = (): FencedBrowser => {
    if (setupError) throw setupError
    return browser!
  }
  const page = () => started().page
  const queryEditor = () => page().locator('.graphiql-query-editor .view-lines')
  const resultWindow = () => page().locator('section.result-window')
  /** The result pane's text, read as the JSON it shows. */
  const shownResult = async () => JSON.parse(plain(await resultWindow().innerText())) as unknown

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-graphiql-'))
    try {
      if (!CHROMIUM.found) throw new Error(CHROMIUM.reason)
      gateway = await launchGateway({ cwd: dir, env: { NODE_ENV: 'development', DATABASE_URL: `file:${join(dir, 'data', 'dev.db')}` } })
      adminToken = adminTokenOf(gateway)
      browser = await launchFencedChromium(new URL(gateway.url).origin)
      await browser.page.goto(`${gateway.url}/graphql`)
      // GraphiQL has rendered when its run button and the example document are on screen.
      await browser.page.getByRole('button', { name: /^Execute query/ }).waitFor(STEP)
      await browser.page.locator('.graphiql-query-editor .view-lines').getByText('AddKimsMobile').waitFor(STEP)
    } catch (error) {
      setupError = error
      await browser?.screenshot('graphiql-failed-to-open').catch(() => {})
    }
  }, 90_000)
  afterAll(async () => {
    await browser?.close()
    await gateway?.terminate()
    rmSync(dir, { recursive: true, force: true })
  })

  it(`runs on a system Chromium (${CHROMIUM.found ? CHROMIUM.path : 'none found'})`, () => {
    expect(CHROMIUM.found, CHROMIUM.found ? '' : CHROMIUM.reason).toBe(true)
  })

  it('opens with the example document: Me, KimsPhones and AddKimsMobile', async () => {
    await started().screenshot('graphiql-opened')
    const shown = plain(await queryEditor().innerText())
    expect(shown).toContain('query Me {')
    expect(shown).toContain('query KimsPhones {')
    expect(shown).toContain('mutation AddKimsMobile {')
    // Line for line the document of src/examples (Monaco leaves blank lines empty; the whole document fits the
    // 1200 px high window, and Monaco draws only the lines in view).
    const lines = (text: string) => text.split('\n').map((line) => line.trimEnd()).filter(Boolean)
    expect(lines(shown)).toEqual(lines(GRAPHIQL_DEFAULT_DOCUMENT))
  })

  it('has the development admin token in its Headers tab', async () => {
    await page().getByRole('button', { name: 'Headers', exact: true }).click()
    const headers = page().locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .view-lines')
    await headers.getByText('Authorization').waitFor(STEP)
    expect(JSON.parse(plain(await headers.innerText()))).toEqual({ Authorization: `Bearer ${adminToken}` })
  })

  it('runs AddKimsMobile, picked from the run button’s list of operations, and shows Graph’s answer', async () => {
    await page().getByRole('button', { name: /^Execute query/ }).click()
    const operations = page().getByRole('menuitem')
    await operations.first().waitFor(STEP)
    expect(await operations.allInnerTexts()).toEqual(['Me', 'KimsPhones', 'AddKimsMobile'])
    await page().getByRole('menuitem', { name: 'AddKimsMobile', exact: true }).click()

    await resultWindow().getByText(MOBILE_ID).waitFor(STEP)
    await started().screenshot('graphiql-mutation')
    const shown = plain(await resultWindow().innerText())
    expect(shown).toContain(`"methodId": "${MOBILE_ID}"`)
    expect(shown).toContain('"smsSignInState": "ready"')
    expect(await shownResult()).toEqual({ data: { addPhoneMethod: KIMS_MOBILE } })
  })

  it('runs KimsPhones (cursor in the operation, Ctrl-Enter) and shows Kim’s new phone', async () => {
    await queryEditor().getByText('KimsPhones').click()
    await page().keyboard.press('Control+Enter')

    await resultWindow().getByText('Kim Akers').waitFor(STEP)
    await started().screenshot('graphiql-query')
    const shown = plain(await resultWindow().innerText())
    expect(shown).toContain('"phoneNumber": "+1 2065555555"')
    expect(await shownResult()).toEqual({ data: { user: { displayName: 'Kim Akers', phoneMethods: [KIMS_MOBILE] } } })
  })

  it('asked for nothing outside the gateway (works offline) and threw no errors', () => {
    const { outside, requested, pageErrors, consoleErrors } = started()
    const origin = new URL(gateway!.url).origin
    expect(outside).toEqual([])
    // The fence saw the traffic it guards: the page itself and GraphiQL's POSTs to the gateway.
    expect(requested.filter((url) => url === `${origin}/graphql`).length).toBeGreaterThanOrEqual(3)
    expect(pageErrors).toEqual([])
    // The page's Content-Security-Policy blocked nothing it needs.
    expect(consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([])
  })
})

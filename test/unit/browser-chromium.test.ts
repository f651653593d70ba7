// Where the browser test finds its Chromium, and what a run without one does:
// a developer's run skips it with a reason, CI's fails.
import { describe, expect, it } from 'vitest'
import { locateChromium, USUAL_CHROMIUM_PATHS } from '../support/harness/browser-chromium.ts'

const nowhere = () => false
const only = (installed: string) => (path: string) => path === installed

describe('locateChromium', () => {
  it('takes CHROMIUM_PATH as it is, before the usual locations', () => {
    expect(locateChromium({ CHROMIUM_PATH: '/opt/chrome/chrome' }, only('/usr/bin/chromium'))).toEqual({ found: true, path: '/opt/chrome/chrome' })
  })

  it.each(USUAL_CHROMIUM_PATHS)('finds %s without CHROMIUM_PATH', (installed) => {
    expect(locateChromium({}, only(installed))).toEqual({ found: true, path: installed })
  })

  it('prefers Debian’s chromium when several are installed', () => {
    expect(locateChromium({}, () => true)).toEqual({ found: true, path: '/usr/bin/chromium' })
  })

  it('without a browser outside CI: not found, not required, and the reason says what to install', () => {
    const lookup = locateChromium({ CHROMIUM_PATH: '' }, nowhere)
    expect(lookup).toMatchObject({ found: false, required: false })
    expect(lookup.found || lookup.reason).toMatch(/CHROMIUM_PATH.*apt-get install -y chromium.*did not run/)
  })

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['', false],
  ])('without a browser and CI=%j: required is %s', (ci, required) => {
    expect(locateChromium({ CI: ci }, nowhere)).toMatchObject({ found: false, required })
  })
})

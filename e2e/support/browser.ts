import fs from 'node:fs/promises'
import path from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { REPO_ROOT } from './product.js'

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results/screenshots')

/** Debian's Chromium driven by playwright-core; the flags keep it off a network this machine does not have. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

export async function newContext(
  browser: Browser,
  baseURL: string,
  opts: { locale?: string; viewport?: { width: number; height: number } } = {},
) {
  return browser.newContext({
    baseURL,
    locale: opts.locale ?? 'en-GB',
    viewport: opts.viewport ?? { width: 1440, height: 900 },
  })
}

/** Saved under test-results/screenshots (git-ignored), to be looked at. */
export async function screenshot(page: Page, name: string) {
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}

export type { Browser, BrowserContext, Page }

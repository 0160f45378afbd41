import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import path from 'node:path'
import { type Browser, type BrowserContext, type Page, SCREENSHOT_DIR, screenshot } from './support/browser.js'
import type { Product } from './support/product.js'
import { closeDemoStudy, openDemoStudy, signInDutch, studyTab } from './support/analyst.js'

/**
 * The journey dashboard against the built product and its demo study: the four charts (pain/gain and
 * the emotion curve from the demo diary; scores and NPS, which need survey answers), the persona and
 * period filters carried to the API, and the Dutch tab.
 */

let product: Product
let browser: Browser
let context: BrowserContext
let page: Page
let studyId: string

beforeAll(async () => {
  ;({ product, browser, context, page, studyId } = await openDemoStudy())
})
afterAll(() => closeDemoStudy({ product, browser, context }))

const figure = (title: string) => page.getByRole('figure', { name: new RegExp(`^${title}`) })
const isDashboardRequest = (url: string) => url.includes(`/api/v1/studies/${studyId}/dashboard`)

describe('analyst journey dashboard', () => {
  it('opens the Dashboard tab with the four charts', async () => {
    const first = page.waitForRequest((r) => isDashboardRequest(r.url()))
    await studyTab(page, 'Dashboard').click()
    await page.getByRole('heading', { name: 'Journey dashboard', level: 2 }).waitFor()
    expect(page.url()).toContain(`#/studies/${studyId}/dashboard`)
    expect(new URL((await first).url()).searchParams.has('personaId')).toBe(false)

    const painGain = figure('Pain and gain per touchpoint')
    const emotion = figure('Emotion curve')
    const scores = figure('Touchpoint scores')
    const nps = figure('Net Promoter Score')
    for (const f of [painGain, emotion, scores, nps]) await f.waitFor()

    // the demo diary has moments with valence and emotion: these two charts draw
    await painGain.locator('.recharts-bar-rectangle').first().waitFor()
    await expect(painGain.getByText('No data yet').count()).resolves.toBe(0)
    await expect(painGain.getByText(/diary moments n = [1-9]/).count()).resolves.toBe(1)
    await emotion.locator('.recharts-line-curve').first().waitFor()
    await emotion.getByText('Peak', { exact: true }).first().waitFor()
    await emotion.getByText(/^Peak: .+\. End: .+\.$/).waitFor()
    await expect(emotion.getByText(/experienced in the diary \(n = [1-9]/).count()).resolves.toBe(1)

    // each chart carries its data as a table behind a disclosure, or "No data yet"
    for (const f of [scores, nps]) {
      const empty = await f.getByText('No data yet').count()
      if (!empty) await f.locator('table').waitFor({ state: 'attached' })
    }
    await painGain.getByText('Show as a table').click()
    await painGain.getByRole('table').waitFor()
    await painGain.getByText('Show as a table').click()

    await screenshot(page, 'dashboard-01-all')
    await painGain.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard-02-pain-gain.png') })
    await emotion.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard-03-emotion.png') })
  })

  it('sends the persona and the period to the API', async () => {
    const model = (await (await page.request.get(`/api/v1/studies/${studyId}/model`)).json()) as { personas: { id: string; name: string }[] }
    expect(model.personas.length).toBeGreaterThan(0)
    const persona = model.personas[0]!

    let request = page.waitForRequest((r) => isDashboardRequest(r.url()) && r.url().includes('personaId='))
    await page.getByRole('combobox', { name: /^Persona/ }).selectOption(persona.id)
    expect(new URL((await request).url()).searchParams.get('personaId')).toBe(persona.id)
    await figure('Pain and gain per touchpoint').waitFor()

    request = page.waitForRequest((r) => isDashboardRequest(r.url()) && r.url().includes('from='))
    await page.getByRole('textbox', { name: 'From', exact: true }).fill('2020-01-01')
    const params = new URL((await request).url()).searchParams
    expect(params.get('from')).toBe('2020-01-01')
    expect(params.get('personaId')).toBe(persona.id)

    // a period long before the study: every chart says so instead of drawing an empty chart
    request = page.waitForRequest((r) => isDashboardRequest(r.url()) && r.url().includes('to='))
    await page.getByRole('textbox', { name: 'To', exact: true }).fill('2020-01-31')
    await request
    await expect.poll(() => page.getByText('No data yet').count()).toBe(4)
    await screenshot(page, 'dashboard-04-filtered-empty')

    await page.getByRole('button', { name: 'Clear filters' }).click()
    await figure('Emotion curve').locator('.recharts-line-curve').first().waitFor()
  })

  it('reads in Dutch', async () => {
    const nl = await signInDutch(browser, product)
    try {
      await nl.page.goto(`/#/studies/${studyId}/dashboard`)
      await nl.page.getByRole('heading', { name: 'Klantreisdashboard', level: 2 }).waitFor()
      await nl.page.getByRole('navigation', { name: 'Onderdelen van het onderzoek' }).getByRole('link', { name: 'Dashboard', exact: true }).waitFor()
      await nl.page.getByRole('figure', { name: /^Emotiecurve/ }).waitFor()
      await nl.page.getByRole('figure', { name: /^Pijn en winst per contactmoment/ }).waitFor()
      await screenshot(nl.page, 'dashboard-05-nl')
    } finally {
      await nl.context.close()
    }
  })
})

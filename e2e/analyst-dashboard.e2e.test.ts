import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import path from 'node:path'
import { type Browser, type BrowserContext, type Page, SCREENSHOT_DIR, screenshot } from './support/browser.js'
import type { Product } from './support/product.js'
import { closeDemoStudy, openDemoStudy, signInDutch, studyTab } from './support/analyst.js'

/**
 * The journey dashboard against the built product and its demo study, which has a diary, codings and a
 * published survey with completed responses: every chart draws (pain/gain, the emotion curve with its
 * peak, trough and end, scores, NPS, the importance–performance matrix), the moments-of-truth table and
 * the per-touchpoint joint display have rows, the quotes behind a pain bar open in a dialog, and the
 * persona, segment and period filters are carried to the API. Looked at on a 1280-wide screen.
 */

let product: Product
let browser: Browser
let context: BrowserContext
let page: Page
let studyId: string

beforeAll(async () => {
  ;({ product, browser, context, page, studyId } = await openDemoStudy())
  await page.setViewportSize({ width: 1280, height: 900 })
  // the demo's survey answers live in its analysed study, next to the diary-only one that openDemoStudy opens
  const studies = (await (await page.request.get('/api/v1/studies')).json()) as {
    items: { id: string; title: string }[]
  }
  const analysed = studies.items.find((s) => /\(analysed\)$/.test(s.title))
  if (analysed) {
    studyId = analysed.id
    await page.goto('/#/studies')
    await page.getByRole('heading', { name: 'Studies', level: 1 }).waitFor()
    await page.getByRole('link', { name: analysed.title }).first().click()
    await page.getByRole('navigation', { name: 'Study sections' }).waitFor()
    expect(page.url()).toContain(studyId)
  }
})
afterAll(() => closeDemoStudy({ product, browser, context }))

const figure = (title: string) => page.getByRole('figure', { name: new RegExp(`^${title}`) })
const isDashboardRequest = (url: string) =>
  url.includes(`/api/v1/studies/${studyId}/dashboard`) && !url.includes('/dashboard/quotes')
const isQuotesRequest = (url: string) => url.includes(`/api/v1/studies/${studyId}/dashboard/quotes`)

type Tp = { id: string; name: string; painGain: { coded: { pain: number; gain: number } } }
type DashboardJson = { touchpoints: Tp[]; responses: number; segments: { key: string; values: string[] }[] }

async function call<T>(method: 'get' | 'post', apiPath: string, data?: unknown): Promise<T> {
  const url = `/api/v1/studies/${studyId}${apiPath}`
  let res
  if (method === 'get') res = await page.request.get(url)
  else {
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string }
    res = await page.request.post(url, { headers: { 'x-csrf-token': me.csrfToken }, data: data ?? {} })
  }
  expect(res.ok(), `${method.toUpperCase()} ${apiPath}: ${res.status()} ${await res.text()}`).toBe(true)
  return (await res.json()) as T
}

let findingStatement = ''
let findingTouchpoint = ''

describe('analyst journey dashboard', () => {
  it('makes a finding on a CSAT question of the demo survey, for the joint display to show its verdict', async () => {
    const surveys = await call<{ items: { id: string; kind: string; currentVersion: number | null }[] }>(
      'get',
      '/surveys',
    )
    const published = surveys.items.filter((s) => s.kind === 'survey' && s.currentVersion !== null)
    expect(published.length).toBeGreaterThan(0)
    let op: { surveyId: string; questionId: string; touchpointId: string } | null = null
    for (const s of published) {
      const v = await call<{
        definition: { pages: { questions: { id: string; type: string; touchpointId?: string | null }[] }[] }
      }>('get', `/surveys/${s.id}/versions/${s.currentVersion}`)
      const q = v.definition.pages.flatMap((p) => p.questions).find((x) => x.type === 'csat' && x.touchpointId)
      if (q) {
        op = { surveyId: s.id, questionId: q.id, touchpointId: q.touchpointId! }
        break
      }
    }
    expect(op, 'a published CSAT question about a touchpoint').not.toBeNull()
    findingStatement = `Customers are less satisfied here than elsewhere (${Date.now()})`
    findingTouchpoint = op!.touchpointId
    await call('post', '/findings', {
      statement: findingStatement,
      touchpointIds: [op!.touchpointId],
      operationalizations: [
        {
          surveyId: op!.surveyId,
          questionId: op!.questionId,
          metric: 'top2box',
          claim: { kind: 'comparative', reference: 'rest', direction: 'lower' },
        },
      ],
    })
  })

  it('opens the Dashboard tab with every chart drawn from the demo study', async () => {
    const first = page.waitForRequest((r) => isDashboardRequest(r.url()))
    await studyTab(page, 'Dashboard').click()
    await page.getByRole('heading', { name: 'Journey dashboard', level: 2 }).waitFor()
    expect(page.url()).toContain(`#/studies/${studyId}/dashboard`)
    const params = new URL((await first).url()).searchParams
    expect(params.has('personaId')).toBe(false)
    expect(params.has('segment')).toBe(false)

    const responses = page.getByTestId('dashboard-responses')
    await responses.waitFor()
    const n = Number(/based on (\d+) completed questionnaires/.exec((await responses.textContent()) ?? '')?.[1])
    expect(n).toBeGreaterThanOrEqual(50)

    const painGain = figure('Pain and gain per touchpoint')
    const emotion = figure('Emotion curve')
    const scores = figure('Touchpoint scores')
    const nps = figure('Net Promoter Score')
    const ipa = figure('Importance–performance matrix')
    for (const f of [painGain, emotion, scores, nps, ipa]) {
      await f.waitFor()
      await expect(f.getByText('No data yet').count()).resolves.toBe(0)
    }

    await painGain.locator('.recharts-bar-rectangle').first().waitFor()
    await expect(painGain.getByText(/diary moments n = [1-9]/).count()).resolves.toBe(1)

    await emotion.locator('.recharts-line-curve').first().waitFor()
    await expect(emotion.locator('.recharts-line-curve').count()).resolves.toBe(2) // experienced and remembered
    await emotion.getByText(/^Peak: .+\. Trough: .+\. End: .+\.$/).waitFor()
    await expect(emotion.getByText(/^Peak: —/).count()).resolves.toBe(0)
    await expect(
      emotion.getByText(/experienced in the diary \(n = [1-9]\d*\) and remembered in the surveys \(n = [1-9]/).count(),
    ).resolves.toBe(1)
    await expect(emotion.locator('.recharts-reference-dot').count()).resolves.toBeGreaterThan(0)

    await scores.locator('.recharts-bar-rectangle').first().waitFor()
    await expect(scores.locator('.recharts-errorBar').count()).resolves.toBeGreaterThan(0)
    await expect(scores.getByText(/n = [1-9]\d* answers\./).count()).resolves.toBe(1)
    await scores.locator('table').waitFor({ state: 'attached' })

    await nps.locator('.recharts-bar-rectangle').first().waitFor()
    const npsText = (await nps.getByTestId('nps-score').textContent()) ?? ''
    expect(npsText).toMatch(/^NPS: [+−]?\d+ \([+−]?\d+ … [+−]?\d+\), n = [1-9]\d*$/)

    // the matrix: a bubble per touchpoint with both measures, whiskers on both axes, the crosshairs and quadrant labels
    await ipa.locator('.recharts-scatter-symbol').first().waitFor()
    const bubbles = await ipa.locator('.recharts-scatter-symbol').count()
    expect(bubbles).toBeGreaterThanOrEqual(3)
    await expect(ipa.locator('.recharts-errorBar').count()).resolves.toBeGreaterThanOrEqual(2 * bubbles)
    await expect(ipa.locator('.recharts-reference-line').count()).resolves.toBe(2)
    await ipa.getByText('Concentrate here').first().waitFor()
    await ipa.getByText('Possible overkill').first().waitFor()
    await ipa.getByText(/^Unclassified \(grey\)/).waitFor()
    await ipa.getByText(/Derived importance is a correlation/).waitFor()
    await expect(ipa.getByText(new RegExp(`${bubbles} touchpoints, n = \\d+`)).count()).resolves.toBe(1)
    await ipa.getByText('Show as a table').click()
    await expect(ipa.getByRole('table').locator('tbody tr').count()).resolves.toBe(bubbles)
    await ipa.getByText('Show as a table').click()

    await painGain.getByText('Show as a table').click()
    await painGain.getByRole('table').waitFor()
    await painGain.getByText('Show as a table').click()

    await screenshot(page, 'dashboard-01-all')
    await painGain.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard-02-pain-gain.png') })
    await emotion.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard-02-emotion.png') })
    await scores.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard-02-scores.png') })
    await ipa.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard-03-ipa.png') })
  })

  it('lists the moments of truth and a joint display row per touchpoint with the finding’s verdict', async () => {
    const data = await call<DashboardJson>('get', '/dashboard')
    const moments = page.getByRole('table', { name: 'Moments of truth' })
    await moments.waitFor()
    expect(await moments.locator('tbody tr').count()).toBeGreaterThan(0)
    await expect(moments.getByText(/^n = \d+ satisfied \/ \d+ dissatisfied$/).count()).resolves.toBeGreaterThan(0)
    await page.getByText(/A correlational what-if, not a causal estimate\./).waitFor()
    await moments.scrollIntoViewIfNeeded()
    await page
      .getByTestId('dashboard-moments')
      .screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard-04-moments.png') })

    const joint = page.getByRole('table', { name: 'Joint display per touchpoint' })
    await joint.waitFor()
    await expect(joint.locator('tr[data-touchpoint]').count()).resolves.toBe(data.touchpoints.length)
    // journey order, as the API gives it
    const order = await joint
      .locator('tr[data-touchpoint]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-touchpoint')))
    expect(order).toEqual(data.touchpoints.map((t) => t.id))
    await expect(joint.locator('.code-chip').count()).resolves.toBeGreaterThan(0)
    await expect(joint.locator('blockquote.quote').count()).resolves.toBeGreaterThan(0)
    const row = joint.locator(`tr[data-touchpoint="${findingTouchpoint}"]`)
    await row.getByText(findingStatement).waitFor()
    const verdict = await row.locator('[data-verdict]').first().getAttribute('data-verdict')
    expect(['supported', 'contradicted', 'inconclusive']).toContain(verdict)
    await page.getByTestId('dashboard-joint').screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard-05-joint.png') })
  })

  it('opens the quotes behind a pain bar, and from the keyboard, and gives focus back', async () => {
    const painGain = figure('Pain and gain per touchpoint')
    await painGain.scrollIntoViewIfNeeded()
    // the first series is the coded pain; a touchpoint without any draws a bar of width 0, which is not clickable
    const bars = painGain.locator('.recharts-bar').first().locator('.recharts-bar-rectangle')
    let clicked = false
    for (let i = 0; i < (await bars.count()) && !clicked; i++) {
      const box = await bars.nth(i).boundingBox()
      if (box && box.width > 3) {
        const request = page.waitForRequest((r) => isQuotesRequest(r.url()))
        await bars.nth(i).click()
        const params = new URL((await request).url()).searchParams
        expect(params.get('valence')).toBe('pain')
        expect(params.get('touchpointId')).toMatch(/^[0-9a-f-]{36}$/)
        clicked = true
      }
    }
    expect(clicked).toBe(true)
    const dialog = page.getByRole('dialog', { name: /^Pain at / })
    await dialog.waitFor()
    await dialog.locator('blockquote').first().waitFor()
    expect(await dialog.locator('blockquote').count()).toBeGreaterThan(0)
    await dialog.getByText(/quotes?, with the dashboard's filters\./).waitFor()
    // the dialog sits in the viewport, so this one is not a full-page shot
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard-06-quotes.png') })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })

    // the table's counts are buttons: Enter opens, Escape closes, focus returns to the button
    await painGain.getByText('Show as a table').click()
    const button = painGain.getByRole('button', { name: /^\d+ pain quotes at / }).first()
    await button.focus()
    await page.keyboard.press('Enter')
    await page
      .getByRole('dialog', { name: /^Pain at / })
      .locator('blockquote')
      .first()
      .waitFor()
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'hidden' })
    await expect.poll(() => button.evaluate((b) => b === document.activeElement)).toBe(true)
    await painGain.getByText('Show as a table').click()

    // and from the joint display's counts
    const joint = page.getByRole('table', { name: 'Joint display per touchpoint' })
    await joint
      .getByRole('button', { name: /^\d+ gain quotes at / })
      .first()
      .click()
    await page
      .getByRole('dialog', { name: /^Gain at / })
      .locator('blockquote')
      .first()
      .waitFor()
    await page.getByRole('button', { name: 'Close' }).click()
    await page.getByRole('dialog').waitFor({ state: 'hidden' })
  })

  it('sends the persona, the segment and the period to the API, the quotes too', async () => {
    const model = (await (await page.request.get(`/api/v1/studies/${studyId}/model`)).json()) as {
      personas: { id: string; name: string }[]
    }
    expect(model.personas.length).toBeGreaterThan(0)
    const persona = model.personas[0]!
    const all = await call<DashboardJson>('get', '/dashboard')
    const segment = all.segments.find((s) => s.key === 'customerType')
    expect(segment?.values).toEqual(expect.arrayContaining(['new', 'returning']))

    let request = page.waitForRequest((r) => isDashboardRequest(r.url()) && r.url().includes('segment='))
    await page.getByRole('combobox', { name: /^Segment/ }).selectOption('customerType:new')
    expect(new URL((await request).url()).searchParams.get('segment')).toBe('customerType:new')
    // fewer questionnaires, still drawn
    await expect
      .poll(async () =>
        Number(/based on (\d+)/.exec((await page.getByTestId('dashboard-responses').textContent()) ?? '')?.[1]),
      )
      .toBeLessThan(all.responses)
    await figure('Importance–performance matrix').locator('.recharts-scatter-symbol').first().waitFor()
    const quotes = page.waitForRequest((r) => isQuotesRequest(r.url()))
    await page
      .getByRole('table', { name: 'Joint display per touchpoint' })
      .getByRole('button', { name: /^\d+ (pain|gain) quotes at / })
      .first()
      .click()
    expect(new URL((await quotes).url()).searchParams.get('segment')).toBe('customerType:new')
    await page.getByRole('dialog').locator('.quotes-drawer').waitFor()
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'hidden' })
    await screenshot(page, 'dashboard-07-segment-new')

    request = page.waitForRequest((r) => isDashboardRequest(r.url()) && r.url().includes('personaId='))
    await page.getByRole('combobox', { name: /^Persona/ }).selectOption(persona.id)
    let params = new URL((await request).url()).searchParams
    expect(params.get('personaId')).toBe(persona.id)
    expect(params.get('segment')).toBe('customerType:new')
    await figure('Pain and gain per touchpoint').waitFor()

    request = page.waitForRequest((r) => isDashboardRequest(r.url()) && r.url().includes('from='))
    await page.getByRole('textbox', { name: 'From', exact: true }).fill('2020-01-01')
    params = new URL((await request).url()).searchParams
    expect(params.get('from')).toBe('2020-01-01')
    expect(params.get('personaId')).toBe(persona.id)

    // a period long before the study: every chart says so instead of drawing an empty chart
    request = page.waitForRequest((r) => isDashboardRequest(r.url()) && r.url().includes('to='))
    await page.getByRole('textbox', { name: 'To', exact: true }).fill('2020-01-31')
    await request
    for (const title of [
      'Pain and gain per touchpoint',
      'Emotion curve',
      'Touchpoint scores',
      'Net Promoter Score',
      'Importance–performance matrix',
    ]) {
      await figure(title).getByText('No data yet').waitFor()
    }
    await page.getByText('Survey figures based on 0 completed questionnaires.').waitFor()
    await screenshot(page, 'dashboard-08-filtered-empty')

    // unfiltered again (from the cache, so no request to wait for)
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await expect.poll(() => page.getByRole('combobox', { name: /^Segment/ }).inputValue()).toBe('')
    await figure('Emotion curve').locator('.recharts-line-curve').first().waitFor()
    await figure('Importance–performance matrix').locator('.recharts-scatter-symbol').first().waitFor()
  })

  it('reads in Dutch', async () => {
    const nl = await signInDutch(browser, product)
    try {
      await nl.page.setViewportSize({ width: 1280, height: 900 })
      await nl.page.goto(`/#/studies/${studyId}/dashboard`)
      await nl.page.getByRole('heading', { name: 'Klantreisdashboard', level: 2 }).waitFor()
      await nl.page
        .getByRole('navigation', { name: 'Onderdelen van het onderzoek' })
        .getByRole('link', { name: 'Dashboard', exact: true })
        .waitFor()
      await nl.page.getByRole('figure', { name: /^Emotiecurve/ }).waitFor()
      await nl.page.getByRole('figure', { name: /^Pijn en winst per contactmoment/ }).waitFor()
      await nl.page
        .getByRole('figure', { name: /^Belang-prestatiematrix/ })
        .locator('.recharts-scatter-symbol')
        .first()
        .waitFor()
      await nl.page.getByRole('table', { name: 'Moments of truth' }).waitFor()
      await nl.page.getByRole('table', { name: 'Joint display per contactmoment' }).waitFor()
      await nl.page.getByRole('combobox', { name: /^Segment/ }).waitFor()
      await nl.page.getByText(/^Vragenlijstcijfers op basis van \d+ ingevulde vragenlijsten\.$/).waitFor()
      await screenshot(nl.page, 'dashboard-09-nl')
    } finally {
      await nl.context.close()
    }
  })
})

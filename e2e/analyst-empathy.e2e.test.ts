import { randomUUID } from 'node:crypto'
import { request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type BrowserContext, type Page, screenshot } from './support/browser.js'
import type { Product } from './support/product.js'
import { closeDemoStudy, openDemoStudy, signInDutch, studyTab } from './support/analyst.js'

/**
 * The evidence-backed empathy map and "Add a question for this finding", against the built product.
 * Seeded through the API as an analyst and a participant would: diary passages of the demo study are
 * coded (a pain, a gain, one with a code only), a participant of the first persona fills in an
 * empathy-map questionnaire whose items are coded; then a finding with pain evidence and no survey
 * item (verdict "silence") gets its CSAT question in the draft of a published survey from the
 * Findings tab.
 */

let product: Product
let browser: Browser
let context: BrowserContext
let page: Page
let studyId: string
let dutch: BrowserContext | undefined

type Tp = { id: string; name: string; stageId: string; position: number }
type Item = {
  codingId: string
  quote: string
  participant: string | null
  touchpointName: string | null
  source: string
}
type Map6 = { participants: number; boxes: Record<'says' | 'thinks' | 'does' | 'feels' | 'pains' | 'gains', Item[]> }

beforeAll(async () => {
  ;({ product, browser, context, page, studyId } = await openDemoStudy())
})
afterAll(async () => {
  await dutch?.close()
  await closeDemoStudy({ product, browser, context })
})

async function csrf(): Promise<Record<string, string>> {
  const me = await (await page.request.get('/api/v1/auth/me')).json()
  return { 'x-csrf-token': me.csrfToken }
}
const base = () => `/api/v1/studies/${studyId}`
async function call<T>(method: 'get' | 'post' | 'put' | 'patch', path: string, data?: unknown): Promise<T> {
  const res =
    method === 'get'
      ? await page.request.get(`${base()}${path}`)
      : await page.request[method](`${base()}${path}`, { headers: await csrf(), data: data ?? {} })
  expect(res.ok(), `${method.toUpperCase()} ${path}: ${res.status()} ${await res.text()}`).toBe(true)
  return (res.status() === 204 ? null : await res.json()) as T
}
const code = (source: string, end: number, body: object) =>
  call<{ id: string; quote: string }>('put', `/codings/${randomUUID()}`, { source, start: 0, end, ...body })

let tps: Tp[] = []
let personas: { id: string; name: string }[] = []
const BOXES = ['says', 'thinks', 'does', 'feels', 'pains', 'gains'] as const
const LABELS = { says: 'Says', thinks: 'Thinks', does: 'Does', feels: 'Feels', pains: 'Pains', gains: 'Gains' } as const
const items = [
  { box: 'says', text: 'Where is my parcel? <b>Nobody</b> tells me.', valence: 'pain' },
  { box: 'thinks', text: 'Maybe the shop forgot my order.', valence: 'pain' },
  { box: 'hears', text: 'My neighbour says they always deliver on time.', valence: 'gain' },
]
const painQuote = { text: '' }
const silence = 'Customers worry about the first step'

describe('analyst empathy map', () => {
  it('seeds coded diary passages and a coded empathy map of a participant of the first persona', async () => {
    const model = await call<{
      stages: { id: string; position: number }[]
      touchpoints: Tp[]
      personas: { id: string; name: string; position: number }[]
    }>('get', '/model')
    const stagePos = new Map(model.stages.map((s) => [s.id, s.position]))
    tps = [...model.touchpoints].sort(
      (a, b) => stagePos.get(a.stageId)! - stagePos.get(b.stageId)! || a.position - b.position,
    )
    personas = [...model.personas].sort((a, b) => a.position - b.position)
    expect(personas.length).toBeGreaterThanOrEqual(2)
    const codebook = await call<{ id: string }>('post', '/codes', { name: 'Waiting' })

    // three diary passages: a pain, a gain, and one coded with a code only
    // the participant's own pain or gain is the coder's reading here, so the map reads true
    const sources = (
      await call<{ items: { ref: string; text: string; suggestion: { valence: string | null } }[] }>(
        'get',
        '/sources?kind=diary_entry&limit=50',
      )
    ).items.filter((x) => x.text.length > 20)
    const ofValence = (v: string) => sources.find((x) => x.suggestion.valence === v)!
    const diary = [
      ofValence('pain'),
      ofValence('gain'),
      sources.find((x) => x.suggestion.valence !== 'pain' && x.suggestion.valence !== 'gain') ??
        sources.find((x) => x !== ofValence('pain') && x !== ofValence('gain'))!,
    ]
    expect(new Set(diary.map((x) => x?.ref)).size).toBe(3)
    const end = (text: string) => {
      const stop = text.search(/[.!?](\s|$)/)
      return stop > 10 ? stop + 1 : Math.min(text.length, 60)
    }
    painQuote.text = (
      await code(diary[0]!.ref, end(diary[0]!.text), { touchpointId: tps[0]!.id, valence: 'pain' })
    ).quote
    await code(diary[1]!.ref, end(diary[1]!.text), { touchpointId: tps[1]!.id, valence: 'gain' })
    await code(diary[2]!.ref, end(diary[2]!.text), { touchpointId: tps[1]!.id, codeIds: [codebook.id] })

    // an empathy-map questionnaire, published and answered by a participant with a personal link
    const survey = await call<{ id: string }>('post', '/surveys', { title: 'Empathy map', kind: 'empathy_map' })
    await call('post', `/surveys/${survey.id}/publish`)
    const p = await call<{ id: string }>('post', '/participants', {
      email: `empathy-${Date.now()}@example.com`,
      name: 'Eva Example',
      language: 'en',
      personaId: personas[0]!.id,
    })
    const link = await call<{ link: string }>('post', `/participants/${p.id}/link`)
    const ctx = await request.newContext({ baseURL: product.url })
    const responseId = randomUUID()
    try {
      expect((await ctx.get(new URL(link.link).pathname, { maxRedirects: 0 })).status()).toBe(303)
      const me = (await (await ctx.get('/api/v1/respondent/me')).json()) as {
        consent: { version: number; given: boolean } | null
      }
      const headers = { 'x-requested-with': 'klantreis', 'x-klantreis-participant': p.id }
      if (me.consent && !me.consent.given)
        expect(
          (await ctx.post('/api/v1/respondent/consent', { headers, data: { version: me.consent.version } })).ok(),
        ).toBe(true)
      const res = await ctx.put(`/api/v1/respondent/surveys/${survey.id}/responses/${responseId}`, {
        headers,
        data: { version: 1, answers: { empathy: { items } }, complete: true },
      })
      expect(res.status(), await res.text()).toBe(201)
    } finally {
      await ctx.dispose()
    }
    for (const [i, item] of items.entries())
      await code(`empathy_item:${responseId}:empathy:${i}`, item.text.length, {
        touchpointId: tps[0]!.id,
        ...(i === 0 ? { codeIds: [codebook.id] } : {}),
      })
  })

  it('shows the six boxes with the quotes where the rule puts them, each with its pseudonym, touchpoint and a link to its source', async () => {
    const all = await call<Map6>('get', '/empathy-map')
    const quotesOf = (m: Map6, box: (typeof BOXES)[number]) => m.boxes[box].map((i) => i.quote)
    expect(quotesOf(all, 'says')).toContain(items[0]!.text)
    expect(quotesOf(all, 'thinks')).toContain(items[1]!.text)
    expect(quotesOf(all, 'gains')).toContain(items[2]!.text) // a "hears" item that is a gain
    expect(quotesOf(all, 'pains')).toContain(painQuote.text)

    await studyTab(page, 'Empathy map').click()
    await page.getByRole('heading', { name: 'Empathy map', level: 2 }).waitFor()
    expect(page.url()).toContain(`#/studies/${studyId}/empathy`)
    for (const box of BOXES) {
      const region = page.getByRole('region', { name: new RegExp(`^${LABELS[box]} \\(`) })
      await region.waitFor()
      // the page shows exactly what the API put in the box, in its order
      await expect
        .poll(() => region.locator('li blockquote').allTextContents())
        .toEqual(all.boxes[box].map((i) => `“${i.quote}”`))
    }
    // participant text is text: the <b> in the answer is shown, not rendered
    const says = page.getByRole('region', { name: /^Says \(/ })
    expect(await says.locator('b').count()).toBe(0)
    await says.getByText(items[0]!.text, { exact: false }).waitFor()
    const first = all.boxes.says.find((i) => i.quote === items[0]!.text)!
    const li = says.locator(`li[data-coding="${first.codingId}"]`)
    expect(first.participant).toMatch(/^P-[0-9a-f]{6}$/)
    await li.getByText(first.participant!, { exact: true }).waitFor()
    await li.getByText(tps[0]!.name, { exact: true }).waitFor()
    await li.getByText('Waiting', { exact: true }).waitFor()
    expect(await page.locator('.empathy-map').textContent()).not.toContain('Eva Example')
    await screenshot(page, 'empathy-01-all-participants')

    // one persona: only their items
    await page.getByLabel('Persona').selectOption({ label: personas[0]!.name })
    const mine = await call<Map6>('get', `/empathy-map?personaId=${personas[0]!.id}`)
    await expect
      .poll(() => page.getByTestId('empathy-summary').textContent())
      .toBe(
        `${BOXES.reduce((n, b) => n + mine.boxes[b].length, 0)} items from ${mine.participants} participant${mine.participants === 1 ? '' : 's'}`,
      )
    await expect
      .poll(() => says.locator('li blockquote').allTextContents())
      .toEqual(mine.boxes.says.map((i) => `“${i.quote}”`))
    await screenshot(page, 'empathy-02-persona')

    // the link opens the coding workbench on that source
    await li.getByRole('link', { name: `Open the source of “${items[0]!.text}” in the coding workbench` }).click()
    await page.waitForURL(/\/coding\?source=/)
    expect(decodeURIComponent(page.url())).toContain(`source=${first.source}`)
  })

  it('adds a question for a silent finding to the draft of a published survey, once', async () => {
    // a published survey with one NPS question; its draft is where the CSAT question goes
    const survey = await call<{ id: string }>('post', '/surveys', { title: 'Follow-up survey', kind: 'survey' })
    const draft = {
      kind: 'survey',
      languages: ['nl', 'en'],
      pages: [
        {
          id: 'p1',
          title: { nl: 'Tot slot', en: 'Finally' },
          questions: [{ id: 'nps', type: 'nps', required: true, text: { nl: 'Aanbevelen?', en: 'Recommend?' } }],
        },
      ],
    }
    await call('patch', `/surveys/${survey.id}`, { draft })
    await call('post', `/surveys/${survey.id}/publish`)
    const pain = (
      await call<{ items: { id: string; quote: string; valence: string | null }[] }>('get', '/codings')
    ).items.find((c) => c.quote === painQuote.text)!
    const f = await call<{ id: string }>('post', '/findings', {
      statement: silence,
      touchpointIds: [tps[0]!.id],
      codingIds: [pain.id],
    })

    await page.goto(`/#/studies/${studyId}/findings`)
    const table = page.getByRole('table', { name: 'Joint display: findings and evidence' })
    const row = table.locator(`tr[data-finding="${f.id}"]`)
    await expect.poll(() => row.locator('[data-verdict]').textContent()).toBe('Silence')
    const button = row.getByRole('button', { name: `Add a question for ${silence}` })
    await button.waitFor()
    await screenshot(page, 'empathy-03-silence-finding')
    await button.click()
    await row
      .getByRole('status')
      .getByText(
        `A CSAT question about ${tps[0]!.name} is now in the draft of “Follow-up survey”. Publish the survey to start measuring.`,
      )
      .waitFor()
    await row.getByText(`How satisfied are you with ${tps[0]!.name}? (in the draft, not yet published)`).waitFor()
    await expect.poll(() => button.count()).toBe(0)
    await row.getByText('bottom-2-box higher than the rest of the journey', { exact: false }).waitFor()
    await screenshot(page, 'empathy-04-question-added')

    // the draft has it, the published version does not, and the finding points at it
    const detail = await call<{
      draft: { pages: { questions: { id: string; type: string; touchpointId?: string | null }[] }[] }
      versions: unknown[]
    }>('get', `/surveys/${survey.id}`)
    const added = detail.draft.pages.flatMap((p) => p.questions).filter((q) => q.type === 'csat')
    expect(added).toEqual([expect.objectContaining({ touchpointId: tps[0]!.id })])
    expect(detail.versions).toHaveLength(1)
    const finding = await call<{
      operationalizations: { surveyId: string; questionId: string; metric: string; primary: boolean }[]
    }>('get', `/findings/${f.id}`)
    expect(finding.operationalizations).toEqual([
      expect.objectContaining({ surveyId: survey.id, questionId: added[0]!.id, metric: 'bottom2box', primary: true }),
    ])
    // asking again adds nothing
    const again = await page.request.post(`${base()}/findings/${f.id}/question`, {
      headers: await csrf(),
      data: { surveyId: survey.id },
    })
    expect(again.status()).toBe(200)
    expect(
      (await call<typeof detail>('get', `/surveys/${survey.id}`)).draft.pages.flatMap((p) => p.questions),
    ).toHaveLength(2)
  })

  it('speaks Dutch', async () => {
    const nl = await signInDutch(browser, product)
    dutch = nl.context
    await nl.page.goto(`/#/studies/${studyId}/empathy`)
    await nl.page.getByRole('heading', { name: 'Empathy map', level: 2 }).waitFor()
    for (const label of ['Zegt', 'Denkt', 'Doet', 'Voelt', 'Pijnpunten', 'Winstpunten'])
      await nl.page.getByRole('region', { name: new RegExp(`^${label} \\(`) }).waitFor()
    await nl.page.getByRole('link', { name: `De bron van “${items[0]!.text}” openen in de codeerwerkbank` }).waitFor()
    await screenshot(nl.page, 'empathy-05-dutch')
  })
})

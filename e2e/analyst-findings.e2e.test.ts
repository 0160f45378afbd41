import { randomUUID } from 'node:crypto'
import { request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type BrowserContext, type Page, screenshot } from './support/browser.js'
import type { Product } from './support/product.js'
import { closeDemoStudy, openDemoStudy, signInDutch, studyTab } from './support/analyst.js'

/**
 * Findings and the joint display (docs/analysis.md §5–6) against the built product: a CSAT survey on three
 * touchpoints of the demo journey, published and answered by 36 respondents (30 participants with
 * personal links and consent, 6 through an anonymous link), designed like findings.int.test.ts so
 * that one finding is supported, one contradicted, one inconclusive and one silent. The first
 * finding is made in the UI; the joint display shows each verdict with its Δ and CI; then Dutch.
 */

let product: Product
let browser: Browser
let context: BrowserContext
let page: Page
let studyId: string
let dutch: BrowserContext | undefined

type Tp = { id: string; name: string; stageId: string; position: number }
type Verification = {
  items: {
    findingId: string
    status: string
    fit: string
    results: {
      estimate: number | null
      lower: number | null
      upper: number | null
      nNeeded: number | null
      target: { n: number }
    }[]
  }[]
}

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

let tps: Tp[] = []
const quotes: string[] = []
let surveyId = ''
const N_PARTICIPANTS = 30 // the personal link allows 30 openings a minute from one address
const N_ANONYMOUS = 6
const N = N_PARTICIPANTS + N_ANONYMOUS
/** i < 18 unhappy with touchpoint 1; 2 of 36 unhappy with touchpoint 2; 19 of 36 (52.8 %) happy with touchpoint 3. */
const answersOf = (i: number) => ({ c1: i < 18 ? 1 + (i % 2) : 4, c2: i < 2 ? 2 : 5, c3: i < 19 ? 4 + (i % 2) : 3 })
const statements = {
  supported: 'Getting the parcel delivered frustrates customers',
  contradicted: 'The second step frustrates customers',
  inconclusive: 'Most customers are happy with the third step',
  silence: 'The packaging is wasteful',
}
const ids: Record<keyof typeof statements, string> = { supported: '', contradicted: '', inconclusive: '', silence: '' }

describe('analyst findings', () => {
  it('seeds a published CSAT survey on three touchpoints with 36 complete responses', async () => {
    const model = await call<{ stages: { id: string; position: number }[]; touchpoints: Tp[] }>('get', '/model')
    const stagePos = new Map(model.stages.map((s) => [s.id, s.position]))
    tps = [...model.touchpoints]
      .sort((a, b) => stagePos.get(a.stageId)! - stagePos.get(b.stageId)! || a.position - b.position)
      .slice(0, 3)
    expect(tps).toHaveLength(3)
    const q = (id: string, tp: Tp) => ({
      id,
      type: 'csat',
      required: true,
      touchpointId: tp.id,
      measure: 'satisfaction',
      text: { en: `How satisfied were you with ${tp.name}?`, nl: `Hoe tevreden was je over ${tp.name}?` },
    })
    const draft = {
      kind: 'survey',
      languages: ['nl', 'en'],
      pages: [
        {
          id: 'p1',
          title: { nl: 'Tevredenheid', en: 'Satisfaction' },
          questions: [q('c1', tps[0]!), q('c2', tps[1]!), q('c3', tps[2]!)],
        },
      ],
    }
    const s = await call<{ id: string }>('post', '/surveys', { title: 'CSAT per touchpoint', kind: 'survey' })
    surveyId = s.id
    await call('patch', `/surveys/${surveyId}`, { draft })
    await call('post', `/surveys/${surveyId}/publish`)

    const respondentHeaders = { 'x-requested-with': 'klantreis' }
    const answer = async (
      ctx: Awaited<ReturnType<typeof request.newContext>>,
      i: number,
      extra: Record<string, string> = {},
      anonymous = false,
    ) => {
      const url = anonymous
        ? `/api/v1/anonymous/responses/${randomUUID()}`
        : `/api/v1/respondent/surveys/${surveyId}/responses/${randomUUID()}`
      const res = await ctx.put(url, {
        headers: { ...respondentHeaders, ...extra },
        data: { version: 1, answers: answersOf(i), complete: true },
      })
      expect(res.status(), await res.text()).toBe(201)
    }
    // participants: personal link → cookie → consent → answers
    const participants = await Promise.all(
      Array.from({ length: N_PARTICIPANTS }, async (_, i) => {
        const p = await call<{ id: string }>('post', '/participants', {
          email: `findings-${i}-${Date.now()}@example.com`,
          name: `Respondent ${i}`,
          language: 'en',
        })
        const link = await call<{ link: string }>('post', `/participants/${p.id}/link`)
        return { id: p.id, path: new URL(link.link).pathname }
      }),
    )
    for (const [i, p] of participants.entries()) {
      const ctx = await request.newContext({ baseURL: product.url })
      try {
        const opened = await ctx.get(p.path, { maxRedirects: 0 })
        expect(opened.status()).toBe(303)
        const me = (await (await ctx.get('/api/v1/respondent/me')).json()) as {
          consent: { version: number; given: boolean } | null
        }
        if (me.consent && !me.consent.given) {
          const c = await ctx.post('/api/v1/respondent/consent', {
            headers: respondentHeaders,
            data: { version: me.consent.version },
          })
          expect(c.ok(), await c.text()).toBe(true)
        }
        await answer(ctx, i, { 'x-klantreis-participant': p.id })
      } finally {
        await ctx.dispose()
      }
    }
    // the rest through an anonymous link, one browser session each
    const anon = await call<{ link: string }>('post', `/surveys/${surveyId}/anonymous-links`, {})
    for (let i = N_PARTICIPANTS; i < N; i++) {
      const ctx = await request.newContext({ baseURL: product.url })
      try {
        expect((await ctx.get(new URL(anon.link).pathname, { maxRedirects: 0 })).status()).toBe(303)
        await answer(ctx, i, {}, true)
      } finally {
        await ctx.dispose()
      }
    }
    const results = await call<{ completed: number }>('get', `/surveys/${surveyId}/results`)
    expect(results.completed).toBe(N)

    // evidence: three coded passages of the demo diary, about the first touchpoint
    const sources = (await call<{ items: { ref: string; text: string }[] }>('get', '/sources?limit=50')).items
      .filter((x) => x.text.length > 20)
      .slice(0, 3)
    expect(sources.length).toBe(3)
    for (const src of sources) {
      const stop = src.text.search(/[.!?](\s|$)/)
      const end = stop > 10 ? stop + 1 : Math.min(src.text.length, 60)
      const c = await call<{ quote: string }>('put', `/codings/${randomUUID()}`, {
        source: src.ref,
        start: 0,
        end,
        touchpointId: tps[0]!.id,
        valence: 'pain',
        codeIds: [],
      })
      quotes.push(c.quote)
    }
  })

  it('creates a finding in the UI: statement, touchpoint, a CSAT question measured as bottom-2-box against the rest', async () => {
    await studyTab(page, 'Findings').click()
    await page.getByRole('heading', { name: 'Findings', level: 2 }).waitFor()
    expect(page.url()).toContain(`#/studies/${studyId}/findings`)
    await page.getByText('No findings yet.').waitFor()

    await page.getByRole('button', { name: 'Add a finding' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add a finding' })
    // an empty statement: the API's field error shows at the field
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.locator('.field__error').first().waitFor()
    await dialog.getByLabel('Statement').fill(statements.supported)
    await dialog.getByRole('group', { name: 'Touchpoints' }).getByLabel(tps[0]!.name, { exact: true }).check()
    // evidence: two of the coded passages, picked by their quotes
    for (const quote of quotes.slice(0, 2)) await dialog.getByRole('checkbox', { name: quote }).check()
    await dialog.getByRole('button', { name: 'Add an operationalization' }).click()
    const op = dialog.getByRole('group', { name: 'Operationalization 1' })
    await op.getByLabel('Question').selectOption({ label: `How satisfied were you with ${tps[0]!.name}? (CSAT)` })
    // a CSAT question offers only the metrics of its type
    expect(await op.getByLabel('Metric').locator('option').allTextContents()).toEqual([
      'top-2-box',
      'bottom-2-box',
      'mean',
    ])
    await op.getByLabel('Metric').selectOption({ label: 'bottom-2-box' })
    await op.getByLabel('Claim').selectOption({ label: 'Compared with other touchpoints' })
    await op.getByLabel('Compared with').selectOption({ label: 'the rest of the journey' })
    await op.getByLabel('Direction').selectOption({ label: 'higher' })
    expect(await op.getByLabel('SESOI (smallest effect of interest)').inputValue()).toBe('5')
    expect(await op.getByLabel('Primary (sets the verdict)').isChecked()).toBe(true)
    await screenshot(page, 'findings-01-dialog')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.waitFor({ state: 'hidden' })

    const list = await call<{
      items: {
        id: string
        statement: string
        evidence: { quote: string; participant: string | null }[]
        operationalizations: { metric: string; sesoi: number; primary: boolean; claim: unknown; questionId: string }[]
      }[]
    }>('get', '/findings')
    const made = list.items.find((f) => f.statement === statements.supported)!
    expect(made.operationalizations).toEqual([
      expect.objectContaining({
        questionId: 'c1',
        metric: 'bottom2box',
        sesoi: 0.05,
        primary: true,
        claim: { kind: 'comparative', reference: 'rest', direction: 'higher' },
      }),
    ])
    expect(made.evidence.map((e) => e.quote).sort()).toEqual(quotes.slice(0, 2).sort())
    ids.supported = made.id
  })

  it('makes the other three findings through the API', async () => {
    const worse = { kind: 'comparative', reference: 'rest', direction: 'higher' }
    ids.contradicted = (
      await call<{ id: string }>('post', '/findings', {
        statement: statements.contradicted,
        touchpointIds: [tps[1]!.id],
        operationalizations: [{ surveyId, questionId: 'c2', metric: 'bottom2box', claim: worse }],
      })
    ).id
    ids.inconclusive = (
      await call<{ id: string }>('post', '/findings', {
        statement: statements.inconclusive,
        touchpointIds: [tps[2]!.id],
        operationalizations: [
          {
            surveyId,
            questionId: 'c3',
            metric: 'top2box',
            claim: { kind: 'level', threshold: 0.5, direction: 'at_least' },
          },
        ],
      })
    ).id
    ids.silence = (
      await call<{ id: string }>('post', '/findings', {
        statement: statements.silence,
        touchpointIds: [tps[0]!.id],
        codingIds: [],
      })
    ).id
  })

  it('shows the joint display with exactly Supported / Contradicted / Inconclusive / Silence and their numbers', async () => {
    const v = await call<Verification>('get', '/findings/verification')
    const of = (id: string) => v.items.find((x) => x.findingId === id)!
    expect(of(ids.supported).status).toBe('supported')
    expect(of(ids.contradicted).status).toBe('contradicted')
    expect(of(ids.inconclusive).status).toBe('inconclusive')
    expect(of(ids.silence).status).toBe('silence')

    await page.reload()
    const table = page.getByRole('table', { name: 'Joint display: findings and evidence' })
    await table.waitFor()
    const row = (id: string) => table.locator(`tr[data-finding="${id}"]`)
    const expected = {
      supported: 'Supported',
      contradicted: 'Contradicted',
      inconclusive: 'Inconclusive',
      silence: 'Silence',
    } as const
    for (const [k, label] of Object.entries(expected) as [keyof typeof ids, string][]) {
      await expect.poll(() => row(ids[k]).locator('[data-verdict]').textContent()).toBe(label)
    }
    // Δ and the 95% CI in percentage points, as the API computed them
    const pp = (x: number) => {
      const s = (Math.abs(x) * 100).toFixed(1)
      return `${x > 0 && s !== '0.0' ? '+' : x < 0 && s !== '0.0' ? '−' : ''}${s} pp`
    }
    for (const k of ['supported', 'contradicted', 'inconclusive'] as const) {
      const r = of(ids[k]).results[0]!
      const text = `Δ ${pp(r.estimate!)} [${pp(r.lower!)}, ${pp(r.upper!)}]`
      expect(await row(ids[k]).locator('[data-delta]').textContent()).toBe(text)
      expect(await row(ids[k]).getByText(`Target:`).first().textContent()).toContain(`n = ${N}`)
      await row(ids[k])
        .getByRole('img', { name: /^Forest plot: estimate/ })
        .waitFor()
    }
    expect(of(ids.supported).results[0]!.estimate!).toBeGreaterThan(0.3)
    expect(of(ids.contradicted).results[0]!.upper!).toBeLessThan(0)
    // inconclusive: n needed; contradicted (discordance) without a meta-inference: the warning
    await row(ids.inconclusive)
      .getByText(`n needed ≈ ${of(ids.inconclusive).results[0]!.nNeeded}`)
      .waitFor()
    await row(ids.contradicted)
      .getByText('The strands disagree or one adds to the other: write a meta-inference.')
      .waitFor()
    await row(ids.silence).getByText('Not tested by a survey.').waitFor()
    // the qualitative strand: counts and the quotes with their pseudonyms
    await row(ids.supported)
      .getByText(/^2 codings · \d participants?$/)
      .waitFor()
    await row(ids.supported).getByText(quotes[0]!, { exact: false }).waitFor()
    // grouped by touchpoint in journey order: the first touchpoint's findings come first
    const order = await table
      .locator('tr[data-finding]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-finding')))
    expect(order.indexOf(ids.supported)).toBeLessThan(order.indexOf(ids.contradicted))
    expect(order.indexOf(ids.contradicted)).toBeLessThan(order.indexOf(ids.inconclusive))
    await screenshot(page, 'findings-02-joint-display')
  })

  it('filters by verdict and saves a meta-inference, which clears the warning', async () => {
    const table = page.getByRole('table', { name: 'Joint display: findings and evidence' })
    await page.getByLabel('Show').selectOption({ label: 'Contradicted' })
    await expect.poll(() => table.locator('tr[data-finding]').count()).toBe(1)
    const meta = page.getByLabel(`Meta-inference for ${statements.contradicted}`)
    await meta.fill('A vocal minority in the diaries; the survey says the second step goes well.')
    await page.getByRole('button', { name: 'Save meta-inference' }).click()
    await page
      .getByText('The strands disagree or one adds to the other: write a meta-inference.')
      .waitFor({ state: 'hidden' })
    await page.getByLabel('Show').selectOption({ label: 'All verdicts' })
    await expect.poll(() => table.locator('tr[data-finding]').count()).toBe(4)
  })

  it('speaks Dutch', async () => {
    const nl = await signInDutch(browser, product)
    dutch = nl.context
    await nl.page.goto(`/#/studies/${studyId}/findings`)
    await nl.page.getByRole('heading', { name: 'Bevindingen', level: 2 }).waitFor()
    const table = nl.page.getByRole('table', { name: 'Joint display: bevindingen en bewijs' })
    for (const label of ['Bevestigd', 'Weerlegd', 'Onbeslist', 'Stilte'])
      await table.locator('[data-verdict]', { hasText: label }).first().waitFor()
    await screenshot(nl.page, 'findings-03-dutch')
  })
})

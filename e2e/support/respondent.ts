import { AxeBuilder } from '@axe-core/playwright'
import { type APIRequestContext, type BrowserContext, type Page, request } from 'playwright-core'
import { expect } from 'vitest'
import { screenshot } from './browser.js'
import type { Product } from './product.js'

export const PHONE = { width: 390, height: 844 }
export const DEMO_STUDY = 'Order to delivery and returns'

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

export type AnalystEntry = {
  id: string
  text: string
  touchpointId: string | null
  proposal: { id: string; description: string; status: string } | null
  emotion: number | null
  valence: string | null
  photoId: string | null
  version: number
  participant: { id: string; pseudonym: string }
}

/**
 * The analyst side of the respondent tests, through the API: sign in with the demo login, open
 * the demo study's diary today, publish consent texts and make participants with personal links.
 */
export async function analystApi(product: Product) {
  const api: APIRequestContext = await request.newContext({ baseURL: product.url })
  const login = await api.post('/api/v1/auth/login', { data: { email: product.email, password: product.password } })
  if (!login.ok()) throw new Error(`login ${login.status()}: ${await login.text()}`)
  const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken }
  const ok = async <T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> => {
    if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`)
    return (res.status() === 204 ? null : await res.json()) as T
  }

  const studies = await ok<{ items: { id: string; title: string }[] }>(
    await api.get('/api/v1/studies?limit=100'),
    'list studies',
  )
  const study = studies.items.find((s) => s.title === DEMO_STUDY)
  if (!study) throw new Error(`no demo study among ${studies.items.map((s) => s.title).join(', ')}`)
  const base = `/api/v1/studies/${study.id}`

  const setDiaryDates = async (from: number, to: number) =>
    ok(
      await api.put(`${base}/diary`, {
        headers,
        data: {
          title: 'Your order diary',
          instructions:
            'Every time you deal with the shop (or hear about it), add a moment: what happened and how it felt.',
          startsOn: day(from),
          endsOn: day(to),
          timeZone: 'Europe/Amsterdam',
        },
      }),
      'put diary',
    )
  await setDiaryDates(-1, 30)
  await ok(
    await api.post(`${base}/consent`, {
      headers,
      data: {
        texts: {
          en: 'You take part voluntarily and may stop at any time.\n\nWe use your diary only for this study.',
          nl: 'Je doet vrijwillig mee en kunt op elk moment stoppen.\n\nWe gebruiken je dagboek alleen voor dit onderzoek.',
        },
      },
    }),
    'publish consent',
  )

  let n = 0
  return {
    studyId: study.id,
    /** Open the diary from `from` to `to` days from today (negative: in the past). */
    setDiaryDates,
    async photo(photoId: string) {
      const res = await api.get(`${base}/photos/${photoId}`)
      if (!res.ok()) throw new Error(`photo ${res.status()}`)
      return { contentType: res.headers()['content-type']?.split(';')[0], bytes: await res.body() }
    },
    /** A new participant and the path of their personal link (/r/t/<token>). */
    async participant(name: string, language: 'nl' | 'en' = 'en') {
      const email = `e2e-${Date.now()}-${++n}@example.com`
      const p = await ok<{ id: string }>(
        await api.post(`${base}/participants`, { headers, data: { email, name, language } }),
        'create participant',
      )
      const link = await ok<{ link: string }>(
        await api.post(`${base}/participants/${p.id}/link`, { headers, data: {} }),
        'create link',
      )
      return { id: p.id, link: new URL(link.link).pathname }
    },
    async entries(participantId: string) {
      const page = await ok<{ items: AnalystEntry[] }>(
        await api.get(`${base}/entries?participantId=${participantId}&limit=200`),
        'list entries',
      )
      return page.items
    },
    async proposals() {
      return (
        await ok<{ items: { id: string; description: string; status: string; entryCount: number }[] }>(
          await api.get(`${base}/proposals`),
          'proposals',
        )
      ).items
    },
    async touchpointId(name: string) {
      const model = await ok<{ touchpoints: { id: string; name: string }[] }>(await api.get(`${base}/model`), 'model')
      return model.touchpoints.find((t) => t.name === name)!.id
    },
    /** A questionnaire generated from the journey (with "why?" follow-ups), published. */
    async generatedSurvey(title: string) {
      const s = await ok<{ id: string }>(
        await api.post(`${base}/surveys/generate`, { headers, data: { title, includeWhy: true } }),
        'generate survey',
      )
      await ok(await api.post(`${base}/surveys/${s.id}/publish`, { headers, data: {} }), 'publish survey')
      return s.id
    },
    /** A starter empathy map (one empathy_map question, id 'empathy'), published. */
    async empathySurvey(title: string) {
      const s = await ok<{ id: string }>(
        await api.post(`${base}/surveys`, { headers, data: { title, kind: 'empathy_map' } }),
        'create empathy map',
      )
      await ok(await api.post(`${base}/surveys/${s.id}/publish`, { headers, data: {} }), 'publish empathy map')
      return s.id
    },
    /** An anonymous link to a questionnaire (the full link is only in this answer). */
    async anonymousLink(surveyId: string, data: { maxResponses?: number | null; expiresAt?: string | null } = {}) {
      return ok<{ id: string; link: string }>(
        await api.post(`${base}/surveys/${surveyId}/anonymous-links`, { headers, data }),
        'create anonymous link',
      )
    },
    async surveyResults(surveyId: string) {
      return ok<{
        started: number
        completed: number
        questions: { questionId: string; answered: number; distribution: { value: string; count: number }[] }[]
      }>(await api.get(`${base}/surveys/${surveyId}/results`), 'survey results')
    },
    /** Every response to a questionnaire, with its answers. */
    async surveyResponses(surveyId: string) {
      const page = await ok<{ items: { id: string }[] }>(
        await api.get(`${base}/surveys/${surveyId}/responses?limit=100`),
        'list responses',
      )
      return Promise.all(
        page.items.map((r) =>
          api
            .get(`${base}/surveys/${surveyId}/responses/${r.id}`)
            .then((res) =>
              ok<{ id: string; status: string; answers: Record<string, unknown>; participant: { id: string } | null }>(
                res,
                'response',
              ),
            ),
        ),
      )
    },
    dispose: () => api.dispose(),
  }
}

/** axe-core against WCAG 2.0–2.2 A and AA; returns the violations in a readable form. */
export async function axeViolations(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze()
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  }))
}

/** The page is controlled by the service worker, so it can be reloaded without a connection. */
export async function waitForServiceWorker(page: Page) {
  await page.waitForFunction(
    async () => {
      if (!('serviceWorker' in navigator)) return false
      await navigator.serviceWorker.ready
      return navigator.serviceWorker.controller !== null
    },
    undefined,
    { timeout: 20_000 },
  )
}

/** A screenshot to look at, from the top of the page, and no axe violations on it. */
export async function look(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0))
  await screenshot(page, name)
  expect(await axeViolations(page), `axe on ${name}`).toEqual([])
}

/** Open a personal link (agreeing to the consent text the first time): lands on the diary's home. */
export async function openLink(context: BrowserContext, link: string, agree?: string) {
  const page = await context.newPage()
  await page.goto(link)
  if (agree) await page.getByRole('button', { name: agree }).click()
  await page.getByRole('button', { name: /New moment|Nieuw moment/ }).waitFor()
  return page
}

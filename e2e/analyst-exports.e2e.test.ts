import fs from 'node:fs/promises'
import path from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDemoStudy, inviteTeammate, openDemoStudy, signInDutch, studyTab } from './support/analyst.js'
import {
  type Browser,
  type BrowserContext,
  newContext,
  type Page,
  SCREENSHOT_DIR,
  screenshot,
} from './support/browser.js'
import type { Product } from './support/product.js'
import { axeViolations } from './support/respondent.js'

/**
 * The Export tab against the built product (issue 15): a questionnaire of ten questions on the demo
 * study, published, with N complete responses inserted straight into the product's database (one
 * `insert … select … from generate_series`, as the export bench seeds), so that an XLSX export of them
 * takes long enough for its progress bar to be seen moving. Started in the UI, followed, downloaded,
 * and read back with exceljs's streaming reader; then the same screen in Dutch, on a phone, and delete.
 */

let product: Product
let browser: Browser
let context: BrowserContext
let page: Page
let studyId: string
let dutch: BrowserContext | undefined
let phone: BrowserContext | undefined

const N = 150_000
const QUESTIONS = ['q01', 'q02', 'q03', 'q04', 'q05', 'q06', 'q07', 'q08', 'q09', 'q10'] as const
const SURVEY_TITLE = 'Export wave: after the delivery'
const WIDE = 'Survey responses, one row per response'
let surveyId = ''
let exportId = ''

beforeAll(async () => {
  ;({ product, browser, context, page, studyId } = await openDemoStudy())
})
afterAll(async () => {
  await phone?.close()
  await dutch?.close()
  await closeDemoStudy({ product, browser, context })
})

async function csrf(): Promise<Record<string, string>> {
  const me = await (await page.request.get('/api/v1/auth/me')).json()
  return { 'x-csrf-token': me.csrfToken }
}
const base = () => `/api/v1/studies/${studyId}`
async function call<T>(method: 'get' | 'post' | 'patch', p: string, data?: unknown): Promise<T> {
  const res =
    method === 'get'
      ? await page.request.get(`${base()}${p}`)
      : await page.request[method](`${base()}${p}`, { headers: await csrf(), data: data ?? {} })
  expect(res.ok(), `${method.toUpperCase()} ${p}: ${res.status()} ${await res.text()}`).toBe(true)
  return (res.status() === 204 ? null : await res.json()) as T
}

/** The product's embedded PostgreSQL: its port from the postmaster's pid file, its password beside the cluster. */
async function productDatabase(): Promise<pg.Client> {
  const pid = await fs.readFile(path.join(product.dataDir, 'postgres', 'postmaster.pid'), 'utf8')
  const { password } = JSON.parse(await fs.readFile(path.join(product.dataDir, 'postgres.json'), 'utf8')) as {
    password: string
  }
  const client = new pg.Client({
    host: '127.0.0.1',
    port: Number(pid.split('\n')[3]),
    user: 'postgres',
    password,
    database: 'klantreis',
  })
  await client.connect()
  return client
}

const item = (p: Page) => p.locator(`li[data-export="${exportId}"]`)

describe('analyst exports', () => {
  it(
    `seeds a published questionnaire of ten questions with ${N} complete responses`,
    { timeout: 600_000 },
    async () => {
      const draft = {
        kind: 'survey',
        languages: ['nl', 'en'],
        pages: [
          {
            id: 'p1',
            title: { nl: 'Uw ervaring', en: 'Your experience' },
            questions: QUESTIONS.map((id, i) => ({
              id,
              type: 'likert',
              points: 5,
              required: true,
              text: { nl: `Stelling ${i + 1}`, en: `Statement ${i + 1}` },
            })),
          },
        ],
      }
      surveyId = (await call<{ id: string }>('post', '/surveys', { title: SURVEY_TITLE, kind: 'survey' })).id
      await call('patch', `/surveys/${surveyId}`, { draft })
      await call('post', `/surveys/${surveyId}/publish`)
      await call('post', `/surveys/${surveyId}/anonymous-links`, {})

      const db = await productDatabase()
      try {
        const link = await db.query<{ id: string }>('select id from survey_link where survey_id = $1', [surveyId])
        expect(link.rows).toHaveLength(1)
        // anonymous answers through the link; ids and values from integer hashes inside PostgreSQL
        const rid = `md5($1::text || ':r' || g)::uuid`
        const at = `now() - ((g::bigint * 7919) % (90 * 24 * 60)) * interval '1 minute'`
        await db.query(
          `insert into survey_response (id, survey_id, version, participant_id, link_id, status, started_at, updated_at, completed_at, rolled_up)
         select ${rid}, $1::uuid, 1, null, $2::uuid, 'complete', ${at} - interval '5 minutes', ${at}, ${at}, true
         from generate_series(1, $3::int) g`,
          [surveyId, link.rows[0]!.id, N],
        )
        await db.query(
          `insert into survey_answer (response_id, question_id, value, answered_at)
         select ${rid}, q.id, to_jsonb(1 + abs(hashint4((g * 16 + q.n)::int)) % 5), ${at}
         from generate_series(1, $2::int) g, unnest($3::text[]) with ordinality as q(id, n)`,
          [surveyId, N, [...QUESTIONS]],
        )
        await db.query('analyze survey_response, survey_answer')
        const counted = await db.query<{ n: string }>(
          'select count(*) as n from survey_answer a join survey_response r on r.id = a.response_id where r.survey_id = $1',
          [surveyId],
        )
        expect(Number(counted.rows[0]!.n)).toBe(N * QUESTIONS.length)
      } finally {
        await db.end()
      }
    },
  )

  it('shows the form, and refuses a comma separator with a decimal comma at the field', async () => {
    await studyTab(page, 'Export').click()
    await page.getByRole('heading', { name: 'Export', level: 2 }).waitFor()
    expect(page.url()).toContain(`#/studies/${studyId}/exports`)
    await page.getByText('You have not exported anything from this study yet.').waitFor()
    const datasets = page.getByRole('group', { name: 'Which data' })
    for (const name of [
      WIDE,
      'Survey answers, one row per answer',
      'Diary moments',
      'Codings',
      'Codebook',
      'Findings',
      'The dashboard’s figures',
    ])
      await datasets.getByRole('checkbox', { name, exact: true }).waitFor()
    expect(await datasets.getByRole('checkbox', { name: WIDE }).isChecked()).toBe(true)
    const format = page.getByRole('group', { name: 'Format' })
    for (const name of ['CSV', 'Excel (.xlsx)', 'SPSS (CSV + syntax)', 'JSON Lines'])
      await format.getByRole('radio', { name, exact: true }).waitFor()
    // photos only with the diary; names and addresses for the owner, who sees contact details
    expect(await page.getByRole('checkbox', { name: 'Include the diary photos' }).count()).toBe(0)
    await datasets.getByRole('checkbox', { name: 'Diary moments' }).check()
    await page.getByRole('checkbox', { name: 'Include the diary photos' }).waitFor()
    await datasets.getByRole('checkbox', { name: 'Diary moments' }).uncheck()
    await page.getByRole('checkbox', { name: 'Include names and e-mail addresses' }).waitFor()
    // an English screen defaults to English Excel
    const dialect = page.getByRole('group', { name: 'Opens in' })
    expect(await dialect.getByRole('radio', { name: 'English Excel (, and decimal point)' }).isChecked()).toBe(true)
    await screenshot(page, 'exports-01-form')
    expect(await axeViolations(page), 'axe on the export form').toEqual([])

    await dialect.getByRole('radio', { name: /^Something else/ }).check()
    await page.getByLabel('Separator', { exact: true }).selectOption({ label: 'Comma (,)' })
    await page.getByLabel('Decimal mark', { exact: true }).selectOption({ label: 'Comma (1,5)' })
    await page.getByRole('button', { name: 'Start export' }).click()
    await page.getByText('A decimal comma needs the semicolon or tab separator').waitFor()
    expect(await page.getByLabel('Decimal mark', { exact: true }).getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('li[data-export]').count()).toBe(0)
    expect(await axeViolations(page), 'axe on the refused dialect').toEqual([])
    await page.getByLabel('Decimal mark', { exact: true }).selectOption({ label: 'Point (1.5)' })
  })

  it(
    'starts an XLSX export of the wave, one job when started twice, and its progress bar moves',
    { timeout: 600_000 },
    async () => {
      await page.getByRole('radio', { name: 'Excel (.xlsx)' }).check()
      expect(await page.getByRole('group', { name: 'Opens in' }).count()).toBe(0)
      await page.getByLabel('Wave (questionnaire)').selectOption({ label: SURVEY_TITLE })
      const start = page.getByRole('button', { name: 'Start export' })
      await start.click()
      await page.locator('li[data-export]').first().waitFor()
      exportId = (await page.locator('li[data-export]').first().getAttribute('data-export'))!
      // the same export again while it runs is that job, not a second one
      await start.click()
      await expect.poll(() => start.isEnabled()).toBe(true)
      expect(await page.locator('li[data-export]').count()).toBe(1)
      await item(page)
        .getByRole('progressbar', { name: new RegExp(`^Progress of ${WIDE} \\(`) })
        .waitFor()

      // read the bar as often as the page can be asked until the job is done: its value between 0 and max
      const seen = new Set<number>()
      let max = 0
      let shot = false
      for (;;) {
        const state = await item(page).evaluate((li) => {
          const bar = li.querySelector('progress')
          return {
            status: li.getAttribute('data-status'),
            value: bar?.getAttribute('value') ?? null,
            max: bar?.getAttribute('max') ?? null,
            text: li.querySelector('.export-progress__pct')?.textContent ?? null,
          }
        })
        if (state.status === 'done' || state.status === 'failed') break
        if (state.value === null || state.max === null) continue
        const value = Number(state.value)
        max = Number(state.max)
        expect(max).toBe(N)
        if (value > 0 && value < max) {
          seen.add(value)
          expect(state.text).toBe(`${Math.floor((value / max) * 100)}%`)
          if (!shot) {
            shot = true
            await screenshot(page, 'exports-02-running')
            expect(await axeViolations(page), 'axe on a running export').toEqual([])
          }
        }
      }
      expect(await item(page).getAttribute('data-status')).toBe('done')
      expect(max).toBe(N)
      expect(seen.size, `progress values seen: ${[...seen].join(', ')}`).toBeGreaterThanOrEqual(2)
      await item(page).getByText('Ready', { exact: true }).waitFor()
      await item(page)
        .getByText(/^Available until /)
        .waitFor()
      await screenshot(page, 'exports-03-ready')
      expect(await axeViolations(page), 'axe on a finished export').toEqual([])
    },
  )

  it(
    'downloads the file, and the workbook holds one row per response under the column keys',
    { timeout: 300_000 },
    async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        item(page)
          .getByRole('link', { name: /^Download / })
          .click(),
      ])
      expect(download.suggestedFilename()).toMatch(/^klantreis-order-to-delivery-and-returns-\d{8}-\d{4}\.xlsx$/)
      expect(await item(page).getByText(download.suggestedFilename(), { exact: true }).count()).toBe(1)
      const file = (await download.path())!
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
        worksheets: 'emit',
        sharedStrings: 'cache',
        styles: 'ignore',
        hyperlinks: 'ignore',
      })
      let header: string[] = []
      let rows = 0
      let sheets = 0
      const versions = new Set<unknown>()
      for await (const sheet of reader) {
        sheets++
        for await (const row of sheet) {
          const values = (row.values as unknown[]).slice(1)
          if (row.number === 1) header = values.map(String)
          else {
            rows++
            versions.add(values[header.indexOf('version')])
          }
        }
      }
      expect(sheets).toBe(1)
      expect(header).toEqual(expect.arrayContaining([...QUESTIONS, 'version']))
      expect(rows).toBe(N)
      expect([...versions]).toEqual([1])
    },
  )

  it('speaks Dutch: the form and the status of the export', async () => {
    const nl = await signInDutch(browser, product)
    dutch = nl.context
    await nl.page.goto(`/#/studies/${studyId}/exports`)
    await nl.page.getByRole('heading', { name: 'Exporteren', level: 2 }).waitFor()
    await nl.page
      .getByRole('navigation', { name: 'Onderdelen van het onderzoek' })
      .getByRole('link', { name: 'Exporteren', exact: true })
      .waitFor()
    const datasets = nl.page.getByRole('group', { name: 'Welke gegevens' })
    await datasets.getByRole('checkbox', { name: 'Antwoorden op vragenlijsten, één rij per respons' }).waitFor()
    await datasets.getByRole('checkbox', { name: 'Dagboekmomenten' }).waitFor()
    await nl.page.getByRole('group', { name: 'Formaat' }).getByRole('radio', { name: 'Excel (.xlsx)' }).waitFor()
    // a Dutch screen defaults to Dutch Excel
    expect(
      await nl.page
        .getByRole('group', { name: 'Openen in' })
        .getByRole('radio', { name: 'Nederlandse Excel (; en decimale komma)' })
        .isChecked(),
    ).toBe(true)
    await nl.page.getByLabel('Meting (vragenlijst)').waitFor()
    await nl.page.getByRole('button', { name: 'Export starten' }).waitFor()
    await nl.page.getByRole('heading', { name: 'Jouw exports' }).waitFor()
    await item(nl.page).getByText('Klaar', { exact: true }).waitFor()
    await item(nl.page)
      .getByText(/^Beschikbaar tot /)
      .waitFor()
    await item(nl.page)
      .getByRole('link', { name: /downloaden$/ })
      .waitFor()
    await screenshot(nl.page, 'exports-04-dutch')
    expect(await axeViolations(nl.page), 'axe on the Dutch export screen').toEqual([])
  })

  it('fits a phone', async () => {
    phone = await newContext(browser, product.url, { viewport: { width: 390, height: 844 } })
    await phone.addCookies(await context.cookies())
    const small = await phone.newPage()
    await small.goto(`/#/studies/${studyId}/exports`)
    await item(small).getByText('Ready', { exact: true }).waitFor()
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, 'no sideways scrolling on a phone').toBeLessThanOrEqual(0)
    await screenshot(small, 'exports-05-phone')
    // the finished export as the phone shows it (the full page is too long to read at this width)
    await item(small).scrollIntoViewIfNeeded()
    await small.screenshot({ path: path.join(SCREENSHOT_DIR, 'exports-06-phone-export.png') })
    expect(await axeViolations(small), 'axe on the phone').toEqual([])
  })

  it('offers an expired export again, and Delete removes exports, running or not', async () => {
    // as the expiry sweep leaves it: no file, status expired
    const db = await productDatabase()
    try {
      await db.query(`update export_job set status = 'expired', file_path = null where id = $1`, [exportId])
    } finally {
      await db.end()
    }
    await page.reload()
    await item(page).getByText('Expired', { exact: true }).waitFor()
    await item(page).getByText('The file is no longer kept.').waitFor()
    expect(
      await item(page)
        .getByRole('link', { name: /^Download / })
        .count(),
    ).toBe(0)
    await screenshot(page, 'exports-07-expired')
    expect(await axeViolations(page), 'axe on an expired export').toEqual([])

    await item(page)
      .getByRole('button', { name: new RegExp(`^Export ${WIDE} \\(.*\\) again$`) })
      .click()
    await expect.poll(() => page.locator('li[data-export]').count()).toBe(2)
    const rerun = page.locator('li[data-export]').first()
    expect(await rerun.getAttribute('data-export')).not.toBe(exportId)
    expect(await rerun.getAttribute('data-status')).toMatch(/^(queued|running)$/)
    // the same spec: the wave's filter and the format came along
    await rerun.getByText('Excel (.xlsx) · Filtered').waitFor()
    await rerun.getByRole('button', { name: new RegExp(`^Delete the export of ${WIDE} \\(`) }).click()
    await expect.poll(() => page.locator('li[data-export]').count()).toBe(1)
    await item(page)
      .getByRole('button', { name: new RegExp(`^Delete the export of ${WIDE} \\(`) })
      .click()
    await page.getByText('You have not exported anything from this study yet.').waitFor()
    const gone = await page.request.get(`${base()}/exports/${exportId}/download`)
    expect(gone.status()).toBe(404)
  })

  it('a viewer exports pseudonymised data only: no names and addresses offered, a codebook for Dutch Excel, segment-filtered', async () => {
    // a participant with a segment, so the segment filter has something to offer
    await call('post', '/participants', {
      email: `exports-segment-${Date.now()}@example.com`,
      name: 'Segment Sam',
      language: 'en',
      segments: { region: 'north' },
    })
    const { context: viewer, page: v } = await inviteTeammate(page, browser, product, {
      email: `exports-viewer-${Date.now()}@example.com`,
      role: 'viewer',
      name: 'Vera Viewer',
    })
    try {
      await v.goto(`/#/studies/${studyId}/exports`)
      await v.getByRole('heading', { name: 'Export', level: 2 }).waitFor()
      await v.getByText('You have not exported anything from this study yet.').waitFor()
      // exporting is not an edit: no read-only notice, and the form is there
      expect(await v.getByText('You can view this, but your role does not allow changes.').count()).toBe(0)
      expect(await v.getByRole('checkbox', { name: 'Include names and e-mail addresses' }).count()).toBe(0)
      const datasets = v.getByRole('group', { name: 'Which data' })
      await datasets.getByRole('checkbox', { name: WIDE }).uncheck()
      await datasets.getByRole('checkbox', { name: 'Codebook', exact: true }).check()
      await v.getByRole('radio', { name: 'Dutch Excel (; and decimal comma)' }).check()
      await v.getByLabel('Segment', { exact: true }).selectOption({ label: 'region: north' })
      await v.getByRole('button', { name: 'Start export' }).click()
      const job = v.locator('li[data-export]').first()
      await job.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 })
      await job.getByText('CSV · Dutch Excel (; and decimal comma) · Filtered').waitFor()
      // the viewer's list answers with the filter as it was asked: 'key:value' on the wire
      const listed = await v.request.get(`${base()}/exports`)
      expect(listed.status(), await listed.text()).toBe(200)
      const items = ((await listed.json()) as { items: { spec: { filters: { segment?: unknown } } }[] }).items
      expect(items.map((x) => x.spec.filters.segment)).toEqual(['region:north'])
      const [download] = await Promise.all([
        v.waitForEvent('download'),
        job.getByRole('link', { name: /^Download / }).click(),
      ])
      expect(download.suggestedFilename()).toMatch(/\.csv$/)
      const bytes = await fs.readFile((await download.path())!)
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
      const rows = parseCsv(bytes, { bom: true, delimiter: ';' }) as string[][]
      // one row per code of the study, under the codebook import's header
      const codes = (await call<{ items: { name: string }[] }>('get', '/codes')).items
      expect(rows[0]).toEqual(expect.arrayContaining(['name', 'parent']))
      const name = rows[0]!.indexOf('name')
      expect(
        rows
          .slice(1)
          .map((r) => r[name])
          .sort(),
      ).toEqual(codes.map((c) => c.name).sort())
      await screenshot(v, 'exports-08-viewer')
      expect(await axeViolations(v), 'axe on the viewer’s export screen').toEqual([])
    } finally {
      await viewer.close()
    }
  })
})

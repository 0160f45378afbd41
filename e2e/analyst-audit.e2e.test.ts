import { parse as parseCsv } from 'csv-parse/sync'
import fs from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type BrowserContext, type Page, screenshot } from './support/browser.js'
import type { Product } from './support/product.js'
import { closeDemoStudy, DEMO_STUDY, inviteTeammate, openDemoStudy, signInDutch, studyTab } from './support/analyst.js'
import { axeViolations } from './support/respondent.js'

/**
 * The audit log on the Team page against the built product: an owner adds a study and a participant
 * and opens the participant, then finds those events by action and by study, downloads the filtered
 * list as CSV (itself recorded), and reads the labels in Dutch; a researcher sees no audit log.
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

const audit = (p: Page, name = 'Audit log') => p.getByRole('region', { name })
const table = (p: Page, name?: string) => audit(p, name).getByRole('table')
const rows = (p: Page, name?: string) => table(p, name).getByRole('row')

describe('the audit log', () => {
  it('records what the owner does, from where', async () => {
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string }
    const headers = { 'x-csrf-token': me.csrfToken }
    const study = await page.request.post('/api/v1/studies', { headers, data: { title: 'Audit trail study' } })
    expect(study.status(), await study.text()).toBe(201)
    const added = await page.request.post(`/api/v1/studies/${studyId}/participants`, {
      headers,
      data: { email: 'audit.person@example.com', name: 'Audit Person' },
    })
    expect(added.status(), await added.text()).toBe(201)
    // opening the participant's details in the app is the view that is recorded
    await studyTab(page, 'Participants').click()
    await page.getByRole('heading', { name: 'Participants', level: 2 }).waitFor()
    const read = page.waitForResponse(
      (r) => /\/participants\/[0-9a-f-]{36}$/.test(r.url()) && r.request().method() === 'GET',
    )
    // "Edit" with the name for screen readers (visually hidden, so read with a space before the colon)
    await page.getByRole('button', { name: /^Edit\s*:\s*Audit Person$/ }).click()
    await page.getByRole('dialog', { name: 'Edit Audit Person' }).waitFor()
    expect((await read).status()).toBe(200)
    await page.keyboard.press('Escape')

    await page.getByRole('link', { name: 'Team' }).click()
    await audit(page).getByRole('heading', { name: 'Audit log' }).waitFor()
    const first = rows(page).nth(1)
    await first.getByText('Participant viewed').waitFor()
    await first.getByText(new RegExp(`^P-[0-9a-f]{6} in ${DEMO_STUDY}$`)).waitFor()
    await first.getByText(product.email).waitFor()
    await first.getByText('127.0.0.1').waitFor()
    await table(page).getByText('Participant added').first().waitFor()
    await table(page).getByText('Study created').first().waitFor()
    await table(page).getByText('Audit trail study').first().waitFor()
    // the participant's name and address are nowhere in the log
    expect(
      await audit(page)
        .getByText(/Audit Person|audit\.person@/)
        .count(),
    ).toBe(0)
    await screenshot(page, 'audit-01-log')
    expect(await axeViolations(page), 'axe on the audit log').toEqual([])
  })

  it('filters by action and by study', async () => {
    await audit(page).getByLabel('Action').selectOption({ label: 'Participant added' })
    await expect
      .poll(async () => (await rows(page).allInnerTexts()).slice(1).every((r) => r.includes('Participant added')))
      .toBe(true)
    expect(await rows(page).count()).toBeGreaterThan(1)

    await audit(page).getByLabel('Action').selectOption({ label: 'All: Participants' })
    await audit(page).getByLabel('Study').selectOption({ label: 'Audit trail study' })
    await audit(page).getByText('No events match these filters.').waitFor()

    await audit(page).getByLabel('Action').selectOption({ label: 'All: Studies' })
    await rows(page).nth(1).getByText('Study created').waitFor()
    expect(await rows(page).count()).toBe(2) // the header and that one event

    await audit(page).getByLabel('Study').selectOption({ label: DEMO_STUDY })
    await audit(page).getByLabel('Action').selectOption({ label: 'All: Participants' })
    await rows(page).nth(1).getByText('Participant viewed').waitFor()
    const texts = (await rows(page).allInnerTexts()).slice(1)
    expect(texts.every((r) => r.includes(DEMO_STUDY))).toBe(true)
    expect(texts.some((r) => r.includes('Participant added'))).toBe(true)
    await screenshot(page, 'audit-02-filtered')
    expect(await axeViolations(page), 'axe on the filtered audit log').toEqual([])
  })

  it('downloads the filtered list as CSV, and the download is recorded', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      audit(page).getByRole('link', { name: 'Download CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/)
    const bytes = await fs.readFile((await download.path())!)
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const csv = parseCsv(bytes, { bom: true, columns: true }) as Record<string, string>[]
    expect(csv.length).toBeGreaterThanOrEqual(2)
    expect(csv.every((r) => r.action!.startsWith('participant.') && r.study_id === studyId)).toBe(true)
    expect(csv.map((r) => r.action)).toEqual(expect.arrayContaining(['participant.created', 'participant.viewed']))
    expect(csv[0]).toMatchObject({ actor_email: product.email, study_title: DEMO_STUDY, ip: '127.0.0.1' })

    await audit(page).getByRole('button', { name: 'Clear filters' }).click()
    await audit(page).getByLabel('Action').selectOption({ label: 'Audit log downloaded' })
    await rows(page).nth(1).getByText('Audit log downloaded').waitFor()
    await screenshot(page, 'audit-03-download-recorded')
  })

  it('shows the labels in Dutch', async () => {
    const nl = await signInDutch(browser, product)
    try {
      await nl.page.getByRole('link', { name: 'Team' }).click()
      const log = audit(nl.page, 'Auditlog')
      await log.getByRole('heading', { name: 'Auditlog' }).waitFor()
      await log.getByRole('table').getByText('Deelnemer bekeken').first().waitFor()
      await log.getByRole('table').getByText('Deelnemer toegevoegd').first().waitFor()
      await log.getByRole('table').getByText('Onderzoek aangemaakt').first().waitFor()
      await log.getByRole('link', { name: 'CSV downloaden' }).waitFor()
      await log.getByLabel('Handeling').selectOption({ label: 'Alle: Deelnemers' })
      await rows(nl.page, 'Auditlog').nth(1).getByText('Deelnemer bekeken').waitFor()
      await screenshot(nl.page, 'audit-04-dutch')
      expect(await axeViolations(nl.page), 'axe on the Dutch audit log').toEqual([])
    } finally {
      await nl.context.close()
    }
  })

  it('is not there for a researcher', async () => {
    const r = await inviteTeammate(page, browser, product, {
      email: 'rik.audit@example.com',
      role: 'researcher',
      name: 'Rik',
    })
    try {
      await r.page.getByRole('link', { name: 'Team' }).click()
      await r.page.getByRole('heading', { name: 'Team', level: 1 }).waitFor()
      await r.page.getByText('Only owners and admins can manage the team.').waitFor()
      expect(await r.page.getByText('Audit log').count()).toBe(0)
      expect((await r.page.request.get('/api/v1/audit-log')).status()).toBe(403)
      expect((await r.page.request.get('/api/v1/audit-log/export?format=csv')).status()).toBe(403)
      await screenshot(r.page, 'audit-05-researcher')
    } finally {
      await r.context.close()
    }
  })
})

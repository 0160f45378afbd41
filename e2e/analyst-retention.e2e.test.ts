import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type BrowserContext, type Page, screenshot } from './support/browser.js'
import type { Product } from './support/product.js'
import { closeDemoStudy, DEMO_STUDY, inviteTeammate, openDemoStudy, signInDutch } from './support/analyst.js'
import { axeViolations } from './support/respondent.js'

/**
 * Privacy & retention (issue 14) against the built product and its demo study, whose organization keeps
 * participants' data 12 months after a study closes by default: the owner sets the study's own period,
 * closes the study and sees the date; the organization's default on the Team page; a researcher sees both
 * read-only and no delete button; the Dutch screen; deleting the study after typing its title.
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

const setup = (p: Page) => p.goto(`/#/studies/${studyId}/setup/goal`)
// each panel is a <section> named by its heading: a region
const retention = (p: Page, name = 'Privacy & retention') => p.getByRole('region', { name })
const longDate = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso))

async function studyFromApi(p: Page) {
  const res = await p.request.get(`/api/v1/studies/${studyId}`)
  expect(res.status()).toBe(200)
  return (await res.json()) as { retentionEndsOn: string | null; retentionMonths: number | null; status: string }
}

describe('privacy and retention', () => {
  it("shows the organization's default on a running study and lets the owner set the study's own period", async () => {
    await setup(page)
    const panel = retention(page)
    await panel.getByText('No date yet: the study is still running; its data goes 12 months after it closes.').waitFor()
    const period = panel.getByLabel('Erase participants’ data')
    expect(await period.inputValue()).toBe('default')
    expect(await period.locator('option:checked').textContent()).toBe(
      'Use the organization default (12 months after closing)',
    )
    await screenshot(page, 'retention-01-default')
    expect(await axeViolations(page), 'axe on the set-up with retention').toEqual([])

    await period.selectOption('own')
    const months = panel.getByLabel('Months after the study closes (1–120)')
    await months.fill('0')
    await panel.getByRole('button', { name: 'Save retention' }).click()
    await panel.getByText('Enter a whole number of months from 1 to 120.').waitFor()
    await months.fill('6')
    await panel.getByLabel('Carry out participants’ removal requests at once').check()
    await panel.getByRole('button', { name: 'Save retention' }).click()
    await panel.getByText('Retention saved.').waitFor()
    await panel.getByText('No date yet: the study is still running; its data goes 6 months after it closes.').waitFor()
    expect(await studyFromApi(page)).toMatchObject({ retentionMonths: 6 })
    await screenshot(page, 'retention-02-own-period')
  })

  it('shows the refusal at the field when a period has already run out for a running study', async () => {
    // a study whose diary ended in January 2024: 12 months from its planned end are long past
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string }
    const headers = { 'x-csrf-token': me.csrfToken }
    const created = await page.request.post('/api/v1/studies', { headers, data: { title: 'Old diary study' } })
    expect(created.status()).toBe(201)
    const oldId = ((await created.json()) as { id: string }).id
    const diary = await page.request.put(`/api/v1/studies/${oldId}/diary`, {
      headers,
      data: { title: 'Diary', startsOn: '2024-01-01', endsOn: '2024-01-31', timeZone: 'Europe/Amsterdam' },
    })
    expect(diary.status(), await diary.text()).toBe(200)
    await page.goto(`/#/studies/${oldId}/setup/goal`)
    const panel = retention(page)
    await panel.getByLabel('Erase participants’ data').selectOption('own')
    const months = panel.getByLabel('Months after the study closes (1–120)')
    await months.fill('12')
    await panel.getByRole('button', { name: 'Save retention' }).click()
    await panel.getByText('This period has already run out from the study’s planned end', { exact: false }).waitFor()
    expect(await months.getAttribute('aria-invalid')).toBe('true')
    await screenshot(page, 'retention-02b-refused')
    expect(await axeViolations(page), 'axe on the refusal').toEqual([])
    await months.fill('60')
    await panel.getByRole('button', { name: 'Save retention' }).click()
    await panel.getByText('Retention saved.').waitFor()
    await setup(page)
    await retention(page).getByText('No date yet', { exact: false }).waitFor()
  })

  it('shows the date the data will be erased once the study is closed', async () => {
    await page.getByLabel('Status').selectOption({ label: 'Closed' })
    await page.getByRole('button', { name: 'Save and continue' }).click()
    await page.waitForURL(/setup\/scope/)
    await setup(page)
    const study = await studyFromApi(page)
    expect(study.status).toBe('closed')
    expect(study.retentionEndsOn).not.toBeNull()
    const panel = retention(page)
    await panel.getByText(`Data will be erased on ${longDate(study.retentionEndsOn!, 'en-GB')}.`).waitFor()
    await screenshot(page, 'retention-03-closed-date')
    expect(await axeViolations(page), 'axe on the closed study’s retention').toEqual([])
  })

  it("changes the organization's default on the Team page", async () => {
    await page.getByRole('link', { name: 'Team' }).click()
    const panel = retention(page)
    await panel
      .getByText('Studies without their own period erase participants’ data 12 months after closing.')
      .waitFor()
    const field = panel.getByLabel('Default retention (months after a study closes, 1–120)')
    await field.fill('24')
    await panel.getByRole('button', { name: 'Save default' }).click()
    await panel.getByText('Default saved.').waitFor()
    await panel
      .getByText('Studies without their own period erase participants’ data 24 months after closing.')
      .waitFor()
    expect(await (await page.request.get('/api/v1/organization/settings')).json()).toEqual({ retentionMonths: 24 })
    await screenshot(page, 'retention-04-team-default')
    expect(await axeViolations(page), 'axe on the Team page').toEqual([])
  })

  it('shows a researcher the rule read-only, with no delete button', async () => {
    const r = await inviteTeammate(page, browser, product, {
      email: 'rosa@example.com',
      role: 'researcher',
      name: 'Rosa',
    })
    try {
      await setup(r.page)
      const panel = retention(r.page)
      await panel.getByText('Only owners and admins can change this.').waitFor()
      await panel.getByText('6 months after the study closes').waitFor()
      await panel.getByText('Removal requests are carried out at once.').waitFor()
      expect(await panel.getByRole('button', { name: 'Save retention' }).count()).toBe(0)
      expect(await panel.getByRole('combobox').count()).toBe(0)
      expect(await r.page.getByRole('button', { name: 'Delete study' }).count()).toBe(0)
      await screenshot(r.page, 'retention-05-researcher')
      expect(await axeViolations(r.page), 'axe on the researcher’s read-only retention').toEqual([])

      await r.page.getByRole('link', { name: 'Team' }).click()
      const team = retention(r.page)
      await team.getByText('Only owners and admins can change this.').waitFor()
      expect(await team.getByRole('button', { name: 'Save default' }).count()).toBe(0)
    } finally {
      await r.context.close()
    }
  })

  it('shows the rule in Dutch', async () => {
    const nl = await signInDutch(browser, product)
    try {
      await setup(nl.page)
      const study = await studyFromApi(nl.page)
      const panel = retention(nl.page, 'Privacy en bewaartermijn')
      await panel.getByText(`De gegevens worden gewist op ${longDate(study.retentionEndsOn!, 'nl-NL')}.`).waitFor()
      await panel.getByLabel('Verzoeken van deelnemers om hun gegevens te verwijderen meteen uitvoeren').waitFor()
      expect(await panel.getByLabel('Gegevens van deelnemers wissen').locator('option').allTextContents()).toEqual([
        'Standaard van de organisatie (24 maanden na sluiten)',
        'Eigen termijn',
      ])
      await screenshot(nl.page, 'retention-06-dutch')
      expect(await axeViolations(nl.page), 'axe on the Dutch retention').toEqual([])
    } finally {
      await nl.context.close()
    }
  })

  it('deletes the study after the owner types its title, saying every participant’s data goes', async () => {
    await setup(page)
    await page.getByRole('button', { name: 'Delete study' }).click()
    const dialog = page.getByRole('dialog', { name: `Delete “${DEMO_STUDY}”` })
    await dialog.getByText('every participant’s data', { exact: false }).waitFor()
    const confirm = dialog.getByRole('button', { name: 'Delete study' })
    expect(await confirm.isDisabled()).toBe(true)
    await dialog.getByLabel(`Type the study’s title to confirm: ${DEMO_STUDY}`).fill('Order to delivery')
    expect(await confirm.isDisabled()).toBe(true)
    await screenshot(page, 'retention-07-delete-dialog')
    expect(await axeViolations(page), 'axe on the delete dialog').toEqual([])
    await dialog.getByLabel(`Type the study’s title to confirm: ${DEMO_STUDY}`).fill(DEMO_STUDY)
    await confirm.click()
    await page.getByRole('heading', { name: 'Studies', level: 1 }).waitFor()
    // the list refetches after the deletion: wait until the study's links are gone
    await page.getByRole('link', { name: DEMO_STUDY, exact: true }).first().waitFor({ state: 'detached' })
    expect(await page.getByRole('link', { name: DEMO_STUDY, exact: true }).count()).toBe(0)
    await screenshot(page, 'retention-08-deleted')
    expect((await page.request.get(`/api/v1/studies/${studyId}`)).status()).toBe(404)
  })
})

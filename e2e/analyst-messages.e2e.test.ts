import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import path from 'node:path'
import { type Browser, type BrowserContext, type Page, SCREENSHOT_DIR, screenshot } from './support/browser.js'
import type { Product } from './support/product.js'
import { closeDemoStudy, DEMO_STUDY, inviteTeammate, openDemoStudy, signInDutch, studyTab } from './support/analyst.js'

/**
 * Mail to participants against the built product (no SMTP_URL: the mailer writes .eml files, the worker
 * runs in the product): a diary invitation previewed and sent to the three demo participants with its
 * progress bar and log; mail stopped for one participant, who is then skipped by "You said, we did";
 * reminders of a published survey saved; and the screens in Dutch.
 */

let product: Product
let browser: Browser
let context: BrowserContext
let page: Page
let studyId: string

const NOTE = 'Thank you for taking part — a personal word from the research team.'

beforeAll(async () => {
  ;({ product, browser, context, page, studyId } = await openDemoStudy())
})
afterAll(() => closeDemoStudy({ product, browser, context }))

const log = () => page.getByRole('table', { name: 'Messages to participants' })
/**
 * The demo diary prompts at 19:30 Amsterdam time, so a run in that hour finds prompts in the log besides
 * what this file sends: the counts below look at one kind of message, through the log's own filter.
 */
const showKind = (kind: string) => page.getByLabel('Kind', { exact: true }).selectOption(kind)

async function csrf(): Promise<Record<string, string>> {
  const me = await (await page.request.get('/api/v1/auth/me')).json()
  return { 'x-csrf-token': me.csrfToken }
}

describe('analyst messages', () => {
  it('opens the Messages tab with an empty log', async () => {
    await studyTab(page, 'Messages').click()
    await page.getByRole('heading', { name: 'Messages', level: 2 }).waitFor()
    expect(page.url()).toContain(`#/studies/${studyId}/messages`)
    await page.getByText('Nothing sent yet.').waitFor()
    await showKind('diary_invitation')
    await page.getByText('No messages.').waitFor()
    await showKind('')
  })

  it('previews a diary invitation with the note, per study language, in a sandboxed frame', async () => {
    const invite = page.getByRole('region', { name: 'Send invitations' })
    expect(await invite.getByLabel('What to send').inputValue()).toBe('diary')
    await invite.getByLabel('Note in English').fill(NOTE)
    await invite.getByRole('button', { name: 'Preview' }).click()
    const en = invite.getByRole('article', { name: 'In English' })
    await en.waitFor()
    await invite.getByRole('article', { name: 'In Dutch' }).waitFor()
    const frame = en.locator('iframe')
    expect(await frame.getAttribute('sandbox')).toBe('')
    expect(await frame.getAttribute('title')).toBe('The mail in English')
    const body = en.frameLocator('iframe')
    await body.getByText(NOTE).waitFor()
    const html = await frame.getAttribute('srcdoc')
    expect(html).toContain(DEMO_STUDY)
    // the plain-text version carries the note too
    await en.getByText('Plain text version').click()
    expect(await en.locator('pre').textContent()).toContain(NOTE)
    await screenshot(page, 'messages-01-preview')
    // the frame on its own, scrolled into view (a full-page capture may leave a sandboxed frame blank)
    await frame.scrollIntoViewIfNeeded()
    await frame.screenshot({ path: path.join(SCREENSHOT_DIR, 'messages-01b-preview-frame.png') })
  })

  it('sends it to all three after a confirmation, and the bar reaches 3 of 3 sent', async () => {
    const invite = page.getByRole('region', { name: 'Send invitations' })
    await invite.getByRole('button', { name: 'Send', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Are you sure?' })
    await dialog.getByText('Send the invitation to 3 participants?').waitFor()
    await screenshot(page, 'messages-02-confirm')
    await dialog.getByRole('button', { name: 'Send', exact: true }).click()
    await invite.getByText('3 of 3 sent · 0 failed · 0 skipped', { exact: false }).waitFor({ timeout: 30_000 })
    expect(await invite.locator('progress').getAttribute('value')).toBe('3')
    expect(await invite.locator('progress').getAttribute('max')).toBe('3')

    // the log shows the three, sent; the list of sends counts them
    await showKind('diary_invitation')
    await expect.poll(async () => (await log().getByRole('row').count()) - 1, { timeout: 15_000 }).toBe(3)
    for (const name of ['Sanne', 'Mevrouw de Vries', 'Ahmed']) {
      const row = log().getByRole('row').filter({ hasText: name })
      await row.getByText('Sent', { exact: true }).waitFor()
      await row.getByText('Diary invitation').waitFor()
    }
    await showKind('')
    await page.getByRole('table', { name: 'Earlier sends' }).getByText('3 of 3 sent · 0 failed · 0 skipped').waitFor()
    await screenshot(page, 'messages-03-sent')
  })

  it('filters the log by status and kind', async () => {
    await page.getByLabel('Status', { exact: true }).selectOption('failed')
    await page.getByText('No messages.').waitFor()
    await page.getByLabel('Status', { exact: true }).selectOption('sent')
    await showKind('diary_invitation')
    await expect.poll(async () => (await log().getByRole('row').count()) - 1).toBe(3)
    await page.getByLabel('Status', { exact: true }).selectOption('')
    await showKind('')
  })

  it('stops mail for one participant in the participants screen', async () => {
    await studyTab(page, 'Participants').click()
    await page.getByRole('heading', { name: 'Participants', level: 2 }).waitFor()
    await page.getByRole('button', { name: 'Stop mail: Ahmed' }).click()
    const dialog = page.getByRole('dialog', { name: 'Are you sure?' })
    await dialog.getByText('Stop all mail to Ahmed?', { exact: false }).waitFor()
    await dialog.getByRole('button', { name: 'Stop mail' }).click()
    await page.getByText('Mail to Ahmed is stopped.').waitFor()
    const row = page.getByRole('row').filter({ hasText: 'ahmed@example.com' })
    await row.getByText('Unsubscribed').waitFor()
    await row.getByText(/^by you, /).waitFor()
    await row.getByRole('button', { name: 'Resume mail: Ahmed' }).waitFor()
    expect(await row.getByRole('button', { name: 'Stop mail: Ahmed' }).count()).toBe(0)

    // their own messages, in a dialog
    await row.getByRole('button', { name: 'Messages: Ahmed' }).click()
    const messages = page.getByRole('dialog', { name: 'Messages to Ahmed' })
    const invitation = messages
      .getByRole('table', { name: 'Messages to Ahmed' })
      .getByRole('row')
      .filter({ hasText: 'Diary invitation' })
    await invitation.getByText('Sent', { exact: true }).waitFor()
    expect(await invitation.count()).toBe(1)
    await screenshot(page, 'messages-04-participant-log')
    await messages.getByRole('button', { name: 'Close' }).click()
    await screenshot(page, 'messages-05-unsubscribed')
  })

  it('sends "You said, we did" to the contributors; the stopped one is not sent', async () => {
    await studyTab(page, 'Messages').click()
    const feedback = page.getByRole('region', { name: 'You said, we did' })
    await feedback.getByLabel('Introduction in English').fill('You told us about deliveries.')
    await feedback.getByLabel('Change 1 in English').fill('Drivers now always ring the bell.')
    await feedback.getByRole('button', { name: 'Add a change' }).click()
    await feedback.getByLabel('Change 2 in English').fill('Refunds now take three days.')
    await feedback.getByLabel('Change 2 in Dutch').fill('Terugbetalen duurt nu drie dagen.')
    await feedback.getByRole('button', { name: 'Preview' }).click()
    const en = feedback.getByRole('article', { name: 'In English' })
    await en.frameLocator('iframe').getByText('Drivers now always ring the bell.').waitFor()
    await en.frameLocator('iframe').getByText('Refunds now take three days.').waitFor()
    await screenshot(page, 'messages-06-feedback-preview')

    await feedback.getByRole('button', { name: 'Send', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Are you sure?' })
    await dialog.getByText('Send the "You said, we did" mail to everyone who contributed?').waitFor()
    await dialog.getByRole('button', { name: 'Send', exact: true }).click()
    await feedback.getByText('2 of 3 sent · 0 failed · 1 skipped', { exact: false }).waitFor({ timeout: 30_000 })

    await showKind('feedback')
    await expect.poll(async () => (await log().getByRole('row').count()) - 1, { timeout: 15_000 }).toBe(3)
    const ahmed = log().getByRole('row').filter({ hasText: 'Ahmed' })
    expect((await ahmed.getByRole('cell').nth(3).textContent())?.trim()).toBe('Not sent: unsubscribed')
    await log().getByRole('row').filter({ hasText: 'Sanne' }).getByText('Sent', { exact: true }).waitFor()
    await showKind('')
    await screenshot(page, 'messages-07-feedback-log')
  })

  it('resumes mail that the researcher stopped', async () => {
    await studyTab(page, 'Participants').click()
    const row = page.getByRole('row').filter({ hasText: 'ahmed@example.com' })
    await row.getByRole('button', { name: 'Resume mail: Ahmed' }).click()
    await page.getByText('Mail to Ahmed is resumed.').waitFor()
    await row.getByRole('button', { name: 'Stop mail: Ahmed' }).waitFor()
    expect(await row.getByText('Unsubscribed').count()).toBe(0)
  })

  it('saves reminders for a published survey, in days, and they are there after a reload', async () => {
    const headers = await csrf()
    const created = await page.request.post(`/api/v1/studies/${studyId}/surveys/generate`, {
      headers,
      data: { title: 'Reminder survey', includeWhy: false },
    })
    expect(created.status(), await created.text()).toBe(201)
    const surveyId = (await created.json()).id as string
    const published = await page.request.post(`/api/v1/studies/${studyId}/surveys/${surveyId}/publish`, { headers })
    expect(published.ok(), await published.text()).toBe(true)

    await page.goto(`/#/studies/${studyId}/surveys/${surveyId}/links`)
    const reminders = page.getByRole('region', { name: 'Reminders' })
    await reminders.getByLabel('At most this many reminders').waitFor()
    await reminders.getByRole('switch', { name: 'Send reminders' }).check()
    await reminders.getByLabel('At most this many reminders').fill('9')
    await reminders.getByRole('button', { name: 'Save reminders' }).click()
    await reminders.getByText('Enter a whole number from 1 to 5.').waitFor()
    await reminders.getByLabel('At most this many reminders').fill('2')
    await reminders.getByLabel('Days between reminders').fill('3')
    await reminders.getByRole('button', { name: 'Save reminders' }).click()
    await reminders.getByText('Reminders saved.').waitFor()
    await screenshot(page, 'messages-08-reminders')

    const saved = await (await page.request.get(`/api/v1/studies/${studyId}/surveys/${surveyId}/reminders`)).json()
    expect(saved).toEqual({ enabled: true, maxReminders: 2, intervalHours: 72 })
    await page.reload()
    await reminders.getByLabel('At most this many reminders').waitFor()
    expect(await reminders.getByRole('switch', { name: 'Send reminders' }).isChecked()).toBe(true)
    expect(await reminders.getByLabel('At most this many reminders').inputValue()).toBe('2')
    expect(await reminders.getByLabel('Days between reminders').inputValue()).toBe('3')

    // the open survey can now be chosen for an invitation
    await page.goto(`/#/studies/${studyId}/messages`)
    const what = page.getByRole('region', { name: 'Send invitations' }).getByLabel('What to send')
    await what.locator('option', { hasText: 'Survey: Reminder survey' }).waitFor({ state: 'attached' })
  })

  it('shows a viewer the sends and the log without the means to send or stop mail', async () => {
    const { context: viewer, page: p } = await inviteTeammate(page, browser, product, {
      email: 'viewer@example.com',
      role: 'viewer',
      name: 'Vera Viewer',
    })
    try {
      await p.goto(`/#/studies/${studyId}/messages`)
      await p.getByRole('table', { name: 'Messages to participants' }).getByText('Not sent').first().waitFor()
      await p.getByRole('table', { name: 'Earlier sends' }).waitFor()
      await p.getByText('Only researchers, admins and owners can send mail.', { exact: false }).waitFor()
      expect(await p.getByRole('region', { name: 'Send invitations' }).count()).toBe(0)
      expect(await p.getByRole('region', { name: 'You said, we did' }).count()).toBe(0)
      expect(await p.getByRole('button', { name: /^(Send|Preview)$/ }).count()).toBe(0)
      await screenshot(p, 'messages-10-viewer')

      // a viewer knows a participant by pseudonym only (issue 14): the owner reads Ahmed's from the API
      const listed = (await (await page.request.get(`/api/v1/studies/${studyId}/participants?limit=200`)).json()) as {
        items: { name: string | null; pseudonym: string }[]
      }
      const ahmed = listed.items.find((x) => x.name === 'Ahmed')!.pseudonym
      await p.goto(`/#/studies/${studyId}/participants`)
      await p.getByRole('button', { name: `Messages: ${ahmed}` }).waitFor()
      expect(await p.getByText('Ahmed', { exact: true }).count()).toBe(0)
      expect(await p.getByRole('button', { name: /^(Stop|Resume) mail/ }).count()).toBe(0)
    } finally {
      await viewer.close()
    }
  })

  it('speaks Dutch', async () => {
    const { context: nl, page: p } = await signInDutch(browser, product)
    try {
      await p.goto(`/#/studies/${studyId}/messages`)
      await p
        .getByRole('navigation', { name: 'Onderdelen van het onderzoek' })
        .getByRole('link', { name: 'Berichten' })
        .waitFor()
      await p.getByRole('heading', { name: 'Berichten', level: 2 }).waitFor()
      await p.getByRole('region', { name: 'Uitnodigingen versturen' }).waitFor()
      await p.getByRole('region', { name: 'Jullie zeiden, wij deden' }).waitFor()
      const dutchLog = p.getByRole('table', { name: 'Berichten aan deelnemers' })
      await dutchLog.getByText('Niet verstuurd').first().waitFor()
      await dutchLog.getByText('afgemeld').first().waitFor()
      await p
        .getByRole('table', { name: 'Eerder verstuurd' })
        .getByText('3 van 3 verstuurd · 0 mislukt · 0 overgeslagen')
        .waitFor()
      await screenshot(p, 'messages-09-nl')
    } finally {
      await nl.close()
    }
  })
})

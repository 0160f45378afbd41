import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type BrowserContext, newContext, type Page, screenshot } from './support/browser.js'
import type { Product } from './support/product.js'
import { closeDemoStudy, openDemoStudy, signInDutch, studyTab } from './support/analyst.js'
import { axeViolations } from './support/respondent.js'

/**
 * The analyst's diary screens against the built product and its demo study (an open diary,
 * consent version 1, three participants and eight entries): participants and personal links,
 * the entries with their chart, a proposed touchpoint accepted into the model, the diary
 * set-up, the consent text and a CSV import.
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

const tab = (name: string) => studyTab(page, name)
const row = (name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}\\b`) }) })

/** As the participant: open the personal link (it becomes a cookie), consent, and write one "something else" entry. */
async function writeSomethingElse(link: string, description: string) {
  const phone = await newContext(browser, product.url)
  try {
    const opened = await phone.request.get(link, { maxRedirects: 0 })
    expect(opened.status()).toBe(303)
    const headers = { 'x-requested-with': 'klantreis' }
    const me = await (await phone.request.get('/api/v1/respondent/me')).json()
    if (!me.consent.given) {
      expect(
        (
          await phone.request.post('/api/v1/respondent/consent', { headers, data: { version: me.consent.version } })
        ).ok(),
      ).toBe(true)
    }
    const put = await phone.request.put(`/api/v1/respondent/entries/${crypto.randomUUID()}`, {
      headers,
      data: {
        occurredAt: new Date().toISOString(),
        somethingElse: description,
        text: 'Had to walk to the locker in the rain.',
        emotion: -1,
        valence: 'pain',
      },
    })
    expect(put.status(), await put.text()).toBe(201)
  } finally {
    await phone.close()
  }
}

describe('analyst diary screens', () => {
  it('shows the study sections as tabs next to the set-up wizard', async () => {
    expect(await tab('Set-up').getAttribute('aria-current')).toBe('page')
    await tab('Participants').click()
    await page.getByRole('heading', { name: 'Participants', level: 2 }).waitFor()
    expect(page.url()).toContain(`#/studies/${studyId}/participants`)
    expect(await tab('Participants').getAttribute('aria-current')).toBe('page')
  })

  let link = ''
  it('adds a participant and creates a personal link, shown once with a copy button', async () => {
    await row('Sanne').waitFor()
    expect(await row('Sanne').getByText('Active').count()).toBe(1)
    await screenshot(page, 'diary-01-participants')

    await page.getByLabel('Email address').fill('lotte@example.com')
    await page.getByLabel('Name').fill('Lotte')
    await page.getByLabel('Persona', { exact: true }).selectOption({ label: 'Mrs de Vries' })
    await page.getByRole('button', { name: 'Add segment' }).click()
    await page.getByLabel('Segment 1 name').fill('customerType')
    await page.getByLabel('Segment 1 value').fill('new')
    await page.getByRole('button', { name: 'Add participant' }).click()
    await row('Lotte').waitFor()
    expect(await row('Lotte').getByText('Invited').count()).toBe(1)
    await page.getByText('Lotte was added.').waitFor()
    const chips = () => row('Lotte').getByRole('list', { name: 'Segments' }).getByRole('listitem').allTextContents()
    expect(await chips()).toEqual(['customerType: new'])
    // the form is empty again, segment rows too
    expect(await page.getByLabel('Segment 1 name').count()).toBe(0)

    // edit: a second segment, and a name with a colon is refused with the reason
    await row('Lotte').getByRole('button', { name: /^Edit/ }).click()
    const edit = page.getByRole('dialog', { name: 'Edit Lotte' })
    await edit.getByRole('button', { name: 'Add segment' }).click()
    await edit.getByLabel('Segment 2 name').fill('region:x')
    await edit.getByLabel('Segment 2 value').fill('north')
    await edit.getByRole('button', { name: 'Save' }).click()
    await edit.getByText(`"region:x": segment name: no ':' allowed`, { exact: true }).waitFor()
    await screenshot(page, 'diary-01c-edit-participant')
    await edit.getByLabel('Segment 2 name').fill('region')
    await edit.getByRole('button', { name: 'Save' }).click()
    await edit.waitFor({ state: 'hidden' })
    await expect.poll(chips).toEqual(['customerType: new', 'region: north'])
    await screenshot(page, 'diary-01b-participant-segments')

    // the same address again: a clear message on the field
    await page.getByLabel('Email address').fill('lotte@example.com')
    await page.getByRole('button', { name: 'Add participant' }).click()
    await page.getByText('This email address already takes part in this study.').waitFor()

    await row('Lotte')
      .getByRole('button', { name: /^Personal link/ })
      .click()
    const dialog = page.getByRole('dialog', { name: 'Personal link for Lotte' })
    await dialog.getByLabel('Valid for').selectOption('30')
    await dialog.getByRole('button', { name: 'Create link' }).click()
    link = await dialog.getByLabel('Personal link').inputValue()
    expect(link).toMatch(/\/r\/t\/[A-Za-z0-9_-]{20,}$/)
    await dialog.getByRole('button', { name: 'Copy link' }).waitFor()
    await dialog.getByText('This link is shown only once.').waitFor()
    await screenshot(page, 'diary-02-personal-link')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await dialog.waitFor({ state: 'hidden' })
  })

  it('lists the demo entries with the pain/gain chart, and filters them', async () => {
    await writeSomethingElse(link, 'Picking up at a parcel locker')
    await tab('Entries').click()
    await page.getByRole('heading', { name: 'Entries', level: 2 }).first().waitFor()
    await page.getByText('9 entries').waitFor()
    expect(await page.getByRole('article').count()).toBe(9)
    await page.getByTestId('valence-chart').locator('.recharts-bar-rectangle').first().waitFor()
    expect(await page.getByRole('figure', { name: /Pain and gain per stage/ }).count()).toBe(1)
    // the chart's numbers as a table too: the demo has one pain and no gain at "Ordering"
    await page.getByText('Show as a table').click()
    const ordering = page.getByRole('row', { name: /^Ordering/ })
    expect(await ordering.getByRole('cell').allTextContents()).toEqual(['1', '0'])
    // entries are text: what a participant typed is never HTML
    await page.getByText('iDEAL failed twice and I did not know if I had paid.').waitFor()
    await page.getByText('Picking up at a parcel locker').first().waitFor()
    await screenshot(page, 'diary-03-entries')

    await page.getByLabel('Pain or gain').selectOption('pain')
    await page.getByText('5 entries').waitFor()
    // outside the Participants tab a participant is named by pseudonym only (issue 14)
    const listed = (await (await page.request.get(`/api/v1/studies/${studyId}/participants?limit=200`)).json()) as {
      items: { name: string | null; pseudonym: string }[]
    }
    const sanne = listed.items.find((p) => p.name === 'Sanne')!.pseudonym
    await page.getByLabel('Participant').selectOption({ label: sanne })
    await page.getByText('2 entries').waitFor()
    await screenshot(page, 'diary-04-entries-filtered')
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await page.getByText('9 entries').waitFor()
  })

  it('accepts a proposed touchpoint into the model', async () => {
    const queue = page.getByRole('region', { name: /Proposed touchpoints/ })
    await queue.getByText('“Picking up at a parcel locker”').waitFor()
    await screenshot(page, 'diary-05-proposals')
    await queue.getByRole('button', { name: /^Accept/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Add as a new touchpoint' })
    await dialog.getByLabel('Stage').selectOption({ label: 'Waiting and delivery' })
    await dialog.getByLabel('Touchpoint name').fill('Parcel locker')
    await screenshot(page, 'diary-06-accept-dialog')
    await dialog.getByRole('button', { name: 'Add to model' }).click()
    await page.getByText('Added to the model.').waitFor()
    await queue.waitFor({ state: 'detached' })
    await page.getByRole('heading', { name: /^Parcel locker · Waiting and delivery/ }).waitFor()

    const model = await (await page.request.get(`/api/v1/studies/${studyId}/model`)).json()
    const tp = model.touchpoints.find((t: { name: string }) => t.name === 'Parcel locker')
    expect(tp).toMatchObject({
      origin: 'research',
      stageId: model.stages.find((s: { name: string }) => s.name === 'Waiting and delivery').id,
    })
    await screenshot(page, 'diary-07-proposal-accepted')
  })

  it('sets up the diary: dates, time zone, reminder times and the entry form', async () => {
    await tab('Diary').click()
    await page.getByRole('heading', { name: 'Diary', level: 2 }).waitFor()
    expect(await page.getByLabel('Title').inputValue()).toBe('Your order diary')
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Amsterdam')
    await page.getByLabel('Last day').fill('2030-01-31')
    await page.getByRole('button', { name: 'Add reminder time' }).click()
    await page.getByLabel('Reminder time 2', { exact: true }).fill('08:15')
    await page.getByRole('radiogroup', { name: 'Photo' }).getByLabel('Hidden').check()
    await page.getByRole('radiogroup', { name: 'Channel' }).getByLabel('Required').check()
    await page.getByRole('button', { name: 'Save diary' }).click()
    await page.getByText('Diary saved.').waitFor()
    await screenshot(page, 'diary-08-diary-setup')

    const diary = await (await page.request.get(`/api/v1/studies/${studyId}/diary`)).json()
    expect(diary).toMatchObject({ endsOn: '2030-01-31', timeZone: 'Europe/Amsterdam', promptTimes: ['08:15', '19:30'] })
    expect(diary.form).toMatchObject({ photo: 'hidden', channel: 'required', text: 'required' })

    // a diary that ends before it starts is refused, next to the field
    await page.getByLabel('Last day').fill('2020-01-01')
    await page.getByRole('button', { name: 'Save diary' }).click()
    await page.getByText('ends before it starts').first().waitFor()
  })

  it('publishes a new consent version after a warning', async () => {
    await tab('Participants').click()
    await page.getByRole('heading', { name: 'Consent text' }).waitFor()
    await page.getByText(/Current: version 1/).waitFor()
    await page.getByLabel('Consent text (English)').fill('You take part voluntarily. We keep your diary for 12 months.')
    await page.getByRole('button', { name: 'Publish new version' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('Publish version 2? Every participant has to consent again.').waitFor()
    await dialog.getByRole('button', { name: 'Publish new version' }).click()
    await page.getByText('Version 2 published.').waitFor()
    await page.getByText(/Current: version 2/).waitFor()
    const consent = await (await page.request.get(`/api/v1/studies/${studyId}/consent`)).json()
    expect(consent).toMatchObject({
      version: 2,
      texts: { en: 'You take part voluntarily. We keep your diary for 12 months.' },
    })
    await screenshot(page, 'diary-09-consent')
  })

  it('imports participants from a CSV file, with progress and a report of the rows that failed', async () => {
    const csv = [
      'email,name,language,persona,external_ref,segment:customerType',
      'kees@example.com,Kees,nl,"Sanne, the student",K-1,returning',
      'not-an-email,Broken,nl,,,',
      'mila@example.com,Mila,en,,K-3,',
    ].join('\n')
    await page.getByText('Each column named segment:<name>').waitFor()
    await page
      .getByLabel('CSV file', { exact: true })
      .setInputFiles({ name: 'participants.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await page.getByText('Imported 2 of 3 rows.').waitFor({ timeout: 30_000 })
    const errors = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Problem' }) })
    expect(await errors.getByRole('row').count()).toBe(2) // header + the broken row
    expect(await errors.getByRole('cell').first().textContent()).toBe('3')
    await row('Kees').waitFor()
    await row('Mila').waitFor()
    await row('Kees').getByText('customerType: returning').waitFor()
    expect(await row('Mila').getByRole('list', { name: 'Segments' }).count()).toBe(0)
    await screenshot(page, 'diary-10-csv-import')
  })

  it('speaks Dutch', async () => {
    const { context: nl, page: p } = await signInDutch(browser, product)
    try {
      await p.goto(`/#/studies/${studyId}/entries`)
      await p
        .getByRole('navigation', { name: 'Onderdelen van het onderzoek' })
        .getByRole('link', { name: 'Momenten' })
        .waitFor()
      await p.getByRole('figure', { name: /Pijn en winst per fase/ }).waitFor()
      await p.getByText('9 momenten').waitFor()
      await screenshot(p, 'diary-11-entries-nl')
    } finally {
      await nl.close()
    }
  })

  it('erases a participant for good after a confirmation that names what goes', async () => {
    type Listed = { items: { id: string; name: string }[] }
    const participants = (await (
      await page.request.get(`/api/v1/studies/${studyId}/participants?limit=200`)
    ).json()) as Listed
    const lotte = participants.items.find((p) => p.name === 'Lotte')!
    type Entries = { items: { participant: { id: string } }[] }
    const entries = async () =>
      ((await (await page.request.get(`/api/v1/studies/${studyId}/entries?limit=200`)).json()) as Entries).items
    expect((await entries()).filter((e) => e.participant.id === lotte.id)).toHaveLength(1)

    await tab('Participants').click()
    await row('Lotte')
      .getByRole('button', { name: /^Erase participant/ })
      .click()
    const dialog = page.getByRole('dialog', { name: 'Erase Lotte' })
    await dialog.getByText('diary moments and their photos', { exact: false }).waitFor()
    await dialog.getByText('findings stay and say that a quote was erased', { exact: false }).waitFor()
    await dialog.getByText('are not touched', { exact: false }).waitFor()
    const erase = dialog.getByRole('button', { name: 'Erase for good' })
    expect(await erase.isDisabled()).toBe(true)
    await dialog.getByLabel('Type Lotte to confirm').fill('Lott')
    expect(await erase.isDisabled()).toBe(true)
    await screenshot(page, 'diary-12-erase-participant')
    expect(await axeViolations(page), 'axe on the erasure dialog').toEqual([])
    await dialog.getByLabel('Type Lotte to confirm').fill('Lotte')
    expect(await erase.isDisabled()).toBe(false)
    await erase.click()
    await dialog.waitFor({ state: 'hidden' })
    await page
      .getByText(/^Lotte was erased: 1 moment, 0 photos, 0 answers, 0 codings and \d+ mails? removed\.$/)
      .waitFor()
    await row('Lotte').waitFor({ state: 'detached' })
    await row('Kees').waitFor()
    await screenshot(page, 'diary-13-participant-erased')

    expect((await entries()).filter((e) => e.participant.id === lotte.id)).toEqual([])
    const after = (await (await page.request.get(`/api/v1/studies/${studyId}/participants?limit=200`)).json()) as Listed
    expect(after.items.map((p) => p.id)).not.toContain(lotte.id)
    // erasing twice: nothing is left to name
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string }
    const again = await page.request.delete(`/api/v1/studies/${studyId}/participants/${lotte.id}`, {
      headers: { 'x-csrf-token': me.csrfToken },
    })
    expect(again.status()).toBe(404)
  })

  it('asks for the erasure in Dutch', async () => {
    const { context: nl, page: p } = await signInDutch(browser, product)
    try {
      await p.goto(`/#/studies/${studyId}/participants`)
      const kees = p.getByRole('row').filter({ has: p.getByRole('rowheader', { name: /^Kees\b/ }) })
      await kees.getByRole('button', { name: /^Deelnemer wissen/ }).click()
      const dialog = p.getByRole('dialog', { name: 'Kees wissen' })
      await dialog.getByText('toestemmingsgegevens').waitFor()
      const erase = dialog.getByRole('button', { name: 'Voorgoed wissen' })
      expect(await erase.isDisabled()).toBe(true)
      await dialog.getByLabel('Typ Kees om te bevestigen').fill('Kees')
      expect(await erase.isDisabled()).toBe(false)
      await screenshot(p, 'diary-14-erase-participant-nl')
      expect(await axeViolations(p), 'axe on the Dutch erasure dialog').toEqual([])
      await dialog.getByRole('button', { name: 'Annuleren' }).click()
      await dialog.waitFor({ state: 'hidden' })
      await kees.waitFor()
    } finally {
      await nl.close()
    }
  })
})

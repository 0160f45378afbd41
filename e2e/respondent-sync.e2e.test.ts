// What the participant sees when the server refuses a moment or a questionnaire's answers for good
// (issue 12): the refused one waits, named and fixable, and everything written after it is sent.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, launchBrowser, newContext, type Page } from './support/browser.js'
import { type Product, startProduct } from './support/product.js'
import { analystApi, PHONE, look, openLink } from './support/respondent.js'

let product: Product
let browser: Browser
let analyst: Awaited<ReturnType<typeof analystApi>>
let surveyId: string
const SURVEY = 'How did the delivery go?'

beforeAll(async () => {
  ;[product, browser] = await Promise.all([startProduct(), launchBrowser()])
  analyst = await analystApi(product)
  surveyId = await analyst.generatedSurvey(SURVEY)
})
afterAll(async () => {
  await analyst?.dispose()
  await browser?.close()
  await product?.stop()
})

const phone = () => newContext(browser, product.url, { viewport: PHONE })

/**
 * Moments as the app keeps them on the device (IndexedDB "entries" of this participant's
 * database), not yet sent. The strings are made in the page: a NUL or a lone surrogate must not
 * depend on how an argument crosses into the browser.
 */
async function writePending(
  page: Page,
  moments: { id: string; touchpointId: string | null; text: string; somethingElse?: string }[],
) {
  await page.evaluate(async (list) => {
    const unstorable = (s: string) =>
      s.replaceAll('<NUL>', String.fromCharCode(0)).replaceAll('<LONE>', String.fromCharCode(0xd800))
    const owner = localStorage.getItem('klantreis-diary-owner')
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(`klantreis-diary-${owner}`, 1)
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    const occurredAt = new Date(Date.now() - 3_600_000).toISOString()
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('entries', 'readwrite')
      list.forEach((m, i) =>
        tx.objectStore('entries').put({
          id: m.id,
          server: null,
          pending: {
            kind: 'put',
            content: {
              occurredAt,
              touchpointId: m.touchpointId,
              somethingElse: m.somethingElse ? unstorable(m.somethingElse) : null,
              text: unstorable(m.text),
              emotion: -2,
              valence: 'pain',
              channel: null,
              photoId: null,
            },
            baseVersion: null,
            photo: null,
          },
          rev: 1,
          sent: false,
          conflict: null,
          failure: null,
          savedAt: new Date(Date.now() - 60_000 + i).toISOString(),
        }),
      )
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
    })
    db.close()
  }, moments)
}

describe('refused by the server, fixed by the participant (phone)', () => {
  it('a moment the server refuses waits for the participant with the field named, the moments after it are sent, and Edit fixes it', async () => {
    const p = await analyst.participant('Nora')
    const context = await phone()
    const page = await openLink(context, p.link, 'I agree')
    await page.getByText('All moments are sent.').waitFor()

    const nul = randomUUID()
    const lone = randomUUID()
    await writePending(page, [
      {
        id: nul,
        touchpointId: await analyst.touchpointId('Delivery at the door'),
        text: 'The parcel was left at the neighbours<NUL> without a note.',
      },
      { id: lone, touchpointId: null, somethingElse: 'Parcel locker <LONE>', text: 'The locker would not open.' },
    ])
    const putsOf = (id: string) => {
      let n = 0
      page.on('request', (r) => {
        if (r.method() === 'PUT' && r.url().endsWith(`/entries/${id}`)) n++
      })
      return () => n
    }
    const putsOfNul = putsOf(nul)

    // a normal moment written after them: saving it sends the queue, oldest first
    await page.getByRole('button', { name: 'New moment' }).click()
    await page.getByRole('searchbox', { name: 'Search' }).fill('Track')
    await page.getByRole('radio', { name: 'Track-and-trace updates' }).click()
    await page.getByLabel('What happened?').fill('The parcel came a day early.')
    await page.getByRole('group', { name: 'How did it feel?' }).getByRole('radio', { name: /Good/ }).check()
    await page
      .getByRole('group', { name: /pain or a gain/ })
      .getByRole('radio', { name: /Gain/ })
      .check()
    await page.getByRole('button', { name: 'Save moment' }).click()
    await page.getByRole('heading', { name: 'My moments' }).waitFor()

    const status = page.getByTestId('sync-status')
    await expect
      .poll(() => status.textContent(), { timeout: 20_000 })
      .toContain('2 moments could not be sent and need your attention.')
    expect(await status.textContent()).not.toContain('not yet synced')
    const normal = page.getByTestId('entry').filter({ hasText: 'The parcel came a day early.' })
    expect(await normal.textContent()).not.toContain('Not yet synced')
    await expect
      .poll(async () => (await analyst.entries(p.id)).map((e) => e.text))
      .toEqual(['The parcel came a day early.'])

    const nulCard = page.locator(`[data-entry-id="${nul}"]`)
    const loneCard = page.locator(`[data-entry-id="${lone}"]`)
    await nulCard.getByText('Needs your attention').waitFor()
    expect(await nulCard.getByTestId('entry-problem').textContent()).toContain(
      'The text contains a character we cannot store.',
    )
    expect(await loneCard.getByTestId('entry-problem').textContent()).toContain(
      'The description of “something else” contains a character we cannot store.',
    )
    // where the character stands is marked in the moment itself
    expect(await nulCard.locator('.entry-text mark').count()).toBe(1)
    expect(await nulCard.locator('.entry-text').textContent()).toBe(
      'The parcel was left at the neighbours�(a character we cannot store) without a note.',
    )
    for (const name of ['Edit', 'Try again', 'Delete'])
      expect(await nulCard.getByRole('button', { name }).isVisible(), name).toBe(true)
    await look(page, 'respondent-sync-01-needs-attention')

    // Try again sends it once more, and it is refused once more: not retried by itself after that
    const before = putsOfNul()
    await nulCard.getByRole('button', { name: 'Try again' }).click()
    await expect.poll(putsOfNul).toBe(before + 1)
    await nulCard.getByText('Needs your attention').waitFor()
    await page.waitForTimeout(1_000)
    expect(putsOfNul()).toBe(before + 1)

    // the other one is removed, with the usual question first
    await loneCard.getByRole('button', { name: 'Delete' }).click()
    await page.getByRole('dialog', { name: 'Delete this moment?' }).getByRole('button', { name: 'Delete' }).click()
    await expect.poll(() => loneCard.count()).toBe(0)
    await expect.poll(() => status.textContent()).toContain('1 moment could not be sent and needs your attention.')

    // Edit: the form with their text and the problem at its field; saving sends it without the character
    await nulCard.getByRole('button', { name: 'Edit' }).click()
    await page.getByRole('heading', { name: 'Edit moment', level: 1 }).waitFor()
    expect(await page.getByLabel('What happened?').inputValue()).toContain('The parcel was left at the neighbours')
    await page.locator('#f-text-error').getByText('This contains a character we cannot store.').waitFor()
    expect(await page.getByRole('alert').filter({ hasText: 'Please check the following' }).textContent()).toContain(
      'This contains a character we cannot store.',
    )
    await look(page, 'respondent-sync-02-edit-refused')
    await page.getByRole('button', { name: 'Save moment' }).click()
    await page.getByRole('heading', { name: 'My moments' }).waitFor()
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('All moments are sent.')
    expect(await page.getByTestId('entry-problem').count()).toBe(0)
    await expect
      .poll(async () => (await analyst.entries(p.id)).map((e) => e.text).sort())
      .toEqual(['The parcel came a day early.', 'The parcel was left at the neighbours without a note.'])
    await look(page, 'respondent-sync-03-all-sent')
    await context.close()
  })

  it('answers the server refuses are shown at their question; finished offline and refused, the home screen sends the participant back to fix them', async () => {
    const p = await analyst.participant('Ravi')
    const context = await phone()
    let page = await openLink(context, p.link, 'I agree')
    await page.getByRole('listitem').filter({ hasText: SURVEY }).getByRole('button').click()
    await page.getByRole('heading', { name: SURVEY, level: 1 }).waitFor()
    await page
      .getByRole('group', { name: /How satisfied are you with/ })
      .getByRole('radio', { name: '2', exact: true })
      .check()
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved$/ })
      .waitFor()
    await page.getByRole('button', { name: 'Next' }).click()

    // an answer with a NUL: the save is refused and the error stands at that question, even after moving on
    const why = page.getByLabel(/What could have been better about/)
    await why.evaluate((el: HTMLTextAreaElement | HTMLInputElement) => {
      const set = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')!.set!
      set.call(el, `It timed out${String.fromCharCode(0)} twice.`)
      el.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByText('This answer contains a character we cannot store.').waitFor({ timeout: 15_000 })
    expect(await why.isVisible()).toBe(true)
    expect(await why.getAttribute('aria-invalid')).toBe('true')
    await look(page, 'respondent-sync-04-answer-refused')
    await why.fill('It timed out twice.')
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved$/ })
      .waitFor()
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByText(/^Question 3 of/).waitFor()

    // the rest offline, the last answer with a NUL again, sent when the link is opened later
    await context.setOffline(true)
    let step = 0
    while (!(await page.getByRole('button', { name: 'Submit' }).isVisible())) {
      await page.getByRole('button', { name: 'Next' }).click()
      if (await page.getByText('Please answer this question.').isVisible()) {
        await page
          .getByRole('group', { name: /recommend us/ })
          .getByRole('radio', { name: '8', exact: true })
          .check()
        await page.getByRole('button', { name: 'Next' }).click()
      }
      if (++step > 60) throw new Error('no end to the questionnaire')
    }
    const last = page.getByLabel(/anything else you would like to tell us/)
    await last.evaluate((el: HTMLTextAreaElement | HTMLInputElement) => {
      const set = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')!.set!
      set.call(el, `Fast${String.fromCharCode(0)} though.`)
      el.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.getByText('Your answers are saved on this device.').waitFor()
    await page.close()
    await context.setOffline(false)

    page = await openLink(context, p.link)
    const item = page.getByTestId('survey-item').filter({ hasText: SURVEY })
    await item
      .getByText('Some of your answers were not accepted. Open the questionnaire to fix them.')
      .waitFor({ timeout: 15_000 })
    expect(await item.getByRole('button').textContent()).toBe('Fix answers')
    await look(page, 'respondent-sync-05-survey-refused-home')
    const [waiting] = (await analyst.surveyResponses(surveyId)).filter((r) => r.participant?.id === p.id)
    expect(waiting?.status).toBe('in_progress')

    await item.getByRole('button', { name: 'Fix answers' }).click()
    await page.getByText('This answer contains a character we cannot store.').waitFor()
    expect(await page.getByLabel(/anything else you would like to tell us/).isVisible()).toBe(true)
    await look(page, 'respondent-sync-06-survey-fix')
    await page.getByLabel(/anything else you would like to tell us/).fill('Fast though.')
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor()
    await expect
      .poll(async () => (await analyst.surveyResponses(surveyId)).find((r) => r.participant?.id === p.id)?.status)
      .toBe('complete')
    const [done] = (await analyst.surveyResponses(surveyId)).filter((r) => r.participant?.id === p.id)
    expect(Object.values(done!.answers)).toEqual(expect.arrayContaining(['It timed out twice.', 'Fast though.', 8]))
    await page.getByRole('button', { name: 'Back to my diary' }).click()
    await expect
      .poll(() => page.getByTestId('survey-item').filter({ hasText: SURVEY }).textContent())
      .toContain('Completed')
    await context.close()
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type BrowserContext, newContext, type Page, screenshot } from './support/browser.js'
import type { Product } from './support/product.js'
import { closeDemoStudy, openDemoStudy, signInDutch, studyTab } from './support/analyst.js'

/**
 * The analyst's survey screens against the built product and its demo study (5 stages, 15 touchpoints):
 * a survey generated from the journey, edited and extended in the builder, published, answered once
 * through the respondent API, and read back in the results view.
 */

let product: Product
let browser: Browser
let context: BrowserContext
let page: Page
let studyId: string
let surveyId: string

beforeAll(async () => {
  ;({ product, browser, context, page, studyId } = await openDemoStudy())
})
afterAll(() => closeDemoStudy({ product, browser, context }))

const tab = (name: string) => studyTab(page, name)
const question = (label: string) => page.getByRole('group', { name: new RegExp(`^${label.replace('.', '\\.')} ·`) })

async function csrf(): Promise<Record<string, string>> {
  const me = await (await page.request.get('/api/v1/auth/me')).json()
  return { 'x-csrf-token': me.csrfToken }
}

describe('analyst survey screens', () => {
  it('generates a survey from the journey', async () => {
    await tab('Surveys').click()
    await page.getByRole('heading', { name: 'Surveys', level: 2 }).waitFor()
    expect(page.url()).toContain(`#/studies/${studyId}/surveys`)
    await page.getByText('No surveys yet.').waitFor()
    await page.getByLabel('Title', { exact: true }).fill('Delivery survey')
    await page.getByRole('button', { name: 'Generate from the journey' }).click()
    await page.getByRole('heading', { name: 'Delivery survey', level: 2 }).waitFor()
    surveyId = /surveys\/([0-9a-f-]{36})/.exec(page.url())![1]!
    // one page per stage, then the overall page
    expect(await page.getByRole('region', { name: /^Page \d+$/ }).count()).toBe(6)
    await page.getByTestId('survey-preview').waitFor()
    await screenshot(page, 'surveys-01-generated')
  })

  it('edits a question, adds a single-choice question, shows field errors, saves and publishes', async () => {
    await question('Question 1.1')
      .getByLabel('Question text (English)')
      .fill('How happy were you with ordering on our website?')
    await page.getByTestId('survey-preview').getByText('How happy were you with ordering on our website?').waitFor()

    const last = page.getByRole('region', { name: 'Page 6' })
    await last.getByLabel('Question type').selectOption('single_choice')
    await last.getByRole('button', { name: 'Add question' }).click()
    const added = question('Question 6.4')
    await added.waitFor()

    // saving with empty texts: the server's messages land next to the fields
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByText('The survey was not saved. Check the fields marked below.').waitFor()
    expect(await added.getByText('required').count()).toBeGreaterThan(0)
    await screenshot(page, 'surveys-02-field-errors')

    await added.getByLabel('Question text (English)').fill('How did you pay?')
    await added.getByLabel('Question text (Dutch)').fill('Hoe heb je betaald?')
    await added.getByLabel('Option 1 (English)').fill('iDEAL')
    await added.getByLabel('Option 1 (Dutch)').fill('iDEAL')
    await added.getByLabel('Option 2 (English)').fill('Credit card')
    await added.getByLabel('Option 2 (Dutch)').fill('Creditcard')
    // show it only after a recommendation of at least 6
    await added.getByLabel('Show only when').selectOption('nps')
    await added.getByLabel('Comparison').selectOption('gte')
    await added.getByLabel('Value').selectOption('6')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByText('Survey saved.').waitFor()
    await page.getByLabel('Page to preview').selectOption({ label: 'Page 6' })
    await page.getByTestId('survey-preview').getByText('Credit card').waitFor()
    await screenshot(page, 'surveys-03-saved')

    page.once('dialog', (d) => void d.accept())
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.getByText('Version 1 published. The survey is open.').waitFor()
    await page.getByText('Current version: 1').waitFor()
    await page.getByRole('button', { name: 'Close survey' }).waitFor()

    const survey = await (await page.request.get(`/api/v1/studies/${studyId}/surveys/${surveyId}`)).json()
    expect(survey).toMatchObject({ status: 'open', currentVersion: 1 })
    expect(survey.draft.pages[0].questions[0].text.en).toBe('How happy were you with ordering on our website?')
    const choice = survey.draft.pages[5].questions[3]
    expect(choice).toMatchObject({
      type: 'single_choice',
      text: { en: 'How did you pay?', nl: 'Hoe heb je betaald?' },
      showIf: { questionId: 'nps', op: 'gte', value: 6 },
    })
    expect(choice.options.map((o: { text: { en: string } }) => o.text.en)).toEqual(['iDEAL', 'Credit card'])

    await tab('Surveys').click()
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Delivery survey' }) })
    await row.getByText('Version 1').waitFor()
    await row.getByText('Open').waitFor()
    await screenshot(page, 'surveys-04-list')
  })

  it('shows a response in the results view with its chart', async () => {
    const survey = await (await page.request.get(`/api/v1/studies/${studyId}/surveys/${surveyId}`)).json()
    const firstCsat = survey.draft.pages[0].questions[0].id as string
    const choiceId = survey.draft.pages[5].questions[3].id as string

    // a participant with a personal link, as the analyst
    const headers = await csrf()
    const created = await page.request.post(`/api/v1/studies/${studyId}/participants`, {
      headers,
      data: { email: 'noor@example.com', name: 'Noor', language: 'en' },
    })
    expect(created.status(), await created.text()).toBe(201)
    const participant = await created.json()
    const linkRes = await page.request.post(`/api/v1/studies/${studyId}/participants/${participant.id}/link`, {
      headers,
      data: { validDays: 30 },
    })
    expect(linkRes.ok(), await linkRes.text()).toBe(true)
    const { link } = await linkRes.json()

    const phone = await newContext(browser, product.url)
    try {
      expect((await phone.request.get(link, { maxRedirects: 0 })).status()).toBe(303)
      const rh = { 'x-requested-with': 'klantreis' }
      const me = await (await phone.request.get('/api/v1/respondent/me')).json()
      if (!me.consent.given)
        expect(
          (
            await phone.request.post('/api/v1/respondent/consent', {
              headers: rh,
              data: { version: me.consent.version },
            })
          ).ok(),
        ).toBe(true)
      const put = await phone.request.put(`/api/v1/respondent/surveys/${surveyId}/responses/${crypto.randomUUID()}`, {
        headers: rh,
        data: { version: 1, answers: { nps: 9, [firstCsat]: 4, [choiceId]: 'o2' }, complete: true },
      })
      expect(put.ok(), await put.text()).toBe(true)
    } finally {
      await phone.close()
    }

    await page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Delivery survey' }) })
      .getByRole('link', { name: 'Results of Delivery survey' })
      .click()
    await page.getByTestId('survey-chart-nps').locator('.recharts-bar-rectangle').first().waitFor()
    await page.getByTestId(`survey-chart-${choiceId}`).locator('.recharts-bar-rectangle').first().waitFor()
    await page
      .getByTestId('survey-chart-nps')
      .getByText(/Mean 9/)
      .waitFor()
    await page.getByText('100%').waitFor()
    await page.getByRole('region', { name: 'Drop-off per page' }).waitFor()
    // outside the Participants tab a participant is named by pseudonym, never by name
    expect(await page.getByText('Noor').count()).toBe(0)
    await page.getByRole('button', { name: `View the response of ${participant.pseudonym}` }).click()
    const detail = page.getByRole('region', { name: `Response of ${participant.pseudonym}` })
    await detail.getByText('Credit card').waitFor()
    await detail.getByText('How happy were you with ordering on our website?').waitFor()
    await screenshot(page, 'surveys-05-results')
  })

  it('speaks Dutch', async () => {
    const { context: nl, page: p } = await signInDutch(browser, product)
    try {
      await p.goto(`/#/studies/${studyId}/surveys/${surveyId}`)
      await p
        .getByRole('navigation', { name: 'Onderdelen van het onderzoek' })
        .getByRole('link', { name: 'Vragenlijsten' })
        .waitFor()
      await p.getByText('Huidige versie: 1').waitFor()
      await p
        .getByTestId('survey-preview')
        .getByText('Hoe heb je betaald?')
        .or(p.getByTestId('survey-preview').locator('h4'))
        .first()
        .waitFor()
      await screenshot(p, 'surveys-06-builder-nl')
    } finally {
      await nl.close()
    }
  })
})

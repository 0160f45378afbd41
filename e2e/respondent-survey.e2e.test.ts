import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, launchBrowser, newContext, type Page } from './support/browser.js'
import { type Product, startProduct } from './support/product.js'
import { analystApi, PHONE, look, openLink } from './support/respondent.js'

let product: Product
let browser: Browser
let analyst: Awaited<ReturnType<typeof analystApi>>
let surveyId: string
let mapId: string
const SURVEY = 'How was your order?'
const MAP = 'Your day with the parcel'

beforeAll(async () => {
  ;[product, browser] = await Promise.all([startProduct(), launchBrowser()])
  analyst = await analystApi(product)
  surveyId = await analyst.generatedSurvey(SURVEY)
  mapId = await analyst.empathySurvey(MAP)
})
afterAll(async () => {
  await analyst?.dispose()
  await browser?.close()
  await product?.stop()
})

const phone = (locale = 'en-GB') => newContext(browser, product.url, { locale, viewport: PHONE })

const surveyButton = (page: Page, title: string) =>
  page.getByRole('listitem').filter({ hasText: title }).getByRole('button')
const progress = (page: Page) => page.locator('.progress-label').textContent()
const saved = (page: Page) =>
  page
    .getByRole('status')
    .filter({ hasText: /^(Saved|Opgeslagen)$/ })
    .waitFor()

describe('questionnaires in the participant app (phone)', () => {
  it('answers the generated survey with skip logic, resumes on another device and submits', async () => {
    const p = await analyst.participant('Noor')
    const first = await phone()
    let page = await openLink(first, p.link, 'I agree')
    await page.getByRole('heading', { name: 'Questionnaires' }).waitFor()
    await look(page, 'survey-01-home-list')
    await surveyButton(page, SURVEY).click()
    await page.getByRole('heading', { name: SURVEY, level: 1 }).waitFor()
    expect(await progress(page)).toMatch(/^Question 1 of \d+$/)
    await look(page, 'survey-02-csat')

    // a low CSAT: the "why?" follow-up joins the path (keyboard: arrows move along the scale)
    const csat = page.getByRole('group', { name: /How satisfied are you with/ })
    const firstQuestion = (await csat.locator('legend').textContent())!
    await csat.getByRole('radio', { name: '3', exact: true }).check()
    await page.keyboard.press('ArrowLeft')
    expect(await csat.getByRole('radio', { name: '2', exact: true }).isChecked()).toBe(true)
    await saved(page)
    await page.getByRole('button', { name: 'Next' }).click()
    const why = page.getByLabel(/What could have been better about/)
    await why.waitFor()
    expect(await progress(page)).toMatch(/^Question 2 of/)
    await look(page, 'survey-03-why')
    await why.fill('The payment page timed out twice.')
    await page.getByRole('button', { name: 'Next' }).click()
    // the next CSAT: a high score, so its "why?" stays off the path
    const csat2 = page.getByRole('group', { name: /How satisfied are you with/ })
    await csat2.getByRole('radio', { name: '5', exact: true }).check()
    // every answer reached the server before the page goes away
    await expect
      .poll(
        async () =>
          Object.keys((await analyst.surveyResponses(surveyId)).find((r) => r.participant?.id === p.id)?.answers ?? {})
            .length,
        { timeout: 10_000 },
      )
      .toBe(3)
    const total = Number(/of (\d+)/.exec((await progress(page))!)![1])
    // closed halfway
    await page.close()
    await first.close()

    // another device: the personal link again, the questionnaire resumes where it was
    const second = await phone()
    page = await openLink(second, p.link)
    await expect.poll(() => surveyButton(page, SURVEY).textContent()).toBe('Continue')
    await surveyButton(page, SURVEY).click()
    await page.getByRole('heading', { name: SURVEY, level: 1 }).waitFor()
    expect(await progress(page)).toBe(`Question 4 of ${total}`)
    await page.getByRole('button', { name: 'Previous' }).click()
    expect(
      await page
        .getByRole('group', { name: /How satisfied are you with/ })
        .getByRole('radio', { name: '5', exact: true })
        .isChecked(),
    ).toBe(true)
    await page.getByRole('button', { name: 'Previous' }).click()
    expect(await page.getByLabel(/What could have been better about/).inputValue()).toBe(
      'The payment page timed out twice.',
    )
    await page.getByRole('button', { name: 'Previous' }).click()
    expect(
      await page.getByRole('group', { name: firstQuestion }).getByRole('radio', { name: '2', exact: true }).isChecked(),
    ).toBe(true)

    // through to the end: the NPS is required
    let step = 0
    while (!(await page.getByRole('button', { name: 'Submit' }).isVisible())) {
      await page.getByRole('button', { name: 'Next' }).click()
      if (await page.getByText('Please answer this question.').isVisible()) {
        await look(page, 'survey-04-required')
        await page
          .getByRole('group', { name: /recommend us/ })
          .getByRole('radio', { name: '8', exact: true })
          .check()
        await page.getByRole('button', { name: 'Next' }).click()
      }
      if (++step > 60) throw new Error('no end to the questionnaire')
    }
    await page.getByLabel(/anything else you would like to tell us/).fill('Fast delivery though.')
    await look(page, 'survey-05-last')
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor()
    await look(page, 'survey-06-thanks')
    await page.getByRole('button', { name: 'Back to my diary' }).click()
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: SURVEY }).textContent()).toContain('Completed')
    await second.close()

    const results = await analyst.surveyResults(surveyId)
    expect(results.completed).toBe(1)
    const q = (id: string) => results.questions.find((x) => x.questionId === id)
    expect(q('nps')).toMatchObject({ answered: 1, distribution: [{ value: '8', count: 1 }] })
    const csats = results.questions.filter((x) => x.questionId.endsWith('-csat') && x.answered > 0)
    expect(csats.map((x) => x.distribution)).toEqual([[{ value: '2', count: 1 }], [{ value: '5', count: 1 }]])
    // the "why?" of the low score was on the path and answered; the one after the high score was not
    expect(results.questions.filter((x) => x.questionId.endsWith('-why') && x.answered > 0)).toHaveLength(1)
    const [response] = (await analyst.surveyResponses(surveyId)).filter((r) => r.participant?.id === p.id)
    expect(response).toMatchObject({ status: 'complete' })
    expect(Object.values(response!.answers)).toEqual(
      expect.arrayContaining([2, 'The payment page timed out twice.', 5, 8, 'Fast delivery though.']),
    )
    expect(response!.answers.nps).toBe(8)
  })

  it('fills in an empathy map: items in three boxes, marked pain or gain', async () => {
    const p = await analyst.participant('Daan')
    const context = await phone()
    const page = await openLink(context, p.link, 'I agree')
    await surveyButton(page, MAP).click()
    await page.getByRole('heading', { name: MAP, level: 1 }).waitFor()
    await look(page, 'survey-07-empathy-empty')
    const add = async (box: string, text: string, valence: 'Pain' | 'Gain') => {
      const region = page.getByRole('region', { name: box })
      await region.getByRole('textbox').fill(text)
      await region.getByRole('radio', { name: valence }).check()
      await region.getByRole('button', { name: 'Add' }).click()
      await region.getByText(text).waitFor()
    }
    // an item needs a pain/gain mark
    const says = page.getByRole('region', { name: 'Says' })
    await says.getByRole('textbox').fill('Where is my parcel?')
    await says.getByRole('button', { name: 'Add' }).click()
    await says.getByText('Choose pain or gain.').waitFor()
    await says.getByRole('radio', { name: 'Pain' }).check()
    await says.getByRole('button', { name: 'Add' }).click()
    await says.getByText('Where is my parcel?').waitFor()
    await add('Thinks', 'They will probably come tomorrow', 'Gain')
    await add('Feels', 'Annoyed at the waiting', 'Pain')
    await add('Feels', 'Relieved when it came', 'Gain')
    await saved(page)
    await look(page, 'survey-08-empathy-filled')
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor()
    await context.close()

    const [response] = (await analyst.surveyResponses(mapId)).filter((r) => r.participant?.id === p.id)
    expect(response?.status).toBe('complete')
    expect(response!.answers.empathy).toEqual({
      items: [
        { box: 'says', text: 'Where is my parcel?', valence: 'pain' },
        { box: 'thinks', text: 'They will probably come tomorrow', valence: 'gain' },
        { box: 'feels', text: 'Annoyed at the waiting', valence: 'pain' },
        { box: 'feels', text: 'Relieved when it came', valence: 'gain' },
      ],
    })
  })

  it('has no axe violations on any questionnaire screen in Dutch', async () => {
    const p = await analyst.participant('Sanne', 'nl')
    const context = await phone('nl-NL')
    const page = await openLink(context, p.link, 'Ik ga akkoord')
    await page.getByRole('heading', { name: 'Vragenlijsten' }).waitFor()
    await look(page, 'survey-nl-01-home')
    await surveyButton(page, SURVEY).click()
    await page.getByRole('heading', { name: SURVEY, level: 1 }).waitFor()
    let n = 0
    await page
      .getByRole('group', { name: /Hoe tevreden bent u over/ })
      .getByRole('radio', { name: '1', exact: true })
      .check()
    while (!(await page.getByRole('button', { name: 'Versturen' }).isVisible())) {
      await look(page, `survey-nl-q${String(++n).padStart(2, '0')}`)
      await page.getByRole('button', { name: 'Volgende' }).click()
      if (await page.getByText('Beantwoord deze vraag.').isVisible()) {
        await look(page, 'survey-nl-required')
        await page
          .getByRole('group', { name: /aanbeveelt/ })
          .getByRole('radio', { name: '9', exact: true })
          .check()
        await page.getByRole('button', { name: 'Volgende' }).click()
      }
      if (n > 60) throw new Error('no end to the questionnaire')
    }
    await look(page, 'survey-nl-last')
    await page.getByRole('button', { name: 'Versturen' }).click()
    await page.getByRole('heading', { name: 'Bedankt!' }).waitFor()
    await look(page, 'survey-nl-thanks')
    await page.getByRole('button', { name: 'Terug naar mijn dagboek' }).click()

    await surveyButton(page, MAP).click()
    await page.getByRole('heading', { name: MAP, level: 1 }).waitFor()
    const zegt = page.getByRole('region', { name: 'Zegt' })
    await zegt.getByRole('textbox').fill('Waar blijft mijn pakket?')
    await zegt.getByRole('radio', { name: 'Pijnpunt' }).check()
    await zegt.getByRole('button', { name: 'Toevoegen' }).click()
    await zegt.getByText('Waar blijft mijn pakket?').waitFor()
    await look(page, 'survey-nl-empathy')
    await context.close()
  }, 240_000) // an axe run on each of the questionnaire's screens: slow on a loaded two-core machine

  it('keeps answers given without a connection through a closed tab, and sends them, and the submit, when it returns', async () => {
    const p = await analyst.participant('Fenna')
    const context = await phone()
    let page = await openLink(context, p.link, 'I agree')
    await surveyButton(page, MAP).click()
    await page.getByRole('heading', { name: MAP, level: 1 }).waitFor()
    const add = async (box: string, text: string, valence: 'Pain' | 'Gain') => {
      const region = page.getByRole('region', { name: box })
      await region.getByRole('textbox').fill(text)
      await region.getByRole('radio', { name: valence }).check()
      await region.getByRole('button', { name: 'Add' }).click()
      await region.getByText(text).waitFor()
    }
    const serverItems = async () => {
      const r = (await analyst.surveyResponses(mapId)).find((x) => x.participant?.id === p.id)
      return {
        status: r?.status ?? 'none',
        items: ((r?.answers.empathy as { items?: { text: string }[] } | undefined)?.items ?? []).map((i) => i.text),
      }
    }
    await add('Says', 'Is it coming today?', 'Pain')
    await saved(page)
    expect(await serverItems()).toEqual({ status: 'in_progress', items: ['Is it coming today?'] })

    // the server cannot be reached: the next item stays on the phone, and the screen says so
    const cut = (route: import('playwright-core').Route) => route.abort('internetdisconnected')
    const answers = '**/api/v1/respondent/surveys/*/responses/*'
    await context.route(answers, cut)
    await add('Hears', 'The neighbour took it in', 'Gain')
    await page.getByText('Saved on this device. It will be sent when you are online.').waitFor()
    await look(page, 'survey-09-offline-answer')
    await page.close()
    expect((await serverItems()).items).toEqual(['Is it coming today?'])

    // the tab was closed: opened again (still without a way to the server), both items are there
    page = await context.newPage()
    await page.goto(`/r/#/survey/${mapId}`)
    await page.getByText('The neighbour took it in').waitFor()
    await page.getByText('Is it coming today?').waitFor()
    // back online: opening it sends what the phone kept
    await context.unroute(answers, cut)
    await page.reload()
    await saved(page)
    expect(await serverItems()).toEqual({
      status: 'in_progress',
      items: ['Is it coming today?', 'The neighbour took it in'],
    })

    // "Submit" without a connection: thanked, told it waits on this phone, and sent once the app opens online again
    await context.route(answers, cut)
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor()
    await page.getByText('Your answers are saved on this device.', { exact: false }).waitFor()
    await look(page, 'survey-10-submitted-offline')
    await page.close()
    expect((await serverItems()).status).toBe('in_progress')
    await context.unroute(answers, cut)
    page = await context.newPage()
    await page.goto('/r/')
    await expect.poll(async () => (await serverItems()).status, { timeout: 15_000 }).toBe('complete')
    expect((await serverItems()).items).toEqual(['Is it coming today?', 'The neighbour took it in'])
    await expect
      .poll(() => page.getByRole('listitem').filter({ hasText: MAP }).textContent(), { timeout: 15_000 })
      .toContain('Completed')
    await context.close()
  })
})

describe('an anonymous survey link (phone)', () => {
  it("is answered without a diary, in the browser's language, and refuses answers past its limit", async () => {
    const title = 'Quick question about your parcel'
    const pollId = await analyst.empathySurvey(title)
    const { link } = await analyst.anonymousLink(pollId, { maxResponses: 1 })
    expect(link).toMatch(/\/s\/[\w-]{20,}$/)

    // Dutch browser: the questionnaire alone (no diary, no back button), in Dutch
    const nlContext = await phone('nl-NL')
    const page = await nlContext.newPage()
    await page.goto(link)
    await page.getByRole('heading', { name: title, level: 1 }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/r/')
    expect(page.url()).not.toContain(link.split('/s/')[1]!)
    expect(await page.getByRole('button', { name: 'Terug' }).count()).toBe(0)
    await page.getByText('Vragenlijst', { exact: true }).waitFor()
    await look(page, 'survey-anon-01-nl')
    const zegt = page.getByRole('region', { name: 'Zegt' })
    await zegt.getByRole('textbox').fill('Wanneer komt het?')
    await zegt.getByRole('radio', { name: 'Pijnpunt' }).check()
    await zegt.getByRole('button', { name: 'Toevoegen' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: /^Opgeslagen$/ })
      .waitFor()
    // the language switch works without a participant
    await page.getByRole('button', { name: /English/ }).click()
    await page.getByRole('region', { name: 'Says' }).waitFor()
    await page.reload()
    await page.getByText('Wanneer komt het?').waitFor()
    await look(page, 'survey-anon-02-en-resumed')
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor()
    expect(await page.getByRole('button', { name: 'Back to my diary' }).count()).toBe(0)
    await look(page, 'survey-anon-03-thanks')
    await nlContext.close()

    const responses = await analyst.surveyResponses(pollId)
    expect(responses).toHaveLength(1)
    expect(responses[0]).toMatchObject({
      status: 'complete',
      participant: null,
      answers: { empathy: { items: [{ box: 'says', text: 'Wanneer komt het?', valence: 'pain' }] } },
    })

    // the link allowed one response: the next browser is told so at its first answer
    const enContext = await phone()
    const late = await enContext.newPage()
    await late.goto(link)
    await late.getByRole('heading', { name: title, level: 1 }).waitFor()
    const says = late.getByRole('region', { name: 'Says' })
    await says.getByRole('textbox').fill('Too late?')
    await says.getByRole('radio', { name: 'Gain' }).check()
    await says.getByRole('button', { name: 'Add' }).click()
    await late.getByText('This questionnaire has received all the answers it needs.', { exact: false }).waitFor()
    await look(late, 'survey-anon-04-limit')
    await enContext.close()
    expect(await analyst.surveyResponses(pollId)).toHaveLength(1)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type BrowserContext, newContext, type Page, screenshot } from './support/browser.js'
import type { Product } from './support/product.js'
import { closeDemoStudy, inviteTeammate, openDemoStudy, signInDutch, studyTab } from './support/analyst.js'

/**
 * The survey's Distribution tab against the built product: an anonymous link with a response limit is
 * made, shown once and copied, opened in another browser, counted, and revoked, which closes it also
 * for the browser that is halfway.
 */

let product: Product
let browser: Browser
let context: BrowserContext
let page: Page
let studyId: string
let surveyId: string
let link: string
/** The browser that opened the link and started answering. */
let visitor: BrowserContext
let visitorPage: Page

beforeAll(async () => {
  ;({ product, browser, context, page, studyId } = await openDemoStudy())
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: product.url })
})
afterAll(async () => {
  await visitor?.close()
  await closeDemoStudy({ product, browser, context })
})

const linksTable = () => page.getByRole('table', { name: 'Anonymous links of this survey' })
const distributionTab = () =>
  page.getByRole('navigation', { name: 'Surveys' }).getByRole('link', { name: 'Distribution' })

describe('anonymous survey links', () => {
  it('warns on a draft survey that a link shows the survey as not available', async () => {
    await studyTab(page, 'Surveys').click()
    await page.getByLabel('Title', { exact: true }).fill('Returns survey')
    await page.getByRole('button', { name: 'Generate from the journey' }).click()
    await page.getByRole('heading', { name: 'Returns survey', level: 2 }).waitFor()
    surveyId = /surveys\/([0-9a-f-]{36})/.exec(page.url())![1]!

    await distributionTab().click()
    expect(page.url()).toContain(`#/studies/${studyId}/surveys/${surveyId}/links`)
    await page
      .getByText(/This survey is not published yet: people who open a link are told the survey is not available/)
      .waitFor()
    await page.getByText('No anonymous links yet.').waitFor()
    await screenshot(page, 'links-01-draft')
  })

  it('publishes the survey, then shows field errors for a limit that is not a number', async () => {
    await page.getByRole('navigation', { name: 'Surveys' }).getByRole('link', { name: 'Builder' }).click()
    page.once('dialog', (d) => void d.accept())
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.getByText('Version 1 published. The survey is open.').waitFor()

    await distributionTab().click()
    await page.getByRole('heading', { name: 'New anonymous link' }).waitFor()
    expect(await page.getByText(/people who open a link are told the survey is not available/).count()).toBe(0)

    const limit = page.getByLabel('Response limit')
    await limit.fill('two')
    await page.getByRole('button', { name: 'Create link' }).click()
    await page.getByText('Enter a whole number from 1 to 1,000,000.').waitFor()
    expect(await limit.getAttribute('aria-invalid')).toBe('true')
    // an expiry in the past is caught on the date field
    await page.getByLabel('Expires on').fill('2020-01-01')
    await limit.fill('2')
    await page.getByRole('button', { name: 'Create link' }).click()
    await page.getByText('Choose a moment in the future.').waitFor()
    expect(await page.getByLabel('Expires on').getAttribute('aria-invalid')).toBe('true')
    await screenshot(page, 'links-02-field-errors')
  })

  it('creates a link with a limit of 2, shows it once and copies it', async () => {
    await page.getByLabel('Expires on').fill('')
    await page.getByLabel('Response limit').fill('2')
    await page.getByRole('button', { name: 'Create link' }).click()
    const created = page.getByRole('region', { name: 'Anonymous link created.' })
    await created.getByText('It is shown only this once').waitFor()
    link = await created.getByLabel('Anonymous link').inputValue()
    expect(link).toMatch(new RegExp(`^${product.url}/s/[A-Za-z0-9_-]{20,}$`))
    // the copy button has focus, so Enter copies
    await page.keyboard.press('Enter')
    await created.getByRole('button', { name: 'Copied' }).waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link)

    const row = linksTable().getByRole('row').nth(1)
    await row.getByText('0 of 2').waitFor()
    await row.getByText('Active').waitFor()
    await row.getByText('Never').waitFor()
    expect(await linksTable().getByRole('row').count()).toBe(2) // the header and this link
    await screenshot(page, 'links-03-created')

    // the list keeps only a fingerprint: the link is nowhere else on the page, and gone after "Done"
    const listed = await (
      await page.request.get(`/api/v1/studies/${studyId}/surveys/${surveyId}/anonymous-links`)
    ).json()
    expect(listed.items).toHaveLength(1)
    expect(listed.items[0]).toMatchObject({ maxResponses: 2, responses: 0, revokedAt: null, expiresAt: null })
    expect(listed.items[0].link).toBeUndefined()
    await created.getByRole('button', { name: 'Done' }).click()
    expect(await page.getByText(link).count()).toBe(0)
    expect(await page.locator(`input[value="${link}"]`).count()).toBe(0)
  })

  it('lets another browser in through the link, and counts its response', async () => {
    visitor = await newContext(browser, product.url)
    {
      const opened = await visitor.request.get(link, { maxRedirects: 0 })
      expect(opened.status()).toBe(303)
      expect(opened.headers().location).toBe(`/r/?survey=${surveyId}`)
      // a real visit sets the session cookie in this browser and shows the questionnaire
      const p = (visitorPage = await visitor.newPage())
      await p.goto(link)
      await p.getByRole('heading', { level: 1 }).waitFor()
      const survey = await p.request.get('/api/v1/anonymous/survey')
      expect(survey.status(), await survey.text()).toBe(200)
      expect((await survey.json()).survey).toMatchObject({ id: surveyId, status: 'open' })

      const saved = await p.request.put(`/api/v1/anonymous/responses/${crypto.randomUUID()}`, {
        headers: { 'x-requested-with': 'klantreis' },
        data: { version: 1, answers: { nps: 8 }, complete: false },
      })
      expect(saved.status(), await saved.text()).toBe(201)
    }

    await page.reload()
    await linksTable().getByRole('row').nth(1).getByText('1 of 2').waitFor()
  })

  it('revokes the link after a confirmation; the link then opens no new session', async () => {
    const row = linksTable().getByRole('row').nth(1)
    await row.getByRole('button', { name: /^Revoke the link created on / }).click()
    const dialog = page.getByRole('dialog', { name: 'Are you sure?' })
    await dialog.getByText(/It stops working at once/).waitFor()
    await screenshot(page, 'links-04-revoke-confirm')
    await dialog.getByRole('button', { name: 'Revoke', exact: true }).click()
    await row.getByText('Revoked').waitFor()
    expect(await row.getByRole('button', { name: /^Revoke/ }).count()).toBe(0)
    await screenshot(page, 'links-05-revoked')

    // the browser that was halfway is told the questionnaire is closed, and its session answers nothing more
    await visitorPage.reload()
    await visitorPage.getByText('This questionnaire is closed.', { exact: false }).waitFor()
    const closed = await visitorPage.request.get('/api/v1/anonymous/survey')
    expect(closed.status()).toBe(403)
    expect((await closed.json()).code).toBe('LINK_CLOSED')
    // opening the link again leads nowhere: no session, so the anonymous API answers 401
    const fresh = await newContext(browser, product.url)
    try {
      const reopened = await fresh.request.get(link, { maxRedirects: 0 })
      expect(reopened.status()).toBe(303)
      expect(reopened.headers().location).toBe('/r/?link=invalid')
      const refused = await fresh.request.get('/api/v1/anonymous/survey')
      expect(refused.status()).toBe(401)
      expect((await refused.json()).code).toBe('UNAUTHENTICATED')
    } finally {
      await fresh.close()
    }
  })

  it('shows a viewer the links without the means to create or revoke them', async () => {
    const { context: viewer, page: p } = await inviteTeammate(page, browser, product, {
      email: 'viewer@example.com',
      role: 'viewer',
      name: 'Vera Viewer',
    })
    try {
      await p.goto(`/#/studies/${studyId}/surveys/${surveyId}/links`)
      await p.getByRole('table', { name: 'Anonymous links of this survey' }).getByText('Revoked').waitFor()
      await p.getByText('Only researchers, admins and owners can create or revoke links.').waitFor()
      expect(await p.getByRole('heading', { name: 'New anonymous link' }).count()).toBe(0)
      expect(await p.getByRole('button', { name: /Revoke|Create link/ }).count()).toBe(0)
      await screenshot(p, 'links-06-viewer')
    } finally {
      await viewer.close()
    }
  })

  it('speaks Dutch', async () => {
    const { context: nl, page: p } = await signInDutch(browser, product)
    try {
      await p.goto(`/#/studies/${studyId}/surveys/${surveyId}/links`)
      await p.getByRole('link', { name: 'Verspreiding' }).waitFor()
      await p.getByRole('heading', { name: 'Nieuwe anonieme link' }).waitFor()
      await p.getByRole('table', { name: 'Anonieme links van deze vragenlijst' }).getByText('Ingetrokken').waitFor()
      await screenshot(p, 'links-07-nl')
    } finally {
      await nl.close()
    }
  })
})

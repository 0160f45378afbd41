import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, launchBrowser, newContext, type Page, screenshot } from './support/browser.js'
import { type Product, startProduct } from './support/product.js'

let product: Product
let browser: Browser

beforeAll(async () => {
  ;[product, browser] = await Promise.all([startProduct(), launchBrowser()])
})
afterAll(async () => {
  await browser?.close()
  await product?.stop()
})

async function signIn(page: Page, email = product.email, password = product.password) {
  await page.goto('/')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Studies', level: 1 }).waitFor()
}

const column = (page: Page, stage: string) => page.locator(`[data-testid="stage-column"][aria-label="${stage}"]`)
const card = (page: Page, stage: string, name: string) =>
  column(page, stage)
    .getByTestId('touchpoint-card')
    .filter({ has: page.getByRole('heading', { name, exact: true }) })

describe('analyst app in the browser', () => {
  it('signs in with the printed demo login and shows the demo journey', async () => {
    const context = await newContext(browser, product.url)
    const page = await context.newPage()
    await signIn(page)
    await expect
      .poll(() => page.getByRole('link', { name: 'Order to delivery and returns' }).count())
      .toBeGreaterThan(0)
    await screenshot(page, 'analyst-01-studies')
    await page
      .getByRole('row', { name: /Order to delivery and returns/ })
      .getByRole('link', { name: 'Touchpoint model' })
      .click()
    await page.getByTestId('stage-column').first().waitFor()
    expect(await page.getByTestId('stage-column').count()).toBe(5)
    expect(await page.getByTestId('touchpoint-card').count()).toBe(15)
    await screenshot(page, 'analyst-02-demo-model')
    await context.close()
  })

  it('creates a study with the wizard, builds a model and reorders it; the order survives a reload', async () => {
    const context = await newContext(browser, product.url)
    const page = await context.newPage()
    await signIn(page)
    await page
      .getByRole('link', { name: 'New study' })
      .or(page.getByRole('button', { name: 'New study' }))
      .first()
      .click()

    await page.getByLabel('Title').fill('Onboarding of new customers')
    await page.getByLabel('Goal', { exact: true }).fill('New customers order a second time within 3 months.')
    await page.getByLabel('Buy more').check()
    await screenshot(page, 'analyst-03-wizard-goal')
    await page.getByRole('button', { name: 'Create study and continue' }).click()

    await page.getByLabel('Journey scope').fill('From sign-up to the second order.')
    await page.getByLabel("The customer's job").fill('I want to get started without calling anyone.')
    await screenshot(page, 'analyst-04-wizard-scope')
    await page.getByRole('button', { name: 'Save and continue' }).click()

    await page.getByRole('button', { name: 'Add persona' }).click()
    await page.getByRole('dialog').getByLabel('Name').fill('First-time buyer')
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click()
    await page.getByText('First-time buyer').first().waitFor()
    await screenshot(page, 'analyst-05-wizard-personas')
    await page.getByRole('button', { name: /^(Continue|Save and continue)$/ }).click()

    for (const stage of ['Orientation', 'Purchase']) {
      await page.getByRole('button', { name: 'Add stage' }).click()
      await page.getByRole('dialog').getByLabel('Stage name').fill(stage)
      await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click()
      await column(page, stage).waitFor()
    }
    for (const [name, indirect] of [
      ['Website', false],
      ['A friend tells me', true],
    ] as const) {
      await column(page, 'Orientation')
        .getByRole('button', { name: /^Add touchpoint/ })
        .click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel('Name', { exact: true }).fill(name)
      if (indirect) await dialog.getByLabel('Indirect').check()
      await dialog.getByRole('button', { name: 'Save' }).click()
      await card(page, 'Orientation', name).waitFor()
    }
    await screenshot(page, 'analyst-06-model-built')
    await card(page, 'Orientation', 'Website').getByRole('button', { name: 'Move down' }).click()
    await expect
      .poll(() => column(page, 'Orientation').getByTestId('touchpoint-card').first().textContent())
      .toContain('A friend tells me')
    await card(page, 'Orientation', 'Website').getByRole('button', { name: 'Move to next stage' }).click()
    await card(page, 'Purchase', 'Website').waitFor()
    await screenshot(page, 'analyst-07-model-reordered')

    // the server has it: reload and read both the page and the API
    await page.waitForLoadState('networkidle')
    await page.reload()
    await card(page, 'Purchase', 'Website').waitFor()
    expect(await column(page, 'Orientation').getByTestId('touchpoint-card').count()).toBe(1)
    const studyId = /studies\/([0-9a-f-]{36})/.exec(page.url())![1]
    const model = await (await page.request.get(`/api/v1/studies/${studyId}/model`)).json()
    const byStage = (name: string) => {
      const stage = model.stages.find((s: { name: string }) => s.name === name)
      return model.touchpoints
        .filter((t: { stageId: string }) => t.stageId === stage.id)
        .map((t: { name: string }) => t.name)
    }
    expect(byStage('Orientation')).toEqual(['A friend tells me'])
    expect(byStage('Purchase')).toEqual(['Website'])
    expect(model.touchpoints.find((t: { name: string }) => t.name === 'A friend tells me').kind).toBe('indirect')
    expect(model.study).toMatchObject({
      title: 'Onboarding of new customers',
      loyaltyMetrics: ['buy_more'],
      customerJob: 'I want to get started without calling anyone.',
    })
    expect(model.personas.map((p: { name: string }) => p.name)).toEqual(['First-time buyer'])
    await context.close()
  })

  it('invites a teammate whose link signs them up and takes the token out of the address bar', async () => {
    const context = await newContext(browser, product.url)
    const page = await context.newPage()
    await signIn(page)
    await page.getByRole('link', { name: 'Team' }).click()
    await page.getByLabel('Email address', { exact: true }).fill('new.colleague@example.com')
    await page.getByLabel('Role', { exact: true }).selectOption('researcher')
    await page.getByRole('button', { name: 'Send invitation' }).click()
    const link = await page.getByLabel('Invitation link').inputValue()
    expect(link).toMatch(/#invite=/)
    product.handedOut(link.split('#invite=')[1]!) // the log check at stop looks for it
    await screenshot(page, 'analyst-08-team-invited')

    const other = await newContext(browser, product.url)
    const invitee = await other.newPage()
    await invitee.goto(link)
    await invitee.getByRole('heading', { name: 'Join Webshop Demo' }).waitFor()
    expect(invitee.url()).not.toContain('invite=')
    await invitee.getByLabel('Your name').fill('New Colleague')
    await invitee.getByLabel('Choose a password').fill('a long enough password')
    await screenshot(invitee, 'analyst-09-accept-invitation')
    await invitee.getByRole('button', { name: 'Accept invitation' }).click()
    await invitee.getByRole('heading', { name: 'Studies', level: 1 }).waitFor()
    await other.close()
    await context.close()
  })

  it('speaks Dutch to a Dutch browser', async () => {
    const context = await newContext(browser, product.url, { locale: 'nl-NL' })
    const page = await context.newPage()
    await page.goto('/')
    await page.getByRole('button', { name: 'Inloggen' }).waitFor()
    await screenshot(page, 'analyst-10-login-nl')
    await page.getByLabel('E-mailadres').fill(product.email)
    await page.getByLabel('Wachtwoord').fill(product.password)
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await page.getByRole('heading', { name: 'Onderzoeken', level: 1 }).waitFor()
    await screenshot(page, 'analyst-11-studies-nl')
    await context.close()
  })
})

import { type Browser, type BrowserContext, launchBrowser, newContext, type Page } from './browser.js'
import { type Product, startProduct } from './product.js'

export const DEMO_STUDY = 'Order to delivery and returns'

/** The built product, a browser, and the analyst signed in with the demo login on the demo study's page. */
export async function openDemoStudy() {
  const [product, browser] = await Promise.all([startProduct(), launchBrowser()])
  const context = await newContext(browser, product.url)
  const page = await context.newPage()
  await page.goto('/')
  await page.getByLabel('Email').fill(product.email)
  await page.getByLabel('Password').fill(product.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Studies', level: 1 }).waitFor()
  await page.getByRole('link', { name: DEMO_STUDY }).first().click()
  await page.getByRole('navigation', { name: 'Study sections' }).waitFor()
  const studyId = /studies\/([0-9a-f-]{36})/.exec(page.url())![1]!
  return { product, browser, context, page, studyId }
}

/** A second browser window in Dutch, signed in with the demo login, on the studies page. */
export async function signInDutch(browser: Browser, product: Product) {
  const context = await newContext(browser, product.url, { locale: 'nl-NL' })
  const page = await context.newPage()
  await page.goto('/')
  await page.getByLabel('E-mailadres').fill(product.email)
  await page.getByLabel('Wachtwoord').fill(product.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.getByRole('heading', { name: 'Onderzoeken', level: 1 }).waitFor()
  return { context, page }
}

/**
 * A teammate invited by the analyst signed in on `page`, who accepts the invitation in a browser of
 * their own: that browser, on the studies page.
 */
export async function inviteTeammate(
  page: Page,
  browser: Browser,
  product: Product,
  who: { email: string; role: string; name: string },
) {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string }
  const invited = await page.request.post('/api/v1/invitations', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { email: who.email, role: who.role },
  })
  if (invited.status() !== 201) throw new Error(`invitation ${invited.status()}: ${await invited.text()}`)
  const context = await newContext(browser, product.url)
  const p = await context.newPage()
  await p.goto(((await invited.json()) as { link: string }).link)
  await p.getByLabel('Your name').fill(who.name)
  await p.getByLabel('Choose a password').fill('a long enough password')
  await p.getByRole('button', { name: 'Accept invitation' }).click()
  await p.getByRole('heading', { name: 'Studies', level: 1 }).waitFor()
  return { context, page: p }
}

export async function closeDemoStudy(s: { product?: Product; browser?: Browser; context?: BrowserContext }) {
  await s.context?.close()
  await s.browser?.close()
  await s.product?.stop()
}

export const studyTab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Study sections' }).getByRole('link', { name, exact: true })

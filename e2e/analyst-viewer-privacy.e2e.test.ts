import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type BrowserContext, newContext, type Page, screenshot } from './support/browser.js'
import type { Product } from './support/product.js'
import { closeDemoStudy, DEMO_STUDY, inviteTeammate, openDemoStudy, studyTab } from './support/analyst.js'
import { axeViolations } from './support/respondent.js'

/**
 * Participants' identities and per-study viewers (issue 14), against the built product: a Viewer
 * visits every section of the demo study, the studies list and the Team page, and none shows a demo
 * participant's name, address or CRM reference (in the text or in any attribute); the Participants tab
 * shows them by pseudonym. Then an admin invites a viewer to one study only from the Team page, and
 * that viewer sees that study and nothing of the other.
 */

let product: Product
let browser: Browser
let context: BrowserContext
let page: Page // the demo login: an owner
let studyId: string
let viewer: { context: BrowserContext; page: Page }
type Listed = { items: { name: string | null; email: string | null; externalRef: string | null; pseudonym: string }[] }
let secrets: string[] // names, addresses and CRM references of the demo study's participants
let pseudonyms: string[]
let personaNames: string[]

beforeAll(async () => {
  ;({ product, browser, context, page, studyId } = await openDemoStudy())
  const listed = (await (await page.request.get(`/api/v1/studies/${studyId}/participants?limit=200`)).json()) as Listed
  secrets = listed.items.flatMap((p) => [p.name, p.email, p.externalRef]).filter((v): v is string => !!v)
  pseudonyms = listed.items.map((p) => p.pseudonym)
  const model = (await (await page.request.get(`/api/v1/studies/${studyId}/model`)).json()) as {
    personas: { name: string }[]
  }
  personaNames = model.personas.map((p) => p.name)
  viewer = await inviteTeammate(page, browser, product, {
    email: 'vera.viewer@example.com',
    role: 'viewer',
    name: 'Vera Viewer',
  })
})
afterAll(async () => {
  await viewer?.context.close()
  await closeDemoStudy({ product, browser, context })
})

/** Everything a page shows or carries: its text, every attribute value and every form value. */
const everythingOn = (p: Page) =>
  p.evaluate(() =>
    [
      document.body.innerText,
      ...Array.from(document.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).map((a) => a.value)),
      ...Array.from(document.querySelectorAll('input, textarea, select')).map((el) => (el as HTMLInputElement).value),
    ].join('\n'),
  )

/** Which of the participants' names, addresses and references the page shows (persona names are the model's, not a person's). */
async function leaked(p: Page) {
  let text = await everythingOn(p)
  for (const persona of personaNames) text = text.split(persona).join('')
  return secrets.filter((s) => text.includes(s))
}

/** The section has loaded: its tab is current, the network is quiet and nothing says "Loading". */
async function settled(p: Page) {
  await p.waitForLoadState('networkidle')
  await expect.poll(() => p.locator('.loading').count(), { timeout: 15_000 }).toBe(0)
}

describe('a viewer', () => {
  it('the owner sees the participants by name (so the check below can find them)', async () => {
    await studyTab(page, 'Participants').click()
    await page.getByRole('heading', { name: 'Participants', level: 2 }).waitFor()
    await settled(page)
    expect(secrets.length).toBeGreaterThanOrEqual(6)
    expect((await leaked(page)).length).toBeGreaterThan(0)
  })

  const sections = [
    'Set-up',
    'Participants',
    'Diary',
    'Entries',
    'Surveys',
    'Messages',
    'Coding',
    'Findings',
    'Empathy map',
    'Dashboard',
  ]
  it('sees no name, address or CRM reference of a participant in any section of the demo study', async () => {
    const p = viewer.page
    await p.getByRole('link', { name: DEMO_STUDY }).first().click()
    await p.getByRole('navigation', { name: 'Study sections' }).waitFor()
    for (const [i, section] of sections.entries()) {
      await studyTab(p, section).click()
      await expect.poll(() => studyTab(p, section).getAttribute('aria-current')).toBe('page')
      await settled(p)
      expect({ section, leaked: await leaked(p) }).toEqual({ section, leaked: [] })
      await screenshot(
        p,
        `viewer-privacy-${String(i + 1).padStart(2, '0')}-${section.toLowerCase().replace(/\W+/g, '-')}`,
      )
      expect(await axeViolations(p), `axe on ${section}`).toEqual([])
    }
  })

  it('sees the participants by pseudonym in the Participants tab, and no contact column', async () => {
    const p = viewer.page
    await studyTab(p, 'Participants').click()
    await settled(p)
    const table = p.getByRole('table').first()
    await table.getByRole('columnheader', { name: 'Pseudonym' }).waitFor()
    expect(await table.getByRole('columnheader', { name: 'Name' }).count()).toBe(0)
    for (const pseudonym of pseudonyms) await table.getByRole('rowheader', { name: pseudonym }).waitFor()
  })

  it('sees none of them in the sub-views either: codebook, agreement, a survey and its results', async () => {
    const p = viewer.page
    const surveys = (await (await p.request.get(`/api/v1/studies/${studyId}/surveys`)).json()) as {
      items: { id: string }[]
    }
    const views = [
      `#/studies/${studyId}/coding/codebook`,
      `#/studies/${studyId}/coding/agreement`,
      ...surveys.items.flatMap((s) => [
        `#/studies/${studyId}/surveys/${s.id}`,
        `#/studies/${studyId}/surveys/${s.id}/results`,
      ]),
    ]
    for (const view of views) {
      await p.goto(`/${view}`)
      await p.getByRole('navigation', { name: 'Study sections' }).waitFor()
      await settled(p)
      expect({ view, leaked: await leaked(p) }).toEqual({ view, leaked: [] })
    }
    await screenshot(p, 'viewer-privacy-11-survey-results')
  })

  it('sees none of them on the studies list and the Team page', async () => {
    const p = viewer.page
    await p.getByRole('link', { name: 'Studies' }).first().click()
    await p.getByRole('heading', { name: 'Studies', level: 1 }).waitFor()
    await settled(p)
    expect(await leaked(p)).toEqual([])
    await p.getByRole('link', { name: 'Team' }).click()
    await p.getByRole('heading', { name: 'Team', level: 1 }).waitFor()
    await settled(p)
    expect(await leaked(p)).toEqual([])
    await screenshot(p, 'viewer-privacy-12-team')
    expect(await axeViolations(p), 'axe on the Team page').toEqual([])
  })
})

describe('a viewer of one study', () => {
  let scoped: { context: BrowserContext; page: Page }
  let otherStudy: { id: string; title: string }

  it('is invited from the Team page to the demo study only', async () => {
    const all = (await (await page.request.get('/api/v1/studies?limit=200')).json()) as {
      items: { id: string; title: string }[]
    }
    otherStudy = all.items.find((s) => s.id !== studyId)!
    expect(otherStudy).toBeDefined()
    await page.getByRole('link', { name: 'Team' }).click()
    const invite = page.getByRole('region', { name: 'Invite a teammate' })
    await invite.getByLabel('Email address').fill('stake.holder@example.com')
    await invite.getByLabel('Role').selectOption({ label: 'Viewer' })
    await invite.getByLabel('Only these studies').check()
    await invite.getByLabel(DEMO_STUDY).check()
    await screenshot(page, 'viewer-privacy-13-invite-one-study')
    expect(await axeViolations(page), 'axe on the invite form with its study picker').toEqual([])
    await invite.getByRole('button', { name: 'Send invitation' }).click()
    await invite.getByText('Invitation sent to stake.holder@example.com.').waitFor()
    const link = await invite.getByLabel('Invitation link').inputValue()
    const row = page.getByRole('region', { name: 'Pending invitations' }).getByRole('row', { name: /stake\.holder/ })
    await row.getByText(DEMO_STUDY).waitFor()

    const c = await newContext(browser, product.url)
    const p = await c.newPage()
    await p.goto(link)
    await p.getByLabel('Your name').fill('Stake Holder')
    await p.getByLabel('Choose a password').fill('a long enough password')
    await p.getByRole('button', { name: 'Accept invitation' }).click()
    await p.getByRole('heading', { name: 'Studies', level: 1 }).waitFor()
    scoped = { context: c, page: p }
  })

  it('sees only that study in the list, and the other one not even by its address', async () => {
    const p = scoped.page
    await settled(p)
    await p.getByRole('link', { name: DEMO_STUDY }).first().waitFor()
    expect(await p.getByRole('link', { name: otherStudy.title }).count()).toBe(0)
    await screenshot(p, 'viewer-privacy-14-one-study-list')
    expect(await axeViolations(p), 'axe on the one-study list').toEqual([])
    await p.goto(`/#/studies/${otherStudy.id}/dashboard`)
    await p.getByText('This study does not exist or you have no access to it.').waitFor()
    expect(await p.getByText(otherStudy.title).count()).toBe(0)
    await screenshot(p, 'viewer-privacy-15-other-study-hidden')
    await p.goto(`/#/studies/${studyId}/dashboard`)
    await p.getByRole('navigation', { name: 'Study sections' }).waitFor()
    await settled(p)
    expect(await leaked(p)).toEqual([])
    await scoped.context.close()
  })

  it("shows the member's study on the Team page, where an admin can change it", async () => {
    await page.reload()
    const members = page.getByRole('region', { name: 'Members' })
    const row = members.getByRole('row', { name: /Stake Holder/ })
    await row.getByText(DEMO_STUDY).waitFor()
    await row.getByRole('button', { name: 'Change which studies Stake Holder sees' }).click()
    const dialog = page.getByRole('dialog', { name: 'Studies Stake Holder sees' })
    await dialog.getByLabel(otherStudy.title).check()
    await screenshot(page, 'viewer-privacy-16-change-studies')
    expect(await axeViolations(page), 'axe on the studies dialog').toEqual([])
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await row.getByText(otherStudy.title).waitFor()
  })
})

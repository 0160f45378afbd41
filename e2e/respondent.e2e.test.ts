import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type BrowserContext, launchBrowser, newContext, type Page } from './support/browser.js'
import { type Product, startProduct } from './support/product.js'
import { analystApi, PHONE, waitForServiceWorker, look } from './support/respondent.js'

let product: Product
let browser: Browser
let analyst: Awaited<ReturnType<typeof analystApi>>

beforeAll(async () => {
  ;[product, browser] = await Promise.all([startProduct(), launchBrowser()])
  analyst = await analystApi(product)
})
afterAll(async () => {
  await analyst?.dispose()
  await browser?.close()
  await product?.stop()
})

const phone = (locale = 'en-GB') => newContext(browser, product.url, { locale, viewport: PHONE })

/** Open a personal link and agree to the consent text: lands on the diary's home. */
async function openAndConsent(context: BrowserContext, link: string, agree = 'I agree') {
  const page = await context.newPage()
  await page.goto(link)
  await page.getByRole('button', { name: agree }).click()
  await page.getByRole('button', { name: /New moment|Nieuw moment/ }).waitFor()
  return page
}

/** A 3200 × 2400 PNG, as a phone camera might give (drawn in the page, so no file is needed). */
async function bigPhoto(page: Page) {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = 3200
    c.height = 2400
    const g = c.getContext('2d')!
    const grad = g.createLinearGradient(0, 0, 3200, 2400)
    grad.addColorStop(0, '#1f5f5b')
    grad.addColorStop(1, '#e3a400')
    g.fillStyle = grad
    g.fillRect(0, 0, 3200, 2400)
    return c.toDataURL('image/png').split(',')[1]!
  })
  return { name: 'IMG_0001.png', mimeType: 'image/png', buffer: Buffer.from(b64, 'base64') }
}

/** Width and height from a JPEG's start-of-frame marker. */
function jpegSize(b: Buffer) {
  for (let i = 2; i < b.length - 9;) {
    if (b[i] !== 0xff) return null
    const marker = b[i + 1]!
    if (marker >= 0xc0 && marker <= 0xc3) return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) }
    i += 2 + b.readUInt16BE(i + 2)
  }
  return null
}

type PhotoFile = { name: string; mimeType: string; buffer: Buffer }

async function addMoment(
  page: Page,
  m: { touchpoint?: string; somethingElse?: string; text: string; emotion: RegExp; valence: RegExp; photo?: PhotoFile },
) {
  await page.getByRole('button', { name: 'New moment' }).click()
  await page.getByRole('heading', { name: 'New moment', level: 1 }).waitFor()
  if (m.somethingElse) {
    await page.getByRole('radio', { name: 'Something else…' }).check()
    await page.getByLabel('Describe it in a few words').fill(m.somethingElse)
  } else {
    await page.getByRole('searchbox', { name: 'Search' }).fill(m.touchpoint!.split(' ')[0]!)
    await page.getByRole('radio', { name: m.touchpoint! }).click()
  }
  await page.getByLabel('What happened?').fill(m.text)
  await page.getByRole('group', { name: 'How did it feel?' }).getByRole('radio', { name: m.emotion }).check()
  await page
    .getByRole('group', { name: /pain or a gain/ })
    .getByRole('radio', { name: m.valence })
    .check()
  if (m.photo) {
    await page.getByLabel('Add a photo').setInputFiles(m.photo)
    await page.getByRole('img', { name: 'Your photo' }).waitFor()
  }
  await page.getByRole('button', { name: 'Save moment' }).click()
  await page.getByRole('heading', { name: 'My moments' }).waitFor()
}

const entryCards = (page: Page) => page.getByTestId('entry')

describe('respondent diary in the browser (phone)', () => {
  it('an unknown link and a visit without a link get a friendly page in the browser language, telling nothing about the token', async () => {
    const en = await phone()
    const page = await en.newPage()
    await page.goto('/r/t/this-token-does-not-exist-0123456789abcdef')
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/r/')
    expect(await page.textContent('body')).not.toContain('this-token')
    await look(page, 'respondent-01-invalid-link')

    const fresh = await en.newPage()
    await en.clearCookies()
    await fresh.goto('/r/')
    await fresh.getByRole('heading', { name: 'Open your personal link' }).waitFor()
    await look(fresh, 'respondent-02-no-session')
    await en.close()

    const nl = await phone('nl-NL')
    const nlPage = await nl.newPage()
    await nlPage.goto('/r/t/nope')
    await nlPage.getByRole('heading', { name: 'Deze link werkt niet' }).waitFor()
    expect(await nlPage.getAttribute('html', 'lang')).toBe('nl')
    await nl.close()
  })

  it('opens a personal link, asks consent, and a new moment reaches the analyst', async () => {
    const p = await analyst.participant('Eva')
    const context = await phone()
    const page = await context.newPage()
    await page.goto(p.link)
    await page.getByRole('heading', { name: 'Before you start' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/r/') // the token is out of the address bar
    await expect.poll(() => page.getByText('We use your diary only for this study.').count()).toBe(1)
    await look(page, 'respondent-03-consent')
    await page.getByRole('button', { name: 'I agree' }).click()

    await page.getByRole('button', { name: 'New moment' }).waitFor()
    await page.getByText('All moments are sent.').waitFor()
    await look(page, 'respondent-04-home-empty')

    await page.getByRole('button', { name: 'New moment' }).click()
    await page.getByRole('heading', { name: 'New moment', level: 1 }).waitFor()
    await look(page, 'respondent-05-new-moment')
    // nothing filled in: an error summary, focused, and errors at the fields
    await page.getByRole('button', { name: 'Save moment' }).click()
    await page.getByRole('alert').filter({ hasText: 'Please check the following' }).waitFor()
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('error-summary')
    await look(page, 'respondent-06-new-moment-errors')

    await page.getByRole('searchbox', { name: 'Search' }).fill('checkout')
    await page.getByRole('radio', { name: 'Checkout and payment' }).click()
    await page.getByLabel('What happened?').fill('Paying with iDEAL failed twice and I did not know if I had paid.')
    // the emotion scale is a radio group: arrow keys move along it
    const scale = page.getByRole('group', { name: 'How did it feel?' })
    await scale.getByRole('radio', { name: /Neutral/ }).check()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    expect(await scale.getByRole('radio', { name: /Bad/ }).isChecked()).toBe(true)
    await page
      .getByRole('group', { name: /pain or a gain/ })
      .getByRole('radio', { name: /Pain/ })
      .check()
    await look(page, 'respondent-07-new-moment-filled')
    await page.getByRole('button', { name: 'Save moment' }).click()

    await page.getByRole('heading', { name: 'My moments' }).waitFor()
    await expect.poll(() => page.getByText('All moments are sent.').count(), { timeout: 15_000 }).toBe(1)
    expect(await entryCards(page).count()).toBe(1)
    await look(page, 'respondent-08-home-one-moment')

    await expect.poll(async () => (await analyst.entries(p.id)).length, { timeout: 15_000 }).toBe(1)
    const [entry] = await analyst.entries(p.id)
    expect(entry).toMatchObject({
      text: 'Paying with iDEAL failed twice and I did not know if I had paid.',
      emotion: -2,
      valence: 'pain',
      touchpointId: await analyst.touchpointId('Checkout and payment'),
      proposal: null,
      version: 1,
    })
    await context.close()
  })

  it('keeps moments written offline through a reload and a closed tab, and sends each exactly once when back online', async () => {
    const p = await analyst.participant('Olaf')
    const context = await phone()
    let page = await openAndConsent(context, p.link)
    await waitForServiceWorker(page)
    await page.getByText('All moments are sent.').waitFor()
    // installable: Chromium finds a valid manifest and a service worker with a fetch handler
    const cdp = await context.newCDPSession(page)
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[]
    }
    // (a Playwright context is an incognito profile, which can never install: that one is expected)
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([])
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; url: string }
    expect(manifest.url).toMatch(/\/r\/manifest\.webmanifest$/)
    expect(manifest.errors).toEqual([])
    await cdp.detach()

    await context.setOffline(true)
    await addMoment(page, {
      touchpoint: 'Delivery at the door',
      text: 'The driver did not ring.',
      emotion: /Awful/,
      valence: /Pain/,
    })
    await addMoment(page, {
      touchpoint: 'Track-and-trace updates',
      text: 'Nice time window on the day itself.',
      emotion: /Good/,
      valence: /Gain/,
    })
    await page.getByText('2 not yet synced').waitFor()
    expect(await entryCards(page).filter({ hasText: 'Not yet synced' }).count()).toBe(2)
    await look(page, 'respondent-09-offline-two-waiting')

    // a draft survives a reload without a connection (the service worker serves the app)
    await page.getByRole('button', { name: 'New moment' }).click()
    await page.getByLabel('What happened?').fill('Half-written: the parcel was')
    await page.reload()
    await expect.poll(() => page.getByLabel('What happened?').inputValue()).toBe('Half-written: the parcel was')

    // ... and a closed tab: the page goes away (pagehide), a new one opens at the diary
    await page.close()
    page = await context.newPage()
    await page.goto('/r/')
    await page.getByText('2 not yet synced').waitFor()
    expect(await entryCards(page).filter({ hasText: 'Not yet synced' }).count()).toBe(2)
    await page.getByText('You have an unfinished moment.').waitFor()
    await look(page, 'respondent-10-offline-after-reopen')
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect.poll(() => page.getByLabel('What happened?').inputValue()).toBe('Half-written: the parcel was')
    await page.getByRole('button', { name: 'Back' }).click()
    // No server-side "0 so far" check here: Chromium's offline emulation (and context routes) can
    // miss a request from a tab opened while offline under a service worker, so under load one
    // entry may already arrive. What matters is checked below: each arrives exactly once.

    // back online: the queue sends both, once
    await context.setOffline(false)
    await page.getByText('All moments are sent.').waitFor({ timeout: 20_000 })
    const stored = await analyst.entries(p.id)
    expect(stored.map((e) => e.text).sort()).toEqual([
      'Nice time window on the day itself.',
      'The driver did not ring.',
    ])
    // another round of syncing (reload, which syncs on open) adds nothing
    await page.reload()
    await page.getByText('All moments are sent.').waitFor()
    expect(await analyst.entries(p.id)).toHaveLength(2)
    expect(await entryCards(page).count()).toBe(2)
    await context.close()
  })

  it("on a shared phone, one participant never sees or sends another's unsent moments", async () => {
    const [a, b] = [await analyst.participant('Ada'), await analyst.participant('Bram')]
    const context = await phone()
    let page = await openAndConsent(context, a.link)
    // Ada's moment cannot reach the server yet: it waits on the phone
    const cut = (route: import('playwright-core').Route) => route.abort('internetdisconnected')
    await context.route('**/api/v1/respondent/entries/*', cut)
    await addMoment(page, {
      touchpoint: 'Delivery at the door',
      text: 'Ada: the parcel was left in the rain.',
      emotion: /Awful/,
      valence: /Pain/,
    })
    await page.getByText('1 not yet synced').waitFor()
    await context.unroute('**/api/v1/respondent/entries/*', cut)
    await page.close()

    // Bram opens his own link on the same phone: none of Ada's moments, and none sent as his
    page = await openAndConsent(context, b.link)
    await page.getByText('All moments are sent.').waitFor()
    expect(await entryCards(page).count()).toBe(0)
    expect(await analyst.entries(b.id)).toEqual([])
    await look(page, 'respondent-shared-phone-bram')
    await page.close()

    // Ada's link again: her moment is there, and now it is sent, as hers
    page = await context.newPage()
    await page.goto(a.link)
    await page.getByText('All moments are sent.').waitFor({ timeout: 20_000 })
    expect((await analyst.entries(a.id)).map((e) => e.text)).toEqual(['Ada: the parcel was left in the rain.'])
    expect(await analyst.entries(b.id)).toEqual([])
    await context.close()
  })

  it('"Something else…" stores the moment with a proposal for the researcher', async () => {
    const p = await analyst.participant('Pim')
    const context = await phone()
    const page = await openAndConsent(context, p.link)
    await addMoment(page, {
      somethingElse: 'Asked the neighbour to take in my parcel',
      text: 'The neighbour had my parcel; nobody told me.',
      emotion: /Poor/,
      valence: /Pain/,
      photo: await bigPhoto(page),
    })
    await expect.poll(async () => (await analyst.entries(p.id)).length, { timeout: 15_000 }).toBe(1)
    const [entry] = await analyst.entries(p.id)
    expect(entry!.touchpointId).toBeNull()
    // the photo was re-encoded on the phone (JPEG) and uploaded before the entry
    expect(entry!.photoId).toMatch(/^[0-9a-f-]{36}$/)
    const photo = await analyst.photo(entry!.photoId!)
    expect(photo.contentType).toBe('image/jpeg')
    expect(jpegSize(photo.bytes)).toEqual({ width: 1600, height: 1200 }) // from 3200 × 2400
    await entryCards(page).first().getByRole('img', { name: 'Your photo' }).waitFor()
    await look(page, 'respondent-16-home-something-else-photo')
    expect(entry!.proposal).toMatchObject({
      description: 'Asked the neighbour to take in my parcel',
      status: 'pending',
    })
    expect(
      (await analyst.proposals()).some(
        (x) => x.description === 'Asked the neighbour to take in my parcel' && x.status === 'pending',
      ),
    ).toBe(true)
    await expect
      .poll(() => entryCards(page).first().textContent())
      .toContain('Something else: Asked the neighbour to take in my parcel')
    await context.close()
  })

  it('an edit made on two devices is a conflict with both versions; keeping mine wins on top of theirs; delete asks first', async () => {
    const p = await analyst.participant('Cas')
    const phoneA = await phone()
    const a = await openAndConsent(phoneA, p.link)
    await addMoment(a, {
      touchpoint: 'Refund received',
      text: 'Refund took ten days.',
      emotion: /Bad/,
      valence: /Pain/,
    })
    await a.getByText('All moments are sent.').waitFor({ timeout: 15_000 })

    // phone A loses its connection and edits; meanwhile the same person edits on a tablet
    await phoneA.setOffline(true)
    await a.getByRole('button', { name: 'Edit' }).click()
    await a.getByLabel('What happened?').fill('Refund took ten days, without a single message.')
    await a.getByRole('button', { name: 'Save moment' }).click()
    await a.getByText('1 not yet synced').waitFor()

    const tablet = await phone()
    const b = await tablet.newPage()
    await b.goto(p.link)
    await entryCards(b).first().waitFor()
    await b.getByRole('button', { name: 'Edit' }).click()
    await b.getByLabel('What happened?').fill('Refund took ten days.\nBut the money is back.')
    await b.getByRole('button', { name: 'Save moment' }).click()
    await b.getByText('All moments are sent.').waitFor({ timeout: 15_000 })
    await expect.poll(async () => (await analyst.entries(p.id))[0]?.version).toBe(2)

    await phoneA.setOffline(false)
    await a.getByText('1 moment needs your choice.').waitFor({ timeout: 20_000 })
    await look(a, 'respondent-11-home-conflict')
    await a.getByRole('button', { name: 'Choose a version' }).first().click()
    await a.getByRole('heading', { name: 'Changed on another device', level: 1 }).waitFor()
    await expect.poll(() => a.getByText('without a single message').count()).toBe(1)
    await expect.poll(() => a.getByText('But the money is back.').count()).toBe(1)
    await look(a, 'respondent-12-conflict')
    await a.getByRole('button', { name: 'Keep my version' }).click()
    await a.getByText('All moments are sent.').waitFor({ timeout: 15_000 })
    await expect
      .poll(async () => (await analyst.entries(p.id))[0])
      .toMatchObject({ text: 'Refund took ten days, without a single message.', version: 3 })

    // delete asks first (a modal dialog), then the entry leaves the server too
    await a.getByRole('button', { name: 'Delete' }).click()
    const dialog = a.getByRole('dialog', { name: 'Delete this moment?' })
    await dialog.waitFor()
    await look(a, 'respondent-13-delete-dialog')
    await dialog.getByRole('button', { name: 'Delete' }).click()
    await expect.poll(() => entryCards(a).count()).toBe(0)
    await expect.poll(async () => (await analyst.entries(p.id)).length, { timeout: 15_000 }).toBe(0)
    await phoneA.close()
    await tablet.close()
  })

  it('follows the participant language (Dutch) and switches to English through the server', async () => {
    const p = await analyst.participant('Sanne', 'nl')
    const context = await phone('en-GB') // the browser says English, the participant chose Dutch
    const page = await context.newPage()
    await page.goto(p.link)
    await page.getByRole('heading', { name: 'Voordat je begint' }).waitFor()
    await expect.poll(() => page.getByText('Je doet vrijwillig mee').count()).toBe(1)
    await page.getByRole('button', { name: 'Ik ga akkoord' }).click()
    await page.getByRole('button', { name: 'Nieuw moment' }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('nl')
    await look(page, 'respondent-14-home-dutch')
    await page.getByRole('button', { name: 'Nieuw moment' }).click()
    await page.getByRole('heading', { name: 'Nieuw moment', level: 1 }).waitFor()
    await look(page, 'respondent-15-new-moment-dutch')
    await page.getByRole('button', { name: 'Terug' }).click()

    const patched = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/respondent/me') && r.request().method() === 'PATCH',
    )
    await page.getByRole('button', { name: /English/ }).click()
    await page.getByRole('button', { name: 'New moment' }).waitFor()
    expect((await patched).status()).toBe(200)
    await page.reload()
    await page.getByRole('button', { name: 'New moment' }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    await context.close()
  })

  it('a diary that has ended is read-only with a message; the moments stay readable', async () => {
    const p = await analyst.participant('Ruud')
    const context = await phone()
    const page = await openAndConsent(context, p.link)
    await addMoment(page, {
      touchpoint: 'Shopping basket',
      text: 'The basket kept my items.',
      emotion: /Okay/,
      valence: /Gain/,
    })
    await page.getByText('All moments are sent.').waitFor({ timeout: 15_000 })
    await analyst.setDiaryDates(-10, -1)
    try {
      await page.reload()
      await page.getByText(/The diary ended on/).waitFor()
      expect(await page.getByRole('button', { name: 'New moment' }).count()).toBe(0)
      expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0)
      expect(await entryCards(page).count()).toBe(1)
      await look(page, 'respondent-17-diary-ended')
    } finally {
      await analyst.setDiaryDates(-1, 30)
    }
    await context.close()
  })
})

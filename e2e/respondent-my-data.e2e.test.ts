import fs from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import yauzl from 'yauzl'
import { openDemoStudy, closeDemoStudy, studyTab } from './support/analyst.js'
import { type Browser, type BrowserContext, newContext, type Page, screenshot } from './support/browser.js'
import type { Product } from './support/product.js'
import { analystApi, axeViolations, look, PHONE } from './support/respondent.js'

/**
 * "Mijn gegevens" (issue 14) against the built product: a Dutch participant downloads their data (a
 * ZIP holding their own moment), asks to have it removed with the confirmation, and sees the request
 * pending; the analyst (the demo login, an owner) sees the request in the Participants tab and confirms
 * it, and the participant is gone.
 */

let product: Product
let browser: Browser
let analystContext: BrowserContext
let analystPage: Page
let studyId: string
let analyst: Awaited<ReturnType<typeof analystApi>>
let phone: BrowserContext
let page: Page
let participant: { id: string; link: string }
const TEXT = 'De bezorger belde twee keer aan en liet een briefje achter — "zeer vriendelijk"'

/** Every file of a ZIP, read back with yauzl (a real parser, which checks each entry's CRC). */
function unzip(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err)
      const files = new Map<string, Buffer>()
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e)
          const chunks: Buffer[] = []
          stream.on('data', (c: Buffer) => chunks.push(c))
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks))
            zip.readEntry()
          })
        }),
      )
      zip.on('end', () => resolve(files))
      zip.on('error', reject)
      zip.readEntry()
    })
  })
}

beforeAll(async () => {
  ;({ product, browser, context: analystContext, page: analystPage, studyId } = await openDemoStudy())
  analyst = await analystApi(product)
  participant = await analyst.participant('Sanne de Vries', 'nl')
  phone = await newContext(browser, product.url, { locale: 'nl-NL', viewport: PHONE })
  page = await phone.newPage()
})
afterAll(async () => {
  await phone?.close()
  await analyst?.dispose()
  await closeDemoStudy({ product, browser, context: analystContext })
})

describe('Mijn gegevens', () => {
  it('a Dutch participant opens Mijn gegevens from the home screen and downloads a ZIP that holds their moment', async () => {
    await page.goto(participant.link)
    await page.getByRole('button', { name: 'Ik ga akkoord' }).click()
    await page.getByRole('button', { name: 'Nieuw moment' }).waitFor()
    // a moment of theirs, sent as the app sends one
    const put = await page.evaluate(async (text) => {
      const res = await fetch(`/api/v1/respondent/entries/${crypto.randomUUID()}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'klantreis' },
        body: JSON.stringify({
          occurredAt: new Date().toISOString(),
          somethingElse: 'Het briefje van de bezorger',
          text,
          emotion: 2,
          valence: 'gain',
        }),
      })
      return `${res.status} ${await res.text()}`
    }, TEXT)
    expect(put).toMatch(/^201 /)

    await page.getByRole('link', { name: 'Mijn gegevens' }).click()
    await page.getByRole('heading', { name: 'Mijn gegevens', level: 1 }).waitFor()
    await page.getByText('Voor dit onderzoek bewaart Klantreis over jou:').waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('nl')
    await look(page, 'my-data-01-screen')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Mijn gegevens downloaden' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^klantreis-P-[0-9a-f]{6}\.zip$/)
    const files = await unzip(await fs.readFile((await download.path())!))
    expect([...files.keys()].sort()).toEqual(['answers.csv', 'data.json', 'entries.csv', 'summary.html'])
    const data = JSON.parse(files.get('data.json')!.toString('utf8'))
    expect(data.participant).toMatchObject({ name: 'Sanne de Vries', language: 'nl' })
    expect(data.diaryEntries.map((e: { text: string }) => e.text)).toEqual([TEXT])
    expect(files.get('summary.html')!.toString('utf8')).toMatch(/<html lang="nl">[\s\S]*Jouw gegevens/)

    // the summary, opened as the participant would open it
    const summary = await phone.newPage()
    await summary.setContent(files.get('summary.html')!.toString('utf8'))
    await summary.getByRole('heading', { name: 'Jouw gegevens', level: 1 }).waitFor()
    await summary.getByText(TEXT).waitFor()
    await screenshot(summary, 'my-data-02-summary')
    expect(await axeViolations(summary), 'axe on summary.html').toEqual([])
    await summary.close()
  })

  it('asks for removal after a confirmation that says what goes, and sees the request pending', async () => {
    await page.getByRole('button', { name: 'Vraag om verwijdering van mijn gegevens' }).click()
    const dialog = page.getByRole('dialog', { name: 'Je gegevens verwijderen?' })
    await dialog.waitFor()
    await dialog.getByText(/Dit kan niet ongedaan worden gemaakt/).waitFor()
    await look(page, 'my-data-03-confirm')
    await dialog.getByRole('button', { name: 'Ja, verwijder mijn gegevens' }).click()
    await page.getByText(/Je vroeg op .* om verwijdering van je gegevens/).waitFor()
    expect(await page.getByRole('button', { name: 'Vraag om verwijdering van mijn gegevens' }).count()).toBe(0)
    await look(page, 'my-data-04-pending')

    // after a reload the state is still there
    await page.reload()
    await page.getByText(/Je vroeg op .* om verwijdering van je gegevens/).waitFor()
  })

  it('the analyst sees the request in the Participants tab and confirms it; the participant is gone', async () => {
    await studyTab(analystPage, 'Participants').click()
    const requests = analystPage.getByRole('region', { name: '1 participant asked to have their data removed' })
    await requests.waitFor()
    await requests.locator('strong', { hasText: 'Sanne de Vries' }).waitFor()
    const row = analystPage.getByRole('row').filter({ hasText: 'Sanne de Vries' })
    await row.getByText('Asked for removal').waitFor()
    await screenshot(analystPage, 'my-data-05-analyst-request')
    expect(await axeViolations(analystPage), 'axe on the participants tab with a request').toEqual([])

    await requests.getByRole('button', { name: /Confirm removal…/ }).click()
    const dialog = analystPage.getByRole('dialog')
    await dialog.getByText(/Erase Sanne de Vries and everything this study holds about them/).waitFor()
    await screenshot(analystPage, 'my-data-06-analyst-confirm')
    expect(await axeViolations(analystPage), 'axe on the confirmation').toEqual([])
    await dialog.getByRole('button', { name: 'Erase for good' }).click()
    await analystPage.getByText('Sanne de Vries was erased at their request.').waitFor()
    await expect.poll(() => analystPage.getByRole('row').filter({ hasText: 'Sanne de Vries' }).count()).toBe(0)
    expect(await requests.count()).toBe(0)
    await screenshot(analystPage, 'my-data-07-analyst-confirmed')

    const gone = await analystPage.request.get(`/api/v1/studies/${studyId}/participants/${participant.id}`)
    expect(gone.status()).toBe(404)
    // and their session went with them: the app asks for a personal link again
    await page.reload()
    await page.getByRole('heading', { name: 'Open je persoonlijke link' }).waitFor()
    await look(page, 'my-data-08-participant-gone')
  })
})

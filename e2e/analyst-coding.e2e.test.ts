import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type BrowserContext, type Page, screenshot } from './support/browser.js'
import type { Product } from './support/product.js'
import { closeDemoStudy, inviteTeammate, openDemoStudy, signInDutch, studyTab } from './support/analyst.js'

/**
 * The coding workbench against the built product: a codebook made in the UI (two codes with
 * shortcut keys), three passages of the demo diary coded with the keyboard only (highlighted in the
 * text and stored with the right quote, codes and valence), the way to the proposed touchpoints,
 * a double-coding sample with a second researcher and its (still empty) agreement table, and Dutch.
 */

let product: Product
let browser: Browser
let context: BrowserContext
let page: Page
let studyId: string
/** The second researcher's window, signed in. */
let rosa: BrowserContext | undefined

type Coding = {
  quote: string
  codeIds: string[]
  valence: string | null
  touchpointId: string | null
  start: number
  end: number
  coder: { name: string } | null
}
type Code = { id: string; name: string; shortcut: string | null; parentId: string | null }
type Source = { ref: string; text: string; suggestion: { touchpointId: string | null; valence: string | null } }

beforeAll(async () => {
  ;({ product, browser, context, page, studyId } = await openDemoStudy())
})
afterAll(async () => {
  await rosa?.close()
  await closeDemoStudy({ product, browser, context })
})

async function csrf(): Promise<Record<string, string>> {
  const me = await (await page.request.get('/api/v1/auth/me')).json()
  return { 'x-csrf-token': me.csrfToken }
}

const api = async <T>(path: string): Promise<T> => {
  const res = await page.request.get(`/api/v1/studies/${studyId}${path}`)
  expect(res.ok(), await res.text()).toBe(true)
  return (await res.json()) as T
}

const sourceText = () => page.getByRole('group', { name: 'Text of the source' })
const currentRef = async () => (await sourceText().getAttribute('data-source'))!
const marks = () => sourceText().locator('mark').allTextContents()

/** The words of a text as the workbench steps over them. */
const words = (text: string) =>
  [...text.matchAll(/[\p{L}\p{N}'’_-]+/gu)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }))

let codes: Code[] = []

describe('analyst coding', () => {
  it('opens the Coding tab with its three views', async () => {
    await studyTab(page, 'Coding').click()
    await page.getByRole('heading', { name: 'Coding', level: 2 }).waitFor()
    expect(page.url()).toContain(`#/studies/${studyId}/coding`)
    const views = page.getByRole('navigation', { name: 'Coding views' })
    for (const v of ['Workbench', 'Codebook', 'Agreement']) await views.getByRole('link', { name: v }).waitFor()
    await page.getByText('The codebook is empty. Add codes in the Codebook view.').waitFor()
  })

  it('builds a codebook of two codes with shortcut keys, refusing a workbench key', async () => {
    await page.getByRole('navigation', { name: 'Coding views' }).getByRole('link', { name: 'Codebook' }).click()
    expect(page.url()).toContain(`#/studies/${studyId}/coding/codebook`)
    await page.getByText('No codes yet.').waitFor()

    await page.getByRole('button', { name: 'Add a code' }).click()
    let dialog = page.getByRole('dialog', { name: 'Add a code' })
    await dialog.getByLabel('Name').fill('Delivery trouble')
    await dialog.getByLabel('Description').fill('Anything that went wrong getting the parcel to the door.')
    await dialog.getByLabel('Shortcut key').fill('p')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await dialog.getByText('That key is a workbench key: choose another.').waitFor()
    await dialog.getByLabel('Shortcut key').fill('1')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Code saved.').waitFor()

    await page.getByRole('button', { name: 'Add a code under Delivery trouble' }).click()
    dialog = page.getByRole('dialog', { name: 'Add a code' })
    expect(await dialog.getByLabel('Under').locator('option:checked').textContent()).toBe('Delivery trouble')
    await dialog.getByLabel('Name').fill('Helpful staff')
    await dialog.getByLabel('Shortcut key').fill('2')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('button', { name: 'Edit Helpful staff' }).waitFor()

    // moved to the top level by editing its parent
    await page.getByRole('button', { name: 'Edit Helpful staff' }).click()
    dialog = page.getByRole('dialog', { name: 'Edit Helpful staff' })
    await dialog.getByLabel('Under').selectOption({ label: 'Top level' })
    await dialog.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Code saved.').waitFor()

    codes = (await api<{ items: (Code & { parentId: string | null })[] }>('/codes')).items
    expect(codes.map((c) => [c.name, c.shortcut]).sort()).toEqual([
      ['Delivery trouble', '1'],
      ['Helpful staff', '2'],
    ])
    expect(codes.every((c) => c.parentId === null)).toBe(true)
    // the export links point at the API
    expect(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      `/api/v1/studies/${studyId}/codebook.csv`,
    )
    await screenshot(page, 'coding-01-codebook')
  })

  it('codes three passages with the keyboard only', async () => {
    const delivery = codes.find((c) => c.name === 'Delivery trouble')!
    const staff = codes.find((c) => c.name === 'Helpful staff')!
    const sources = (await api<{ items: Source[] }>('/sources?limit=50')).items
    const byRef = new Map(sources.map((s) => [s.ref, s]))

    await page.getByRole('navigation', { name: 'Coding views' }).getByRole('link', { name: 'Workbench' }).click()
    await sourceText().waitFor()
    await page.getByText('You coded 0 of 8 sources').waitFor()
    // from here on: keys only
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Text of the source')

    // 1: the whole text, the participant's suggestion with Enter, code 1, save
    const ref1 = await currentRef()
    const s1 = byRef.get(ref1)!
    await page.getByText(/^Participant said:/).waitFor()
    await page.keyboard.press('a')
    await page.keyboard.press('Enter')
    await page.keyboard.press('1')
    await screenshot(page, 'coding-02-first-selected')
    await page.keyboard.press('s')
    await page.getByText('Coding saved.').waitFor()
    await expect.poll(marks).toContain(s1.text)

    // 2: next source, the first two words with Shift+→, pain, code 2, save
    await page.keyboard.press('j')
    await expect.poll(currentRef).not.toBe(ref1)
    const ref2 = await currentRef()
    const s2 = byRef.get(ref2)!
    const w2 = words(s2.text)
    const quote2 = s2.text.slice(w2[0]!.start, w2[1]!.end)
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('p')
    await page.keyboard.press('2')
    await page.keyboard.press('s')
    await expect.poll(marks).toContain(quote2)

    // 3: next source, caret two words on, three words selected, gain, both codes, save
    await page.keyboard.press('j')
    await expect.poll(currentRef).not.toBe(ref2)
    const ref3 = await currentRef()
    const s3 = byRef.get(ref3)!
    const w3 = words(s3.text)
    const quote3 = s3.text.slice(w3[2]!.start, w3[4]!.end)
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight')
    await page.getByRole('region', { name: 'Coding panel' }).getByText(`“${quote3}”`).waitFor()
    await page.keyboard.press('g')
    await page.keyboard.press('1')
    await page.keyboard.press('2')
    await page.keyboard.press('s')
    await expect.poll(marks).toContain(quote3)
    await page.getByText('You coded 3 of 8 sources').waitFor()
    await screenshot(page, 'coding-03-third-coded')

    // the API has them, with the quote, codes and valence
    const codingsOf = async (ref: string) =>
      (await api<{ items: Coding[] }>(`/codings?source=${encodeURIComponent(ref)}`)).items
    const [c1] = await codingsOf(ref1)
    expect(c1).toMatchObject({
      quote: s1.text,
      start: 0,
      end: s1.text.length,
      codeIds: [delivery.id],
      valence: s1.suggestion.valence,
      touchpointId: s1.suggestion.touchpointId,
    })
    const [c2] = await codingsOf(ref2)
    expect(c2).toMatchObject({ quote: quote2, codeIds: [staff.id], valence: 'pain', touchpointId: null })
    const [c3] = await codingsOf(ref3)
    expect(c3).toMatchObject({ quote: quote3, valence: 'gain', touchpointId: null })
    expect([...c3!.codeIds].sort()).toEqual([delivery.id, staff.id].sort())

    // back to the second with K; E selects its coding, listed with coder and codes
    await page.keyboard.press('k')
    await expect.poll(currentRef).toBe(ref2)
    await page.keyboard.press('e')
    const list = page.getByRole('region', { name: 'Codings of this source' })
    const item = list.getByRole('button', { name: `Edit coding: ${quote2}` })
    expect(await item.getAttribute('aria-pressed')).toBe('true')
    expect(await item.textContent()).toContain('Helpful staff')
    expect(await item.textContent()).toContain('Pain')
    await page.getByText(/^Editing a coding by /).waitFor()

    // the keys are documented on screen
    await page.keyboard.press('?')
    const help = page.getByRole('dialog', { name: 'Keys' })
    await help.getByText('Extend the selection by a word / shrink it').waitFor()
    await help.getByText('Confirm the participant’s suggestion (touchpoint and pain or gain)').waitFor()
    await screenshot(page, 'coding-04-keys')
    await page.keyboard.press('Escape')
    await help.waitFor({ state: 'hidden' })
  })

  it('edits a coding and reports a conflict when someone else changed it meanwhile', async () => {
    const ref2 = await currentRef()
    const [before] = (
      await api<{ items: (Coding & { id: string; version: number })[] }>(`/codings?source=${encodeURIComponent(ref2)}`)
    ).items
    // someone else (here: the API, as the same user) changes it meanwhile
    const changed = await page.request.put(`/api/v1/studies/${studyId}/codings/${before!.id}`, {
      headers: await csrf(),
      data: {
        source: ref2,
        start: before!.start,
        end: before!.end,
        touchpointId: null,
        valence: 'neutral',
        codeIds: before!.codeIds,
        sampleId: null,
        baseVersion: before!.version,
      },
    })
    expect(changed.status(), await changed.text()).toBe(200)
    // the open coding is still the old version: G, then save
    await page.keyboard.press('g')
    await page.keyboard.press('s')
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this coding' })
    await alert.waitFor()
    await alert.getByText(/Neutral/).waitFor()
    await screenshot(page, 'coding-05-conflict')
    await alert.getByRole('button', { name: 'Apply my changes to the current version' }).click()
    await page.getByText('Coding saved.').waitFor()
    const [after] = (await api<{ items: Coding[] }>(`/codings?source=${encodeURIComponent(ref2)}`)).items
    expect(after!.valence).toBe('gain')
  })

  it('reaches the review of proposed touchpoints from the workbench', async () => {
    const link = page.getByRole('link', { name: /^Review proposed touchpoints \(\d+\)$/ })
    await link.click()
    // the Entries page (its list has a hidden heading of the same name once it loads)
    await page.getByRole('heading', { name: 'Entries', level: 2 }).first().waitFor()
    expect(page.url()).toContain(`#/studies/${studyId}/entries`)
    await page.goBack()
    await sourceText().waitFor()
  })

  it('creates a double-coding sample with a second researcher; the agreement table renders', async () => {
    // a second researcher joins through an invitation
    ;({ context: rosa } = await inviteTeammate(page, browser, product, {
      email: 'rosa@example.com',
      role: 'researcher',
      name: 'Rosa Researcher',
    }))

    await page.getByRole('navigation', { name: 'Coding views' }).getByRole('link', { name: 'Agreement' }).click()
    await page.getByText('No samples yet.').waitFor()
    const form = page.getByRole('region', { name: 'New double-coding sample' })
    await form.getByLabel('Name').fill('First check')
    await form.getByLabel('Share of the sources (%)').fill('50')
    await form.getByLabel('Second researcher').selectOption({ label: 'Rosa Researcher' })
    await form.getByRole('button', { name: 'Create sample' }).click()
    await page.getByText(/^Sample created with \d+ sources?\.$/).waitFor()

    const samples = page.getByRole('table', { name: 'Samples' })
    await samples
      .getByRole('row')
      .filter({ hasText: 'First check' })
      .getByText(/^Rosa Researcher: 0 of \d+/)
      .waitFor()
    const agreement = page.getByRole('table', { name: 'Agreement: First check' })
    await agreement.waitFor()
    await agreement.getByRole('columnheader', { name: 'Cohen’s κ' }).waitFor()
    await page.getByText('Note: κ can be low while the agreement is high.', { exact: false }).waitFor()
    await page
      .getByRole('region', { name: /Disagreements/ })
      .getByText('No disagreements.')
      .waitFor()
    await screenshot(page, 'coding-06-agreement')
  })

  it('double codes the sample blind; the agreement and its disagreements show, each one opens in the workbench', async () => {
    const [sample] = (await api<{ items: { id: string; name: string; size: number }[] }>('/samples')).items
    const sampleSources = (await api<{ items: Source[] }>(`/sources?sampleId=${sample!.id}&limit=50`)).items
    expect(sampleSources.length).toBe(sample!.size)
    const model = await (await page.request.get(`/api/v1/studies/${studyId}/model`)).json()
    const tpName = (id: string | null) =>
      (model.touchpoints as { id: string; name: string }[]).find((tp) => tp.id === id)?.name ?? ''

    // Rosa codes every source of the sample as neutral, on the participant's touchpoint (through the API)
    const rosaPage = rosa!.pages()[0]!
    const rosaCsrf = (await (await rosaPage.request.get('/api/v1/auth/me')).json()).csrfToken as string
    for (const src of sampleSources) {
      const res = await rosaPage.request.put(`/api/v1/studies/${studyId}/codings/${crypto.randomUUID()}`, {
        headers: { 'x-csrf-token': rosaCsrf },
        data: {
          source: src.ref,
          start: 0,
          end: src.text.length,
          touchpointId: src.suggestion.touchpointId,
          valence: 'neutral',
          codeIds: [],
          sampleId: sample!.id,
          baseVersion: null,
        },
      })
      expect(res.status(), await res.text()).toBe(201)
    }

    // the demo researcher codes the sample in the workbench, keys only: the first with the touchpoint type-ahead
    await page.getByRole('link', { name: 'Code this sample: First check' }).click()
    await page.getByText('Double coding: sample “First check”. You see only your own codings.').waitFor()
    await expect.poll(currentRef).toBe(sampleSources[0]!.ref)
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Text of the source')
    // blind: Rosa's codings are not shown
    await page.getByText('No codings yet.').waitFor()
    const first = sampleSources[0]!
    await page.keyboard.press('a')
    await page.keyboard.press('t')
    await page.keyboard.type(tpName(first.suggestion.touchpointId))
    await page
      .getByRole('listbox', { name: 'Matching touchpoints' })
      .getByRole('option', { name: new RegExp(tpName(first.suggestion.touchpointId)) })
      .first()
      .waitFor()
    await screenshot(page, 'coding-07-typeahead')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Text of the source')
    await page.keyboard.press(
      first.suggestion.valence === 'pain' ? 'p' : first.suggestion.valence === 'gain' ? 'g' : 'n',
    )
    await page.keyboard.press('s')
    await page.getByText('Coding saved.').waitFor()
    for (const src of sampleSources.slice(1)) {
      await page.keyboard.press('j')
      await expect.poll(currentRef).toBe(src.ref)
      await page.keyboard.press('a')
      await page.keyboard.press('Enter')
      await page.keyboard.press('s')
      await expect.poll(marks).toContain(src.text)
    }
    await page.getByText(`You coded ${sample!.size} of ${sample!.size} sources`).waitFor()
    const mine = (
      await api<{ items: Coding[] }>(`/codings?source=${encodeURIComponent(first.ref)}&sampleId=${sample!.id}`)
    ).items
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({
      touchpointId: first.suggestion.touchpointId,
      valence: first.suggestion.valence,
      quote: first.text,
    })

    // the agreement: touchpoints agree, the valence does not (pain/gain against neutral)
    await page.getByRole('navigation', { name: 'Coding views' }).getByRole('link', { name: 'Agreement' }).click()
    await page
      .getByRole('table', { name: 'Samples' })
      .getByText(`Rosa Researcher: ${sample!.size} of ${sample!.size}`)
      .waitFor()
    await page.getByRole('button', { name: 'Show agreement: First check' }).click()
    const table = page.getByRole('table', { name: 'Agreement: First check' })
    await page.getByText(`${sample!.size} sources coded by both.`).waitFor()
    const row = (label: string) =>
      table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) })
    await row('Touchpoint').getByRole('cell', { name: '100%' }).waitFor()
    await row('Pain or gain').getByRole('cell', { name: '0%' }).waitFor()
    const queue = page.getByRole('region', { name: /Disagreements/ })
    await expect.poll(() => queue.getByRole('listitem').count()).toBe(sample!.size)
    const item = queue.getByRole('listitem').filter({ hasText: first.text })
    const said = { pain: 'Pain', gain: 'Gain', neutral: 'Neutral' }[first.suggestion.valence as 'pain']
    await item.getByText(`Pain or gain: Demo Researcher: ${said} · Rosa Researcher: Neutral`).waitFor()
    await screenshot(page, 'coding-08-agreement-filled')
    await item.getByRole('link', { name: 'Open in the workbench' }).click()
    await expect.poll(currentRef).toBe(first.ref)
    expect(decodeURIComponent(page.url())).toContain(`source=${first.ref}`)
    await page.getByText('Double coding: sample “First check”', { exact: false }).waitFor()
  })

  it('deletes a code in use only after its codings are moved to another code, and imports a codebook', async () => {
    const delivery = codes.find((c) => c.name === 'Delivery trouble')!
    const staff = codes.find((c) => c.name === 'Helpful staff')!
    await page.goto(`/#/studies/${studyId}/coding/codebook`)
    await page.getByRole('button', { name: 'Delete Delivery trouble' }).click()
    const dialog = page.getByRole('dialog', { name: 'This code is in use' })
    await dialog.getByText(/^Delivery trouble is used in \d+ codings?\./).waitFor()
    await screenshot(page, 'coding-09-in-use')
    // cancel keeps it
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('button', { name: 'Delete Delivery trouble' }).click()
    await dialog.getByLabel('Move the codings to').selectOption({ label: 'Helpful staff' })
    await dialog.getByRole('button', { name: 'Move and delete' }).click()
    await page.getByText('Code deleted.').waitFor()
    const left = (await api<{ items: Code[] }>('/codes')).items
    expect(left.map((c) => c.name)).toEqual(['Helpful staff'])
    const sources = (await api<{ items: Source[] }>('/sources?coded=yes&limit=50')).items
    for (const src of sources) {
      for (const c of (await api<{ items: Coding[] }>(`/codings?source=${encodeURIComponent(src.ref)}`)).items)
        expect(c.codeIds).not.toContain(delivery.id)
    }

    const file = {
      format: 'klantreis-codebook',
      version: 1,
      codes: [
        { name: 'Helpful staff' },
        { name: 'Price', description: 'What it cost', colour: '#7a4d00', shortcut: '3' },
        { name: 'Too expensive', parent: 'Price' },
      ],
    }
    await page
      .getByLabel('Codebook file (JSON or CSV)')
      .setInputFiles({ name: 'codebook.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) })
    await page.getByText('Created 2, skipped 1.').waitFor()
    await page.getByText(/^Helpful staff: /).waitFor()
    await page.getByRole('button', { name: 'Edit Too expensive' }).waitFor()
    expect((await api<{ items: Code[] }>('/codes')).items.map((c) => c.name).sort()).toEqual([
      'Helpful staff',
      'Price',
      'Too expensive',
    ])
    expect(staff.id).toBeTruthy()
    await screenshot(page, 'coding-10-imported')
  })

  it('shows a viewer the codings without the means to code or change the codebook', async () => {
    const { context: viewer, page: p } = await inviteTeammate(page, browser, product, {
      email: 'viewer@example.com',
      role: 'viewer',
      name: 'Vera Viewer',
    })
    try {
      await p.goto(`/#/studies/${studyId}/coding`)
      await p.getByText('Only researchers, admins and owners can code.').waitFor()
      await p.getByRole('group', { name: 'Text of the source' }).waitFor()
      expect(await p.getByRole('button', { name: /^Save coding/ }).count()).toBe(0)
      await p.keyboard.press('a')
      await p.keyboard.press('s')
      await p.getByText('Only researchers, admins and owners can code.').waitFor()
      await screenshot(p, 'coding-11-viewer')
      await p.getByRole('navigation', { name: 'Coding views' }).getByRole('link', { name: 'Codebook' }).click()
      await p.getByText('Helpful staff').first().waitFor()
      expect(await p.getByRole('button', { name: /^(Add a code|Edit |Delete )/ }).count()).toBe(0)
      await p.getByRole('navigation', { name: 'Coding views' }).getByRole('link', { name: 'Agreement' }).click()
      await p.getByRole('table', { name: 'Samples' }).waitFor()
      expect(await p.getByRole('region', { name: 'New double-coding sample' }).count()).toBe(0)
    } finally {
      await viewer.close()
    }
  })

  it('speaks Dutch', async () => {
    const { context: nl, page: p } = await signInDutch(browser, product)
    try {
      await p.goto(`/#/studies/${studyId}/coding`)
      await p
        .getByRole('navigation', { name: 'Onderdelen van het onderzoek' })
        .getByRole('link', { name: 'Coderen' })
        .waitFor()
      await p.getByRole('heading', { name: 'Coderen', level: 2 }).waitFor()
      const views = p.getByRole('navigation', { name: 'Onderdelen van coderen' })
      for (const v of ['Werkbank', 'Codeboek', 'Overeenstemming']) await views.getByRole('link', { name: v }).waitFor()
      await p.getByText(/Je hebt \d+ van 8 bronnen gecodeerd/).waitFor()
      await p.getByRole('region', { name: 'Codeerpaneel' }).waitFor()
      await p.getByText(/^Deelnemer zei:/).waitFor()
      await screenshot(p, 'coding-12-nl')
    } finally {
      await nl.close()
    }
  })
})

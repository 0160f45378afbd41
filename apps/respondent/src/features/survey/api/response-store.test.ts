// Questionnaire answers on the sync queue, against a fake server. In Node there is no IndexedDB, so
// the store runs on its in-memory fallback; each test loads fresh modules.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LocalResponse, Sent } from './response-store'

type Reply = Response | 'network' | null

function fakeServer() {
  const stored = new Map<string, { answers: unknown; complete: boolean }>()
  const puts: { path: string; body: { answers: Record<string, unknown>; complete: boolean } }[] = []
  let reply: (path: string) => Reply = () => null
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status })
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const body = JSON.parse(String(init.body))
    puts.push({ path: url, body })
    const r = reply(url)
    if (r === 'network') throw new TypeError('Failed to fetch')
    if (r) return r
    const id = url.split('/').at(-1)!
    if (stored.get(id)?.complete) return json(409, { code: 'RESPONSE_COMPLETE', message: 'complete' })
    stored.set(id, { answers: body.answers, complete: body.complete })
    return json(200, { id })
  })
  return { stored, puts, fetch, json, reply: (fn: typeof reply) => void (reply = fn) }
}

let server: ReturnType<typeof fakeServer>
let store: typeof import('./response-store')
const heard: Sent[] = []

const response = (surveyId: string, extra: Partial<LocalResponse> = {}): LocalResponse => ({
  kind: 'survey-response',
  source: 'participant',
  surveyId,
  responseId: `r-${surveyId}`,
  version: 1,
  answers: { q1: 'yes' },
  dirty: true,
  complete: false,
  ...extra,
})
const local = (surveyId: string) => store.readLocal('participant', surveyId)
const putsFor = (surveyId: string) => server.puts.filter((p) => p.path.includes(`r-${surveyId}`))

beforeEach(async () => {
  vi.resetModules()
  server = fakeServer()
  vi.stubGlobal('fetch', server.fetch)
  store = await import('./response-store')
  heard.length = 0
})
afterEach(() => vi.unstubAllGlobals())

describe('answers on the sync queue', () => {
  it('an answer is sent, and the device copy is marked clean; an answer given meanwhile stays waiting', async () => {
    store.watch('participant', 's1', (r) => r && heard.push(r))
    await store.writeLocal(response('s1'))
    await store.sendNow('participant', 's1')
    expect(server.stored.get('r-s1')).toEqual({ answers: { q1: 'yes' }, complete: false })
    expect(await local('s1')).toMatchObject({ dirty: false })
    expect(heard).toEqual([{ ok: true, value: { id: 'r-s1', complete: false } }])

    // answered again while the PUT is on its way: that copy is not marked as sent
    server.reply(() => {
      void store.writeLocal(response('s1', { answers: { q1: 'no' } }))
      return null
    })
    await store.sendNow('participant', 's1')
    expect(await local('s1')).toMatchObject({ dirty: true, answers: { q1: 'no' } })
  })

  it('without a connection the answers stay on the device and go when it returns', async () => {
    store.watch('participant', 's1', (r) => r && heard.push(r))
    server.reply(() => 'network')
    await store.writeLocal(response('s1'))
    await store.sendNow('participant', 's1')
    expect(heard.at(-1)).toMatchObject({ ok: false, verdict: 'stop', error: { status: 0 } })
    expect(await local('s1')).toMatchObject({ dirty: true })
    server.reply(() => null)
    // the queue's own run (the back-off, `online`): the answers of an open questionnaire go without asking
    await store.sendNow('participant', 'unrelated')
    expect(server.stored.get('r-s1')).toMatchObject({ complete: false })
    expect(await local('s1')).toMatchObject({ dirty: false })
  })

  it('a questionnaire finished on this device earlier is sent when its source starts, and forgotten', async () => {
    // on the device from an earlier visit (finished offline, then the tab was closed), not written in this tab
    const db = await import('../../../lib/idb')
    await db.set('meta', 'survey:participant:done', response('done', { complete: true, submitted: { q1: 'yes' } }))
    await db.set('meta', 'survey:participant:half', response('half'))
    store.startResponses() // a questionnaire screen: only what it writes
    await store.sendNow('participant', 'nothing')
    expect(server.puts).toHaveLength(0)
    store.startResponses('participant') // the diary starts
    await store.sendNow('participant', 'nothing')
    expect(server.stored.get('r-done')).toEqual({ answers: { q1: 'yes' }, complete: true })
    expect(await local('done')).toBeUndefined()
    // one left half-way waits for its questionnaire to be opened, as before
    expect(putsFor('half')).toHaveLength(0)
  })

  it('a refusal (400) is kept as refused with the questions it named, not sent again by itself, and one refused questionnaire does not hold up another', async () => {
    server.reply((path) =>
      path.includes('r-bad')
        ? server.json(400, {
            code: 'VALIDATION_FAILED',
            message: 'x',
            details: [{ path: 'body.answers.q1', message: 'too long' }],
          })
        : null,
    )
    await store.writeLocal(response('bad', { complete: true, submitted: { q1: 'x' } }))
    await store.writeLocal(response('good', { complete: true, submitted: { q1: 'y' } }))
    await store.sendNow('participant', 'bad')
    expect(await local('bad')).toMatchObject({ refused: { questionIds: ['q1'] } })
    expect(await local('good')).toBeUndefined() // sent and forgotten
    expect(server.stored.get('r-good')).toEqual({ answers: { q1: 'y' }, complete: true })
    expect((await store.listRefused('participant')).map((r) => r.surveyId)).toEqual(['bad'])

    // the queue's next run leaves it alone; the participant fixing it sends it
    await store.sendNow('participant', 'other')
    expect(putsFor('bad')).toHaveLength(1)
    server.reply(() => null)
    await store.writeLocal(response('bad', { complete: true, submitted: { q1: 'fixed' } }))
    await store.sendNow('participant', 'bad')
    expect(server.stored.get('r-bad')).toEqual({ answers: { q1: 'fixed' }, complete: true })
    expect(await store.listRefused('participant')).toEqual([])
  })

  it('a server fault skips that questionnaire for the round; a closed one is held until written again', async () => {
    server.reply((path) =>
      path.includes('r-fault')
        ? server.json(500, { code: 'INTERNAL_ERROR', message: 'x' })
        : path.includes('r-closed')
          ? server.json(403, { code: 'SURVEY_CLOSED', message: 'closed' })
          : null,
    )
    await store.writeLocal(response('fault', { complete: true }))
    await store.writeLocal(response('closed', { complete: true }))
    await store.writeLocal(response('fine', { complete: true }))
    await store.sendNow('participant', 'fault')
    expect(server.stored.has('r-fine')).toBe(true)
    expect(await local('fault')).toMatchObject({ complete: true })
    expect(await local('closed')).toMatchObject({ complete: true })
    expect((await local('closed'))?.refused).toBeUndefined()

    await store.sendNow('participant', 'nothing')
    expect(putsFor('fault')).toHaveLength(2) // tried again
    expect(putsFor('closed')).toHaveLength(1) // held
    server.reply(() => null)
    await store.writeLocal(response('closed', { complete: true }))
    await store.sendNow('participant', 'nothing')
    expect(server.stored.get('r-closed')).toMatchObject({ complete: true })
  })

  it('a response the server already has complete is done here too', async () => {
    server.stored.set('r-s1', { answers: {}, complete: true })
    store.watch('participant', 's1', (r) => r && heard.push(r))
    await store.writeLocal(response('s1'))
    await store.sendNow('participant', 's1')
    expect(heard).toEqual([{ ok: true, value: { id: 'r-s1', complete: true } }])
    expect(await local('s1')).toBeUndefined()
  })

  it('in progress every answer given is sent; a submit sends the answers on the path', async () => {
    await store.writeLocal(response('s1', { answers: { q1: 'yes', q2: null as never } }))
    await store.sendNow('participant', 's1')
    expect(server.puts.at(-1)?.body).toMatchObject({ answers: { q1: 'yes' }, complete: false })
    await store.writeLocal(
      response('s1', { answers: { q1: 'yes', off: 'path' }, complete: true, submitted: { q1: 'yes' } }),
    )
    await store.sendNow('participant', 's1')
    expect(server.puts.at(-1)?.body).toMatchObject({ answers: { q1: 'yes' }, complete: true })
  })
})

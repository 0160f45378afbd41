// The hand guards of what the server sends: what they accept and what they turn away.
import { describe, expect, it } from 'vitest'
import { isDiaryEntry, isMe } from './validate'

const entry = {
  id: 'e1',
  occurredAt: '2026-05-04T12:30:00.000Z',
  touchpointId: null,
  proposal: null,
  text: 'Paid twice',
  emotion: -2,
  valence: 'pain',
  channel: null,
  photoId: null,
  version: 1,
  createdAt: '2026-05-04T12:31:00.000Z',
  updatedAt: '2026-05-04T12:31:00.000Z',
}
const me = {
  participant: { id: 'p1', name: 'Noor', language: 'nl' },
  study: { title: 'Parcels', languages: ['nl'] },
  consent: { version: 1, text: '…', given: true },
  diary: null,
  stages: [{ id: 's1', name: 'Order', touchpoints: [] }],
}

describe('the response guards', () => {
  it('accept what the API sends', () => {
    expect(isDiaryEntry(entry)).toBe(true)
    expect(isDiaryEntry({ ...entry, proposal: { id: 'x', description: 'a call', status: 'open' } })).toBe(true)
    expect(isMe(me)).toBe(true)
    expect(isMe({ ...me, consent: null, diary: { form: {}, state: 'open' } })).toBe(true)
  })
  it('turn away a missing or mistyped field the app relies on', () => {
    expect(isDiaryEntry(null)).toBe(false)
    expect(isDiaryEntry([entry])).toBe(false)
    expect(isDiaryEntry({ ...entry, version: '1' })).toBe(false)
    expect(isDiaryEntry({ ...entry, emotion: 1.5 })).toBe(false)
    expect(isDiaryEntry({ ...entry, proposal: undefined })).toBe(false)
    const { text: _, ...noText } = entry
    expect(isDiaryEntry(noText)).toBe(false)
    expect(isMe({ ...me, participant: { ...me.participant, language: 'de' } })).toBe(false)
    expect(isMe({ ...me, consent: undefined })).toBe(false)
    expect(isMe({ ...me, stages: [{ name: 'no id', touchpoints: [] }] })).toBe(false)
  })
})

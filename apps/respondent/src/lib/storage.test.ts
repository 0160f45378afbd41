import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readMigrated } from './storage'

describe('readMigrated', () => {
  let items: Map<string, string>
  beforeEach(() => {
    items = new Map()
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('moves a value under the old key to the new key, once', () => {
    items.set('klantreis-diary-lang', 'nl')
    expect(readMigrated('klantreis.respondent.language', 'klantreis-diary-lang')).toBe('nl')
    expect([...items]).toEqual([['klantreis.respondent.language', 'nl']])
    expect(readMigrated('klantreis.respondent.language', 'klantreis-diary-lang')).toBe('nl')
  })

  it('prefers the new key and leaves an old value alone', () => {
    items.set('klantreis.respondent.language', 'en')
    items.set('klantreis-diary-lang', 'nl')
    expect(readMigrated('klantreis.respondent.language', 'klantreis-diary-lang')).toBe('en')
    expect(items.get('klantreis-diary-lang')).toBe('nl')
  })

  it('is null when neither key holds a value', () => {
    expect(readMigrated('klantreis.respondent.language', 'klantreis-diary-lang')).toBeNull()
  })
})
